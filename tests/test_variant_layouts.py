"""A layout the seeds do not show, consistent: every table recognised, every line placed, no
finding; then one figure changed at a time, each caught."""

from __future__ import annotations

from pathlib import Path

import pytest

import jueSuan
from jueSuan import Severity, TableKind

from . import variant_national as v


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> jueSuan.Report:
    return jueSuan.read(v.write(tmp_path_factory.mktemp("v") / "national.docx"))


def test_everything_recognised_and_placed(clean: jueSuan.Report) -> None:
    assert [t.kind for t in clean.tables] == list(TableKind)
    assert clean.unplaced == ()
    assert clean.unit is jueSuan.Unit.YUAN
    assert clean.year == 2021
    t1 = clean.table(TableKind.SUMMARY)
    assert t1 is not None
    income = {ln.key: str(ln.get("amount").value) for ln in t1.all("income_item")}  # type: ignore[union-attr]
    assert income["fiscal"] == "900000.00" and income["other"] == "20000.00"  # not the 行次 column
    assert len(list(t1.all("class"))) == 2
    t3 = clean.table(TableKind.EXPENDITURE)
    assert t3 is not None
    assert [ln.code for ln in t3.rows] == ["201", "20103", "2010301", "2010350", "208", "20805", "2080505"]
    t5 = clean.table(TableKind.GPB_EXPENDITURE)
    assert t5 is not None and len(t5.rows) == 7  # continued in two more tables, repeated header dropped
    assert t5.by_code("2080505").ref.table != t5.by_code("201").ref.table  # type: ignore[union-attr]


def test_no_finding_on_a_consistent_document(clean: jueSuan.Report) -> None:
    findings = jueSuan.reconcile(clean)
    assert [(f.rule, f.message) for f in findings] == []
    # no 绩效自评表 in this document: only the P rules are not applicable (and the budget rules, BG, and
    # the cross-document ones, XD, which need a 预算 beside it)
    assert {n.rule[:2] for n in findings.not_applicable} == {"PF", "BG", "XD"}


def _set(rows: list[list[object]], label: str, col: int, text: str) -> list[list[object]]:
    out = [list(r) for r in rows]
    row = next(r for r in out if label in [str(getattr(c, "text", c)) for c in r])
    row[col] = text
    return out


@pytest.mark.parametrize(
    ("table", "label", "col", "text", "rules"),
    [
        ("summary", "本年收入合计", 2, "930,000.00", {"SU001", "SU003", "SU006", "XT001"}),
        ("expenditure", "行政运行", 6, "90,000.00", {"CL002", "CL004", "XT006"}),
        ("economic", "津贴补贴", 3, "210,000.00", {"EC004", "CL004"}),
        ("three", "3.公务接待费", 2, "5,000.00", {"TP001", "XT008"}),
        ("assets", "（一）流动资产", 2, "460,000.00", {"AS002"}),
        ("fiscal", "社会保障和就业支出", 4, "110,000.00", {"FA001", "FA002", "XT005"}),
    ],
)
def test_one_change_is_caught(tmp_path: Path, table: str, label: str, col: int, text: str, rules: set[str]) -> None:
    base = {"summary": v.summary, "expenditure": v.expenditure, "economic": v.economic, "three": v.three_public,
            "assets": v.assets, "fiscal": v.fiscal}[table]()
    report = jueSuan.read(v.write(tmp_path / "x.docx", {table: _set(base, label, col, text)}))
    errors = jueSuan.reconcile(report).filter(severity=Severity.ERROR)
    hit = {f.rule for f in errors}
    assert hit & rules, [f.message for f in errors]
    assert all(any(t.printed == text for t in f.terms) for f in errors), [f.message for f in errors]
