"""jueSuan held to the hand-built truth of every budget in ../shared/real (tests/truth/budgets): every
confirmed inconsistency found, no other error or warning.

A truth file names one report: ``file`` (one PDF) or ``files`` (Jiangsu's narrative file and tables
file, read together as one report). Entries marked ``narrative`` are matched by their words (``match``)
rather than by rule and line, and each is also tested on its own so that a miss names the sentence.
``tables_read`` (with ``reading_problems``) records a report whose tables are not all recognised today,
``unchecked_tables`` the tables whose figures are not all placed (BG008 says so): the test holds jueSuan
to what it reads, so a regression fails and a fix is noticed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import jueSuan
from jueSuan.findings import Finding, Findings, Severity

from .test_real_juesuan import matches

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real"
TRUTH = sorted((ROOT / "tests" / "truth" / "budgets").glob("*.json"))
_CACHE: dict[str, tuple[Any, Findings]] = {}


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def paths_of(truth: dict[str, Any]) -> list[Path]:
    return [REAL / f for f in truth.get("files", [truth.get("file")])]


def read_truth(truth: dict[str, Any]) -> tuple[Any, Findings]:
    paths = paths_of(truth)
    for path in paths:
        if not path.is_file():
            pytest.skip(f"{path} is absent (../shared/real not here)")
    key = "|".join(map(str, paths))
    if key not in _CACHE:
        report = jueSuan.read(*paths)
        _CACHE[key] = (report, jueSuan.reconcile(report))
    return _CACHE[key]


def entry_matches(f: Finding, item: dict[str, Any]) -> bool:
    """A finding counts for an entry: a narrative entry by its ``match``; a table entry by its rule,
    severity, table, line (or message) and difference."""
    if item.get("narrative"):
        return matches(f, item["match"])
    return (f.rule == item["rule"] and f.severity.label == item["severity"] and item["table"] in f.table
            and item["line"] in f.line + f.message
            and ("difference" not in item or f.difference == Decimal(item["difference"])))


def score(truth: dict[str, Any], findings: Findings) -> dict[str, Any]:
    """Recall over the entries (table entries and narrative entries apart) and the errors and warnings
    no entry accounts for."""
    items = truth["inconsistencies"]
    found = [any(entry_matches(f, i) for f in findings) for i in items]
    narrative = [i for i in items if i.get("narrative")]
    serious = [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)
               and not any(entry_matches(f, i) for i in narrative)]
    tables = [(i, ok) for i, ok in zip(items, found, strict=True) if not i.get("narrative")]
    expected = [i for i, _ in tables if i["severity"] in ("error", "warning")]
    return {"recall_tables": (sum(ok for _, ok in tables), len(tables)),
            "recall_narrative": (sum(ok for i, ok in zip(items, found, strict=True) if i.get("narrative")),
                                 len(narrative)),
            "missing": [i for i, ok in tables if not ok],
            "unexpected": len(serious) - len(expected), "serious": serious,
            "false_errors": [f for f in findings if f.severity is Severity.ERROR
                             and not any(entry_matches(f, i) for i in items)]}


@pytest.mark.parametrize("truth_file", TRUTH, ids=lambda p: p.stem)
def test_budget_findings_match_the_truth(truth_file: Path) -> None:
    truth = _load(truth_file)
    report, findings = read_truth(truth)
    assert report.kind is not None and report.kind.value == truth["kind"]
    assert len(report.tables) == truth.get("tables_read", truth["tables"]), [t.kind.short for t in report.tables]
    s = score(truth, findings)
    assert not s["missing"], f"not found: {s['missing']}"
    # the tables not fully read are said to be so (BG008 unchecked), and no other
    assert sorted(f.table for f in findings if f.rule == "BG008") == sorted(truth.get("unchecked_tables", []))
    assert s["unexpected"] == 0, [f"{f.rule} {f.message}" for f in s["serious"]]


def _narrative_entries() -> list[Any]:
    out = []
    for p in TRUTH:
        for i, e in enumerate(_load(p)["inconsistencies"]):
            if e.get("narrative"):
                out.append(pytest.param(p, i, id=f"{p.stem}:{e.get('id', i)}"))
    return out


@pytest.mark.parametrize(("truth_file", "index"), _narrative_entries())
def test_budget_narrative_entry_found(truth_file: Path, index: int) -> None:
    truth = _load(truth_file)
    item = truth["inconsistencies"][index]
    _, findings = read_truth(truth)
    assert any(entry_matches(f, item) for f in findings), item["where"]


def test_every_real_budget_has_a_truth_file() -> None:
    """Each budget PDF of ../shared/real is named by exactly one truth file."""
    if not REAL.exists():
        pytest.skip("../shared/real is absent")
    named = [p for t in TRUTH for p in paths_of(_load(t))]
    assert len(named) == len(set(named))
    budgets = sorted((REAL / "shanghai-budgets").glob("*.pdf")) + sorted((REAL / "jiangsu-budgets").glob("*.pdf"))
    assert sorted(budgets) == sorted(named)
