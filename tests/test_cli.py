"""The command line, run as a user runs it: a subprocess, exit codes, stdout and stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jueSuan.fixtures.word import write_docx


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jueSuan", *args], capture_output=True, text=True, timeout=120)


def test_reconcile_published(published: Path) -> None:
    p = run("reconcile", str(published))
    assert p.returncode == 1
    assert "XT007" in p.stdout and "错误 error" in p.stdout
    assert "EC003" in p.stdout and "舍入 rounding" in p.stdout
    # the 基本支出 cell of table 5, as a person finds it (the grid index stays in the JSON)
    assert "2,026.81  一般公共预算财政拨款支出决算表 · 合计了 · 基本支出" in p.stdout
    assert p.stderr == ""


def test_reconcile_fixed_exits_zero(fixed: Path) -> None:
    p = run("reconcile", str(fixed))
    assert p.returncode == 0, p.stdout
    assert "error 0" in p.stdout


def test_fail_on(published: Path) -> None:
    assert run("reconcile", "--fail-on", "never", str(published)).returncode == 0
    assert run("reconcile", "--fail-on", "warning", str(published)).returncode == 1


def test_json(published: Path) -> None:
    p = run("reconcile", "--format", "json", str(published))
    doc = json.loads(p.stdout)
    assert doc["schema"] == "jueSuan/findings" and doc["version"] == 1
    rep = doc["reports"][0]
    assert rep["summary"]["error"] == 4 and rep["summary"]["rounding"] == 3
    f = next(f for f in rep["findings"] if f["rule"] == "XT007")
    assert f["left"] == "2026.81" and f["right"] == "3984.05" and f["difference"] == "-1957.24"
    assert [x["at"] for x in f["figures"]] == ["表格#6 R18C4", "表格#7 R39C3", "表格#7 R39C6"]
    assert rep["unplaced"][0]["reason"].startswith("table not recognised")


def _no_tables(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "notables.docx", ["上海市某单位2020年度部门决算情况说明"])


def _unrecognised(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "unknown.docx", [[["序号", ""], ["1", "12.00"]]])


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda tmp, pub: (tmp / "a.docx", (tmp / "a.docx").write_text("plain text\n")), "wrong-format"),
        (lambda tmp, pub: (tmp / "b.docx", (tmp / "b.docx").write_bytes(pub.read_bytes()[:3000])), "truncated"),
        (lambda tmp, pub: (_no_tables(tmp), None), "no-tables"),
        (lambda tmp, pub: (_unrecognised(tmp), None), "no-recognised-table"),
        (lambda tmp, pub: (tmp / "c.doc", (tmp / "c.doc").write_bytes(b"x")), "unsupported-format"),
        (lambda tmp, pub: (tmp / "missing.docx", None), "not-found"),
    ],
)
def test_unreadable_input_exit_2_one_line(tmp_path: Path, published: Path, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    path, _ = make(tmp_path, published)
    p = run("reconcile", str(path))
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    assert str(path) in lines[0] and f"[{reason}]" in lines[0]
    assert "Traceback" not in p.stderr


def test_folder_one_report_per_file(tmp_path: Path, published: Path, fixed: Path) -> None:
    for src in (published, fixed):
        (tmp_path / src.name).write_bytes(src.read_bytes())
    p = run("reconcile", "--format", "json", str(tmp_path))
    labels = [r["label"] for r in json.loads(p.stdout)["reports"]]
    assert [Path(x).name for x in labels] == ["songjiang-2020-fixed.docx", "songjiang-2020.docx"]
    assert p.returncode == 1


def test_rules_listing() -> None:
    p = run("rules")
    assert p.returncode == 0
    for rid in ("SU001", "CL004", "FA001", "EC003", "TP001", "AS001", "XT007", "DC001"):
        assert rid in p.stdout
