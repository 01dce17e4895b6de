"""Layout analysis of a grid: where the header ends, what each column is, and the entries.

Nothing here knows about a particular table: the header is found by its vocabulary and by where
figures start, columns are typed by their header and by what their body holds (code, label or
amount), and side-by-side groups (``项目|决算数|项目|决算数``, ``编码|名称|决算数`` × 2) are found by
where a label column follows an amount column.
"""

from __future__ import annotations

import re

import attrs

from ..document import Cell, Grid
from ..numbers import Amount, AmountKind, parse_amount, unknown_amount
from ..readers.numfmt import is_cell_error
from ..source import SourceRef
from ..text import CODE as CODE_RE
from ..text import CODE_PART as _CODE_PART
from ..text import LABEL_PREFIX as _ORDINAL
from ..text import LEADING_CODE as _LEADING_CODE
from ..text import SHORT_PART as _SHORT_PART
from ..text import clean_label, is_code, norm, norm_label
from ..vocab import layout as VL

# (norm, norm_label, clean_label, is_code and CODE_RE are jueSuan.text's, still importable from here)

_HEADER_WORDS_EXACT = frozenset(VL.HEADER_WORDS.spellings("exact"))
_HEADER_WORDS_IN = VL.HEADER_WORDS.spellings("in")
_INDEX_HEADERS = frozenset(VL.COLUMN_ROLES.spellings("index"))
_NUMBERING = VL.COLUMN_ROLES.spellings("numbering")[0]
_CODE_PARTS = VL.COLUMN_ROLES.spellings("code_part")
_CODE_WORDS = VL.COLUMN_ROLES.spellings("code")
_LABEL_WORDS = VL.COLUMN_ROLES.spellings("label")
_LABEL_EXACT = VL.COLUMN_ROLES.spellings("label_exact")
_BODY_TOTALS = VL.BODY_LABELS.spellings("total")


def _is_header_word(text: str) -> bool:
    s = norm(text)
    if not s:
        return False
    return s in _HEADER_WORDS_EXACT or any(w in s for w in _HEADER_WORDS_IN)


def _is_number(text: str) -> bool:
    a = parse_amount(text)
    return a is not None and a.kind is AmountKind.NUMBER


def _is_body_label(text: str) -> bool:
    s = norm(text)
    return bool(s) and (
        s.startswith(_BODY_TOTALS) or s.endswith(_BODY_TOTALS) or bool(_ORDINAL.match(s))
    )


@attrs.frozen
class ColumnInfo:
    index: int
    path: tuple[str, ...]
    role: str  # "code" | "label" | "amount" | "index"

    @property
    def label(self) -> str:
        return "/".join(clean_label(p) for p in self.path)

    @property
    def key_text(self) -> str:
        return "/".join(norm(p) for p in self.path)


@attrs.frozen
class Group:
    code_cols: tuple[int, ...]
    label_col: int | None
    amount_cols: tuple[int, ...]


@attrs.frozen
class Entry:
    row: int
    group: int
    label: str
    key: str
    code: str | None
    label_cell: Cell | None
    amounts: tuple[tuple[int, Cell, Amount], ...]

    @property
    def has_figures(self) -> bool:
        """A figure is printed: a number, or text in its place whose value is not known (#DIV/0!)."""
        return any(a.kind in (AmountKind.NUMBER, AmountKind.UNKNOWN) for _, _, a in self.amounts)


@attrs.frozen
class Stray:
    cell: Cell
    reason: str


@attrs.frozen
class Layout:
    grid: Grid
    header_end: int
    columns: tuple[ColumnInfo, ...]
    groups: tuple[Group, ...]
    entries: tuple[Entry, ...]
    strays: tuple[Stray, ...]

    def header_texts(self) -> list[str]:
        return [c.text for r in self.grid.rows[: self.header_end] for c in r if c.text.strip()]

    def header_ref(self, c: int) -> SourceRef:
        """Where column ``c`` is named: its lowest printed header cell (not a blank row above the
        header, which names nothing), else its first cell, else the grid."""
        for r in range(min(self.header_end, self.grid.n_rows) - 1, -1, -1):
            cell = self.grid.rows[r][c] if c < len(self.grid.rows[r]) else None
            if cell is not None and cell.text.strip():
                return cell.ref
        return self.grid.rows[0][c].ref if self.grid.n_rows else self.grid.ref


def _row_is_body(grid: Grid, r: int) -> bool:
    cells = list(grid.distinct_cells(r))
    texts = [c.text for c in cells]
    if any(norm(t) in _INDEX_HEADERS for t in texts[:4]):
        return False  # the 栏次 row numbering the columns (1, 2, 3...) belongs to the header
    if any(_is_header_word(t) for t in texts) and not any(_is_number(t) for t in texts):
        return False
    if any(_is_number(t) and not is_code(t) for t in texts):
        return True
    if any(is_code(c.text) for c in cells if c.ref.col is not None and c.ref.col <= 3):
        return True
    filled = [t for t in texts if norm(t)]
    # a label-only row (合计 with blank figures) is body; a row of several texts is a header row
    return bool(filled) and _is_body_label(filled[0]) and all(
        parse_amount(t) is not None or is_cell_error(t) for t in filled[1:])  # 合计 | #DIV/0! is still a body row


def find_header_end(grid: Grid) -> int:
    """Index of the first body row. For a table with no body figures, the row after its last
    header-vocabulary row."""
    last_header = -1
    for r in range(grid.n_rows):
        texts = [c.text for c in grid.distinct_cells(r)]
        if _row_is_body(grid, r):
            return r
        if any(_is_header_word(t) for t in texts):
            last_header = r
    return last_header + 1


def _is_numbering_row(grid: Grid, r: int) -> bool:
    """The 栏次 row that numbers the columns (栏次 1 2 3 …, maybe with 类 款 项)."""
    texts = [norm(c.text) for c in grid.distinct_cells(r)]
    return _NUMBERING in texts and all(
        not t or t.isdigit() or t in _INDEX_HEADERS or t in _CODE_PARTS for t in texts)


def _column_paths(grid: Grid, header_end: int, skip_rows: set[int]) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    numbering = {r for r in range(header_end) if _is_numbering_row(grid, r)}
    for c in range(grid.n_cols):
        path: list[str] = []
        for r in range(header_end):
            if r in skip_rows or r in numbering:
                continue
            t = grid.rows[r][c].text.strip(" \u3000\t\n")
            if t and (not path or norm(path[-1]) != norm(t)):
                path.append(t)
        paths.append(tuple(path))
    return paths


def _classify(grid: Grid, c: int, path: tuple[str, ...], body: range) -> str:
    joined = "/".join(norm(p) for p in path)
    last = norm(path[-1]) if path else ""
    if last in _INDEX_HEADERS or (path and norm(path[0]) in _INDEX_HEADERS):
        return "index"
    if any(w in joined for w in _CODE_WORDS) or last in _CODE_PARTS:
        return "code"
    if any(w in joined for w in _LABEL_WORDS) or last in _LABEL_EXACT:
        return "label"
    numbers = codes = texts = 0
    for r in body:
        cell = grid.rows[r][c]
        if cell.origin is not None and (cell.origin[1] != c or cell.origin[0] < body.start):
            continue  # a horizontal merge copy, or a header cell's copy, says nothing about this column
        t = cell.text
        if not norm(t):
            continue
        if is_code(t):
            codes += 1
        elif parse_amount(t) is not None:
            numbers += 1
        else:
            texts += 1
    if codes and not numbers and codes >= texts:
        return "code"
    if texts > numbers:
        return "label"
    return "amount"


def _groups(columns: list[ColumnInfo]) -> list[Group]:
    groups: list[Group] = []
    code: list[int] = []
    label: int | None = None
    amounts: list[int] = []
    for col in columns:
        if col.role != "amount" and amounts:
            groups.append(Group(tuple(code), label, tuple(amounts)))
            code, label, amounts = [], None, []
        if col.role == "index":
            continue  # 行次/序号 columns number the lines; they are neither labels nor figures
        if col.role == "code":
            code.append(col.index)
        elif col.role == "label":
            label = col.index
        else:
            amounts.append(col.index)
    if amounts or code or label is not None:
        groups.append(Group(tuple(code), label, tuple(amounts)))
    return groups


def _entry_code(grid: Grid, r: int, group: Group, inherited: list[str]) -> str | None:
    """The classification code of row ``r``: one code cell, or split 类|款|项 cells (``208`` ``05``
    ``05``, or only the new part printed, the rest inherited from the rows above)."""
    parts: list[str] = []
    seen: set[tuple[int, int]] = set()
    for c in group.code_cols:
        cell = grid.rows[r][c]
        origin = cell.origin if cell.origin is not None and cell.origin[0] == r else (r, c)
        if origin not in seen:
            seen.add(origin)
            parts.append(norm(cell.text))
    filled = [i for i, p in enumerate(parts) if p]
    if not filled:
        return None
    if len(filled) == 1 and filled[0] == 0 and CODE_RE.match(parts[0]):
        inherited[:] = [parts[0]]
        return parts[0]
    # a workbook that stored 款/项 as numbers prints 301 | 2 for 30102: a one-digit part after the 类
    parts = [p.zfill(2) if i > 0 and _SHORT_PART.match(p) else p for i, p in enumerate(parts)]
    if len(parts) == 1 or not all(_CODE_PART.match(parts[i]) for i in filled):
        return None
    new = (inherited + [""] * len(parts))[: filled[-1] + 1]
    for i in filled:
        new[i] = parts[i]
    code = "".join(new)
    if not CODE_RE.match(code):
        return None
    inherited[:] = new
    return code


def analyze(grid: Grid, skip_rows: set[int] | None = None) -> Layout:
    """Analyse a grid's layout. ``skip_rows``: rows that hold a title or unit line, not headers."""
    skip = skip_rows or set()
    header_end = find_header_end(grid)
    body = range(header_end, grid.n_rows)
    paths = _column_paths(grid, header_end, skip)
    columns = [ColumnInfo(c, paths[c], _classify(grid, c, paths[c], body)) for c in range(grid.n_cols)]
    groups = _groups(columns)
    entries: list[Entry] = []
    strays: list[Stray] = []
    for gi, group in enumerate(groups):
        inherited: list[str] = []
        for r in body:
            row = grid.rows[r]
            code = _entry_code(grid, r, group, inherited) if group.code_cols else None
            label_cell = row[group.label_col] if group.label_col is not None else None
            label = clean_label(label_cell.text) if label_cell is not None else ""
            if not norm(label):
                # a label printed in the code column ("合计" spanning code+name), or no label column
                for c in group.code_cols:
                    if norm(row[c].text) and not is_code(row[c].text) and not _CODE_PART.match(norm(row[c].text)):
                        label, label_cell = clean_label(row[c].text), row[c]
                        break
            if code is None:
                m = _LEADING_CODE.match(norm(label))
                if m and group.label_col is not None:
                    code = m.group(1)
                    label = clean_label(re.sub(r"^\s*\[?\d+\]?", "", label))
            amounts: list[tuple[int, Cell, Amount]] = []
            for c in group.amount_cols:
                cell = row[c]
                if cell.origin is not None and cell.origin[0] == r and cell.origin[1] != c:
                    continue
                a = parse_amount(cell.text)
                if a is None:
                    if norm(cell.text) in ("", norm(label)):
                        continue
                    # kept as a figure of unknown value: a sum that needs it is reported unchecked, never
                    # computed without it; listed too, so the cell is named even where no rule uses it
                    strays.append(Stray(cell, "amount column holds text that is not a figure: its value is not known"))
                    a = unknown_amount(cell.text)
                amounts.append((c, cell, a))
            if not norm(label) and code is None and not any(a.kind is not AmountKind.BLANK for _, _, a in amounts):
                continue
            entries.append(Entry(r, gi, label, norm_label(label), code, label_cell, tuple(amounts)))
    return Layout(grid, header_end, tuple(columns), tuple(groups), tuple(entries), tuple(strays))
