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


def _final_accounts(budget: Report, path: Path, change: bool) -> Path:
    """A 2025 部门决算 of the same unit: its 一般公共预算 table's 年初预算 and its 三公 预算数 taken from
    the budget (元 → 万元, as a 决算 prints them); with ``change`` one 年初预算 figure is 1.00 万元 more."""
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
                             "一般公共预算财政拨款“三公”经费支出决算表", "单位：万元", three])


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
        found = [f for f in doc["reports"][0]["findings"] if f["rule"] == "XD002"]
        assert [Decimal(f["difference"]) for f in found] == expected, found
        assert all(f["severity"] == "error" and "收入支出总计" in f["line"] for f in found)
    assert not any(n["rule"] == "XD002" for n in doc["reports"][0]["not_applicable"])
