"""The table figure a subject of the 情况说明 names: 收入支出总计 → 收入支出决算总表 总计, 基本支出 →
支出决算表 合计 基本支出, "三公"经费 → the 三公 table, … (the longest name the subject ends with)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import attrs

from ...models import Figure, Quote, Table, TableKind

T = TableKind


@attrs.frozen
class TableHit:
    label: str  # table title, line and column as a message names them
    figure: Figure
    table: TableKind
    line: str
    column: str


@attrs.frozen
class Tables:
    tables: tuple[Table, ...]

    def table(self, kind: TableKind) -> Table | None:
        return next((t for t in self.tables if t.kind is kind), None)


Resolver = Callable[[Tables, str], TableHit | None]


def _hit(t: Table, role: str, col: str, side: str | None, what: str) -> TableHit | None:
    ln = t.find(role, side)
    f = None if ln is None else ln.get(col)
    if ln is None or f is None:
        return None
    return TableHit(f"{t.display_title} {what}".strip(), f, t.kind, ln.label, col)


def _at(kind: TableKind, role: str, col: str, side: str | None = None, what: str = "") -> Resolver:
    def resolve(tables: Tables, qrole: str) -> TableHit | None:
        t = tables.table(kind)
        return None if t is None else _hit(t, role, col, side, what)
    return resolve


def _three_public(item: str, name: str) -> Resolver:
    def resolve(tables: Tables, qrole: str) -> TableHit | None:
        t = tables.table(T.THREE_PUBLIC)
        measure = "budget" if qrole == "budget" else "actual"
        return None if t is None else _hit(t, item, measure, None, f"{name}{'预算数' if measure == 'budget' else '决算数'}")
    return resolve


def _gpb_total(tables: Tables, qrole: str) -> TableHit | None:
    t = tables.table(T.GPB_EXPENDITURE)
    col = "budget_total" if qrole == "budget" else "total"
    return None if t is None else _hit(t, "total", col, None, "合计" + (" 年初预算" if qrole == "budget" else ""))


def _econ_total(role: str, col: str, name: str) -> Resolver:
    def resolve(tables: Tables, qrole: str) -> TableHit | None:
        t = tables.table(T.BASIC_ECONOMIC)
        if t is None:
            return None
        ln = t.find(role)
        if ln is not None and ln.values:
            k, f = ln.values[0]
            return TableHit(f"{t.display_title} {name}", f, t.kind, ln.label, k)
        return _hit(t, "total", col, None, name)
    return resolve


def _fund_total(kind: TableKind, col: str, fund: str, name: str) -> Resolver:
    """The fund table's 合计 (本年收入/本年支出); where that 合计 prints no figure there (the Shanghai
    template prints 本年支出's sub-headers in the 合计 row), the same figure of the 财政拨款收入支出决算总表's
    fund column: 本年支出合计 for spending (XT009 compares the two wherever both are printed)."""
    own = _at(kind, "total", col, None, f"合计 {name}")

    def resolve(tables: Tables, qrole: str) -> TableHit | None:
        hit = own(tables, qrole)
        if hit is not None or col != "expense":
            return hit
        t4 = tables.table(T.FISCAL_SUMMARY)
        return None if t4 is None else _hit(t4, "expense_total", fund, "expenditure", f"本年支出合计 {name}")
    return resolve


# (subject key, resolver), longest keys first at match time
SUBJECTS: tuple[tuple[str, Resolver], ...] = (
    ("财政拨款收入支出总计", _at(T.FISCAL_SUMMARY, "grand_total", "amount", "income", "总计")),
    ("收入支出总计", _at(T.SUMMARY, "grand_total", "amount", "income", "总计")),
    ("本年收入合计", _at(T.SUMMARY, "income_total", "amount", "income", "本年收入合计")),
    ("本年支出合计", _at(T.SUMMARY, "expense_total", "amount", "expenditure", "本年支出合计")),
    ("一般公共预算财政拨款基本支出", _at(T.GPB_EXPENDITURE, "total", "basic", None, "合计 基本支出")),
    ("一般公共预算财政拨款项目支出", _at(T.GPB_EXPENDITURE, "total", "project", None, "合计 项目支出")),
    ("一般公共预算财政拨款支出", _gpb_total),
    ("财政拨款收入", _at(T.INCOME, "total", "fiscal", None, "合计 财政拨款收入")),
    ("上级补助收入", _at(T.INCOME, "total", "superior", None, "合计 上级补助收入")),
    ("事业收入", _at(T.INCOME, "total", "business", None, "合计 事业收入")),
    ("附属单位上缴收入", _at(T.INCOME, "total", "affiliated", None, "合计 附属单位上缴收入")),
    ("经营收入", _at(T.INCOME, "total", "operating", None, "合计 经营收入")),
    ("其他收入", _at(T.INCOME, "total", "other", None, "合计 其他收入")),
    ("基本支出", _at(T.EXPENDITURE, "total", "basic", None, "合计 基本支出")),
    ("项目支出", _at(T.EXPENDITURE, "total", "project", None, "合计 项目支出")),
    ("上缴上级支出", _at(T.EXPENDITURE, "total", "remit", None, "合计 上缴上级支出")),
    ("经营支出", _at(T.EXPENDITURE, "total", "operating", None, "合计 经营支出")),
    ("对附属单位补助支出", _at(T.EXPENDITURE, "total", "subsidy", None, "合计 对附属单位补助支出")),
    ("人员经费", _econ_total("personnel_total", "personnel", "人员经费合计")),
    ("公用经费", _econ_total("public_total", "public", "公用经费合计")),
    ("三公经费财政拨款支出", _three_public("total", "合计")),
    ("三公经费", _three_public("total", "合计")),
    ("因公出国(境)费", _three_public("abroad", "因公出国（境）费")),
    ("公务用车购置及运行维护费", _three_public("vehicle", "公务用车购置及运行维护费")),
    ("公务用车购置", _three_public("vehicle_purchase", "公务用车购置费")),
    ("公务用车运行维护", _three_public("vehicle_operation", "公务用车运行维护费")),
    ("公务用车购置费", _three_public("vehicle_purchase", "公务用车购置费")),
    ("公务用车运行维护费", _three_public("vehicle_operation", "公务用车运行维护费")),
    ("公务接待", _three_public("reception", "公务接待费")),
    ("公务接待费", _three_public("reception", "公务接待费")),
    ("政府性基金预算财政拨款收入", _at(T.GOV_FUND, "total", "income", None, "合计 本年收入")),
    ("政府性基金预算财政拨款支出", _fund_total(T.GOV_FUND, "expense", "gov_fund", "政府性基金预算财政拨款")),
    ("国有资本经营预算财政拨款收入", _at(T.SOE_CAPITAL, "total", "income", None, "合计 本年收入")),
    ("国有资本经营预算财政拨款支出", _fund_total(T.SOE_CAPITAL, "expense", "soe", "国有资本经营预算财政拨款")),
)
_ORDERED = sorted(SUBJECTS, key=lambda kv: -len(kv[0]))
NOT_TABLE = ("采购", "机关运行经费", "绩效", "涉及预算金额", "外宾", "国内公务接待")
_TRAILING = ("支出决算数", "支出决算", "决算数", "决算", "支出")


def key(text: str) -> str:
    return text.replace("（", "(").replace("）", ")").replace("“", "").replace("”", "")


def same_subject(a: str, b: str) -> bool:
    """Two subjects name the same thing when one ends with the other (the unit's name or a year
    may stand before one of them), a trailing 支出决算/决算数/支出 aside."""
    a, b = _bare(key(a)), _bare(key(b))
    return bool(a) and bool(b) and (a == b or a.endswith(b) or b.endswith(a))


def _bare(s: str) -> str:
    """A subject without its trailing 支出决算/决算数/决算/支出 (公务接待费支出决算 → 公务接待费)."""
    for t in _TRAILING:
        if s.endswith(t) and len(s) > len(t) + 1:
            return s[: -len(t)]
    return s


@functools.lru_cache(maxsize=4096)
def resolver_for(subject: str) -> Resolver | None:
    """The table value a subject names: the longest known key the subject ends with (after
    dropping a trailing 支出/决算), or contains with at most a few characters around it."""
    s = key(subject)
    if not s or any(w in s for w in NOT_TABLE):
        return None
    forms = [s] + [s[: -len(t)] for t in _TRAILING if s.endswith(t) and len(s) > len(t)]
    for k, resolver in _ORDERED:
        if any(f.endswith(k) for f in forms) or (k in s and len(s) - len(k) <= 4):
            return resolver
    return None


def resolve_subject(tables: Tables, subject: str, role: str) -> TableHit | None:
    resolver = resolver_for(subject)
    return resolver(tables, role) if resolver is not None else None


def value_in_text(quotes: Sequence[Quote], subject: str, before: Quote,
                  roles: tuple[str, ...] = ("value", "actual")) -> Quote | None:
    """The last amount quoted for ``subject`` (in one of ``roles``) before ``before``: in the same
    paragraph, else earlier in the same section (一、…, 七、…) — the sentence that introduced a list,
    the paragraph before a 其中 line."""
    cands = [x for x in quotes if x.measure == "money" and x.role in roles
             and same_subject(x.subject, subject) and (x.paragraph, x.span) < (before.paragraph, before.span)]
    here = [x for x in cands if x.paragraph == before.paragraph]
    if here:
        return here[-1]
    section = [x for x in cands if before.part and x.part == before.part]
    return section[-1] if section else None
