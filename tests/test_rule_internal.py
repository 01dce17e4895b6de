"""A rule that raises does not sink the report: it becomes an ``internal`` finding for that rule,
and every other rule's findings are kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jueSuan
from jueSuan.findings import Finding, Severity
from jueSuan.reconcile import default_rules
from jueSuan.rules.engine import Check, Rule

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "songjiang-2020.docx"


def _raises(c: Check) -> Iterator[Finding]:
    yield from ()
    raise KeyError("收入支出决算总表\n本年收入合计")


BROKEN = Rule("XT999", "test.broken", Severity.ERROR, "测试用：总是出错的规则", "A rule that raises, for this test only.", (),
              _raises, "test")


def test_a_rule_that_raises_is_an_internal_finding_and_the_rest_is_kept() -> None:
    report = jueSuan.read(SAMPLE)
    alone = jueSuan.reconcile(report)
    assert any(f.severity is Severity.ERROR for f in alone)  # the sample has errors of its own
    both = jueSuan.reconcile(report, rules=[*default_rules(), BROKEN])
    internal = [f for f in both if f.severity is Severity.INTERNAL]
    assert [f.rule for f in internal] == ["XT999"]
    assert "KeyError" in internal[0].message and "\n" not in internal[0].message
    assert [f for f in both if f.rule != "XT999"] == list(alone)
    assert both.to_dicts()[[f.rule for f in both].index("XT999")]["severity"] == "internal"



def test_the_text_and_json_reports_show_the_internal_finding() -> None:
    from jueSuan.render import Outcome
    from jueSuan.render.json import render_json
    from jueSuan.render.text import render_text

    report = jueSuan.read(SAMPLE)
    both = jueSuan.reconcile(report, rules=[*default_rules(), BROKEN])
    text = render_text([Outcome("songjiang-2020", report, both)])
    assert "XT999" in text and "内部错误 internal 1" in text and "KeyError" in text
    clean = render_text([Outcome("songjiang-2020", report, jueSuan.reconcile(report))])
    assert "内部错误" not in clean
    assert '"internal": 1' in render_json([Outcome("songjiang-2020", report, both)])
