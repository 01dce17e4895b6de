"""Checks within one table: table 1 and the classification tables (RULES.md T1–T3, T5, T8, T9).

The other tables' families: ``fiscal`` (T4), ``economic`` (T6), ``three_public`` (T7), ``assets`` (A)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..models import Figure, Level, Line, Table, TableKind
from ..vocab.keys import ColumnKey, Role
from .engine import Check, Signed, printed_line, rule

T = TableKind
C = ColumnKey
R = Role


def line_figure(line: Line | None, col: str = ColumnKey.AMOUNT) -> Figure | None:
    """The figure of ``line`` (None: no such line) in column ``col``: the one "figure of a line"
    lookup of the rules (an unknown column key raises ``KeyError``)."""
    return None if line is None else line.get(col)


def table_line(c: Check, kind: TableKind, role: str) -> tuple[Table, Line] | None:
    """The table a rule requires and its line of ``role``; None when the table prints no such line."""
    t = c.table(kind)
    assert t is not None
    ln = t.find(role)
    return None if ln is None else (t, ln)


def line_terms(lines: list[Line], col: str, sign: int = 1) -> list[Signed]:
    return [(sign, ln.label, ln.get(col)) for ln in lines]


# ---------------------------------------------------------------- T1 收入支出决算总表


def _summary_sum(c: Check, side: str, line: str, lhs_label: str, part_roles: tuple[str, ...]) -> Iterator[Finding]:
    """One side's 总计 against the lines (by role) that make it up."""
    t = c.table(T.SUMMARY)
    assert t is not None
    parts = [t.find(r, side) for r in part_roles]
    yield from c.identity(t.display_title, line, lhs_label, line_figure(t.find(R.GRAND_TOTAL, side)),
                          [(1, ln.label, line_figure(ln)) for ln in parts if ln is not None])


@rule("SU001", "summary.income_total", "收入支出决算总表：本年收入合计 = 各项收入之和", [T.SUMMARY], source="T1-1")
def su001(c: Check) -> Iterator[Finding]:
    """本年收入合计 equals the sum of the income lines (一、… 八、).

    Why: the income lines are the only parts of the year's income; a gap means a line was
    left out or mistyped. Failing: 本年收入合计 3,998.79 with lines adding to 3,988.79.
    """
    t = c.table(T.SUMMARY)
    assert t is not None
    total = t.find(R.INCOME_TOTAL, "income")
    yield from c.identity(t.display_title, "本年收入合计", "本年收入合计", line_figure(total),
                          line_terms(list(t.all(R.INCOME_ITEM, "income")), "amount"), complete=t.complete)


@rule("SU002", "summary.expense_total", "收入支出决算总表：本年支出合计 = 各功能分类（类）支出之和", [T.SUMMARY],
      source="T1-2")
def su002(c: Check) -> Iterator[Finding]:
    """本年支出合计 equals the sum of the functional-classification 类 lines."""
    t = c.table(T.SUMMARY)
    assert t is not None
    total = t.find(R.EXPENSE_TOTAL, "expenditure")
    yield from c.identity(t.display_title, "本年支出合计", "本年支出合计", line_figure(total),
                          line_terms(list(t.all(R.CLASS, "expenditure")), "amount"), complete=t.complete)


@rule("SU003", "summary.income_grand_total", "收入支出决算总表：收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
      [T.SUMMARY], source="T1-3")
def su003(c: Check) -> Iterator[Finding]:
    """收入总计 equals 本年收入合计 + 使用非财政拨款结余 (用事业基金弥补收支差额) + 年初结转和结余."""
    yield from _summary_sum(c, "income", "总计（收入）", "收入总计", ("income_total", "nonfiscal_balance", "opening"))


@rule("SU004", "summary.expense_grand_total", "收入支出决算总表：支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
      [T.SUMMARY], source="T1-4")
def su004(c: Check) -> Iterator[Finding]:
    """支出总计 equals 本年支出合计 + 结余分配 + 年末结转和结余."""
    yield from _summary_sum(c, "expenditure", "总计（支出）", "支出总计", ("expense_total", "distribution", "closing"))


@rule("SU005", "summary.grand_totals_equal", "收入支出决算总表：收入总计 = 支出总计", [T.SUMMARY], source="T1-5")
def su005(c: Check) -> Iterator[Finding]:
    """The two 总计 of the summary table are equal."""
    t = c.table(T.SUMMARY)
    assert t is not None
    out = t.find(R.GRAND_TOTAL, "expenditure")
    yield from c.identity(t.display_title, "总计", "收入总计", line_figure(t.find(R.GRAND_TOTAL, "income")),
                          [(1, "支出总计", line_figure(out))])


@rule("SU006", "summary.carryover", "收入支出决算总表：年初结转和结余 + 本年收入合计 + 使用非财政拨款结余 − 本年支出合计 − 结余分配 = 年末结转和结余",
      [T.SUMMARY], source="T1-5")
def su006(c: Check) -> Iterator[Finding]:
    """The carryover roll-forward: what was carried in plus the year's income, less the year's
    spending and the distribution, is what is carried out."""
    t = c.table(T.SUMMARY)
    assert t is not None
    closing = t.find(R.CLOSING, "expenditure")
    terms: list[Signed] = []
    for role, side, sign in ((R.OPENING, "income", 1), (R.INCOME_TOTAL, "income", 1),
                             (R.NONFISCAL_BALANCE, "income", 1), (R.EXPENSE_TOTAL, "expenditure", -1),
                             (R.DISTRIBUTION, "expenditure", -1)):
        ln = t.find(role, side)
        if ln is not None:
            terms.append((sign, ln.label, line_figure(ln)))
    yield from c.identity(t.display_title, "年末结转和结余", "年末结转和结余", line_figure(closing), terms)


# ---------------------------------------------------------------- classification tables

_ROW_IDENTITIES: dict[TableKind, tuple[str, tuple[str, ...]]] = {
    T.INCOME: ("total", ("fiscal", "superior", "business", "operating", "affiliated", "other")),
    T.EXPENDITURE: ("total", ("basic", "project", "remit", "operating", "subsidy")),
    T.GPB_EXPENDITURE: ("total", ("basic", "project")),
}


def _row_identity(c: Check, kind: TableKind) -> Iterator[Finding]:
    t = c.table(kind)
    assert t is not None
    total_key, part_keys = _ROW_IDENTITIES[kind]
    total_col = t.column(total_key)
    cols = [t.column(k) for k in part_keys]
    present = [col for col in cols if col is not None]
    if total_col is None or not present:
        yield c.unchecked(t.display_title, "各行", "表头未识别出合计列或明细列")
        return
    for ln in t.lines:
        yield from c.identity(t.display_title, printed_line(ln.label, ln.code), total_col.label, ln.get(total_key),
                              [(1, col.label, ln.get(col.key)) for col in present])
    if kind is T.GPB_EXPENDITURE and t.column(C.BUDGET_TOTAL) is not None:
        budget_parts = [t.column(k) for k in ("budget_basic", "budget_project")]
        for ln in t.lines:
            yield from c.identity(t.display_title, printed_line(ln.label, ln.code), "年初预算合计",
                                  ln.get(C.BUDGET_TOTAL),
                                  [(1, col.label, ln.get(col.key)) for col in budget_parts if col is not None])


@rule("CL001", "income.row_sum", "收入决算表：每行 本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入",
      [T.INCOME], source="T2-1")
def cl001(c: Check) -> Iterator[Finding]:
    """On every row of the income table, 本年收入合计 equals the sum of the source columns."""
    yield from _row_identity(c, T.INCOME)


@rule("CL002", "expenditure.row_sum", "支出决算表：每行 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出",
      [T.EXPENDITURE], source="T3-1")
def cl002(c: Check) -> Iterator[Finding]:
    """On every row of the expenditure table, 本年支出合计 equals the sum of its kinds of spending."""
    yield from _row_identity(c, T.EXPENDITURE)


@rule("CL003", "gpb_expenditure.row_sum", "一般公共预算财政拨款支出决算表：每行 合计 = 基本支出 + 项目支出",
      [T.GPB_EXPENDITURE], source="T5-1")
def cl003(c: Check) -> Iterator[Finding]:
    """On every row of table 5, 合计 equals 基本支出 + 项目支出 (and the same for 年初预算 columns)."""
    yield from _row_identity(c, T.GPB_EXPENDITURE)


_CLASSIFICATION = (T.INCOME, T.EXPENDITURE, T.GPB_EXPENDITURE, T.GOV_FUND, T.SOE_CAPITAL)


def children(t: Table, parent: Line) -> list[Line]:
    """The rows one level below ``parent`` by code prefix (类 → 款, 款 → 项)."""
    assert parent.code is not None
    want = len(parent.code) + 2
    return [ln for ln in t.lines if ln.code and len(ln.code) == want and ln.code.startswith(parent.code)]


def hierarchy(c: Check, t: Table) -> Iterator[Finding]:
    """Each 类 = Σ its 款, each 款 = Σ its 项, 合计 = Σ 类, in every amount column."""
    for ln in t.lines:
        if not ln.code or ln.level not in (Level.CLASS, Level.SEGMENT):
            continue
        kids = children(t, ln)
        if not kids:
            continue
        for col in t.columns:
            yield from c.identity(t.display_title, f"{printed_line(ln.label, ln.code)}／{col.label}",
                                  f"{ln.code} {ln.label}", ln.get(col.key),
                                  [(1, f"{k.code} {k.label}", k.get(col.key)) for k in kids])
    total = t.find(R.TOTAL)
    classes = [ln for ln in t.lines if ln.level is Level.CLASS]
    if total is None or not classes:
        return
    for col in t.columns:
        yield from c.identity(t.display_title, f"{total.label}／{col.label}", total.label, total.get(col.key),
                              [(1, f"{k.code} {k.label}", k.get(col.key)) for k in classes], complete=t.complete)


@rule("CL004", "classification.hierarchy", "功能分类表：类 = Σ款，款 = Σ项，合计 = Σ类（每一金额列）",
      [], source="T2-2, T3-2, T5-2, T8-2")
def cl004(c: Check) -> Iterator[Finding]:
    """In every functional-classification table (收入, 支出, 一般公共预算, 基金, 国资), each 类 equals
    the sum of its 款 and each 款 the sum of its 项 (matched by code prefix), and 合计 the sum
    of the 类, in every amount column."""
    for kind in _CLASSIFICATION:
        t = c.table(kind)
        if t is not None:
            yield from hierarchy(c, t)


_BALANCE = ((C.OPENING, "年初结转和结余"), (C.INCOME, "本年收入"), (C.EXPENSE, "本年支出"), (C.CLOSING, "年末结转和结余"))


@rule("CL005", "fund_tables.row_balance", "政府性基金/国有资本经营预算财政拨款表：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余；本年支出 = 基本支出 + 项目支出",
      [], source="T8/T9-1")
def cl005(c: Check) -> Iterator[Finding]:
    """On every row of tables 8 and 9: opening + income − spending = closing, and spending =
    basic + project where those columns exist."""
    for kind in (T.GOV_FUND, T.SOE_CAPITAL):
        t = c.table(kind)
        if t is None:
            continue
        for ln in t.lines:
            where = printed_line(ln.label, ln.code)
            # a column the table has, no figure on this line (the Shanghai 合计 row prints 本年支出's sub-headers there)
            if unprinted := [lbl for key, lbl in _BALANCE if t.column(key) is not None and ln.get(key) is None]:
                figs = [(1, lbl, f) for key, lbl in _BALANCE if (f := ln.get(key)) is not None]
                yield c.unchecked(t.display_title, where, f"本行{'、'.join(unprinted)}未印出数字，结转结余平衡无法核对", figs)
                continue
            yield from c.identity(t.display_title, where, "年末结转和结余", ln.get(C.CLOSING),
                                  [(1, "年初结转和结余", ln.get(C.OPENING)), (1, "本年收入", ln.get(C.INCOME)),
                                   (-1, "本年支出", ln.get(C.EXPENSE))])
            if t.column(C.BASIC) is not None:
                yield from c.identity(t.display_title, where, "本年支出", ln.get(C.EXPENSE),
                                      [(1, "基本支出", ln.get(C.BASIC)), (1, "项目支出", ln.get(C.PROJECT))])

#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (su001, su002, su003, su004, su005, su006, cl001, cl002, cl003, cl004, cl005)
