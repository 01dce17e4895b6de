"""The rule catalogue: the families, in order, and the one immutable registry built from their ``RULES``.

Each family module (``tables``, ``cross``, ``narrative``…) makes its rules with ``@rule`` and lists them in
a ``RULES`` tuple at its end; nothing registers itself on import. A new family is one more entry in
``FAMILIES``. Two rules with one id refuse to build (``ValueError``)."""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType, ModuleType

from . import (
    across,
    assets,
    budget,
    cross,
    document,
    document_self,
    economic,
    fiscal,
    misaligned,
    narrative,
    performance,
    tables,
    three_public,
)
from .engine import Rule

#: The rule families in catalogue order (the order ``registry()`` lists rules in).
FAMILIES: tuple[ModuleType, ...] = (
    across, tables, assets, budget, economic, cross, document, document_self, fiscal, misaligned, narrative,
    performance, three_public,
)


def build_registry(families: Iterable[ModuleType]) -> MappingProxyType[str, Rule]:
    """The rules of ``families`` by id, in the order listed; a duplicate id raises ``ValueError``."""
    out: dict[str, Rule] = {}
    for family in families:
        for r in family.RULES:
            if not isinstance(r, Rule):
                raise TypeError(f"{family.__name__}.RULES holds {r!r}, not a Rule")
            if r.id in out:
                raise ValueError(f"duplicate rule id {r.id} ({family.__name__})")
            out[r.id] = r
    return MappingProxyType(out)


REGISTRY: MappingProxyType[str, Rule] = build_registry(FAMILIES)


def registry() -> MappingProxyType[str, Rule]:
    """Every rule by id, in catalogue order."""
    return REGISTRY
