"""Rules: the named checks jueSuan runs, one function each, grouped by family."""

from __future__ import annotations


def load_all() -> None:
    """Import every rule family (registration happens at import)."""
    from . import across, budget, cross, document, document_self, misaligned, narrative, performance, tables  # noqa: F401


load_all()
