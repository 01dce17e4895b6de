"""Nothing of a readable file is lost: content a careless reader drops in silence (a table in
``w:customXml`` or in a text box, a sheet whose part is missing, an Excel error value or NaN in a 合计
row, a cell addressed A0) is read, or listed with its place; the text output never takes a label
for a number. Each file is built by ``make_hostile.readable_cases`` from a sample and read as it is."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import jueSuan
from jueSuan.readers import read_document
from jueSuan.render import Outcome
from jueSuan.render.text import render_text

from .conftest import ROOT, SAMPLES
from .make_hostile import build_readable, readable_cases

CASES = {c.name: c for c in readable_cases()}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {case.name: path for case, path in build_readable(tmp_path_factory.mktemp("readable"))}


def _checked(path: Path) -> tuple[jueSuan.Report, jueSuan.Findings]:
    report = jueSuan.read(path)
    return report, jueSuan.reconcile(report)


def _rules(findings: jueSuan.Findings) -> Counter[str]:
    return Counter(f.rule for f in findings)


@pytest.mark.parametrize("name", ["customxml.docx", "textbox.docx"])
def test_docx_tables_in_wrappers_and_text_boxes_are_read(name: str, files: dict[str, Path]) -> None:
    sample_report, sample_findings = _checked(SAMPLES / CASES[name].like)
    report, findings = _checked(files[name])
    assert [t.kind for t in report.tables] == [t.kind for t in sample_report.tables], CASES[name].what
    assert _rules(findings) == _rules(sample_findings)
    # each table once: the VML fallback copy of a text box is not read a second time
    assert len(read_document(files[name]).grids) == len(read_document(SAMPLES / CASES[name].like).grids)
    moved = report.tables[1]  # the second table of the body was moved into the wrapper or box
    assert moved.kind == sample_report.tables[1].kind and moved.total is not None


def test_text_box_text_is_not_doubled_into_its_anchor_paragraph(files: dict[str, Path]) -> None:
    doc = read_document(files["textbox.docx"])
    # the header cells of the boxed 收入决算表, run together, were the anchor paragraph's text
    assert not any("本年收入合计财政拨款收入" in p.text for p in doc.paragraphs)
    assert not any("本年收入合计财政拨款收入" in p.text for p in read_document(SAMPLES / "songjiang-2020.docx").paragraphs)


@pytest.mark.parametrize("name,texts", [("error-total.xlsx", ("#DIV/0!", "#REF!")), ("nan-total.xlsx", ("NaN", "INF"))])
def test_error_values_in_a_total_row_are_reported_and_keep_the_row(name: str, texts: tuple[str, str],
                                                                   files: dict[str, Path]) -> None:
    sample_report, sample_findings = _checked(SAMPLES / CASES[name].like)
    report, findings = _checked(files[name])
    income = next(t for t in report.tables if t.display_title.strip() == "收入决算表")
    sample_income = next(t for t in sample_report.tables if t.kind == income.kind)
    assert income.total is not None and sample_income.total is not None
    assert income.total.ref.cell == sample_income.total.ref.cell  # the same row, not in the header
    cited = {u.ref.cell: u.text for u in report.unplaced if u.ref.cell in ("收入决算表!C6", "收入决算表!D6")}
    assert cited == {"收入决算表!C6": texts[0], "收入决算表!D6": texts[1]}, report.unplaced
    assert not any("未找到合计行" in f.message for f in findings)
    assert findings.count(jueSuan.Severity.ERROR) == sample_findings.count(jueSuan.Severity.ERROR)
    assert len(report.tables) == len(sample_report.tables)


def test_a_cell_addressed_a0_is_reported_with_its_text(files: dict[str, Path]) -> None:
    report, findings = _checked(files["a0.xlsx"])
    assert [(u.ref.cell, u.text) for u in report.unplaced if u.ref.cell == "收入决算表!A0"] == [("收入决算表!A0", "收入决算表")]
    _, sample_findings = _checked(SAMPLES / "songjiang-2020.xlsx")
    assert _rules(findings) == _rules(sample_findings)


def test_a_missing_sheet_part_is_reported_and_the_rest_read(files: dict[str, Path]) -> None:
    sample_report, _ = _checked(SAMPLES / "songjiang-2020.xlsx")
    report, _ = _checked(files["missing-sheet.xlsx"])
    listed = [u for u in report.unplaced if u.ref.sheet == "收入决算表" and "missing" in u.reason]
    assert len(listed) == 1 and listed[0].text == "收入决算表"
    assert len(report.tables) == len(sample_report.tables) - 1


def test_text_output_keeps_a_comma_grouped_figure_as_text(files: dict[str, Path]) -> None:
    """tabulate's wrapping parsed '3,998.79' as a number and crashed the text output."""
    report, findings = _checked(files["unread-line.docx"])
    assert any(u.text == "3,998.79" for u in report.unplaced)
    text = render_text([Outcome(str(files["unread-line.docx"]), report, findings)])
    assert "3,998.79" in text.split("【未能归位")[1]
    p = subprocess.run([sys.executable, "-m", "jueSuan", "reconcile", str(files["unread-line.docx"])],
                       capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert p.returncode == 1 and p.stderr == "", p.stderr
    assert "某某神秘款项" in p.stdout and "3,998.79" in p.stdout


def test_an_embedded_alt_chunk_is_listed_not_dropped(tmp_path: Path) -> None:
    from .make_hostile import _p, _tbl, document_xml, minimal_docx, write_zip

    body = _p("前文") + '<w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' \
        'r:id="rIdChunk"/>' + _tbl([[_p("项目"), _p("金额")], [_p("合计"), _p("1.00")]]) + _p("")
    path = tmp_path / "alt-chunk.docx"
    write_zip(path, minimal_docx(document_xml(body)))
    doc = read_document(path)
    assert [p.reason for p in doc.problems] == ["an embedded document (w:altChunk) is not read"]
    assert doc.problems[0].ref.paragraph == 1  # where it sits: after the first paragraph
    assert len(doc.grids) == 1
