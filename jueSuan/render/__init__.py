"""Renderers: one reconciled report (or a read error) to text or JSON."""

from __future__ import annotations

import attrs

from ..findings import Findings
from ..models import Report
from ..readers import ReadError


@attrs.frozen
class Outcome:
    """One report's result: either the report and its findings, or the error that stopped it."""

    label: str
    report: Report | None = None
    findings: Findings | None = None
    error: ReadError | None = None
