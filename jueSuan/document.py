"""What every reader returns and the builders read: a ``Document`` of paragraphs and grids of located cells.

Core types (no format library, nothing of the layers above): the readers make them, the models keep them
(``Report.documents``), the builders and a few rules read them.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from .source import SourceRef


@attrs.frozen
class Cell:
    """One grid position. ``origin`` is set when the position is covered by a merged cell that
    starts elsewhere (its text is then a copy of the origin's text)."""

    text: str
    ref: SourceRef
    origin: tuple[int, int] | None = None

    @property
    def is_merge_copy(self) -> bool:
        return self.origin is not None


@attrs.frozen
class Paragraph:
    index: int
    text: str
    ref: SourceRef


@attrs.frozen
class Grid:
    """A table as a rectangular grid (short rows padded with blank cells)."""

    index: int
    rows: tuple[tuple[Cell, ...], ...]
    ref: SourceRef

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def row_texts(self, r: int) -> list[str]:
        return [c.text for c in self.rows[r]]

    def distinct_cells(self, r: int) -> Iterator[Cell]:
        """Cells of row ``r`` without horizontal merge copies."""
        for c in self.rows[r]:
            if c.origin is None or c.origin[0] != r:
                yield c


Block = Paragraph | Grid


@attrs.frozen
class Problem:
    """Something a reader found but could not read faithfully (a formula without its cached
    value, an image where a table should be...). It is reported, never dropped."""

    ref: SourceRef
    reason: str
    text: str = ""


@attrs.frozen
class Document:
    """A file as read: paragraphs and grids in reading order, and the problems met on the way."""

    path: str
    blocks: tuple[Block, ...]
    format: str
    problems: tuple[Problem, ...] = ()

    @property
    def grids(self) -> tuple[Grid, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Grid))

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))


def make_grid(index: int, raw_rows: list[list[Cell]], ref: SourceRef) -> Grid:
    """Pad rows to the widest one with blank cells so every row has the same length."""
    width = max((len(r) for r in raw_rows), default=0)
    rows: list[tuple[Cell, ...]] = []
    for r, cells in enumerate(raw_rows):
        padded = list(cells)
        for c in range(len(cells), width):
            padded.append(Cell("", ref.at(r, c)))
        rows.append(tuple(padded))
    return Grid(index, tuple(rows), ref)
