"""pytest support: ``assert_reconciled`` for pipelines that check scraped disclosures.

    from jueSuan.testing import assert_reconciled

    def test_disclosure():
        assert_reconciled("downloads/2023/some-unit.pdf", ignore=("NR009",), fail_on="error")
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .api import read
from .config import Config
from .findings import Findings, Severity
from .models import Report
from .reconcile import reconcile
from .render import Outcome
from .render.text import render_text


def check(path_or_report: str | Path | Report | Iterable[str | Path], ignore: Iterable[str] = (),
          config: Config | None = None) -> tuple[Report, Findings]:
    """Read (unless given a Report) and reconcile; the rules in ``ignore`` are not run."""
    if isinstance(path_or_report, Report):
        report = path_or_report
    elif isinstance(path_or_report, str | Path):
        report = read(path_or_report)
    else:
        report = read(*path_or_report)
    cfg = (config or Config()).with_cli(ignore=tuple(ignore))
    return report, reconcile(report, cfg)


def assert_reconciled(path_or_report: str | Path | Report | Iterable[str | Path], ignore: Iterable[str] = (),
                      fail_on: str = "error", config: Config | None = None) -> Findings:
    """Fail (AssertionError) when the disclosure has a finding at or above ``fail_on`` ("error" or
    "warning"); the message is the readable table of those findings. Returns the findings.

    A file that cannot be read raises ``jueSuan.ReadError``: a broken download is not a pass."""
    threshold = Severity.parse(fail_on)
    report, findings = check(path_or_report, ignore, config)
    bad = findings.filter(at_least=threshold)
    if len(bad):
        label = " + ".join(report.sources)
        text = render_text([Outcome(label, report, bad)])
        raise AssertionError(f"{len(bad)} finding(s) at or above {fail_on} in {label}:\n{text}")
    return findings


__all__ = ["assert_reconciled", "check"]
