"""pytest support: ``assert_reconciled`` for pipelines that check scraped disclosures.

    from jueSuan.testing import assert_reconciled

    def test_disclosure():
        assert_reconciled("downloads/2023/some-unit.pdf", ignore=("NR009",), fail_on="error")

The configuration is the CLI's: ``[tool.jueSuan]`` in pyproject.toml or a ``jueSuan.toml``, found from
the disclosure's folder upward (then from the current folder), unless ``config`` is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .api import read
from .config import FAIL_ON, Config, ConfigError
from .config import load as load_config
from .findings import Findings, Severity
from .models import Report
from .reconcile import reconcile
from .render import Outcome
from .render.text import render_text

Source = str | Path | Report | Iterable[str | Path]


class ReconcileFailure(AssertionError):
    """The disclosure has findings at or above the threshold. Besides the readable table in the
    message, the findings are data: ``findings`` (a ``Findings``), ``failure_cases`` (one plain dict per
    finding: rule, severity, table, line, left, right, difference, bound, where…), ``report``."""

    def __init__(self, message: str, findings: Findings, report: Report) -> None:
        super().__init__(message)
        self.findings = findings
        self.report = report

    @property
    def failure_cases(self) -> list[dict[str, Any]]:
        rows = []
        for f in self.findings:
            row = f.to_dict()
            row["where"] = [t["where"] for t in row.pop("figures")]
            rows.append(row)
        return rows


def _folder(source: Source) -> Path | None:
    if isinstance(source, Report):
        first = source.sources[0] if source.sources else None
    elif isinstance(source, str | Path):
        first = source
    else:
        first = next(iter(source), None)  # type: ignore[arg-type]
    if first is None:
        return None
    p = Path(first)
    return p.parent if p.parent.is_dir() else None


def config_for(source: Source) -> Config:
    """The configuration that applies to a disclosure: the nearest ``jueSuan.toml`` or
    ``[tool.jueSuan]`` above its folder, else above the current folder, else the defaults."""
    folder = _folder(source)
    found = load_config(start=folder) if folder is not None else Config()
    return found if found.source or folder is None else load_config()


def check(path_or_report: Source, ignore: Iterable[str] = (), config: Config | None = None) -> tuple[Report, Findings]:
    """Read (unless given a Report) and reconcile; the rules in ``ignore`` are not run."""
    __tracebackhide__ = True
    if isinstance(path_or_report, Report):
        report = path_or_report
    elif isinstance(path_or_report, str | Path):
        report = read(path_or_report)
    else:
        path_or_report = list(path_or_report)
        report = read(*path_or_report)
    cfg = (config or config_for(path_or_report)).with_cli(ignore=tuple(ignore))
    return report, reconcile(report, cfg)


def assert_reconciled(path_or_report: Source, ignore: Iterable[str] = (), fail_on: str | None = None,
                      config: Config | None = None) -> Findings:
    """Fail (``ReconcileFailure``, an AssertionError) when the disclosure has a finding at or above
    ``fail_on`` (a severity, or "never"; default: the configuration's ``fail-on``, else "error"); the
    message is the readable table of those findings, the exception carries them as data. Returns
    the findings.

    A file that cannot be read raises ``jueSuan.ReadError``: a broken download is not a pass."""
    __tracebackhide__ = True
    if not isinstance(path_or_report, Report | str | Path):
        path_or_report = list(path_or_report)
    cfg = config or config_for(path_or_report)
    threshold = (fail_on or cfg.fail_on).lower()
    if threshold not in FAIL_ON:
        raise ConfigError(f"fail_on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    report, findings = check(path_or_report, ignore, cfg)
    if threshold == "never":
        return findings
    bad = findings.filter(at_least=Severity.parse(threshold))
    if len(bad):
        label = " + ".join(report.sources)
        text = render_text([Outcome(label, report, bad)], min_severity=Severity.UNCHECKED, color=False)
        raise ReconcileFailure(f"{label}：{len(bad)} 项不低于「{threshold}」的发现 "
                               f"({len(bad)} finding(s) at or above {threshold})\n{text}", bad, report)
    return findings


__all__ = ["ReconcileFailure", "assert_reconciled", "check", "config_for"]
