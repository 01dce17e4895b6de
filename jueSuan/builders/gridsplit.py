"""Grids that hold the end of one table and the start of the next.

Where a table ends near the top of a page and the next table's title follows it inside the same ruling
(Jiangsu's 公开表: the last row of the 财政拨款基本支出预算表 on the page of the 政府性基金 table, the
收支预算总表's totals above the 收入预算总表), a reader returns one grid for both. Such a grid is split
before the row that is the next table's title — a row whose only text is a table title, spanning the grid,
with rows after it — so the title starts a table of its own and the rows above it stand alone (as the
continuation of the table before, when they fit it). The rows above keep only the columns that print
something of their own (a merged cell's copies and empty columns are dropped), as a continuation on the
next page prints them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

import attrs

from ..readers.base import Block, Cell, Grid


def _title_row(grid: Grid, r: int, is_title: Callable[[str], bool]) -> bool:
    """Row ``r`` is a title of its own: one text over the whole width, starting in this row (not a cell
    merged down from the row above, as a title and header printed in one cell are), naming a table."""
    row = grid.rows[r]
    texts = {c.text.strip() for c in row if c.text.strip()}
    if len(texts) != 1 or any(not c.text.strip() for c in row):
        return False  # a title spans the whole grid
    if all(c.origin is not None and c.origin[0] != r for c in row):
        return False  # merged down from above
    if [c.text.strip() for c in grid.rows[r - 1]] == [c.text.strip() for c in row]:
        return False
    return is_title(next(iter(texts)))


def _rows(grid: Grid, start: int, stop: int) -> list[tuple[Cell, ...]]:
    """Rows ``start:stop`` with merge origins renumbered; a merge that began above ``start`` begins here."""
    out = []
    for row in grid.rows[start:stop]:
        cells = []
        for c in row:
            if c.origin is not None:
                o_r = c.origin[0] - start
                c = attrs.evolve(c, origin=(o_r, c.origin[1]) if o_r >= 0 else None)
            cells.append(c)
        out.append(tuple(cells))
    return out


def _own_columns(rows: list[tuple[Cell, ...]]) -> list[tuple[Cell, ...]]:
    """The rows without the columns in which every cell is blank or a copy of a merged cell to its left."""
    width = max((len(r) for r in rows), default=0)
    keep = [k for k in range(width)
            if any(k < len(r) and r[k].text.strip() and not (r[k].origin is not None and r[k].origin[1] != k)
                   for r in rows)]
    where = {k: i for i, k in enumerate(keep)}
    out = []
    for row in rows:
        cells = []
        for k in keep:
            c = row[k]
            if c.origin is not None:
                c = attrs.evolve(c, origin=(c.origin[0], where[c.origin[1]]) if c.origin[1] in where else None)
            cells.append(c)
        out.append(tuple(cells))
    return out


def split_at_titles(blocks: Sequence[Block], is_title: Callable[[str], bool]) -> tuple[Block, ...]:
    """The blocks with every grid that holds a table title below its first row split before that title."""
    out: list[Block] = []
    for b in blocks:
        if not isinstance(b, Grid):
            out.append(b)
            continue
        cuts = [r for r in range(1, b.n_rows - 1) if _title_row(b, r, is_title)]
        if not cuts:
            out.append(b)
            continue
        bounds = [0, *cuts, b.n_rows]
        for n, (start, stop) in enumerate(pairwise(bounds)):
            rows = _rows(b, start, stop)
            if n == 0:
                rows = _own_columns(rows)
            if rows and rows[0]:
                out.append(attrs.evolve(b, rows=tuple(rows)))
    return tuple(out)
