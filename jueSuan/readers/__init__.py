"""Readers: a file in, a ``Document`` of paragraphs and located grids out."""

from __future__ import annotations

import errno
import importlib
import os
import stat
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


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def check_regular_file(p: Path) -> None:
    """Refuse at once, before opening it, anything that is not a regular file: a FIFO would block
    the read forever, a device (/dev/zero linked as .pdf) never ends, a link loop never resolves."""
    try:
        st = os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError(p, Reason.NOT_A_FILE, "a symbolic link loop") from None
        if exc.errno == errno.ENOENT:
            if os.path.islink(p):
                raise ReadError(p, Reason.NOT_FOUND, f"a dangling symbolic link (to {os.readlink(p)})") from None
            raise ReadError(p, Reason.NOT_FOUND, "no such file") from None
        raise ReadError(p, Reason.NOT_FOUND, f"cannot open file ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(p, Reason.UNSUPPORTED_FORMAT, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        what = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
        raise ReadError(p, Reason.NOT_A_FILE, f"{what}, not a regular file; refused without reading")


def read_document(path: str | Path) -> Document:
    """Read one file with the reader its extension names; ``ReadError`` if it can't be read."""
    p = Path(path)
    check_regular_file(p)
    suffix = p.suffix.lower()
    if suffix in _READERS:
        check_file_size(p)
    reader = reader_for(suffix)
    if reader is None:
        what = _KNOWN_UNSUPPORTED.get(suffix, f"'{suffix or '(no extension)'}' files")
        readable = ", ".join(sorted(_READERS))
        raise ReadError(p, Reason.UNSUPPORTED_FORMAT, f"unsupported format: {what}; jueSuan reads {readable}")
    return reader(p)
