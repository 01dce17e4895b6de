"""Read a legacy binary .xls (BIFF, an OLE compound file) with xlrd; cut by ``sheet`` like an .xlsx.

xlrd is opened with ``formatting_info=True``: only then does it give merged ranges, number formats
and borders. Formulas in .xls always carry their result, so there is nothing to report for them.
An .xlsx saved under the name .xls (a zip) is read as the .xlsx it is.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import xlrd
from xlrd.biffh import XL_CELL_BLANK, XL_CELL_BOOLEAN, XL_CELL_DATE, XL_CELL_EMPTY, XL_CELL_ERROR, XL_CELL_TEXT

from .base import Document, ReadError, Reason
from .numfmt import CELL_ERROR, format_value
from .safety import TextBudget
from .sheet import SheetData, WorkbookBuilder

__all__ = ["read_ole_workbook"]

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


def _read_sheet(book: Any, sh: Any, styles: _Styles, text_budget: TextBudget | None = None) -> SheetData:
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
            if text_budget is not None:
                text_budget.take(len(text))  # one shared string printed by many cells
            if ctype == XL_CELL_ERROR or (isinstance(values[c], float) and not math.isfinite(values[c])):
                data.errors.append((r, c, text, CELL_ERROR))
            if text:
                texts[(r, c)] = text
    for rlo, rhi, clo, chi in sh.merged_cells:  # half-open ranges
        if rhi > rlo and chi > clo:
            data.merges.append((rlo, clo, rhi - 1, chi - 1))
    return data


_FREE, _SPECIAL = 0xFFFFFFFF, 0xFFFFFFFA  # sector ids from 0xFFFFFFFA up mark chain ends, FAT sectors...


def _cut_short(path: Path) -> bool:
    """An OLE file is a header plus whole sectors (512 or 4096 bytes). It was cut short when its size
    is not a whole number of sectors, or when its header or its allocation table (FAT) names a
    sector past its end (cut at a sector boundary)."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if len(data) < 512:
        return True
    shift = int.from_bytes(data[30:32], "little")
    sector = 1 << shift if shift in (9, 12) else 512
    if len(data) % sector != 0:
        return True
    if data[28:30] != b"\xfe\xff" or shift not in (9, 12):
        return False  # not a sound header: nothing more to tell from it
    n = len(data) // sector - 1  # sectors after the header (which fills the first one)

    def u32(offset: int) -> int:
        return int.from_bytes(data[offset:offset + 4], "little")

    fat_sectors = [u32(76 + 4 * i) for i in range(min(u32(44), 109))]
    named = [u32(48), *fat_sectors, u32(60), u32(68)]  # directory, FAT, mini FAT, DIFAT
    if any(_SPECIAL > s >= n for s in named):
        return True
    per_sector = sector // 4
    for k, s in enumerate(fat_sectors):
        start = (s + 1) * sector
        for j in range(per_sector):
            entry = u32(start + 4 * j)  # the entry of sector k * per_sector + j: free, or in use
            if entry != _FREE and (k * per_sector + j >= n or _SPECIAL > entry >= n):
                return True
    return False


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
    if _cut_short(path):
        return ReadError(path, Reason.TRUNCATED, "truncated .xls (the file ends before its last sector)")
    if "workbook" in low and "ole2" in low:
        return ReadError(path, Reason.WRONG_FORMAT, "an OLE file without a workbook (a Word .doc named .xls?)")
    if any(w in low for w in ("truncat", "eof", "beyond", "short", "not enough")):
        return ReadError(path, Reason.TRUNCATED, f"damaged or truncated .xls ({msg})")
    return ReadError(path, Reason.MALFORMED, f"not a readable .xls workbook ({type(exc).__name__}: {msg})")


def read_ole_workbook(path: Path, named: str = ".xls") -> Document:
    """Read an OLE compound file as a BIFF workbook (``named``: the extension the file came with)."""
    log = io.StringIO()
    try:
        # ragged rows: a row holds its own cells only, not padded to the widest row (one cell at IV65536
        # would otherwise make 16 million)
        book = xlrd.open_workbook(str(path), formatting_info=True, logfile=log, verbosity=0, ragged_rows=True)
    except MemoryError:
        raise ReadError(path, Reason.TOO_LARGE, "the workbook does not fit in memory") from None
    except Exception as exc:  # xlrd.XLRDError, CompDocError, struct.error, IndexError on damaged files...
        raise _open_error(path, exc, named) from None
    try:
        builder = WorkbookBuilder(path.name, path)
        styles = _Styles(book)
        text_budget = TextBudget(path)
        for sh in book.sheets():
            builder.add_sheet(_read_sheet(book, sh, styles, text_budget))
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(path, Reason.MALFORMED, f"not a readable .xls workbook ({type(exc).__name__}: {exc})") from None
    finally:
        book.release_resources()
    return builder.document(str(path), "xls")
