"""Read a PDF: every page in order, its tables as located grids and the text outside them.

pdfplumber parses each page once: its words are extracted once (and reused for the tables, the
text outside them and the fallback below) and its ruled tables are found with the settings in
``TABLE_SETTINGS``. Every word is placed in the cell whose box holds its centre, so a figure
printed a little above or below its row label still lands in its own cell, and a word that runs
over a cell border is split there, character by character.

The text outside the tables is a paragraph per printed line (lines clustered by baseline, in
reading order), except that a line wrapped from the one above continues its paragraph: the line
above runs to the right margin, this one starts at the left margin with no heading or list marker,
at the usual line pitch, in the same size. Sentences the narrative checks quote are then whole, as
in the .docx. Page numbers alone in the top or bottom margin (``- 3 -``, ``第 3 页 共 10 页``) are
dropped; nothing else is.

A grid has the same meaning as a grid of the .docx reader: rectangular, a spanning cell's text
copied into every position it covers with ``origin`` set to its top-left position. Lines inside
a cell are joined with no separator when the text is Chinese (a wrapped label) and with a space
between two Latin or number tokens; letter-spaced Chinese (``合 计``) is closed up.

Publishers' quirks handled here:

* rules drawn as thin filled rectangles, or cell by cell: pdfplumber counts rectangle edges,
  ``snap``/``join`` tolerances make one rule of them;
* no rules at all: a block of lines whose figures line up in columns becomes a grid (columns from
  the x-alignment of words, rows from baselines, wrapped labels joined to their row); prose is
  never made into a table;
* a table broken over pages: the part on the next page is a grid of its own, directly after the
  first part (page numbers between them are dropped), with the column boundaries of both parts
  made the same, and a row broken over the page break joined back into one row;
* a double outer border: the slivers between its two rules are no cells;
* a fake bold (every character drawn twice): read once; glyphs mapped to Kangxi radicals
  (``⽀出``): read as the ordinary ideographs.

What cannot be read is said: a page that is only a picture, a large picture with no text over it,
text in a font with no Unicode mapping, a damaged cross-reference table are ``Problem``s; a file
with no text at all, or none that decodes, is a ``ReadError`` (``NO_TEXT_LAYER``).
"""

from __future__ import annotations

import bisect
import contextvars
import io
import re
import statistics
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import attrs
import pdfminer.pdftypes
import pdfplumber
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdocument import (
    PDFEncryptionError,
    PDFNoValidXRef,
    PDFPasswordIncorrect,
    PDFSyntaxError,
    PDFXRefFallback,
)
from pdfminer.psparser import PSEOF, PSException
from pdfplumber.utils import extract_words
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from pdfplumber.utils.text import LIGATURES

from ..numbers import AmountKind, normalize_text, parse_amount
from ..source import SourceRef
from .base import Block, Cell, Document, Grid, Paragraph, Problem, ReadError, Reason, make_grid
from .safety import limits
from .textflow import PAGE_NUMBER as _PAGE_NUMBER
from .textflow import PARA_START as _PARA_START
from .textflow import ends_sentence
from .textflow import is_cjk as _is_cjk
from .textflow import is_latin as _is_latin
from .textflow import join_lines as _join_lines

#: More pages than this and the file is refused (``Reason.TOO_LARGE``): no 部门决算 is that long.
#: The default of ``InputLimits.max_pages``; ``read_pdf`` follows the limits in force (``set_limits``,
#: ``JUESUAN_MAX_PAGES``) unless given ``max_pages``.
MAX_PAGES = 500

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

#: Word extraction, once per page. A word ends at a space or at a gap wider than ``x_tolerance``;
#: letter-spaced Chinese therefore comes out one character a word, and is closed up when joined.
WORD_SETTINGS: dict[str, Any] = {
    "x_tolerance": 3,
    "y_tolerance": 3,
    "keep_blank_chars": False,
    "use_text_flow": False,
}

#: Words whose baselines differ by less than this fraction of the font size are on one line.
LINE_TOLERANCE = 0.5
#: A gap wider than this many font sizes between two words of a line is kept as a space.
WIDE_GAP = 1.5
#: Cells narrower or lower than this (points) are the gap between the rules of a double border.
SLIVER = 4.0
#: Page numbers are dropped only in these top/bottom fractions of the page.
MARGIN = 0.15
#: An image this large (fraction of the page) with no text over it is reported as not read.
BIG_IMAGE = 0.25

_CODE = re.compile(r"^[1-9]\d{2}(?:\d{2}){0,2}$")
_ROW_START = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|其中|减[:：]|加[:：]|合计|总计|小计|注|说明|备注)")
_LEADER = re.compile(r"\.{4,}|…{2,}|·{4,}|-{6,}|_{6,}")  # a table of contents: 收入决算表 ........ 5


def _radical_table() -> dict[int, str]:
    """Kangxi radicals and compatibility ideographs that some fonts map their glyphs to (``⽀出``)
    → the ordinary ideographs (``支出``); Latin ligatures (``ﬁ``) → their letters."""
    table: dict[int, str] = {}
    for lo, hi in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF)):
        for cp in range(lo, hi + 1):
            n = unicodedata.normalize("NFKC", chr(cp))
            if n != chr(cp) and len(n) == 1:
                table[cp] = n
    table.update({ord(k): v for k, v in LIGATURES.items()})
    return table


_RADICALS = _radical_table()


# --------------------------------------------------------------------------------------------------
# Words, lines and how their text is joined
# --------------------------------------------------------------------------------------------------


class _Word:
    __slots__ = ("base", "bottom", "chars", "size", "text", "top", "x0", "x1")

    def __init__(self, text: str, x0: float, x1: float, top: float, bottom: float, base: float, size: float,
                 chars: list[dict[str, Any]]) -> None:
        self.text = text
        self.x0, self.x1, self.top, self.bottom = x0, x1, top, bottom
        self.base = base
        self.size = size
        self.chars = chars

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def _baseline(c: dict[str, Any]) -> float:
    """The baseline of a character in top-down page coordinates (its box bottom includes the
    font's descent, which differs between the Chinese and the Latin font of one line)."""
    m = c.get("matrix")
    if c.get("upright") and m:
        base = c["top"] + c["y1"] - m[5]
        if c["top"] - 1 <= base <= c["bottom"] + 1:
            return float(base)
    return float(c["bottom"])


def _word_from_chars(chars: list[dict[str, Any]]) -> _Word:
    text = "".join(c["text"] for c in chars).translate(_RADICALS)
    if not text.isprintable():
        text = "".join(ch for ch in text if ch.isprintable())
    return _Word(text, min(c["x0"] for c in chars), max(c["x1"] for c in chars), min(c["top"] for c in chars),
                 max(c["bottom"] for c in chars), _baseline(chars[0]), float(chars[0].get("size") or 10.0), chars)


def _dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop characters drawn twice at (almost) the same place (a fake bold), in linear time:
    characters are bucketed by whole points and compared with the neighbouring buckets only."""
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    out: list[dict[str, Any]] = []
    for c in chars:
        t = c["text"]
        if t.isspace():
            out.append(c)
            continue
        x, y = c["x0"], c["top"]
        bx, by = int(x), int(y)
        if any(abs(ox - x) <= 1 and abs(oy - y) <= 1
               for dx in (-1, 0, 1) for dy in (-1, 0, 1) for ox, oy in seen.get((t, bx + dx, by + dy), ())):
            continue
        seen.setdefault((t, bx, by), []).append((x, y))
        out.append(c)
    return out


def _single_cjk(text: str) -> bool:
    return len(text) == 1 and _is_cjk(text)


def _join_words(words: Sequence[_Word]) -> str:
    """One line's words: a space between two Latin/number tokens or across a wide gap, nothing
    between Chinese words, and letter-spaced single characters closed up."""
    out = [words[0].text]
    for prev, w in pairwise(words):
        latin = _is_latin(prev.text[-1]) and _is_latin(w.text[0])
        wide = w.x0 - prev.x1 > WIDE_GAP * max(prev.size, w.size)
        spaced = _single_cjk(prev.text) and _single_cjk(w.text)
        out.append(" " if (latin or wide) and not spaced else "")
        out.append(w.text)
    return "".join(out)


def _cluster_lines(words: Iterable[_Word]) -> list[list[_Word]]:
    """Words grouped into lines by baseline (within ``LINE_TOLERANCE`` of the line's first word),
    lines top to bottom, words left to right."""
    lines: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: (w.base, w.x0)):
        if lines:
            first = lines[-1][0]
            if w.base - first.base <= LINE_TOLERANCE * max(first.size, w.size):
                lines[-1].append(w)
                continue
        lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def _words_text(words: Iterable[_Word]) -> str:
    return _join_lines([_join_words(line) for line in _cluster_lines(words)])


class _Line:
    """A line of text outside the tables."""

    __slots__ = ("base", "bottom", "page", "size", "text", "top", "words", "x0", "x1")

    def __init__(self, words: list[_Word]) -> None:
        self.words = words
        self.page = 0
        self.text = _join_words(words)
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.top = min(w.top for w in words)
        self.bottom = max(w.bottom for w in words)
        self.base = statistics.median(w.base for w in words)
        self.size = statistics.median(w.size for w in words)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


# --------------------------------------------------------------------------------------------------
# Table layouts: cell boxes on column and row boundaries, and the words in each cell
# --------------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------------
# Tables without rules: columns from the alignment of words, rows from baselines
# --------------------------------------------------------------------------------------------------


def _is_figure(text: str) -> bool:
    a = parse_amount(text)
    return a is not None and a.kind in (AmountKind.NUMBER, AmountKind.DASH) and not _CODE.match(normalize_text(text))


def _phrases(line: _Line) -> list[list[_Word]]:
    """A line's words grouped into phrases: words closer than a character belong together (prose,
    ``3,984.05 万元``), as do letter-spaced single characters; two figures side by side do not."""
    groups: list[list[_Word]] = [[line.words[0]]]
    for prev, w in pairwise(line.words):
        gap = w.x0 - prev.x1
        size = max(prev.size, w.size)
        fig_prev, fig_next = _is_figure(prev.text), _is_figure(w.text)
        if _single_cjk(prev.text) and _single_cjk(w.text):
            limit = 2.5 * size
        elif fig_prev and fig_next:
            limit = 0.3 * size
        elif fig_prev or fig_next:
            limit = 0.4 * size  # a figure and a label in the next column, padded tight
        else:
            limit = 0.8 * size
        if gap <= limit:
            groups[-1].append(w)
        else:
            groups.append([w])
    return groups


class _Phrase:
    __slots__ = ("figure", "line", "text", "words", "x0", "x1")

    def __init__(self, words: list[_Word], line: int) -> None:
        self.words = words
        self.line = line
        self.text = _join_words(words)
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.figure = _is_figure(self.text)


def _text_tables(lines: list[_Line], page: int, region: tuple[float, float]) -> list[tuple[int, int, _Layout]]:
    """Blocks of lines that are clearly tables of figures: (first line, last line, layout)."""
    if len(lines) < 3:
        return []
    phrases = [[_Phrase(g, i) for g in _phrases(ln)] for i, ln in enumerate(lines)]
    width = (region[1] - region[0]) or 1.0

    def row_like(i: int) -> bool:
        """Figures and other text apart: a column gap of a character or more, or two figures."""
        ps = phrases[i]
        if len(ps) < 2 or _LEADER.search(lines[i].text):
            return False
        n_figures = sum(p.figure for p in ps)
        wide = max(b.x0 - a.x1 for a, b in pairwise(ps)) >= lines[i].size
        return n_figures >= 2 or (n_figures == 1 and wide)

    def prose(i: int) -> bool:
        ps = phrases[i]
        s = normalize_text(lines[i].text)
        return (len(ps) == 1 and (ps[0].x1 - ps[0].x0) > 0.55 * width) or s.startswith(("注", "说明", "备注"))

    out: list[tuple[int, int, _Layout]] = []
    i = 0
    while i < len(lines):
        if not row_like(i):
            i += 1
            continue
        first = last = i
        j = i + 1
        while j < len(lines):
            gap = lines[j].top - lines[j - 1].bottom
            if prose(j) or gap > 2.5 * max(lines[j].size, lines[j - 1].size):
                break
            if row_like(j):
                last = j
            j += 1
        body = range(first, last + 1)
        n_rows = sum(1 for k in body if row_like(k))
        figs = [p for k in body for p in phrases[k] if p.figure]
        if n_rows >= 3 and _aligned(figs, lines[first].size):
            head = first
            while (head - 1 >= 0 and first - head < 4 and len(phrases[head - 1]) >= 2
                   and not any(p.figure for p in phrases[head - 1]) and not prose(head - 1)
                   and lines[head].top - lines[head - 1].bottom <= 2.5 * lines[head].size):
                head -= 1
            layout = _text_layout(lines, phrases, head, first, last, page)
            if layout is not None:
                out.append((head, last, layout))
        i = last + 1
    return out


def _aligned(figs: list[_Phrase], size: float) -> bool:
    """Most figures share a right edge (or a centre) with another figure on another line."""
    if len(figs) < 3:
        return False
    tol = 0.6 * size
    for key in (lambda p: p.x1, lambda p: (p.x0 + p.x1) / 2):
        vals = sorted(key(p) for p in figs)
        aligned = 0
        for k, v in enumerate(vals):
            if (k > 0 and v - vals[k - 1] <= tol) or (k + 1 < len(vals) and vals[k + 1] - v <= tol):
                aligned += 1
        if aligned >= 0.75 * len(vals):
            return True
    return False


def _text_layout(lines: list[_Line], phrases: list[list[_Phrase]], head: int, first: int, last: int,
                 page: int) -> _Layout | None:
    body = [p for k in range(first, last + 1) for p in phrases[k]]
    size = statistics.median(ln.size for ln in lines[head:last + 1])
    # figure columns: figures sharing a right edge, widened to every figure overlapping them
    cols: list[list[float]] = []
    for x1 in _cluster_values([p.x1 for p in body if p.figure], 0.6 * size):
        members = [p for p in body if p.figure and abs(p.x1 - x1) <= 0.6 * size]
        cols.append([min(p.x0 for p in members), max(p.x1 for p in members), 1])
    cols.sort()
    merged: list[list[float]] = []
    for c in cols:
        if merged and c[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], c[1])
        else:
            merged.append(c)
    fig_cols = merged

    def in_fig_col(p: _Phrase) -> int | None:
        cx = (p.x0 + p.x1) / 2
        for k, c in enumerate(fig_cols):
            if c[0] - 0.3 * size <= cx <= c[1] + 0.3 * size:
                return k
        return None

    # text columns: overlapping extents of the other phrases, cut at the next figure column
    spans: list[list[float]] = []
    for p in body:
        if p.figure or in_fig_col(p) is not None:
            continue
        right = p.x1
        for c in fig_cols:
            if c[0] > p.x0:
                right = min(right, c[0] - 0.1)
                break
        spans.append([p.x0, max(right, p.x0 + 0.1), 0])
    spans.sort()
    text_cols: list[list[float]] = []
    for s in spans:
        if text_cols and s[0] <= text_cols[-1][1]:
            text_cols[-1][1] = max(text_cols[-1][1], s[1])
        else:
            text_cols.append(s)
    columns = sorted(fig_cols + text_cols)
    if len(columns) < 2:
        return None
    xs = [min(columns[0][0], min(p.x0 for k in range(head, last + 1) for p in phrases[k])) - 1]
    for a, b in pairwise(columns):
        xs.append((a[1] + b[0]) / 2)
    xs.append(max(columns[-1][1], max(p.x1 for k in range(head, last + 1) for p in phrases[k])) + 1)

    def column_of(p: _Phrase) -> int:
        if p.figure or in_fig_col(p) is not None:
            return max(0, min(len(columns) - 1, bisect.bisect_right(xs, (p.x0 + p.x1) / 2) - 1))
        return max(0, min(len(columns) - 1, bisect.bisect_right(xs, p.x0 + 0.2) - 1))

    # rows: a line with no figure and no code, close under or over a row, belongs to that row
    groups = _row_groups(lines, phrases, head, first, last)
    ys = [lines[groups[0][0]].top - 1]
    for a, b in pairwise(groups):
        ys.append((lines[a[-1]].bottom + lines[b[0]].top) / 2)
    ys.append(lines[groups[-1][-1]].bottom + 1)
    cells: list[_CellBox] = []
    for r, group in enumerate(groups):
        header = group[0] < first
        slots: dict[int, list[_Phrase]] = {}
        for k in group:
            for p in phrases[k]:
                if header and len(p.words) > 1:
                    # header words set tight in neighbouring columns: split them at the columns
                    by_col: dict[int, list[_Word]] = {}
                    for w in p.words:
                        by_col.setdefault(max(0, min(len(columns) - 1, bisect.bisect_right(xs, w.cx) - 1)), []).append(w)
                    if len(by_col) > 1:
                        for c, ws in by_col.items():
                            slots.setdefault(c, []).append(_Phrase(ws, k))
                        continue
                slots.setdefault(column_of(p), []).append(p)
        taken = set(slots)
        for c, ps in sorted(slots.items()):
            c0 = c1 = c
            if header and len(ps) == 1:
                # a header over several columns: widen over the empty columns it covers
                p = ps[0]
                while c0 - 1 >= 0 and c0 - 1 not in taken and p.x0 < (xs[c0 - 1] + xs[c0]) / 2:
                    c0 -= 1
                while c1 + 1 < len(columns) and c1 + 1 not in taken and p.x1 > (xs[c1 + 1] + xs[c1 + 2]) / 2:
                    c1 += 1
                taken.update(range(c0, c1 + 1))
            cell = _CellBox((xs[c0], ys[r], xs[c1 + 1], ys[r + 1]))
            cell.words = [w for p in ps for w in p.words]
            cells.append(cell)
    layout = _Layout(page, xs, ys, cells, ruled=False)
    layout.fill_holes()
    return layout


def _row_groups(lines: list[_Line], phrases: list[list[_Phrase]], head: int, first: int, last: int) -> list[list[int]]:
    """Lines of a text table grouped into rows. Lines closer together than the rows are apart are
    one row when at most one of them holds figures or a code (a wrapped label, with its figures
    printed beside its middle line)."""
    idx = list(range(head, last + 1))
    gaps = [lines[b].base - lines[a].base for a, b in pairwise(idx)]
    anchor = {k: any(p.figure or _CODE.match(normalize_text(p.text)) for p in phrases[k]) for k in idx}
    parent = {k: k for k in idx}

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    n_anchor = {k: int(anchor[k]) for k in idx}
    size = statistics.median(lines[k].size for k in idx)
    if gaps:
        # the gaps between the lines of one cell (about a line's leading) against the row pitch
        srt = sorted(gaps)
        threshold = None
        for a, b in pairwise(srt):
            if 0 < a <= 1.45 * size and b > 1.2 * a:
                threshold = (a + b) / 2
                break
        if threshold is not None:
            pairs = sorted(((g, a, b) for g, (a, b) in zip(gaps, pairwise(idx), strict=True)), key=lambda t: t[0])
            for g, a, b in pairs:
                if g >= threshold or (a < first) != (b < first):
                    continue
                ra, rb = find(a), find(b)
                if ra != rb and n_anchor[ra] + n_anchor[rb] <= 1:
                    parent[rb] = ra
                    n_anchor[ra] += n_anchor[rb]
    groups: dict[int, list[int]] = {}
    for k in idx:
        groups.setdefault(find(k), []).append(k)
    return sorted(groups.values())


# --------------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------------


class _Page:
    def __init__(self, number: int, height: float) -> None:
        self.number = number
        self.height = height
        self.items: list[tuple[float, float, _Line | _Layout]] = []  # (top, x0, item)
        self.problems: list[Problem] = []
        self.n_words = 0
        self.n_cid = 0  # words in a font with no Unicode mapping


def _read_page(page: Any, number: int, file: str) -> _Page:
    out = _Page(number, float(page.height))
    chars = page.chars
    width, height = float(page.width), float(page.height)
    words = [w for w in (_word_from_chars(d["chars"]) for d in extract_words(_dedupe(chars), return_chars=True, **WORD_SETTINGS))
             if 0 <= w.cx <= width and 0 <= w.cy <= height]  # text placed off the page is not printed
    cid = [w for w in words if "(cid:" in w.text]
    out.n_words, out.n_cid = len(words), len(cid)
    if cid:
        out.problems.append(Problem(SourceRef(file, page=number, bbox=_round_box((cid[0].x0, cid[0].top, cid[0].x1, cid[0].bottom))),
                                    f"page {number}: {len(cid)} word(s) in a font with no Unicode mapping, read as (cid:N) codes",
                                    cid[0].text))
    layouts: list[_Layout] = []
    for t in page.find_tables(TABLE_SETTINGS):
        boxes = [tuple(map(float, c)) for c in t.cells]
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


def _image_problems(page: Any, p: _Page, words: list[_Word], file: str) -> None:
    area = float(page.width) * float(page.height) or 1.0
    for im in page.images:
        x0, top, x1, bottom = float(im["x0"]), float(im["top"]), float(im["x1"]), float(im["bottom"])
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


# --------------------------------------------------------------------------------------------------
# Compressed streams: inflated within a budget
# --------------------------------------------------------------------------------------------------
#
# pdfminer inflates each stream whole (``zlib.decompress``), and when a stream's checksum fails it
# inflates it again a byte at a time, concatenating the output (quadratic time). A PDF of a few
# hundred KB can hold streams that inflate to GBs (a flate bomb). pdfminer.pdftypes is therefore
# given its zlib, its fallback and its LZW decoder in versions that inflate in chunks, in linear
# time, and charge what they produce to the budget of the PDF being read: the uncompressed-size
# limit (``InputLimits.max_unzipped_mb``), set per ``read_pdf`` call. Outside ``read_pdf`` there is
# no budget and pdfminer decodes as it always did.

_CHUNK = 1 << 20
_stream_budget: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("jueSuan_pdf_streams", default=None)


class _StreamsTooLarge(Exception):
    pass


def _spend(n: int) -> None:
    budget = _stream_budget.get()
    if budget is None:
        return
    budget[0] -= n
    if budget[0] < 0:
        raise _StreamsTooLarge(f"its compressed streams inflate to more than {limits().max_unzipped_mb} MB "
                               "(a decompression bomb?)")


def _inflate(inflater: Any, data: bytes, parts: list[bytes]) -> None:
    """Feed ``data`` to ``inflater``, appending the output to ``parts`` a chunk at a time."""
    pending = data
    while True:
        out = inflater.decompress(pending, _CHUNK)
        _spend(len(out))
        if out:
            parts.append(out)
        stalled = not out and len(inflater.unconsumed_tail) >= len(pending)
        pending = inflater.unconsumed_tail
        if inflater.eof or stalled or (not pending and not out):
            return


class _BudgetedZlib:
    """The ``zlib`` pdfminer.pdftypes sees: ``decompress`` inflates a chunk at a time, within budget."""

    error = zlib.error

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
        inflater = zlib.decompressobj(wbits)
        parts: list[bytes] = []
        _inflate(inflater, data, parts)
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return b"".join(parts)


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's fallback for a stream whose checksum fails: what inflates before the error, which
    must lie in the last three bytes (the checksum) or it is raised; in linear time, within budget."""
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    _inflate(inflater, data[:-3], parts)  # an error here is raised, as pdfminer's own fallback does
    try:
        for i in range(max(0, len(data) - 3), len(data)):
            if inflater.eof:
                break
            _inflate(inflater, data[i:i + 1], parts)
    except zlib.error:
        pass
    return b"".join(parts)


def _lzwdecode(data: bytes) -> bytes:
    parts: list[bytes] = []
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        _spend(len(chunk))
        parts.append(chunk)
    return b"".join(parts)


pdfminer.pdftypes.zlib = _BudgetedZlib()  # type: ignore[assignment]
pdfminer.pdftypes.decompress_corrupted = _decompress_corrupted
pdfminer.pdftypes.lzwdecode = _lzwdecode


# --------------------------------------------------------------------------------------------------
# The file
# --------------------------------------------------------------------------------------------------


def _check_file(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
            size = fh.seek(0, 2)
            fh.seek(max(0, size - 4096))
            tail = fh.read()
    except OSError as exc:
        raise ReadError(path, Reason.NOT_FOUND, f"cannot open file ({exc.strerror})") from None
    if not head.strip():
        raise ReadError(path, Reason.EMPTY, "the file is empty")
    if b"%PDF-" not in head:
        low = head.lstrip().lower()
        if low.startswith((b"<!doc", b"<html", b"<?xml", b"<head", b"<body")):
            kind = "an HTML page"
        elif head.startswith(b"PK"):
            kind = "a zip archive (a .docx or .xlsx?)"
        elif head.startswith(b"\xd0\xcf\x11\xe0"):
            kind = "an OLE file (a .doc or .xls?)"
        elif head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
            kind = "an image"
        else:
            kind = "no %PDF header"
        raise ReadError(path, Reason.WRONG_FORMAT, f"not a PDF ({kind})")
    if b"%%EOF" not in tail:
        raise ReadError(path, Reason.TRUNCATED, "the PDF is cut short (no %%EOF end marker): a partial download?")


def _classify(path: Path, exc: BaseException) -> ReadError:
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    detail = " ".join(f"{type(exc).__name__}: {exc}".split()).rstrip(":")
    if len(detail) > 160:
        detail = detail[:157] + "..."
    if isinstance(exc, _StreamsTooLarge):
        return ReadError(path, Reason.TOO_LARGE, str(exc))
    if isinstance(exc, PDFPasswordIncorrect):
        return ReadError(path, Reason.ENCRYPTED, "password-protected PDF: it cannot be opened without its password")
    if isinstance(exc, PDFEncryptionError):
        return ReadError(path, Reason.ENCRYPTED, f"encrypted PDF that cannot be decrypted ({detail})")
    if isinstance(exc, PSEOF):
        return ReadError(path, Reason.TRUNCATED, f"the PDF ends unexpectedly ({detail})")
    if isinstance(exc, (PDFNoValidXRef, PDFSyntaxError, PSException, MalformedPDFException)):
        return ReadError(path, Reason.MALFORMED, f"damaged PDF ({detail})")
    return ReadError(path, Reason.MALFORMED, f"unreadable PDF ({detail})")


def read_pdf(path: str | Path, *, max_pages: int | None = None) -> Document:
    """Read a PDF into a ``Document``; raise ``ReadError`` with a reason for anything unreadable.
    ``max_pages``: the page limit (default: the limits in force, ``safety.limits().max_pages``)."""
    p = Path(path)
    _check_file(p)
    budget = _stream_budget.set([limits().max_unzipped_mb * 1024 * 1024])
    try:
        return _read(p, limits().max_pages if max_pages is None else max_pages)
    except ReadError:
        raise
    except Exception as exc:
        raise _classify(p, exc) from None
    finally:
        _stream_budget.reset(budget)


def _page_count(pdf: Any) -> int | None:
    try:
        pages = pdf.doc.catalog.get("Pages")
        pages = pages.resolve() if hasattr(pages, "resolve") else pages
        count = pages.get("Count") if isinstance(pages, dict) else None
        count = count.resolve() if hasattr(count, "resolve") else count
        return int(count) if isinstance(count, int) else None
    except Exception:
        return None


def _read(p: Path, max_pages: int) -> Document:
    file = p.name
    pages: list[_Page] = []
    n_chars = 0
    n_images = 0
    with pdfplumber.open(str(p)) as pdf:
        declared = _page_count(pdf)
        if declared is not None and declared > max_pages:
            raise ReadError(p, Reason.TOO_LARGE, f"{declared} pages, more than the limit of {max_pages}")
        plumber_pages = pdf.pages
        if len(plumber_pages) > max_pages:
            raise ReadError(p, Reason.TOO_LARGE, f"{len(plumber_pages)} pages, more than the limit of {max_pages}")
        if not plumber_pages:
            raise ReadError(p, Reason.EMPTY, "the PDF has no pages")
        damaged: list[Problem] = []
        if declared is not None and len(plumber_pages) < declared:
            damaged.append(Problem(SourceRef(file), f"the PDF declares {declared} pages but only {len(plumber_pages)} "
                                                    "can be found: the file may be damaged"))
        if any(isinstance(x, PDFXRefFallback) for x in getattr(pdf.doc, "xrefs", ())):
            damaged.append(Problem(SourceRef(file), "the PDF's cross-reference table is damaged and was rebuilt by "
                                                    "scanning the file: some of its content may be missing"))
        for number, page in enumerate(plumber_pages, start=1):
            n = len(page.chars)
            n_chars += n
            images = len(page.images)
            n_images += images
            pages.append(_read_page(page, number, file))
            if n == 0 and images:
                pages[-1].problems.append(Problem(
                    SourceRef(file, page=number),
                    f"page {number} is an image with no text layer (a scanned page): it is not read"))
            page.close()
    if n_chars == 0:
        if n_images:
            raise ReadError(p, Reason.NO_TEXT_LAYER,
                            "no text layer (a scanned document): jueSuan reads text, not pictures")
        raise ReadError(p, Reason.EMPTY, "the PDF has no text")
    n_words, n_cid = sum(pg.n_words for pg in pages), sum(pg.n_cid for pg in pages)
    if n_cid > n_words / 2:
        raise ReadError(p, Reason.NO_TEXT_LAYER, "the text cannot be read: its fonts have no Unicode mapping "
                                                 "(characters come out as (cid:N) codes)")
    _link_pages(pages)
    doc = _document(p, file, pages)
    return attrs.evolve(doc, problems=tuple(damaged) + doc.problems) if damaged else doc


class _Flow:
    """The body text's left and right margins and line pitch, to tell a wrapped line from the
    start of a new paragraph."""

    def __init__(self, pages: list[_Page]) -> None:
        lines = [it[2] for pg in pages for it in pg.items if isinstance(it[2], _Line)]
        x0s = [round(ln.x0) for ln in lines]
        self.left = statistics.mode(x0s) if x0s else 0.0
        x1s = sorted(ln.x1 for ln in lines if len(ln.text) >= 10)
        self.right = x1s[int(0.9 * (len(x1s) - 1))] if x1s else 0.0
        gaps: list[float] = []
        for pg in pages:
            for (_, _, a), (_, _, b) in pairwise(pg.items):
                if (isinstance(a, _Line) and isinstance(b, _Line) and abs(a.size - b.size) <= 0.15 * a.size
                        and a.size <= b.base - a.base <= 2.5 * a.size):
                    gaps.append(round((b.base - a.base) * 2) / 2)
        self.pitch = statistics.mode(gaps) if gaps else None

    def continues(self, a: _Line, b: _Line, same_page: bool) -> bool:
        """``b`` is the next line of ``a``'s paragraph: same size, ``a`` runs (nearly) to the right
        margin, ``b`` starts at the left margin with no heading or list marker, and, on one page,
        no more than the usual line pitch below ``a``."""
        size = max(a.size, b.size)
        if abs(a.size - b.size) > 0.15 * size or _PARA_START.match(b.text):
            return False
        if b.x0 > self.left + 0.5 * size or not (self.left - size <= a.x0 <= self.left + 4.5 * size):
            return False
        # a runs to the margin; or, not ending a sentence, stops short because what follows could not
        # be broken (LibreOffice and Word move "（类）8,460,100.00元，" to the next line whole)
        slack = 5 * size if ends_sentence(a.text) else 12 * size
        if a.x1 < self.right - slack:
            return False
        if same_page:
            gap = b.base - a.base
            pitch = self.pitch if self.pitch is not None else 1.6 * size
            return 0 < gap <= pitch + 0.3 * size
        return True


def _document(p: Path, file: str, pages: list[_Page]) -> Document:
    blocks: list[Block] = []
    problems: list[Problem] = []
    flow = _Flow(pages)
    n_tab = 0
    n_par = 0
    para: list[_Line] = []
    para_page = 0

    def flush() -> None:
        nonlocal n_par
        if not para:
            return
        i = n_par
        n_par += 1
        first = [ln for ln in para if ln.page == para_page]
        box = (min(ln.x0 for ln in first), min(ln.top for ln in first), max(ln.x1 for ln in first),
               max(ln.bottom for ln in first))
        ref = SourceRef(file, page=para_page, paragraph=i, bbox=_round_box(box))
        blocks.append(Paragraph(i, _join_lines([ln.text for ln in para]), ref))
        para.clear()

    for page in pages:
        problems.extend(_dedupe_problems(page.problems))
        for _, _, item in page.items:
            if isinstance(item, _Line):
                item.page = page.number
                if para and flow.continues(para[-1], item, para[-1].page == page.number):
                    para.append(item)
                    continue
                flush()
                para.append(item)
                para_page = page.number
            else:
                flush()
                grid = item.to_grid(n_tab, file)
                if grid.n_rows:
                    blocks.append(grid)
                    n_tab += 1
    flush()
    return Document(str(p), tuple(blocks), "pdf", tuple(problems))


def _dedupe_problems(problems: list[Problem]) -> list[Problem]:
    """One problem per page and reason kind (a whole-page scan is not also a big image)."""
    out: list[Problem] = []
    whole = any("is an image with no text layer" in q.reason for q in problems)
    for q in problems:
        if whole and "an image with no text layer (a scanned or pasted" in q.reason:
            continue
        out.append(q)
    return out


__all__ = ["MAX_PAGES", "TABLE_SETTINGS", "WORD_SETTINGS", "read_pdf"]
