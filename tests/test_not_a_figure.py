"""Text where a figure belongs never makes a false error (issue 16's follow-up).

An Excel error value (``#DIV/0!``, ``#REF!``) or a word (``见说明``) in an amount cell of a line that feeds
a sum leaves the sum's value unknown: every identity that needs the cell is reported ``unchecked``
naming the cell, never an error computed without it. Each file is a correct sample with one cell
changed, written by the test with openpyxl / python-docx and read by the real readers.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

import jueSuan
from jueSuan import Severity
from jueSuan.fixtures import UP, wide
from jueSuan.fixtures.word import write_docx
from jueSuan.numbers import AmountKind, unknown_amount

from .conftest import SAMPLES

INCOME = "收入决算表"


def _checked(path: Path) -> tuple[jueSuan.Report, jueSuan.Findings]:
    report = jueSuan.read(path)
    return report, jueSuan.reconcile(report)


def _citing(findings: jueSuan.Findings, text: str) -> list[jueSuan.Finding]:
    return [f for f in findings if any(t.printed == text for t in f.terms)]


def _component_cell(ws: openpyxl.worksheet.worksheet.Worksheet) -> tuple[str, str]:
    """The 财政拨款收入 cell of the first 类 line under 合计 (a figure that feeds 合计 and its own row sum)."""
    header = next(r for r in ws.iter_rows() if any(c.value == "财政拨款收入" for c in r))
    col = next(c.column_letter for c in header if c.value == "财政拨款收入")
    total = next(r for r in ws.iter_rows() if r[0].value == "合计")
    first = ws[total[0].row + 1]
    assert isinstance(first[0].value, int) and len(str(first[0].value)) == 3, "a 类 line follows 合计"
    return f"{col}{first[0].row}", str(first[1].value)


def test_unknown_amount_is_not_a_number_and_has_no_rounding() -> None:
    a = unknown_amount("见说明")
    assert a.kind is AmountKind.UNKNOWN and a.is_unknown and not a.is_number
    assert a.half_unit == 0 and a.raw == "见说明"
    assert jueSuan.parse_amount("见说明") is None  # parsing still tells a label from a figure


@pytest.mark.parametrize("error", ["#DIV/0!", "#REF!"])
def test_an_excel_error_in_a_component_line_is_unchecked_not_an_error(error: str, tmp_path: Path) -> None:
    src = SAMPLES / "songjiang-2020-fixed.xlsx"
    wb = openpyxl.load_workbook(src)
    ws = wb[INCOME]
    where, label = _component_cell(ws)
    ws[where] = error  # openpyxl stores a known error code as an error cell (t="e")
    path = tmp_path / "error-component.xlsx"
    wb.save(path)
    _, base = _checked(src)
    report, findings = _checked(path)
    cell = f"{INCOME}!{where}"
    # the reader saw an error value, not a string
    assert any(u.ref.cell == cell and "error value" in u.reason for u in report.unplaced), report.unplaced
    assert findings.count(Severity.ERROR) == base.count(Severity.ERROR)
    cited = _citing(findings, error)
    assert cited, "the sums that need the cell say so"
    assert all(f.severity is Severity.UNCHECKED for f in cited)
    assert all(cell in f.message and error in f.message for f in cited)
    assert all(any(t.ref.cell == cell for t in f.terms) for f in cited)
    # the figure's value is not known: none is given (not a zero) in the finding or in its JSON form
    unknown = [t for f in cited for t in f.terms if t.printed == error]
    assert unknown and all(t.value is None and t.to_dict()["value"] is None for t in unknown)
    # the 合计 of the column and the line's own sum are among them
    lines = {f.line for f in cited}
    assert any(ln.startswith("合计") for ln in lines) and any(label in ln for ln in lines), lines


def _income_table(document: docx.document.Document) -> docx.table.Table:
    return next(t for t in document.tables
                if any("上级补助收入" in c.text for c in t.rows[0].cells + t.rows[1].cells if c.text)
                and any(c.text.strip() == "合计" for r in t.rows for c in r.cells[:2]))


def test_a_word_in_an_amount_cell_of_a_docx_is_unchecked_not_an_error(tmp_path: Path) -> None:
    src = SAMPLES / "songjiang-2020-fixed.docx"
    document = docx.Document(str(src))
    table = _income_table(document)
    rows = list(table.rows)
    total_at = next(i for i, r in enumerate(rows) if any(c.text.strip() == "合计" for c in r.cells[:2]))
    row = rows[total_at + 1]  # the first 类 line under 合计
    cells = list(dict.fromkeys(row.cells))  # a merged cell is listed once per column it covers
    figures = [c for c in cells if jueSuan.parse_amount(c.text) is not None and jueSuan.parse_amount(c.text).is_number
               and "." in c.text]
    assert len(figures) >= 2, [c.text for c in cells]
    figures[-1].text = "见说明"  # the last printed figure of the line: it feeds the line's sum and 合计
    path = tmp_path / "word-in-amount.docx"
    document.save(str(path))
    _, base = _checked(src)
    report, findings = _checked(path)
    assert findings.count(Severity.ERROR) == base.count(Severity.ERROR)
    listed = [u for u in report.unplaced if u.text == "见说明"]
    assert len(listed) == 1, report.unplaced
    cited = _citing(findings, "见说明")
    assert cited and all(f.severity is Severity.UNCHECKED for f in cited)
    assert all("见说明" in f.message and "无法判定" in f.message for f in cited)
    assert all(any(t.ref == listed[0].ref for t in f.terms) for f in cited), "the finding cites the cell read"
    assert all(listed[0].ref.short() in f.message for f in cited)


def test_text_in_a_performance_table_is_unchecked_not_an_error(tmp_path: Path) -> None:
    """绩效自评表: #DIV/0! as 年度资金总额's 全年执行数 and 见说明 as an indicator's 分值 (both feed sums)."""
    src = SAMPLES / "pujin-perf-2023.docx"
    document = docx.Document(str(src))
    table = document.tables[0]
    header = next(r for r in table.rows if any(c.text.strip() == "全年执行数" for c in r.cells))
    funds = next(r for r in table.rows if any("年度资金总额" in c.text for c in r.cells))
    executed = next(i for i, c in enumerate(dict.fromkeys(header.cells)) if c.text.strip() == "全年执行数")
    list(dict.fromkeys(funds.cells))[executed + 1].text = "#DIV/0!"  # the fund row has a blank first column
    rows = list(table.rows)
    at = next(i for i, r in enumerate(rows) if any(c.text.strip() == "分值" for c in r.cells))
    weight = next(i for i, c in enumerate(dict.fromkeys(rows[at].cells)) if c.text.strip() == "分值")
    indicator = rows[at + 1]  # the first indicator
    cells = list(dict.fromkeys(indicator.cells))
    assert jueSuan.parse_amount(cells[weight].text) is not None, [c.text for c in cells]
    cells[weight].text = "见说明"
    path = tmp_path / "perf-text.docx"
    document.save(str(path))
    _, base = _checked(src)
    _, findings = _checked(path)
    assert findings.count(Severity.ERROR) == base.count(Severity.ERROR)
    for text, rules in (("#DIV/0!", {"PF001", "PF002"}), ("见说明", {"PF004"})):
        cited = _citing(findings, text)
        assert {f.rule for f in cited} >= rules, [f.message for f in findings]
        assert all(f.severity is Severity.UNCHECKED and text in f.message for f in cited)


def _budget_three_public(path: Path, reception: str) -> Path:
    """A 部门预算 with its 三公 table printed across (items in the header, one row of figures)."""
    rows = [["“三公”经费合计", "因公出国（境）费", wide("公务用车购置及运行费", 3), "公务接待费"],
            [UP, UP, "小计", "公务用车购置费", "公务用车运行费", UP],
            ["12.50", "2.00", "8.50", "5.00", "3.50", reception]]
    return write_docx(path, ["上海市某某局2025年度部门预算", "一般公共预算“三公”经费支出预算表", "单位：万元", rows])


@pytest.mark.parametrize("text", ["#DIV/0!", "见说明"])
def test_text_in_a_budget_three_public_row_is_unchecked_not_an_error(text: str, tmp_path: Path) -> None:
    _, wrong = _checked(_budget_three_public(tmp_path / "wrong.docx", "3.00"))
    assert [f.rule for f in wrong if f.severity is Severity.ERROR] == ["BG005"], "the table is checked at all"
    _, right = _checked(_budget_three_public(tmp_path / "right.docx", "2.00"))
    assert not [f for f in right if f.severity is Severity.ERROR]
    _, findings = _checked(_budget_three_public(tmp_path / "text.docx", text))
    assert not [f for f in findings if f.severity is Severity.ERROR], [f.message for f in findings]
    cited = _citing(findings, text)
    assert [f.rule for f in cited] == ["BG005"] and cited[0].severity is Severity.UNCHECKED
    assert text in cited[0].message and "公务接待费" in cited[0].message
