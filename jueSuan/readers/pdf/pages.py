"""Pages: a page's words, ruled and rule-less tables and lines in reading order; page numbers and
pictures; tables continued on the next page."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from ...numbers import normalize_text
from ...source import SourceRef
from ..base import Problem
from ..textflow import PAGE_NUMBER as _PAGE_NUMBER
from .layout import SLIVER, _assign_words, _CellBox, _cluster_values, _Layout, _round_box, _ruled_layout, ruled_tables
from .text import _CODE, _ROW_START, _cluster_lines, _Line, _Word, page_words
from .textgrid import _is_figure, _text_tables

Box = tuple[float, float, float, float]

MARGIN = 0.15
#: An image this large (fraction of the page) with no text over it is reported as not read.
BIG_IMAGE = 0.25

class _Page:
    def __init__(self, number: int, height: float) -> None:
        self.number = number
        self.height = height
        self.items: list[tuple[float, float, _Line | _Layout]] = []  # (top, x0, item)
        self.problems: list[Problem] = []
        self.n_words = 0
        self.n_cid = 0  # words in a font with no Unicode mapping


class PageContent:
    """What a page holds, as the PDF engine gives it: characters, ruling edges, image boxes, and
    the page's upright size."""

    __slots__ = ("chars", "edges", "height", "images", "width")

    def __init__(self, chars: list[dict[str, Any]], edges: list[dict[str, Any]], images: list[Box], width: float,
                 height: float) -> None:
        self.chars, self.edges, self.images, self.width, self.height = chars, edges, images, width, height


def _read_page(page: PageContent, number: int, file: str) -> _Page:
    out = _Page(number, float(page.height))
    width, height = float(page.width), float(page.height)
    words = page_words(page.chars, width, height)  # text placed off the page is not printed
    cid = [w for w in words if "(cid:" in w.text]
    out.n_words, out.n_cid = len(words), len(cid)
    if cid:
        out.problems.append(Problem(SourceRef(file, page=number, bbox=_round_box((cid[0].x0, cid[0].top, cid[0].x1, cid[0].bottom))),
                                    f"page {number}: {len(cid)} word(s) in a font with no Unicode mapping, read as (cid:N) codes",
                                    cid[0].text))
    layouts: list[_Layout] = []
    for cells in ruled_tables(page.edges):
        boxes = [tuple(map(float, c)) for c in cells]
        big = [b for b in boxes if b[2] - b[0] >= SLIVER and b[3] - b[1] >= SLIVER]
        if len(big) < 2 or len(_cluster_values([b[0] for b in big], SLIVER - 0.5)) < 2:
            continue  # a framed paragraph, not a table
        layouts.append(_ruled_layout(number, boxes))  # type: ignore[arg-type]
    outside: list[_Word] = []
    inside: list[list[_Word]] = [[] for _ in layouts]
    for w in words:
        for k, lay in enumerate(layouts):
            x0, top, x1, bottom = lay.bbox
            if x0 <= w.cx <= x1 and top <= w.cy <= bottom:
                inside[k].append(w)
                break
        else:
            outside.append(w)
    for lay, ws in zip(layouts, inside, strict=True):
        _assign_words(lay, ws)
    lines = [_Line(ws) for ws in _cluster_lines(outside)]
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    # text tables, region by region between the ruled tables
    cuts = sorted(lay.bbox[1] for lay in layouts)
    region = (min((w.x0 for w in words), default=0.0), max((w.x1 for w in words), default=float(page.width)))
    taken: set[int] = set()
    start = 0
    for cut in [*cuts, float("inf")]:
        end = start
        while end < len(lines) and lines[end].top < cut:
            end += 1
        for a, b, lay in _text_tables(lines[start:end], number, region):
            layouts.append(lay)
            taken.update(range(start + a, start + b + 1))
        start = end
    for lay in layouts:
        out.items.append((lay.bbox[1], lay.bbox[0], lay))
    for k, ln in enumerate(lines):
        if k not in taken:
            out.items.append((ln.top, ln.x0, ln))
    out.items.sort(key=lambda t: (t[0], t[1]))
    _drop_page_numbers(out)
    _image_problems(page, out, words, file)
    return out


def _drop_page_numbers(p: _Page) -> None:
    """Page headers/footers that are only a page number (``- 3 -``, ``第 3 页 共 10 页``)."""
    def is_number(k: int) -> bool:
        item = p.items[k][2]
        if not isinstance(item, _Line) or not _PAGE_NUMBER.match(item.text.strip()):
            return False
        return item.bottom < MARGIN * p.height or item.top > (1 - MARGIN) * p.height

    while p.items and is_number(0):
        p.items.pop(0)
    while p.items and is_number(len(p.items) - 1):
        p.items.pop()


def _image_problems(page: PageContent, p: _Page, words: list[_Word], file: str) -> None:
    area = float(page.width) * float(page.height) or 1.0
    for x0, top, x1, bottom in page.images:
        if (x1 - x0) * (bottom - top) < BIG_IMAGE * area:
            continue
        if any(x0 <= w.cx <= x1 and top <= w.cy <= bottom for w in words):
            continue  # text printed over it: a background
        p.problems.append(Problem(
            SourceRef(file, page=p.number, bbox=_round_box((x0, top, x1, bottom))),
            f"page {p.number}: an image with no text layer (a scanned or pasted page or table) is not read"))


# --------------------------------------------------------------------------------------------------
# Tables continued on the next page
# --------------------------------------------------------------------------------------------------


def _subset(a: Sequence[float], b: Sequence[float], tol: float = 1.5) -> bool:
    return all(any(abs(x - y) <= tol for y in b) for x in a)


def _link_pages(pages: list[_Page]) -> None:
    """A ruled table ending a page and one starting the next, of the same width, are one table:
    give both the same column boundaries, and join a row broken over the page break."""
    chains: list[list[_Layout]] = []
    for prev, cur in pairwise(pages):
        if not prev.items or not cur.items:
            continue
        t, u = prev.items[-1][2], cur.items[0][2]
        if not (isinstance(t, _Layout) and isinstance(u, _Layout) and t.ruled and u.ruled):
            continue
        if abs(t.xs[0] - u.xs[0]) > 3 or abs(t.xs[-1] - u.xs[-1]) > 3:
            continue
        if not (_subset(t.xs, u.xs) or _subset(u.xs, t.xs)):
            continue
        if chains and chains[-1][-1] is t:
            chains[-1].append(u)
        else:
            chains.append([t, u])
    for chain in chains:
        xs = _cluster_values([x for lay in chain for x in lay.xs], 1.5)
        for lay in chain:
            lay.xs = xs
        for t, u in pairwise(chain):
            _join_broken_row(chain[0], t, u)
    for p in pages:
        p.items = [it for it in p.items if not (isinstance(it[2], _Layout) and it[2].drop_rows
                                                 and len(it[2].drop_rows) >= len(it[2].ys) - 1)]


def _join_broken_row(head: _Layout, t: _Layout, u: _Layout) -> None:
    """A row that Word let break across the page: its first part ends ``t`` and the rest (text
    only, continuing text of the cells above) starts ``u``, after any repeated header rows."""
    pos_u, pos_t, pos_h = u.positions(), t.positions(), head.positions()
    k = 0
    while (k < min(len(pos_u), len(pos_h)) - 1 and u.row_texts(k, pos_u) == head.row_texts(k, pos_h)
           and any(u.row_texts(k, pos_u))):
        k += 1
    if k >= len(pos_u) or not pos_t:
        return
    last = len(pos_t) - 1
    frag = [i for i in dict.fromkeys(pos_u[k]) if i is not None]
    moves: list[tuple[_CellBox, _CellBox]] = []
    full = False
    for i in frag:
        cell = u.cells[i]
        r0, c0, r1, c1 = u.span(cell)
        text = normalize_text(cell.text())
        if not text:
            continue  # an empty cell, or a merged cell continuing down the new page
        if r0 != k or r1 != k + 1:
            return  # text in a cell spanning into the next rows: not a fragment
        if _is_figure(text) or _CODE.match(text) or _ROW_START.match(text):
            return
        above = [j for j in dict.fromkeys(pos_t[last][c0:c1]) if j is not None]
        if len(above) != 1 or t.span(t.cells[above[0]])[1::2] != (c0, c1):
            return
        target = t.cells[above[0]]
        if not normalize_text(target.text()):
            return
        full = full or _last_line_full(t, target)
        moves.append((target, cell))
    if not moves or not full:
        return
    for target, cell in moves:
        target.tail.append(cell.text())
    u.drop_rows.add(k)


def _last_line_full(lay: _Layout, cell: _CellBox) -> bool:
    """The cell's last line reaches its right edge (less the padding seen on the left): the text
    went on on another line."""
    lines = _cluster_lines(cell.words)
    if not lines:
        return False
    pads = [c.words and min(w.x0 for w in c.words) - c.bbox[0] for c in lay.cells if c.words]
    pad = max(0.0, min((float(p) for p in pads), default=0.0))
    last = lines[-1]
    size = max(w.size for w in last)
    return max(w.x1 for w in last) + 0.9 * size >= cell.bbox[2] - pad

