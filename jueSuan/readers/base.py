"""What every reader shares: why a file could not be read (``Reason``, ``ReadError``), and the ``Document``
of paragraphs and grids of located cells it returns (defined in the core module ``jueSuan.document``,
re-exported here)."""

from __future__ import annotations

import enum
from pathlib import Path

from ..document import Block, Cell, Document, Grid, Paragraph, Problem, make_grid

__all__ = ["Block", "Cell", "Document", "Grid", "Paragraph", "Problem", "ReadError", "Reason", "make_grid", "one_line"]


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
