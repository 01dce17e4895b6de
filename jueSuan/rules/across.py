"""Across documents: a 决算's 年初预算 figures against the same year's 预算 of the same unit
(``reconcile JUESUAN --budget BUDGET``, or both given and grouped by kind)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..models import BudgetTableKind, Figure, Line, Report, TableKind
from ..vocab.keys import ColumnKey, Role
from .engine import Check, printed_line, rule
from .tables import line_figure

C = ColumnKey
R = Role

_T5_COLUMNS = ((C.BUDGET_TOTAL, C.TOTAL), (C.BUDGET_BASIC, C.BASIC), (C.BUDGET_PROJECT, C.PROJECT))
_THREE_PUBLIC = (R.TOTAL, R.ABROAD, R.VEHICLE, R.VEHICLE_PURCHASE, R.VEHICLE_OPERATION, R.RECEPTION)


def _budget(c: Check) -> Report:
    b = c.report.budget
    assert b is not None
    return b


def _same(c: Check, table: str, line: str, label: str, f: Figure, other: str, g: Figure) -> Iterator[Finding]:
    """``f`` = ``g``; a difference within the printed precision of two figures in different units
    (万元 against 元) is the conversion, not a rounding of the document's: not reported."""
    for found in c.identity(table, line, label, f, [(1, other, g)]):
        if found.severity is Severity.ROUNDING and f.unit is not g.unit:
            continue
        yield found


@rule("XD001", "across.initial_budget", "决算的年初预算数 = 同年预算：一般公共预算财政拨款支出表各科目及合计的年初预算、“三公”经费预算数",
      source="B-8", needs="budget")
def xd001(c: Check) -> Iterator[Finding]:
    """The 年初预算 a 决算 prints is the budget the unit published for that year: in the
    一般公共预算财政拨款支出决算表, each code's (and the 合计's) 年初预算 合计/基本支出/项目支出 equal the
    一般公共预算支出功能分类预算表's 合计/基本支出/项目支出 for that code; the 三公 table's 预算数 equal
    the “三公”经费预算表's. Compared across units (万元 against 元) within the printed precision."""
    b = _budget(c)
    if b.year is not None and c.report.year is not None and b.year != c.report.year:
        yield c.finding(Severity.WARNING, "年初预算", "年度",
                        f"给出的预算是{b.year}年度的，决算是{c.report.year}年度的：年初预算未核对", [])
        return
    t5, b5 = c.table(TableKind.GPB_EXPENDITURE), b.table(BudgetTableKind.GPB_EXPENDITURE)
    if t5 is not None and b5 is not None and t5.column(C.BUDGET_TOTAL) is not None:
        pairs: list[tuple[Line, Line | None]] = []
        for ln in t5.lines:
            if ln.code:
                pairs.append((ln, b5.by_code(ln.code)))
            elif ln.role == R.TOTAL:
                pairs.append((ln, b5.find(R.TOTAL)))
        for ln, other in pairs:
            where = printed_line(ln.label, ln.code)
            if other is None:
                f = ln.get(C.BUDGET_TOTAL)
                if f is not None and f.is_number and f.value != 0:
                    yield c.finding(Severity.WARNING, t5.display_title, where,
                                    f"{t5.display_title}「{where}」年初预算 {f.printed}：{b5.display_title}中没有此科目",
                                    [(1, "年初预算", f)])
                continue
            for mine, theirs in _T5_COLUMNS:
                col = t5.column(mine)
                f, g = ln.get(mine), other.get(theirs)
                if col is None or f is None or g is None:
                    continue
                yield from _same(c, t5.display_title, where, col.label, f,
                                 f"{b5.display_title}「{printed_line(other.label, other.code)}」", g)
    t7, b9 = c.table(TableKind.THREE_PUBLIC), b.table(BudgetTableKind.THREE_PUBLIC)
    if t7 is not None and b9 is not None:
        for role in _THREE_PUBLIC:
            mine, theirs = t7.find(role), b9.find(role)
            f: Figure | None = mine.get(C.BUDGET) if mine else None
            g: Figure | None = theirs.get(C.BUDGET) if theirs else None
            if mine is None or theirs is None or f is None or g is None:
                continue
            yield from _same(c, t7.display_title, mine.label, f"{mine.label}预算数", f,
                             f"{b9.display_title}「{theirs.label}」", g)


# what a "与上年相比" sentence compares, by its subject: (table, role, side, column)
_PREVIOUS_SUBJECTS: dict[str, tuple[TableKind, str, str | None, str]] = {
    "收入支出总计": (TableKind.SUMMARY, "grand_total", "income", "amount"),
    "财政拨款收入支出总计": (TableKind.FISCAL_SUMMARY, "grand_total", "income", "amount"),
    "一般公共预算财政拨款支出": (TableKind.GPB_EXPENDITURE, "total", None, "total"),
}


def _figure(report: Report, kind: TableKind, role: str, side: str | None, column: str) -> Figure | None:
    t = report.table(kind)
    return line_figure(t.find(role, side) if t is not None else None, column)


@rule("XD002", "across.previous_year_change", "“与上年相比”增加/减少的金额 = 本年数 − 上年决算数（收入支出总计、财政拨款收入支出总计、一般公共预算财政拨款支出）",
      source="B-9", needs="previous")
def xd002(c: Check) -> Iterator[Finding]:
    """Given last year's 决算 (``--previous``), each "与上年相比增加（减少）X万元" the narrative states
    for the 收入支出总计, the 财政拨款收入支出总计 and the 一般公共预算财政拨款支出 is this year's figure
    less last year's, as the two documents print them."""
    prev = c.report.previous
    assert prev is not None
    if prev.year is not None and c.report.year is not None and prev.year != c.report.year - 1:
        yield c.finding(Severity.WARNING, "与上年相比", "年度",
                        f"给出的上年决算是{prev.year}年度的，本决算是{c.report.year}年度的：与上年相比未核对", [])
        return
    for q in c.report.quotes:
        where = _PREVIOUS_SUBJECTS.get(q.subject)
        if q.role != "change" or where is None or q.direction not in (1, -1) or q.measure != "money":
            continue
        now, before = _figure(c.report, *where), _figure(prev, *where)
        if now is None or before is None:
            continue
        said = Figure(q.amount, q.ref, q.unit)
        label = f"与上年相比{'增加' if q.direction > 0 else '减少'}"
        terms = [(1, f"本年{q.subject}", now), (-1, f"上年决算{q.subject}", before)]
        if q.direction < 0:
            terms = [(-s, lbl, f) for s, lbl, f in terms]
        yield from c.identity("情况说明", f"{q.subject}{label}", label, said, terms)
