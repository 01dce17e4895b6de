"""The PDF reader on real files: one small PDF per publisher quirk (tests/data/pdf, written by
samples/make_pdf_samples.py), the Songjiang disclosure exported from Word format by LibreOffice,
and the files it must refuse, each with its reason."""

from __future__ import annotations

import functools
import random
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest

from jueSuan.builders import build_report
from jueSuan.models import TableKind
from jueSuan.numbers import AmountKind, parse_amount
from jueSuan.readers.base import Document, Grid, Paragraph, ReadError, Reason
from jueSuan.readers.docx import read_docx
from jueSuan.readers.pdf import _PAGE_NUMBER, _RADICALS, TABLE_SETTINGS, _join_lines, read_pdf
from jueSuan.reconcile import reconcile

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "pdf"
SAMPLES = ROOT / "samples"


@functools.cache
def sample(name: str) -> tuple[Document, Document]:
    """The PDF and the .docx of a Songjiang sample, read once (documents are immutable)."""
    return read_pdf(SAMPLES / f"{name}.pdf"), read_docx(SAMPLES / f"{name}.docx")


def texts(grid: Grid) -> list[list[str]]:
    return [[c.text for c in row] for row in grid.rows]


def origins(grid: Grid) -> list[list[tuple[int, int] | None]]:
    return [[c.origin for c in row] for row in grid.rows]


def only_grid(doc: Document) -> Grid:
    assert len(doc.grids) == 1, [g.n_rows for g in doc.grids]
    return doc.grids[0]


def row_of(grid: Grid, first: str) -> list[str]:
    rows = [r for r in texts(grid) if r[0] == first]
    assert len(rows) == 1, (first, rows)
    return rows[0]


def figure(report, kind: TableKind, code: str, col: str = "total") -> Decimal:  # type: ignore[no-untyped-def]
    t = report.table(kind)
    assert t is not None
    line = t.by_code(code)
    assert line is not None, code
    f = line.get(col)
    assert f is not None
    return f.value


def serious(doc: Document) -> set[tuple[str, str, str]]:
    """Findings that would be reported as wrong (a single table: DC001 says the others are missing)."""
    return {(f.rule, f.severity.label, f.line) for f in reconcile(build_report([doc]))
            if f.severity.label in ("error", "warning", "rounding") and f.rule != "DC001"}


# --------------------------------------------------------------------------------------------------
# How text is joined
# --------------------------------------------------------------------------------------------------


def test_cell_lines_joined() -> None:
    assert _join_lines(["其中：当年财政", "拨款"]) == "其中：当年财政拨款"
    assert _join_lines(["七、文化旅游体育与传媒支", "出"]) == "七、文化旅游体育与传媒支出"
    assert _join_lines(["单价50万元以上通用设备", "（不含车辆）"]) == "单价50万元以上通用设备（不含车辆）"
    assert _join_lines(["IDC", "hosting"]) == "IDC hosting"
    assert _join_lines(["0.00", "0.00"]) == "0.00 0.00"
    assert _join_lines(["3,742.2", "1"]) == "3,742.21"  # a figure broken in a narrow cell
    assert "⽀出".translate(_RADICALS) == "支出"  # Kangxi radicals some fonts map their glyphs to


@pytest.mark.parametrize(("text", "is_number"), [
    ("- 3 -", True), ("3", True), ("— 12 —", True), ("第3页", True), ("第 3 页 共 10 页", True), ("3 / 10", True),
    ("Page 3 of 10", True), ("2020", False), ("3,998.79", False), ("第三部分", False), ("单位：万元", False),
])
def test_page_number_lines(text: str, is_number: bool) -> None:
    assert bool(_PAGE_NUMBER.match(text)) is is_number


# --------------------------------------------------------------------------------------------------
# (1) figures off their row's baseline
# --------------------------------------------------------------------------------------------------


def test_q1_figures_off_the_baseline_are_placed_by_geometry() -> None:
    path = DATA / "q1-baseline.pdf"
    with pdfplumber.open(path) as pdf:
        plain = pdf.pages[0].extract_text().splitlines()
    # the quirk: plain text extraction prints each figure on the line above its label
    label_line = next(k for k, ln in enumerate(plain) if ln.startswith("一、一般公共预算财政拨款"))
    assert "3,998.79" not in plain[label_line] and "3,998.79" in plain[label_line - 1]
    grid = only_grid(read_pdf(path))
    assert (grid.n_rows, grid.n_cols) == (17, 4)
    assert texts(grid)[0] == ["收入", "收入", "支出", "支出"] and origins(grid)[0] == [None, (0, 0), None, (0, 2)]
    assert row_of(grid, "一、一般公共预算财政拨款收入") == ["一、一般公共预算财政拨款收入", "3,998.79", "一、一般公共服务支出", ""]
    assert row_of(grid, "本年收入合计") == ["本年收入合计", "3,998.79", "本年支出合计", "3,984.05"]
    assert row_of(grid, "总计") == ["总计", "4,008.60", "总计", "4,008.60"]
    assert [r[3] for r in texts(grid)[9:13]] == ["148.30", "56.98", "3,727.47", "51.30"]
    # every cell knows its page and box, and the figure's box holds the figure
    cell = grid.rows[2][1]
    assert (cell.ref.page, cell.ref.table, cell.ref.row, cell.ref.col) == (1, 0, 2, 1)
    x0, top, x1, bottom = cell.ref.bbox  # type: ignore[misc]
    with pdfplumber.open(path) as pdf:
        word = next(w for w in pdf.pages[0].extract_words() if w["text"] == "3,998.79")
    assert x0 <= word["x0"] and word["x1"] <= x1 and top <= (word["top"] + word["bottom"]) / 2 <= bottom
    report = build_report([read_pdf(path)])
    summary = report.table(TableKind.SUMMARY)
    assert summary is not None and summary.find("grand_total", "income").get("amount").value == Decimal("4008.60")  # type: ignore[union-attr]
    assert serious(read_pdf(path)) == set()


# --------------------------------------------------------------------------------------------------
# (2) rules drawn as thin filled rectangles
# --------------------------------------------------------------------------------------------------


def test_q2_rules_drawn_as_thin_rectangles() -> None:
    path = DATA / "q2-rect-rules.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert page.lines == [] and len(page.rects) > 200  # no stroked rule at all
        raw = page.find_tables(TABLE_SETTINGS)
        # the double outer border leaves slivers of "cells" between its two frames
        assert len(raw) == 1 and len(raw[0].rows) == 18 and len(raw[0].rows[0].cells) == 7
    grid = only_grid(read_pdf(path))
    assert (grid.n_rows, grid.n_cols) == (16, 5)
    assert texts(grid)[:2] == [["项目", "项目", "合计", "基本支出", "项目支出"],
                               ["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    assert origins(grid)[:2] == [[None, (0, 0), None, None, None], [None, None, (0, 2), (0, 3), (0, 4)]]
    assert texts(grid)[4] == ["2080505", "机关事业单位基本养老保险缴费支出", "99.08", "99.08", "0.00"]
    assert texts(grid)[-1] == ["合计", "合计", "3,984.05", "2,026.81", "1,957.24"] and grid.rows[-1][1].origin == (15, 0)
    report = build_report([read_pdf(path)])
    assert figure(report, TableKind.GPB_EXPENDITURE, "2120199") == Decimal("3727.47")


# --------------------------------------------------------------------------------------------------
# (3) no rules at all
# --------------------------------------------------------------------------------------------------


def test_q3_table_without_rules_from_text_positions() -> None:
    path = DATA / "q3-no-rules.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert page.lines == [] and page.rects == [] and page.find_tables(TABLE_SETTINGS) == []
    doc = read_pdf(path)
    grid, summary = doc.grids
    assert (grid.n_rows, grid.n_cols) == (15, 5)
    assert texts(grid)[0] == ["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    # names wrapped over two lines, code and figures printed beside the middle: one row each
    assert texts(grid)[3] == ["2080505", "机关事业单位基本养老保险缴费支出", "99.08", "99.08", "0.00"]
    assert texts(grid)[10] == ["2120199", "其他城乡社区管理事务支出", "3,727.47", "1,770.23", "1,957.24"]
    assert texts(grid)[-1] == ["合计", "", "3,984.05", "2,026.81", "1,957.24"]
    assert grid.rows[3][2].ref.page == 1 and grid.rows[3][2].ref.bbox is not None
    # the prose around it, full of figures, stays prose: title, unit and note are paragraphs
    blocks = list(doc.blocks)
    k = blocks.index(grid)
    before = [b.text for b in blocks[:k] if isinstance(b, Paragraph)]
    after = [b.text for b in blocks[k + 1:] if isinstance(b, Paragraph)]
    assert before[-2:] == ["一般公共预算财政拨款支出决算表", "单位：万元"]
    assert any("完成年初预算的150.85%" in t for t in before)
    assert after[0] == "注：本表反映部门本年度一般公共预算财政拨款支出情况。"
    assert any("增长79.36%" in t for t in after)
    # page 2: the two-sided summary, set tight, labels wrapped at the top of their rows
    assert summary.ref.page == 2 and (summary.n_rows, summary.n_cols) == (17, 4)
    assert texts(summary)[1] == ["项目", "决算数", "项目", "决算数"]
    assert texts(summary)[2] == ["一、一般公共预算财政拨款收入", "3,998.79", "一、一般公共服务支出", ""]
    assert texts(summary)[3] == ["二、政府性基金预算财政拨款收入", "", "二、外交支出", ""]
    assert texts(summary)[-1] == ["总计", "4,008.60", "总计", "4,008.60"]
    report = build_report([doc])
    assert figure(report, TableKind.GPB_EXPENDITURE, "2080505") == Decimal("99.08")
    t = report.table(TableKind.SUMMARY)
    assert t is not None and t.find("grand_total", "expenditure").get("amount").value == Decimal("4008.60")  # type: ignore[union-attr]
    assert serious(doc) == set()


def test_prose_is_never_made_a_table() -> None:
    """Pages of prose only (the narrative of the Songjiang export) give no grid."""
    doc, _ = sample("songjiang-2020")
    assert {g.ref.page for g in doc.grids} <= set(range(1, 8))
    assert len(doc.grids) == 15


# --------------------------------------------------------------------------------------------------
# (4) two-sided table, the same label twice
# --------------------------------------------------------------------------------------------------


def test_q4_two_sided_table_with_a_label_twice() -> None:
    path = DATA / "q4-two-sided.pdf"
    doc = read_pdf(path)
    grid = only_grid(doc)
    assert (grid.n_rows, grid.n_cols) == (15, 7)
    assert texts(grid)[0] == ["收入", "收入", "支出", "支出", "支出", "支出", "支出"]
    assert texts(grid)[1][4] == "一般公共预算财政拨款"
    twice = [(r, row[1]) for r, row in enumerate(texts(grid)) if row[0] == "一、一般公共预算财政拨款"]
    assert twice == [(2, "3,998.79"), (11, "9.81")]
    assert texts(grid)[9] == ["本年收入合计", "3,998.79", "本年支出合计", "3984.05", "3984.05", "", ""]
    # the 总计 row is printed in a fake bold (each character drawn twice): read once
    assert texts(grid)[-1] == ["总计", "4,008.60", "总计", "4,008.60", "4,008.60", "", ""]
    report = build_report([doc])
    t = report.table(TableKind.FISCAL_SUMMARY)
    assert t is not None and report.unplaced == ()
    assert serious(doc) == set()


# --------------------------------------------------------------------------------------------------
# (5) 类|款|项 codes, long names wrapped around their code and figures
# --------------------------------------------------------------------------------------------------


def test_q5_split_codes_and_wrapped_names_one_row_each() -> None:
    path = DATA / "q5-split-codes.pdf"
    doc = read_pdf(path)
    grid = only_grid(doc)
    assert (grid.n_rows, grid.n_cols) == (3 + 1 + 13, 10)
    assert texts(grid)[2][:3] == ["类", "款", "项"]
    assert texts(grid)[6][:7] == ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "99.08", "99.08", "0.00"]
    assert texts(grid)[4][:4] == ["208", "", "", "社会保障和就业支出"]
    report = build_report([doc])
    t = report.table(TableKind.EXPENDITURE)
    assert t is not None
    line = t.by_code("2080505")
    assert line is not None and line.label == "机关事业单位基本养老保险缴费支出"
    assert figure(report, TableKind.EXPENDITURE, "2080505") == Decimal("99.08")
    assert figure(report, TableKind.EXPENDITURE, "2120199", "project") == Decimal("1957.24")
    assert serious(doc) == set()


# --------------------------------------------------------------------------------------------------
# (6) tables broken over pages
# --------------------------------------------------------------------------------------------------


def test_q6_continued_tables_and_page_numbers() -> None:
    path = DATA / "q6-page-break.pdf"
    doc = read_pdf(path)
    paragraphs = [p.text for p in doc.paragraphs]
    assert not any(t in paragraphs for t in ("- 1 -", "2", "— 3 —", "第 2 页 共 3 页", "第2页共3页"))
    assert paragraphs == ["收入支出决算总表", "单位：万元", "注：本表反映部门本年度的总收支和年末结转结余情况。", "支出决算表",
                          "单位：万元", "注：本表反映部门本年度各项支出情况。"]
    kinds = ["P" if isinstance(b, Paragraph) else f"G{b.n_cols}" for b in doc.blocks]
    assert kinds == ["P", "P", "G4", "G4", "P", "P", "P", "G10", "G10", "P"]
    summary, total, expenditure, rest = doc.grids
    # the 总计 row alone at the top of page 2
    assert (summary.ref.page, total.ref.page) == (1, 2)
    assert texts(total) == [["总计", "4,008.60", "总计", "4,008.60"]]
    assert total.rows[0][1].ref.page == 2 and total.rows[0][1].ref.row == 0
    # the 支出决算表 continued with no header and no 类|款|项 rules: the same 10 columns
    assert (expenditure.ref.page, rest.ref.page) == (2, 3)
    assert texts(rest)[0] == ["221", "221", "221", "住房保障支出", "51.30", "51.30", "0.00", "", "", ""]
    assert origins(rest)[0][:3] == [None, (0, 0), (0, 0)]
    # row 2120199 broken over the page: its name put back together, and no extra row
    assert texts(expenditure)[-1][3:5] == ["其他城乡社区管理事务支出", "3,727.47"]
    assert expenditure.n_rows == 14 and rest.n_rows == 3
    report = build_report([doc])
    summary_t = report.table(TableKind.SUMMARY)
    assert summary_t is not None
    assert summary_t.find("grand_total", "income").get("amount").value == Decimal("4008.60")  # type: ignore[union-attr]
    assert figure(report, TableKind.EXPENDITURE, "2210201") == Decimal("51.30")
    assert report.unplaced == ()
    assert serious(doc) == set()


def test_q6_row_broken_beside_a_merged_cell() -> None:
    """``其中：当年财政`` | ``拨款`` over the page break, next to an empty cell merged down four rows."""
    doc = read_pdf(DATA / "q6-broken-merged-row.pdf")
    first, rest = doc.grids
    assert (first.ref.page, rest.ref.page, first.n_cols, rest.n_cols) == (1, 2, 8, 8)
    assert texts(first)[-1] == ["", "其中：当年财政拨款", "59.31", "35.00", "33.43", "-", "95.51", "-"]
    assert first.rows[-1][0].origin == (3, 0)
    # the fragment row is gone; the merged cell now starts at the top of the second part
    assert texts(rest)[0][:3] == ["", "上年结转资金", "0.00"] and origins(rest)[0][0] is None
    assert origins(rest)[1][0] == (0, 0)
    assert texts(rest)[3][:5] == ["产出指标", "数量指标", "平台并发能力", "=1500.00(路)", "1500.00(路)"]
    assert isinstance(doc.blocks[doc.blocks.index(first) + 1], Grid)


# --------------------------------------------------------------------------------------------------
# (7) letter spacing
# --------------------------------------------------------------------------------------------------


def test_q7_letter_spaced_titles_and_labels_closed_up() -> None:
    path = DATA / "q7-letter-spaced.pdf"
    with pdfplumber.open(path) as pdf:
        assert "收 入 决 算 表" in pdf.pages[0].extract_text()
    doc = read_pdf(path)
    assert [p.text for p in doc.paragraphs][:2] == ["收入决算表", "单位：万元"]
    grid = only_grid(doc)
    assert texts(grid)[0][:3] == ["项目", "项目", "本年收入合计"]
    assert texts(grid)[2][:4] == ["合计", "合计", "3,998.79", "3,998.79"]
    report = build_report([doc])
    t = report.table(TableKind.INCOME)
    assert t is not None and t.title == "收入决算表"
    assert figure(report, TableKind.INCOME, "2120199") == Decimal("3742.21")
    assert serious(doc) == set()


# --------------------------------------------------------------------------------------------------
# (8) three-level merged header
# --------------------------------------------------------------------------------------------------


def test_q8_three_level_header_same_grid_as_the_docx() -> None:
    grid = only_grid(read_pdf(DATA / "q8-three-public.pdf"))
    assert (grid.n_rows, grid.n_cols) == (5, 12)
    published = next(g for g in sample("songjiang-2020")[1].grids if "因公出国" in "".join(g.row_texts(1)))
    assert [[t.replace("\n", "") for t in row] for row in texts(published)] == texts(grid)
    assert origins(published) == origins(grid)
    assert origins(grid)[2][:4] == [(1, 0), (1, 0), (1, 2), (1, 2)]
    assert texts(grid)[1][4:10] == ["公务用车购置及运行维护费"] * 6


# --------------------------------------------------------------------------------------------------
# The Songjiang disclosure as exported to PDF
# --------------------------------------------------------------------------------------------------


def _figures(doc: Document) -> list[str]:
    out = []
    for g in doc.grids:
        for row in g.rows:
            for c in row:
                a = parse_amount(c.text)
                if c.origin is None and a is not None and a.kind is not AmountKind.BLANK:
                    out.append(c.text.strip(" \u3000"))
    return out


@pytest.mark.parametrize("name", ["songjiang-2020", "songjiang-2020-fixed"])
def test_songjiang_every_figure_of_the_docx_is_in_the_pdf(name: str) -> None:
    pdf, docx = sample(name)
    in_pdf = set(_figures(pdf))
    missing = [f for f in _figures(docx) if f not in in_pdf]
    assert missing == []
    assert {"3,998.79", "3984.05", "0.00", "——", "1,963.59"} <= in_pdf


def test_songjiang_pdf_structure_and_locations() -> None:
    doc, _ = sample("songjiang-2020")
    assert doc.format == "pdf" and doc.problems == ()
    assert [g.index for g in doc.grids] == list(range(len(doc.grids)))
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
    with pdfplumber.open(SAMPLES / "songjiang-2020.pdf") as pdf:
        sizes = {i + 1: (p.width, p.height) for i, p in enumerate(pdf.pages)}
    for g in doc.grids:
        assert len({len(row) for row in g.rows}) == 1
        for r, row in enumerate(g.rows):
            for c, cell in enumerate(row):
                assert (cell.ref.table, cell.ref.row, cell.ref.col) == (g.index, r, c)
                assert cell.ref.page == g.ref.page and cell.ref.bbox is not None
                x0, top, x1, bottom = cell.ref.bbox
                w, h = sizes[cell.ref.page]
                assert 0 <= x0 < x1 <= w and 0 <= top < bottom <= h
                if cell.origin is not None:
                    o = g.rows[cell.origin[0]][cell.origin[1]]
                    assert o.origin is None and o.text == cell.text
    for p in doc.paragraphs:
        assert p.ref.page is not None and p.ref.paragraph == p.index and p.ref.bbox is not None
    # Word let the row 30199 break over pages 5 and 6: one row again
    econ = next(g for g in doc.grids if g.rows[0][0].text == "经济分类科目编码")
    assert ["30199", "其他工资福利支出", "798.02"] in [r[:3] for r in texts(econ)]
    # continued grids come right after their first part, with nothing printed between them
    blocks = list(doc.blocks)
    for a, b in pairwise(blocks):
        if isinstance(a, Grid) and isinstance(b, Grid):
            assert b.ref.page == a.ref.page + 1 and a.n_cols == b.n_cols
    assert sum(isinstance(a, Grid) and isinstance(b, Grid) for a, b in pairwise(blocks)) == 4
    # wrapped prose lines are one paragraph again (the narrative quotes whole sentences)
    assert "社会保障和就业支出（类）148.30万元，占3.72%；卫生健康支出（类）56.98万元，占1.43%；" in "".join(
        p.text for p in doc.paragraphs if "主要用于以下方面" in p.text)


def _keys(report) -> set[tuple[str, str, str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {(f.rule, f.severity.label, f.line, None if f.left is None else str(f.left),
             None if f.right is None else str(f.right)) for f in reconcile(report)}


@pytest.mark.parametrize("name", ["songjiang-2020", "songjiang-2020-fixed"])
def test_songjiang_pipeline_same_tables_as_the_docx(name: str) -> None:
    """Every table but the 收入支出决算总表 builds as from the .docx (see the next test)."""
    pdf, docx = (build_report([d]) for d in sample(name))
    assert (pdf.unit_name, pdf.year, pdf.unit) == (docx.unit_name, docx.year, docx.unit)
    got = {t.kind: t for t in pdf.tables}
    for t in docx.tables:
        if t.kind is TableKind.SUMMARY:
            continue
        p = got[t.kind]
        assert [(ln.label, ln.code, [(k, str(f.value)) for k, f in ln.values]) for ln in p.lines] == \
               [(ln.label, ln.code, [(k, str(f.value)) for k, f in ln.values]) for ln in t.lines], t.kind


@pytest.mark.parametrize("name", ["songjiang-2020", "songjiang-2020-fixed"])
def test_songjiang_pipeline_same_findings_as_the_docx(name: str) -> None:
    pdf, docx = (build_report([d]) for d in sample(name))
    assert [t.kind for t in pdf.tables] == [t.kind for t in docx.tables]
    assert _keys(pdf) == _keys(docx)


# --------------------------------------------------------------------------------------------------
# Files that cannot be read
# --------------------------------------------------------------------------------------------------


def _reason(path: Path, **kw: int) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_pdf(path, **kw)
    return info.value


def test_scan_has_no_text_layer() -> None:
    err = _reason(DATA / "scan.pdf")
    assert err.reason is Reason.NO_TEXT_LAYER
    assert err.detail == "no text layer (a scanned document): jueSuan reads text, not pictures"


def test_password_protected() -> None:
    assert _reason(DATA / "encrypted.pdf").reason is Reason.ENCRYPTED


def test_encrypted_with_an_empty_user_password_is_read() -> None:
    grid = only_grid(read_pdf(DATA / "encrypted-open.pdf"))
    assert texts(grid)[-1] == ["总计", "4,008.60", "总计", "4,008.60"]


def test_truncated() -> None:
    assert _reason(DATA / "truncated.pdf").reason is Reason.TRUNCATED


def test_too_many_pages() -> None:
    err = _reason(DATA / "q6-page-break.pdf", max_pages=2)
    assert err.reason is Reason.TOO_LARGE and "3 pages" in err.detail
    assert len(read_pdf(DATA / "q6-page-break.pdf", max_pages=3).grids) == 4


@pytest.mark.parametrize(("content", "reason"), [
    (b"", Reason.EMPTY),
    (b"  \n", Reason.EMPTY),
    (b"<!DOCTYPE html><html><body>404</body></html>", Reason.WRONG_FORMAT),
    ("收入支出决算总表\n".encode(), Reason.WRONG_FORMAT),
    (b"PK\x03\x04 a zip", Reason.WRONG_FORMAT),
    (b"%PDF-1.4\n this is not a pdf body\n%%EOF\n", Reason.MALFORMED),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n", Reason.TRUNCATED),
])
def test_not_a_readable_pdf(tmp_path: Path, content: bytes, reason: Reason) -> None:
    p = tmp_path / "x.pdf"
    p.write_bytes(content)
    err = _reason(p)
    assert err.reason is reason, err
    assert "\n" not in str(err)


def test_a_scanned_page_among_text_pages_is_reported() -> None:
    doc = read_pdf(DATA / "partly-scanned.pdf")
    assert len(doc.grids) == 1 and texts(doc.grids[0])[-1] == ["总计", "4,008.60", "总计", "4,008.60"]
    assert [(q.ref.page, q.reason) for q in doc.problems] == [
        (2, "page 2 is an image with no text layer (a scanned page): it is not read")]
    assert [u.ref.page for u in build_report([doc]).unplaced] == [2]


def test_fonts_without_unicode_mapping() -> None:
    err = _reason(DATA / "no-unicode.pdf")
    assert err.reason is Reason.NO_TEXT_LAYER and "(cid:N)" in err.detail


def test_missing_file(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nope.pdf").reason is Reason.NOT_FOUND


def test_damage_raises_read_errors_only(tmp_path: Path) -> None:
    """Bytes flipped, zeroed or cut anywhere: a Document or a ReadError, never another exception."""
    rng = random.Random(7)
    sources = [DATA / "q4-two-sided.pdf", DATA / "q6-page-break.pdf"]
    for i in range(60):
        data = bytearray(rng.choice(sources).read_bytes())
        kind = i % 3
        if kind == 0:
            for _ in range(rng.randint(1, 40)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif kind == 1:
            a = rng.randrange(len(data))
            data[a:a + 800] = bytes(len(data[a:a + 800]))
        else:
            a = rng.randrange(len(data) // 2)
            del data[a:a + rng.randint(100, 3000)]
        p = tmp_path / f"d{i}.pdf"
        p.write_bytes(bytes(data))
        try:
            doc = read_pdf(p)
        except ReadError as err:
            assert err.reason in (Reason.MALFORMED, Reason.TRUNCATED, Reason.EMPTY, Reason.NO_TEXT_LAYER)
        else:
            assert isinstance(doc, Document)
