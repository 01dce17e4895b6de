"""The same findings whatever the format the disclosure came in, and several files as one report."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import jueSuan

from .conftest import SAMPLES


def _findings(*paths: Path) -> list[tuple[str, str, str, str | None, str | None, str | None]]:
    def s(d: object) -> str | None:
        return None if d is None else str(d)

    return sorted((f.rule, f.severity.label, f.line, s(f.left), s(f.right), s(f.bound))
                  for f in jueSuan.reconcile(jueSuan.read(*paths)))


@pytest.mark.parametrize("name", ["songjiang-2020", "songjiang-2020-fixed"])
def test_same_findings_in_docx_xlsx_xls_pdf(name: str) -> None:
    docx = _findings(SAMPLES / f"{name}.docx")
    assert docx
    for ext in (".xlsx", ".xls", ".pdf"):
        assert _findings(SAMPLES / f"{name}{ext}") == docx, ext


@pytest.mark.parametrize("name", ["jiading-perf-2024", "huating-perf-2024", "pujin-perf-2023", "songjiang-2020-appendix"])
def test_performance_tables_same_from_docx_and_pdf(name: str) -> None:
    assert _findings(SAMPLES / f"{name}.pdf") == _findings(SAMPLES / f"{name}.docx")


def test_several_files_one_report() -> None:
    """Tables from a workbook, the appendix from a PDF: one report, with the cross-checks that need
    both (the 元/万元 slip once, Σ 1,957.28 against 项目支出 1,957.24 once)."""
    report = jueSuan.read(SAMPLES / "songjiang-2020.xlsx", SAMPLES / "songjiang-2020-appendix.pdf")
    assert len(report.tables) == 10 and len(report.evaluations) == 9
    findings = jueSuan.reconcile(report)
    slip = list(findings.filter(rule="PF009"))
    near = list(findings.filter(rule="PF010"))
    assert len(slip) == 1 and len(near) == 1
    assert str(near[0].right) == "1957.24" and str(near[0].left.quantize(Decimal("0.01"))) == "1957.28"
    assert "1,957.28" in near[0].message and "1,957.24" in near[0].message
    files = {t.ref.file for f in findings for t in f.terms}
    assert {"songjiang-2020.xlsx", "songjiang-2020-appendix.pdf"} <= files
