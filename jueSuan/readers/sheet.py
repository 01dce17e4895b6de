"""What the .xlsx and .xls readers share: printed text of a value, and a sheet cut into blocks.

A reader turns each sheet into a ``SheetData`` (printed texts, borders and merges at 0-based sheet
positions, formulas without a cached value); ``WorkbookBuilder`` turns the sheets, in workbook order,
into the paragraphs and grids of one ``Document``.

How a sheet is cut (rows top to bottom):

* the sheet name comes first as a ``Paragraph``, unless it is a default name (``Sheet1``, ``工作表2``);
* a row is *blank* when it has no text (whitespace only counts as none), no bordered cell and no
  merged cell;
* a row whose only text is a title (short, ending in 表, or holding 决算表/情况表), a unit line
  (``单位：万元``, per ``detect_unit``) or a note (注/说明/备注…) is a ``Paragraph``; so is a row of two
  to four texts, one of them a unit line, none bordered (``编制单位：…　　单位：万元``);
* a row whose only text is not bordered is a ``Paragraph`` when no grid is open (a title merged
  across the table, the prose of a 情况说明 sheet written one paragraph per row), and when the open
  grid is bordered (a line below a bordered table); a bordered one is a table row (a header merged
  across the whole table);
* every other row is a grid row. Contiguous grid rows form one ``Grid``; a single blank row inside
  stays in it, two or more blank rows end it, and so does any paragraph row. A row that is not
  bordered after a bordered grid starts a new grid. Rows covered by a merge that starts in a grid row
  stay in that grid; a paragraph made of a merge spanning several rows takes all of them.
* a grid spans the columns its rows use (texts and merges); rows at its end without any text are
  dropped (formatting applied far below a table).

Merged ranges resolve as in the .docx reader: the top-left cell holds the text, every other covered
position repeats it with ``origin`` = the top-left's (row, col) in grid coordinates.

The printed text of a value is ``numfmt``'s; what a file is, from its first bytes, ``sniff``'s.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from ..numbers import detect_unit, normalize_text, parse_amount
from ..source import SourceRef, col_letters
from ..vocab.titles import NOTE_STARTS, TITLE_ENDINGS
from .base import Block, Cell, Document, Paragraph, Problem, make_grid
from .numfmt import MISSING_CACHED_VALUE
from .safety import CellBudget

__all__ = [
    "SheetData",
    "WorkbookBuilder",
    "cell_name",
    "is_default_sheet_name",
]


_DEFAULT_SHEET = re.compile(r"^(?:sheet|工作表|worksheet)\s*\d*$", re.IGNORECASE)
_PLAIN_SHEET = re.compile(r"^[^\W\d][\w.]*$")


def is_default_sheet_name(name: str) -> bool:
    """``Sheet1``, ``工作表2``, ``Sheet``: names a spreadsheet program gave, not a title."""
    return bool(_DEFAULT_SHEET.match(name.strip()))


def _sheet_prefix(name: str) -> str:
    """The sheet part of a cell name as Excel writes it: quoted when not a plain name."""
    if _PLAIN_SHEET.match(name) and not re.match(r"^[A-Za-z]{1,3}\d+$", name):
        return name
    return "'" + name.replace("'", "''") + "'"


def cell_name(sheet: str, row: int, col: int) -> str:
    """``收入支出决算总表!C7`` for 0-based (6, 2)."""
    return f"{_sheet_prefix(sheet)}!{col_letters(col)}{row + 1}"


@attrs.define
class SheetData:
    """One sheet as read, at 0-based sheet positions.

    ``texts`` holds what each non-empty cell prints (merge-covered cells are absent or empty);
    ``bordered`` the cells with any border line; ``merges`` inclusive ranges ``(r1, c1, r2, c2)``;
    ``missing`` the formula cells that have no cached value, with their formula (``=SUM(C3:C9)``);
    ``errors`` the cells whose value is an error or is not placed (reported, never dropped).
    """

    name: str
    texts: dict[tuple[int, int], str] = attrs.field(factory=dict)
    bordered: set[tuple[int, int]] = attrs.field(factory=set)
    merges: list[tuple[int, int, int, int]] = attrs.field(factory=list)
    missing: list[tuple[int, int, str]] = attrs.field(factory=list)
    errors: list[tuple[int, int, str, str]] = attrs.field(factory=list)  # (row, col, text, reason)


_TITLE_END = TITLE_ENDINGS.spellings("end")
_TITLE_INSIDE = TITLE_ENDINGS.spellings("inside")
_NOTE_STARTS = NOTE_STARTS.spellings("sheet_note")


def _is_title(text: str) -> bool:
    s = normalize_text(text)
    return 0 < len(s) <= 60 and (s.endswith(_TITLE_END) or any(w in s for w in _TITLE_INSIDE))


def _is_note(text: str) -> bool:
    return normalize_text(text).startswith(_NOTE_STARTS)


@attrs.define
class _Layout:
    """Per-sheet lookups built once."""

    texts: dict[tuple[int, int], str]
    by_row: dict[int, dict[int, str]]
    bordered_rows: dict[int, set[int]]
    # (r, c) covered by a merge → the merge; only for merges larger than one cell
    merge_at: dict[tuple[int, int], tuple[int, int, int, int]]
    merge_rows: set[int]
    covered_from_above: set[int]  # rows holding a merge that started in an earlier row
    _row_texts: dict[int, list[tuple[int, str]]] = attrs.field(factory=dict)

    @classmethod
    def of(cls, sheet: SheetData, budget: CellBudget | None = None) -> _Layout:
        by_row: dict[int, dict[int, str]] = {}
        for (r, c), text in sheet.texts.items():
            if text:
                by_row.setdefault(r, {})[c] = text
        bordered_rows: dict[int, set[int]] = {}
        for r, c in sheet.bordered:
            bordered_rows.setdefault(r, set()).add(c)
        merge_at: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        merge_rows: set[int] = set()
        below: set[int] = set()
        # merges are clipped to the cells in use: a whole merged column (A1:A1048576) stays small
        used = list(sheet.texts) + list(sheet.bordered)
        max_r = max((r for r, _ in used), default=0)
        max_c = max((c for _, c in used), default=0)
        for r1, c1, r2, c2 in sheet.merges:
            if r1 > max_r or c1 > max_c:
                continue
            m = (r1, c1, min(r2, max(max_r, r1)), min(c2, max(max_c, c1)))
            r2, c2 = m[2], m[3]
            if (r1, c1) == (r2, c2):
                continue
            if budget is not None:
                budget.take((r2 - r1 + 1) * (c2 - c1 + 1))
            for r in range(r1, r2 + 1):
                merge_rows.add(r)
                if r > r1:
                    below.add(r)
                for c in range(c1, c2 + 1):
                    merge_at[(r, c)] = m
        return cls(sheet.texts, by_row, bordered_rows, merge_at, merge_rows, below)

    def origin_of(self, r: int, c: int) -> tuple[int, int]:
        m = self.merge_at.get((r, c))
        return (m[0], m[1]) if m else (r, c)

    def row_texts(self, r: int) -> list[tuple[int, str]]:
        """Cells of row ``r`` that print something (merge-covered positions excluded)."""
        found = self._row_texts.get(r)
        if found is None:
            merge_at = self.merge_at
            found = [(c, text) for c, text in sorted(self.by_row.get(r, {}).items())
                     if text.strip() and ((m := merge_at.get((r, c))) is None or (m[0], m[1]) == (r, c))]
            self._row_texts[r] = found
        return found

    def is_bordered(self, r: int, c: int) -> bool:
        o_r, o_c = self.origin_of(r, c)
        return o_c in self.bordered_rows.get(o_r, ())

    def is_blank(self, r: int) -> bool:
        return not self.row_texts(r) and r not in self.bordered_rows and r not in self.merge_rows


class WorkbookBuilder:
    """Collects the blocks of every sheet, in workbook order, into one ``Document``."""

    def __init__(self, file_name: str, path: str | Path | None = None) -> None:
        self.file = file_name
        # cells of the grids, and positions covered by merges: each within the cell limit, counted
        # before they are made (a sheet with a cell at A1 and one at XFD1048576 is 17 billion cells)
        self.budget = CellBudget(path or file_name)
        self.merge_budget = CellBudget(path or file_name, "merged cell positions")
        self.blocks: list[Block] = []
        self.problems: list[Problem] = []
        self.n_tables = 0
        self.n_paragraphs = 0

    def document(self, path: str, fmt: str) -> Document:
        return Document(path, tuple(self.blocks), fmt, tuple(self.problems))

    def _paragraph(self, text: str, sheet: str, cell: str | None) -> None:
        i = self.n_paragraphs
        self.n_paragraphs += 1
        self.blocks.append(Paragraph(i, text, SourceRef(self.file, sheet=sheet, cell=cell, paragraph=i)))

    def add_sheet(self, sheet: SheetData) -> None:
        if not is_default_sheet_name(sheet.name):
            self._paragraph(sheet.name, sheet.name, None)
        lay = _Layout.of(sheet, self.merge_budget)
        rows = sorted(set(lay.by_row) | set(lay.bordered_rows) | lay.merge_rows)
        grid: list[int] = []  # absolute rows of the open grid
        grid_bordered = False
        placed: dict[tuple[int, int], SourceRef] = {}  # where each sheet position went
        skip_to = -1
        for r in rows:
            if r <= skip_to or lay.is_blank(r):
                continue
            # every row between the open grid's last row and this one is blank (absent or empty)
            gap = r - grid[-1] - 1 if grid else 0
            para = self._paragraph_row(lay, r, bool(grid), grid_bordered)
            if para is not None:
                self._close(sheet, lay, grid, placed)
                grid, grid_bordered = [], False
                c, text, last = para
                self._paragraph(text, sheet.name, cell_name(sheet.name, r, c))
                for k in range(r, last + 1):
                    for col in lay.by_row.get(k, {}):
                        placed[(k, col)] = self.blocks[-1].ref
                skip_to = last
                continue
            row_bordered = r in lay.bordered_rows
            if grid and (gap >= 2 or (grid_bordered and not row_bordered and r not in lay.covered_from_above)):
                self._close(sheet, lay, grid, placed)
                grid, grid_bordered = [], False
            if grid:
                grid.extend(range(grid[-1] + 1, r + 1))  # a single blank row stays inside
            else:
                grid = [r]
            grid_bordered = grid_bordered or row_bordered
        self._close(sheet, lay, grid, placed)
        for r, c, formula in sheet.missing:
            ref = placed.get((r, c)) or SourceRef(self.file, sheet=sheet.name, cell=cell_name(sheet.name, r, c))
            self.problems.append(Problem(ref, MISSING_CACHED_VALUE, formula))
        for r, c, text, reason in sheet.errors:
            ref = placed.get((r, c)) or SourceRef(self.file, sheet=sheet.name, cell=cell_name(sheet.name, r, c))
            self.problems.append(Problem(ref, reason, text))

    @staticmethod
    def _paragraph_row(lay: _Layout, r: int, grid_open: bool, grid_bordered: bool) -> tuple[int, str, int] | None:
        """``(col, text, last row)`` when row ``r`` is a paragraph, else None."""
        if r in lay.covered_from_above:
            return None
        texts = lay.row_texts(r)
        if len(texts) == 1:
            c, text = texts[0]
            m = lay.merge_at.get((r, c))
            last = m[2] if m else r
            # a merge over several rows is a paragraph only when nothing else is printed beside it
            for k in range(r + 1, last + 1):
                if any(t.strip() and lay.merge_at.get((k, col)) != m for col, t in lay.by_row.get(k, {}).items()):
                    return None
            if _is_title(text) or detect_unit(text) is not None or _is_note(text):
                return c, text, last
            if not lay.is_bordered(r, c) and (not grid_open or grid_bordered):
                return c, text, last
            return None
        if (2 <= len(texts) <= 4 and any(detect_unit(t) is not None for _, t in texts)
                and not any(lay.is_bordered(r, c) for c, _ in texts)
                and not any((a := parse_amount(t)) is not None and a.is_number for _, t in texts)):
            return texts[0][0], "\t".join(t for _, t in texts), r
        return None

    def _close(self, sheet: SheetData, lay: _Layout, grid: list[int], placed: dict[tuple[int, int], SourceRef]) -> None:
        # drop rows at the end without any text (borders applied far below the table)
        while grid and not lay.by_row.get(grid[-1]) and grid[-1] not in lay.covered_from_above:
            grid.pop()
        if not grid:
            return
        top, bottom = grid[0], grid[-1]
        cols: set[int] = set()
        for r in grid:
            cols.update(lay.by_row.get(r, {}))
        cols.update(c for (r, c) in lay.merge_at if top <= r <= bottom)
        if not cols:
            return
        left, right = min(cols), max(cols)
        self.budget.take((bottom - top + 1) * (right - left + 1))
        index = self.n_tables
        self.n_tables += 1
        name = sheet.name
        prefix = _sheet_prefix(name) + "!"
        letters = [col_letters(c) for c in range(left, right + 1)]
        ref = SourceRef(self.file, table=index, sheet=name,
                        cell=f"{prefix}{letters[0]}{top + 1}:{letters[-1]}{bottom + 1}")
        file, texts, merge_at = self.file, lay.texts, lay.merge_at
        raw: list[list[Cell]] = []
        for gr, r in enumerate(range(top, bottom + 1)):
            row: list[Cell] = []
            number = str(r + 1)
            for gc, c in enumerate(range(left, right + 1)):
                m = merge_at.get((r, c))
                origin = None
                if m is None or (m[0], m[1]) == (r, c):
                    text = texts.get((r, c), "")
                else:
                    text = texts.get((m[0], m[1]), "")
                    if top <= m[0] and left <= m[1] <= right:
                        origin = (m[0] - top, m[1] - left)
                cref = SourceRef(file, index, gr, gc, name, None, prefix + letters[gc] + number)
                placed[(r, c)] = cref
                row.append(Cell(text, cref, origin))
            raw.append(row)
        self.blocks.append(make_grid(index, raw, ref))
