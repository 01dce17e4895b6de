"""The 情况说明 of the real published documents in ../shared/real/shanghai-juesuan: found in the body
(never at the 目录's line), every quote bound or unchecked with its reason, and no finding the document
does not deserve."""

from __future__ import annotations

from pathlib import Path

import pytest

import jueSuan
from jueSuan import Severity
from jueSuan.models import Report, TableKind

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real" / "shanghai-juesuan"
TEMPLATE = REAL / "上海市部门决算模板2024.pdf"
PUTUO = REAL / "上海市普陀区文化和旅游局2025年度部门决算.pages.json"


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} not present (the real corpus lives beside the project, in ../shared/real)")


@pytest.fixture(scope="module")
def putuo() -> Report:
    _need(PUTUO)
    return jueSuan.read(PUTUO)


def test_the_template_gives_no_narrative_finding() -> None:
    """The template's 情况说明 is found (after its 目录 entry) and holds XX, not figures: nothing to
    check, nothing reported by the narrative rules (its placeholders are another rule's)."""
    _need(TEMPLATE)
    report = jueSuan.read(TEMPLATE)
    cov = report.coverage
    assert cov is not None and cov.found and cov.paragraphs > 40 and cov.quoted == 0
    assert not [f for f in jueSuan.reconcile(report) if f.rule.startswith("NR")]


def test_the_narrative_is_read_from_the_body(putuo: Report) -> None:
    cov = putuo.coverage
    assert cov is not None and cov.found and cov.quoted > 100
    toc = next(p.index for p in putuo.narrative if "目录" in p.text)
    first = min(q.paragraph for q in putuo.quotes)
    heading = max(p.index for p in putuo.narrative if p.index < first and "第三部分" in p.text)
    assert heading > toc + 5  # the body's heading, well after the 目录's line
    # every figure of the 情况说明 is either checked or unchecked with its reason
    assert cov.checked + sum(n for _, n in cov.unchecked) == cov.quoted
    assert all(q.binding is not None and q.binding.how for q in putuo.quotes)


def test_the_narratives_own_arithmetic_holds(putuo: Report) -> None:
    """Its shares, growth rates, completion rates, 大于/小于/持平 sentences, 政府采购 parts, 车辆 and 绩效
    counts are consistent: no error. Two figures are undefined (a rate on 0): warnings."""
    findings = jueSuan.reconcile(putuo)
    assert not [f.message for f in findings if f.rule in ("NR002", "NR003", "NR004", "NR005", "NR006", "NR007",
                                                          "NR008") and f.severity is Severity.ERROR]
    warnings = [f for f in findings if f.rule.startswith("NR") and f.severity is Severity.WARNING]
    assert {f.rule for f in warnings} == {"NR003", "NR004"}
    assert all(f.right is None for f in warnings)  # undefined, not a different value
    relations = {q.binding.target for q in putuo.quotes if q.binding is not None and q.binding.checked}
    assert {"share", "growth", "completion", "relation", "table"} <= relations


def test_its_narrative_errors_are_all_against_the_table_that_contradicts_itself(putuo: Report) -> None:
    """The figures of 一、二、三、四 agree with the tables. Its 一般公共预算财政拨款支出决算表 prints amounts on
    rows they do not belong to (its 合计 is 1,700.57; its rows do not add up — the table rules say so); the
    narrative's figures for those rows disagree with it, and only those."""
    findings = jueSuan.reconcile(putuo)
    t5 = putuo.table(TableKind.GPB_EXPENDITURE)
    assert t5 is not None
    assert [f for f in findings if f.rule == "CL004" and f.table == t5.display_title]
    assert not [f for f in findings if f.rule == "NR001" and f.severity is Severity.ERROR]
    # the table is the document's fault, reported once by XT030: what the narrative says of it is unchecked
    errors = [f for f in findings if f.rule == "NR001" and f.severity is Severity.UNCHECKED]
    assert len(errors) >= 10
    for f in errors:
        assert f.terms[1].label.startswith(t5.display_title), f.message
        assert "XT030" in f.message, f.message
    assert len([f for f in findings if f.rule == "XT030" and f.severity is Severity.ERROR]) == 1
    table_bound = [q for q in putuo.quotes if q.binding is not None and q.binding.target == "table"]
    agreeing = [q for q in table_bound if q.binding is not None and q.binding.table is not TableKind.GPB_EXPENDITURE]
    assert len(agreeing) >= 10
    assert not [f for f in errors if any(t.ref == q.ref for q in agreeing for t in f.terms)]


def test_items_of_the_government_fund_section_are_checked_against_its_table(putuo: Report) -> None:
    fund_items = [q for q in putuo.quotes if q.part.startswith("八") and q.classification and q.role == "actual"]
    assert fund_items and all(q.binding is not None and q.binding.table is TableKind.GOV_FUND for q in fund_items)
