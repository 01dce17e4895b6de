"""Across documents: a 决算 whose 年初预算 figures come from a real 预算 (the Putuo 商务委员会 2025
部门预算 of ../shared/real), one of them changed: ``reconcile 决算 --budget 预算`` finds that one."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import attrs
import pytest

import jueSuan
from jueSuan.cli import main
from jueSuan.fixtures import UP, wide
from jueSuan.fixtures.word import write_docx
from jueSuan.models import BudgetTableKind, Report

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
BUDGET = REAL / "shanghai-budgets" / "上海市普陀区商务委员会25年预算.pdf"
pytestmark = pytest.mark.skipif(not BUDGET.is_file(), reason=f"{BUDGET} is absent")
CHANGED = "2011302"


def _wan(f: object) -> str:
    value = getattr(f, "value", Decimal(0)) if getattr(f, "is_number", False) else Decimal(0)
    return f"{(value / 10000).quantize(Decimal('0.01'), ROUND_HALF_UP):,}"


def _narrative(budget: Report, changed: str | None) -> list[str]:
    """The 情况说明 of the 决算: for each 项 of the budget's 一般公共预算支出功能分类预算表, the sentence of the
    Shanghai template quoting its 年初预算 (the budget's 合计 in 万元); the 项 ``changed`` says 1.00 万元 more."""
    b5 = budget.table(BudgetTableKind.GPB_EXPENDITURE)
    out = ["第三部分 上海市普陀区商务委员会2025年度部门决算情况说明", "五、一般公共预算财政拨款支出决算情况说明"]
    items = [ln for ln in b5.lines if ln.code and len(ln.code) == 7]
    for n, ln in enumerate(items, 1):
        names = [b5.by_code(ln.code[:3]), b5.by_code(ln.code[:5]), ln]
        if any(x is None for x in names):
            continue
        said = Decimal(_wan(ln.get("total")).replace(",", "")) + (1 if ln.code == changed else 0)
        out.append(f"{n}、{names[0].label}（类）{names[1].label}（款）{names[2].label}（项）。"
                   f"年初预算为{said:,.2f}万元，支出决算为{said:,.2f}万元。")
    return out


def _final_accounts(budget: Report, path: Path, change: bool, narrative_change: str | None = None) -> Path:
    """A 2025 部门决算 of the same unit: its 一般公共预算 table's 年初预算 and its 三公 预算数 taken from
    the budget (元 → 万元, as a 决算 prints them), and its 情况说明's per-项 年初预算; with ``change`` one
    table 年初预算 figure is 1.00 万元 more, with ``narrative_change`` one 项's 年初预算 in the text."""
    b5 = budget.table(BudgetTableKind.GPB_EXPENDITURE)
    rows: list[list[object]] = [["科目编码", "科目名称", wide("年初预算", 3), wide("决算数", 3)],
                                [UP, UP, "合计", "基本支出", "项目支出", "合计", "基本支出", "项目支出"]]
    for ln in b5.lines:
        vals = [_wan(ln.get(k)) for k in ("total", "basic", "project")]
        if change and ln.code == CHANGED:
            vals[2] = f"{Decimal(vals[2].replace(',', '')) + 1:,}"
        rows.append([ln.code or "合计", "" if not ln.code else ln.label, *vals, *vals])
    b9 = budget.table(BudgetTableKind.THREE_PUBLIC)
    def tp(role: str) -> str:
        ln = b9.find(role)
        return _wan(None) if ln is None else f"{ln.get('budget').value if ln.get('budget').is_number else 0:.2f}"
    three = [["项目", "预算数", "决算数"], ["合计", tp("total"), tp("total")],
             ["因公出国（境）费", tp("abroad"), tp("abroad")], ["公务用车购置及运行费", tp("vehicle"), tp("vehicle")],
             ["其中：公务用车购置费", tp("vehicle_purchase"), tp("vehicle_purchase")],
             ["公务用车运行费", tp("vehicle_operation"), tp("vehicle_operation")],
             ["公务接待费", tp("reception"), tp("reception")]]
    return write_docx(path, ["上海市普陀区商务委员会2025年度部门决算",
                             "一般公共预算财政拨款支出决算表", "单位：万元", rows,
                             "一般公共预算财政拨款“三公”经费支出决算表", "单位：万元", three,
                             *_narrative(budget, narrative_change)])


@pytest.fixture(scope="module")
def budget() -> Report:
    return jueSuan.read(BUDGET)


def test_the_initial_budget_figures_taken_from_the_budget_agree(budget: Report, tmp_path: Path) -> None:
    final = jueSuan.read(_final_accounts(budget, tmp_path / "juesuan.docx", change=False))
    assert final.year == 2025 and not final.is_budget
    checked: set = set()
    linked = jueSuan.reconcile(attrs.evolve(final, budget=budget), trace=checked)
    assert not [f for f in linked if f.rule == "XD001"]
    assert len({r for r in checked if r.file == BUDGET.name}) >= 30  # the budget's figures were compared
    alone = jueSuan.reconcile(final)
    assert any(n.rule == "XD001" and "--budget" in n.reason for n in alone.not_applicable)


def test_a_changed_initial_budget_figure_is_found_and_nothing_else(budget: Report, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = _final_accounts(budget, tmp_path / "juesuan.docx", change=True)
    main(["reconcile", str(path), "--budget", str(BUDGET), "--format", "json", "--output", str(tmp_path / "o.json")])
    doc = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    found = [f for rep in doc["reports"] for f in rep.get("findings", []) if f["rule"] == "XD001"]
    assert len(found) == 1, found
    f = found[0]
    assert f["severity"] == "error" and CHANGED in f["line"] and "项目支出" in f["message"]
    assert Decimal(f["difference"]) == Decimal("1.00")
    # given side by side, the 决算 and the 预算 are two reports and the 预算 is used for the 决算
    main(["reconcile", str(path), str(BUDGET)])
    out = capsys.readouterr().out
    assert out.count("== ") == 2 and "XD001" in out


def test_a_changed_initial_budget_in_the_narrative_is_found_and_nothing_else(budget: Report, tmp_path: Path) -> None:
    """The 情况说明 quotes the 年初预算 of every 项 of the budget; each is compared with the budget's, and
    the one said 1.00 万元 more than the budget is the only XD001 finding."""
    b5 = budget.table(BudgetTableKind.GPB_EXPENDITURE)
    items = [ln.code for ln in b5.lines if ln.code and len(ln.code) == 7]
    changed = next(c for c in items if c != CHANGED)
    good = jueSuan.read(_final_accounts(budget, tmp_path / "good.docx", change=False))
    quoted = [q for q in good.quotes if q.role == "budget" and q.classification]
    assert len(quoted) == len(items) >= 5  # every 项 of the budget is quoted by the 决算's 情况说明
    checked: set = set()
    assert not [f for f in jueSuan.reconcile(attrs.evolve(good, budget=budget), trace=checked) if f.rule == "XD001"]
    assert {q.ref for q in quoted} <= checked  # each quote was compared
    bad = jueSuan.read(_final_accounts(budget, tmp_path / "bad.docx", change=False, narrative_change=changed))
    found = [f for f in jueSuan.reconcile(attrs.evolve(bad, budget=budget)) if f.rule == "XD001"]
    assert len(found) == 1, [f.message for f in found]
    f = found[0]
    assert f.severity.label == "error" and f.table == "情况说明" and b5.by_code(changed).label in f.line
    assert abs(f.difference - 1) <= Decimal("0.005") and changed in f.message  # 1.00 万元, less the 元 rounded away


def _previous_year(path: Path, summary_total: str, fiscal_total: str, gpb_total: str) -> Path:
    """A 2019 部门决算 of the Songjiang unit with the three totals its 2020 narrative compares with."""
    t1 = [["项目", "金额", "项目", "金额"], ["一、财政拨款收入", summary_total, "一、一般公共服务支出", summary_total],
          ["本年收入合计", summary_total, "本年支出合计", summary_total], ["总计", summary_total, "总计", summary_total]]
    t4 = [["项目", "金额", "项目", "合计", "一般公共预算财政拨款"],
          ["一、一般公共预算财政拨款", fiscal_total, "一、一般公共服务支出", fiscal_total, fiscal_total],
          ["本年收入合计", fiscal_total, "本年支出合计", fiscal_total, fiscal_total],
          ["总计", fiscal_total, "总计", fiscal_total, fiscal_total]]
    t5 = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["201", "一般公共服务支出", gpb_total, gpb_total, ""],
          ["合计", "", gpb_total, gpb_total, ""]]
    return write_docx(path, ["上海市松江区城市运行管理中心2019年度部门决算",
                             "收入支出决算总表", "单位：万元", t1, "财政拨款收入支出决算总表", "单位：万元", t4,
                             "一般公共预算财政拨款支出决算表", "单位：万元", t5])


def test_the_previous_year_changes_are_checked_against_last_years_final_accounts(tmp_path: Path) -> None:
    current = Path(__file__).resolve().parents[1] / "samples" / "songjiang-2020.docx"
    # 2020 prints 4,008.60 / 4,008.60 / 3,984.05 and says they grew by 1,767.69 / 1777.50 / 1762.78
    good = _previous_year(tmp_path / "2019.docx", "2,240.91", "2,231.10", "2,221.27")
    bad = _previous_year(tmp_path / "2019-bad.docx", "2,241.91", "2,231.10", "2,221.27")
    # the three totals of last year were each compared
    checked: set = set()
    jueSuan.reconcile(attrs.evolve(jueSuan.read(current), previous=jueSuan.read(good)), trace=checked)
    assert len({r for r in checked if r.file == good.name}) == 3
    for previous, expected in ((good, []), (bad, [Decimal("1.00")])):  # said 1,767.69, printed 4,008.60 − 2,241.91
        out = tmp_path / "o.json"
        main(["reconcile", str(current), "--previous", str(previous), "--format", "json", "--output", str(out)])
        doc = json.loads(out.read_text(encoding="utf-8"))
        found = [f for f in doc["reports"][0]["findings"] if f["rule"] == "XD002" and "增长率" not in f["line"]]
        assert [Decimal(f["difference"]) for f in found] == expected, found
        assert all(f["severity"] == "error" and "收入支出总计" in f["line"] for f in found)
    assert not any(n["rule"] == "XD002" for n in doc["reports"][0]["not_applicable"])


def _rates(current: Path, previous: Path) -> dict[str, tuple[str, Decimal]]:
    found = jueSuan.reconcile(attrs.evolve(jueSuan.read(current), previous=jueSuan.read(previous)))
    return {f.line: (f.severity.label, f.right) for f in found if f.rule == "XD002" and "增长率" in f.line}


def test_the_previous_year_rates_are_recomputed_from_last_years_final_accounts(tmp_path: Path) -> None:
    """增长 Y% = (本年 − 上年决算) / 上年决算 at the printed precision. The 2020 sample says 收入支出总计 grew
    79.23%, the rate of its misquoted 3,998.79 (NR001 reports that figure); against the table's 4,008.60 and
    last year's 2,240.91 it is 78.88%: XD002 says so whatever else changes. The other two rates hold on
    the good previous year; last year's 一般公共预算 支出 changed makes its rate wrong; a base of 0 leaves it
    undefined (a warning)."""
    current = Path(__file__).resolve().parents[1] / "samples" / "songjiang-2020.docx"
    def rate(now: str, before: str) -> Decimal:
        return ((Decimal(now) - Decimal(before)) / Decimal(before) * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)

    summary = ("收入支出总计与上年相比增长率", ("error", rate("4008.60", "2240.91")))
    good = _previous_year(tmp_path / "2019.docx", "2,240.91", "2,231.10", "2,221.27")
    assert dict([summary]) == _rates(current, good)
    changed = _previous_year(tmp_path / "2019-gpb.docx", "2,240.91", "2,231.10", "2,121.27")
    assert _rates(current, changed) == dict([summary, ("一般公共预算财政拨款支出与上年相比增长率",
                                                       ("error", rate("3984.05", "2121.27")))])
    zero = _previous_year(tmp_path / "2019-zero.docx", "2,240.91", "2,231.10", "0.00")
    assert _rates(current, zero) == dict([summary, ("一般公共预算财政拨款支出与上年相比增长率", ("warning", None))])
