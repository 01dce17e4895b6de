"""Every rule's cases (jueSuan/rules/cases), run through the real builders and reconcile: the rule
gives exactly the severities the case expects (none: it runs and stays silent). Every rule of the
registry has a case where it fires and one where it stays silent."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import jueSuan
from jueSuan.builders import build_report
from jueSuan.models import Report
from jueSuan.reconcile import default_rules
from jueSuan.rules.cases import Case, all_cases
from jueSuan.rules.cases.model import documents, from_blocks

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CASES = all_cases()


def report_of(case: Case) -> Report:
    report = build_report(documents(case, SAMPLES))
    if case.with_budget:
        report = attrs.evolve(report, budget=build_report([from_blocks(case.with_budget, "budget.docx")]))
    if case.with_previous:
        report = attrs.evolve(report, previous=build_report([from_blocks(case.with_previous, "previous.docx")]))
    return report


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{'fires' if c.fires else 'silent'}-{k}"
                                              for k, c in enumerate(CASES)])
def test_rule_case(case: Case) -> None:
    rule = {r.id: r for r in default_rules()}[case.rule]
    findings = jueSuan.reconcile(report_of(case), rules=[rule])
    skipped = {n.rule: n.reason for n in findings.not_applicable}
    assert case.rule not in skipped, f"{case.rule} did not run: {skipped.get(case.rule)}"
    got = sorted({f.severity.label for f in findings if f.rule == case.rule})
    assert got == sorted(set(case.expect)), [f.message for f in findings]


def test_every_rule_has_a_firing_and_a_silent_case() -> None:
    fires = {c.rule for c in CASES if c.fires}
    silent = {c.rule for c in CASES if not c.fires}
    ids = {r.id for r in default_rules()}
    assert {c.rule for c in CASES} <= ids, "a case names a rule that does not exist"
    assert sorted(ids - fires) == [], "rules without a case where they fire"
    assert sorted(ids - silent) == [], "rules without a case where they stay silent"
