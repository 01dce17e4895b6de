"""Builders: documents of located grids in, a typed ``Report`` out."""

from __future__ import annotations

import re
from pathlib import Path

from ..models import NarrativeParagraph, PerformanceEvaluation, Report, Table, TableKind, Unplaced
from ..numbers import parse_amount
from ..readers.base import Document, Grid, Paragraph
from .layout import norm
from .narrative import build_narrative
from .performance import build_evaluations, is_performance_grid
from .recognize import candidates, find_year
from .tables import build_table

__all__ = ["build_report"]

_UNIT_NAME = re.compile(r"^(?:第[一二三四五]部分)?\s*(.{4,40}?)(20\d{2})年度")


def _grid_has_figures(grid: Grid) -> bool:
    return any(
        (a := parse_amount(c.text)) is not None and a.is_number
        for row in grid.rows
        for c in row
        if c.origin is None
    )


def _unit_name(paragraphs: list[Paragraph]) -> str | None:
    names: dict[str, int] = {}
    for p in paragraphs[:400]:
        text = norm(p.text)
        m = _UNIT_NAME.match(text)
        if m and len(text) <= 50 and ("决算" in text or "部分" in text):
            weight = 3 if "部分" in text else 1  # a part heading names the unit most reliably
            names[m.group(1)] = names.get(m.group(1), 0) + weight
    return max(names, key=lambda k: names[k]) if names else None


def build_report(docs: list[Document]) -> Report:
    """Recognise and build every table of the documents (one report, possibly several files)."""
    tables: list[Table] = []
    unplaced: list[Unplaced] = []
    narrative: list[NarrativeParagraph] = []
    headings: list[tuple[str, object]] = []
    seen: dict[TableKind, Table] = {}
    evaluations: list[PerformanceEvaluation] = []
    for doc in docs:
        unplaced.extend(Unplaced(f"{Path(doc.path).name}: {p.reason}", p.reason, p.ref, p.text) for p in doc.problems)
        perf_grids: list[tuple[Grid, int | None]] = []
        for cand in candidates(doc):
            grid = cand.grid
            if is_performance_grid(grid) or (perf_grids and cand.kind is None and not cand.title
                                             and perf_grids[-1][0].index == grid.index - 1):
                perf_grids.append((grid, cand.year))
                continue
            if cand.kind is None:
                if _grid_has_figures(grid) or cand.problem:
                    reason = cand.problem or "table not recognised as any 决算 table (no matching title or header)"
                    unplaced.append(Unplaced(f"table {grid.index + 1}", reason, grid.ref, cand.title))
                continue
            table, lost = build_table(cand)
            unplaced.extend(lost)
            if cand.kind in seen:
                unplaced.append(Unplaced(
                    f"table {grid.index + 1}", f"a second {cand.kind.canonical_title}; only the first is checked",
                    grid.ref, cand.title))
                continue
            seen[cand.kind] = table
            tables.append(table)
        if perf_grids:
            evaluations.extend(build_evaluations(perf_grids, unplaced))
        for p in doc.paragraphs:
            if p.text.strip():
                narrative.append(NarrativeParagraph(p.index, p.text, p.ref))
                if "年度" in p.text and len(p.text) < 80:
                    headings.append((p.text.strip(), p.ref))
    paragraphs = [p for d in docs for p in d.paragraphs]
    unit_name = _unit_name(paragraphs)
    year = find_year([t.title for t in tables] + [h for h, _ in headings])
    quotes, claims, coverage = build_narrative(narrative, tables, unit_name or "", year, bool(evaluations))
    return Report(
        sources=tuple(d.path for d in docs),
        tables=tuple(tables),
        unplaced=tuple(unplaced),
        unit_name=unit_name,
        year=year,
        narrative=tuple(narrative),
        headings=tuple(headings),  # type: ignore[arg-type]
        evaluations=tuple(evaluations),
        quotes=tuple(quotes),
        claims=tuple(claims),
        coverage=coverage,
        documents=tuple(docs),
    )
