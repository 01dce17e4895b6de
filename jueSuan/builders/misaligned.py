"""A table whose amounts stand rows away from their codes, as printed.

Seen in a real 2025 部门决算 (一般公共预算财政拨款支出决算表): the column of codes lists every code of the
支出决算表, while the amounts were filled in one after another without the rows this table leaves empty,
so from some row on each amount stands beside a code a few rows above its own, and the last rows repeat
the first amounts. The page text shows the amounts on their codes' lines: the document prints it so,
it is not an extraction fault.

Evidence, from the printed figures only: a row of the 一般公共预算财政拨款支出决算表 whose 合计 differs from
the 支出决算表's for its code but equals the 支出决算表's 合计 of a code printed a few rows below it is a
displaced row. Three or more displaced rows, making at least half the rows that disagree, and the table
is misaligned: its identities say nothing about the document's figures, and are not checked.
"""

from __future__ import annotations

import attrs

from ..models import Figure, Line, Report, Table, TableKind
from ..vocab.keys import ColumnKey

C = ColumnKey

#: How far below its printed row an amount's own code may stand.
REACH = 8
#: Displaced rows needed before a table is called misaligned.
MIN_ROWS = 3


@attrs.frozen
class Misalignment:
    table: Table
    first: Line  # the first row whose amount belongs to another code
    figure: Figure  # the amount printed on it
    owner: Line  # the reference table's row (a code printed below) the amount belongs to
    owner_figure: Figure
    shift: int  # how many rows below its printed row the amount's code stands
    rows: int  # displaced rows in all
    reference: Table
    expected: Figure | None  # the reference table's figure for the first row's own code


def _total(ln: Line | None) -> Figure | None:
    f = ln.get(C.TOTAL) if ln is not None else None
    return f if f is not None and f.is_number and f.value != 0 else None


def find_misaligned(report: Report) -> list[Misalignment]:
    t5, t3 = report.table(TableKind.GPB_EXPENDITURE), report.table(TableKind.EXPENDITURE)
    if t5 is None or t3 is None:
        return []
    rows = [ln for ln in t5.lines if ln.code]
    displaced: list[tuple[Line, Figure, Line, Figure, int]] = []
    disagree = 0
    for i, ln in enumerate(rows):
        fig = _total(ln)
        if fig is None:
            continue
        same = _total(t3.by_code(ln.code or ""))
        if same is not None and same.value == fig.value:
            continue
        disagree += 1
        for j in range(i + 1, min(len(rows), i + 1 + REACH)):
            other = t3.by_code(rows[j].code or "")
            of = _total(other)
            if other is not None and of is not None and of.value == fig.value:
                displaced.append((ln, fig, other, of, j - i))
                break
    if len(displaced) < MIN_ROWS or 2 * len(displaced) < disagree:
        return []
    ln, fig, other, of, shift = displaced[0]
    own = t3.by_code(ln.code or "")
    return [Misalignment(t5, ln, fig, other, of, shift, len(displaced), t3, own.get(C.TOTAL) if own else None)]


def grid_keys(table: Table) -> set[tuple[str, int | None]]:
    """(file, grid index) of every grid a table was read from."""
    keys = {(table.ref.file, table.ref.table)}
    for ln in table.lines:
        keys.add((ln.ref.file, ln.ref.table))
        keys.update((f.ref.file, f.ref.table) for _, f in ln.values)
    return keys


__all__ = ["Misalignment", "find_misaligned", "grid_keys"]
