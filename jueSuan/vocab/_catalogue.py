"""The explicit list of every vocabulary (the docs page and the tests walk it).

A vocabulary module adds its vocabularies here, by name; nothing registers itself on import."""

from __future__ import annotations

from . import Vocabulary, columns, layout, lines, narrative, performance, titles, units

VOCABULARIES: tuple[Vocabulary, ...] = (
    *titles.VOCABULARIES,
    *columns.VOCABULARIES,
    *lines.VOCABULARIES,
    *layout.VOCABULARIES,
    *performance.VOCABULARIES,
    *units.VOCABULARIES,
    *narrative.VOCABULARIES,
)
