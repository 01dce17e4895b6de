"""jueSuan held to the hand-built truth of every Shanghai budget in ../shared/real (tests/truth/budgets):
every confirmed inconsistency found, no other error or warning."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import jueSuan
from jueSuan.findings import Severity

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real"
TRUTH = sorted((ROOT / "tests" / "truth" / "budgets").glob("*.json"))


@pytest.mark.parametrize("truth_file", TRUTH, ids=lambda p: p.stem)
def test_budget_findings_match_the_truth(truth_file: Path) -> None:
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    path = REAL / truth["file"]
    if not path.is_file():
        pytest.skip(f"{path} is absent (../shared/real not here)")
    report = jueSuan.read(path)
    assert report.kind is not None and report.kind.value == truth["kind"]
    assert len(report.tables) == truth["tables"]
    findings = list(jueSuan.reconcile(report))
    for item in truth["inconsistencies"]:
        hits = [f for f in findings if f.rule == item["rule"] and f.severity.label == item["severity"]
                and item["table"] in f.table and item["line"] in f.line + f.message
                and ("difference" not in item or f.difference == Decimal(item["difference"]))]
        assert hits, f"not found: {item}"
    serious = [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    expected = [i for i in truth["inconsistencies"] if i["severity"] in ("error", "warning")]
    assert len(serious) == len(expected), [f.message for f in serious]
