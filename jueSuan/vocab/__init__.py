"""The vocabulary: every spelling jueSuan recognises, as data.

One ``Term`` per concept: its key (what builders and rules use), the label it is printed under,
the fragments that spell it (any of), the fragments that exclude it (none of), and — where a
spelling belongs to one region, document kind or run of years — the profile that admits it.
A ``Vocabulary`` is an ordered tuple of terms (the first that matches wins, so order is data too).

Which spellings apply to a document is chosen by what the document says (its region, kind and
year: a ``Profile``), never by a code path. ``VOCABULARIES`` lists every vocabulary by name, in
the modules of this package, explicitly; ``docs/vocabulary.md`` is generated from it
(``python -m jueSuan vocab --format markdown``).

This package is core: it imports nothing of jueSuan above models.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

ANY = frozenset[str]()


@attrs.frozen
class Profile:
    """What a document says it is: region (``"shanghai"``, ``"jiangsu"``, … or None when unknown),
    kind (``"final"`` or ``"budget"``, None when unknown) and year (None when unknown).
    An unknown attribute admits every term."""

    region: str | None = None
    kind: str | None = None
    year: int | None = None


GENERAL = Profile()


@attrs.frozen
class Term:
    """One concept and its spellings.

    ``key``: the canonical key (the value of a typed key where one exists); ``label``: the printed
    label used in messages and docs; ``spellings``: fragments, any of which names it (matched on
    normalised text: no spaces, full-width punctuation folded); ``exclusions``: fragments that,
    when present, mean it is not this term; ``regions``/``kinds``: where the spelling is used
    (empty: everywhere); ``years``: first and last year it is used (None: open); ``note``: why.
    """

    key: str
    label: str
    spellings: tuple[str, ...]
    exclusions: tuple[str, ...] = ()
    regions: frozenset[str] = attrs.field(default=ANY, converter=frozenset)
    kinds: frozenset[str] = attrs.field(default=ANY, converter=frozenset)
    years: tuple[int | None, int | None] = (None, None)
    note: str = ""

    def admits(self, profile: Profile) -> bool:
        """Whether this spelling may be used in a document of ``profile``."""
        if self.regions and profile.region is not None and profile.region not in self.regions:
            return False
        if self.kinds and profile.kind is not None and profile.kind not in self.kinds:
            return False
        first, last = self.years
        if profile.year is not None:
            if first is not None and profile.year < first:
                return False
            if last is not None and profile.year > last:
                return False
        return True

    def matches(self, text: str) -> bool:
        """Whether ``text`` (normalised) spells this term: one spelling in it, no exclusion."""
        return any(s in text for s in self.spellings) and not any(x in text for x in self.exclusions)


@attrs.frozen
class Vocabulary:
    """An ordered set of terms for one purpose (the titles of 决算 tables, the columns of 表五 …)."""

    name: str
    purpose: str  # one line, Chinese or English, for the generated docs page
    terms: tuple[Term, ...]

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def first(self, text: str, profile: Profile = GENERAL) -> Term | None:
        """The first term, in order, that ``text`` spells and ``profile`` admits."""
        for t in self.terms:
            if t.admits(profile) and t.matches(text):
                return t
        return None

    def key(self, text: str, profile: Profile = GENERAL) -> str | None:
        t = self.first(text, profile)
        return t.key if t else None

    def term(self, key: str) -> Term:
        """The first term of ``key``; an unknown key raises ``KeyError``."""
        found = next((t for t in self.terms if t.key == key), None)
        if found is None:
            raise KeyError(f"{self.name}: no term {key!r}")
        return found

    def spellings(self, key: str) -> tuple[str, ...]:
        """Every spelling of ``key`` in this vocabulary; an unknown key raises ``KeyError``."""
        found = tuple(s for t in self.terms if t.key == key for s in t.spellings)
        if not found:
            raise KeyError(f"{self.name}: no term {key!r}")
        return found

    def with_term(self, term: Term, before: str | None = None) -> Vocabulary:
        """This vocabulary with ``term`` added: at the end, or just before the first term of key
        ``before`` (order decides which term matches first). For a profile layered at run time,
        and for the tests that show a new spelling read."""
        at = len(self.terms) if before is None else self.terms.index(self.term(before))
        return attrs.evolve(self, terms=(*self.terms[:at], term, *self.terms[at:]))


def vocabulary(name: str, purpose: str, terms: Iterable[Term]) -> Vocabulary:
    return Vocabulary(name, purpose, tuple(terms))


def all_vocabularies() -> tuple[Vocabulary, ...]:
    """Every vocabulary of the package, from the explicit list of its modules (no import side effects)."""
    from . import _catalogue

    return _catalogue.VOCABULARIES
