"""A batch survives faults: a worker killed is replaced and its file retried once, then recorded
``worker-died``; ``--retry-failed`` checks such files again; a last line cut at any byte is redone;
a second run on the same ``--out`` is refused; Ctrl-C stops at once with one line and an output that
``--resume`` continues; reasons are exact; whatever cannot be read in a folder is listed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from jueSuan.batch import Limits, batch
from jueSuan.batch_output import OutputLock, prepare_resume
from jueSuan.isolate import can_fork

from .conftest import ROOT, SAMPLES

PDF = SAMPLES / "songjiang-2020.pdf"  # about half a second to check
forking = pytest.mark.skipif(not can_fork(), reason="files are checked in forked children only where fork exists")


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jueSuan", "batch", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def _records(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_entries_that_are_not_files_are_listed_with_their_reason(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "songjiang-2020.docx", tmp_path / "good.docx")
    os.mkfifo(tmp_path / "pipe.pdf")
    (tmp_path / "dangling.docx").symlink_to(tmp_path / "gone.docx")
    (tmp_path / "loop.xlsx").symlink_to(tmp_path / "loop.xlsx")
    records: list[dict[str, object]] = []
    start = time.perf_counter()
    batch([tmp_path], jobs=2, on_record=records.append)
    assert time.perf_counter() - start < 60  # the FIFO is not opened
    reasons = {Path(str(r["file"])).name: r.get("reason", r["status"]) for r in records}
    assert reasons == {"good.docx": "ok", "pipe.pdf": "not-a-file", "dangling.docx": "not-found",
                       "loop.xlsx": "not-a-file"}


@forking
def test_a_timeout_is_recorded_as_timeout(tmp_path: Path) -> None:
    records: list[dict[str, object]] = []
    batch([PDF], jobs=1, limits=Limits(timeout=0.05), on_record=records.append)
    assert [(r["status"], r["reason"]) for r in records] == [("unreadable", "timeout")]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":  # a zombie is already dead
                found.append(int(entry.name))
    return found


class _Killer(threading.Thread):
    """Kills the first ``n`` new child processes of this process that it sees (not those that were
    there before it started: another test's helpers)."""

    def __init__(self, n: int) -> None:
        super().__init__(daemon=True)
        self.n, self.killed, self.stop = n, [], threading.Event()
        self.before = set(_children(os.getpid()))

    def run(self) -> None:
        while not self.stop.is_set() and len(self.killed) < self.n:
            for pid in _children(os.getpid()):
                if pid not in self.killed and pid not in self.before and len(self.killed) < self.n:
                    os.kill(pid, signal.SIGKILL)
                    self.killed.append(pid)
            time.sleep(0.005)


@forking
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")
def test_a_killed_worker_is_replaced_retried_once_then_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PDF, folder / "a.pdf")
    shutil.copy(SAMPLES / "songjiang-2020.docx", folder / "b.docx")
    out = tmp_path / "out.jsonl"
    killer = _Killer(2)  # a.pdf's worker, then the one retrying it
    killer.start()
    try:
        summary = batch([folder], jobs=1, out=out)
    finally:
        killer.stop.set()
        killer.join()
    assert len(killer.killed) == 2
    by_name = {Path(str(r["file"])).name: r for r in _records(out)}
    assert by_name["a.pdf"]["reason"] == "worker-died" and "SIGKILL" in str(by_name["a.pdf"]["message"])
    assert by_name["b.docx"]["status"] == "ok"  # the run went on
    assert summary.files == 2
    # --resume alone keeps the record; with --retry-failed the file is checked again
    resumed = batch([folder], jobs=1, out=out, resume=True)  # nothing run again; the summary counts both
    assert (resumed.skipped, resumed.files, resumed.unreadable["worker-died"]) == (2, 2, 1)
    again = batch([folder], jobs=1, out=out, resume=True, retry_failed=True)
    assert (again.skipped, again.files, again.ok) == (1, 2, 2) and not again.unreadable
    records = _records(out)
    assert sorted(Path(str(r["file"])).name for r in records) == ["a.pdf", "b.docx"]
    assert all(r["status"] == "ok" for r in records)


def test_a_cut_last_line_is_dropped_at_any_byte(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    files = [SAMPLES / "songjiang-2020.docx", SAMPLES / "songjiang-2020-fixed.docx"]
    batch(files, jobs=1, out=out)
    whole = out.read_bytes()
    first_end = whole.index(b"\n") + 1
    first = json.loads(whole[:first_end])["file"]
    assert any(b >= 0x80 for b in whole[first_end:])  # the last line holds multi-byte characters
    for cut in range(first_end, len(whole) - 1):
        out.write_bytes(whole[:cut])
        assert set(prepare_resume(out)) == {first}, cut
        assert out.read_bytes() == whole[:first_end], cut
    out.write_bytes(whole[:-1])  # even the newline alone missing: the line is redone
    assert set(prepare_resume(out)) == {first}


def test_resume_after_a_cut_inside_a_character(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("songjiang-2020.docx", "songjiang-2020-fixed.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    out = tmp_path / "out.jsonl"
    _cli(str(folder), "--jobs", "1", "--out", str(out))
    whole = out.read_bytes()
    cut = next(i for i in range(len(whole) - 1, 0, -1) if whole[i] >= 0xC0) + 1  # inside a UTF-8 sequence
    out.write_bytes(whole[:cut])
    p = _cli(str(folder), "--out", str(out), "--resume")
    assert "Traceback" not in p.stderr and "skipped as already done 1" in p.stdout, p.stdout + p.stderr
    records = _records(out)
    assert sorted(Path(str(r["file"])).name for r in records) == ["songjiang-2020-fixed.docx", "songjiang-2020.docx"]


def test_resume_of_a_csv_cut_mid_row(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    files = [SAMPLES / "songjiang-2020-fixed.docx", SAMPLES / "songjiang-2020.docx"]
    batch(files, jobs=1, out=out)
    whole = out.read_bytes()
    out.write_bytes(whole[:-7])
    done = set(prepare_resume(out))
    assert done == {str(files[0])} or done == {str(files[0]), str(files[1])}
    assert out.read_bytes().endswith(b"\n")


def test_a_second_run_on_the_same_out_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    lock = OutputLock(out)
    try:
        p = _cli(str(SAMPLES / "songjiang-2020-fixed.docx"), "--out", str(out))
        lines = p.stderr.strip().splitlines()
        assert p.returncode == 2 and len(lines) == 1 and "another jueSuan batch run" in lines[0], p.stderr
        assert not out.exists()
    finally:
        lock.release()
    p = _cli(str(SAMPLES / "songjiang-2020-fixed.docx"), "--out", str(out))
    assert p.returncode == 0 and len(_records(out)) == 1
    assert not (tmp_path / ".out.jsonl.lock").exists()


@forking
def test_ctrl_c_stops_at_once_with_one_line_and_a_resumable_output(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(8):
        shutil.copy(PDF, folder / f"{i}.pdf")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "jueSuan", "batch", str(folder), "--jobs", "1", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (out.exists() and out.read_bytes().count(b"\n") >= 1):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    sent = time.monotonic()
    _, stderr = proc.communicate(timeout=30)
    stopped = time.monotonic() - sent
    assert proc.returncode == 130, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "interrupted" in lines[0] and "--resume" in lines[0], stderr
    assert stopped < 2.0, stopped
    done = _records(out)
    assert 1 <= len(done) < 8
    assert not _children(proc.pid)
    p = _cli(str(folder), "--jobs", "2", "--out", str(out), "--resume")
    assert f"skipped as already done {len(done)}" in p.stdout, p.stdout + p.stderr
    names = sorted(Path(str(r["file"])).name for r in _records(out))
    assert names == sorted(f"{i}.pdf" for i in range(8))


def test_an_in_process_timer_is_not_taken_for_a_malformed_pdf() -> None:
    """Where files are checked in-process (Dask, no fork) the timer's exception passes through the
    PDF reader's ``except Exception``: a timeout stays a timeout."""
    from jueSuan.batch import check_file
    from jueSuan.readers import reader_for

    reader_for(".pdf")  # imported beforehand: the timer goes off inside the reader, not in an import
    rec = check_file(str(PDF), limits=Limits(timeout=0.1))
    assert (rec["status"], rec["reason"]) == ("unreadable", "timeout"), rec
