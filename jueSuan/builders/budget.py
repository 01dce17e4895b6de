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

import attrs

from ..models import BudgetTableKind, ClassificationTable, Column, Figure, Line, SummaryTable, Table, Unplaced
from ..models import ThreePublicTable as _ThreePublic
from ..numbers import detect_unit, parse_amount, unknown_amount
from ..readers.numfmt import is_cell_error
from ..text import ARABIC_ORDINAL, PAREN_ORDINAL
from ..vocab import columns as VC
from ..vocab import lines as VL
from ..vocab import titles as VT
from ..vocab.keys import ColumnKey, Role
from .layout import clean_label, norm
from .recognize import Candidate
from .tables import _Ctx, _is_total_label, build_economic, build_three_public, three_public_item

B = BudgetTableKind

R = Role
_SUB = re.compile(rf"^(?:{ARABIC_ORDINAL}|{PAREN_ORDINAL}|{VL.BUDGET_SUMMARY_ROLES.spellings(R.SUB)[0]}[:：]?)")
_GRAND = VL.BUDGET_SUMMARY_ROLES.spellings(R.GRAND_TOTAL)
_SIDE_TOTALS = VL.BUDGET_SUMMARY_ROLES.spellings(R.TOTAL)  # 合计 (a label may also start with it), 小计
_TOTAL_ENDS = VL.TOTALS.spellings("total_suffix")
_TOTAL_LABEL = VL.TOTALS.terms[0].label  # the label given to a lone unlabelled row of totals
_TP = VL.BUDGET_THREE_PUBLIC
_TP_SKIP = _TP.spellings("skip")
_TP_SKIP_IN = _TP.spellings("skip_in")[0]  # a title row copied into the header path
_TP_LABELS = {R.TOTAL: _TP.term(R.TOTAL).label, R.ALL: _TP.term(R.ALL).label}
_MEETINGS = _TP.spellings(R.MEETING) + _TP.spellings(R.TRAINING)

CLASSIFICATION = (B.INCOME, B.EXPENDITURE, B.FISCAL_EXPENDITURE, B.GPB_EXPENDITURE, B.GOV_FUND, B.SOE_CAPITAL)


def build_budget_classification(ctx: _Ctx) -> Table:
    """Rows by 功能分类 code, the 合计 line. Jiangsu prints its 收入预算总表 as a list of sources (no
    codes: 一般公共预算资金 | 小计 …) and its 支出预算总表 as one unlabelled row of totals: the list is
    kept as lines (``item``, no identity assumed), the lone row is the 合计."""
    aliases = VC.BUDGET_INCOME_COLUMNS if ctx.cand.kind is B.INCOME else VC.BUDGET_EXPENDITURE_COLUMNS
    cols = ctx.columns(aliases)
    entries = ctx.layout.entries
    coded = any(e.code for e in entries)
    unlabelled = [e for e in entries if not e.code and not norm(e.label) and e.has_figures]
    lines: list[Line] = []
    for e in entries:
        if e.code:
            lines.append(ctx.line(e, cols, R.ROW))
        elif _is_total_label(e.key) or e.key.endswith(_TOTAL_ENDS):
            lines.append(ctx.line(e, cols, R.TOTAL))
        elif not coded and len(unlabelled) == 1 and e is unlabelled[0] and len(entries) == 1:
            line = ctx.line(e, cols, R.TOTAL)
            lines.append(attrs.evolve(line, label=_TOTAL_LABEL, key=_TOTAL_LABEL))
        elif not coded and norm(e.label):
            lines.append(ctx.line(e, cols, R.ITEM))
        else:
            ctx.drop(e, "a line with figures but no classification code and not a total")
    return ctx.table(ClassificationTable, cols, lines)


def _side_role(label: str) -> str:
    s = norm(label)
    if any(w in s for w in _GRAND):
        return R.GRAND_TOTAL
    if s.endswith(_SIDE_TOTALS) or s.startswith(_SIDE_TOTALS[0]):
        return R.TOTAL
    if _SUB.match(s):
        return R.SUB
    return R.ITEM


def build_budget_summary(ctx: _Ctx) -> Table:
    """A two-sided 总表: income (first group) and expenditure (the others). Roles: ``item`` (一、…),
    ``sub`` (1. / （一） / 其中, a part of the item above), ``total`` (合计), ``grand_total`` (总计)."""
    groups = ctx.layout.groups
    cols: dict[int, Column] = {}
    for gi in range(len(groups)):
        for c, col in ctx.columns(VC.BUDGET_SIDE_COLUMNS, gi).items():
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
        lost = [cell for c, cell, a in e.amounts if a.is_number and c not in cols]
        if lost:  # a figure in a column that was not placed: the side's sums are unsure
            ctx.dropped += 1
            ctx.unplaced.append(Unplaced(f"{ctx.what}: line「{e.label}」", "figure in a column not recognised",
                                         lost[0].ref, " ".join(c.text.strip() for c in lost)))
        if len(groups) < 2 and role == R.GRAND_TOTAL and side == "income":
            side = "expenditure"
    return ctx.table(SummaryTable, cols, lines)


def _three_public_item(path: list[str], with_meetings: bool) -> str | None:
    """The item a 三公 预算 column's header path names. A 小计/合计 is the total of the component
    above it: of 公务用车 (vehicle), of 三公 (total); a bare 合计 beside 会议费/培训费 columns is the
    total of all of them (all)."""
    parts = [norm(p) for p in path
             if norm(p) and norm(p) not in _TP_SKIP and ":" not in norm(p) and _TP_SKIP_IN not in norm(p)]
    if any(w in p for p in parts for w in _TP.spellings(R.OPERATING_COSTS)):
        return R.OPERATING_COSTS
    if not parts:
        return None
    last = parts[-1]
    if last in _TP.spellings(R.ALL):
        parent = parts[-2] if len(parts) > 1 else ""
        if any(w in parent for w in _TP.spellings(R.VEHICLE)):
            return R.VEHICLE
        if any(w in parent for w in _TP.spellings(R.TOTAL)):
            return R.TOTAL
        if not parent:
            return R.ALL if with_meetings else R.TOTAL
        return None
    if any(w in last for w in _TP.spellings(R.MEETING)):
        return R.MEETING
    if any(w in last for w in _TP.spellings(R.TRAINING)):
        return R.TRAINING
    return three_public_item([last])


def build_budget_three_public(ctx: _Ctx) -> Table:
    """The 三公 预算 table. Vertical (one line per item: the 决算 builder, 预算数 columns) or
    horizontal (items in the header, one row of figures: every figure is a 预算数); the
    机关运行经费 (and Jiangsu's 会议费, 培训费) columns are lines of their own."""
    lay = ctx.layout
    if any(three_public_item([e.label]) is not None for e in lay.entries if norm(e.label)):
        return build_three_public(ctx)
    items: dict[str, tuple[str, Figure]] = {}
    cols: dict[int, Column] = {}
    with_meetings = any(w in norm(p) for col in lay.columns for p in col.path for w in _MEETINGS)
    grid = ctx.cand.grid
    # every cell of the figure rows, whatever role the layout gave its column: a lone figure such as
    # 237 or 80 in a column of one row looks like a code or a label to the column typing
    cells = []
    for r in range(lay.header_end, grid.n_rows):
        for c, cell in enumerate(grid.rows[r]):
            if cell.origin is not None and cell.origin != (r, c):
                continue
            a = parse_amount(cell.text)
            if a is None and (lay.columns[c].role == "amount" or is_cell_error(cell.text)
                              or _three_public_item(list(lay.columns[c].path), with_meetings) is not None):
                a = unknown_amount(cell.text)  # #DIV/0!, 见说明 under an item's header: its value is not known
            if a is not None and norm(cell.text):
                cells.append((c, cell, a))
    for c, cell, a in cells:
        info = lay.columns[c]
        item = _three_public_item(list(info.path), with_meetings)
        if item is None or item in items:
            if a.is_number:
                why = "三公 column header not recognised" if item is None else f"a second figure for {item}"
                ctx.unplaced.append(Unplaced(f"{ctx.what}: cell", why, cell.ref, cell.text))
                ctx.dropped += 1  # the identities of the table are then unsure
            continue
        label = _TP_LABELS.get(item) or next(
            (clean_label(p) for p in reversed(info.path) if norm(p) not in _TP.spellings(R.ALL)), item)
        items[item] = (label, Figure(a, cell.ref, ctx.unit))
        cols[c] = Column(ColumnKey.BUDGET.value, info.label, cell.ref)
    lines = [Line(label, item, f.ref, item, "", None, None, ((ColumnKey.BUDGET.value, f),))
             for item, (label, f) in items.items()]
    return ctx.table(_ThreePublic, cols, lines)


def build_budget_economic(ctx: _Ctx) -> Table:
    return build_economic(ctx)


def build_budget_plain(ctx: _Ctx) -> Table:
    """A table modelled only as what it prints (机关运行经费, 政府采购): labelled lines × columns, no
    identity assumed beyond 合计 = Σ its lines where the table prints one."""
    cols = ctx.columns(VC.AMOUNT_ONLY)
    lines = [ctx.line(e, cols, R.TOTAL if _is_total_label(e.key) else R.ROW) for e in ctx.layout.entries
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
    if cand.unit is None:  # the unit line (单位：元) printed in a header row of the grid, below the title
        for row in cand.grid.rows[:8]:
            unit = next((u for c in row if (u := detect_unit(c.text)) is not None), None)
            if unit is not None:
                cand = attrs.evolve(cand, unit=unit)
                break
    title = re.sub(VT.BUDGET_TITLE_PUBLISHER, "", cand.title, flags=re.S)
    cand = attrs.evolve(cand, title=title.strip())
    ctx = _Ctx(cand)
    return BUDGET_BUILDERS[cand.kind](ctx), ctx.unplaced
