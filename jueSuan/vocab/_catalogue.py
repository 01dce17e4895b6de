"""The explicit list of every vocabulary (the docs page and the tests walk it).

A vocabulary module adds its vocabularies here, by name; nothing registers itself on import."""

from __future__ import annotations

from . import Vocabulary
from .narrative import VOCABULARIES as _NARRATIVE

VOCABULARIES: tuple[Vocabulary, ...] = (*_NARRATIVE,)
