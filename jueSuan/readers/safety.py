"""Input limits: what a file may cost before it is refused, checked before anything is inflated.

Disclosures come from thousands of publishers and scrapers; a few files are built to hurt the
reader. Limits (all configurable with ``set_limits`` or the environment variables named below):

| limit | default | env |
|---|---|---|
| file size | 200 MB | JUESUAN_MAX_FILE_MB |
| uncompressed size of a zip package (.docx, .xlsx), or of all the streams of a PDF | 512 MB | JUESUAN_MAX_UNZIPPED_MB |
| compression ratio of one member over 8 MB uncompressed | 200 | JUESUAN_MAX_RATIO |
| members in a zip package | 10,000 | JUESUAN_MAX_MEMBERS |
| cells in one document | 2,000,000 | JUESUAN_MAX_CELLS |
| PDF pages | 500 | JUESUAN_MAX_PAGES |
| PDF drawing operations (content and forms counted each time drawn) | 5,000,000 | JUESUAN_MAX_PDF_OPS |

A zip package is judged from its central directory before anything is inflated; then every member is
inflated once, in bounded memory, to check that it is no larger than its directory entry says (a
member that lies about its size would otherwise be inflated whole by ``zipfile.read``). Cells are
counted while the grids are built (``CellBudget``), so a table that would be too large is refused
before its cells exist (a ``gridSpan`` of a billion, a merge over a whole sheet).

XML: python-docx parses with ``resolve_entities=False`` (and libxml2 caps entity amplification) and
openpyxl with defusedxml (a dependency), so entity-expansion and external-entity attacks are refused
by the parsers.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from pathlib import Path

import attrs

from .base import ReadError, Reason


def _env(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@attrs.frozen
class InputLimits:
    max_file_mb: int = attrs.field(factory=lambda: _env("JUESUAN_MAX_FILE_MB", 200))
    max_unzipped_mb: int = attrs.field(factory=lambda: _env("JUESUAN_MAX_UNZIPPED_MB", 512))
    max_ratio: int = attrs.field(factory=lambda: _env("JUESUAN_MAX_RATIO", 200))
    max_members: int = attrs.field(factory=lambda: _env("JUESUAN_MAX_MEMBERS", 10_000))
    max_cells: int = attrs.field(factory=lambda: _env("JUESUAN_MAX_CELLS", 2_000_000))
    max_pages: int = attrs.field(factory=lambda: _env("JUESUAN_MAX_PAGES", 500))
    max_pdf_ops: int = attrs.field(factory=lambda: _env("JUESUAN_MAX_PDF_OPS", 5_000_000))


_limits = InputLimits()


def limits() -> InputLimits:
    return _limits


def set_limits(new: InputLimits) -> InputLimits:
    """Replace the limits; returns the previous ones."""
    global _limits
    old, _limits = _limits, new
    return old


def check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > _limits.max_file_mb * 1024 * 1024:
        raise ReadError(path, Reason.TOO_LARGE,
                        f"file of {size / 1048576:.0f} MB exceeds the {_limits.max_file_mb} MB limit")


def check_zip(path: Path) -> set[str]:
    """Refuse a zip package that would inflate beyond the limits (a zip bomb), from its central
    directory alone: nothing is inflated until it has passed. Then check that no member inflates
    to more than its entry declares. Returns the member names (lower case)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ReadError(path, Reason.TRUNCATED, f"damaged or truncated zip archive ({exc})") from None
    if len(infos) > _limits.max_members:
        raise ReadError(path, Reason.TOO_LARGE, f"zip package with {len(infos)} members (limit {_limits.max_members})")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 8 * 1024 * 1024 and info.file_size / max(1, info.compress_size) > _limits.max_ratio:
            raise ReadError(path, Reason.TOO_LARGE,
                            f"zip member {info.filename} inflates {info.file_size // max(1, info.compress_size)}-fold "
                            f"to {info.file_size / 1048576:.0f} MB (a zip bomb?)")
    if total > _limits.max_unzipped_mb * 1024 * 1024:
        raise ReadError(path, Reason.TOO_LARGE,
                        f"zip package inflates to {total / 1048576:.0f} MB (limit {_limits.max_unzipped_mb} MB)")
    _check_declared_sizes(path, infos)
    return {i.filename.lower() for i in infos}


_CHUNK = 1 << 16


def _check_declared_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Inflate every deflated member in chunks and refuse the package when one yields more than
    its directory entry declares: ``zipfile`` trusts that size and, asked for a whole member,
    inflates everything the data holds in one piece (4 KB declared can be 400 MB inflated)."""
    try:
        with path.open("rb") as fh:
            for info in infos:
                if info.flag_bits & 0x1:
                    raise ReadError(path, Reason.ENCRYPTED, f"zip member {info.filename} is password-protected")
                if info.compress_type == zipfile.ZIP_STORED:
                    continue  # read as stored: never more than its compressed size
                if info.compress_type != zipfile.ZIP_DEFLATED:
                    raise ReadError(path, Reason.MALFORMED, f"zip member {info.filename} uses compression method "
                                                            f"{info.compress_type}, which Office packages never use")
                fh.seek(info.header_offset)
                head = fh.read(30)
                if len(head) < 30 or head[:4] != b"PK\x03\x04":
                    raise ReadError(path, Reason.TRUNCATED, f"damaged zip archive (no local header for {info.filename})")
                name_len, extra_len = struct.unpack("<HH", head[26:30])
                fh.seek(info.header_offset + 30 + name_len + extra_len)
                inflater = zlib.decompressobj(-15)
                left, out, pending = info.compress_size, 0, b""
                while not inflater.eof:
                    if not pending and left > 0:
                        pending = fh.read(min(_CHUNK, left))
                        if not pending:
                            raise ReadError(path, Reason.TRUNCATED, f"zip member {info.filename} is cut short")
                        left -= len(pending)
                    produced = inflater.decompress(pending, _CHUNK)
                    pending = inflater.unconsumed_tail
                    out += len(produced)
                    if out > info.file_size:
                        raise ReadError(path, Reason.MALFORMED,
                                        f"zip member {info.filename} inflates to more than the {info.file_size} "
                                        "bytes it declares (a disguised zip bomb?)")
                    if not produced and not pending and left <= 0:
                        break  # the data ends before the deflate stream does: zipfile reports it
    except zlib.error as exc:
        raise ReadError(path, Reason.TRUNCATED, f"damaged zip member ({exc})") from None
    except OSError as exc:
        raise ReadError(path, Reason.TRUNCATED, f"damaged or truncated zip archive ({exc})") from None


class CellBudget:
    """The cells of one document, counted as its grids are built: ``take`` refuses the document
    (``TOO_LARGE``) as soon as the count goes over the cell limit, before those cells are made."""

    def __init__(self, path: str | Path, what: str = "table cells") -> None:
        self.path = path
        self.what = what
        self.limit = _limits.max_cells
        self.used = 0

    def take(self, n: int) -> None:
        self.used += n
        if self.used > self.limit:
            raise ReadError(self.path, Reason.TOO_LARGE, f"more than {self.limit} {self.what} (limit {self.limit})")


class TextBudget:
    """The text the cells of one workbook print, counted as they are read. A shared string is
    stored once and may be printed by any number of cells: 5,000 cells pointing at one 1 MB string
    are 5 GB of text, from a package of a few KB. Refused (``TOO_LARGE``) past the inflated-size
    limit, which no honest workbook's printed text can exceed without such reuse."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.limit = _limits.max_unzipped_mb * 1024 * 1024
        self.used = 0

    def take(self, n_chars: int) -> None:
        self.used += n_chars
        if self.used > self.limit:
            raise ReadError(self.path, Reason.TOO_LARGE,
                            f"the cells print more than {_limits.max_unzipped_mb} MB of text (one shared string "
                            "reused by many cells?)")


def check_cells(path: Path, n_cells: int) -> None:
    if n_cells > _limits.max_cells:
        raise ReadError(path, Reason.TOO_LARGE, f"{n_cells} table cells (limit {_limits.max_cells})")
