"""Builders: documents of located grids in, a typed ``Report`` out."""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from ..document import Document, Grid
from ..models import (
    BudgetTableKind,
    NarrativeParagraph,
    PerformanceEvaluation,
    Report,
    Table,
    TableKind,
    TargetSheet,
    Unplaced,
)
from ..numbers import parse_amount
from ..text import first_year
from .budget import build_budget_table
from .budget_targets import build_target, is_target_grid
from .evaluation_unit import amounts_in_yuan
from .gridsplit import split_at_titles
from .identity import heading_names, heading_unit_name, stated_years
from .kind import budget_unit_name, detect_kind
from .narrative import build_narrative
from .performance import build_evaluations, is_performance_grid
from .printed import place_quotes
from .recognize import _adjacent as adjacent
from .recognize import candidates, continue_grid, title_kind
from .tables import build_table
from .toc import toc_numbers

__all__ = ["build_report"]

def _grid_has_figures(grid: Grid) -> bool:
    return any(
        (a := parse_amount(c.text)) is not None and a.is_number
        for row in grid.rows
        for c in row
        if c.origin is None
    )


def build_report(docs: list[Document]) -> Report:
    """Recognise and build every table of the documents (one report, possibly several files)."""
    tables: list[Table] = []
    unplaced: list[Unplaced] = []
    narrative: list[NarrativeParagraph] = []
    headings: list[tuple[str, object]] = []
    seen: dict[TableKind | BudgetTableKind, Table] = {}
    evaluations: list[PerformanceEvaluation] = []
    titles: list[str] = []
    targets: list[TargetSheet] = []
    for doc in docs:
        # a grid holding the end of one table and the title of the next is two grids (gridsplit.py)
        doc = attrs.evolve(doc, blocks=split_at_titles(doc.blocks, lambda t: title_kind(t) is not None))
        last_grid: Grid | None = None
        unplaced.extend(Unplaced(f"{Path(doc.path).name}: {p.reason}", p.reason, p.ref, p.text) for p in doc.problems)
        perf_grids: list[tuple[Grid, int | None]] = []
        toc = toc_numbers(doc)
        target_grids: list[Grid] = []
        for cand in candidates(doc):
            if cand.kind is not None and not cand.number and cand.kind in toc:
                cand = attrs.evolve(cand, number=toc[cand.kind])
            grid = cand.grid
            if is_target_grid(grid):
                target_grids.append(grid)
                continue
            if (target_grids and cand.kind is None and not cand.title and adjacent(doc.blocks, target_grids[-1], grid)
                    and target_grids[-1].n_cols == grid.n_cols):  # a 绩效目标表 continued on the next page
                target_grids[-1] = continue_grid(target_grids[-1], grid)
                continue
            if is_performance_grid(grid) or (perf_grids and cand.kind is None and not cand.title
                                             and perf_grids[-1][0].index == grid.index - 1):
                perf_grids.append((grid, cand.year))
                continue
            if cand.title:
                titles.append(cand.title)
            if cand.kind is None:
                if tables and isinstance(tables[-1].kind, BudgetTableKind) and last_grid is not None \
                        and _grid_has_figures(grid) and adjacent(doc.blocks, last_grid, grid):
                    # a grid with figures right after a budget table, not joined to it: it may hold the
                    # table's last rows (a page break the reader split differently), so its sums are unsure
                    tables[-1] = attrs.evolve(tables[-1], dropped=tables[-1].dropped + 1)
                    unplaced.append(Unplaced(f"table {grid.index + 1}",
                                             f"紧接{tables[-1].display_title}之后的表格未能识别，可能是其续表；该表合计未能确认",
                                             grid.ref, cand.title))
                    continue
                if _grid_has_figures(grid) or cand.problem:
                    reason = cand.problem or "table not recognised as any 决算 or 预算 table (no matching title or header)"
                    unplaced.append(Unplaced(f"table {grid.index + 1}", reason, grid.ref, cand.title))
                continue
            table, lost = build_budget_table(cand) if isinstance(cand.kind, BudgetTableKind) else build_table(cand)
            unplaced.extend(lost)
            if cand.kind in seen:
                unplaced.append(Unplaced(
                    f"table {grid.index + 1}", f"a second {cand.kind.canonical_title}; only the first is checked",
                    grid.ref, cand.title))
                continue
            seen[cand.kind] = table
            tables.append(table)
            last_grid = cand.last or grid
        if perf_grids:
            evaluations.extend(build_evaluations(perf_grids, unplaced))
        targets.extend(build_target(g, unplaced) for g in target_grids)
        for p in doc.paragraphs:
            if p.text.strip():
                narrative.append(NarrativeParagraph(p.index, p.text, p.ref))
                if "年度" in p.text and len(p.text) < 80:
                    headings.append((p.text.strip(), p.ref))
    paragraphs = [p for d in docs for p in d.paragraphs]
    unit_name = heading_unit_name(paragraphs)
    year = first_year([t.title for t in tables] + [h for h, _ in headings])
    covers = [[p.text for p in d.paragraphs if p.text.strip()][:20] for d in docs]
    kind, evidence = detect_kind(covers, titles + [h for h, _ in headings], tables)
    if kind is not None and kind.is_budget:
        tables, unplaced = _budget_only(tables, unplaced)
        heads = ["".join(c.text for c in row if c.origin is None) for d in docs for g in d.grids for row in g.rows[:3]]
        unit_name = budget_unit_name([p.text for p in paragraphs[:400]] + titles + heads) or (
            unit_name if unit_name and re.fullmatch(r"[\u4e00-\u9fff]{3,30}", unit_name) and "部分" not in unit_name
            else None)
    in_yuan = amounts_in_yuan(evaluations, tables)
    quotes, claims, coverage = build_narrative(narrative, tables, unit_name or "", year, bool(evaluations),
                                              kind is not None and kind.is_budget)
    quotes = place_quotes(quotes, tuple(narrative))
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
        kind=kind,
        kind_evidence=evidence,
        targets=tuple(targets),
        evaluations_in_yuan=in_yuan,
        stated_years=stated_years(tables, headings),
        heading_names=heading_names(headings),
    )


def _budget_only(tables: list[Table], unplaced: list[Unplaced]) -> tuple[list[Table], list[Unplaced]]:
    """In a budget, a grid taken for a 决算 table (by its header words alone) is not one: listed as
    not placed, with the reason, instead of being checked as a 决算 table."""
    kept = [t for t in tables if isinstance(t.kind, BudgetTableKind)]
    extra = [Unplaced(f"table {t.display_title}", "预算文件中形似决算表的表格，未按决算表检查", t.ref, t.title)
             for t in tables if not isinstance(t.kind, BudgetTableKind)]
    return kept, unplaced + extra
