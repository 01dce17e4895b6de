"""Workbooks by what they are, not by their name: an .xlsx saved as .xls and a legacy .xls
renamed .xlsx are both common; each goes to the reader of its real format."""

from __future__ import annotations

from pathlib import Path

from .base import Document, ReadError, Reason
from .sniff import OLE_MAGIC, foreign_kind, read_head
from .xls import read_ole_workbook
from .xlsx import read_xlsx_package

__all__ = ["read_xls", "read_xlsx"]


def read_xlsx(path: str | Path) -> Document:
    """Read an .xlsx into a ``Document``; raise ``ReadError`` with a reason for anything unreadable."""
    p = Path(path)
    if read_head(p).startswith(OLE_MAGIC):
        return read_ole_workbook(p, named=".xlsx")  # a legacy .xls renamed .xlsx is read as what it is
    return read_xlsx_package(p)


def read_xls(path: str | Path) -> Document:
    """Read an .xls into a ``Document``; raise ``ReadError`` with a reason for anything unreadable."""
    p = Path(path)
    head = read_head(p)
    if head.startswith(b"PK"):
        return read_xlsx_package(p)  # an .xlsx saved under the name .xls
    if not head.startswith(OLE_MAGIC):
        raise ReadError(p, Reason.WRONG_FORMAT, f"not an .xls workbook ({foreign_kind(head)} saved as .xls)")
    return read_ole_workbook(p, ".xls")
