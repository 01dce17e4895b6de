"""Build the typed table models from analysed grids: ``build_<kind>`` per table kind.

Lines are placed by their label (normalised, ordinals stripped) or classification code, columns
by their header text; never by position. What has figures but cannot be placed is returned as
``Unplaced`` so that the report lists it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import (
    AssetTable,
    BudgetTableKind,
    ClassificationTable,
    Column,
    EconomicTable,
    Figure,
    FiscalSummaryTable,
    Level,
    Line,
    SummaryTable,
    Table,
    TableKind,
    ThreePublicTable,
    Unplaced,
)
from ..numbers import Unit
from ..text import CN_ORDINAL
from ..vocab import GENERAL, Profile, Vocabulary
from ..vocab import columns as VC
from ..vocab import lines as VL
from ..vocab.keys import ColumnKey, Role
from ..vocab.lines import role_of
from .layout import Entry, Layout, analyze, clean_label, norm
from .printed import column_text, line_text, place, table_place
from .recognize import Candidate

Aliases = Vocabulary  # the column headers a table may print (vocab/columns.py)
C, R = ColumnKey, Role

_TOTAL_STARTS = VL.TOTALS.spellings("total")
_TOTAL_EXACT = VL.TOTALS.spellings("total_exact")
_CLASS_SUFFIX = VL.SUMMARY_CLASS.spellings("class")
_CLASS_EXCLUDED = VL.SUMMARY_CLASS.terms[0].exclusions
_TP_SKIP = frozenset(VL.THREE_PUBLIC_SKIP.spellings("measure")) | {""}


def profile_of(cand: Candidate) -> Profile:
    """The profile a table's own title gives: a 预算 table's or a 决算 table's spellings."""
    return Profile(kind="budget" if isinstance(cand.kind, BudgetTableKind) else "final")


def column_key(key_text: str, aliases: Vocabulary, profile: Profile = GENERAL) -> str | None:
    """The canonical key of a column whose header path (normalised, '/'-joined) is ``key_text``:
    the first term, in order, that the path contains a spelling of and no exclusion."""
    return aliases.key(key_text, profile)


class _Ctx:
    """State shared while building one table: unit, layout, and what could not be placed."""

    def __init__(self, cand: Candidate) -> None:
        self.cand = cand
        self.unit: Unit | None = cand.unit
        self.layout: Layout = analyze(cand.grid, set(cand.title_rows))
        self.unplaced: list[Unplaced] = []
        self.dropped = 0
        self.what = cand.title or (cand.kind.canonical_title if cand.kind else "table")
        self.printed = table_place(cand.number, cand.title, cand.kind)
        self.profile = profile_of(cand)
        for s in self.layout.strays:
            self.unplaced.append(Unplaced(f"{self.what}: cell", s.reason, s.cell.ref, s.cell.text))

    def columns(self, aliases: Aliases, group: int | None = None) -> dict[int, Column]:
        cols: dict[int, Column] = {}
        groups = self.layout.groups if group is None else (self.layout.groups[group],)
        for g in groups:
            seen: set[str] = set()
            for c in g.amount_cols:
                info = self.layout.columns[c]
                key = column_key(info.key_text, aliases, self.profile)
                if key in seen:
                    self.unplaced.append(Unplaced(f"{self.what}: column", f"a second column read as {key}; not used",
                                                  self.layout.header_ref(c), info.label))
                    continue
                if key is not None:
                    seen.add(key)
                ref = self.cand.grid.rows[0][c].ref if self.cand.grid.n_rows else self.cand.grid.ref
                if key is None:
                    if any(e.has_figures and any(col == c and a.is_number for col, _, a in e.amounts)
                           for e in self.layout.entries):
                        self.unplaced.append(Unplaced(f"{self.what}: column", "column header not recognised",
                                                      self.layout.header_ref(c), info.label))
                    continue
                cols[c] = Column(key, info.label, ref)
        return cols

    def line(self, e: Entry, cols: dict[int, Column], role: str, side: str = "", key: str | None = None) -> Line:
        line = line_text(self.layout, e)
        values = tuple(
            (cols[c].key, Figure(a, place(cell.ref, self.printed, line, column_text(self.layout, c)), self.unit))
            for c, cell, a in e.amounts if c in cols
        )
        ref = e.label_cell.ref if e.label_cell is not None else (e.amounts[0][1].ref if e.amounts else self.cand.grid.ref)
        level = Level.of_code(e.code) if e.code else (Level.TOTAL if role == R.TOTAL else None)
        return Line(e.label, key if key is not None else e.key, ref, role, side, e.code, level, values)

    def drop(self, e: Entry, reason: str) -> None:
        if e.has_figures:
            self.dropped += 1
            ref = e.label_cell.ref if e.label_cell is not None else e.amounts[0][1].ref
            figs = " ".join(cell.text.strip() for _, cell, a in e.amounts if a.is_number or a.is_unknown)
            self.unplaced.append(Unplaced(f"{self.what}: line「{e.label or e.code or ''}」", reason, ref, figs))

    def table(self, cls: type[Table], cols: dict[int, Column], lines: list[Line]) -> Table:
        assert self.cand.kind is not None
        unique = {c.key: c for c in cols.values()}
        return cls(
            kind=self.cand.kind,
            title=clean_label(self.cand.title),
            unit=self.unit,
            ref=self.cand.grid.ref,
            columns=tuple(unique.values()),
            lines=tuple(lines),
            notes=self.cand.notes,
            dropped=self.dropped,
            number=self.printed.number,
        )


def _is_total_label(key: str) -> bool:
    return key.startswith(_TOTAL_STARTS) or key in _TOTAL_EXACT


def build_classification(ctx: _Ctx) -> Table:
    kind = ctx.cand.kind
    aliases = {
        TableKind.INCOME: VC.INCOME_COLUMNS,
        TableKind.EXPENDITURE: VC.EXPENDITURE_COLUMNS,
        TableKind.GPB_EXPENDITURE: VC.GPB_COLUMNS,
    }.get(kind, VC.FUND_COLUMNS)  # type: ignore[arg-type]
    cols = ctx.columns(aliases)
    lines: list[Line] = []
    for e in ctx.layout.entries:
        if e.code:
            lines.append(ctx.line(e, cols, R.ROW))
        elif _is_total_label(e.key):
            lines.append(ctx.line(e, cols, R.TOTAL))
        else:
            ctx.drop(e, "a line with figures but no classification code and not a total")
    return ctx.table(ClassificationTable, cols, lines)


_ORDINAL_START = re.compile(rf"^{CN_ORDINAL}")


def _sub_key(key: str, vocab: Vocabulary) -> str | None:
    return vocab.key(key)


def _unnumbered_line(side: str, key: str, fiscal: bool) -> bool:
    """A line printed without its ordinal (一、): an income source, a fund, or a 类 of spending."""
    if side == "income":
        return _sub_key(key, VL.FUND_LINES if fiscal else VL.INCOME_LINES) is not None
    return key.endswith(_CLASS_SUFFIX) and not any(x in key for x in _CLASS_EXCLUDED)


def _two_sided(ctx: _Ctx, exp_aliases: Aliases, fiscal: bool) -> tuple[dict[int, Column], list[Line]]:
    """Parse a two-sided 总表 (income left, expenditure right, or one after the other)."""
    groups = ctx.layout.groups
    cols: dict[int, Column] = {}
    for gi in range(len(groups)):
        aliases = VC.AMOUNT_ONLY if gi == 0 or not fiscal else exp_aliases
        for c, col in ctx.columns(aliases, gi).items():
            key = col.key if gi > 0 and fiscal else C.AMOUNT.value
            cols[c] = Column(key, col.label, col.ref)
    lines: list[Line] = []
    side = "income"
    after_carry = {"income": False, "expenditure": False}
    for e in ctx.layout.entries:
        if len(groups) >= 2:
            side = "income" if e.group == 0 else "expenditure"
        roles = VL.SUMMARY_INCOME_ROLES if side == "income" else VL.SUMMARY_EXPENSE_ROLES
        role = role_of(roles, e.key)
        raw = norm(e.label)
        sub: str | None = None
        if role is None and (_ORDINAL_START.match(raw) or _unnumbered_line(side, e.key, fiscal)):
            if side == "income":
                sub = _sub_key(e.key, VL.FUND_LINES if fiscal else VL.INCOME_LINES)
                role = R.OPENING_FUND if fiscal and after_carry["income"] else R.INCOME_ITEM if not fiscal else R.FUND
            elif fiscal and after_carry["expenditure"]:
                role, sub = R.CLOSING_FUND, _sub_key(e.key, VL.FUND_LINES)
            else:
                role = R.CLASS
        if role in (R.OPENING, R.CLOSING):
            after_carry[side] = True
        if role is None:
            if e.has_figures:
                ctx.drop(e, f"label not recognised on the {side} side")
            continue
        if role in (R.INCOME_ITEM, R.FUND, R.OPENING_FUND, R.CLOSING_FUND) and sub is None:
            ctx.drop(e, f"{side} line not recognised")
            continue
        line = ctx.line(e, cols, role, side, key=sub or e.key)
        lines.append(line)
        if len(groups) < 2 and role == R.GRAND_TOTAL and side == "income":
            side = "expenditure"
    return cols, lines


def build_summary(ctx: _Ctx) -> Table:
    cols, lines = _two_sided(ctx, VC.AMOUNT_ONLY, fiscal=False)
    return ctx.table(SummaryTable, cols, lines)


def build_fiscal_summary(ctx: _Ctx) -> Table:
    cols, lines = _two_sided(ctx, VC.FISCAL_EXPENDITURE_COLUMNS, fiscal=True)
    return ctx.table(FiscalSummaryTable, cols, lines)


def build_economic(ctx: _Ctx) -> Table:
    cols = ctx.columns(VC.ECONOMIC_COLUMNS)
    lines: list[Line] = []
    for e in ctx.layout.entries:
        if e.code:
            lines.append(ctx.line(e, cols, R.ROW))
            continue
        role = role_of(VL.ECONOMIC_ROLES, e.key)
        if role is None:
            ctx.drop(e, "a line with figures but no economic code and not a total")
            continue
        lines.append(ctx.line(e, cols, role))
    return ctx.table(EconomicTable, cols, lines)


def three_public_item(parts: list[str]) -> str | None:
    """The 三公 item a header path or label names, most specific component first."""
    for comp in reversed(parts):
        s = norm(comp)
        if s in _TP_SKIP:
            continue
        item = VL.THREE_PUBLIC_ITEMS.key(s)
        if item is not None:
            return item
    return None


def _measure(text: str) -> str | None:
    return VC.THREE_PUBLIC_MEASURES.key(norm(text))


def build_three_public(ctx: _Ctx) -> Table:
    lay = ctx.layout
    lines: list[Line] = []
    labelled = [e for e in lay.entries if norm(e.label)]
    if labelled:  # vertical: one row per item
        cols: dict[int, Column] = {}
        for g in lay.groups:
            for c in g.amount_cols:
                m = _measure(lay.columns[c].key_text)
                if m:
                    cols[c] = Column(m, lay.columns[c].label, ctx.cand.grid.rows[0][c].ref)
        for e in labelled:
            item = three_public_item([e.label])
            if item is None:
                ctx.drop(e, "三公 line not recognised")
                continue
            lines.append(ctx.line(e, cols, item, key=item))
        return ctx.table(ThreePublicTable, cols, lines)
    # horizontal: items and measures in the header, figures in one row
    items: dict[str, list[tuple[str, Figure, str]]] = {}
    cols = {}
    for e in lay.entries:
        for c, cell, a in e.amounts:
            info = lay.columns[c]
            item, m = three_public_item(list(info.path)), _measure(info.path[-1] if info.path else "")
            if item is None or m is None:
                if a.is_number:
                    ctx.unplaced.append(Unplaced(f"{ctx.what}: cell", "三公 column header not recognised",
                                                 cell.ref, cell.text))
                continue
            label = next((clean_label(p) for p in reversed(info.path) if _measure(p) is None), item)
            where = place(cell.ref, ctx.printed, label, clean_label(info.path[-1]) if info.path else "")
            items.setdefault(item, []).append((m, Figure(a, where, ctx.unit), label))
            cols[c] = Column(m, info.label, cell.ref)
    for item, vals in items.items():
        label = vals[0][2]
        ref = vals[0][1].ref
        lines.append(Line(label, item, ref, item, "", None, None, tuple((m, f) for m, f, _ in vals)))
    return ctx.table(ThreePublicTable, cols, lines)


_UNIT_SUFFIX = re.compile(r"[(（][^()（）]*[)）]$")


def build_assets(ctx: _Ctx) -> Table:
    cols = ctx.columns(VC.ASSET_COLUMNS)
    lines: list[Line] = []
    for e in ctx.layout.entries:
        key = _UNIT_SUFFIX.sub("", e.key)
        role = role_of(VL.ASSET_ROLES, key)
        if role is None:
            ctx.drop(e, "asset line not recognised")
            continue
        lines.append(ctx.line(e, cols, role, key=key))
    return ctx.table(AssetTable, cols, lines)


BUILDERS: dict[TableKind, Callable[[_Ctx], Table]] = {
    TableKind.SUMMARY: build_summary,
    TableKind.FISCAL_SUMMARY: build_fiscal_summary,
    TableKind.INCOME: build_classification,
    TableKind.EXPENDITURE: build_classification,
    TableKind.GPB_EXPENDITURE: build_classification,
    TableKind.GOV_FUND: build_classification,
    TableKind.SOE_CAPITAL: build_classification,
    TableKind.BASIC_ECONOMIC: build_economic,
    TableKind.THREE_PUBLIC: build_three_public,
    TableKind.ASSETS: build_assets,
}


def build_table(cand: Candidate) -> tuple[Table, list[Unplaced]]:
    """Build the model of a recognised grid; returns it with what could not be placed."""
    assert cand.kind is not None
    ctx = _Ctx(cand)
    table = BUILDERS[cand.kind](ctx)
    return table, ctx.unplaced
