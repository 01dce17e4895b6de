"""What every reader returns: a ``Document`` of paragraphs and grids of located cells."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from pathlib import Path

import attrs

from ..source import SourceRef


class Reason(enum.Enum):
    """Why a file could not be read. The value is the stable reason code."""

    NOT_FOUND = "not-found"
    UNSUPPORTED_FORMAT = "unsupported-format"
    WRONG_FORMAT = "wrong-format"  # not what its name says (HTML saved as .docx, a text file...)
    TRUNCATED = "truncated"
    ENCRYPTED = "encrypted"
    EMPTY = "empty"
    NO_TABLES = "no-tables"
    NO_RECOGNISED_TABLE = "no-recognised-table"
    MALFORMED = "malformed"
    NO_TEXT_LAYER = "no-text-layer"  # a scanned PDF: pictures of pages, no text to read
    TOO_LARGE = "too-large"
    NOT_A_FILE = "not-a-file"  # a FIFO, a device, a socket, a symbolic link loop: refused before opening
    TIMEOUT = "timeout"  # not finished within the time limit
    CRASHED = "crashed"  # the process reading it died (a native crash)


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}
_CONTROL.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029",
                 0x85: "\\x85"})


def one_line(text: str) -> str:
    """``text`` safe for a one-line message: control characters and line breaks (from a file name,
    say) escaped as ``\\n``, ``\\x1b``..., never written raw to a terminal or a log line."""
    return text.translate(_CONTROL)


class ReadError(Exception):
    """A file that could not be read; ``str()`` is the one-line message for the user."""

    def __init__(self, path: str | Path, reason: Reason, detail: str) -> None:
        self.path = str(path)
        self.reason = reason
        self.detail = " ".join(detail.split())  # one line, whatever a library's message held
        super().__init__(f"{one_line(self.path)}: {one_line(self.detail)} [{reason.value}]")

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, Reason, str]]:
        return (ReadError, (self.path, self.reason, self.detail))  # sent back from a child process


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
