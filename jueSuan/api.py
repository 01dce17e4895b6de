"""The public entry points: ``read`` files into a ``Report``; ``reconcile`` it into ``Findings``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs

from .builders import build_report
from .models import Report
from .readers import Document, ReadError, Reason, read_document


def read(*paths: str | Path) -> Report:
    """Read one disclosure, possibly spread over several files, into a ``Report``.

    Raises ``ReadError`` (with ``.reason``) for a file that cannot be read, and for a set of
    files in which no table at all, or no recognisable 决算 table, was found. A 预算 narrative
    given without its tables (Jiangsu publishes them as two files) is read: the report says that
    its tables were not given (``missing_parts``).
    """
    if not paths:
        raise ValueError("read() needs at least one path")
    return report_of([read_document(p) for p in paths])


def report_of(docs: Sequence[Document]) -> Report:
    """The report of documents already read (one disclosure, one or several files)."""
    names = ", ".join(str(d.path) for d in docs)
    has_text = any(p.text.strip() for d in docs for p in d.paragraphs)
    if not any(d.grids for d in docs):
        report = build_report(list(docs)) if has_text else None
        if report is not None and report.is_budget:
            return attrs.evolve(report, missing_parts=("预算表",))
        raise ReadError(names, Reason.NO_TABLES, "no tables found in the document")
    report = build_report(list(docs))
    if not report.tables and not report.evaluations:
        if report.is_budget and has_text:
            return attrs.evolve(report, missing_parts=("预算表",))
        raise ReadError(names, Reason.NO_RECOGNISED_TABLE,
                        f"{sum(len(d.grids) for d in docs)} table(s) found but none is a recognisable 决算 table")
    return report
