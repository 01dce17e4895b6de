"""Every rule's cases, as data: a document and the findings the rule must give on it.

A case is either a small document written as data (``blocks``: a string is a paragraph, a tuple of
rows of printed cells is a grid) or one of the repository's samples (``base``, a file under
samples/, read by the real reader) with a few edits written as data: cells set to a new text,
a paragraph's text replaced, grids dropped, only some paragraphs kept. ``expect`` is the set of
severities the rule's findings must have on it: empty for a case where the rule stays silent (it
runs — it is not "not applicable" — and finds nothing). The cases are run by one generic test
(tests/test_rule_cases.py) and listed in docs/rules.md and by ``jueSuan rule ID``.
"""

from __future__ import annotations

from . import budget, document, narrative, performance, tables, xt
from .model import Case

__all__ = ["Case", "all_cases", "cases_of"]


def all_cases() -> tuple[Case, ...]:
    """Every case of every family, in the order the families list them."""
    return tuple(c for family in (tables, xt, document, narrative, performance, budget) for c in family.CASES)


def cases_of(rule_id: str) -> tuple[Case, ...]:
    return tuple(c for c in all_cases() if c.rule == rule_id)

