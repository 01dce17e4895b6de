"""The budget table figure a subject of a budget's 预算说明 names (收入预算总计 → 财务收支预算总表 收入总计,
基本支出 → 支出预算总表 合计 基本支出, 机关运行经费 → the 三公 table's 机关运行经费 line …).

A subject may be printed in more than one table (财政拨款收入: 收入预算总表's 财政拨款 column and the
财政拨款收支预算总表's 收入总计). Every table that prints it is asked; the subject is bound only when
all the figures found are the same amount (then it does not matter which one the text meant);
when they differ the quote is left unchecked with the reason (the tables' own rules report the
tables' disagreement). Nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

import attrs

from ...models import BudgetTableKind, Figure, Level, Line, Quote, Table
from ...numbers import Unit
from ...vocab import Profile
from ...vocab.narrative import BUDGET_SUBJECTS
from .subjects import TableHit, Tables, key

B = BudgetTableKind
_BUDGET = Profile(kind="budget")


def in_unit(f: Figure, unit: Unit | None) -> Figure:
    """``f`` expressed in ``unit`` (its printed text kept): a table's 元 against the text's 万元."""
    if unit is None or f.unit is None or f.unit is unit or not f.is_number:
        return f
    ratio = f.unit.factor / unit.factor
    shift = ratio.adjusted()
    return Figure(attrs.evolve(f.amount, value=f.value * ratio, exponent=f.amount.exponent + shift), f.ref, unit)


def _in_yuan(f: Figure) -> Decimal:
    return f.value * (f.unit.factor if f.unit is not None else Decimal(1))


def _hit(t: Table, ln: Line | None, col: str, what: str) -> TableHit | None:
    f = None if ln is None else ln.get(col)
    if ln is None or f is None or not (f.is_number or f.is_unknown):
        return None  # a blank or a dash is not a figure the text can be compared with
    return TableHit(f"{t.display_title} {what}".strip(), f, t.kind, ln.label, col)  # type: ignore[arg-type]


def _side_total(kind: BudgetTableKind, side: str, col: str = "amount") -> Callable[[Tables], TableHit | None]:
    """The 总计 of one side of a 总表 (收入总计 / 支出总计), else its last 合计."""
    def resolve(tables: Tables) -> TableHit | None:
        t = tables.table(kind)  # type: ignore[arg-type]
        if t is None:
            return None
        lines = [ln for ln in t.lines if ln.side.startswith(side) and ln.get(col) is not None]
        grand = [ln for ln in lines if ln.role == "grand_total"]
        totals = [ln for ln in lines if ln.role == "total" and key(ln.label).endswith(("合计", "总计"))]
        ln = (grand or totals or [None])[-1]
        return None if ln is None else _hit(t, ln, col, ln.label)
    return resolve


def _total(kind: BudgetTableKind, col: str, what: str) -> Callable[[Tables], TableHit | None]:
    def resolve(tables: Tables) -> TableHit | None:
        t = tables.table(kind)  # type: ignore[arg-type]
        if t is None:
            return None
        ln = next((ln for ln in t.lines if ln.role == "total"), None)
        return _hit(t, ln, col, f"合计 {what}".strip())
    return resolve


def _line(kind: BudgetTableKind, role: str, col: str, what: str) -> Callable[[Tables], TableHit | None]:
    def resolve(tables: Tables) -> TableHit | None:
        t = tables.table(kind)  # type: ignore[arg-type]
        return None if t is None else _hit(t, t.find(role), col, what)
    return resolve


def _income_item(kind: BudgetTableKind, word: str) -> Callable[[Tables], TableHit | None]:
    """The income line of a 总表 that names ``word`` (一、一般公共预算资金)."""
    def resolve(tables: Tables) -> TableHit | None:
        t = tables.table(kind)  # type: ignore[arg-type]
        if t is None:
            return None
        lines = [ln for ln in t.lines if ln.side == "income" and word in key(ln.label) and ln.role in ("item", "sub")]
        return _hit(t, lines[0], "amount", lines[0].label) if len(lines) == 1 else None
    return resolve


_THREE = {k: (k, label) for k, label in (
    ("three_public", "“三公”经费合计"), ("abroad", "因公出国（境）费"), ("vehicle", "公务用车购置及运行费"),
    ("vehicle_purchase", "公务用车购置费"), ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费"),
    ("meeting", "会议费"), ("training", "培训费"), ("operating_costs", "机关运行经费"))}

Resolver = Callable[[Tables], TableHit | None]
RESOLVERS: dict[str, tuple[Resolver, ...]] = {
    "income_expense_total": (_side_total(B.SUMMARY, "income"), _total(B.INCOME, "total", "")),
    "income_total": (_side_total(B.SUMMARY, "income"), _total(B.INCOME, "total", "")),
    "expense_total": (_total(B.EXPENDITURE, "total", ""), _side_total(B.SUMMARY, "expenditure")),
    "fiscal_total": (_side_total(B.FISCAL_SUMMARY, "income"),),
    "fiscal_income": (_total(B.INCOME, "fiscal", "财政拨款"), _side_total(B.FISCAL_SUMMARY, "income")),
    "fiscal_expense": (_side_total(B.FISCAL_SUMMARY, "expenditure"), _total(B.FISCAL_EXPENDITURE, "total", "")),
    "gpb_income": (_income_item(B.FISCAL_SUMMARY, "一般公共预算"),),
    "gpb_expense": (_total(B.GPB_EXPENDITURE, "total", ""), _side_total(B.FISCAL_SUMMARY, "expenditure", "gpb")),
    "gov_fund_expense": (_total(B.GOV_FUND, "total", ""), _side_total(B.FISCAL_SUMMARY, "expenditure", "gov_fund")),
    "soe_expense": (_total(B.SOE_CAPITAL, "total", ""), _side_total(B.FISCAL_SUMMARY, "expenditure", "soe")),
    "business": (_total(B.INCOME, "business", "事业收入"),),
    "operating": (_total(B.INCOME, "operating", "事业单位经营收入"),),
    "other_income": (_total(B.INCOME, "other", "其他收入"),),
    "basic": (_total(B.EXPENDITURE, "basic", "基本支出"),),
    "project": (_total(B.EXPENDITURE, "project", "项目支出"),),
    "fiscal_basic": (_total(B.FISCAL_BASIC, "amount", ""),),
    "gpb_basic": (_total(B.GPB_EXPENDITURE, "basic", "基本支出"), _total(B.BASIC_ECONOMIC, "amount", "")),
    "personnel": (_total(B.BASIC_ECONOMIC, "personnel", "人员经费"),),
    "public": (_total(B.BASIC_ECONOMIC, "public", "公用经费"),),
    **{k: (_line(B.THREE_PUBLIC, "total" if k == "three_public" else k, "budget", label),)
       for k, (_, label) in _THREE.items() if k != "operating_costs"},
    "operating_costs": (_line(B.THREE_PUBLIC, "operating_costs", "budget", "机关运行经费"),
                        _total(B.OPERATING_COSTS, "amount", "")),
    "procurement": (_total(B.PROCUREMENT, "amount", ""),),
}


# what may stand before a subject without changing what it is: the unit's name (…厅, …局, 本部门), 本年;
# before a 三公/会议/培训/机关运行经费 subject also 一般公共预算(财政)拨款安排的 (those tables are of it)
_PREFIX = re.compile(r"^(?:本部门|本单位|[\u4e00-\u9fff()]{2,30}?(?:厅|局|委员会|委|院|办公室|中心|部|会|处|所|站|馆|校))?"
                     r"(?:本年度?|年度|全年)?(?:的)?$")
_GPB_PREFIX = re.compile(r"(?:一般公共预算(?:财政)?(?:拨款)?(?:安排)?的?|财政拨款的?)$")
_GPB_FAMILY = ("three_public", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception", "meeting",
               "training", "operating_costs")
_TRAILING = ("预算支出", "支出预算数", "支出预算", "预算总计", "预算合计", "预算数", "预算", "支出")


def subject_key(subject: str) -> str | None:
    """The budget figure a subject names (a key of ``RESOLVERS``), by the vocabulary: the first term
    one of whose spellings the subject ends with (a trailing 预算支出/预算数 aside), with nothing before
    it but the unit's name or 本年 — 财政专户管理资金收入预算总计 is not the 收入预算总计."""
    s = key(subject).replace("“", "").replace("”", "")
    forms = [s] + [s[: -len(t)] for t in _TRAILING if s.endswith(t) and len(s) > len(t) + 1]
    for t in BUDGET_SUBJECTS:
        if not t.admits(_BUDGET) or any(x in s for x in t.exclusions):
            continue
        for form in forms:
            for sp in t.spellings:
                if not form.endswith(sp):
                    continue
                prefix = form[: -len(sp)]
                if t.key in _GPB_FAMILY:
                    prefix = _GPB_PREFIX.sub("", prefix)
                if _PREFIX.match(prefix):
                    return t.key
    return None


def agreeing(hits: Sequence[TableHit]) -> TableHit | str | None:
    """The first hit when every hit states the same amount; else the reason they cannot be bound."""
    if not hits:
        return None
    unknown = [h for h in hits if not h.figure.is_number]
    if unknown:
        return unknown[0]
    values = {_in_yuan(h.figure) for h in hits}
    if len(values) > 1:
        # different printed precisions of one amount (元 and 万元) agree within the coarser one's rounding
        coarse = max(hits, key=lambda h: h.figure.half_unit * (h.figure.unit.factor if h.figure.unit else 1))
        bound = coarse.figure.half_unit * (coarse.figure.unit.factor if coarse.figure.unit else 1)
        if max(values) - min(values) > bound:
            return "；".join(f"{h.label} {h.figure.printed}" for h in hits)
        return min(hits, key=lambda h: h.figure.half_unit * (h.figure.unit.factor if h.figure.unit else 1))
    return hits[0]


def resolve_budget(tables: Tables, subject: str) -> TableHit | str | None:
    """The table figure ``subject`` names (all the tables printing it agreeing); a reason string when
    they disagree; None when no table read prints it."""
    k = subject_key(subject)
    if k is None:
        return None
    return agreeing([h for r in RESOLVERS[k] if (h := r(tables)) is not None])


_CLASS_TABLES = (B.EXPENDITURE, B.FISCAL_EXPENDITURE, B.GPB_EXPENDITURE, B.GOV_FUND, B.SOE_CAPITAL, B.INCOME)
_BY_HEADING = (("政府性基金", B.GOV_FUND), ("国有资本", B.SOE_CAPITAL), ("一般公共预算", B.GPB_EXPENDITURE),
               ("财政拨款", B.FISCAL_EXPENDITURE), ("支出预算", B.EXPENDITURE), ("收支预算", B.EXPENDITURE))


def _names(label: str, name: str) -> bool:
    a, b = key(label), key(name)
    return a == b or a == b + "支出" or a + "支出" == b


def classified_hits(tables: Tables, classification: tuple[tuple[str, str], ...]) -> list[TableHit]:
    """The row a 类/款/项 names, in every budget classification table that prints it (合计 column)."""
    name, level = classification[-1]
    want = {"类": Level.CLASS, "款": Level.SEGMENT, "项": Level.ITEM}[level]
    out: list[TableHit] = []
    for kind in _CLASS_TABLES:
        t = tables.table(kind)  # type: ignore[arg-type]
        if t is None:
            continue
        rows = [ln for ln in t.lines if ln.level is want and _names(ln.label, name)]
        if len(rows) > 1 and len(classification) > 1:
            parent = classification[0][0]
            classes = {ln.code: ln.label for ln in t.lines if ln.level is Level.CLASS}
            rows = [ln for ln in rows if ln.code and _names(classes.get(ln.code[:3], ""), parent)]
        if len(rows) == 1 and (h := _hit(t, rows[0], "total", f"{rows[0].code} {rows[0].label}")) is not None:
            out.append(h)
    return out


def named_table(part: str) -> BudgetTableKind | None:
    """The table a section's heading names (五、财政拨款支出预算情况说明 → 财政拨款支出预算表), if any."""
    return next((kind for word, kind in _BY_HEADING if word in part), None)


_NOT_RESTATED = ("personnel", "public", "income_expense_total")


def restatement_key(q: Quote) -> str | None:
    """What a quoted amount of a budget's narrative is the amount of, when it names one figure of the
    budget wherever it stands (see BG009); None for every other quote."""
    if q.measure != "money" or q.role not in ("value", "budget", "actual") or q.classification:
        return None
    subject = q.subject + "预算" if q.role == "budget" and q.subject in ("收入", "支出") else q.subject
    k = subject_key(subject)
    return None if k in _NOT_RESTATED else k
