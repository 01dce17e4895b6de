"""Read a legacy binary .xls (BIFF, an OLE compound file) with xlrd; cut by ``sheet`` like an .xlsx.

xlrd is opened with ``formatting_info=True``: only then does it give merged ranges, number formats
and borders. Formulas in .xls always carry their result, so there is nothing to report for them.
An .xlsx saved under the name .xls (a zip) is read as the .xlsx it is.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import xlrd
from xlrd.biffh import XL_CELL_BLANK, XL_CELL_BOOLEAN, XL_CELL_DATE, XL_CELL_EMPTY, XL_CELL_ERROR, XL_CELL_TEXT

from .base import Document, ReadError, Reason
from .sheet import OLE_MAGIC, SheetData, WorkbookBuilder, foreign_kind, format_value, read_head

__all__ = ["read_ole_workbook", "read_xls"]

_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # an encrypted .xlsx is an OLE file holding this


class _Styles:
    """Per XF index: (number format, bordered)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.cache: dict[int, tuple[str, bool]] = {}

    def get(self, xf_index: int) -> tuple[str, bool]:
        found = self.cache.get(xf_index)
        if found is None:
            try:
                xf = self.book.xf_list[xf_index]
                fmt_obj = self.book.format_map.get(xf.format_key)
                fmt = fmt_obj.format_str if fmt_obj is not None else "General"
                b = xf.border
                bordered = any((b.left_line_style, b.right_line_style, b.top_line_style, b.bottom_line_style))
            except (IndexError, AttributeError, KeyError):
                fmt, bordered = "General", False
            found = self.cache[xf_index] = (fmt or "General", bordered)
        return found


def _text(book: Any, ctype: int, value: Any, fmt: str) -> str:
    if ctype == XL_CELL_TEXT:
        return value
    if ctype == XL_CELL_BOOLEAN:
        return format_value(bool(value), fmt)
    if ctype == XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERROR!")
    if ctype == XL_CELL_DATE:
        try:
            if 0 <= value < 1:
                return xlrd.xldate.xldate_as_datetime(value, book.datemode).time().isoformat()
            return format_value(xlrd.xldate.xldate_as_datetime(value, book.datemode), fmt)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return format_value(value, "General")
    return format_value(value, fmt)


def _read_sheet(book: Any, sh: Any, styles: _Styles) -> SheetData:
    data = SheetData(sh.name)
    texts, bordered = data.texts, data.bordered
    for r in range(sh.nrows):
        types = sh.row_types(r)
        values = sh.row_values(r)
        for c, ctype in enumerate(types):
            if ctype == XL_CELL_EMPTY:
                continue
            fmt, has_border = styles.get(sh.cell_xf_index(r, c))
            if has_border:
                bordered.add((r, c))
            if ctype == XL_CELL_BLANK:
                continue
            text = _text(book, ctype, values[c], fmt)
            if text:
                texts[(r, c)] = text
    for rlo, rhi, clo, chi in sh.merged_cells:  # half-open ranges
        if rhi > rlo and chi > clo:
            data.merges.append((rlo, clo, rhi - 1, chi - 1))
    return data


def _cut_mid_sector(path: Path) -> bool:
    """An OLE file is a header plus whole sectors (512 or 4096 bytes); anything else was cut short."""
    try:
        with path.open("rb") as fh:
            header = fh.read(32)
        size = path.stat().st_size
    except OSError:
        return False
    shift = int.from_bytes(header[30:32], "little") if len(header) >= 32 else 9
    sector = 1 << shift if shift in (9, 12) else 512
    return size < sector or size % sector != 0


def _open_error(path: Path, exc: Exception, named: str) -> ReadError:
    msg = str(exc)
    low = msg.lower()
    if "encrypt" in low or "password" in low:
        return ReadError(path, Reason.ENCRYPTED, "password-protected (encrypted workbook)")
    try:
        encrypted_package = _ENCRYPTED_PACKAGE in path.read_bytes()
    except OSError:
        encrypted_package = False
    if encrypted_package:
        return ReadError(path, Reason.ENCRYPTED, "password-protected (an encrypted .xlsx)")
    if named == ".xlsx":
        return ReadError(path, Reason.ENCRYPTED, "password-protected (or a legacy .xls renamed .xlsx)")
    if _cut_mid_sector(path):
        return ReadError(path, Reason.TRUNCATED, "truncated .xls (the file ends inside a sector)")
    if "workbook" in low and "ole2" in low:
        return ReadError(path, Reason.WRONG_FORMAT, "an OLE file without a workbook (a Word .doc named .xls?)")
    if any(w in low for w in ("truncat", "eof", "beyond", "short", "not enough")):
        return ReadError(path, Reason.TRUNCATED, f"damaged or truncated .xls ({msg})")
    return ReadError(path, Reason.MALFORMED, f"not a readable .xls workbook ({type(exc).__name__}: {msg})")


def read_ole_workbook(path: Path, named: str = ".xls") -> Document:
    """Read an OLE compound file as a BIFF workbook (``named``: the extension the file came with)."""
    log = io.StringIO()
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, logfile=log, verbosity=0)
    except MemoryError:
        raise ReadError(path, Reason.TOO_LARGE, "the workbook does not fit in memory") from None
    except Exception as exc:  # xlrd.XLRDError, CompDocError, struct.error, IndexError on damaged files...
        raise _open_error(path, exc, named) from None
    try:
        builder = WorkbookBuilder(path.name)
        styles = _Styles(book)
        for sh in book.sheets():
            builder.add_sheet(_read_sheet(book, sh, styles))
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(path, Reason.MALFORMED, f"not a readable .xls workbook ({type(exc).__name__}: {exc})") from None
    finally:
        book.release_resources()
    return builder.document(str(path), "xls")


def read_xls(path: str | Path) -> Document:
    """Read an .xls into a ``Document``; raise ``ReadError`` with a reason for anything unreadable."""
    p = Path(path)
    head = read_head(p)
    if head.startswith(b"PK"):
        from .xlsx import read_xlsx  # an .xlsx saved under the name .xls

        return read_xlsx(p)
    if not head.startswith(OLE_MAGIC):
        raise ReadError(p, Reason.WRONG_FORMAT, f"not an .xls workbook ({foreign_kind(head)} saved as .xls)")
    return read_ole_workbook(p, ".xls")
