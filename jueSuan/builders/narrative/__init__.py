"""The narrative (情况说明): where it is, every quoted quantity, and what each one is bound to."""

from __future__ import annotations

from collections.abc import Sequence

from ...models import Claim, Coverage, NarrativeParagraph, Quote, Table
from .binding import bind, parts_of
from .budget_subjects import in_unit, restatement_key
from .coverage import coverage
from .lines import join_broken, placed
from .quotes import extract
from .section import Section, find_budget_section, find_section, narrative_section
from .subjects import key, resolve_subject, same_subject

__all__ = ["Section", "bind", "build_narrative", "coverage", "extract", "find_budget_section", "find_section", "in_unit",
           "key", "narrative_section", "parts_of", "resolve_subject", "restatement_key", "same_subject"]


def build_narrative(paragraphs: Sequence[NarrativeParagraph], tables: Sequence[Table], unit_name: str,
                    year: int | None, has_evaluations: bool, budget: bool = False
                    ) -> tuple[list[Quote], list[Claim], Coverage]:
    """The 情况说明 (a budget's 预算说明) found in the body, its quotes bound, and the coverage."""
    section = (find_budget_section if budget else find_section)(tuple(paragraphs))
    if budget:  # a budget's sentences broken over the reader's lines are read whole (lines.py)
        joined = join_broken(section.paragraphs)
        quotes, claims = extract(list(joined.paragraphs), unit_name, year)
        quotes = placed(quotes, joined)
    else:
        quotes, claims = extract(list(section.paragraphs), unit_name, year)
    bound = bind(quotes, claims, tables, has_evaluations, budget)
    return bound, claims, coverage(section, bound)
