"""Formats for pipelines: JSON lines, SARIF 2.1.0 (code-scanning tools), JUnit XML (CI test reports)
and GitHub Actions workflow commands. Each finding keeps its rule id, severity, Chinese message and
where its figures are printed; read errors are reported too, never dropped."""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..config import Config, selected
from ..findings import Finding, Severity
from . import Outcome, read_error_text

_SARIF_LEVEL = {Severity.INTERNAL: "error", Severity.ERROR: "error", Severity.WARNING: "warning", Severity.ROUNDING: "note",
                Severity.INFO: "note", Severity.UNCHECKED: "note"}
_GITHUB_LEVEL = {Severity.INTERNAL: "error", Severity.ERROR: "error", Severity.WARNING: "warning", Severity.ROUNDING: "notice",
                 Severity.INFO: "notice", Severity.UNCHECKED: "notice"}


def _file(f: Finding, o: Outcome) -> str:
    first = next((t.ref.file for t in f.terms), None)
    if first and o.report is not None:
        return next((s for s in o.report.sources if s.endswith(first)), first)
    return o.report.sources[0] if o.report is not None and o.report.sources else o.label


def render_jsonl(outcomes: list[Outcome]) -> str:
    """One JSON object a line: each finding with its report, or a report's read error."""
    lines: list[str] = []
    for o in outcomes:
        if o.error is not None:
            lines.append(json.dumps({"report": o.label, "error": {"file": o.error.path, "reason": o.error.reason.value,
                                                                  "message": o.error.detail}}, ensure_ascii=False))
            continue
        for f in o.findings or ():
            lines.append(json.dumps({"report": o.label, "file": _file(f, o), **f.to_dict()}, ensure_ascii=False))
    return "\n".join(lines)


def _sarif_result(f: Finding, o: Outcome) -> dict[str, Any]:
    locations = []
    for t in f.terms:
        region: dict[str, Any] = {}
        if t.ref.page is not None:
            region["properties"] = {"page": t.ref.page}
        loc: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": {"uri": _file(f, o) if t.ref.file in _file(f, o) else t.ref.file}},
            "logicalLocations": [{"fullyQualifiedName": t.ref.where(), "kind": "element"}],
            "message": {"text": f"{t.label} {t.printed}"},
        }
        if region:
            loc["physicalLocation"]["region"] = region
        locations.append(loc)
    return {
        "ruleId": f.rule,
        "level": _SARIF_LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": locations[:1] or [{"physicalLocation": {"artifactLocation": {"uri": _file(f, o)}}}],
        "relatedLocations": [{"id": i, **loc} for i, loc in enumerate(locations[1:], 1)],
        "properties": {"severity": f.severity.label, "table": f.table, "line": f.line,
                       **{k: v for k, v in f.to_dict().items() if k in ("left", "right", "difference", "bound", "unit")}},
    }


def render_sarif(outcomes: list[Outcome]) -> str:
    from .. import __version__
    from ..reconcile import default_rules

    rules = [{"id": r.id, "name": r.name, "shortDescription": {"text": r.summary},
              "fullDescription": {"text": r.doc or r.summary},
              "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]}} for r in default_rules()]
    results = [_sarif_result(f, o) for o in outcomes for f in (o.findings or ())]
    notifications = [{"level": "error", "message": {"text": read_error_text(o.error)},
                      "descriptor": {"id": o.error.reason.value}} for o in outcomes if o.error is not None]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "jueSuan", "version": __version__, "informationUri": "https://github.com/",
                            "rules": rules}},
        "results": results,
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
    }
    doc = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2)


def render_junit(outcomes: list[Outcome], config: Config | None = None, fail_on: str = "error") -> str:
    """A test suite per report, a test case per rule run: failed when the rule has findings at or
    above ``fail_on``, skipped when it did not apply; an unreadable file is an error case."""
    from ..reconcile import default_rules

    config = config or Config()
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    rules = [r for r in default_rules() if selected(config, r.id, r.name)]
    suites: list[str] = []
    for o in outcomes:
        name = quoteattr(o.label)
        if o.error is not None:
            suites.append(f'<testsuite name={name} tests="1" failures="0" errors="1" skipped="0">'
                          f'<testcase classname={name} name="read"><error message={quoteattr(read_error_text(o.error))}'
                          f' type={quoteattr(o.error.reason.value)}/></testcase></testsuite>')
            continue
        findings = list(o.findings or ())
        skipped = {n.rule: n.reason for n in (o.findings.not_applicable if o.findings else ())}
        cases, failures = [], 0
        for r in rules:
            mine = [f for f in findings if f.rule == r.id]
            bad = [f for f in mine if threshold is not None and f.severity.rank >= threshold.rank]
            body = ""
            if r.id in skipped:
                body = f"<skipped message={quoteattr(skipped[r.id])}/>"
            elif bad:
                failures += 1
                text = "\n".join(f"[{f.severity.label}] {f.message}\n  " + "\n  ".join(
                    f"{t.printed} {t.ref.where()}" for t in f.terms) for f in bad)
                body = f"<failure message={quoteattr(bad[0].message)} type={quoteattr(r.id)}>{escape(text)}</failure>"
            if mine and not bad:
                body += "<system-out>" + escape("\n".join(f"[{f.severity.label}] {f.message}" for f in mine)) + \
                        "</system-out>"
            cases.append(f'<testcase classname={name} name={quoteattr(f"{r.id} {r.name}")}>{body}</testcase>')
        suites.append(f'<testsuite name={name} tests="{len(cases)}" failures="{failures}" errors="0" '
                      f'skipped="{sum(r.id in skipped for r in rules)}">{"".join(cases)}</testsuite>')
    return '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="jueSuan">' + "".join(suites) + "</testsuites>"


def _gh(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(outcomes: list[Outcome]) -> str:
    """GitHub Actions annotations: ``::error file=…,title=XT007 …::message (where)`` (info left out)."""
    lines: list[str] = []
    for o in outcomes:
        if o.error is not None:
            lines.append(f"::error file={_gh(o.error.path, True)},title={_gh('jueSuan ' + o.error.reason.value, True)}"
                         f"::{_gh(read_error_text(o.error))}")
            continue
        for f in o.findings or ():
            if f.severity is Severity.INFO:
                continue
            where = "；".join(dict.fromkeys(t.ref.where() for t in f.terms))
            title = f"jueSuan {f.rule} {f.severity.label}"
            lines.append(f"::{_GITHUB_LEVEL[f.severity]} file={_gh(_file(f, o), True)},title={_gh(title, True)}"
                         f"::{_gh(f.message + (f'（{where}）' if where else ''))}")
    return "\n".join(lines)
