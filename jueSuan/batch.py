"""Batch mode: every disclosure under the given paths reconciled in parallel processes.

One file is one report. A bad file is reported with its reason and skipped; the others go on.
Results stream to a JSON-lines file (one line per file) or a CSV file (one row per finding, and
one per unreadable file), so that ``--resume`` can skip what is already there (``batch_output``).

Where ``fork`` is available each file is checked in a child process of its own (``isolate``), at most
``jobs`` at a time: a per-file time limit enforced by killing the child (a hang in native code too),
a per-file memory limit, and a child that dies (a segfault, the OS's out-of-memory killer) costs only
its file, which is tried once more and then recorded ``worker-died``. Every path given or found that
cannot be read (a FIFO, a dangling link, a link loop) is listed with its reason, never skipped.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

import attrs

from .batch_output import CSV_FIELDS, BatchInterrupted, OutputLock, OutputLocked, Sink, prepare_resume
from .config import Config
from .findings import Severity
from .isolate import Done, WorkLimits, can_fork, run_many
from .readers.base import one_line

__all__ = ["CSV_FIELDS", "BatchInterrupted", "Limits", "OutputLocked", "Sink", "Summary", "batch", "check_file",
           "default_jobs", "discover", "done_files"]

CANDIDATES = {".docx", ".xlsx", ".xls", ".pdf", ".doc", ".wps", ".et", ".xlsb", ".ods", ".odt", ".rtf"}


@attrs.frozen
class Limits:
    timeout: float = 120.0  # seconds per file
    memory_mb: int = 2048  # address-space limit per worker (0: none)


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The files to check: given files as they are, folders searched for disclosure files. Whatever
    has a disclosure's name but is not a regular file (a FIFO, a dangling link, a link loop) is kept:
    reading it refuses it with its reason, so it is listed, not skipped in silence."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(c for c in p.rglob("*") if c.suffix.lower() in CANDIDATES and not c.is_dir()))
        else:
            out.append(p)
    return out


class _Timeout(BaseException):
    """The per-file timer (in-process runs): a BaseException, so that no reader's ``except Exception``
    turns a timeout into another reason."""


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
    """Files already in an output file (for --resume); a cut last line is removed first."""
    return set(prepare_resume(out))


def _preload_readers(files: list[str]) -> None:
    """Import the readers the files need once, here, before the children are forked from this process."""
    from .readers import reader_for

    for suffix in {Path(f).suffix.lower() for f in files}:
        with contextlib.suppress(Exception):
            reader_for(suffix)


class _Queue:
    """Files still to check; a file whose worker died goes back in once."""

    def __init__(self, files: list[str], config: Config | None, limits: Limits) -> None:
        self.items = deque(files)
        self.config = config
        self.child_limits = attrs.evolve(limits, timeout=0)  # the parent enforces the time limit

    def __iter__(self) -> _Queue:
        return self

    def __next__(self) -> tuple[str, Callable[..., dict[str, Any]], tuple[Any, ...]]:
        if not self.items:
            raise StopIteration
        f = self.items.popleft()
        return f, check_file, (f, self.config, self.child_limits)


def _record(f: str, done: Done, limits: Limits) -> dict[str, Any]:
    if done.status == "ok":
        return done.value  # type: ignore[no-any-return]
    rec: dict[str, Any] = {"file": f, "status": "unreadable"}
    if done.status == "timeout":
        rec.update(reason="timeout", message=f"not finished within {limits.timeout:g} s")
    elif done.status == "too-large":
        rec.update(reason="too-large", message=f"needed more than the {limits.memory_mb} MB memory limit")
    elif done.status == "raised":
        rec.update(reason="internal-error", message=f"{type(done.value).__name__}: {done.value}")
    else:
        rec.update(reason="worker-died", message=f"the worker died twice reading it: {done.detail}")
    rec["ms"] = round(done.seconds * 1000, 1)
    return rec


def run_forked(files: list[str], jobs: int, config: Config | None, limits: Limits) -> Iterator[dict[str, Any]]:
    """Records as files finish, each file checked in a child process of its own, ``jobs`` at a time."""
    _preload_readers(files)
    queue = _Queue(files, config, limits)
    died: set[str] = set()
    for f, done in run_many(queue, jobs, WorkLimits(limits.timeout, limits.memory_mb)):
        if done.status == "crashed" and f not in died:
            died.add(f)  # once more, alone in a fresh child: it may have been the machine, not the file
            queue.items.appendleft(f)
            continue
        yield _record(f, done, limits)


def run_local(files: list[str], jobs: int, config: Config | None, limits: Limits) -> Iterator[dict[str, Any]]:
    """Records as files finish: forked children where fork is available, else worker processes
    (in this process when jobs is 1)."""
    if can_fork():
        yield from run_forked(files, jobs, config, limits)
        return
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
        self.files += len(rec.get("paired") or ()) or 1
        if rec.get("paired"):
            self.paired.append(rec["file"])
        if rec.get("status") != "ok":
            self.unreadable[rec.get("reason") or "?"] += 1
            return
        self.ok += len(rec.get("paired") or ()) or 1
        self.by_severity.update({k: v for k, v in (rec.get("counts") or {}).items() if v})
        errs = [f["rule"] for f in rec.get("findings") or () if f.get("severity") == "error"]
        self.errors_by_rule.update(errs)
        self.files_with_errors += bool(errs)


def batch(paths: Iterable[str | Path], jobs: int = 1, out: Path | None = None, resume: bool = False,
          config: Config | None = None, limits: Limits | None = None, engine: str = "local",
          scheduler: str | None = None, progress: bool = False,
          on_record: Callable[[dict[str, Any]], None] | None = None, retry_failed: bool = False,
          pair: bool = True) -> Summary:
    """Check every file under ``paths``; records go to ``out`` and ``on_record`` as they come. With
    ``pair`` (the default) a budget's narrative file and its tables file (same unit, year and kind, one
    with no tables, the other with no narrative) are read together as one report; the summary lists
    what was paired.

    Raises ``OutputLocked`` when another run writes ``out``, and ``BatchInterrupted`` on Ctrl-C
    (after killing the workers; the output holds every record finished, ready for ``resume``)."""
    limits = limits or Limits()
    files = [str(f) for f in discover(paths)]
    summary = Summary()
    lock = OutputLock(out) if out is not None else None
    sink: Sink | None = None
    bar = Progress(len(files), progress)
    start = time.perf_counter()
    held: list[dict[str, Any]] = []  # parts of budgets (narrative only, tables only): paired at the end

    def emit(rec: dict[str, Any]) -> None:
        assert sink is not None
        sink.write(rec)
        summary.add(rec)
        if on_record is not None:
            on_record(rec)

    try:
        if resume and out is not None:
            done = prepare_resume(out, retry_failed)
            counted: set[int] = set()
            for f in files:
                if f in done:  # done by an earlier run: counted in this summary, not run again
                    summary.skipped += 1
                    if id(done[f]) not in counted:  # a paired record stands for both its files
                        counted.add(id(done[f]))
                        summary.add(done[f])
            files = [f for f in files if f not in done]
            bar.total = len(files)
        sink = Sink(out, resume)
        records = (run_dask(files, scheduler or "", config, limits) if engine == "dask"
                   else run_local(files, jobs, config, limits))
        try:
            for rec in records:
                bar.update(rec)
                ident = rec.get("identity") or {}
                if (pair and ident.get("part") in ("narrative", "tables")
                        and (ident.get("kind") or "").endswith("预算")):
                    held.append(rec)
                    continue
                emit(rec)
            records = _pair(held, config, limits)
            for rec in records:
                emit(rec)
        except KeyboardInterrupt:
            close = getattr(records, "close", None)
            if close is not None:
                close()  # kills the running children
            kept = f"; {one_line(str(out))} holds them: run again with --resume to go on" if out is not None else ""
            raise BatchInterrupted(f"interrupted after {summary.files} of {len(files)} files{kept}") from None
    finally:
        bar.close()
        if sink is not None:
            sink.close()
        if lock is not None:
            lock.release()
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

    pairs: list[list[str]] = []
    for g in pair_parts([ident(r) for r in held]):
        if len(g) == 1:
            yield held[g[0]]
        else:
            pairs.append([held[i]["file"] for i in g])  # narrative, tables
    if not can_fork():
        for p in pairs:
            yield check_file(p, config, limits)
        return
    child_limits = attrs.evolve(limits, timeout=0)  # the parent enforces the time limit
    tasks = ((" + ".join(p), check_file, (p, config, child_limits)) for p in pairs)
    for label, done in run_many(tasks, 1, WorkLimits(limits.timeout, limits.memory_mb)):
        yield _record(label, done, limits)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
