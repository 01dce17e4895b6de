"""Input limits: what a file may cost before it is refused, checked before anything is inflated.

Disclosures come from thousands of publishers and scrapers; a few files are built to hurt the
reader. Limits (all configurable with ``set_limits`` or the environment variables named below):

| limit | default | env |
|---|---|---|
| file size | 200 MB | JUESUAN_MAX_FILE_MB |
| uncompressed size of a zip package (.docx, .xlsx) | 512 MB | JUESUAN_MAX_UNZIPPED_MB |
| compression ratio of one member over 8 MB uncompressed | 200 | JUESUAN_MAX_RATIO |
| members in a zip package | 10,000 | JUESUAN_MAX_MEMBERS |
| cells in one document | 2,000,000 | JUESUAN_MAX_CELLS |
| PDF pages | 500 | JUESUAN_MAX_PAGES |

XML: python-docx parses with ``resolve_entities=False`` and openpyxl with defusedxml (a
dependency), so entity-expansion and external-entity attacks are refused by the parsers.
"""

from __future__ import annotations

import os
import zipfile
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
    directory alone: nothing is inflated here. Returns the member names (lower case)."""
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
    return {i.filename.lower() for i in infos}


def check_cells(path: Path, n_cells: int) -> None:
    if n_cells > _limits.max_cells:
        raise ReadError(path, Reason.TOO_LARGE, f"{n_cells} table cells (limit {_limits.max_cells})")
