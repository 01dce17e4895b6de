from __future__ import annotations

import re

from jueSuan.reconcile import default_rules


def test_rules_are_well_formed() -> None:
    rules = default_rules()
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids))
    for r in rules:
        assert re.fullmatch(r"(SU|CL|FA|EC|TP|AS|XT|DC|PF|NR|BG|XD)\d{3}", r.id), r.id
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", r.name), r.name
        assert r.summary and any("\u4e00" <= ch <= "\u9fff" for ch in r.summary)
        assert len(r.doc) > 30, f"{r.id} needs its documentation"
        assert r.source


def test_every_catalogue_line_is_implemented() -> None:
    sources = " ".join(r.source for r in default_rules())
    for item in ("T1-1", "T1-2", "T1-3", "T1-4", "T1-5", "T2-1", "T2-2", "T3-1", "T5-1", "T4-1", "T4-2..4", "T4-5",
                 "T4-6", "T6-1", "T6-2", "T6-3", "T7-1", "T7-2", "T7-3", "T8/T9-1", "A-1", "X-12", "X-13", "X-14",
                 "X-24", "X-45", "X-35", "X-56", "X-67", "X-48/49", "X-E", "X-T1T4", "D-1", "D-2", "D-3"):
        assert item in sources, item


def test_rule_reference_is_up_to_date() -> None:
    from pathlib import Path

    from jueSuan.render.rules_doc import rules_markdown

    doc = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == rules_markdown(), "run: python -m jueSuan rules --format markdown > docs/rules.md"
