"""绩效自评表: the 36 tables of the seeds read back whole, their findings exact, and each P rule
caught on a table changed in one place."""

from __future__ import annotations

import collections
import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import jueSuan
from jueSuan import Severity
from jueSuan.builders.performance import parse_target
from jueSuan.fixtures import UP, wide
from jueSuan.fixtures.word import write_docx
from jueSuan.rules.performance import misses

from .conftest import SAMPLES


def _perf_data():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("perf_data", SAMPLES / "perf_data.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["perf_data"] = mod  # dataclasses look their module up while the module runs
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("source", ["jiading-perf-2024", "huating-perf-2024", "pujin-perf-2023",
                                    "songjiang-2020-appendix"])
def test_every_table_and_indicator_is_read(source: str) -> None:
    n_tables, per_table = _perf_data().EXPECTED_COUNTS[source]
    report = jueSuan.read(SAMPLES / f"{source}.docx")
    assert len(report.evaluations) == n_tables
    assert [len(ev.indicators) for ev in report.evaluations] == per_table
    assert report.unplaced == ()
    for ev in report.evaluations:
        assert ev.project and ev.fund("total") is not None and ev.fund("fiscal") is not None


def _counts(path: Path) -> collections.Counter[tuple[str, str]]:
    return collections.Counter((f.rule, f.severity.label) for f in jueSuan.reconcile(jueSuan.read(path)))


def test_jiading_findings() -> None:
    report = jueSuan.read(SAMPLES / "jiading-perf-2024.docx")
    findings = jueSuan.reconcile(report)
    assert collections.Counter((f.rule, f.severity.label) for f in findings) == {
        ("PF001", "error"): 4, ("PF007", "warning"): 17}
    breaks = {(f.table, f.line, str(f.left), str(f.right)) for f in findings.filter(rule="PF001")}
    got = {(t.split("「")[1].rstrip("」"), lhs, rhs) for t, _, lhs, rhs in breaks}
    assert {(lhs, rhs) for _, lhs, rhs in got} == {("70.00", "74.85"), ("47.45", "59.31"), ("265.01", "268.89"),
                                                   ("22.00", "18.90")}
    assert all(f.line == "年度资金总额／年初预算数" for f in findings.filter(rule="PF001"))
    lost = [f for f in findings.filter(rule="PF007") if f.line == "城市治理数字能级创新性"]
    assert lost and [t.printed for t in lost[0].terms] == ["9.00", "10.00"]


def test_consistent_seeds_have_no_finding() -> None:
    assert _counts(SAMPLES / "huating-perf-2024.docx") == {}
    assert _counts(SAMPLES / "pujin-perf-2023.docx") == {}


def test_songjiang_appendix_findings() -> None:
    report = jueSuan.read(SAMPLES / "songjiang-2020-appendix.docx")
    findings = jueSuan.reconcile(report)
    assert collections.Counter((f.rule, f.severity.label) for f in findings) == {
        ("PF004", "error"): 9, ("PF008", "warning"): 11, ("PF009", "warning"): 1}
    missed = {f.line for f in findings.filter(rule="PF008")}
    assert {"硬件维护次数", "公安视频介入系统", "居民知晓度", "民生服务监控程度"} <= missed
    assert all(ev.unit is jueSuan.Unit.WAN for ev in report.evaluations)
    weights = next(f for f in findings.filter(rule="PF004") if "575856.58" not in f.table)
    assert weights.right is not None and Decimal(85) <= weights.right <= Decimal(97)


@pytest.mark.parametrize(
    ("text", "op", "low", "high", "unit"),
    [("≥90.00(%)", ">=", "90.00", "90.00", "%"), ("=100.00(%)", "=", "100.00", "100.00", "%"),
     ("≤27.40(万元)", "<=", "27.40", "27.40", "万元"), ("12个月", None, "12", "12", "个月"),
     ("2-3人", "range", "2", "3", "人"), ("100%", None, "100", "100", "%"), ("＞80%", ">", "80", "80", "%"),
     ("≥53.00(人)", ">=", "53.00", "53.00", "人")],
)
def test_targets(text: str, op: str | None, low: str, high: str, unit: str) -> None:
    t = parse_target(text)
    assert (t.op, str(t.low), str(t.high), t.unit) == (op, low, high, unit)


@pytest.mark.parametrize("text", ["及时", "达成指标", "未执行", "稳步提升", "便捷"])
def test_word_targets(text: str) -> None:
    assert not parse_target(text).is_numeric


@pytest.mark.parametrize(
    ("target", "actual", "missed"),
    [("≥20", "≥5", True), ("12", "6", True), ("100%", "0", True), ("100%", "0%", True), ("提高", "未执行", True),
     ("≥90.00(%)", "100.00(%)", False), ("≤27.40(万元)", "30.00(万元)", True), ("≤27.40(万元)", "20.00(万元)", False),
     ("及时", "达成指标", False), ("=34.00(个)", "35.00(个)", False), ("2-3人", "2-3人", False)],
)
def test_missed_targets(target: str, actual: str, missed: bool) -> None:
    assert misses(parse_target(target), parse_target(actual)) is missed


def _table(funds: dict[str, list[str]] | None = None, indicators: list[list[str]] | None = None,
           total: tuple[str, str] = ("100.00", "98.99"), grade: str = "优") -> list[list[object]]:
    f = {"年度资金总额：": ["615.90", "615.90", "615.14", "10.00", "99.87", "9.99"],
         "其中：当年财政拨款": ["615.90", "615.90", "615.14", "-", "99.87", "-"],
         "上年结转资金": ["0.00", "0.00", "0.00", "-", "0.00", "-"],
         "其他资金": ["0.00", "0.00", "0.00", "-", "0.00", "-"]}
    f.update(funds or {})
    inds = indicators or [
        ["产出指标", "数量指标", "聘用人员总数", "≥53.00(人)", "53.00(人)", "30.00", "30.00", ""],
        [UP, "质量指标", "热线工作质量", "稳步提升", "达成指标", "20.00", "20.00", ""],
        ["效益指标", "社会效益指标", "城市治理数字能级创新性", "提升", "达成指标", "30.00", "29.00", "因…"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95.00(%)", "95.00(%)", "10.00", "10.00", ""],
    ]
    rows: list[list[object]] = [
        [wide("项目名称", 2), wide("政府聘用辅助人员经费", 6)],
        [wide("主管部门", 2), wide("某中心", 2), wide("实施单位", 2), wide("某中心", 2)],
        [wide("项目资金（万元）", 2), "年初预算数", "全年预算数", "全年执行数", "分数", "执行率(%)", "得分"],
    ]
    for i, (label, vals) in enumerate(f.items()):
        rows.append(["" if i == 0 else UP, label, *vals])
    rows += [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"], *inds,
             [wide("总分", 5), total[0], total[1], ""], [wide("评分等级", 2), wide(grade, 6)]]
    return rows


def _findings(tmp_path: Path, **kw: object) -> jueSuan.Findings:
    path = write_docx(tmp_path / "p.docx", ["财政项目支出绩效自评表", "（2024年度）", _table(**kw)])  # type: ignore[arg-type]
    return jueSuan.reconcile(jueSuan.read(path))


def test_consistent_table(tmp_path: Path) -> None:
    assert [f.message for f in _findings(tmp_path)] == []


@pytest.mark.parametrize(
    ("kw", "rule"),
    [
        ({"funds": {"年度资金总额：": ["615.90", "615.90", "615.14", "10.00", "99.70", "9.97"]}}, "PF002"),
        ({"funds": {"年度资金总额：": ["615.90", "615.90", "615.14", "10.00", "99.87", "9.98"]}}, "PF003"),
        ({"funds": {"其中：当年财政拨款": ["600.00", "615.90", "615.14", "-", "99.87", "-"]}}, "PF001"),
        ({"total": ("100.00", "97.99")}, "PF005"),
        ({"grade": "良"}, "PF006"),
        ({"indicators": [
            ["产出指标", "数量指标", "聘用人员总数", "≥53.00(人)", "53.00(人)", "30.00", "31.00", ""],
            [UP, "质量指标", "热线工作质量", "稳步提升", "达成指标", "20.00", "20.00", ""],
            ["效益指标", "社会效益指标", "城市治理数字能级创新性", "提升", "达成指标", "30.00", "28.00", "因…"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95.00(%)", "95.00(%)", "10.00", "10.00", ""]]}, "PF004"),
    ],
)
def test_each_rule_catches_its_break(tmp_path: Path, kw: dict[str, object], rule: str) -> None:
    findings = _findings(tmp_path, **kw)
    assert rule in {f.rule for f in findings.filter(severity=Severity.ERROR)}, [f.message for f in findings]


def test_missing_reason_and_missed_target_are_warnings(tmp_path: Path) -> None:
    findings = _findings(tmp_path, indicators=[
        ["产出指标", "数量指标", "聘用人员总数", "≥53.00(人)", "40.00(人)", "30.00", "30.00", ""],
        [UP, "质量指标", "热线工作质量", "稳步提升", "达成指标", "20.00", "20.00", ""],
        ["效益指标", "社会效益指标", "城市治理数字能级创新性", "提升", "达成指标", "30.00", "29.00", "无"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95.00(%)", "95.00(%)", "10.00", "10.00", ""]])
    assert {(f.rule, f.severity, f.line) for f in findings} == {
        ("PF008", Severity.WARNING, "聘用人员总数"), ("PF007", Severity.WARNING, "城市治理数字能级创新性")}
