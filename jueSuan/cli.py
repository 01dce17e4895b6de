"""Command line: ``python -m jueSuan reconcile FILE...``, ``batch``, ``rules``, ``rule ID`` and ``vocab``.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 a file that could not be read,
or a usage or configuration error (one line on stderr naming the file and the reason, never a
traceback). Unknown rule ids or prefixes, in options or configuration, are a usage error.
"""

from __future__ import annotations

import argparse
import enum
import logging
import os
import sys
import warnings
from pathlib import Path

from .atomic import atomic_path, write_atomic
from .batch import BatchInterrupted, Limits, OutputLocked, default_jobs
from .batch import batch as run_batch
from .config import FAIL_ON, Config, ConfigError
from .config import load as load_config
from .findings import Severity
from .isolate import reconcile_bounded, work_limits
from .readers import ReadError
from .readers.base import one_line
from .reconcile import check_config, default_rules
from .render import Outcome, read_error_text
from .render.text import align, render_statistics, render_summary, render_text, use_color

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2, 2
EXIT_INTERRUPTED = 130  # Ctrl-C: one line, the output left resumable
_READABLE = {".docx", ".xlsx", ".xls", ".pdf"}
_SLIM = {"text": True, "json": True}  # outputs that never show the documents as read (a faster return)


def version() -> str:
    from importlib.metadata import PackageNotFoundError  # only for --version: it costs ~50 ms to import
    from importlib.metadata import version as _dist_version

    try:
        return _dist_version("jueSuan")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree without installing
        from . import __version__

        return __version__


class OutputFormat(str, enum.Enum):
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"
    HTML = "html"
    XLSX = "xlsx"


_NEEDS_FILE = (OutputFormat.HTML.value, OutputFormat.XLSX.value)


class UsageError(Exception):
    """A usage or configuration error: one line on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """argparse's usage errors, said in Chinese first (exit 2)."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误 usage error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="jueSuan", description="读取并核对部门决算 Read and reconcile 部门决算 disclosures.")
    p.add_argument("--version", action="version", version=f"jueSuan {version()}")
    sub = p.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("reconcile", help="核对一份报告 reconcile one report (several files make one report; "
                                           "a folder: each file in it is a report)")
    rec.add_argument("paths", nargs="+", metavar="FILE")
    rec.add_argument("--output-format", "--format", dest="format", choices=[f.value for f in OutputFormat],
                     default="text", help="output format (default: text; --format is an alias)")
    rec.add_argument("--fail-on", choices=FAIL_ON, default=None, type=str.lower,
                     help="lowest severity that makes the exit code 1 (default: error, or the configuration's)")
    rec.add_argument("--output", "-o", help="write the output to this file instead of stdout")
    rec.add_argument("--select", action="append", default=[], metavar="RULES",
                     help="run only these rules (ids, id prefixes such as PF, or dotted names; comma-separated; "
                          "case-insensitive)")
    rec.add_argument("--ignore", action="append", default=[], metavar="RULES", help="do not run these rules")
    rec.add_argument("--config", help="a jueSuan.toml or pyproject.toml ([tool.jueSuan]) to use instead of the "
                                      "nearest one")
    rec.add_argument("-v", "--verbose", action="store_true", help="also list info findings (text output)")
    rec.add_argument("-q", "--quiet", action="store_true",
                     help="print the findings only: no header, summary or lists (text output)")
    rec.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead")
    rec.add_argument("--show-settings", action="store_true",
                     help="print the settings in force (configuration file, rules, fail-on) and exit")
    rec.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                     help="colour the text output (auto: on a terminal, unless NO_COLOR is set)")
    rec.add_argument("--budget", metavar="FILE", help="the same year's 预算 of the unit: the 决算's 年初预算 figures are "
                                                    "checked against it")
    rec.add_argument("--previous", metavar="FILE", help="last year's 决算 of the unit: the 与上年相比 amounts are "
                                                      "checked against it")
    rec.add_argument("--one-report", action="store_true",
                     help="the files given are one report whatever they say (default: grouped by unit, year, kind)")
    _limit_options(rec)
    b = sub.add_parser("batch", help="核对文件夹 reconcile every file under the given paths, each file one report")
    b.add_argument("paths", nargs="+", metavar="PATH")
    b.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: the number of cores)")
    b.add_argument("--out", help="write results to this .jsonl (one line per file) or .csv (one row per finding)")
    b.add_argument("--resume", action="store_true", help="skip the files already in --out (they still count)")
    _limit_options(b)
    b.add_argument("--retry-failed", action="store_true",
                   help="with --resume: check again the files recorded as worker-died or timeout")
    b.add_argument("--engine", choices=["local", "dask"], default="local")
    b.add_argument("--scheduler", help="the Dask scheduler address (with --engine dask)")
    b.add_argument("--select", action="append", default=[], metavar="RULES")
    b.add_argument("--ignore", action="append", default=[], metavar="RULES")
    b.add_argument("--config")
    b.add_argument("--fail-on", choices=FAIL_ON, default=None, type=str.lower)
    rules = sub.add_parser("rules", help="列出规则 list every rule with its id and description")
    rules.add_argument("--format", "--output-format", dest="format", choices=["text", "markdown"], default="text")
    voc = sub.add_parser("vocab", help="列出词表 print every recognised spelling (titles, columns, lines)")
    voc.add_argument("--format", "--output-format", dest="format", choices=["text", "markdown"], default="text")
    one = sub.add_parser("rule", help="说明一条规则 explain one rule: what it checks, why, its cases")
    one.add_argument("rule_id", metavar="ID")
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


def _config(args: argparse.Namespace) -> Config:
    """The configuration file's settings with the options on top; unknown rules refused."""
    try:
        config = load_config(args.config).with_cli(_split(args.select), _split(args.ignore))
        check_config(config)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    return config


def _fail_on(args: argparse.Namespace, config: Config) -> str:
    return args.fail_on or config.fail_on


def failing(outcomes: list[Outcome], fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity.parse(fail_on)
    return any(f.severity.rank >= threshold.rank for o in outcomes if o.findings for f in o.findings)


def show_settings(config: Config, fail_on: str) -> str:
    from .config import selected

    chosen = [r.id for r in default_rules() if selected(config, r.id, r.name)]
    rows = [
        ["配置文件 configuration", config.source or "(无 none: defaults)"],
        ["select", ", ".join(config.select) or "(全部 all)"],
        ["ignore", ", ".join(config.ignore) or "(无 none)"],
        ["severity", ", ".join(f"{k}={v.label}" for k, v in config.severity) or "(规则默认 the rules' own)"],
        ["fail-on", fail_on],
        ["tolerance.rounding", config.tolerance.rounding],
        ["tolerance.extra", str(config.tolerance.extra)],
        [f"运行的规则 rules run ({len(chosen)})", " ".join(chosen)],
    ]
    return "\n".join(align(rows))


def _render(args: argparse.Namespace, outcomes: list[Outcome], config: Config, fail_on: str) -> str:
    """The report as text in the chosen format (xlsx is written by ``_write_output``)."""
    fmt = args.format
    if fmt == OutputFormat.HTML.value:
        from .render.html import render_html

        return render_html(outcomes)
    if fmt == OutputFormat.JSON.value:
        from .render.json import render_json

        return render_json(outcomes)
    if fmt in (OutputFormat.JSONL.value, OutputFormat.SARIF.value, OutputFormat.JUNIT.value, OutputFormat.GITHUB.value):
        from .render import ci

        return {"jsonl": ci.render_jsonl, "sarif": ci.render_sarif, "github": ci.render_github}.get(
            fmt, lambda o: ci.render_junit(o, config, fail_on))(outcomes)
    if args.statistics:
        return render_statistics(outcomes)
    color = args.color == "always" or (args.color == "auto" and not args.output and use_color(sys.stdout))
    return render_text(outcomes, verbose=args.verbose, color=color, quiet=args.quiet)


def _reconcile(args: argparse.Namespace) -> int:
    if args.format in _NEEDS_FILE and not args.output:
        raise UsageError(f"--output-format {args.format} 需要 --output FILE (needs --output FILE)")
    config = _config(args)
    fail_on = _fail_on(args, config)
    if args.show_settings:
        sys.stdout.write(show_settings(config, fail_on) + "\n")
        return EXIT_OK
    groups = _groups(args.paths)
    if not groups:
        raise UsageError(f"没有可读取的文件 no readable files in {one_line(', '.join(args.paths))}")
    outcomes: list[Outcome] = []
    limits = work_limits(args.timeout, args.memory_mb, config)
    for label, files in groups:
        try:  # in a child process, bounded in time and memory (isolate.py)
            got = reconcile_bounded(files, config, limits, keep_documents=not _SLIM.get(args.format),
                                    one_report=args.one_report, budget_file=args.budget,
                                    previous_file=args.previous)
        except ReadError as exc:
            got = [(label, exc, None)]
        for name, report, findings in got:
            if isinstance(report, ReadError):
                print(f"jueSuan: {read_error_text(report)}", file=sys.stderr)
                outcomes.append(Outcome(name, error=report))
            else:
                outcomes.append(Outcome(name, report, findings))
    try:
        _write_output(args, outcomes, config, fail_on)
    except BrokenPipeError:  # piped into head: main() ends quietly
        raise
    except OSError as exc:  # a full disk, a folder that cannot be written: one line, the old file intact
        _detach_stdout()
        print(f"jueSuan: 无法写入 cannot write {one_line(args.output or 'the output')}: {exc.strerror or exc} "
              "[write-failed]", file=sys.stderr)
        return EXIT_UNREADABLE
    if any(o.error is not None for o in outcomes):
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if failing(outcomes, fail_on) else EXIT_OK


def _write_output(args: argparse.Namespace, outcomes: list[Outcome], config: Config, fail_on: str) -> None:
    """The report written whole: to a temporary file renamed over ``-o`` (never half a report), or to stdout."""
    if args.format == OutputFormat.XLSX.value:
        from .render.xlsx import write_xlsx  # openpyxl is loaded only for an xlsx report

        with atomic_path(args.output) as tmp:
            write_xlsx(outcomes, tmp)
        return
    text = _render(args, outcomes, config, fail_on)
    if args.output:
        write_atomic(args.output, text + "\n")
    elif text or not args.quiet:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()  # a full disk is reported here, not at exit


def _batch(args: argparse.Namespace) -> int:
    config = _config(args)
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".jsonl", ".csv", ".json"):
        raise UsageError("--out 须为 .jsonl 或 .csv (must end in .jsonl or .csv)")
    if args.resume and out is None:
        raise UsageError("--resume 需要 --out (needs --out)")
    if args.retry_failed and not args.resume:
        raise UsageError("--retry-failed 须与 --resume 同用 (goes with --resume)")
    if args.engine == "dask" and not args.scheduler:
        raise UsageError("--engine dask 需要 --scheduler ADDRESS (needs --scheduler ADDRESS)")
    wl = work_limits(args.timeout, args.memory_mb, config)
    limits = Limits(wl.timeout, wl.memory_mb)
    try:
        summary = run_batch(args.paths, args.jobs or default_jobs(), out, args.resume, config, limits, args.engine,
                            args.scheduler, progress=sys.stderr.isatty(), retry_failed=args.retry_failed)
    except OutputLocked as exc:
        print(f"jueSuan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BatchInterrupted as exc:
        print(f"jueSuan: 已中断 {exc}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # the output cannot be written (a full disk): one line, the records so far kept
        if out is None:
            raise
        print(f"jueSuan: 无法写入 cannot write {one_line(str(out))}: {exc.strerror or exc} [write-failed]",
              file=sys.stderr)
        return EXIT_UNREADABLE
    print(render_summary(summary))
    fail_on = _fail_on(args, config)
    if summary.unreadable:
        return EXIT_UNREADABLE
    if fail_on == "never":
        return EXIT_OK
    failing_count = sum(n for s, n in summary.by_severity.items()
                        if Severity.parse(s).rank >= Severity.parse(fail_on).rank)
    return EXIT_FINDINGS if failing_count else EXIT_OK


def _rules(fmt: str) -> int:
    if fmt == "markdown":
        from .render.rules_doc import rules_markdown

        sys.stdout.write(rules_markdown())
        return EXIT_OK
    rows = [[r.id, r.name, r.severity.label, r.source, r.summary] for r in default_rules()]
    sys.stdout.write("\n".join(align(rows, headers=["规则 id", "名称 name", "级别 severity", "RULES.md",
                                                   "说明 description"])) + "\n")
    return EXIT_OK


def _vocab(fmt: str) -> int:
    from .render.vocab_doc import vocab_markdown, vocab_text

    sys.stdout.write(vocab_markdown() if fmt == "markdown" else vocab_text())
    return EXIT_OK


def _rule(rule_id: str) -> int:
    from .render.rules_doc import rule_text

    rules = {r.id.upper(): r for r in default_rules()}
    names = {r.name.lower(): r for r in default_rules()}
    r = rules.get(rule_id.strip().upper()) or names.get(rule_id.strip().lower())
    if r is None:
        raise UsageError(f"未知的规则 unknown rule {rule_id!r} (jueSuan rules 列出全部 lists them all)")
    sys.stdout.write(rule_text(r) + "\n")
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
        if args.command == "rule":
            return _rule(args.rule_id)
        if args.command == "vocab":
            return _vocab(args.format)
        if args.command == "batch":
            return _batch(args)
        return _reconcile(args)
    except UsageError as exc:
        print(f"jueSuan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into head
        _detach_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print("jueSuan: 已中断 interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # a full disk, a folder that cannot be written: one line
        _detach_stdout()
        where = f" {one_line(str(exc.filename))}" if exc.filename else (" the output" if exc.errno else "")
        print(f"jueSuan: 无法写入 cannot write{where}: {exc.strerror or exc} [write-failed]", file=sys.stderr)
        return EXIT_UNREADABLE
    except Exception as exc:  # never a traceback: one line, exit 2
        print(f"jueSuan: 内部错误 internal error: {type(exc).__name__}: {one_line(str(exc))}", file=sys.stderr)
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
