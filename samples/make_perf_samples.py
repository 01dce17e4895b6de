"""Write the 财政项目支出绩效自评表 samples, one .docx per seed source, from ``samples/perf_data.py``:

    samples/jiading-perf-2024.docx        18 tables
    samples/huating-perf-2024.docx         5 tables
    samples/pujin-perf-2023.docx           4 tables
    samples/songjiang-2020-appendix.docx   9 tables

Each evaluation is preceded by two paragraphs (the title and the year text) and written as one Word table
of 8 grid columns in the publisher's grid (the layout of the pujin seed), with real Word merges
(w:gridSpan, w:vMerge):

    项目名称 (2)          | project (6)
    主管部门 (2)          | department (2)   | 实施单位 (2)   | implementer (2)
    项目资金（万元） (2)  | 年初预算数 | 全年预算数 | 全年执行数 | 分数 | 执行率(%) | 得分
    (merged, 4 rows)      | 年度资金总额： / 其中：当年财政拨款 / 上年结转资金 / 其他资金 | six cells
    年度总体目标 (2 rows) | 预期目标 (3)     | 实际完成情况 (4)
                          | expected (3)     | actual (4)
    一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    indicator rows, 一级 and 二级 vertically merged over the rows that share them
    总分 (5)              | 分值 total | 得分 total | (blank)
    评分等级 (2)          | grade (6)        (left out where the seed prints no grade)

Labels that the seeds print differently (项目资金 (万元), 分值 for 分数, 执行率 for 执行率(%), 年度资金总额
without a colon) are written as the seed prints them. A text holding line breaks becomes one paragraph per
line. The output is deterministic (fixed zip timestamps).

Run from the repository root:  python samples/make_perf_samples.py
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from perf_data import SOURCES, PerfTable

OUT_DIR = Path(__file__).resolve().parent
COLUMNS = 8
TABLE_STYLE = "Table Grid"
EAST_ASIAN_FONT = "宋体"
LATIN_FONT = "Times New Roman"
CELL_SIZE = Pt(9)
INDICATOR_HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
COLUMN_WIDTHS = tuple(Mm(w) for w in (17, 21, 32, 21, 21, 14, 14, 30))  # 170 mm: A4 less 20 mm margins


def _write(cell: _Cell, text: str) -> None:
    """``text`` into an empty cell, one paragraph per line."""
    if not text:
        return
    first, *rest = text.split("\n")
    cell.paragraphs[0].add_run(first).font.size = CELL_SIZE
    for line in rest:
        cell.add_paragraph().add_run(line).font.size = CELL_SIZE


def _put(table: Table, row: int, col: int, text: str, span: int = 1) -> None:
    cell = table.cell(row, col)
    if span > 1:
        cell = cell.merge(table.cell(row, col + span - 1))
    _write(cell, text)


def _put_row(table: Table, row: int, cells: Sequence[tuple[str, int]]) -> None:
    """A row given as (text, grid columns spanned) pairs, covering the 8 columns."""
    assert sum(span for _, span in cells) == COLUMNS, cells
    col = 0
    for text, span in cells:
        _put(table, row, col, text, span)
        col += span


def _merge_down(table: Table, col: int, top: int, bottom: int, text: str) -> None:
    cell = table.cell(top, col)
    if bottom > top:
        cell = cell.merge(table.cell(bottom, col))
    _write(cell, text)


def _set_widths(table: Table) -> None:
    """Fixed column widths (w:gridCol, and w:tcW of every cell, summed over its span)."""
    table.autofit = False
    for column, width in zip(table.columns, COLUMN_WIDTHS, strict=True):
        column.width = width
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            tc.width = sum(COLUMN_WIDTHS[col : col + tc.grid_span], Mm(0))
            col += tc.grid_span


def _runs(keys: Sequence[object]) -> list[tuple[int, int]]:
    """(first, last) index of each run of equal consecutive keys."""
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            runs.append((start, i - 1))
            start = i
    return runs


def add_evaluation(document: DocxDocument, t: PerfTable) -> Table:
    n = len(t.indicators)
    first_indicator = 10
    total_row = first_indicator + n
    rows = total_row + 1 + (1 if t.grade else 0)
    table = document.add_table(rows=rows, cols=COLUMNS)
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.CENTER

    _put_row(table, 0, [("项目名称", 2), (t.project, 6)])
    _put_row(table, 1, [("主管部门", 2), (t.department, 2), ("实施单位", 2), (t.implementer, 2)])
    _put_row(table, 2, [(t.funds_heading, 2), *((label, 1) for label in t.fund_headers)])
    for r, line in enumerate(t.funds, start=3):
        _put_row(table, r, [("", 1), (line.label, 1), *((value, 1) for value in line.cells)])
    _merge_down(table, 0, 3, 6, "")

    _merge_down(table, 0, 7, 8, "年度总体目标")
    _put(table, 7, 1, "预期目标", 3)
    _put(table, 7, 4, "实际完成情况", 4)
    _put(table, 8, 1, t.expected, 3)
    _put(table, 8, 4, t.actual, 4)

    _put_row(table, 9, [(label, 1) for label in INDICATOR_HEADER])
    for i, ind in enumerate(t.indicators):
        r = first_indicator + i
        for c, text in enumerate((ind.name, ind.target, ind.actual, ind.weight, ind.score, ind.reason), start=2):
            _put(table, r, c, text)
    for top, bottom in _runs([ind.level1 for ind in t.indicators]):
        _merge_down(table, 0, first_indicator + top, first_indicator + bottom, t.indicators[top].level1)
    for top, bottom in _runs([(ind.level1, ind.level2) for ind in t.indicators]):
        _merge_down(table, 1, first_indicator + top, first_indicator + bottom, t.indicators[top].level2)

    _put_row(table, total_row, [("总分", 5), (t.total_weight, 1), (t.total_score, 1), ("", 1)])
    if t.grade:
        _put_row(table, total_row + 1, [("评分等级", 2), (t.grade, 6)])
    _set_widths(table)
    return table


def _add_paragraph(document: DocxDocument, text: str, size: int, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold


def build(tables: Sequence[PerfTable]) -> DocxDocument:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    page = document.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = Mm(20)
    for t in tables:
        _add_paragraph(document, t.title, 14, bold=True)
        _add_paragraph(document, t.year_text, 12)
        add_evaluation(document, t)
    return document


def save(document: DocxDocument, path: Path) -> None:
    """Save with fixed zip timestamps so that two runs write the same bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, source.read(info.filename))


def main() -> None:
    for source, tables in SOURCES.items():
        path = OUT_DIR / f"{source}.docx"
        save(build(tables), path)
        print(f"wrote samples/{path.name}: {len(tables)} tables")


if __name__ == "__main__":
    main()
