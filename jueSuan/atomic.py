"""Atomic output: a file is written whole under a temporary name in its own folder, then renamed
over the target (``os.replace``), so that a reader never sees half a report, two runs writing the
same path leave one complete file, and a failed write (a full disk) leaves the old file untouched
and no temporary file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "write_atomic"]


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path next to ``target`` to write to; renamed to ``target`` when the block ends
    without an exception, removed otherwise."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with contextlib.suppress(OSError):  # keep the permissions an ordinary new file gets
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(target: str | Path, data: str | bytes, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``target`` atomically (flushed to disk before the rename)."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_path(target) as tmp, open(tmp, "wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())
