"""The command line as ruff users expect it: rule selection that refuses what does not exist, the
usual switches, the CI formats, one rule explained; the text output for a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import jueSuan
from jueSuan.findings import Severity
from jueSuan.render.text import width


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "jueSuan", *args], capture_output=True, text=True, timeout=180,
                          env=full_env, cwd=cwd)


@pytest.mark.parametrize("args", [("--select", "NOPE123"), ("--ignore", "XT007,ZZ"), ("--select", "nr,QQ9")])
def test_unknown_rules_are_a_usage_error(published: Path, args: tuple[str, ...]) -> None:
    p = run("reconcile", *args, str(published))
    assert p.returncode == 2 and p.stdout == ""
    bad = [x for x in args[1].split(",") if x.upper() not in ("XT007", "NR")]
    assert all(repr(b) in p.stderr for b in bad) and "未知的规则" in p.stderr and "Traceback" not in p.stderr


def test_unknown_rules_in_configuration(tmp_path: Path, published: Path) -> None:
    (tmp_path / "jueSuan.toml").write_text('select = ["nope"]\n', encoding="utf-8")
    p = run("reconcile", str(published), cwd=tmp_path)
    assert p.returncode == 2 and "'nope'" in p.stderr and "jueSuan.toml" in p.stderr
    (tmp_path / "jueSuan.toml").write_text('[severity]\nXT999 = "info"\n', encoding="utf-8")
    p = run("reconcile", str(published), cwd=tmp_path)
    assert p.returncode == 2 and "'XT999'" in p.stderr  # a severity override for a rule that does not exist


def test_ids_are_case_insensitive(tmp_path: Path, published: Path) -> None:
    p = run("reconcile", "--select", "xt007", "--output-format", "json", str(published))
    assert p.returncode == 1
    assert {f["rule"] for f in json.loads(p.stdout)["reports"][0]["findings"]} == {"XT007"}
    (tmp_path / "jueSuan.toml").write_text('[severity]\nxt007 = "info"\n', encoding="utf-8")
    p = run("reconcile", "--select", "Xt", "--output-format", "json", str(published), cwd=tmp_path)
    sev = {f["severity"] for f in json.loads(p.stdout)["reports"][0]["findings"] if f["rule"] == "XT007"}
    assert p.returncode == 0 and sev == {"info"}


def test_version_quiet_statistics_settings(published: Path, fixed: Path) -> None:
    v = run("--version")
    assert v.returncode == 0 and v.stdout.startswith("jueSuan ")
    q = run("reconcile", "-q", str(published))
    assert q.returncode == 1 and "XT007" in q.stdout and "结果 summary" not in q.stdout and "不适用" not in q.stdout
    s = run("reconcile", "--statistics", str(published))
    rows = {line.split()[1]: line.split()[0] for line in s.stdout.splitlines()[2:] if line.strip()}
    assert s.returncode == 1 and rows["XT007"] == "1" and rows["EC003"] == "3"
    st = run("reconcile", "--show-settings", "--ignore", "nr009", "--fail-on", "INFO", str(published))
    assert st.returncode == 0 and "nr009" in st.stdout and "info" in st.stdout and "XT007" in st.stdout
    assert "NR009" not in st.stdout.split("rules run")[1]
    # --fail-on info: the fixed document's info findings now fail it
    assert run("reconcile", "--fail-on", "info", str(fixed)).returncode == 1
    assert run("reconcile", "--fail-on", "error", str(fixed)).returncode == 0


def test_ci_formats(published: Path, tmp_path: Path) -> None:
    lines = [json.loads(x) for x in run("reconcile", "--output-format", "jsonl", str(published)).stdout.splitlines()]
    xt = next(x for x in lines if x["rule"] == "XT007")
    assert xt["severity"] == "error" and xt["figures"][0]["where"].startswith("一般公共预算财政拨款支出决算表")

    sarif = json.loads(run("reconcile", "--output-format", "sarif", str(published)).stdout)
    assert sarif["version"] == "2.1.0"
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "XT007")
    assert result["level"] == "error" and result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "songjiang-2020.docx")
    assert "人员经费合计" in result["relatedLocations"][0]["logicalLocations"][0]["fullyQualifiedName"]
    assert any(r["id"] == "XT007" for r in sarif["runs"][0]["tool"]["driver"]["rules"])

    junit = ET.fromstring(run("reconcile", "--format", "junit", str(published)).stdout)
    suite = junit.find("testsuite")
    assert suite is not None and int(suite.get("failures", "0")) >= 3
    case = next(c for c in suite.iter("testcase") if c.get("name", "").startswith("XT007"))
    assert case.find("failure") is not None
    assert any(c.find("skipped") is not None for c in suite.iter("testcase"))  # PF rules: no 绩效自评表

    gh = run("reconcile", "--output-format", "github", str(published)).stdout.splitlines()
    xt_line = next(x for x in gh if "XT007" in x)
    assert xt_line.startswith("::error file=") and "title=jueSuan XT007 error::" in xt_line and "NR009" not in "".join(gh)


def test_rule_explained() -> None:
    p = run("rule", "xt007")
    assert p.returncode == 0 and p.stdout.startswith("XT007") and "cross.basic_personnel_public" in p.stdout
    assert "Failing" in p.stdout  # its case from the catalogue
    bad = run("rule", "NOPE")
    assert bad.returncode == 2 and "NOPE" in bad.stderr


def test_text_summary_first_errors_first_info_with_verbose(published: Path) -> None:
    out = run("reconcile", str(published)).stdout.splitlines()
    assert out[1].startswith("结果 summary：错误 error 4 · 警告 warning 4")
    headings = [x for x in out if x.startswith("【")]
    assert headings[:3] == ["【错误 error：4】", "【警告 warning：4】", "【舍入 rounding：3】"]
    assert "NR009" not in "\n".join(out) and "（-v 显示）" in out[1]
    verbose = run("reconcile", "-v", str(published)).stdout
    infos = jueSuan.reconcile(jueSuan.read(published)).count(Severity.INFO)
    assert "NR009" in verbose and f"【提示 info：{infos}】" in verbose


def test_text_prints_the_narrative_coverage_under_the_summary(published: Path) -> None:
    out = run("reconcile", str(published)).stdout.splitlines()
    cov = jueSuan.read(published).coverage
    assert cov is not None and cov.found and cov.quoted > cov.checked > 0
    assert out[2].strip().startswith(f"情况说明 引用数字 {cov.quoted} · 已核对 {cov.checked} · "
                                     f"未核对 {cov.quoted - cov.checked}（")
    assert all(f"{why} {n}" in out[2] for why, n in cov.unchecked)


def test_cjk_alignment_and_the_all_clear_line(fixed: Path) -> None:
    stats = run("reconcile", "--statistics", str(fixed)).stdout.splitlines()
    # every row's description starts at the same display column, whatever the CJK before it
    starts = {width(line[: line.index(line.split("  ")[-1].strip())]) for line in stats[2:] if line.strip()}
    assert len(starts) == 1, stats
    clean = run("reconcile", "--ignore", "NR004", str(fixed))
    assert clean.returncode == 0 and "✓ 全部通过" in clean.stdout


def test_colour_on_request_and_no_color(published: Path) -> None:
    coloured = run("reconcile", str(published), env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[1;31m错误 error\x1b[0m" in coloured
    assert "\x1b[" not in run("reconcile", str(published), env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" not in run("reconcile", str(published)).stdout  # not a terminal
