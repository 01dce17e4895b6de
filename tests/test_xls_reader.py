"""The legacy .xls reader on the real sample workbooks (written by samples/make_samples.py with xlwt)
and on broken files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import xlrd

from jueSuan.numbers import Unit, detect_unit
from jueSuan.readers.base import Document, Paragraph, ReadError, Reason
from jueSuan.readers.workbooks import read_xls, read_xlsx
from tests.test_xlsx_reader import ASSET_GRID, SHEETS, assert_same_as_docx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(scope="module")
def published_xls() -> Document:
    return read_xls(SAMPLES / "songjiang-2020.xls")


def test_sheets_grids_and_locations(published_xls: Document) -> None:
    doc = published_xls
    assert doc.format == "xls" and doc.problems == ()
    assert tuple(p.text for p in doc.paragraphs if p.ref.cell is None) == SHEETS
    assert [g.index for g in doc.grids] == list(range(11))
    for g in doc.grids:
        for r, row in enumerate(g.rows):
            for c, cell in enumerate(row):
                assert (cell.ref.table, cell.ref.row, cell.ref.col, cell.ref.sheet) == (g.index, r, c, g.ref.sheet)
    summary = doc.grids[1]
    c7 = summary.rows[4][2]
    assert c7.ref.cell == "收入支出决算总表!C7" and c7.text == "三、国防支出"
    assert summary.rows[2][1].ref.cell == "收入支出决算总表!B5" and summary.rows[2][1].text == "3,998.79"


@pytest.mark.parametrize("name", ["songjiang-2020", "songjiang-2020-fixed"])
def test_every_cell_as_in_the_docx(name: str) -> None:
    assert_same_as_docx(read_xls(SAMPLES / f"{name}.xls"), SAMPLES / f"{name}.docx")


def test_same_document_as_the_xlsx(published_xls: Document) -> None:
    xlsx = read_xlsx(SAMPLES / "songjiang-2020.xlsx")
    assert [type(b) for b in xlsx.blocks] == [type(b) for b in published_xls.blocks]
    for a, b in zip(xlsx.blocks, published_xls.blocks, strict=True):
        if isinstance(a, Paragraph):
            assert (a.text, a.ref.cell) == (b.text, b.ref.cell)  # type: ignore[union-attr]
        else:
            def cells(grid):  # type: ignore[no-untyped-def]
                return [[(c.text, c.origin, c.ref.cell) for c in row] for row in grid.rows]

            assert cells(a) == cells(b)


def test_numbers_are_numeric_cells(published_xls: Document) -> None:
    book = xlrd.open_workbook(str(SAMPLES / "songjiang-2020.xls"), formatting_info=True)
    sh = book.sheet_by_name("收入支出决算总表")
    assert sh.cell_type(4, 1) == xlrd.XL_CELL_NUMBER and sh.cell_value(4, 1) == 3998.79
    fmt = book.format_map[book.xf_list[sh.cell_xf_index(4, 1)].format_key].format_str
    assert fmt == "#,##0.00"
    sh = book.sheet_by_name("财政拨款收入支出决算总表")
    assert sh.cell_type(4, 1) == xlrd.XL_CELL_TEXT and sh.cell_value(4, 1) == "3,998.79\u3000"
    fiscal = published_xls.grids[4]
    assert fiscal.rows[28][3].text == "3984.05" and fiscal.rows[28][3].ref.cell == "财政拨款收入支出决算总表!D31"


def test_merges_units_blanks_and_dashes(published_xls: Document) -> None:
    three = published_xls.grids[7]
    assert [c.origin for c in three.rows[0]] == [None] + [(0, 0)] * 11
    assert [c.origin for c in (three.rows[1][1], three.rows[2][0], three.rows[2][1])] == [(1, 0)] * 3
    assert three.rows[2][0].text == "合计"
    doc = published_xls
    for g in doc.grids[1:]:
        i = doc.blocks.index(g)
        before = [b.text for b in doc.blocks[max(0, i - 3):i] if isinstance(b, Paragraph)]
        assert any(detect_unit(t) is Unit.WAN for t in before), g.ref.sheet
    asset = doc.grids[ASSET_GRID]
    assert [c.text for c in asset.rows[2]] == ["一、资产合计", "——", "——", "109.05", "1,921.86"]
    assert [c.text for c in asset.rows[5][1:]] == ["\u3000", "\u3000", "", ""]


# ---------------------------------------------------------------------------------------------- errors


def _encrypted_copy(tmp_path: Path) -> Path:
    """The sample with its first record after BOF turned into FILEPASS: what an encrypted .xls holds."""
    data = bytearray((SAMPLES / "songjiang-2020.xls").read_bytes())
    bof = data.find(b"\x09\x08\x10\x00\x00\x06\x05\x00")  # BIFF8 workbook-globals BOF
    assert bof > 0
    data[bof + 20:bof + 22] = (0x002F).to_bytes(2, "little")
    path = tmp_path / "encrypted.xls"
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("name", "content", "reason", "words"),
    [
        ("page.xls", b"<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body><table><tr><td>1</td>"
         b"</tr></table></body></html>", Reason.WRONG_FORMAT, "HTML page saved as .xls"),
        ("bom.xls", b"\xef\xbb\xbf<!DOCTYPE html><html></html>", Reason.WRONG_FORMAT, "HTML page"),
        ("xml2003.xls", b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
         Reason.WRONG_FORMAT, "XML Spreadsheet 2003"),
        ("text.xls", b"a\tb\n1\t2\n", Reason.WRONG_FORMAT, "text file"),
        ("empty.xls", b"", Reason.EMPTY, "empty"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes, reason: Reason, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as exc:
        read_xls(path)
    assert exc.value.reason is reason and words in exc.value.detail


def test_encrypted(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as exc:
        read_xls(_encrypted_copy(tmp_path))
    assert exc.value.reason is Reason.ENCRYPTED


def test_truncated_and_garbage(tmp_path: Path) -> None:
    data = (SAMPLES / "songjiang-2020.xls").read_bytes()
    cut = tmp_path / "cut.xls"
    cut.write_bytes(data[:20000])
    with pytest.raises(ReadError) as exc:
        read_xls(cut)
    assert exc.value.reason is Reason.TRUNCATED
    garbage = tmp_path / "garbage.xls"
    garbage.write_bytes((OLE_MAGIC + bytes(range(256)) * 6)[:1536])  # whole sectors, nonsense inside
    with pytest.raises(ReadError) as exc:
        read_xls(garbage)
    assert exc.value.reason in (Reason.MALFORMED, Reason.WRONG_FORMAT)
    with pytest.raises(ReadError) as exc:
        read_xls(tmp_path / "nowhere.xls")
    assert exc.value.reason is Reason.NOT_FOUND


def test_xlsx_named_xls_is_read(tmp_path: Path) -> None:
    renamed = tmp_path / "renamed.xls"
    shutil.copy(SAMPLES / "songjiang-2020.xlsx", renamed)
    doc = read_xls(renamed)
    assert doc.format == "xlsx" and len(doc.grids) == 11
