"""A bounded ``reconcile``: past its time or memory limit, or when the process reading dies, one line
and exit 2, never a dead terminal; output written atomically; a full disk is one line; file names
with control characters are escaped in error lines."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from jueSuan.isolate import WorkLimits, bounded, can_fork, work_limits
from jueSuan.readers import ReadError

from .conftest import ROOT, SAMPLES
from .make_hostile import _cell_bomb_docx, minimal_docx, write_zip

pytestmark = pytest.mark.skipif(not can_fork(), reason="the bounded reconcile forks; this platform cannot")

PDF = SAMPLES / "songjiang-2020.pdf"  # reading it takes about half a second
DOCX = SAMPLES / "songjiang-2020.docx"


def _cli(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT,
         stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jueSuan", *args], stdout=stdout, stderr=subprocess.PIPE, text=True,
                          timeout=120, env={**os.environ, **(env or {})}, cwd=cwd)


def _one_line(p: subprocess.CompletedProcess[str]) -> str:
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in p.stderr, p.stderr
    return lines[0]


def test_time_limit_is_one_line_exit_2() -> None:
    start = time.perf_counter()
    p = _cli("reconcile", str(PDF), "--timeout", "0.05")
    elapsed = time.perf_counter() - start
    line = _one_line(p)
    assert p.returncode == 2 and line.endswith("[timeout]") and str(PDF) in line, line
    assert elapsed < 10


def test_time_limit_from_the_environment_and_the_configuration(tmp_path: Path) -> None:
    p = _cli("reconcile", str(PDF), env={"JUESUAN_TIMEOUT": "0.05"})
    assert p.returncode == 2 and _one_line(p).endswith("[timeout]")
    config = tmp_path / "jueSuan.toml"
    config.write_text("timeout = 0.05\n", encoding="utf-8")
    p = _cli("reconcile", str(PDF), "--config", str(config))
    assert p.returncode == 2 and _one_line(p).endswith("[timeout]")
    ok = _cli("reconcile", str(DOCX), "--config", str(config), "--timeout", "60")  # the option wins
    assert ok.returncode == 1 and ok.stderr == ""


def test_limits_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    from jueSuan.config import Config

    monkeypatch.delenv("JUESUAN_TIMEOUT", raising=False)
    monkeypatch.delenv("JUESUAN_MEMORY_MB", raising=False)
    assert work_limits() == WorkLimits(120.0, 2048)
    assert work_limits(config=Config(timeout=5, memory_mb=300)) == WorkLimits(5.0, 300)
    monkeypatch.setenv("JUESUAN_MEMORY_MB", "700")
    assert work_limits(7, None, Config(timeout=5, memory_mb=300)) == WorkLimits(7.0, 700)


def test_memory_limit_is_one_line_exit_2(tmp_path: Path) -> None:
    """A table of 200,000 cells (under the default cell limit) read with 40 MB: refused for memory;
    read without a limit, it gets as far as recognising tables."""
    big = tmp_path / "big-table.docx"
    write_zip(big, minimal_docx(_cell_bomb_docx(20_000, 10)))
    p = _cli("reconcile", str(big), "--memory-mb", "40")
    line = _one_line(p)
    assert p.returncode == 2 and line.endswith("[too-large]") and "40 MB" in line, line
    free = _cli("reconcile", str(big), "--memory-mb", "0")
    assert free.returncode == 2 and _one_line(free).endswith("[no-recognised-table]")


def test_a_native_crash_is_a_reason_not_a_dead_process() -> None:
    with pytest.raises(ReadError) as exc:
        bounded(ctypes.string_at, 0, label="native.pdf")  # reads address 0: SIGSEGV in the child
    assert exc.value.reason.value == "crashed" and "SIGSEGV" in str(exc.value)
    assert bounded(sum, [1, 2, 3]) == 6  # and the parent goes on


def test_the_child_returns_the_same_report_as_in_process() -> None:
    import jueSuan
    from jueSuan.isolate import reconcile_bounded

    [(label, report, findings)] = reconcile_bounded([str(DOCX)])
    assert label == str(DOCX)
    direct = jueSuan.reconcile(jueSuan.read(DOCX))
    assert [f.to_dict() for f in findings] == [f.to_dict() for f in direct]
    assert len(report.tables) == 10


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    start = time.perf_counter()
    p = _cli("reconcile", str(fifo))
    assert time.perf_counter() - start < 10
    assert p.returncode == 2 and _one_line(p).endswith("[not-a-file]")
    folder = _cli("reconcile", str(tmp_path))  # in a folder too: listed, not skipped
    assert folder.returncode == 2 and _one_line(folder).endswith("[not-a-file]")


def test_control_characters_in_names_are_escaped(tmp_path: Path) -> None:
    name = tmp_path / "evil\nname\x1b[31m\r.docx"
    name.write_bytes(b"not a zip")
    p = _cli("reconcile", str(name))
    line = _one_line(p)
    assert "\x1b" not in p.stderr and "\r" not in p.stderr
    assert "evil\\nname\\x1b[31m\\r.docx" in line and line.endswith("[wrong-format]")


def _valid_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.testzip() is None and "xl/workbook.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def test_concurrent_xlsx_reports_to_one_path_leave_a_whole_workbook(tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    procs = [subprocess.Popen([sys.executable, "-m", "jueSuan", "reconcile", str(DOCX), "--format", "xlsx", "-o",
                               str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
             for _ in range(4)]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [1, 1, 1, 1]
    assert _valid_xlsx(out)
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]  # no temporary file left


@contextlib.contextmanager
def _tiny_tmpfs(tmp_path: Path, size: str = "32k") -> Iterator[Path]:
    mnt = tmp_path / "full"
    mnt.mkdir()
    if not shutil.which("mount") or os.geteuid() != 0:
        pytest.skip("mounting a tiny tmpfs needs root")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode(errors='replace').strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


def test_a_full_disk_is_one_line_and_the_old_file_intact(tmp_path: Path) -> None:
    with _tiny_tmpfs(tmp_path) as disk:
        out = disk / "report.html"
        out.write_text("previous report\n", encoding="utf-8")
        p = _cli("reconcile", str(DOCX), "--format", "html", "-o", str(out))
        line = _one_line(p)
        assert p.returncode == 2 and "[write-failed]" in line and "No space left" in line, line
        assert out.read_text(encoding="utf-8") == "previous report\n"
        assert [x.name for x in disk.iterdir()] == ["report.html"]


def test_stdout_on_a_full_device_is_one_line() -> None:
    with open("/dev/full", "w") as full:
        p = _cli("reconcile", str(DOCX), stdout=full.fileno())
    line = _one_line(p)
    assert p.returncode == 2 and "[write-failed]" in line and "No space left" in line, line


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the child through /proc")
def test_ctrl_c_during_a_reconcile_is_one_line(tmp_path: Path) -> None:
    from .test_batch_faults import _children

    proc = subprocess.Popen([sys.executable, "-m", "jueSuan", "reconcile", str(PDF), "--timeout", "60"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _children(proc.pid) and proc.poll() is None:
        time.sleep(0.01)
    child = _children(proc.pid)
    assert child, "the work ran in a child process"
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130 and stderr == "jueSuan: 已中断 interrupted\n", stderr
    assert not Path(f"/proc/{child[0]}").exists() or "zombie" in Path(f"/proc/{child[0]}/status").read_text().lower()


def test_a_full_disk_under_a_batch_out_is_one_line(tmp_path: Path) -> None:
    from jueSuan.batch_output import prepare_resume

    with _tiny_tmpfs(tmp_path, "8k") as disk:
        out = disk / "results.jsonl"
        p = _cli("batch", str(DOCX), str(SAMPLES / "songjiang-2020-fixed.docx"), "--jobs", "1", "--out", str(out))
        line = _one_line(p)
        assert p.returncode == 2 and line.endswith("[write-failed]") and "No space left" in line, line
        assert [x.name for x in disk.iterdir()] == ["results.jsonl"]  # the lock is gone
        assert not prepare_resume(out) or out.read_bytes().endswith(b"\n")  # a cut line is redone
