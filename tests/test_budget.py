"""Budgets (部门预算/单位预算): kind detection, budget tables recognised, 决算 rules not applicable,
budget identities (BG001–BG005) — on the real budgets of ../shared/real."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import jsonschema
import pytest

import jueSuan
from jueSuan.cli import main
from jueSuan.models import BudgetTableKind, DocumentKind, Report
from jueSuan.numbers import parse_amount

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real"
SHANGHAI = REAL / "shanghai-budgets"
JIANGSU = REAL / "jiangsu-budgets"
PUTUO = SHANGHAI / "上海市普陀区商务委员会25年预算.pdf"
B = BudgetTableKind

needs_real = pytest.mark.skipif(not SHANGHAI.is_dir(), reason="../shared/real/shanghai-budgets is absent")


@pytest.fixture(scope="module")
def putuo() -> Report:
    if not PUTUO.is_file():
        pytest.skip(f"{PUTUO} is absent")
    return jueSuan.read(PUTUO)


@needs_real
def test_putuo_budget_is_a_budget_with_its_nine_tables(putuo: Report) -> None:
    assert putuo.kind is DocumentKind.DEPARTMENT_BUDGET
    assert "部门预算" in putuo.kind_evidence
    assert putuo.unit_name == "上海市普陀区商务委员会" and putuo.year == 2025
    assert [t.kind for t in putuo.tables] == [B.SUMMARY, B.INCOME, B.EXPENDITURE, B.FISCAL_SUMMARY,
                                              B.GPB_EXPENDITURE, B.GOV_FUND, B.SOE_CAPITAL, B.BASIC_ECONOMIC,
                                              B.THREE_PUBLIC]
    assert putuo.unplaced == ()
    # tables in 元, the 三公 table in 万元
    assert putuo.table(B.EXPENDITURE).unit.label == "元" and putuo.table(B.THREE_PUBLIC).unit.label == "万元"


@needs_real
def test_putuo_budget_gets_no_final_accounts_warnings_and_no_false_error(putuo: Report) -> None:
    findings = jueSuan.reconcile(putuo)
    assert not [f for f in findings if f.rule in ("DC001", "EC003")]
    assert not findings.filter(severity=jueSuan.Severity.ERROR)
    reasons = {n.rule: n.reason for n in findings.not_applicable}
    assert reasons["EC003"] == "部门预算不适用决算规则" and reasons["DC001"] == "部门预算不适用决算规则"
    assert {r for r in reasons if r.startswith("BG")} == {"BG006", "BG007"}  # no 绩效目标表 in it
    assert reasons["BG006"] == "没有财政项目支出绩效目标表"


@needs_real
def test_the_302_line_spans_the_page_break(putuo: Report) -> None:
    econ = putuo.table(B.BASIC_ECONOMIC)
    line = econ.by_code("302")
    kids = [ln for ln in econ.lines if ln.code and ln.code.startswith("302") and len(ln.code) == 5]
    assert len({k.ref.page for k in kids}) == 2  # the 302 items continue on the next page, header repeated
    assert sum((k.get("amount").value for k in kids if k.get("amount").is_number), Decimal(0)) == line.get("amount").value


def _change(report: Report, kind: BudgetTableKind, code: str, column: str, delta: Decimal) -> Report:
    """The report with one printed figure changed by ``delta`` (as if the document printed it so)."""
    tables = []
    for t in report.tables:
        if t.kind is kind:
            lines = []
            for ln in t.lines:
                if ln.code == code:
                    f = ln.get(column)
                    changed = parse_amount(f"{f.value + delta:,}")
                    values = tuple((k, attrs.evolve(v, amount=changed) if k == column else v) for k, v in ln.values)
                    ln = attrs.evolve(ln, values=values)
                lines.append(ln)
            t = attrs.evolve(t, lines=tuple(lines))
        tables.append(t)
    return attrs.evolve(report, tables=tuple(tables))


@needs_real
def test_a_changed_figure_is_found_by_the_row_and_hierarchy_rules(putuo: Report) -> None:
    changed = _change(putuo, B.EXPENDITURE, "2011301", "basic", Decimal(100))
    errors = changed_errors = jueSuan.reconcile(changed).filter(severity=jueSuan.Severity.ERROR)
    rules = {f.rule for f in errors}
    assert {"BG002", "BG003"} <= rules
    row = [f for f in changed_errors if f.rule == "BG002"]
    assert len(row) == 1 and row[0].difference == Decimal(-100) and "2011301" in row[0].line
    assert all("支出预算总表" in f.table for f in errors)


@needs_real
def test_a_changed_three_public_part_is_found(putuo: Report) -> None:
    t = putuo.table(B.THREE_PUBLIC)
    lines = tuple(attrs.evolve(ln, values=(("budget", attrs.evolve(ln.get("budget"),
                                                                   amount=parse_amount("2.00"))),))
                  if ln.role == "reception" else ln for ln in t.lines)
    changed = attrs.evolve(putuo, tables=tuple(attrs.evolve(x, lines=lines) if x is t else x for x in putuo.tables))
    errors = [f for f in jueSuan.reconcile(changed) if f.rule == "BG005"]
    assert len(errors) == 1 and errors[0].severity is jueSuan.Severity.ERROR and errors[0].difference == Decimal(-1)


def _budgets(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf")) if folder.is_dir() else []


@needs_real
@pytest.mark.parametrize("path", _budgets(SHANGHAI), ids=lambda p: p.stem)
def test_every_shanghai_budget_is_read_as_a_budget_with_nine_tables(path: Path) -> None:
    report = jueSuan.read(path)
    assert report.kind is (DocumentKind.UNIT_BUDGET if "单位预算" in report.kind_evidence
                           else DocumentKind.DEPARTMENT_BUDGET)
    assert report.kind.value in report.kind_evidence
    assert len(report.tables) == 9 and all(isinstance(t.kind, BudgetTableKind) for t in report.tables)
    findings = jueSuan.reconcile(report)  # the errors it finds: tests/test_budget_truth.py
    assert not [f for f in findings if f.rule.startswith(("DC001", "EC", "CL", "SU", "XT"))]
    # the 预算编制说明 is checked against the budget tables (NR rules that hold for a budget), never as a 决算's
    assert {f.rule for f in findings if f.rule.startswith("NR")} <= {"NR001", "NR002", "NR003", "NR006", "NR009",
                                                                    "NR010"}
    assert report.coverage is not None and report.coverage.found and report.coverage.name == "预算编制说明"


@pytest.mark.skipif(not JIANGSU.is_dir(), reason="../shared/real/jiangsu-budgets is absent")
@pytest.mark.parametrize("path", [p for p in _budgets(JIANGSU) if "表" in p.stem], ids=lambda p: p.stem)
def test_jiangsu_table_files_are_budgets_with_no_error(path: Path) -> None:
    report = jueSuan.read(path)
    assert report.kind is DocumentKind.DEPARTMENT_BUDGET
    assert {B.SUMMARY, B.INCOME, B.FISCAL_SUMMARY} <= {t.kind for t in report.tables}
    assert report.unit_name and "江苏" in report.unit_name
    assert not jueSuan.reconcile(report).filter(severity=jueSuan.Severity.ERROR)


def test_the_songjiang_final_accounts_stay_a_final_accounts_report(published: Path) -> None:
    report = jueSuan.read(published)
    assert report.kind is DocumentKind.DEPARTMENT_FINAL
    assert not any(isinstance(t.kind, BudgetTableKind) for t in report.tables)
    by_kind = {n.rule: n.reason for n in jueSuan.reconcile(report).not_applicable if "不适用" in n.reason}
    assert by_kind and all(r.startswith("BG") and why == "部门决算不适用预算规则" for r, why in by_kind.items())


@needs_real
def test_json_and_text_state_the_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.json"
    main(["reconcile", str(PUTUO), "--format", "json", "--output", str(out)])
    doc = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "docs" / "findings.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    rep = doc["reports"][0]
    assert rep["document_kind"] == "部门预算" and [t["kind"] for t in rep["tables"]][:2] == ["B1", "B2"]
    main(["reconcile", str(PUTUO)])
    assert "文件类型 部门预算" in capsys.readouterr().out


@needs_real
def test_the_performance_target_sheets_are_read_and_checked() -> None:
    path = SHANGHAI / "上海市普陀区万里街道办事处2023年部门预算.pdf"
    report = jueSuan.read(path)
    assert [t.project for t in report.targets][:2] == ["新建万里街道社区公共服务中心", "就业援助基地补贴"]
    assert len(report.targets) == 5 and not report.evaluations
    first = report.targets[0]
    assert first.unit.label == "元" and first.fund("project_total")[1].value == Decimal("4100000.00")
    assert {i.level1 for i in first.indicators} >= {"产出指标", "效益指标"}
    assert first.indicators[0].target.low == Decimal("13459.00")
    errors = [f for f in jueSuan.reconcile(report) if f.rule == "BG006"]
    assert len(errors) == 1 and errors[0].difference == Decimal("-516000.00") and "公共服务设施运行经费" in errors[0].table
    # an indicator without its 指标值 is reported
    ind = attrs.evolve(first.indicators[1], target=attrs.evolve(first.indicators[1].target, text=""))
    indicators = (first.indicators[0], ind, *first.indicators[2:])
    changed = attrs.evolve(report, targets=(attrs.evolve(first, indicators=indicators),))
    warnings = [f for f in jueSuan.reconcile(changed) if f.rule == "BG007"]
    assert len(warnings) == 1 and "缺少指标值" in warnings[0].message
