"""Command line: ``python -m jueSuan reconcile FILE...`` and ``python -m jueSuan rules``.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 a file that could not be read,
or a usage or configuration error (one line on stderr naming the file and the reason, never a
traceback).
"""

from __future__ import annotations

import argparse
import enum
import logging
import sys
import warnings
from pathlib import Path

import attrs
from tabulate import tabulate

from .api import read
from .batch import Limits, default_jobs
from .batch import batch as run_batch
from .config import ConfigError
from .config import load as load_config
from .findings import Severity
from .grouping import read_grouped
from .models import Report
from .readers import ReadError
from .reconcile import default_rules, reconcile
from .render import Outcome
from .render.html import render_html
from .render.json import render_json
from .render.rules_doc import rules_markdown
from .render.text import render_summary, render_text

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2, 2
_READABLE = {".docx", ".xlsx", ".xls", ".pdf"}


class OutputFormat(str, enum.Enum):
    TEXT = "text"
    JSON = "json"
    HTML = "html"
    XLSX = "xlsx"


class FailOn(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NEVER = "never"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="jueSuan", description="Read and reconcile 部门决算 disclosures.")
    sub = p.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("reconcile", help="reconcile one report (several files make one report; "
                                           "a folder: each file in it is a report)")
    rec.add_argument("paths", nargs="+", metavar="FILE")
    rec.add_argument("--format", choices=[f.value for f in OutputFormat], default="text",
                     help="output format (default: text)")
    rec.add_argument("--fail-on", choices=[f.value for f in FailOn], default=None,
                     help="lowest severity that makes the exit code 1 (default: error, or the configuration's)")
    rec.add_argument("--output", "-o", help="write the output to this file instead of stdout")
    rec.add_argument("--select", action="append", default=[], metavar="RULES",
                     help="run only these rules (ids, id prefixes such as PF, or dotted names; comma-separated)")
    rec.add_argument("--ignore", action="append", default=[], metavar="RULES", help="do not run these rules")
    rec.add_argument("--config", help="a jueSuan.toml or pyproject.toml ([tool.jueSuan]) to use instead of the "
                                      "nearest one")
    rec.add_argument("--budget", metavar="FILE", help="the same year's 预算 of the unit: the 决算's 年初预算 figures are "
                                                    "checked against it")
    rec.add_argument("--previous", metavar="FILE", help="last year's 决算 of the unit: the 与上年相比 amounts are "
                                                      "checked against it")
    rec.add_argument("--one-report", action="store_true",
                     help="the files given are one report whatever they say (default: grouped by unit, year, kind)")
    b = sub.add_parser("batch", help="reconcile every file under the given paths, each file one report, in parallel")
    b.add_argument("paths", nargs="+", metavar="PATH")
    b.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: the number of cores)")
    b.add_argument("--out", help="write results to this .jsonl (one line per file) or .csv (one row per finding)")
    b.add_argument("--resume", action="store_true", help="skip the files already in --out")
    b.add_argument("--timeout", type=float, default=120.0, help="seconds allowed per file (default 120)")
    b.add_argument("--memory-mb", type=int, default=2048, help="memory limit per worker in MB (default 2048; 0: none)")
    b.add_argument("--engine", choices=["local", "dask"], default="local")
    b.add_argument("--scheduler", help="the Dask scheduler address (with --engine dask)")
    b.add_argument("--select", action="append", default=[], metavar="RULES")
    b.add_argument("--ignore", action="append", default=[], metavar="RULES")
    b.add_argument("--config")
    b.add_argument("--fail-on", choices=[f.value for f in FailOn], default=None)
    rules = sub.add_parser("rules", help="list every rule with its id and description")
    rules.add_argument("--format", choices=["text", "markdown"], default="text")
    return p


def _groups(paths: list[str]) -> list[tuple[str, list[str]]]:
    """Files given together make one report; a folder contributes one report per readable file."""
    files: list[str] = []
    groups: list[tuple[str, list[str]]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix.lower() in _READABLE:
                    groups.append((str(child), [str(child)]))
        else:
            files.append(p)
    if files:
        groups.insert(0, (" + ".join(files), files))
    return groups


def attach_budgets(outcomes: list[Outcome], budget_file: str | None, config: object) -> None:
    """Give each 决算 its 预算: the file of ``--budget``, or a 预算 of the same unit and year given
    beside it; the 决算 is then reconciled again with the cross-document rules."""
    from .grouping import same_unit

    budgets = [o.report for o in outcomes if o.report is not None and o.report.is_budget]
    if budget_file:
        try:
            budgets = [read(budget_file)]
        except ReadError as exc:
            print(f"jueSuan: --budget {exc}", file=sys.stderr)
            return
    for i, o in enumerate(outcomes):
        r = o.report
        if r is None or r.is_budget or r.kind is None:
            continue
        match = next((b for b in budgets if budget_file or (b.year == r.year and same_unit(b.unit_name, r.unit_name))),
                     None)
        if match is not None:
            r = attrs.evolve(r, budget=match)
            outcomes[i] = Outcome(o.label, r, reconcile(r, config))  # type: ignore[arg-type]


def attach_previous(outcomes: list[Outcome], previous_file: str, config: object) -> None:
    """Give each 决算 last year's 决算 (``--previous``) and reconcile it again."""
    try:
        previous = read(previous_file)
    except ReadError as exc:
        print(f"jueSuan: --previous {exc}", file=sys.stderr)
        return
    for i, o in enumerate(outcomes):
        if o.report is not None and not o.report.is_budget:
            r = attrs.evolve(o.report, previous=previous)
            outcomes[i] = Outcome(o.label, r, reconcile(r, config))  # type: ignore[arg-type]


def _read_one(label: str, files: list[str]) -> list[tuple[str, Report | ReadError]]:
    try:
        return [(label, read(*files))]
    except ReadError as exc:
        return [(label, exc)]


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _reconcile(args: argparse.Namespace) -> int:
    if args.format in (OutputFormat.XLSX.value, OutputFormat.HTML.value) and not args.output:
        print(f"jueSuan: --format {args.format} needs --output FILE", file=sys.stderr)
        return EXIT_USAGE
    try:
        config = load_config(args.config).with_cli(_split(args.select), _split(args.ignore))
    except ConfigError as exc:
        print(f"jueSuan: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    fail_on = args.fail_on or config.fail_on
    groups = _groups(args.paths)
    if not groups:
        print(f"jueSuan: no readable files in {', '.join(args.paths)}", file=sys.stderr)
        return EXIT_UNREADABLE
    outcomes: list[Outcome] = []
    for label, files in groups:
        for name, got in (read_grouped(files, args.one_report) if len(files) > 1 else _read_one(label, files)):
            if isinstance(got, ReadError):
                print(f"jueSuan: {got}", file=sys.stderr)
                outcomes.append(Outcome(name, error=got))
                continue
            outcomes.append(Outcome(name, got, reconcile(got, config)))
    attach_budgets(outcomes, args.budget, config)
    if args.previous:
        attach_previous(outcomes, args.previous, config)
    if args.format == OutputFormat.XLSX.value:
        from .render.xlsx import write_xlsx  # openpyxl is loaded only for an xlsx report

        write_xlsx(outcomes, args.output)
    else:
        text = {OutputFormat.JSON.value: render_json, OutputFormat.HTML.value: render_html}.get(
            args.format, render_text)(outcomes)
        if args.output:
            Path(args.output).write_text(text + "\n", encoding="utf-8")
        else:
            sys.stdout.write(text + "\n")
    if any(o.error is not None for o in outcomes):
        return EXIT_UNREADABLE
    if fail_on == FailOn.NEVER.value:
        return EXIT_OK
    threshold = Severity.parse(fail_on)
    failing = any(f.severity.rank >= threshold.rank for o in outcomes if o.findings for f in o.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    try:
        config = load_config(args.config).with_cli(_split(args.select), _split(args.ignore))
    except ConfigError as exc:
        print(f"jueSuan: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".jsonl", ".csv", ".json"):
        print("jueSuan: --out must end in .jsonl or .csv", file=sys.stderr)
        return EXIT_USAGE
    if args.resume and out is None:
        print("jueSuan: --resume needs --out", file=sys.stderr)
        return EXIT_USAGE
    if args.engine == "dask" and not args.scheduler:
        print("jueSuan: --engine dask needs --scheduler ADDRESS", file=sys.stderr)
        return EXIT_USAGE
    limits = Limits(args.timeout, args.memory_mb)
    summary = run_batch(args.paths, args.jobs or default_jobs(), out, args.resume, config, limits, args.engine,
                        args.scheduler, progress=sys.stderr.isatty())
    print(render_summary(summary))
    fail_on = args.fail_on or config.fail_on
    if summary.unreadable:
        return EXIT_UNREADABLE
    if fail_on == FailOn.NEVER.value:
        return EXIT_OK
    failing = sum(n for s, n in summary.by_severity.items() if Severity.parse(s).rank >= Severity.parse(fail_on).rank)
    return EXIT_FINDINGS if failing else EXIT_OK


def _rules(fmt: str) -> int:
    if fmt == "markdown":
        sys.stdout.write(rules_markdown())
        return EXIT_OK
    rows = [[r.id, r.name, r.severity.label, r.source, r.summary] for r in default_rules()]
    sys.stdout.write(tabulate(rows, headers=["id", "name", "severity", "RULES.md", "description"],
                              tablefmt="simple", disable_numparse=True) + "\n")
    return EXIT_OK


def _quiet_libraries() -> None:
    """What the libraries say about a damaged file (pdfminer's log warnings, Python warnings) stays
    off stderr: jueSuan reports each unreadable file itself, in one line."""
    logging.getLogger().addHandler(logging.NullHandler())
    warnings.simplefilter("ignore")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _quiet_libraries()
    try:
        if args.command == "rules":
            return _rules(args.format)
        if args.command == "batch":
            return _batch(args)
        return _reconcile(args)
    except BrokenPipeError:  # output piped into head
        return EXIT_OK
    except Exception as exc:  # never a traceback: one line, exit 2
        print(f"jueSuan: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
