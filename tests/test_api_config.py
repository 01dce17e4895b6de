"""The library API, configuration, assert_reconciled and the pytest plugin, as users use them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import jueSuan
from jueSuan.config import ConfigError, load
from jueSuan.testing import ReconcileFailure, assert_reconciled

from .conftest import ROOT, SAMPLES


def test_findings_filter_and_rows(published: Path) -> None:
    findings = jueSuan.reconcile(jueSuan.read(published))
    errors = findings.filter(severity=jueSuan.Severity.ERROR)
    assert {f.rule for f in errors} == {"XT007", "NR001", "NR005"}
    assert {f.rule for f in findings.filter(rule=["EC003"])} == {"EC003"}
    assert all("基本支出决算表" in f.table for f in findings.filter(table="基本支出决算表"))
    rows = findings.to_dicts()
    assert rows[0].keys() >= {"rule", "severity", "table", "line", "left", "right", "difference", "bound", "figures"}


def test_config_select_ignore_severity_and_tolerance(tmp_path: Path, published: Path) -> None:
    (tmp_path / "jueSuan.toml").write_text(
        'select = ["EC", "XT007"]\nignore = ["EC003"]\n[severity]\nXT007 = "warning"\n', encoding="utf-8")
    cfg = load(start=tmp_path)
    findings = jueSuan.reconcile(jueSuan.read(published), cfg)
    assert {(f.rule, f.severity.label) for f in findings} == {("XT007", "warning")}
    strict = load(start=tmp_path).__class__(tolerance=jueSuan.config.Tolerance("none"))
    ec = {f.severity.label for f in jueSuan.reconcile(jueSuan.read(published), strict).filter(rule="EC003")}
    assert ec == {"error"}  # with no rounding allowance the 0.01 misses become errors


def test_pyproject_table_and_errors(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.jueSuan]\nignore = "NR009, DC"\nfail-on = "warning"\n',
                                             encoding="utf-8")
    cfg = load(start=tmp_path / "sub" if (tmp_path / "sub").mkdir() is None else tmp_path)
    assert cfg.ignore == ("NR009", "DC") and cfg.fail_on == "warning"
    (tmp_path / "bad.toml").write_text('select = ["SU"]\nfail_on = "sometimes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="fail-on"):
        load(tmp_path / "bad.toml")
    (tmp_path / "typo.toml").write_text('selct = ["SU"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key"):
        load(tmp_path / "typo.toml")


def test_cli_select_ignore_config(tmp_path: Path, published: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "jueSuan", "reconcile", *args], capture_output=True, text=True,
                              cwd=tmp_path, timeout=120)

    assert run("--select", "EC", str(published)).returncode == 0  # only rounding in table 6
    assert run("--ignore", "XT007,NR", str(published)).returncode == 0
    (tmp_path / "c.toml").write_text('[severity]\nXT007 = "info"\nNR001 = "info"\nNR005 = "info"\n', encoding="utf-8")
    assert run("--config", str(tmp_path / "c.toml"), str(published)).returncode == 0
    bad = run("--config", str(tmp_path / "missing.toml"), str(published))
    assert bad.returncode == 2 and "missing.toml" in bad.stderr and "Traceback" not in bad.stderr


def test_assert_reconciled(fixed: Path, published: Path) -> None:
    assert_reconciled(fixed)
    with pytest.raises(AssertionError) as info:
        assert_reconciled(published)
    text = str(info.value)
    assert "4 finding(s) at or above error" in text and "XT007" in text
    assert "2020年度一般公共预算财政拨款基本支出决算表 · 人员经费合计 · 决算数" in text
    assert_reconciled(published, ignore=("XT007", "NR001", "NR005"))
    with pytest.raises(AssertionError):
        assert_reconciled(fixed, fail_on="warning")  # the 0.00% completion warnings


def test_pytest_plugin_one_item_per_file() -> None:
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".docx", ".xlsx", ".xls", ".pdf"})
    p = subprocess.run([sys.executable, "-m", "pytest", "--juesuan", str(SAMPLES), "-p", "no:cacheprovider",
                        "--juesuan-ignore", "NR009"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (passed|failed)", p.stdout.strip().splitlines()[-1])}
    passed, failed = counts.get("passed", 0), counts.get("failed", 0)
    assert passed + failed == len(files), p.stdout[-2000:]
    assert failed >= 3  # songjiang-2020 (.docx, .xlsx, .xls) and jiading have errors
    assert "songjiang-2020.docx" in p.stdout


def _folder_with_config(tmp_path: Path, published: Path, config: str) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / published.name).write_bytes(published.read_bytes())
    (folder / "jueSuan.toml").write_text(config, encoding="utf-8")
    return folder / published.name


def test_one_configuration_for_every_entry_point(tmp_path: Path, published: Path) -> None:
    """The jueSuan.toml beside a file is honoured by the CLI, assert_reconciled and pytest --juesuan alike."""
    doc = _folder_with_config(tmp_path, published, 'ignore = ["XT007", "nr"]\nfail-on = "error"\n')
    assert_reconciled(doc)  # found from the file's folder, whatever the current folder
    cli = subprocess.run([sys.executable, "-m", "jueSuan", "reconcile", doc.name], capture_output=True, text=True,
                         cwd=doc.parent, timeout=120)
    assert cli.returncode == 0, cli.stdout
    plugin = subprocess.run([sys.executable, "-m", "pytest", "--juesuan", str(doc), "-p", "no:cacheprovider"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert "1 passed" in plugin.stdout, plugin.stdout[-1500:]
    assert "决算核对" in plugin.stdout  # the pytest header, in Chinese
    (doc.parent / "jueSuan.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    with pytest.raises(AssertionError):
        assert_reconciled(doc)  # the configuration's fail-on, accepted down to info
    (doc.parent / "jueSuan.toml").write_text('select = ["NOPE"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="NOPE"):
        assert_reconciled(doc)  # the same refusal as the CLI's


def test_failure_carries_the_findings_as_data(published: Path) -> None:
    with pytest.raises(ReconcileFailure) as info:
        assert_reconciled(published)
    failure = info.value
    assert isinstance(failure, AssertionError) and len(failure.findings) == 4
    cases = failure.failure_cases
    xt = next(c for c in cases if c["rule"] == "XT007")
    assert xt["difference"] == "-1957.24" and xt["severity"] == "error"
    assert xt["where"][1] == "2020年度一般公共预算财政拨款基本支出决算表 · 人员经费合计 · 决算数"


def test_assert_reconciled_hides_its_frames_and_plugin_read_errors_in_chinese(tmp_path: Path, published: Path) -> None:
    test = tmp_path / "test_user.py"
    test.write_text(f"from jueSuan.testing import assert_reconciled\n\n"
                    f"def test_it():\n    assert_reconciled({str(published)!r})\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "pytest", str(test), "-p", "no:cacheprovider", "--tb=long"],
                       capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert "1 failed" in p.stdout and "ReconcileFailure" in p.stdout
    assert "jueSuan/testing.py" not in p.stdout and "def assert_reconciled" not in p.stdout  # its own frames hidden
    broken = tmp_path / "broken.docx"
    broken.write_text("not a document", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "pytest", "--juesuan", str(broken), "-p", "no:cacheprovider"],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert "1 failed" in p.stdout and "无法读取" in p.stdout and "[wrong-format]" in p.stdout
