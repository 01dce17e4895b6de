"""Where a batch writes its results: a JSON-lines file (one line per file) or a CSV file (one row per
finding and one per unreadable file), appended record by record, so that a run stopped at any point
(Ctrl-C, a kill, a power cut) leaves an output that ``--resume`` continues.

* one run at a time: a lock (``flock`` on ``.NAME.lock`` next to the output) refuses a second run on
  the same ``--out`` instead of letting both append to it;
* a last line cut by an interrupted run, at any byte (inside a UTF-8 character too), is removed on
  resume and its file checked again;
* ``--retry-failed`` removes the records of files whose worker died or that ran out of time, so that
  they are checked again.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .readers.base import one_line

__all__ = ["CSV_FIELDS", "RETRIED_REASONS", "BatchInterrupted", "OutputLock", "OutputLocked", "Sink", "prepare_resume"]

CSV_FIELDS = ["file", "status", "reason", "rule", "severity", "table", "line", "left", "right", "difference",
              "bound", "message", "at", "where"]
RETRIED_REASONS = frozenset({"worker-died", "timeout"})


class OutputLocked(Exception):
    """Another run is writing the same output file."""


class BatchInterrupted(Exception):
    """The run was stopped (Ctrl-C); the message says what was kept and how to go on."""


class OutputLock:
    """An exclusive lock on the output, held for the run (released by the OS if the process dies)."""

    def __init__(self, out: Path) -> None:
        self.path = out.parent / f".{out.name}.lock"
        self.fd: int | None = None
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no lock
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise OutputLocked(f"{one_line(str(out))} is being written by another jueSuan batch run "
                               f"(lock {one_line(str(self.path))}); wait for it to end") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self.fd)  # closing releases the flock
        self.fd = None


def _complete_part(data: bytes) -> bytes:
    """The output up to its last complete line: a line without its newline was cut short."""
    end = data.rfind(b"\n")
    return data[:end + 1] if end >= 0 else b""


def _csv_records(rows: list[dict[str, str]]) -> dict[str, dict[str, Any]]:
    """The per-file records a CSV's rows (one per finding) stand for, enough for a summary."""
    records: dict[str, dict[str, Any]] = {}
    for row in rows:
        if not row.get("file"):
            continue
        rec = records.setdefault(row["file"], {"file": row["file"], "status": row.get("status") or "ok",
                                               "reason": row.get("reason") or None, "counts": {}, "findings": []})
        if row.get("rule"):
            sev = row.get("severity")
            rec["findings"].append({"rule": row["rule"], "severity": sev})
            rec["counts"][sev] = rec["counts"].get(sev, 0) + 1
    return records


def prepare_resume(out: Path, retry_failed: bool = False) -> dict[str, dict[str, Any]]:
    """The records of the files already done in ``out``, by file (so that a resumed run's summary counts
    them too). A cut last line is removed from the file (its file is done again); with ``retry_failed``
    so are the records of files whose worker died or timed out."""
    if not out.exists():
        return {}
    data = out.read_bytes()
    kept = _complete_part(data)
    csv_out = out.suffix.lower() == ".csv"
    done: dict[str, dict[str, Any]] = {}
    if csv_out:
        text = kept.decode("utf-8-sig", errors="replace")  # the BOM written for Excel
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        retried = {r["file"] for r in rows if retry_failed and r.get("reason") in RETRIED_REASONS}
        done = _csv_records([r for r in rows if r.get("file") and r["file"] not in retried])
        if retried:
            buf = io.StringIO(newline="")
            writer = csv.DictWriter(buf, CSV_FIELDS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(r for r in rows if r["file"] not in retried)
            kept = buf.getvalue().encode("utf-8-sig")
    else:
        lines: list[bytes] = []
        for line in kept.splitlines(keepends=True):
            try:
                rec = json.loads(line.decode("utf-8"))
                name = rec["file"]
            except (ValueError, KeyError, TypeError):
                continue  # a damaged line: dropped, its file done again
            if retry_failed and rec.get("reason") in RETRIED_REASONS:
                continue
            done[name] = rec
            for part in rec.get("paired") or ():  # a narrative file and a tables file read as one report
                done[part] = rec
            lines.append(line)
        kept = b"".join(lines)
    if kept != data and data.startswith(kept):
        os.truncate(out, len(kept))  # only a cut tail to drop: no second copy on a disk that may be full
    elif kept != data:
        write_atomic(out, kept)
    return done


class Sink:
    """Appends records to the output as they come (JSON lines, or CSV rows), each record written
    whole with one system call and flushed, so an interruption never leaves more than one line cut."""

    def __init__(self, out: Path | None, resume: bool) -> None:
        self.out = out
        self.fd: int | None = None
        self.csv = out is not None and out.suffix.lower() == ".csv"
        if out is None:
            return
        append = resume and out.exists() and out.stat().st_size > 0
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
        self.fd = os.open(out, flags, 0o644)
        if self.csv and not append:
            # a new CSV starts with a BOM so that Excel reads it as UTF-8; appending adds none
            self._write("\ufeff" + self._rows([], header=True))

    def _rows(self, rows: list[dict[str, Any]], header: bool = False) -> str:
        buf = io.StringIO(newline="")
        writer = csv.DictWriter(buf, CSV_FIELDS)
        if header:
            writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()

    def _write(self, text: str) -> None:
        data = memoryview(text.encode("utf-8"))
        while data and self.fd is not None:
            n = os.write(self.fd, data)
            data = data[n:]

    def write(self, rec: dict[str, Any]) -> None:
        if self.fd is None:
            return
        if not self.csv:
            self._write(json.dumps(rec, ensure_ascii=False) + "\n")
            return
        if rec["status"] != "ok":
            rows = [{"file": rec["file"], "status": rec["status"], "reason": rec.get("reason"),
                     "message": rec.get("message")}]
        elif not rec["findings"]:
            rows = [{"file": rec["file"], "status": "ok"}]
        else:
            rows = [{"file": rec["file"], "status": "ok", **{k: f.get(k) for k in CSV_FIELDS[3:12]},
                     "at": "; ".join(x["at"] for x in f["figures"]),
                     "where": "; ".join(x.get("where", "") for x in f["figures"])} for f in rec["findings"]]
        self._write(self._rows(rows))

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
