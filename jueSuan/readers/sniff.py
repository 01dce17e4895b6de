"""What a file is, from its first bytes (the workbook readers' sniffing)."""

from __future__ import annotations

from pathlib import Path

from .base import ReadError, Reason

__all__ = ["OLE_MAGIC", "foreign_kind", "read_head"]


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_head(path: Path, size: int = 2048) -> bytes:
    """The first bytes of the file; ``ReadError`` NOT_FOUND / EMPTY when there are none."""
    try:
        with path.open("rb") as fh:
            head = fh.read(size)
    except OSError as exc:
        raise ReadError(path, Reason.NOT_FOUND, f"cannot open file ({exc.strerror})") from None
    if not head:
        raise ReadError(path, Reason.EMPTY, "the file is empty")
    return head


def foreign_kind(head: bytes) -> str:
    """What a file that is neither a zip nor an OLE compound file is, in a few words."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(codec, "ignore").encode("utf-8", "ignore")
            break
    s = head.lstrip().lower()
    if s.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<meta", b"<body", b"<style")):
        return "an HTML page"
    if s.startswith(b"<?xml") or s.startswith(b"<workbook"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in s or b"<workbook" in s:
            return "an XML Spreadsheet 2003 file"
        if b"<html" in s:
            return "an HTML page"
        return "an XML file"
    if s.startswith(b"mime-version") or b"multipart/related" in s[:400]:
        return "a web archive (.mht)"
    if s.startswith(b"%pdf"):
        return "a PDF file"
    if s.startswith(b"{\\rtf"):
        return "an RTF document"
    if b"\x00" not in head[:512]:
        return "a text file"
    return "not a spreadsheet file"
