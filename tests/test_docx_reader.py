from __future__ import annotations

from pathlib import Path

import docx
import pytest

from jueSuan.readers import Grid, Paragraph, ReadError, Reason, read_document


def test_sample_body_order_and_locations(published: Path) -> None:
    doc = read_document(published)
    assert len(doc.grids) == 11
    assert [g.index for g in doc.grids] == list(range(11))
    # body order: the title paragraph comes right before its table
    blocks = list(doc.blocks)
    i = next(k for k, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text.strip() == "收入支出决算总表")
    assert isinstance(blocks[i + 2], Grid)
    paragraphs = doc.paragraphs
    assert [p.index for p in paragraphs] == list(range(len(paragraphs)))
    for g in doc.grids:
        for r, row in enumerate(g.rows):
            for c, cell in enumerate(row):
                assert (cell.ref.table, cell.ref.row, cell.ref.col) == (g.index, r, c)


def test_merges_resolved(published: Path) -> None:
    doc = read_document(published)
    three = next(g for g in doc.grids if "因公出国" in "".join(c.text for c in g.rows[1]))
    assert three.n_cols == 12
    # horizontal: the title row spans all 12 columns
    assert all(c.text == three.rows[0][0].text for c in three.rows[0])
    assert all(c.origin == (0, 0) for c in three.rows[0][1:])
    # vertical: 合计 (rows 2-3, cols 1-2) continues down with the origin's text
    assert three.rows[2][0].text == "合计" and three.rows[2][0].origin == (1, 0)
    assert three.rows[2][4].text == "小计" and three.rows[2][4].origin is None
    assert [c.text for c in three.rows[4]] == ["0.00"] * 12


def _doc_with(tmp_path: Path, build) -> Path:  # type: ignore[no-untyped-def]
    d = docx.Document()
    build(d)
    path = tmp_path / "t.docx"
    d.save(str(path))
    return path


def test_nested_tables_and_empty_rows(tmp_path: Path) -> None:
    def build(d: docx.Document) -> None:
        d.add_paragraph("before")
        t = d.add_table(rows=3, cols=2)
        t.cell(0, 0).text = "outer"
        inner = t.cell(1, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "inner-a"
        inner.cell(0, 1).text = "inner-b"
        d.add_paragraph("after")

    doc = read_document(_doc_with(tmp_path, build))
    assert len(doc.grids) == 2
    outer, inner = doc.grids
    assert outer.rows[0][0].text == "outer"
    assert outer.rows[2][0].text == "" and outer.rows[2][1].text == ""  # empty row kept, no crash
    assert inner.rows[0][1].text == "inner-b"
    assert [p.text for p in doc.paragraphs] == ["before", "after"]


def test_gridspan_and_vmerge_built_by_python_docx(tmp_path: Path) -> None:
    def build(d: docx.Document) -> None:
        t = d.add_table(rows=3, cols=3)
        t.cell(0, 0).merge(t.cell(0, 1)).text = "AB"
        t.cell(1, 2).merge(t.cell(2, 2)).text = "V"
        t.cell(2, 0).text = "1,234.50"

    doc = read_document(_doc_with(tmp_path, build))
    g = doc.grids[0]
    assert [c.text for c in g.rows[0][:2]] == ["AB", "AB"] and g.rows[0][1].origin == (0, 0)
    assert g.rows[2][2].text == "V" and g.rows[2][2].origin == (1, 2)
    assert g.rows[2][0].text == "1,234.50"


def test_unreadable_files(tmp_path: Path, published: Path) -> None:
    text = tmp_path / "a.docx"
    text.write_text("just text", encoding="utf-8")
    html = tmp_path / "b.docx"
    html.write_text("<html><body>x</body></html>", encoding="utf-8")
    truncated = tmp_path / "c.docx"
    truncated.write_bytes(published.read_bytes()[:5000])
    ole = tmp_path / "d.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    empty = tmp_path / "e.docx"
    empty.write_bytes(b"")
    cases = {text: Reason.WRONG_FORMAT, html: Reason.WRONG_FORMAT, truncated: Reason.TRUNCATED,
             ole: Reason.ENCRYPTED, empty: Reason.EMPTY, tmp_path / "missing.docx": Reason.NOT_FOUND,
             tmp_path / "x.doc": Reason.NOT_FOUND}
    (tmp_path / "y.wps").write_bytes(b"x")
    cases[tmp_path / "y.wps"] = Reason.UNSUPPORTED_FORMAT
    for path, reason in cases.items():
        with pytest.raises(ReadError) as info:
            read_document(path)
        assert info.value.reason is reason, path
        assert str(path) in str(info.value)
