"""A small writer of test .docx files: paragraphs and tables with real Word merges.

A table is a list of rows; a cell is a string, ``Span(text, n)`` for a horizontal merge over n
grid columns, or ``UP`` to continue the vertical merge of the cell above.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs
import docx


@attrs.frozen
class Span:
    text: str
    n: int


UP = object()
Row = Sequence[object]
Block = str | list[Row]


def write_docx(path: Path, blocks: Sequence[Block]) -> Path:
    d = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            d.add_paragraph(block)
            continue
        width = max(sum(c.n if isinstance(c, Span) else 1 for c in row) for row in block)
        table = d.add_table(rows=len(block), cols=width)
        for r, row in enumerate(block):
            col = 0
            for cell in row:
                n = cell.n if isinstance(cell, Span) else 1
                target = table.cell(r, col)
                if n > 1:
                    target = target.merge(table.cell(r, col + n - 1))
                if cell is UP:
                    above = table.cell(r - 1, col)
                    above.merge(target)
                else:
                    text = cell.text if isinstance(cell, Span) else str(cell)
                    if text:
                        target.text = text
                col += n
    d.save(str(path))
    return path
