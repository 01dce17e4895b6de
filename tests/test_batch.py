"""Batch mode over a folder: parallel, resumable, one bad file reported and skipped; the same
results from a local Dask cluster."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jueSuan.batch import Limits, batch, check_file

from .conftest import SAMPLES


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for name in ("songjiang-2020.docx", "songjiang-2020-fixed.docx", "songjiang-2020.xlsx", "pujin-perf-2023.docx"):
        shutil.copy(SAMPLES / name, d / name)
    (d / "sub").mkdir()
    (d / "sub" / "broken.docx").write_text("<html>not a document</html>", encoding="utf-8")
    (d / "sub" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (d / "notes.txt").write_text("ignored: not a disclosure format", encoding="utf-8")
    return d


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jueSuan", "batch", *args], capture_output=True, text=True,
                          timeout=300)


def test_batch_jsonl_summary_and_resume(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    p = _run(str(folder), "--jobs", "2", "--out", str(out))
    assert p.returncode == 2  # two files could not be read
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 6
    by_name = {Path(r["file"]).name: r for r in records}
    assert by_name["broken.docx"]["reason"] == "wrong-format"
    assert by_name["old.doc"]["reason"] == "unsupported-format"
    assert by_name["songjiang-2020.docx"]["counts"]["error"] == 4
    assert by_name["pujin-perf-2023.docx"]["evaluations"] == 4
    assert "files 6（正常 ok 4，无法读取 unreadable 2" in p.stdout and "wrong-format" in p.stdout and "XT007" in p.stdout
    (folder / "extra.docx").write_bytes((SAMPLES / "songjiang-2020-fixed.docx").read_bytes())
    again = _run(str(folder), "--out", str(out), "--resume")
    # the summary of a resumed run counts the earlier results too (7 files, 6 of them done before)
    assert "files 7（正常 ok 5，无法读取 unreadable 2，本次跳过（已完成）skipped as already done 6）" in again.stdout
    assert "有错误的文件 files with errors 2" in again.stdout and "XT007" in again.stdout
    assert again.returncode == 2  # the unreadable files of the first run still count
    assert len(out.read_text(encoding="utf-8").splitlines()) == 7


def test_batch_csv_rows(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    _run(str(folder), "--jobs", "1", "--out", str(out))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: Excel opens the Chinese as UTF-8
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["status"] for r in rows} == {"ok", "unreadable"}
    xt007 = [r for r in rows if r["rule"] == "XT007" and r["file"].endswith(".docx")]
    assert len(xt007) == 1 and xt007[0]["left"] == "2026.81" and "表格#6 R18C4" in xt007[0]["at"]
    assert "一般公共预算财政拨款支出决算表 · 合计了 · 基本支出" in xt007[0]["where"]
    again = _run(str(folder), "--out", str(out), "--resume")  # the earlier rows are read back, BOM and all
    assert "skipped as already done 6" in again.stdout and "files 6" in again.stdout and "XT007" in again.stdout
    assert out.read_bytes().count(b"\xef\xbb\xbf") == 1


def test_time_limit_ends_a_file_not_the_run(folder: Path) -> None:
    rec = check_file(str(folder / "songjiang-2020.docx"), limits=Limits(timeout=0.000001))
    assert rec["status"] == "unreadable" and rec["reason"] == "timeout"


def test_dask_engine_gives_the_local_results(folder: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    local: list[dict[str, object]] = []
    batch([folder], jobs=1, on_record=local.append)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote: list[dict[str, object]] = []
        batch([folder], engine="dask", scheduler=cluster.scheduler_address, on_record=remote.append)

    def strip(recs: list[dict[str, object]]) -> list[dict[str, object]]:
        return sorted(({k: v for k, v in r.items() if k != "ms"} for r in recs), key=lambda r: str(r["file"]))

    assert strip(local) == strip(remote) and len(local) == 6
