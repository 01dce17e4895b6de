"""Table layouts: cell boxes on column and row boundaries, and the words in each cell; the ruled
tables of a page found from its edges (pdfplumber's table algorithm, used as a library function)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Any

from ...numbers import normalize_text
from ...source import SourceRef
from ..base import Cell, Grid, make_grid
from .ruling import find_tables
from .text import _join_lines, _Word, _word_from_chars, _words_text

SLIVER = 4.0

#: pdfplumber table finding, lines first. The tolerances are pdfplumber's defaults, kept explicit
#: because the thin-rectangle rules depend on them: a rule drawn as a filled rectangle 0.5pt high
#: has two edges 0.5pt apart (``snap_tolerance`` makes them one), rules drawn cell by cell leave
#: gaps and overlaps of a point or two (``join_tolerance``), and the short sides of such a
#: rectangle are not rules (``edge_min_length``).
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "edge_min_length": 3,
    "intersection_tolerance": 3,
}


def ruled_tables(edges: list[dict[str, Any]]) -> list[list[tuple[float, float, float, float]]]:
    """The cell boxes of each table the page's edges rule (pdfplumber's algorithm, ``ruling``)."""
    return find_tables(edges, TABLE_SETTINGS) if edges else []
#: Page numbers are dropped only in these top/bottom fractions of the page.
class _CellBox:
    __slots__ = ("bbox", "tail", "words")

    def __init__(self, bbox: tuple[float, float, float, float]) -> None:
        self.bbox = bbox
        self.words: list[_Word] = []
        self.tail: list[str] = []  # text of the same cell continued on the next page

    def text(self) -> str:
        base = _words_text(self.words) if self.words else ""
        return _join_lines([base, *self.tail]) if self.tail else base


def _nearest(bounds: Sequence[float], v: float) -> int:
    i = bisect.bisect_left(bounds, v)
    if i == 0:
        return 0
    if i == len(bounds):
        return len(bounds) - 1
    return i if bounds[i] - v < v - bounds[i - 1] else i - 1


def _cluster_values(values: Iterable[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


class _Layout:
    """A table on one page: boundaries, cell boxes, words in cells. ``ruled``: found from rules."""

    def __init__(self, page: int, xs: list[float], ys: list[float], cells: list[_CellBox], ruled: bool) -> None:
        self.page = page
        self.xs = xs
        self.ys = ys
        self.cells = cells
        self.ruled = ruled
        self.drop_rows: set[int] = set()

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def span(self, cell: _CellBox) -> tuple[int, int, int, int]:
        x0, top, x1, bottom = cell.bbox
        r0, r1 = _nearest(self.ys, top), _nearest(self.ys, bottom)
        c0, c1 = _nearest(self.xs, x0), _nearest(self.xs, x1)
        return r0, c0, max(r1, r0 + 1), max(c1, c0 + 1)

    def positions(self) -> list[list[int | None]]:
        n_r, n_c = len(self.ys) - 1, len(self.xs) - 1
        pos: list[list[int | None]] = [[None] * n_c for _ in range(n_r)]
        for i, cell in enumerate(self.cells):
            r0, c0, r1, c1 = self.span(cell)
            for r in range(r0, min(r1, n_r)):
                for c in range(c0, min(c1, n_c)):
                    if pos[r][c] is None:
                        pos[r][c] = i
        return pos

    def fill_holes(self) -> None:
        """Positions no cell box covers become empty cells of their own."""
        pos = self.positions()
        for r, row in enumerate(pos):
            for c, v in enumerate(row):
                if v is None:
                    self.cells.append(_CellBox((self.xs[c], self.ys[r], self.xs[c + 1], self.ys[r + 1])))

    def row_texts(self, r: int, pos: list[list[int | None]] | None = None) -> list[str]:
        pos = pos if pos is not None else self.positions()
        return [normalize_text(self.cells[i].text()) if i is not None else "" for i in pos[r]]

    def to_grid(self, index: int, file: str) -> Grid:
        pos = self.positions()
        keep = [r for r in range(len(pos)) if r not in self.drop_rows]
        new_row = {r: k for k, r in enumerate(keep)}
        texts = [c.text() for c in self.cells]
        ref = SourceRef(file, table=index, page=self.page, bbox=_round_box(self.bbox))
        rows: list[list[Cell]] = []
        for r in keep:
            cells: list[Cell] = []
            for c, i in enumerate(pos[r]):
                if i is None:  # pragma: no cover - fill_holes leaves none
                    cells.append(Cell("", ref.at(len(rows), c)))
                    continue
                cell = self.cells[i]
                r0, c0, _, _ = self.span(cell)
                if r0 in self.drop_rows:  # a merged cell that lost its first row starts lower
                    r0 = next(k for k in keep if k >= r0)
                cref = SourceRef(file, table=index, row=len(rows), col=c, page=self.page, bbox=_round_box(cell.bbox))
                origin = None if (r0, c0) == (r, c) else (new_row[r0], c0)
                cells.append(Cell(texts[i], cref, origin))
            rows.append(cells)
        return make_grid(index, rows, ref)


def _round_box(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))


def _ruled_layout(page: int, boxes: list[tuple[float, float, float, float]]) -> _Layout:
    """A table from pdfplumber's cell boxes. Slivers between the two rules of a double border are
    no cells, and boundaries closer than ``SLIVER`` are one."""
    boxes = [b for b in boxes if b[2] - b[0] >= SLIVER and b[3] - b[1] >= SLIVER] or boxes
    xs = _cluster_values([b[0] for b in boxes] + [b[2] for b in boxes], SLIVER - 0.5)
    ys = _cluster_values([b[1] for b in boxes] + [b[3] for b in boxes], SLIVER - 0.5)
    layout = _Layout(page, xs, ys, [_CellBox(tuple(b)) for b in boxes], ruled=True)  # type: ignore[arg-type]
    layout.fill_holes()
    return layout


def _assign_words(layout: _Layout, words: list[_Word]) -> None:
    """Put each word in the cell holding its centre; a word running over a cell border is split
    there character by character."""
    pos = layout.positions()
    xs, ys = layout.xs, layout.ys

    def cell_at(x: float, y: float) -> int | None:
        if not (xs[0] - 1 <= x <= xs[-1] + 1 and ys[0] - 1 <= y <= ys[-1] + 1):
            return None
        c = min(max(bisect.bisect_right(xs, x) - 1, 0), len(xs) - 2)
        r = min(max(bisect.bisect_right(ys, y) - 1, 0), len(ys) - 2)
        return pos[r][c]

    for w in words:
        i = cell_at(w.cx, w.cy)
        if i is None:
            continue
        x0, _, x1, _ = layout.cells[i].bbox
        if w.x0 >= x0 - 1 and w.x1 <= x1 + 1:
            layout.cells[i].words.append(w)
            continue
        run: list[dict[str, Any]] = []
        run_cell: int | None = None
        for ch in w.chars:
            ci = cell_at((ch["x0"] + ch["x1"]) / 2, w.cy)
            if run and ci != run_cell:
                if run_cell is not None:
                    layout.cells[run_cell].words.append(_word_from_chars(run))
                run = []
            run.append(ch)
            run_cell = ci
        if run and run_cell is not None:
            layout.cells[run_cell].words.append(_word_from_chars(run))

