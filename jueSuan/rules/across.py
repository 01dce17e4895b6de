"""Across documents: a 决算's 年初预算 figures against the same year's 预算 of the same unit
(``reconcile JUESUAN --budget BUDGET``, or both given and grouped by kind)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from ..builders.narrative.subjects import key
from ..findings import Finding, Severity
from ..models import BudgetTableKind, Figure, Level, Line, Quote, Report, Table, TableKind
from ..vocab.keys import ColumnKey, Role
from .engine import Check, fmt, printed_line, rule
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


_LEVELS = {"类": Level.CLASS, "款": Level.SEGMENT, "项": Level.ITEM}
_FUND_SECTIONS = ("八", "九")  # the 情况说明's sections on 政府性基金 / 国有资本经营: not the 一般公共预算 table
#: a 年初预算 the 情况说明 quotes without a 类/款/项: its subject → the 预算 table and line that holds it
_NARRATIVE_TOTALS: dict[str, tuple[BudgetTableKind, str, str]] = {
    "一般公共预算财政拨款支出": (BudgetTableKind.GPB_EXPENDITURE, "total", "total"),
    "三公经费财政拨款支出": (BudgetTableKind.THREE_PUBLIC, "total", "budget"),
    "“三公”经费财政拨款支出": (BudgetTableKind.THREE_PUBLIC, "total", "budget"),
}


def _rows_named(t: Table, q: Quote) -> list[Line]:
    """The lines of ``t`` at the level of the quote's last 类/款/项 with its name; several are narrowed
    by the 类 the sentence names first."""
    name, level = q.classification[-1]
    want = _LEVELS.get(level)
    rows = [ln for ln in t.lines if ln.level is want and key(ln.label) == key(name)]
    if len(rows) > 1 and len(q.classification) > 1:
        parent = key(q.classification[0][0])
        classes = {ln.code: key(ln.label) for ln in t.lines if ln.level is Level.CLASS}
        rows = [ln for ln in rows if ln.code and classes.get(ln.code[:3]) == parent]
    return rows


def _narrative_items(c: Check, b5: Table) -> Iterator[Finding]:
    """Each 类/款/项 whose 年初预算 the 情况说明 quotes (…（项）。年初预算为X万元) against that code's 合计
    in the 预算's 一般公共预算支出功能分类预算表: the code from the 决算's own 一般公共预算财政拨款支出决算表
    (the names match there), else the 预算 line of that name. A name neither table resolves to one line
    is unchecked, with the reason."""
    t5 = c.table(TableKind.GPB_EXPENDITURE)
    for q in c.report.quotes:
        if (q.role != "budget" or q.measure != "money" or not q.classification
                or q.part.startswith(_FUND_SECTIONS)):
            continue
        said = Figure(q.amount, q.ref, q.unit)
        name = "".join(n for n, _ in q.classification)
        where = f"{q.classification[-1][0]}（{q.classification[-1][1]}）年初预算"
        mine = _rows_named(t5, q) if t5 is not None else []
        code = mine[0].code if len(mine) == 1 else None
        other = b5.by_code(code) if code else None
        if other is None and code is None:
            theirs = _rows_named(b5, q)
            if len(theirs) == 1:
                other = theirs[0]
            else:
                how = f"有{len(theirs)}行" if theirs else "无此行"
                yield c.unchecked("情况说明", where, f"情况说明「{name}」年初预算 {q.text}：{b5.display_title}{how}"
                                  "，决算表中也未能确定其科目编码，未与预算核对", [(1, "年初预算", said)])
                continue
        if other is None:
            if said.value != 0:
                yield c.finding(Severity.WARNING, "情况说明", where,
                                f"情况说明「{code} {name}」年初预算 {q.text}：{b5.display_title}中没有此科目",
                                [(1, "年初预算", said)])
            continue
        g = other.get("total")
        if g is not None:
            yield from _same(c, "情况说明", where, "年初预算", said,
                             f"{b5.display_title}「{printed_line(other.label, other.code)}」", g)


def _narrative_totals(c: Check, b: Report) -> Iterator[Finding]:
    """The 一般公共预算财政拨款支出 and “三公”经费 年初预算 the 情况说明 quotes, against the 预算's totals."""
    for q in c.report.quotes:
        target = _NARRATIVE_TOTALS.get(q.subject)
        if q.role != "budget" or q.measure != "money" or q.classification or target is None:
            continue
        kind, role, column = target
        t = b.table(kind)
        ln = t.find(role) if t is not None else None
        g = ln.get(column) if ln is not None else None
        if t is None or ln is None or g is None:
            continue
        yield from _same(c, "情况说明", f"{q.subject}年初预算", "年初预算", Figure(q.amount, q.ref, q.unit),
                         f"{t.display_title}「{ln.label}」", g)


@rule("XD001", "across.initial_budget", "决算的年初预算数 = 同年预算：一般公共预算财政拨款支出表各科目及合计的年初预算、“三公”经费预算数，情况说明逐项引用的年初预算",
      source="B-8", needs="budget")
def xd001(c: Check) -> Iterator[Finding]:
    """The 年初预算 a 决算 prints is the budget the unit published for that year: in the
    一般公共预算财政拨款支出决算表, each code's (and the 合计's) 年初预算 合计/基本支出/项目支出 equal the
    一般公共预算支出功能分类预算表's 合计/基本支出/项目支出 for that code; the 三公 table's 预算数 equal
    the “三公”经费预算表's; the 情况说明's 年初预算 — per 类/款/项 (…（项）。年初预算为X万元), of the
    一般公共预算财政拨款支出 and of the “三公”经费 — equal the 预算's. Compared across units (万元
    against 元) within the printed precision."""
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
    if b5 is not None:
        yield from _narrative_items(c, b5)
    yield from _narrative_totals(c, b)


# what a "与上年相比" sentence compares, by its subject: (table, role, side, column)
_PREVIOUS_SUBJECTS: dict[str, tuple[TableKind, str, str | None, str]] = {
    "收入支出总计": (TableKind.SUMMARY, "grand_total", "income", "amount"),
    "财政拨款收入支出总计": (TableKind.FISCAL_SUMMARY, "grand_total", "income", "amount"),
    "一般公共预算财政拨款支出": (TableKind.GPB_EXPENDITURE, "total", None, "total"),
}


def _figure(report: Report, kind: TableKind, role: str, side: str | None, column: str) -> Figure | None:
    t = report.table(kind)
    return line_figure(t.find(role, side) if t is not None else None, column)


def _interval(f: Figure) -> tuple[Decimal, Decimal]:
    return f.value - f.half_unit, f.value + f.half_unit


def _rate_allowed(printed: Quote, now: Figure, before: Figure) -> bool:
    """Is the printed rate one that (this − last) / last rounds or truncates to, for some values the two
    printed figures stand for (both in the same unit)?"""
    nlo, nhi = _interval(now)
    blo, bhi = _interval(before)
    sign = -1 if printed.direction == -1 else 1
    ends = [sign * (n - b) / b * 100 for n in (nlo, nhi) for b in (blo, bhi) if b > 0]
    if not ends:
        return False
    lo, hi = min(ends), max(ends)
    r = printed.amount.value
    step = Decimal(1).scaleb(printed.amount.exponent)
    return (lo <= r + step / 2 and hi >= r - step / 2) or (lo < r + step and hi >= r)


def _rate(c: Check, q: Quote, now: Figure, before: Figure) -> Iterator[Finding]:
    """The printed 增长率/下降率 of ``q`` against (this − last) / last, as the two documents print them: a
    base of 0 makes the rate undefined (a warning, as NR003 says of a rate on a zero base)."""
    label = f"与上年相比{'下降' if q.direction == -1 else '增长'}率"
    figs = [(1, label, Figure(q.amount, q.ref)), (1, f"本年{q.subject}", now), (1, f"上年决算{q.subject}", before)]
    if c.trace is not None:
        c.trace.update((now.ref, before.ref))
    if before.value == 0:
        if q.amount.value != 0:
            msg = f"情况说明「{q.subject}{label}」：上年决算为 {before.printed}，增长率无定义，文中写 {q.text}"
            yield c.finding(Severity.WARNING, "情况说明", f"{q.subject}{label}", msg, figs, q.amount.value, None)
        return
    if _rate_allowed(q, now, before):
        return
    sign = -1 if q.direction == -1 else 1
    want = (sign * (now.value - before.value) / before.value * 100).quantize(
        Decimal(1).scaleb(q.amount.exponent), rounding=ROUND_HALF_UP)
    msg = (f"情况说明「{q.subject}{label}」：本年 {now.printed}，上年决算 {before.printed}，"
           f"{label}应为 {fmt(want)}%，文中为 {q.text}")
    yield c.finding(c.severity, "情况说明", f"{q.subject}{label}", msg, figs, q.amount.value, want)


@rule("XD002", "across.previous_year_change", "“与上年相比”增加/减少的金额 = 本年数 − 上年决算数，增长率/下降率 = (本年数 − 上年决算数) / 上年决算数（收入支出总计、财政拨款收入支出总计、一般公共预算财政拨款支出）",
      source="B-9", needs="previous")
def xd002(c: Check) -> Iterator[Finding]:
    """Given last year's 决算 (``--previous``), each "与上年相比增加（减少）X万元" the narrative states
    for the 收入支出总计, the 财政拨款收入支出总计 and the 一般公共预算财政拨款支出 is this year's figure
    less last year's, as the two documents print them; each "增长（下降）Y%" is that change over last
    year's figure, rounded or truncated at the printed precision (a base of 0: a warning)."""
    prev = c.report.previous
    assert prev is not None
    if prev.year is not None and c.report.year is not None and prev.year != c.report.year - 1:
        yield c.finding(Severity.WARNING, "与上年相比", "年度",
                        f"给出的上年决算是{prev.year}年度的，本决算是{c.report.year}年度的：与上年相比未核对", [])
        return
    for q in c.report.quotes:
        where = _PREVIOUS_SUBJECTS.get(q.subject)
        if where is None or q.direction not in (1, -1):
            continue
        now, before = _figure(c.report, *where), _figure(prev, *where)
        if now is None or before is None:
            continue
        if q.role == "growth" and q.measure == "percent":
            if now.is_number and before.is_number and (now.unit is before.unit or None in (now.unit, before.unit)):
                yield from _rate(c, q, now, before)
            continue
        if q.role != "change" or q.measure != "money":
            continue
        said = Figure(q.amount, q.ref, q.unit)
        label = f"与上年相比{'增加' if q.direction > 0 else '减少'}"
        terms = [(1, f"本年{q.subject}", now), (-1, f"上年决算{q.subject}", before)]
        if q.direction < 0:
            terms = [(-s, lbl, f) for s, lbl, f in terms]
        yield from c.identity("情况说明", f"{q.subject}{label}", label, said, terms)

#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (xd001, xd002)
