"""The .xlsx reader on the real sample workbooks (written by samples/make_samples.py), on the small
two-tables-one-sheet workbook (tests/make_test_data.py), on number formats and on broken files."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from jueSuan.numbers import Unit, detect_unit
from jueSuan.readers.base import Document, Grid, Paragraph, ReadError, Reason
from jueSuan.readers.docx import read_docx
from jueSuan.readers.numfmt import MISSING_CACHED_VALUE, format_number, format_value
from jueSuan.readers.sheet import cell_name
from jueSuan.readers.workbooks import read_xlsx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"
TWO_TABLES = DATA / "two_tables_one_sheet.xlsx"

# The sheets of the sample workbooks, in order: the overview (unit list), the nine tables, the asset
# table, the narrative.
SHEETS = (
    "部门概况",
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "2020年度一般公共预算财政拨款基本支出决算表",
    "一般公共预算财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
    "资产负债情况表",
    "情况说明",
)
ASSET_GRID = 10
# The one unavoidable difference with the .docx: the asset table prints its title and unit line as
# its own first two rows. In a sheet those rows are a title row and a unit row, which the sheet reader
# makes paragraphs (as it does for every table's title and unit line), so the asset grid starts at
# the header: its row r is the .docx grid's row r + 2.
DOCX_ROW_OFFSET = {ASSET_GRID: 2}


def assert_same_as_docx(doc: Document, docx_path: Path) -> None:
    """Grid by grid, every cell (text and merge origin) equals the .docx reader's."""
    ref = read_docx(docx_path)
    assert len(doc.grids) == len(ref.grids) == 11
    for gx, gd in zip(doc.grids, ref.grids, strict=True):
        off = DOCX_ROW_OFFSET.get(gd.index, 0)
        assert (gx.n_rows + off, gx.n_cols) == (gd.n_rows, gd.n_cols), gd.index
        for r in range(gx.n_rows):
            for c in range(gx.n_cols):
                want, got = gd.rows[r + off][c], gx.rows[r][c]
                assert got.text == want.text, (gd.index, r, c, got.ref.cell)
                want_origin = None if want.origin is None else (want.origin[0] - off, want.origin[1])
                assert got.origin == want_origin, (gd.index, r, c, got.ref.cell)
    # the rows the asset grid does not hold are paragraphs just before it
    asset = ref.grids[ASSET_GRID]
    before = _paragraphs_before(doc, doc.grids[ASSET_GRID])
    assert asset.rows[0][0].text in before and asset.rows[1][3].text in before
    # every paragraph of the .docx (titles, unit lines, notes, overview, narrative) is a paragraph here
    texts = {p.text for p in doc.paragraphs}
    assert [p.text for p in ref.paragraphs if p.text.strip() and p.text not in texts] == []


def _paragraphs_before(doc: Document, grid: Grid) -> list[str]:
    i = doc.blocks.index(grid)
    out: list[str] = []
    while i > 0 and isinstance(doc.blocks[i - 1], Paragraph):
        i -= 1
        out.append(doc.blocks[i].text)  # type: ignore[union-attr]
    return out


@pytest.fixture(scope="module")
def published_xlsx() -> Document:
    return read_xlsx(SAMPLES / "songjiang-2020.xlsx")


def test_sheets_grids_and_locations(published_xlsx: Document) -> None:
    doc = published_xlsx
    assert doc.format == "xlsx" and doc.problems == ()
    assert [g.index for g in doc.grids] == list(range(11))
    # every sheet name is a title, not Sheet1: each comes first, as a paragraph without a cell
    names = [p.text for p in doc.paragraphs if p.ref.cell is None]
    assert tuple(names) == SHEETS
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
    for g in doc.grids:
        sheet = g.ref.sheet
        assert sheet in SHEETS
        for r, row in enumerate(g.rows):
            for c, cell in enumerate(row):
                assert (cell.ref.table, cell.ref.row, cell.ref.col, cell.ref.sheet) == (g.index, r, c, sheet)
                assert re.fullmatch(r".+![A-Z]+\d+", cell.ref.cell or "")
    summary = doc.grids[1]
    assert summary.ref.sheet == "收入支出决算总表"
    assert summary.ref.cell == "收入支出决算总表!A3:D34"
    # sheet row 7 is grid row 4 (the grid starts at the header in row 3)
    c7 = summary.rows[4][2]
    assert c7.ref.cell == "收入支出决算总表!C7" and c7.text == "三、国防支出"
    assert summary.rows[2][1].ref.cell == "收入支出决算总表!B5" and summary.rows[2][1].text == "3,998.79"
    # a sheet name that is not a plain name is quoted, as Excel writes it
    basic = doc.grids[6]
    assert basic.rows[0][0].ref.cell == "'2020年度一般公共预算财政拨款基本支出决算表'!A3"
    # paragraphs carry their sheet and cell
    unit = next(p for p in doc.paragraphs if p.ref.sheet == "收入决算表" and p.text == "单位：万元")
    assert unit.ref.cell == "收入决算表!I2"


@pytest.mark.parametrize("name", ["songjiang-2020", "songjiang-2020-fixed"])
def test_every_cell_as_in_the_docx(name: str) -> None:
    assert_same_as_docx(read_xlsx(SAMPLES / f"{name}.xlsx"), SAMPLES / f"{name}.docx")


def test_numbers_print_through_their_format(published_xlsx: Document) -> None:
    """The figures are numeric cells; what the reader gives is what the format prints."""
    wb = openpyxl.load_workbook(SAMPLES / "songjiang-2020.xlsx")
    ws = wb["收入支出决算总表"]
    assert (ws["B5"].value, ws["B5"].number_format) == (3998.79, "#,##0.00")
    ws = wb["财政拨款收入支出决算总表"]
    assert (ws["D31"].value, ws["D31"].number_format) == (3984.05, "0.00")
    assert ws["B5"].value == "3,998.79\u3000"  # a quirky figure stays text
    fiscal = published_xlsx.grids[4]
    cell = next(c for row in fiscal.rows for c in row if c.ref.cell == "财政拨款收入支出决算总表!D31")
    assert cell.text == "3984.05"
    assert fiscal.rows[2][1].text == "3,998.79\u3000"
    # 0.00 from a numeric zero, integers from numeric cells with format 0
    ws = wb["一般公共预算财政拨款支出决算表"]
    assert (ws["E7"].value, ws["E7"].number_format) == (0, "0.00")
    general = published_xlsx.grids[5]
    assert general.rows[4][4].text == "0.00" and general.rows[4][0].text == "208"
    ws = wb["一般公共预算财政拨款“三公”经费支出决算表"]
    assert ws["A7"].value == 0 and ws["A7"].number_format == "0.00"


def test_merges_resolved(published_xlsx: Document) -> None:
    three = published_xlsx.grids[7]
    assert three.n_cols == 12
    assert all(c.text == three.rows[0][0].text for c in three.rows[0])
    assert [c.origin for c in three.rows[0]] == [None] + [(0, 0)] * 11
    # 合计 spans 2 rows × 2 columns: every covered position names the top-left
    assert three.rows[1][0].text == "合计" and three.rows[1][0].origin is None
    assert [c.origin for c in (three.rows[1][1], three.rows[2][0], three.rows[2][1])] == [(1, 0)] * 3
    assert three.rows[2][0].text == "合计"
    assert three.rows[2][4].text == "小计" and three.rows[2][4].origin is None
    assert [c.text for c in three.rows[4]] == ["0.00"] * 12
    # a vertical merge in a header: 本年收入合计 over two rows
    income = published_xlsx.grids[2]
    assert income.rows[0][2].text == income.rows[1][2].text == "本年收入合计"
    assert income.rows[1][2].origin == (0, 2)
    # multi-line header cells keep their line break, as the .docx reader joins paragraphs
    assert published_xlsx.grids[6].rows[0][3].text == "经济分类\n科目编码"


def test_titles_units_and_notes_are_paragraphs(published_xlsx: Document) -> None:
    doc = published_xlsx
    for g in doc.grids[1:]:
        before = _paragraphs_before(doc, g)
        assert any(detect_unit(t) is Unit.WAN for t in before), g.ref.sheet
        assert g.ref.sheet in before
    summary = doc.grids[1]
    i = doc.blocks.index(summary)
    assert [b.text for b in doc.blocks[i - 3:i]] == ["收入支出决算总表", "收入支出决算总表", "单位：万元"]  # type: ignore[union-attr]
    note = doc.blocks[i + 1]
    assert isinstance(note, Paragraph) and note.text.startswith("注：") and note.ref.cell == "收入支出决算总表!A35"
    # the narrative sheet: one paragraph per row, nothing mistaken for a table
    narrative = [p for p in doc.paragraphs if p.ref.sheet == "情况说明" and p.ref.cell]
    rows = openpyxl.load_workbook(SAMPLES / "songjiang-2020.xlsx", read_only=True)["情况说明"].max_row
    assert len(narrative) == rows == 62 and narrative[0].text == "第三部分  上海市松江区城市运行管理中心"
    assert not [g for g in doc.grids if g.ref.sheet == "情况说明"]
    assert narrative[1].ref.cell == "情况说明!A2"


def test_blank_dash_and_space_cells(published_xlsx: Document) -> None:
    asset = published_xlsx.grids[ASSET_GRID]
    first = asset.rows[2]  # 一、资产合计
    assert [c.text for c in first] == ["一、资产合计", "——", "——", "109.05", "1,921.86"]
    house = asset.rows[5]  # 其中：1.房屋（平方米）: ideographic spaces, then truly blank cells
    assert [c.text for c in house[1:]] == ["\u3000", "\u3000", "", ""]
    assert asset.rows[6][1].text == "\u3000190"
    basic = published_xlsx.grids[6]
    assert basic.rows[1][2].text == "1,963.09 "  # trailing space kept: it is a text cell
    # a single bordered row without text inside a table stays in it (the 收入决算表 blank row)
    income = published_xlsx.grids[2]
    assert [c.text for c in income.rows[2]] == [""] * 9 and income.rows[3][0].text == "合计"


def test_two_tables_on_one_sheet() -> None:
    doc = read_xlsx(TWO_TABLES)
    kinds = [type(b).__name__ for b in doc.blocks]
    # Sheet1 is a default name: no paragraph for it
    assert kinds == ["Paragraph", "Paragraph", "Grid", "Paragraph", "Grid", "Paragraph"]
    title, unit, one, title2, two, note = doc.blocks
    assert isinstance(one, Grid) and isinstance(two, Grid)
    assert title.text == "表一\u3000测试收入决算表" and title.ref.cell == "Sheet1!A1"  # type: ignore[union-attr]
    assert detect_unit(unit.text) is Unit.YUAN and unit.ref.cell == "Sheet1!C2"  # type: ignore[union-attr]
    assert title2.text == "表二\u3000测试支出情况表" and note.text == "注：测试用数据。"  # type: ignore[union-attr]
    assert (one.index, one.n_rows, one.n_cols) == (0, 3, 3)
    assert [[c.text for c in row] for row in one.rows] == [
        ["项目", "金额", "金额"],
        ["甲", "1,234.50", "99.87%"],
        ["合计", "", "(12.50)"],
    ]
    assert one.rows[0][2].origin == (0, 1) and one.rows[0][1].origin is None
    # the second table: the single blank row stays inside it
    assert (two.index, two.n_rows, two.n_cols) == (1, 5, 3)
    assert [[c.text for c in row] for row in two.rows] == [
        ["科目", "数额", "备注"],
        ["房屋", "190", "——"],
        ["", "", ""],
        ["车辆", "0.1", ""],
        ["日期", "2020-12-31", "TRUE"],
    ]
    assert two.rows[1][1].ref.cell == "Sheet1!B10"
    # the formula saved without its value
    [problem] = doc.problems
    assert problem.reason == MISSING_CACHED_VALUE
    assert problem.text == "=B4"
    assert (problem.ref.table, problem.ref.row, problem.ref.col, problem.ref.cell) == (0, 2, 1, "Sheet1!B5")


def _rewrite_sheet(src: Path, dst: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return dst


def test_shared_formula_and_cached_empty_string(tmp_path: Path) -> None:
    def edit(xml: str) -> str:
        # B4 becomes the master of a shared formula (with its value), B5 a dependent without one
        xml = xml.replace('<c r="B4" s="4" t="n"><v>1234.5</v></c>',
                          '<c r="B4" s="4"><f t="shared" ref="B4:B5" si="0">A3*2</f><v>1234.5</v></c>')
        xml = xml.replace('<c r="B5" s="4"><f>B4</f><v></v></c>', '<c r="B5" s="4"><f t="shared" si="0"/></c>')
        # C10: a formula whose cached result is the empty string is not missing anything
        return xml.replace('<c r="A11"', '<c r="D10" t="str"><f>""</f><v></v></c><c r="A11"')

    path = _rewrite_sheet(TWO_TABLES, tmp_path / "shared.xlsx", edit)
    doc = read_xlsx(path)
    [problem] = doc.problems
    assert problem.text == "=A4*2" and problem.ref.cell == "Sheet1!B5"
    assert doc.grids[0].rows[1][1].text == "1,234.50"


@pytest.mark.parametrize(
    ("value", "fmt", "printed"),
    [
        (3998.79, "#,##0.00", "3,998.79"),
        (3984.05, "0.00", "3984.05"),
        (0, "0.00", "0.00"),
        (190, "0", "190"),
        (190.0, "General", "190"),
        (148.3, "General", "148.3"),
        (0.1, None, "0.1"),
        (0.9987, "0.00%", "99.87%"),
        (0.5, "0%", "50%"),
        (-12.5, "#,##0.00_);(#,##0.00)", "(12.50)"),
        (-12.5, "#,##0.00_);[Red](#,##0.00)", "(12.50)"),
        (-12.5, "0.00", "-12.50"),
        (1234567.891, "#,##0", "1,234,568"),
        (1234567.891, "0", "1234568"),
        (2.675, "0.00", "2.68"),  # ROUND_HALF_UP on the decimal the double stands for
        (1.005, "0.00", "1.01"),
        (3984.0499999999997, "0.00", "3984.05"),  # a sum's double, 15 significant digits
        (3984.0499999999997, "General", "3984.05"),
        (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-"),  # the zh-CN accounting format
        (1963.09, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "1,963.09"),
        (-5, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-5.00"),
        (12.5, '0.00"万元"', "12.50万元"),
        (12.5, "[$¥-804]#,##0.00", "¥12.50"),
        (1234567, "#,##0,", "1,235"),
        (0.5, "#.00", ".50"),
        (3.5, "0.##", "3.5"),
        (12345.678, "0.00E+00", "1.23E+04"),
        (5, "0;-0;;@", "5"),
        (0, "0;-0;;@", ""),
        (10, "@", "10"),
        (Decimal("1.10"), "0.0", "1.1"),
        (10**20, "General", "100000000000000000000"),
    ],
)
def test_format_number(value: int | float | Decimal, fmt: str | None, printed: str) -> None:
    assert format_number(value, fmt) == printed


def test_format_value_other_types() -> None:
    import datetime as dt

    assert format_value(True, "General") == "TRUE"
    assert format_value(dt.datetime(2020, 12, 31, 8, 30), "yyyy-mm-dd h:mm") == "2020-12-31 08:30:00"
    assert format_value(dt.date(2020, 1, 2), None) == "2020-01-02"
    assert format_value("　51.30", "0.00") == "　51.30"
    assert format_value(None, "0.00") == ""
    assert cell_name("收入支出决算总表", 6, 2) == "收入支出决算总表!C7"
    assert cell_name("My Sheet", 0, 27) == "'My Sheet'!AB1"


# ---------------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("text.xlsx", b"name,amount\n\xe5\x90\x88\xe8\xae\xa1,3998.79\n", Reason.WRONG_FORMAT),
        ("page.xlsx", b"<!DOCTYPE html>\n<html><body><table><tr><td>1</td></tr></table></body></html>",
         Reason.WRONG_FORMAT),
        ("ole.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\x00" * 1024, Reason.ENCRYPTED),
        ("empty.xlsx", b"", Reason.EMPTY),
        ("zip.xlsx", None, Reason.WRONG_FORMAT),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes | None, reason: Reason) -> None:
    path = tmp_path / name
    if content is None:  # a zip archive that is not a workbook
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("readme.txt", "hello")
    else:
        path.write_bytes(content)
    with pytest.raises(ReadError) as exc:
        read_xlsx(path)
    assert exc.value.reason is reason
    if name == "page.xlsx":
        assert "HTML" in exc.value.detail
    if name == "ole.xlsx":
        assert "password-protected" in exc.value.detail


def test_truncated_and_damaged(tmp_path: Path) -> None:
    data = (SAMPLES / "songjiang-2020.xlsx").read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError) as exc:
        read_xlsx(cut)
    assert exc.value.reason is Reason.TRUNCATED
    # a member whose compressed bytes are damaged (the central directory is intact)
    damaged = bytearray(data)
    with zipfile.ZipFile(SAMPLES / "songjiang-2020.xlsx") as zf:
        info = zf.getinfo("xl/worksheets/sheet2.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 40
    for k in range(start, start + 64):
        damaged[k] ^= 0x5A
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(bytes(damaged))
    with pytest.raises(ReadError) as exc:
        read_xlsx(bad)
    assert exc.value.reason in (Reason.TRUNCATED, Reason.MALFORMED)


def test_missing_file_and_malformed_xml(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as exc:
        read_xlsx(tmp_path / "nowhere.xlsx")
    assert exc.value.reason is Reason.NOT_FOUND
    path = _rewrite_sheet(TWO_TABLES, tmp_path / "broken.xlsx", lambda xml: xml[: len(xml) // 2])
    with pytest.raises(ReadError) as exc:
        read_xlsx(path)
    assert exc.value.reason is Reason.MALFORMED


def test_legacy_xls_named_xlsx_is_read() -> None:
    """An OLE file that xlrd reads is a legacy .xls renamed: read as what it is."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        renamed = Path(d) / "renamed.xlsx"
        shutil.copy(SAMPLES / "songjiang-2020.xls", renamed)
        doc = read_xlsx(renamed)
    assert doc.format == "xls" and len(doc.grids) == 11
