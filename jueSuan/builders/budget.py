"""Build the tables of a 部门预算/单位预算 (``BudgetTableKind``) from analysed grids.

The same layout analysis and column-alias machinery as the 决算 tables (builders/tables.py): a
budget's classification tables are rows of 功能分类 codes × amount columns (合计, 基本支出,
项目支出 …), its 总表 are two-sided (收入 | 支出), its 经济分类 and 三公 tables are the 决算's
with 预算数 columns. Lines are placed by label or code, never by position; what has figures and
cannot be placed is returned as ``Unplaced``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import BudgetTableKind, ClassificationTable, Column, Figure, Line, SummaryTable, Table, Unplaced
from ..models import ThreePublicTable as _ThreePublic
from .layout import clean_label, norm
from .recognize import Candidate
from .tables import Aliases, _Ctx, _is_total_label, build_economic, build_three_public, three_public_item

B = BudgetTableKind

_INCOME_COLS: Aliases = (
    ("total", ("合计", "小计", "总计"), ()),
    ("gpb", ("一般公共预算",), ()),
    ("gov_fund", ("政府性基金",), ()),
    ("soe", ("国有资本经营",), ()),
    ("special_account", ("财政专户",), ()),
    ("fiscal", ("财政拨款",), ()),
    ("operating", ("经营收入",), ()),
    ("business", ("事业收入",), ()),
    ("superior", ("上级补助",), ()),
    ("affiliated", ("附属单位上缴",), ()),
    ("carryover", ("上年结转", "上年结余", "结转"), ()),
    ("other", ("其他收入",), ()),
)
_EXPENDITURE_COLS: Aliases = (
    ("total", ("合计", "小计", "总计"), ()),
    ("basic", ("基本支出",), ()),
    ("project", ("项目支出",), ()),
    ("operating", ("经营支出",), ()),
    ("subsidy", ("对附属单位补助",), ()),
    ("remit", ("上缴上级",), ()),
)
_SIDE_COLS: Aliases = (
    ("gpb", ("一般公共预算",), ()),
    ("gov_fund", ("政府性基金",), ()),
    ("soe", ("国有资本经营",), ()),
    ("special_account", ("财政专户",), ()),
    ("amount", ("",), ()),
)
_SUB = re.compile(r"^(?:\d+[.、．](?!\d)|[(（][一二三四五六七八九十\d]+[)）]|其中[:：]?)")

CLASSIFICATION = (B.INCOME, B.EXPENDITURE, B.FISCAL_EXPENDITURE, B.GPB_EXPENDITURE, B.GOV_FUND, B.SOE_CAPITAL)


def build_budget_classification(ctx: _Ctx) -> Table:
    aliases = _INCOME_COLS if ctx.cand.kind is B.INCOME else _EXPENDITURE_COLS
    cols = ctx.columns(aliases)
    lines: list[Line] = []
    for e in ctx.layout.entries:
        if e.code:
            lines.append(ctx.line(e, cols, "row"))
        elif _is_total_label(e.key) or e.key.endswith(("合计", "总计")):
            lines.append(ctx.line(e, cols, "total"))
        else:
            ctx.drop(e, "a line with figures but no classification code and not a total")
    return ctx.table(ClassificationTable, cols, lines)


def _side_role(label: str) -> str:
    s = norm(label)
    if "总计" in s:
        return "grand_total"
    if s.endswith("合计") or s.startswith("合计") or "本年收入合计" in s or "本年支出合计" in s:
        return "total"
    if _SUB.match(s):
        return "sub"
    return "item"


def build_budget_summary(ctx: _Ctx) -> Table:
    """A two-sided 总表: income (first group) and expenditure (the others). Roles: ``item`` (一、…),
    ``sub`` (1. / （一） / 其中, a part of the item above), ``total`` (合计), ``grand_total`` (总计)."""
    groups = ctx.layout.groups
    cols: dict[int, Column] = {}
    for gi in range(len(groups)):
        for c, col in ctx.columns(_SIDE_COLS, gi).items():
            cols[c] = col
    lines: list[Line] = []
    side = "income"
    for e in ctx.layout.entries:
        if len(groups) >= 2:
            side = "income" if e.group == 0 else ("expenditure" if e.group == 1 else f"expenditure{e.group}")
        if not norm(e.label):
            if e.has_figures:
                ctx.drop(e, f"figures without a label on the {side} side")
            continue
        role = _side_role(e.label)
        lines.append(ctx.line(e, cols, role, side))
        if len(groups) < 2 and role == "grand_total" and side == "income":
            side = "expenditure"
    return ctx.table(SummaryTable, cols, lines)


def _three_public_item(path: list[str]) -> str | None:
    if any("机关运行" in norm(p) for p in path):
        return "operating_costs"
    if any(w in norm(p) for p in path for w in ("会议费", "培训费")):
        return "meeting" if any("会议" in norm(p) for p in path) else "training"
    return three_public_item(path)


def build_budget_three_public(ctx: _Ctx) -> Table:
    """The 三公 预算 table. Vertical (one line per item: the 决算 builder, 预算数 columns) or
    horizontal (items in the header, one row of figures: every figure is a 预算数); the
    机关运行经费 (and Jiangsu's 会议费, 培训费) columns are lines of their own."""
    lay = ctx.layout
    if any(norm(e.label) for e in lay.entries):
        return build_three_public(ctx)
    items: dict[str, tuple[str, Figure]] = {}
    cols: dict[int, Column] = {}
    for e in lay.entries:
        for c, cell, a in e.amounts:
            info = lay.columns[c]
            item = _three_public_item(list(info.path))
            if item is None or item in items:
                if a.is_number:
                    why = "三公 column header not recognised" if item is None else f"a second figure for {item}"
                    ctx.unplaced.append(Unplaced(f"{ctx.what}: cell", why, cell.ref, cell.text))
                continue
            label = "“三公”经费合计" if item == "total" else next(
                (clean_label(p) for p in reversed(info.path) if norm(p) not in ("合计", "小计")), item)
            items[item] = (label, Figure(a, cell.ref, ctx.unit))
            cols[c] = Column("budget", info.label, cell.ref)
    lines = [Line(label, item, f.ref, item, "", None, None, (("budget", f),)) for item, (label, f) in items.items()]
    return ctx.table(_ThreePublic, cols, lines)


def build_budget_economic(ctx: _Ctx) -> Table:
    return build_economic(ctx)


def build_budget_plain(ctx: _Ctx) -> Table:
    """A table modelled only as what it prints (机关运行经费, 政府采购): labelled lines × columns, no
    identity assumed beyond 合计 = Σ its lines where the table prints one."""
    cols = ctx.columns((("amount", ("",), ()),))
    lines = [ctx.line(e, cols, "total" if _is_total_label(e.key) else "row") for e in ctx.layout.entries
             if norm(e.label) or e.code]
    return ctx.table(ClassificationTable, cols, lines)


BUDGET_BUILDERS: dict[BudgetTableKind, Callable[[_Ctx], Table]] = {
    B.SUMMARY: build_budget_summary,
    B.FISCAL_SUMMARY: build_budget_summary,
    B.INCOME: build_budget_classification,
    B.EXPENDITURE: build_budget_classification,
    B.FISCAL_EXPENDITURE: build_budget_classification,
    B.GPB_EXPENDITURE: build_budget_classification,
    B.GOV_FUND: build_budget_classification,
    B.SOE_CAPITAL: build_budget_classification,
    B.BASIC_ECONOMIC: build_budget_economic,
    B.FISCAL_BASIC: build_budget_economic,
    B.THREE_PUBLIC: build_budget_three_public,
    B.OPERATING_COSTS: build_budget_plain,
    B.PROCUREMENT: build_budget_plain,
}


def build_budget_table(cand: Candidate) -> tuple[Table, list[Unplaced]]:
    assert isinstance(cand.kind, BudgetTableKind)
    ctx = _Ctx(cand)
    return BUDGET_BUILDERS[cand.kind](ctx), ctx.unplaced
