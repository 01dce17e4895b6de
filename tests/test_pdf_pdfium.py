"""The PDFium reader: its characters and edges against pdfplumber's, pages read upright, the page
tree's count checked against the pages present, and what a page draws counted against the limits."""

from __future__ import annotations

import time
from pathlib import Path

import pdfplumber
import pytest

import jueSuan
from jueSuan.readers import ReadError, read_document
from jueSuan.readers.pdf import engine, guard
from jueSuan.readers.safety import InputLimits, limits, set_limits
from jueSuan.reconcile import reconcile

from .conftest import SAMPLES
from .make_hostile import _form_reuse_pdf, count_lie_pdf, rotated_pdf

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
SONGJIANG = SAMPLES / "songjiang-2020.pdf"


def _findings(path: Path) -> list[str]:
    return sorted(f"{f.rule} {f.severity.name} {f.table} | {f.line}" for f in reconcile(jueSuan.read(path)))


def _grids(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in row] for row in g.rows] for g in read_document(path).grids]


_TEMPLATE = REAL / "shanghai-juesuan" / "上海市部门决算模板2024.pdf"


@pytest.mark.parametrize("path", [SONGJIANG, SAMPLES / "pujin-perf-2023.pdf", _TEMPLATE], ids=lambda p: p.name)
def test_characters_and_edges_are_pdfplumbers(path: Path) -> None:
    """Every character PDFium gives has pdfplumber's text and box and every edge its place, on
    every page: the page code sees what it was written against. (The samples' Chinese font is not
    embedded and PDFium substitutes its metrics: their characters are compared as text, a real
    document's box by box.)"""
    if not path.exists():
        pytest.skip(f"{path} is not here")
    pdf = engine.open_pdf(str(path))
    try:
        with pdfplumber.open(path) as plumber:
            assert len(pdf) == len(plumber.pages)
            for number, (page, theirs) in enumerate(zip((pdf[i] for i in range(len(pdf))), plumber.pages, strict=True), 1):
                geo, chars, edges, _ = engine.read_page(page)
                ours = [c for c in chars if not c["text"].isspace()]
                ref = [c for c in theirs.chars if not c["text"].isspace()]
                assert len(ours) == len(ref), f"page {number}: {len(ours)} characters, pdfplumber {len(ref)}"
                if path != _TEMPLATE:
                    assert sorted(c["text"] for c in ours) == sorted(c["text"] for c in ref), f"page {number}"
                else:
                    by_text: dict[str, list[dict]] = {}
                    for a in ours:
                        by_text.setdefault(a["text"], []).append(a)
                    for b in ref:  # each of pdfplumber's characters: ours of the same text nearest to it
                        cands = by_text.get(b["text"], [])
                        assert cands, (number, b["text"])
                        a = min(cands, key=lambda c: abs(c["x0"] - b["x0"]) + abs(c["top"] - b["top"]))
                        cands.remove(a)
                        for k in ("x0", "x1", "top", "bottom", "size"):  # x1: PDFium's advance, to 0.2 pt
                            assert abs(a[k] - b[k]) < (0.2 if k == "x1" else 0.05), (number, a["text"], k, a[k], b[k])
                key = sorted((e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges)
                ref_key = sorted((e["orientation"], float(e["x0"]), float(e["top"]), float(e["x1"]), float(e["bottom"]))
                                 for e in theirs.edges if e["orientation"])
                assert len(key) == len(ref_key), f"page {number}: {len(key)} edges, pdfplumber {len(ref_key)}"
                for a, b in zip(key, ref_key, strict=True):
                    assert a[0] == b[0] and all(abs(x - y) < 0.01 for x, y in zip(a[1:], b[1:], strict=True)), (number, a, b)
                assert (geo.width, geo.height) == pytest.approx((float(theirs.width), float(theirs.height)))
                page.close()
    finally:
        pdf.close()


@pytest.mark.parametrize("how", ["set", "drawn"])
def test_rotated_pages_read_upright(how: str, tmp_path: Path) -> None:
    """The Songjiang sample turned 90° (``/Rotate 90`` set over its left-to-right text, or its content
    drawn turned under ``/Rotate 90``) reads as the upright sample: the same grids, the same findings
    (the old reader read the first kind on its side: 7 errors where the sample has 4)."""
    rotated = tmp_path / f"songjiang-rotated-{how}.pdf"
    rotated_pdf(SONGJIANG, rotated, how)
    pdf = engine.open_pdf(str(rotated))
    assert pdf[0].get_rotation() == 90
    pdf.close()
    assert _grids(rotated) == _grids(SONGJIANG)
    assert _findings(rotated) == _findings(SONGJIANG)


def test_page_count_is_the_pages_present(tmp_path: Path) -> None:
    """A page tree saying ``/Count 999999`` over 11 pages is read (11 pages, every grid) and the
    lie reported, not refused as a 999,999-page file."""
    lie = tmp_path / "count-lie.pdf"
    count_lie_pdf(lie)
    doc = read_document(lie)
    assert [[c.text for row in g.rows for c in row] for g in doc.grids] == \
        [[c.text for row in g.rows for c in row] for g in read_document(SONGJIANG).grids]
    pages = {b.ref.page for b in doc.blocks}
    assert pages == {b.ref.page for b in read_document(SONGJIANG).blocks} and max(pages) >= 10  # type: ignore[operator]
    assert any("declares 999999 pages but only 11" in p.reason for p in doc.problems), doc.problems
    assert _findings(lie) == _findings(SONGJIANG)


def test_a_form_counts_each_time_it_is_drawn(tmp_path: Path) -> None:
    """The same form of 1,000 figures: drawn once it is read (and has no table), drawn 10,000 times
    it is refused as too large, before PDFium parses the page."""
    once, often = tmp_path / "once.pdf", tmp_path / "often.pdf"
    once.write_bytes(_form_reuse_pdf(draws=1))
    often.write_bytes(_form_reuse_pdf(draws=10_000))
    assert len(often.read_bytes()) < 150_000
    doc = read_document(once)
    assert "Hello" in " ".join(p.text for p in doc.paragraphs)
    start = time.perf_counter()
    with pytest.raises(ReadError) as exc:
        read_document(often)
    assert exc.value.reason.value == "too-large"
    assert "draw more than" in str(exc.value)
    assert time.perf_counter() - start < 5


def test_drawing_limit_is_the_limit_in_force() -> None:
    """``max_pdf_ops`` is what the guard checks: the sample draws a few thousand operations."""
    old = set_limits(InputLimits(max_pdf_ops=500))
    try:
        with pytest.raises(ReadError) as exc:
            read_document(SONGJIANG)
        assert exc.value.reason.value == "too-large"
    finally:
        set_limits(old)
    assert limits().max_pdf_ops >= 1_000_000
    assert read_document(SONGJIANG).grids


def test_prescan_finds_the_pages_of_real_documents() -> None:
    files = sorted(REAL.rglob("*.pdf")) if REAL.is_dir() else []
    if not files:
        pytest.skip(f"../shared/real is not here ({REAL})")
    for f in files:
        scan = guard.prescan(f)
        pdf = engine.open_pdf(str(f))
        try:
            assert scan.pages == len(pdf), f.name
        finally:
            pdf.close()


def test_page_tree_holding_more_pages_than_its_count(tmp_path: Path) -> None:
    """``/Count 5`` over 11 pages: PDFium believes the count; the file is read with the count of the
    pages present, all 11, and the damage said (the old reader walked the tree and read 11 too)."""
    short = tmp_path / "count-short.pdf"
    count_lie_pdf(short, count=5)
    doc = read_document(short)
    assert {b.ref.page for b in doc.blocks} == {b.ref.page for b in read_document(SONGJIANG).blocks}
    assert any("says 5 pages but holds 11: all 11 are read" in p.reason for p in doc.problems), doc.problems
    assert _findings(short) == _findings(SONGJIANG)
