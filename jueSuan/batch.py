"""Batch mode: every disclosure under the given paths reconciled in parallel processes.

One file is one report. A bad file is reported with its reason and skipped; the others go on.
Results stream to a JSON-lines file (one line per file) or a CSV file (one row per finding, and
one per unreadable file), so that ``--resume`` can skip what is already there. A per-file time
limit and a per-worker memory limit keep one hostile file from stopping the run.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import resource
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

import attrs

from .config import Config
from .findings import Severity

CANDIDATES = {".docx", ".xlsx", ".xls", ".pdf", ".doc", ".wps", ".et", ".xlsb", ".ods", ".odt", ".rtf"}
CSV_FIELDS = ["file", "status", "reason", "rule", "severity", "table", "line", "left", "right", "difference",
              "bound", "message", "at"]


@attrs.frozen
class Limits:
    timeout: float = 120.0  # seconds per file
    memory_mb: int = 2048  # address-space limit per worker (0: none)


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The files to check: given files as they are, folders searched for disclosure files."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(c for c in p.rglob("*") if c.is_file() and c.suffix.lower() in CANDIDATES))
        else:
            out.append(p)
    return out


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _init_worker(limits: Limits) -> None:
    if limits.memory_mb:
        soft = limits.memory_mb * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):  # a platform that refuses: no limit
            resource.setrlimit(resource.RLIMIT_AS, (soft, resource.getrlimit(resource.RLIMIT_AS)[1]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def check_file(path: str | list[str], config: Config | None = None, limits: Limits | None = None) -> dict[str, Any]:
    """Read and reconcile one file (or the files of one report, given as a list); always returns a
    result record, never raises. The record says what the file is (``identity``: unit, year, kind,
    part) so that ``batch`` can pair a budget's narrative file with its tables file."""
    from .api import read
    from .grouping import Identity
    from .readers import ReadError
    from .reconcile import reconcile

    limits = limits or Limits()
    start = time.perf_counter()
    paths = [path] if isinstance(path, str) else list(path)
    record: dict[str, Any] = {"file": " + ".join(paths)}
    if len(paths) > 1:
        record["paired"] = paths
    # the per-file time limit is a timer signal: only where signals can be used (the main thread of
    # a worker process; a Dask worker thread relies on Dask's own limits)
    use_alarm = (limits.timeout > 0 and hasattr(signal, "SIGALRM")
                 and threading.current_thread() is threading.main_thread())
    try:
        if use_alarm:
            signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, limits.timeout)
        report = read(*paths)
        findings = reconcile(report, config)
        ident = Identity.of(report)
        record["identity"] = {"unit": ident.unit, "year": ident.year,
                              "kind": ident.kind.value if ident.kind else None, "part": ident.part}
        record.update(status="ok", counts={s.label: findings.count(s) for s in Severity},
                      findings=findings.to_dicts(), unplaced=len(report.unplaced), tables=len(report.tables),
                      evaluations=len(report.evaluations))
    except ReadError as exc:
        record.update(status="unreadable", reason=exc.reason.value, message=exc.detail)
    except _Timeout:
        record.update(status="unreadable", reason="timeout", message=f"not finished within {limits.timeout:g} s")
    except MemoryError:
        record.update(status="unreadable", reason="too-large",
                      message=f"needed more than the {limits.memory_mb} MB memory limit")
    except RecursionError:
        record.update(status="unreadable", reason="malformed", message="structure nested too deeply")
    except Exception as exc:  # a bug of ours: still one record, never a crash of the batch
        record.update(status="unreadable", reason="internal-error", message=f"{type(exc).__name__}: {exc}")
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
    record["ms"] = round((time.perf_counter() - start) * 1000, 1)
    return record


def done_files(out: Path) -> set[str]:
    """Files already in an output file (for --resume)."""
    if not out.exists():
        return set()
    if out.suffix.lower() == ".csv":
        with out.open(encoding="utf-8", newline="") as fh:
            return {row["file"] for row in csv.DictReader(fh) if row.get("file")}
    files = set()
    with out.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
                files.add(rec["file"])
                files.update(rec.get("paired", []))
            except (ValueError, KeyError):
                continue  # a line cut by an interrupted run: that file is done again
    return files


class Sink:
    """Appends records to the output as they come (JSON lines, or CSV rows)."""

    def __init__(self, out: Path | None, resume: bool) -> None:
        self.out = out
        self.fh = None
        self.writer: Any = None
        if out is None:
            return
        mode = "a" if resume and out.exists() else "w"
        self.fh = out.open(mode, encoding="utf-8", newline="")
        if out.suffix.lower() == ".csv":
            self.writer = csv.DictWriter(self.fh, CSV_FIELDS)
            if mode == "w":
                self.writer.writeheader()

    def write(self, rec: dict[str, Any]) -> None:
        if self.fh is None:
            return
        if self.writer is None:
            self.fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif rec["status"] != "ok":
            self.writer.writerow({"file": rec["file"], "status": rec["status"], "reason": rec.get("reason"),
                                  "message": rec.get("message")})
        elif not rec["findings"]:
            self.writer.writerow({"file": rec["file"], "status": "ok"})
        else:
            for f in rec["findings"]:
                self.writer.writerow({"file": rec["file"], "status": "ok", **{k: f.get(k) for k in CSV_FIELDS[3:12]},
                                      "at": "; ".join(x["at"] for x in f["figures"])})
        self.fh.flush()

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()


def run_local(files: list[str], jobs: int, config: Config | None, limits: Limits) -> Iterator[dict[str, Any]]:
    """Records as files finish, from ``jobs`` worker processes (in this process when jobs is 1)."""
    if jobs <= 1:
        _init_worker(attrs.evolve(limits, memory_mb=0))
        for f in files:
            yield check_file(f, config, limits)
        return
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(limits,), max_tasks_per_child=200) as pool:
        pending: dict[Future[dict[str, Any]], str] = {}
        it = iter(files)
        for f in it:
            pending[pool.submit(check_file, f, config, limits)] = f
            if len(pending) >= jobs * 4:
                break
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                f = pending.pop(fut)
                try:
                    yield fut.result()
                except Exception as exc:  # the worker died (killed by the OS, out of memory)
                    yield {"file": f, "status": "unreadable", "reason": "worker-died", "message": str(exc)}
                nxt = next(it, None)
                if nxt is not None:
                    pending[pool.submit(check_file, nxt, config, limits)] = nxt


def run_dask(files: list[str], scheduler: str, config: Config | None, limits: Limits) -> Iterator[dict[str, Any]]:
    """The same records computed on a Dask cluster (``pip install 'jueSuan[dask]'``)."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - the extra is not installed
        raise RuntimeError("the dask engine needs: pip install 'jueSuan[dask]'") from exc
    with Client(scheduler) as client:
        futures = client.map(check_file, files, config=config, limits=limits, pure=False)
        for fut in as_completed(futures):
            yield fut.result()


class Progress:
    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.n, self.bad, self.start = total, enabled, 0, 0, time.perf_counter()

    def update(self, rec: dict[str, Any]) -> None:
        self.n += 1
        self.bad += rec["status"] != "ok"
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.n / max(1, self.total))
        rate = self.n / max(1e-9, time.perf_counter() - self.start)
        sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {self.n}/{self.total} files, "
                         f"{self.bad} unreadable, {rate:.1f} files/s")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


@attrs.define
class Summary:
    files: int = 0
    ok: int = 0
    skipped: int = 0
    by_severity: Counter[str] = attrs.field(factory=Counter)
    errors_by_rule: Counter[str] = attrs.field(factory=Counter)
    unreadable: Counter[str] = attrs.field(factory=Counter)
    files_with_errors: int = 0
    seconds: float = 0.0
    paired: list[str] = attrs.field(factory=list)  # "a + b": files read as one report

    def add(self, rec: dict[str, Any]) -> None:
        self.files += len(rec.get("paired", [])) or 1
        if rec.get("paired"):
            self.paired.append(rec["file"])
        if rec["status"] != "ok":
            self.unreadable[rec.get("reason", "?")] += 1
            return
        self.ok += len(rec.get("paired", [])) or 1
        self.by_severity.update({k: v for k, v in rec["counts"].items() if v})
        errs = [f["rule"] for f in rec["findings"] if f["severity"] == "error"]
        self.errors_by_rule.update(errs)
        self.files_with_errors += bool(errs)


def batch(paths: Iterable[str | Path], jobs: int = 1, out: Path | None = None, resume: bool = False,
          config: Config | None = None, limits: Limits | None = None, engine: str = "local",
          scheduler: str | None = None, progress: bool = False,
          on_record: Callable[[dict[str, Any]], None] | None = None, pair: bool = True) -> Summary:
    """Reconcile every file under ``paths``. With ``pair`` (the default) a budget's narrative file
    and its tables file (same unit, year and kind, one with no tables, the other with no
    narrative) are read together as one report; the summary lists what was paired."""
    limits = limits or Limits()
    files = [str(f) for f in discover(paths)]
    summary = Summary()
    if resume and out is not None:
        done = done_files(out)
        summary.skipped = sum(f in done for f in files)
        files = [f for f in files if f not in done]
    sink = Sink(out, resume)
    bar = Progress(len(files), progress)
    start = time.perf_counter()
    held: list[dict[str, Any]] = []  # parts of budgets (narrative only, tables only): paired at the end

    def emit(rec: dict[str, Any]) -> None:
        sink.write(rec)
        summary.add(rec)
        if on_record is not None:
            on_record(rec)

    try:
        records = (run_dask(files, scheduler or "", config, limits) if engine == "dask"
                   else run_local(files, jobs, config, limits))
        for rec in records:
            bar.update(rec)
            ident = rec.get("identity") or {}
            if pair and ident.get("part") in ("narrative", "tables") and (ident.get("kind") or "").endswith("预算"):
                held.append(rec)
                continue
            emit(rec)
        for rec in _pair(held, config, limits):
            emit(rec)
    finally:
        bar.close()
        sink.close()
    summary.seconds = time.perf_counter() - start
    return summary


def _pair(held: list[dict[str, Any]], config: Config | None, limits: Limits) -> Iterator[dict[str, Any]]:
    """The held records: each narrative/tables pair re-read as one report, the others as they were."""
    from .grouping import Identity, pair_parts
    from .models import DocumentKind

    def ident(rec: dict[str, Any]) -> Identity:
        i = rec["identity"]
        kind = next((k for k in DocumentKind if k.value == i.get("kind")), None)
        return Identity(i.get("unit"), i.get("year"), kind, i.get("part", ""))

    for g in pair_parts([ident(r) for r in held]):
        if len(g) == 1:
            yield held[g[0]]
            continue
        narrative, tables = (held[i]["file"] for i in g)
        yield check_file([narrative, tables], config, limits)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
