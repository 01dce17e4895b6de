"""The public entry points: ``read`` files into a ``Report``; ``reconcile`` it into ``Findings``."""

from __future__ import annotations

from pathlib import Path

from .builders import build_report
from .models import Report
from .readers import Document, ReadError, Reason, read_document


def read(*paths: str | Path) -> Report:
    """Read one disclosure, possibly spread over several files, into a ``Report``.

    Raises ``ReadError`` (with ``.reason``) for a file that cannot be read, and for a set of
    files in which no table at all, or no recognisable 决算 table, was found.
    """
    if not paths:
        raise ValueError("read() needs at least one path")
    docs: list[Document] = [read_document(p) for p in paths]
    if not any(d.grids for d in docs):
        names = ", ".join(str(p) for p in paths)
        raise ReadError(names, Reason.NO_TABLES, "no tables found in the document")
    report = build_report(docs)
    if not report.tables and not report.evaluations:
        names = ", ".join(str(p) for p in paths)
        raise ReadError(names, Reason.NO_RECOGNISED_TABLE,
                        f"{sum(len(d.grids) for d in docs)} table(s) found but none is a recognisable 决算 table")
    return report
