"""Command line: ``python -m jueSuan reconcile FILE...`` and ``python -m jueSuan rules``.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 a file that could not be read,
or a usage or configuration error (one line on stderr naming the file and the reason, never a
traceback).
"""

from __future__ import annotations

import argparse
import enum
import logging
import os
import sys
import warnings
from pathlib import Path

from tabulate import tabulate

from .atomic import atomic_path, write_atomic
from .batch import BatchInterrupted, Limits, OutputLocked, default_jobs
from .batch import batch as run_batch
from .config import ConfigError
from .config import load as load_config
from .findings import Severity
from .isolate import reconcile_bounded, work_limits
from .readers import ReadError
from .readers.base import one_line
from .reconcile import default_rules
from .render import Outcome
from .render.html import render_html
from .render.json import render_json
from .render.rules_doc import rules_markdown
from .render.text import render_summary, render_text

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2, 2
EXIT_INTERRUPTED = 130  # Ctrl-C: one line, the output left resumable
_READABLE = {".docx", ".xlsx", ".xls", ".pdf"}
_SLIM = {"text": True, "json": True}  # outputs that never show the documents as read (a faster return)


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
    _limit_options(rec)
    b = sub.add_parser("batch", help="reconcile every file under the given paths, each file one report, in parallel")
    b.add_argument("paths", nargs="+", metavar="PATH")
    b.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: the number of cores)")
    b.add_argument("--out", help="write results to this .jsonl (one line per file) or .csv (one row per finding)")
    b.add_argument("--resume", action="store_true", help="skip the files already in --out")
    _limit_options(b)
    b.add_argument("--retry-failed", action="store_true",
                   help="with --resume: check again the files recorded as worker-died or timeout")
    b.add_argument("--engine", choices=["local", "dask"], default="local")
    b.add_argument("--scheduler", help="the Dask scheduler address (with --engine dask)")
    b.add_argument("--select", action="append", default=[], metavar="RULES")
    b.add_argument("--ignore", action="append", default=[], metavar="RULES")
    b.add_argument("--config")
    b.add_argument("--fail-on", choices=[f.value for f in FailOn], default=None)
    rules = sub.add_parser("rules", help="list every rule with its id and description")
    rules.add_argument("--format", choices=["text", "markdown"], default="text")
    return p


def _limit_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--timeout", type=float, default=None,
                   help="seconds allowed per report (default 120, or JUESUAN_TIMEOUT, or the configuration's; 0: none)")
    p.add_argument("--memory-mb", type=int, default=None,
                   help="memory limit in MB (default 2048, or JUESUAN_MEMORY_MB, or the configuration's; 0: none)")


def _groups(paths: list[str]) -> list[tuple[str, list[str]]]:
    """Files given together make one report; a folder contributes one report per readable file."""
    files: list[str] = []
    groups: list[tuple[str, list[str]]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.iterdir()):  # a FIFO or a broken link is listed, then refused
                if not child.is_dir() and child.suffix.lower() in _READABLE:
                    groups.append((one_line(str(child)), [str(child)]))
        else:
            files.append(p)
    if files:
        groups.insert(0, (one_line(" + ".join(files)), files))
    return groups


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
        print(f"jueSuan: no readable files in {one_line(', '.join(args.paths))}", file=sys.stderr)
        return EXIT_UNREADABLE
    outcomes: list[Outcome] = []
    limits = work_limits(args.timeout, args.memory_mb, config)
    for label, files in groups:
        try:  # in a child process, bounded in time and memory (isolate.py)
            report, findings = reconcile_bounded(files, config, limits, keep_documents=not _SLIM.get(args.format))
        except ReadError as exc:
            print(f"jueSuan: {exc}", file=sys.stderr)
            outcomes.append(Outcome(label, error=exc))
            continue
        outcomes.append(Outcome(label, report, findings))
    try:
        _write_output(args, outcomes)
    except BrokenPipeError:  # piped into head: main() ends quietly
        raise
    except OSError as exc:  # a full disk, a folder that cannot be written: one line, the old file intact
        _detach_stdout()
        print(f"jueSuan: cannot write {one_line(args.output or 'the output')}: {exc.strerror or exc} [write-failed]",
              file=sys.stderr)
        return EXIT_UNREADABLE
    if any(o.error is not None for o in outcomes):
        return EXIT_UNREADABLE
    if fail_on == FailOn.NEVER.value:
        return EXIT_OK
    threshold = Severity.parse(fail_on)
    failing = any(f.severity.rank >= threshold.rank for o in outcomes if o.findings for f in o.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _write_output(args: argparse.Namespace, outcomes: list[Outcome]) -> None:
    if args.format == OutputFormat.XLSX.value:
        from .render.xlsx import write_xlsx  # openpyxl is loaded only for an xlsx report

        with atomic_path(args.output) as tmp:
            write_xlsx(outcomes, tmp)
        return
    text = {OutputFormat.JSON.value: render_json, OutputFormat.HTML.value: render_html}.get(
        args.format, render_text)(outcomes)
    if args.output:
        write_atomic(args.output, text + "\n")
    else:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()  # a full disk is reported here, not at exit


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
    if args.retry_failed and not args.resume:
        print("jueSuan: --retry-failed goes with --resume", file=sys.stderr)
        return EXIT_USAGE
    if args.engine == "dask" and not args.scheduler:
        print("jueSuan: --engine dask needs --scheduler ADDRESS", file=sys.stderr)
        return EXIT_USAGE
    wl = work_limits(args.timeout, args.memory_mb, config)
    limits = Limits(wl.timeout, wl.memory_mb)
    try:
        summary = run_batch(args.paths, args.jobs or default_jobs(), out, args.resume, config, limits, args.engine,
                            args.scheduler, progress=sys.stderr.isatty(), retry_failed=args.retry_failed)
    except OutputLocked as exc:
        print(f"jueSuan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BatchInterrupted as exc:
        print(f"jueSuan: {exc}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # the output cannot be written (a full disk): one line, the records so far kept
        if out is None:
            raise
        print(f"jueSuan: cannot write {one_line(str(out))}: {exc.strerror or exc} [write-failed]", file=sys.stderr)
        return EXIT_UNREADABLE
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
        _detach_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print("jueSuan: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # a full disk, a folder that cannot be written: one line
        _detach_stdout()
        where = f" {one_line(str(exc.filename))}" if exc.filename else (" the output" if exc.errno else "")
        print(f"jueSuan: cannot write{where}: {exc.strerror or exc} [write-failed]", file=sys.stderr)
        return EXIT_UNREADABLE
    except Exception as exc:  # never a traceback: one line, exit 2
        print(f"jueSuan: internal error: {type(exc).__name__}: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_UNREADABLE


def _detach_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush of what could not be written
    (a full disk, a closed pipe) raises nothing more at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
