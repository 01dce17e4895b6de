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

Numbers print through their number format (``format_number``): the stored double is taken once as
``Decimal(repr(value))``, rounded to Excel's 15 significant digits, then quantized with ROUND_HALF_UP
to the format's decimals; there is no float arithmetic on amounts.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from pathlib import Path

import attrs

from ..numbers import detect_unit, normalize_text, parse_amount
from ..source import SourceRef, col_letters
from .base import Block, Cell, Document, Paragraph, Problem, ReadError, Reason, make_grid
from .safety import CellBudget

__all__ = [
    "CELL_ERROR",
    "MISSING_CACHED_VALUE",
    "OLE_MAGIC",
    "SheetData",
    "WorkbookBuilder",
    "cell_name",
    "foreign_kind",
    "format_number",
    "format_value",
    "is_cell_error",
    "is_default_sheet_name",
    "read_head",
]

MISSING_CACHED_VALUE = "formula without a cached value (the file was saved without recalculation)"
CELL_ERROR = "an Excel error value or a non-finite number (NaN, inf): the figure of this cell is not known"
OUTSIDE_SHEET = "a cell addressed outside the sheet (row 0 or column 0): its text is not placed in any table"

_ERROR_VALUES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                           "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#ERROR!"})
_NON_FINITE = frozenset({"nan", "-nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"})


def is_cell_error(text: str) -> bool:
    """An Excel error value (``#DIV/0!``, ``#REF!``...) or a non-finite number (``NaN``, ``inf``): what a
    cell prints where a figure could not be computed. The row holding one still is a table row."""
    s = text.strip()
    return s.upper() in _ERROR_VALUES or s.lower() in _NON_FINITE

# --------------------------------------------------------------------------------------------------
# Printed text of a value
# --------------------------------------------------------------------------------------------------

_CTX = Context(prec=1000, rounding=ROUND_HALF_UP)
_EXCEL_DIGITS = 15


def _to_decimal(value: int | float | Decimal) -> Decimal:
    """The exact decimal a stored number stands for: ints as they are, a double by its shortest repr,
    rounded to the 15 significant digits Excel keeps (``3984.0499999999997`` → ``3984.05``)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    d = Decimal(repr(value))
    if d and d.is_finite():
        step = Decimal(1).scaleb(d.adjusted() - (_EXCEL_DIGITS - 1))
        if d.as_tuple().exponent < step.as_tuple().exponent:  # type: ignore[operator]
            d = d.quantize(step, context=_CTX)
    return d


def _general(d: Decimal) -> str:
    """The shortest exact text: ``190``, ``148.3``, ``0.1``, never an exponent."""
    if not d.is_finite():
        return str(d)
    if d == d.to_integral_value(context=_CTX):
        return str(int(d))
    return format(d.normalize(_CTX), "f")


@attrs.frozen
class _Section:
    prefix: str = ""  # literals before the number
    suffix: str = ""  # literals after it (including those between digit placeholders)
    general: bool = False
    placeholders: bool = False  # any 0 # ? at all
    int_min: int = 0  # '0's before the point
    grouping: bool = False
    point: bool = False
    decimals: int = 0
    dec_min: int = 0  # '0's after the point (the rest, # and ?, drop trailing zeros)
    percent: int = 0
    scale: int = 0  # thousands scaling commas (#,##0, → /1000)
    exponent: tuple[str, int] | None = None  # ('+' or '-', minimum digits)
    fallback: bool = False  # dates, fractions, text-only: print the General text
    condition: tuple[str, Decimal] | None = None


_CONDITION = re.compile(r"^(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)$")
_DATE_LETTERS = set("yYmMdDhHsS")


def _split_sections(fmt: str) -> list[str]:
    sections, current, i = [], [], 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            j = fmt.find('"', i + 1)
            j = len(fmt) - 1 if j < 0 else j
            current.append(fmt[i:j + 1])
            i = j + 1
            continue
        if ch in "\\_*" and i + 1 < len(fmt):
            current.append(fmt[i:i + 2])
            i += 2
            continue
        if ch == "[":
            j = fmt.find("]", i)
            j = len(fmt) - 1 if j < 0 else j
            current.append(fmt[i:j + 1])
            i = j + 1
            continue
        if ch == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    sections.append("".join(current))
    return sections


def _parse_section(s: str) -> _Section:
    prefix: list[str] = []
    suffix: list[str] = []
    general = placeholders = grouping = point = fallback = False
    int_min = decimals = dec_min = percent = scale = 0
    exponent: tuple[str, int] | None = None
    exp_sign = ""
    exp_digits = 0
    in_exp = False
    pending_commas = 0
    condition: tuple[str, Decimal] | None = None
    text_placeholder = False

    def literal(text: str) -> None:
        (suffix if placeholders or general else prefix).append(text)

    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch == '"':
            j = s.find('"', i + 1)
            j = n if j < 0 else j
            literal(s[i + 1:j])
            i = j + 1
            continue
        if ch == "\\":
            literal(s[i + 1:i + 2])
            i += 2
            continue
        if ch in "_*":  # padding to a character's width, fill: layout, nothing printed
            i += 2
            continue
        if ch == "[":
            j = s.find("]", i)
            j = n if j < 0 else j
            inner = s[i + 1:j]
            m = _CONDITION.match(inner.strip())
            if m:
                condition = (m.group(1), Decimal(m.group(2)))
            elif inner.startswith("$"):
                literal(inner[1:].split("-", 1)[0])  # [$¥-804] → ¥, [$-804] → nothing
            elif inner.lower().strip("hms") == "":
                fallback = True  # elapsed time [h]:mm
            i = j + 1
            continue
        if s[i:i + 7].lower() == "general":
            general = True
            i += 7
            continue
        if ch in "0#?":
            if pending_commas:
                grouping = True  # a comma followed by more digits groups thousands
                pending_commas = 0
            placeholders = True
            if in_exp:
                exp_digits += 1
            elif point:
                decimals += 1
                if ch == "0":
                    dec_min = decimals
            elif ch == "0":
                int_min += 1
            i += 1
            continue
        if ch == "." and not in_exp and not point and (placeholders or (i + 1 < n and s[i + 1] in "0#?")):
            point = True
            i += 1
            continue
        if ch == "," and placeholders and not point and not in_exp:
            pending_commas += 1
            i += 1
            continue
        if ch in "eE" and placeholders and i + 1 < n and s[i + 1] in "+-":
            in_exp = True
            exp_sign = s[i + 1]
            i += 2
            continue
        if ch == "%":
            percent += 1
            literal("%")
            i += 1
            continue
        if ch == "@":
            text_placeholder = True
            i += 1
            continue
        if ch == "/" and placeholders:
            fallback = True  # fractions: print the General text
        elif ch in _DATE_LETTERS:
            fallback = True
        elif ch == "," and point:
            pass  # a comma after the point: Excel scales; rare, printed as nothing
        else:
            literal(ch)
        i += 1
    scale = pending_commas
    if in_exp:
        exponent = (exp_sign, max(1, exp_digits))
    if text_placeholder and not placeholders and not general:
        fallback = True
    return _Section("".join(prefix), "".join(suffix), general, placeholders, int_min, grouping, point, decimals,
                    dec_min, percent, scale, exponent, fallback, condition)


_SECTION_CACHE: dict[str, list[_Section]] = {}


def _sections(fmt: str) -> list[_Section]:
    found = _SECTION_CACHE.get(fmt)
    if found is None:
        found = [_parse_section(s) for s in _split_sections(fmt)]
        if len(_SECTION_CACHE) < 4096:
            _SECTION_CACHE[fmt] = found
    return found


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[k:k + 3] for k in range(head, len(digits), 3)]
    return ",".join(parts)


def _digits(v: Decimal, sec: _Section) -> str:
    """The number part of a non-negative value under a section."""
    if sec.exponent is not None:
        exp = 0 if not v else v.adjusted()
        mant = v.scaleb(-exp, _CTX).quantize(Decimal(1).scaleb(-sec.decimals), context=_CTX)
        if mant >= 10:
            exp += 1
            mant = v.scaleb(-exp, _CTX).quantize(Decimal(1).scaleb(-sec.decimals), context=_CTX)
        sign = "-" if exp < 0 else ("+" if sec.exponent[0] == "+" else "")
        body = _digits(mant, attrs.evolve(sec, exponent=None, percent=0, scale=0))
        return f"{body}E{sign}{str(abs(exp)).zfill(sec.exponent[1])}"
    q = v.quantize(Decimal(1).scaleb(-sec.decimals), context=_CTX)
    text = format(q, "f")
    whole, _, frac = text.partition(".")
    if whole == "0" and sec.int_min == 0:
        whole = ""
    whole = whole.zfill(sec.int_min)
    if sec.grouping and whole:
        whole = _group(whole)
    if sec.decimals > sec.dec_min:
        frac = frac.rstrip("0").ljust(sec.dec_min, "0")
    return whole + ("." + frac if sec.point else "")


def _holds(cond: tuple[str, Decimal], v: Decimal) -> bool:
    op, x = cond
    return {"<": v < x, "<=": v <= x, ">": v > x, ">=": v >= x, "=": v == x, "<>": v != x}[op]


def format_number(value: int | float | Decimal, fmt: str | None) -> str:
    """The text a number prints as under an Excel number format.

    ``#,##0.00`` → ``3,998.79``; ``0.00`` → ``3984.05``; ``0`` and ``General`` → the shortest exact
    text; ``0.00%`` → ``99.87%``; ``#,##0.00_);(#,##0.00)`` → ``(12.50)`` for -12.5; a zero section
    of ``"-"`` prints ``-``. Padding (``_x``) and fill (``*x``) characters print nothing; literals
    between digit placeholders go after the number; dates and fractions in a number's format fall back
    to the General text.
    """
    d = _to_decimal(value)
    if not d.is_finite():
        return str(value)
    fmt = (fmt or "General").strip() or "General"
    if fmt.lower() == "general":
        return _general(d)
    try:
        sections = _sections(fmt)
        numeric = sections[:3]
        sign = ""
        if any(sec.condition for sec in numeric):
            chosen = next((sec for sec in numeric[:2] if sec.condition and _holds(sec.condition, d)), None)
            if chosen is None:
                chosen = numeric[-1] if not numeric[-1].condition else numeric[0]
            sec, magnitude = chosen, abs(d)
            if d < 0 and chosen is numeric[0]:
                sign = "-"
        elif d < 0 and len(numeric) >= 2:
            sec, magnitude = numeric[1], -d
        elif d < 0:
            sec, magnitude, sign = numeric[0], -d, "-"
        elif d == 0 and len(numeric) >= 3:
            sec, magnitude = numeric[2], d
        else:
            sec, magnitude = numeric[0], d
        if sec.fallback:
            return _general(d)
        if sec.general:
            return sign + sec.prefix + _general(magnitude) + sec.suffix
        if not sec.placeholders:
            return sec.prefix + sec.suffix  # a section of literals only ("-", "" hides the value)
        scaled = magnitude.scaleb(2 * sec.percent - 3 * sec.scale, _CTX)
        return sign + sec.prefix + _digits(scaled, sec) + sec.suffix
    except (InvalidOperation, ValueError, IndexError, KeyError):  # a format beyond this sketch of Excel
        return _general(d)


def format_value(value: object, fmt: str | None) -> str:
    """What a cell prints: strings as stored, numbers through their format, booleans and dates as text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, Decimal)):
        return format_number(value, fmt)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if not value.microsecond else "auto")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


# --------------------------------------------------------------------------------------------------
# A sheet cut into blocks
# --------------------------------------------------------------------------------------------------

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


_TITLE_END = ("表", "表)", "表）")


def _is_title(text: str) -> bool:
    s = normalize_text(text)
    return 0 < len(s) <= 60 and (s.endswith(_TITLE_END) or "决算表" in s or "情况表" in s)


def _is_note(text: str) -> bool:
    return normalize_text(text).startswith(("注", "说明", "备注", "填报说明", "附注"))


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


# --------------------------------------------------------------------------------------------------
# What a file is, from its first bytes
# --------------------------------------------------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_head(path: Path, size: int = 2048) -> bytes:
    """The first bytes of the file; ``ReadError`` NOT_FOUND / EMPTY when there are none."""
    try:
        with path.open("rb") as fh:
            head = fh.read(size)
    except OSError as exc:
        raise ReadError(path, Reason.NOT_FOUND, f"cannot open file ({exc.strerror})") from None
    if not head:
        raise ReadError(path, Reason.EMPTY, "the file is empty")
    return head


def foreign_kind(head: bytes) -> str:
    """What a file that is neither a zip nor an OLE compound file is, in a few words."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(codec, "ignore").encode("utf-8", "ignore")
            break
    s = head.lstrip().lower()
    if s.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<meta", b"<body", b"<style")):
        return "an HTML page"
    if s.startswith(b"<?xml") or s.startswith(b"<workbook"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in s or b"<workbook" in s:
            return "an XML Spreadsheet 2003 file"
        if b"<html" in s:
            return "an HTML page"
        return "an XML file"
    if s.startswith(b"mime-version") or b"multipart/related" in s[:400]:
        return "a web archive (.mht)"
    if s.startswith(b"%pdf"):
        return "a PDF file"
    if s.startswith(b"{\\rtf"):
        return "an RTF document"
    if b"\x00" not in head[:512]:
        return "a text file"
    return "not a spreadsheet file"
