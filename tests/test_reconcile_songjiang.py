"""The real reader on the real Songjiang samples: the exact findings, and none on the fixed one."""

from __future__ import annotations

from pathlib import Path

import jueSuan
from jueSuan import Severity, TableKind

T6 = "2020年度一般公共预算财政拨款基本支出决算表"
T5 = "一般公共预算财政拨款支出决算表"
ASSETS = "资产负债情况表"


def _keys(findings: jueSuan.Findings) -> set[tuple[str, str, str, str]]:
    return {(f.rule, f.severity.label, f.table, f.line) for f in findings}


def test_all_tables_recognised(published: Path) -> None:
    report = jueSuan.read(published)
    assert [t.kind for t in report.tables] == list(TableKind)
    assert report.unit_name == "上海市松江区城市运行管理中心"
    assert report.year == 2020
    assert report.unit is jueSuan.Unit.WAN
    # the only thing not placed is the 单位 list of the overview, and it is reported
    assert [u.what for u in report.unplaced] == ["table 1"]
    t3 = report.table(TableKind.EXPENDITURE)
    assert t3 is not None
    row = t3.by_code("2080505")
    assert row is not None and row.level is jueSuan.Level.ITEM and row.label == "机关事业单位基本养老保险缴费支出"
    assert str(row.get("total").value) == "99.08"  # type: ignore[union-attr]
    t5 = report.table(TableKind.GPB_EXPENDITURE)
    assert t5 is not None and t5.total is not None and t5.total.label == "合计了"


def test_published_findings_exact(published: Path) -> None:
    findings = jueSuan.reconcile(jueSuan.read(published))
    tables = {k for k in _keys(findings) if not k[0].startswith("NR")}
    assert tables == {
        ("XT007", "error", f"{T5}／{T6}", "基本支出"),
        ("EC003", "rounding", T6, "301 工资福利支出／决算数"),
        ("EC003", "rounding", T6, "302 商品和服务支出／决算数"),
        ("EC003", "rounding", T6, "310 资本性支出／决算数"),
        ("AS004", "unchecked", ASSETS, "其中：（1）车辆（辆）／数量年初数"),
        ("AS004", "unchecked", ASSETS, "其中：（1）车辆（辆）／价值年初数"),
    }
    narrative = {(f.rule, f.severity.label, f.line) for f in findings if f.rule.startswith("NR") and f.rule != "NR009"}
    assert narrative == {
        ("NR001", "error", "收入支出总计"),
        ("NR001", "error", "公用经费"),
        ("NR005", "error", "社会保障和就业支出行政事业单位养老支出机关事业单位职业年金缴费支出"),
        # 完成预算的0.00% against budgets of 0.00: meaningless rather than wrong, hence warnings
        ("NR004", "warning", "三公经费财政拨款支出完成率"),
        ("NR004", "warning", "因公出国(境)费完成率"),
        ("NR004", "warning", "公务用车购置及运行维护费完成率"),
        ("NR004", "warning", "公务接待费完成率"),
    }
    # no 绩效自评表 in this file: only the P rules are not applicable (and the budget rules, BG, and the
    # cross-document ones, XD, which need a 预算 beside it)
    assert {n.rule[:2] for n in findings.not_applicable} == {"PF", "BG", "XD"}


def test_table6_break_figures_and_locations(published: Path) -> None:
    f = next(iter(jueSuan.reconcile(jueSuan.read(published)).filter(rule="XT007")))
    assert f.severity is Severity.ERROR
    assert (str(f.left), str(f.right), str(f.difference), str(f.bound)) == ("2026.81", "3984.05", "-1957.24", "0.015")
    assert [(t.printed, t.ref.table, t.ref.row, t.ref.col) for t in f.terms] == [
        ("2,026.81", 5, 17, 3), ("1,963.59", 6, 38, 2), ("2,020.46", 6, 38, 5)]
    assert "3,984.05" in f.message and "2,026.81" in f.message


def test_rounding_carries_its_bound(published: Path) -> None:
    findings = jueSuan.reconcile(jueSuan.read(published)).filter(rule="EC003")
    by_line = {f.line.split()[0]: f for f in findings}
    assert str(by_line["301"].difference) == "0.01" and str(by_line["301"].bound) == "0.070"
    assert str(by_line["302"].difference) == "-0.01" and str(by_line["302"].bound) == "0.140"
    assert str(by_line["310"].difference) == "-0.01" and str(by_line["310"].bound) == "0.030"
    assert len(by_line["301"].terms) == 14


def test_fixed_has_no_error_or_rounding(fixed: Path) -> None:
    findings = jueSuan.reconcile(jueSuan.read(fixed))
    assert not list(findings.filter(at_least=Severity.ROUNDING).filter(
        severity=[Severity.ERROR, Severity.ROUNDING]))
    # the only warnings: 完成预算的0.00% of budgets of 0.00, printed as published
    assert {f.rule for f in findings.filter(severity=Severity.WARNING)} == {"NR004"}
