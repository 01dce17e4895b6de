"""Which table is this? Titles by alias, confirmed by a header signature; never by position.

The title is looked for in the paragraphs just before the grid and in title rows inside the grid
(the asset table prints its title in its first row); the unit (``单位：万元``) in the same places.
"""

from __future__ import annotations

import re

import attrs

from ..document import Document, Grid, Paragraph
from ..models import BudgetTableKind, TableKind
from ..numbers import Unit, detect_unit
from ..text import first_year
from ..vocab import GENERAL, Profile, Vocabulary
from ..vocab import titles as V
from .layout import norm
from .printed import table_number


def kinds_of(vocab: Vocabulary, kinds: type[TableKind] | type[BudgetTableKind]) -> list[TableKind | BudgetTableKind]:
    """The kind each term of a title vocabulary names (its key is the kind's name); a key that
    names no kind raises ``KeyError``."""
    return [kinds[t.key] for t in vocab if t.key != "*"]


# the title vocabularies' keys are the kinds' names: a key that names no kind stops the import here
for _vocab, _kinds in ((V.FINAL_TITLES, TableKind), (V.BUDGET_TITLES, BudgetTableKind), (V.HEADER_ONLY, TableKind),
                       (V.FINAL_SIGNATURES, TableKind), (V.BUDGET_SIGNATURES, BudgetTableKind)):
    kinds_of(_vocab, _kinds)


def _signatures(vocab: Vocabulary, kinds: type[TableKind] | type[BudgetTableKind]) -> dict:
    """Each kind's confirming words; ``*`` gives the words of every kind not listed."""
    default = next((t.spellings for t in vocab if t.key == "*"), None)
    out = {k: default for k in kinds} if default is not None else {}
    out.update({kinds[t.key]: t.spellings for t in vocab if t.key != "*"})
    return out


_SIGNATURES: dict[TableKind, tuple[str, ...]] = _signatures(V.FINAL_SIGNATURES, TableKind)
_BUDGET_SIGNATURES: dict[BudgetTableKind, tuple[str, ...]] = _signatures(V.BUDGET_SIGNATURES, BudgetTableKind)
_TEMPLATE_INSTRUCTION = V.TEMPLATE_INSTRUCTION.terms[0]
_NOTE_STARTS = V.NOTE_STARTS.spellings("note")
_TITLE_ENDS = V.TITLE_ENDINGS.spellings("end")
_TITLE_INSIDE = V.TITLE_ENDINGS.spellings("inside")

_TABLE_NUMBER = re.compile(V.TABLE_NUMBER)
_TRAILING_UNIT = re.compile(V.TRAILING_UNIT)
_DECORATIONS = tuple(re.compile(p) for p in (V.TRAILING_PUBLISHER, V.JIANGSU_NUMBER, V.JIANGSU_NUMBER_END))
_QUALIFIER = re.compile(V.JIANGSU_QUALIFIER)


def title_kind(text: str, profile: Profile = GENERAL) -> TableKind | BudgetTableKind | None:
    """The table kind a title names, or None. ``text`` is a title as printed; ``profile``: what the
    document is, where known (the general profile admits every spelling)."""
    s = _TRAILING_UNIT.sub("", norm(text))  # "收入支出决算总表 单位：万元" on one line
    for pattern in _DECORATIONS:  # 编制部门：…, Jiangsu's 公开01表 / 公开表一
        s = pattern.sub("", s)
    s = _QUALIFIER.sub(r"\1", s)  # Jiangsu: 财政拨款支出预算表（功能科目）
    if len(s) > 60 or (not s.endswith(_TITLE_ENDS) and not any(w in s for w in _TITLE_INSIDE)):
        return None
    if V.BUDGET_MARKERS.first(s, profile) is not None and not s.startswith(V.PART_HEADING):
        term = V.BUDGET_TITLES.first(s, profile)
        return BudgetTableKind[term.key] if term is not None else None
    term = V.FINAL_TITLES.first(s, profile)
    return TableKind[term.key] if term is not None else None


def signature_kind(grid: Grid) -> TableKind | None:
    """A kind recognised from the grid's own vocabulary alone, when its title is missing: the first
    term of ``titles.by_header`` all of whose words the grid holds."""
    text = norm("".join(c.text for row in grid.rows[:60] for c in row if c.origin is None))
    for term in V.HEADER_ONLY:
        if all(w in text for w in term.spellings):
            return TableKind[term.key]
    return None


def signature_ok(kind: TableKind | BudgetTableKind, grid: Grid) -> bool:
    text = norm("".join(c.text for row in grid.rows for c in row if c.origin is None))
    words = _BUDGET_SIGNATURES[kind] if isinstance(kind, BudgetTableKind) else _SIGNATURES[kind]
    return any(w in text for w in words)


@attrs.frozen
class Candidate:
    grid: Grid
    kind: TableKind | BudgetTableKind | None
    title: str
    unit: Unit | None
    title_rows: frozenset[int]
    notes: tuple[str, ...]
    by_signature: bool = False
    problem: str = ""
    year: int | None = None  # the year stated in the heading just before the grid
    last: Grid | None = None  # the last grid merged into this one (a table continued over several)
    number: str = ""  # the table's number as printed with its title or just above it (表六, 公开05表)


def _title_rows(grid: Grid) -> tuple[str, Unit | None, set[int]]:
    """Rows at the top of a grid that are a title or a unit line, not headers."""
    title, unit, rows = "", None, set()
    for r in range(min(3, grid.n_rows)):
        texts = [c.text.strip() for c in grid.distinct_cells(r) if c.text.strip(" \u3000\n")]
        if len(texts) > 2:
            break
        joined = " ".join(texts)
        if _TABLE_NUMBER.fullmatch(norm(joined)):  # Jiangsu: a row of its own for 公开03表 above the title
            rows.add(r)
            continue
        u = detect_unit(joined)
        k = title_kind(texts[0]) if texts else None
        if k is not None or u is not None or not texts:
            rows.add(r)
            if k is not None and not title:
                title = texts[0]
            if u is not None:
                unit = u
        else:
            break
    return title, unit, rows


def candidates(doc: Document) -> list[Candidate]:
    """Every grid of the document with the kind, title, unit and notes found around it."""
    out: list[Candidate] = []
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if not isinstance(block, Grid):
            continue
        before: list[Paragraph] = []
        j = i - 1
        while j >= 0 and isinstance(blocks[j], Paragraph) and len(before) < 4:
            p = blocks[j]
            assert isinstance(p, Paragraph)
            if p.text.strip():
                before.append(p)
            j -= 1
        title, unit, rows = _title_rows(block)
        kind = title_kind(title) if title else None
        year = first_year([p.text for p in before if len(p.text) < 40])
        for p in before:  # nearest first
            if unit is None:
                unit = detect_unit(p.text)
            if kind is None:
                for line in p.text.splitlines():
                    k = title_kind(line)
                    if k is not None:
                        kind, title = k, line.strip()
                        break
        notes: list[str] = []
        j = i + 1
        while j < len(blocks) and isinstance(blocks[j], Paragraph):
            p = blocks[j]
            assert isinstance(p, Paragraph)
            s = norm(p.text)
            if s.startswith(_NOTE_STARTS):
                notes.append(p.text.strip())
            elif _TEMPLATE_INSTRUCTION.matches(s):
                pass  # a template's instruction left in ("…作下述说明：") stands between a table and its 说明
            elif (s and title_kind(p.text) is not None) or (s and not s.startswith(_NOTE_STARTS) and len(notes) >= 1):
                break
            j += 1
        prev = out[-1] if out else None
        if (prev is not None and prev.kind is not None and not title
                and (kind is None or kind is prev.kind) and _adjacent(blocks, prev.last or prev.grid, block)
                and prev.grid.n_cols == block.n_cols):
            # a table continued in a second (third…) table: a page break, or a split by the publisher
            out[-1] = attrs.evolve(prev, grid=continue_grid(prev.grid, block), notes=prev.notes + tuple(notes),
                                   last=block)
            continue
        number = table_number(title, [p.text for p in before]) if kind is not None else ""
        out.append(Candidate(block, kind, title, unit, frozenset(rows), tuple(notes), False, "", year, number=number))
    # the header signature is checked on whole tables, continuations included: the first page of
    # a long table need not show the words that confirm it
    return [_confirm(c) for c in out]


def _confirm(c: Candidate) -> Candidate:
    if c.kind is None:
        kind = signature_kind(c.grid)
        return attrs.evolve(c, kind=kind, by_signature=kind is not None)
    if not signature_ok(c.kind, c.grid):
        return attrs.evolve(c, kind=None, problem=f"title names {c.kind.canonical_title} but the header does not "
                                                   f"look like one")
    return c


def _adjacent(blocks: tuple[object, ...], first: Grid, second: Grid) -> bool:
    """True when only empty paragraphs stand between the two grids."""
    i = next(k for k, b in enumerate(blocks) if b is second)
    j = i - 1
    while j >= 0 and blocks[j] is not first:
        b = blocks[j]
        if isinstance(b, Grid) or (isinstance(b, Paragraph) and b.text.strip()):
            return False
        j -= 1
    return j >= 0


def continue_grid(first: Grid, second: Grid) -> Grid:
    """``first`` with the rows of ``second`` appended, less a repeated header. Cells keep their
    own source; merge origins are renumbered to the rows of the combined grid."""
    repeated = 0
    while (repeated < min(second.n_rows, first.n_rows, 6)
           and [norm(c.text) for c in second.rows[repeated]] == [norm(c.text) for c in first.rows[repeated]]
           and any(norm(c.text) for c in second.rows[repeated])):
        repeated += 1
    offset = first.n_rows - repeated
    rows = list(first.rows)
    for row in second.rows[repeated:]:
        new_row = []
        for cell in row:
            if cell.origin is not None:
                o_r = cell.origin[0] + offset
                cell = attrs.evolve(cell, origin=(o_r, cell.origin[1]) if o_r >= first.n_rows else None)
            new_row.append(cell)
        rows.append(tuple(new_row))
    return attrs.evolve(first, rows=tuple(rows))

