"""Bounded work: a function run in a forked child process under a time and a memory limit.

A hostile file must never hang the terminal, exhaust the machine or take the process down with a
native crash. The work (reading, building, reconciling) runs in a child forked from this process, so
nothing is imported again and the child starts in a few milliseconds: its address space is limited
with ``RLIMIT_AS`` (an allocation past it is a ``MemoryError``, reported as too large), the parent
waits for its result on a pipe for at most the time limit and then kills it, and a child that dies
of a signal (a segfault in native code) is reported as crashed. The parent keeps the terminal:
Ctrl-C reaches it (the child ignores it) and it kills the child before stopping.

``jueSuan.read`` stays in-process: a library does not fork behind its caller's back. The command line
(``reconcile`` and ``batch``) uses this module; ``bounded`` gives the same to a caller who asks.
Where ``fork`` is not available, or with ``JUESUAN_ISOLATE=0``, the work runs in this process, unbounded.

The limits: ``--timeout``/``--memory-mb``, else ``JUESUAN_TIMEOUT``/``JUESUAN_MEMORY_MB``, else the
configuration's ``timeout``/``memory-mb``, else 120 s and 2048 MB (0 means no limit).
"""

from __future__ import annotations

import contextlib
import errno
import faulthandler
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from .readers.base import ReadError, Reason

__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_TIMEOUT", "Child", "Done", "WorkLimits", "bounded", "can_fork", "run_many",
           "work_limits"]

DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_MB = 2048


@attrs.frozen
class WorkLimits:
    timeout: float = DEFAULT_TIMEOUT  # seconds for the whole work (0: none)
    memory_mb: int = DEFAULT_MEMORY_MB  # address space of the child (0: none)


def _env_number(name: str) -> float | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number >= 0 else None


def work_limits(timeout: float | None = None, memory_mb: int | None = None, config: Any = None) -> WorkLimits:
    """The limits in force: the given ones (command-line options), else the environment, else the
    configuration (``timeout``, ``memory-mb``), else the defaults."""
    t = timeout if timeout is not None else _env_number("JUESUAN_TIMEOUT")
    m = float(memory_mb) if memory_mb is not None else _env_number("JUESUAN_MEMORY_MB")
    if t is None:
        t = getattr(config, "timeout", None)
    if m is None:
        m = getattr(config, "memory_mb", None)
    return WorkLimits(DEFAULT_TIMEOUT if t is None else float(t), DEFAULT_MEMORY_MB if m is None else int(m))


def can_fork() -> bool:
    """Whether work can run in a forked child: fork exists, and ``JUESUAN_ISOLATE=0`` does not ask
    for the work in this process (a debugger, a profiler; then there is no time or memory limit)."""
    return hasattr(os, "fork") and hasattr(os, "waitpid") and os.environ.get("JUESUAN_ISOLATE", "1").strip() != "0"


@attrs.frozen
class Done:
    """How a child ended: ``ok`` (``value`` is what the function returned), ``raised`` (``value`` is
    the exception), ``timeout``, ``too-large`` (out of its memory limit) or ``crashed`` (``detail``
    says how: the signal or the exit status)."""

    status: str
    value: Any = None
    detail: str = ""
    seconds: float = 0.0


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _child_main(write_fd: int, fn: Callable[..., Any], args: tuple[Any, ...], memory_mb: int) -> None:
    """In the child: limit memory, run, send back (status, value), leave without cleanup."""
    code = 0
    too_large = pickle.dumps(("too-large", None))  # made before the limit: sent when nothing more can be
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        faulthandler.disable()  # a crash is reported by the parent in one line, not as a stack dump
        devnull = os.open(os.devnull, os.O_WRONLY)  # nor what a library or the interpreter prints dying
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)
        if memory_mb > 0:
            limit = memory_mb * 1024 * 1024
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
        try:
            payload: tuple[str, Any] = ("ok", fn(*args))
        except MemoryError:
            payload = ("too-large", None)
        except BaseException as exc:  # sent back to be raised (or reported) in the parent
            hit = memory_mb > 0 and (_out_of_memory(exc) or (_near_limit(memory_mb) and not _too_large(exc)))
            payload = ("too-large", None) if hit else ("raised", exc)
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = too_large
        except Exception as exc:  # an unpicklable result or exception: its text
            data = pickle.dumps(("raised", RuntimeError(f"{type(exc).__name__}: {exc}")))
        _write_all(write_fd, data)
    except MemoryError:
        with contextlib.suppress(BaseException):
            _write_all(write_fd, too_large)
    except BaseException:
        code = 3
    finally:
        os._exit(code)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view[:1 << 20])
        view = view[n:]


def _out_of_memory(exc: BaseException) -> bool:
    """An error that is the memory limit's doing: a library that could not be mapped, ENOMEM."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOMEM:
        return True
    text = str(exc)
    return isinstance(exc, ImportError) and ("failed to map segment" in text or "Cannot allocate memory" in text)


def _near_limit(memory_mb: int) -> bool:
    """Whether the address space reached its limit (then the error a library made of a failed
    allocation, "malformed" or a SystemError, is the limit's doing)."""
    try:
        with open("/proc/self/status") as fh:
            peak_kb = next((int(ln.split()[1]) for ln in fh if ln.startswith("VmPeak:")), 0)
    except (OSError, ValueError):
        return False
    limit_kb = memory_mb * 1024
    return peak_kb >= limit_kb - max(32 * 1024, limit_kb // 20)


def _too_large(exc: BaseException) -> bool:
    return isinstance(exc, ReadError) and exc.reason is Reason.TOO_LARGE


class Child:
    """One forked child running ``fn(*args)``; its result arrives on a pipe (``feed``/``finish``)."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], memory_mb: int, timeout: float) -> None:
        read_fd, write_fd = os.pipe()
        self.started = time.monotonic()
        self.deadline = self.started + timeout if timeout > 0 else float("inf")
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child (coverage does not follow it)
            os.close(read_fd)
            _child_main(write_fd, fn, args, memory_mb)
        os.close(write_fd)
        self.pid = pid
        self.fd = read_fd
        self.chunks: list[bytes] = []
        self.memory_mb = memory_mb
        self.timeout = timeout

    def feed(self) -> bool:
        """Read what the child has written; True once it has closed the pipe (finished or died)."""
        chunk = os.read(self.fd, 1 << 20)
        if chunk:
            self.chunks.append(chunk)
            return False
        return True

    def finish(self) -> Done:
        os.close(self.fd)
        _, status = os.waitpid(self.pid, 0)
        seconds = time.monotonic() - self.started
        data = b"".join(self.chunks)
        if data:
            try:
                kind, value = pickle.loads(data)
            except Exception as exc:
                return Done("crashed", None, f"its result could not be read ({type(exc).__name__})", seconds)
            return Done(kind, value, "", seconds)
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            hint = " (possibly out of memory)" if sig in (signal.SIGKILL, signal.SIGABRT, signal.SIGSEGV) else ""
            return Done("crashed", None, f"the process died of {_signal_name(sig)}{hint}", seconds)
        return Done("crashed", None, f"the process ended with status {os.WEXITSTATUS(status)} and no result", seconds)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)

    def timed_out(self) -> Done:
        self.kill()
        return Done("timeout", None, f"not finished within {self.timeout:g} s", time.monotonic() - self.started)


@contextlib.contextmanager
def _no_interrupt() -> Iterator[None]:
    """SIGINT held back (delivered at the end): a Ctrl-C in the middle of a fork would leave a child
    nobody knows about, or break the interpreter's own at-fork handlers."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def run_many(tasks: Iterable[tuple[Any, Callable[..., Any], tuple[Any, ...]]], jobs: int,
             limits: WorkLimits) -> Iterator[tuple[Any, Done]]:
    """Run each ``(key, fn, args)`` in its own child, ``jobs`` at a time; yield ``(key, Done)`` as
    each ends. On any exception in the caller (Ctrl-C included) every running child is killed."""
    queue = iter(tasks)
    running: dict[int, tuple[Any, Child]] = {}
    try:
        while True:
            while len(running) < max(1, jobs):
                task = next(queue, None)
                if task is None:
                    break
                key, fn, args = task
                with _no_interrupt():  # Ctrl-C waits until the child is known, to be killed
                    child = Child(fn, args, limits.memory_mb, limits.timeout)
                    running[child.fd] = (key, child)
            if not running:
                return
            now = time.monotonic()
            wait = min(c.deadline for _, c in running.values()) - now
            ready, _, _ = select.select(list(running), [], [], max(0.0, min(wait, 1.0)))
            for fd in ready:
                key, child = running[fd]
                if child.feed():
                    del running[fd]
                    yield key, child.finish()
            now = time.monotonic()
            for fd, (key, child) in list(running.items()):
                if now >= child.deadline:
                    del running[fd]
                    yield key, child.timed_out()
    finally:
        for _, child in running.values():
            child.kill()


def _label(paths: tuple[Any, ...]) -> str:
    return ", ".join(str(p) for p in paths) or "(nothing)"


def as_error(done: Done, label: str, limits: WorkLimits) -> ReadError:
    """A child that did not return: its one-line ``ReadError``."""
    if done.status == "timeout":
        return ReadError(label, Reason.TIMEOUT, f"not finished within the {limits.timeout:g} s time limit "
                                                "(--timeout, JUESUAN_TIMEOUT)")
    if done.status == "too-large":
        return ReadError(label, Reason.TOO_LARGE, f"needed more than the {limits.memory_mb} MB memory limit "
                                                  "(--memory-mb, JUESUAN_MEMORY_MB)")
    return ReadError(label, Reason.CRASHED, f"reading crashed: {done.detail}")


def bounded(fn: Callable[..., Any], *args: Any, limits: WorkLimits | None = None, label: str | None = None) -> Any:
    """``fn(*args)`` run in a forked child under ``limits``: its value, or the exception it raised, or a
    ``ReadError`` (timeout, too-large, crashed) naming ``label``. In this process where fork is not
    available."""
    limits = limits or work_limits()
    if not can_fork():
        return fn(*args)
    name = label or _label(args)
    for _, done in run_many([(name, fn, args)], 1, limits):
        if done.status == "ok":
            return done.value
        if done.status == "raised":
            raise done.value
        raise as_error(done, name, limits)
    raise AssertionError("unreachable")  # pragma: no cover


def reconcile_bounded(files: list[str], config: Any = None, limits: WorkLimits | None = None,
                      keep_documents: bool = True, one_report: bool = False, budget_file: str | None = None,
                      previous_file: str | None = None) -> list[tuple[str, Any, Any]]:
    """``grouping.reconcile_files`` in a child process under ``limits``: (label, report, findings) per
    report, or (label, ReadError, None) per file that could not be read; a ``ReadError`` raised for the
    whole (timeout, too-large, crashed, or an unreadable --budget/--previous file). The readers the
    files need are imported here first, so that the child's limits go to reading, not to importing."""
    from .grouping import reconcile_files
    from .readers import reader_for

    every = [*files, *(f for f in (budget_file, previous_file) if f)]
    for suffix in {os.path.splitext(str(f))[1].lower() for f in every}:
        with contextlib.suppress(Exception):
            reader_for(suffix)
    return bounded(reconcile_files, files, config, one_report, budget_file, previous_file,  # type: ignore[no-any-return]
                   keep_documents, limits=limits, label=" + ".join(files))
