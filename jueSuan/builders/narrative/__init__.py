"""The narrative (情况说明): where it is, every quoted quantity, and what each one is bound to."""

from __future__ import annotations

from collections.abc import Sequence

from ...models import Claim, Coverage, NarrativeParagraph, Quote, Table
from .binding import bind, parts_of
from .coverage import coverage
from .quotes import extract
from .section import Section, find_section, narrative_section
from .subjects import key, resolve_subject, same_subject

__all__ = ["Section", "bind", "build_narrative", "coverage", "extract", "find_section", "key", "narrative_section",
           "parts_of", "resolve_subject", "same_subject"]


def build_narrative(paragraphs: Sequence[NarrativeParagraph], tables: Sequence[Table], unit_name: str,
                    year: int | None, has_evaluations: bool) -> tuple[list[Quote], list[Claim], Coverage]:
    """The 情况说明 found in the body, its quotes bound, and the coverage."""
    section = find_section(tuple(paragraphs))
    quotes, claims = extract(list(section.paragraphs), unit_name, year)
    bound = bind(quotes, claims, tables, has_evaluations)
    return bound, claims, coverage(section, bound)
