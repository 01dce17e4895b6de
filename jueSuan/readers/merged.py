"""Merged header cells restored in a table that came without them.

Tables extracted by pdfplumber (the page-text documents) give a merged cell's text in its top-left
position only; the positions it covers come blank (``None``, written as ``""``). The PDF and docx
readers copy a merged cell's text into every position it covers, with ``origin`` set: the builders
read a column's header path from those copies. This module gives the page-text grid the same copies,
from the table's own structure, in its header rows only (the rows above the first row holding a figure):

* a blank header position continues the cell to its left when both stand under one cell of the row
  above (a header cell lies inside its parent: 合计 | (blank) under 财政拨款“三公”经费 is 合计 spanning two
  columns, while 因公出国（境）费 next to it begins a new parent);
* otherwise it continues the cell above (合计 printed once over two header rows);
* a blank with neither stays blank.

Some templates print the last level of a header in the first body row, beside the row's figures: the
Shanghai 政府性基金预算财政拨款收入支出决算表 prints ``合计 | 基本支出 | 项目支出`` under 本年支出 in its 合计
row, where the page text also has them (``合计 0 2002.80 合计 基本支出 项目支出 0``). Words (not figures),
distinct, filling every column under one header cell of two or more columns, are that header level: they
are copied to a header row of their own, and the body row keeps them as printed: words where that
row's figures belong, marked as copies of the header cell (``origin`` in the header): the builders read
them as no figure of that row (never as a blank, which counts as 0).
"""

from __future__ import annotations

import re

#: A printed figure: 1,234.56, -3, 12.5%, or a dash/zero placeholder is not needed here.
_FIGURE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")

Origin = tuple[int, int]


def _is_figure(text: str) -> bool:
    return bool(_FIGURE.match(text.replace(" ", "").replace("\n", "")))


def _body_start(rows: list[list[str]]) -> int | None:
    for r, row in enumerate(rows):
        if any(_is_figure(t) for t in row if t.strip()):
            return r
    return None


def _owners(rows: list[list[str]], n_header: int, width: int) -> list[list[Origin | None]]:
    """For each header position, the position of the cell that covers it (itself when printed)."""
    owners: list[list[Origin | None]] = []
    for r in range(n_header):
        row: list[Origin | None] = []
        for c in range(width):
            if rows[r][c].strip():
                row.append((r, c))
                continue
            above = owners[r - 1] if r else None
            left = row[c - 1] if c else None
            if left is not None and (above is None or above[c - 1] == above[c]):
                row.append(left)
            elif above is not None and above[c] is not None:
                row.append(above[c])
            else:
                row.append(None)
        owners.append(row)
    return owners


def _lift_header_words(rows: list[list[str]], n_header: int, width: int) -> bool:
    """Copy a header level printed in the first body row into a row of its own; True if copied."""
    owners = _owners(rows, n_header, width)
    last, body = owners[n_header - 1], rows[n_header]
    groups: dict[Origin, list[int]] = {}
    for c in range(width):
        o = last[c]
        if o is not None:
            groups.setdefault(o, []).append(c)
    moved = False
    new_row = [""] * width
    for cols in groups.values():
        texts = [body[c].strip() for c in cols]
        if len(cols) < 2 or not all(texts) or any(_is_figure(t) for t in texts) or len(set(texts)) < len(texts):
            continue
        for c in cols:
            new_row[c] = body[c]
        moved = True
    if moved:
        rows.insert(n_header, new_row)
    return moved


def restore_merges(table: list[list[str]]) -> tuple[list[list[str]], list[list[Origin | None]], list[int]]:
    """The table with its header merges copied: (texts, origins, source row of each row). ``origins[r][c]``
    is None for a printed position, else the grid position whose text it copies."""
    width = max((len(r) for r in table), default=0)
    rows = [list(r) + [""] * (width - len(r)) for r in table]
    source = list(range(len(rows)))
    start = _body_start(rows)
    origins: list[list[Origin | None]] = [[None] * width for _ in rows]
    if not start:  # no figure, or figures from the first row: no header to restore
        return rows, origins, source
    if _lift_header_words(rows, start, width):
        source.insert(start, source[start])
        origins.insert(start, [None] * width)
        # the words stay in the body row as copies of the header cell they are: what they print over
        # is no figure of that row
        origins[start + 1] = [(start, c) if rows[start][c] else None for c in range(width)]
        start += 1
    owners = _owners(rows, start, width)
    for r in range(start):
        for c in range(width):
            o = owners[r][c]
            if o is not None and o != (r, c):
                rows[r][c] = rows[o[0]][o[1]]
                origins[r][c] = o
    return rows, origins, source


__all__ = ["restore_merges"]
