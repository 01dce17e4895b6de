"""Where a figure came from: file, sheet or page, table, row, column (or paragraph and span)."""

from __future__ import annotations

import attrs


def _col_letters(col: int) -> str:
    """0-based column index to Excel letters (0 → A, 26 → AA)."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@attrs.frozen(order=True)
class SourceRef:
    """A location in an input file. Rows and columns are 0-based in the grid as read.

    ``table`` is the index of the table in the file (in body order), ``sheet`` and ``page`` are set
    by the readers that have them, ``cell`` is the native cell name where the format has one
    (``Sheet1!C7``), ``bbox`` the box on a PDF page, ``paragraph``/``span`` a place in running text.
    """

    file: str
    table: int | None = None
    row: int | None = None
    col: int | None = None
    sheet: str | None = None
    page: int | None = None
    cell: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    paragraph: int | None = None
    span: tuple[int, int] | None = None

    def at(self, row: int, col: int, cell: str | None = None) -> SourceRef:
        return attrs.evolve(self, row=row, col=col, cell=cell)

    def short(self) -> str:
        """A compact human form: ``表格#3 R12C4`` / ``Sheet1!C7`` / ``p.4 表2 R3C2`` / ``段12[4:10]``."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.cell:
            parts.append(self.cell)
        else:
            if self.sheet is not None:
                parts.append(f"{self.sheet}!")
            if self.table is not None:
                parts.append(f"表格#{self.table + 1}")
            if self.row is not None and self.col is not None:
                parts.append(f"R{self.row + 1}C{self.col + 1}")
        if self.paragraph is not None:
            parts.append(f"段{self.paragraph + 1}")
            if self.span is not None:
                parts.append(f"[{self.span[0]}:{self.span[1]}]")
        return " ".join(parts)

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in attrs.asdict(self).items() if v is not None}


col_letters = _col_letters
