"""Readers: a file in, a ``Document`` of paragraphs and located grids out."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from .base import Cell, Document, Grid, Paragraph, Problem, ReadError, Reason
from .safety import check_file_size

__all__ = ["Cell", "Document", "Grid", "Paragraph", "Problem", "ReadError", "Reason", "read_document"]

# Each reader module imports its format library (python-docx, openpyxl, xlrd, pdfplumber) at the top, so a
# reader is imported only when the first file of its format is read: `import jueSuan`, `--help` and a .docx
# run never pay for the PDF or workbook libraries.
_READERS: dict[str, tuple[str, str]] = {".docx": ("docx", "read_docx"), ".xlsx": ("workbooks", "read_xlsx"),
                                        ".xls": ("workbooks", "read_xls"), ".pdf": ("pdf", "read_pdf"),
                                        ".json": ("pagetext", "read_pagetext")}  # *.pages.json: page text + tables


def reader_for(suffix: str) -> Callable[[str | Path], Document] | None:
    """The reader function for a file extension (imported on first use), or None."""
    entry = _READERS.get(suffix.lower())
    if entry is None:
        return None
    module = importlib.import_module(f".{entry[0]}", __name__)
    return getattr(module, entry[1])  # type: ignore[no-any-return]

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
    if suffix in _READERS:
        check_file_size(p)
    reader = reader_for(suffix)
    if reader is None:
        what = _KNOWN_UNSUPPORTED.get(suffix, f"'{suffix or '(no extension)'}' files")
        readable = ", ".join(sorted(_READERS))
        raise ReadError(p, Reason.UNSUPPORTED_FORMAT, f"unsupported format: {what}; jueSuan reads {readable}")
    return reader(p)
