"""Readers: a file in, a ``Document`` of paragraphs and located grids out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .base import Cell, Document, Grid, Paragraph, ReadError, Reason
from .docx import read_docx
from .pdf import read_pdf
from .safety import check_file_size
from .workbooks import read_xls, read_xlsx

__all__ = ["Cell", "Document", "Grid", "Paragraph", "Problem", "ReadError", "Reason", "read_document"]

_READERS: dict[str, Callable[[str | Path], Document]] = {".docx": read_docx, ".xlsx": read_xlsx, ".xls": read_xls,
                                                      ".pdf": read_pdf}

_KNOWN_UNSUPPORTED = {
    ".doc": "legacy Word .doc (save it as .docx)",
    ".wps": "WPS document (save it as .docx)",
    ".et": "WPS spreadsheet (save it as .xlsx)",
    ".rtf": "RTF document",
    ".png": "an image (scan); jueSuan reads text, not pictures",
    ".jpg": "an image (scan); jueSuan reads text, not pictures",
    ".jpeg": "an image (scan); jueSuan reads text, not pictures",
    ".tif": "an image (scan); jueSuan reads text, not pictures",
    ".tiff": "an image (scan); jueSuan reads text, not pictures",
    ".txt": "plain text",
    ".html": "an HTML page",
    ".htm": "an HTML page",
}


def read_document(path: str | Path) -> Document:
    """Read one file with the reader its extension names; ``ReadError`` if it can't be read."""
    p = Path(path)
    if not p.exists():
        raise ReadError(p, Reason.NOT_FOUND, "no such file")
    if p.is_dir():
        raise ReadError(p, Reason.UNSUPPORTED_FORMAT, "is a folder, not a file")
    suffix = p.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is not None:
        check_file_size(p)
    if reader is None:
        what = _KNOWN_UNSUPPORTED.get(suffix, f"'{suffix or '(no extension)'}' files")
        readable = ", ".join(sorted(_READERS))
        raise ReadError(p, Reason.UNSUPPORTED_FORMAT, f"unsupported format: {what}; jueSuan reads {readable}")
    return reader(p)
