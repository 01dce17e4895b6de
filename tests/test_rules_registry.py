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


def _unlisted(family: object) -> list[str]:
    """Ids of the rules a family module makes (``@rule`` at its top level) that its ``RULES`` leaves out."""
    from jueSuan.rules.engine import Rule

    name = getattr(family, "__name__", "")
    made = [v for v in vars(family).values() if isinstance(v, Rule) and v.check.__module__ == name]
    return sorted(r.id for r in made if r not in getattr(family, "RULES", ()))


def test_the_registry_is_built_from_the_families_lists() -> None:
    """Every rule a family module makes is in its ``RULES`` (a rule left out of the list would never run),
    every listed rule is the family's own, and the registry is exactly the families' lists in order."""
    from jueSuan.rules.catalogue import FAMILIES, REGISTRY, registry

    listed: list[str] = []
    for family in FAMILIES:
        assert family.RULES, family.__name__
        missing = _unlisted(family)
        assert not missing, f"{family.__name__}: {missing} made by @rule but not listed in RULES"
        assert all(r.check.__module__ == family.__name__ for r in family.RULES), family.__name__
        listed += [r.id for r in family.RULES]
    assert list(REGISTRY) == listed and registry() is REGISTRY
    assert {r.id for r in default_rules()} == set(listed)


def test_the_registry_is_immutable_and_refuses_a_duplicate_id() -> None:
    import types

    import pytest

    from jueSuan.rules.catalogue import REGISTRY, build_registry
    from jueSuan.rules.tables import RULES

    with pytest.raises(TypeError):
        REGISTRY["XX001"] = RULES[0]  # type: ignore[index]
    twice = types.ModuleType("twice")
    twice.RULES = (RULES[0],)  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match=RULES[0].id):
        build_registry([twice, twice])


def test_a_rule_made_but_not_listed_is_caught() -> None:
    """The check above would see a family's forgotten rule: a module with a made rule outside its list."""
    import types

    from jueSuan.findings import Severity
    from jueSuan.rules.engine import Rule, rule

    fam = types.ModuleType("jueSuan.rules.fake")

    def zz001(c: object) -> list[object]:
        """A rule for this test only."""
        return []

    zz001.__module__ = fam.__name__
    made = rule("ZZ001", "fake.rule", "测试", source="test")(zz001)  # type: ignore[arg-type]
    fam.zz001 = made  # type: ignore[attr-defined]
    fam.RULES = ()  # type: ignore[attr-defined]
    assert isinstance(made, Rule) and made.severity is Severity.ERROR
    assert _unlisted(fam) == ["ZZ001"]
    fam.RULES = (made,)  # type: ignore[attr-defined]
    assert _unlisted(fam) == []
