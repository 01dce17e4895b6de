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
from .layout import Entry, Layout, analyze, clean_label, norm
from .printed import column_text, line_text, place, table_place
from .recognize import Candidate

Aliases = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # key, any-of, none-of

_INCOME_COLS: Aliases = (
    ("total", ("本年收入合计", "收入合计", "合计"), ()),
    ("affiliated", ("附属单位上缴收入",), ()),
    ("superior", ("上级补助收入",), ()),
    ("fiscal", ("财政拨款收入", "财政拨款"), ()),
    ("business", ("事业收入",), ()),
    ("operating", ("经营收入",), ()),
    ("other", ("其他收入",), ()),
)
_EXPENDITURE_COLS: Aliases = (
    ("total", ("本年支出合计", "支出合计", "合计"), ()),
    ("subsidy", ("对附属单位补助支出",), ()),
    ("remit", ("上缴上级支出",), ()),
    ("operating", ("经营支出",), ()),
    ("basic", ("基本支出",), ()),
    ("project", ("项目支出",), ()),
)
_GPB_COLS: Aliases = (
    ("budget_total", ("年初预算",), ("基本支出", "项目支出")),
    ("budget_basic", ("年初预算",), ("项目支出",)),
    ("budget_project", ("年初预算",), ()),
    ("basic", ("基本支出",), ()),
    ("project", ("项目支出",), ()),
    ("total", ("合计", "小计", "决算", "金额"), ()),
)
_FUND_COLS: Aliases = (
    ("opening", ("年初结转和结余", "年初结转"), ()),
    ("closing", ("年末结转和结余", "年末结转"), ()),
    ("income", ("本年收入",), ()),
    ("basic", ("基本支出",), ()),
    ("project", ("项目支出",), ()),
    ("expense", ("本年支出",), ()),
)
_FISCAL_EXP_COLS: Aliases = (
    ("gpb", ("一般公共预算",), ()),
    ("gov_fund", ("政府性基金",), ()),
    ("soe", ("国有资本经营",), ()),
    ("total", ("合计", "决算数", "小计"), ()),
)
_ECON_COLS: Aliases = (
    ("personnel", ("人员经费",), ()),
    ("public", ("公用经费",), ()),
    ("amount", ("决算数", "合计", "金额", "决算"), ()),
)
_ASSET_COLS: Aliases = (
    ("qty_open", ("数量/年初", "数量/期初"), ()),
    ("qty_close", ("数量/年末", "数量/期末"), ()),
    ("val_open", ("价值/年初", "金额/年初", "价值/期初", "金额/期初", "年初"), ()),
    ("val_close", ("价值/年末", "金额/年末", "价值/期末", "金额/期末", "年末"), ()),
)
_AMOUNT_ONLY: Aliases = (("amount", ("",), ()),)

FUND_KEYS = (("一般公共预算", "gpb"), ("政府性基金", "gov_fund"), ("国有资本经营", "soe"))
INCOME_LINE_KEYS = (
    ("一般公共预算财政拨款", "gpb"),
    ("政府性基金预算财政拨款", "gov_fund"),
    ("国有资本经营预算财政拨款", "soe"),
    ("财政拨款", "fiscal"),
    ("上级补助", "superior"),
    ("事业收入", "business"),
    ("附属单位上缴", "affiliated"),
    ("经营收入", "operating"),
    ("其他收入", "other"),
)


def column_key(key_text: str, aliases: Aliases) -> str | None:
    """The canonical key of a column whose header path (normalised, '/'-joined) is ``key_text``:
    the first alias, in order, that the path contains and whose exclusions it does not."""
    for key, any_of, none_of in aliases:
        if any(a in key_text for a in any_of) and not any(n in key_text for n in none_of):
            return key
    return None


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
        for s in self.layout.strays:
            self.unplaced.append(Unplaced(f"{self.what}: cell", s.reason, s.cell.ref, s.cell.text))

    def columns(self, aliases: Aliases, group: int | None = None) -> dict[int, Column]:
        cols: dict[int, Column] = {}
        groups = self.layout.groups if group is None else (self.layout.groups[group],)
        for g in groups:
            seen: set[str] = set()
            for c in g.amount_cols:
                info = self.layout.columns[c]
                key = column_key(info.key_text, aliases)
                if key in seen:
                    self.unplaced.append(Unplaced(f"{self.what}: column", f"a second column read as {key}; not used",
                                                  self.cand.grid.rows[0][c].ref, info.label))
                    continue
                if key is not None:
                    seen.add(key)
                ref = self.cand.grid.rows[0][c].ref if self.cand.grid.n_rows else self.cand.grid.ref
                if key is None:
                    if any(e.has_figures and any(col == c and a.is_number for col, _, a in e.amounts)
                           for e in self.layout.entries):
                        self.unplaced.append(Unplaced(f"{self.what}: column", "column header not recognised",
                                                      ref, info.label))
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
        level = Level.of_code(e.code) if e.code else (Level.TOTAL if role == "total" else None)
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
    return key.startswith(("合计", "总计")) or key in ("本年合计",)


def build_classification(ctx: _Ctx) -> Table:
    kind = ctx.cand.kind
    aliases = {
        TableKind.INCOME: _INCOME_COLS,
        TableKind.EXPENDITURE: _EXPENDITURE_COLS,
        TableKind.GPB_EXPENDITURE: _GPB_COLS,
    }.get(kind, _FUND_COLS)  # type: ignore[arg-type]
    cols = ctx.columns(aliases)
    lines: list[Line] = []
    for e in ctx.layout.entries:
        if e.code:
            lines.append(ctx.line(e, cols, "row"))
        elif _is_total_label(e.key):
            lines.append(ctx.line(e, cols, "total"))
        else:
            ctx.drop(e, "a line with figures but no classification code and not a total")
    return ctx.table(ClassificationTable, cols, lines)


def _label_role(key: str, table: tuple[tuple[tuple[str, ...], str], ...]) -> str | None:
    for fragments, role in table:
        if any(key == f or (len(f) > 2 and f in key) for f in fragments):
            return role
    return None


_SUMMARY_INCOME_ROLES = (
    (("本年收入合计", "收入合计"), "income_total"),
    (("使用非财政拨款结余", "用事业基金弥补收支差额", "使用非财政拨款结余(含专用结余)"), "nonfiscal_balance"),
    (("年初结转和结余", "年初财政拨款结转和结余"), "opening"),
    (("总计",), "grand_total"),
)
_SUMMARY_EXPENSE_ROLES = (
    (("本年支出合计", "支出合计"), "expense_total"),
    (("结余分配",), "distribution"),
    (("年末结转和结余", "年末财政拨款结转和结余"), "closing"),
    (("总计",), "grand_total"),
)
_ORDINAL_START = re.compile(rf"^{CN_ORDINAL}")


def _sub_key(key: str, table: tuple[tuple[str, str], ...]) -> str | None:
    return next((k for frag, k in table if frag in key), None)


def _unnumbered_line(side: str, key: str, fiscal: bool) -> bool:
    """A line printed without its ordinal (一、): an income source, a fund, or a 类 of spending."""
    if side == "income":
        return _sub_key(key, FUND_KEYS if fiscal else INCOME_LINE_KEYS) is not None
    return key.endswith("支出") and "合计" not in key


def _two_sided(ctx: _Ctx, exp_aliases: Aliases, fiscal: bool) -> tuple[dict[int, Column], list[Line]]:
    """Parse a two-sided 总表 (income left, expenditure right, or one after the other)."""
    groups = ctx.layout.groups
    cols: dict[int, Column] = {}
    for gi in range(len(groups)):
        aliases = _AMOUNT_ONLY if gi == 0 or not fiscal else exp_aliases
        for c, col in ctx.columns(aliases, gi).items():
            key = col.key if gi > 0 and fiscal else "amount"
            cols[c] = Column(key, col.label, col.ref)
    lines: list[Line] = []
    side = "income"
    after_carry = {"income": False, "expenditure": False}
    for e in ctx.layout.entries:
        if len(groups) >= 2:
            side = "income" if e.group == 0 else "expenditure"
        roles = _SUMMARY_INCOME_ROLES if side == "income" else _SUMMARY_EXPENSE_ROLES
        role = _label_role(e.key, roles)
        raw = norm(e.label)
        sub: str | None = None
        if role is None and (_ORDINAL_START.match(raw) or _unnumbered_line(side, e.key, fiscal)):
            if side == "income":
                sub = _sub_key(e.key, FUND_KEYS if fiscal else INCOME_LINE_KEYS)
                role = "opening_fund" if fiscal and after_carry["income"] else "income_item" if not fiscal else "fund"
            elif fiscal and after_carry["expenditure"]:
                role, sub = "closing_fund", _sub_key(e.key, FUND_KEYS)
            else:
                role = "class"
        if role in ("opening", "closing"):
            after_carry[side] = True
        if role is None:
            if e.has_figures:
                ctx.drop(e, f"label not recognised on the {side} side")
            continue
        if role in ("income_item", "fund", "opening_fund", "closing_fund") and sub is None:
            ctx.drop(e, f"{side} line not recognised")
            continue
        line = ctx.line(e, cols, role, side, key=sub or e.key)
        lines.append(line)
        if len(groups) < 2 and role == "grand_total" and side == "income":
            side = "expenditure"
    return cols, lines


def build_summary(ctx: _Ctx) -> Table:
    cols, lines = _two_sided(ctx, _AMOUNT_ONLY, fiscal=False)
    return ctx.table(SummaryTable, cols, lines)


def build_fiscal_summary(ctx: _Ctx) -> Table:
    cols, lines = _two_sided(ctx, _FISCAL_EXP_COLS, fiscal=True)
    return ctx.table(FiscalSummaryTable, cols, lines)


_ECON_ROLES = (
    (("人员经费合计", "人员经费"), "personnel_total"),
    (("公用经费合计", "公用经费"), "public_total"),
    (("合计", "总计"), "total"),
)


def build_economic(ctx: _Ctx) -> Table:
    cols = ctx.columns(_ECON_COLS)
    lines: list[Line] = []
    for e in ctx.layout.entries:
        if e.code:
            lines.append(ctx.line(e, cols, "row"))
            continue
        role = _label_role(e.key, _ECON_ROLES)
        if role is None:
            ctx.drop(e, "a line with figures but no economic code and not a total")
            continue
        lines.append(ctx.line(e, cols, role))
    return ctx.table(EconomicTable, cols, lines)


def three_public_item(parts: list[str]) -> str | None:
    """The 三公 item a header path or label names, most specific component first."""
    for comp in reversed(parts):
        s = norm(comp)
        if s in ("预算数", "决算数", "预算", "决算", ""):
            continue
        for frag, item in (
            ("小计", "vehicle"), ("购置及运行", "vehicle"), ("运行维护", "vehicle_operation"), ("运行费", "vehicle_operation"),
            ("购置", "vehicle_purchase"), ("出国", "abroad"), ("接待", "reception"), ("会议", "meeting"),
            ("培训", "training"), ("合计", "total"), ("总计", "total"),
        ):
            if frag in s:
                return item
    return None


def _measure(text: str) -> str | None:
    s = norm(text)
    return "budget" if "预算" in s else "actual" if "决算" in s or "实际" in s else None


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


_ASSET_ROLES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("净资产合计", "净资产"), "net_assets"),
    (("负债合计", "负债总计"), "liabilities"),
    (("资产合计", "资产总计"), "assets_total"),
    (("流动资产",), "current"),
    (("单价50万元以上通用设备", "单价50万元以上"), "general_large"),
    (("单价100万元以上专用设备", "单价100万元以上"), "special_large"),
    (("一般公务用车",), "vehicle_general"),
    (("执法执勤用车",), "vehicle_enforcement"),
    (("特种专业技术用车",), "vehicle_special"),
    (("其他用车",), "vehicle_other"),
    (("车辆",), "vehicles"),
    (("其他固定资产",), "other_fixed"),
    (("固定资产",), "fixed"),
    (("房屋",), "buildings"),
    (("通用设备",), "general_equipment"),
    (("专用设备",), "special_equipment"),
    (("累计折旧",), "depreciation"),
    (("长期股权投资",), "long_equity"),
    (("长期债券投资",), "long_bond"),
    (("长期投资", "对外投资"), "long_investment"),
    (("在建工程",), "construction"),
    (("无形资产",), "intangible"),
    (("累计摊销",), "amortization"),
    (("其他资产",), "other_assets"),
)
_UNIT_SUFFIX = re.compile(r"[(（][^()（）]*[)）]$")


def build_assets(ctx: _Ctx) -> Table:
    cols = ctx.columns(_ASSET_COLS)
    lines: list[Line] = []
    for e in ctx.layout.entries:
        key = _UNIT_SUFFIX.sub("", e.key)
        role = _label_role(key, _ASSET_ROLES)
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
