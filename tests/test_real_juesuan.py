"""jueSuan held to the truth files of the real 决算 (tests/truth/*.json, built by hand from two independent
passes): every entry found, no other error. Narrative entries (marked ``narrative``) are tested one by one."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import jueSuan
from jueSuan.findings import Finding, Findings, Severity

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
TRUTH = Path(__file__).resolve().parent / "truth"
TRUTHS = sorted(TRUTH.glob("*.json"))
pytestmark = pytest.mark.skipif(not REAL.exists(), reason="../shared/real (real published documents) is absent")


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def matches(f: Finding, match: dict[str, Any]) -> bool:
    """A finding counts for a truth entry: its rule or rule family, its severity, the words it holds."""
    rules, families = match.get("rules"), match.get("families")
    if rules and f.rule not in rules:
        return False
    if families and not any(f.rule.startswith(fam) for fam in families):
        return False
    if f.severity.label not in match.get("severities", [f.severity.label]):
        return False
    text = f"{f.table} {f.line} {f.message}"
    if not all(w in text for w in match.get("contains", [])):
        return False
    return not match.get("contains_any") or any(w in text for w in match["contains_any"])


_CACHE: dict[str, Findings] = {}


def findings_for(truth: dict[str, Any]) -> Findings:
    doc = REAL / truth["document"]
    if not doc.exists():
        pytest.skip(f"{truth['document']} is absent from ../shared/real")
    if truth["document"] not in _CACHE:
        _CACHE[truth["document"]] = jueSuan.reconcile(jueSuan.read(doc))
    return _CACHE[truth["document"]]


def score(truth: dict[str, Any], fs: Findings) -> dict[str, Any]:
    """Recall over the entries (narrative ones apart), and the errors no entry accounts for."""
    entries = truth.get("entries", [])
    found = {e["id"]: any(matches(f, e["match"]) for f in fs) for e in entries}
    expected = set(truth.get("expect_counts", {}))
    false_errors = [f for f in fs if f.severity is Severity.ERROR and f.rule not in expected
                    and not any(matches(f, e["match"]) for e in entries)]
    tables = [e["id"] for e in entries if not e.get("narrative")]
    narrative = [e["id"] for e in entries if e.get("narrative")]
    return {
        "recall_tables": (sum(found[i] for i in tables), len(tables)),
        "recall_narrative": (sum(found[i] for i in narrative), len(narrative)),
        "false_errors": false_errors,
        "found": found,
    }


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.stem)
def test_every_entry_found_no_other_error(truth_path: Path) -> None:
    truth = _load(truth_path)
    fs = findings_for(truth)
    s = score(truth, fs)
    print(f"\n{truth_path.stem}: table/document entries {s['recall_tables'][0]}/{s['recall_tables'][1]}, "
          f"narrative entries {s['recall_narrative'][0]}/{s['recall_narrative'][1]}, false errors {len(s['false_errors'])}")
    assert not s["false_errors"], "\n".join(f"{f.rule} {f.message}" for f in s["false_errors"])
    found, total = s["recall_tables"]
    assert found == total, [i for i, ok in s["found"].items() if not ok]
    counts = Counter(f.rule for f in fs if f.severity is Severity.ERROR)
    for rule_id, n in truth.get("expect_counts", {}).items():
        assert counts[rule_id] == n, (rule_id, counts[rule_id], n)


def _narrative_entries() -> list[Any]:
    out = []
    for p in TRUTHS:
        for e in _load(p).get("entries", []):
            if e.get("narrative"):
                out.append(pytest.param(p, e["id"], id=f"{p.stem}:{e['id']}"))
    return out


@pytest.mark.parametrize(("truth_path", "entry_id"), _narrative_entries())
def test_narrative_entry_found(truth_path: Path, entry_id: str) -> None:
    truth = _load(truth_path)
    entry = next(e for e in truth["entries"] if e["id"] == entry_id)
    assert any(matches(f, entry["match"]) for f in findings_for(truth)), entry["explanation"]


def test_matching_is_strict() -> None:
    """A finding of another rule, severity or place does not count for an entry."""
    truth = _load(TRUTH / "putuo-wenlv-2025-juesuan.json")
    entry = truth["entries"][0]
    fs = findings_for(truth)
    hit = next(f for f in fs if matches(f, entry["match"]))
    assert not matches(hit, {**entry["match"], "rules": ["XT005"]})
    assert not matches(hit, {**entry["match"], "severities": ["warning"]})
    assert not matches(hit, {**entry["match"], "contains": ["2070904 地方旅游开发项目补助（不在此处）"]})
