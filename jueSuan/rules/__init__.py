"""Rules: the named checks jueSuan runs, one function each, grouped by family."""

from __future__ import annotations


def load_all() -> None:
    """Import every rule family (registration happens at import)."""
    from . import (  # noqa: F401
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


load_all()
