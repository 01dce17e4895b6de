"""Checks within table 6, 一般公共预算财政拨款基本支出决算表 (RULES.md T6)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..findings import Finding
from ..models import Figure, Level, Line, Table, TableKind
from ..vocab.keys import ColumnKey
from .engine import Check, printed_line, rule
from .tables import hierarchy, table_line

T = TableKind
C = ColumnKey

PERSONNEL_CLASSES = ("301", "303")


def econ_figure(line: Line | None) -> Figure | None:
    """The one figure of an economic line, whichever column holds it (决算数, or the 人员经费 /
    公用经费 group it is printed in)."""
    if line is None:
        return None
    for key in (C.AMOUNT, C.TOTAL, C.PERSONNEL, C.PUBLIC):
        f = line.get(key)
        if f is not None:
            return f
    return None


def _class_line(t: Table, code: str) -> Line | None:
    return next((ln for ln in t.lines if ln.code == code), None)


def _total_of_classes(c: Check, role: str, classes: Callable[[Table], list[Line]]) -> Iterator[Finding]:
    """The line of ``role`` (人员经费合计, 公用经费合计) equals the sum of the 类 lines ``classes`` picks."""
    if (found := table_line(c, T.BASIC_ECONOMIC, role)) is None:
        return
    t, total = found
    yield from c.identity(t.display_title, total.label, total.label, econ_figure(total),
                          [(1, f"{ln.code} {ln.label}", econ_figure(ln)) for ln in classes(t)], complete=t.complete)


@rule("EC001", "economic.personnel_total", "基本支出决算表：人员经费合计 = 工资福利支出(301) + 对个人和家庭的补助(303)",
      [T.BASIC_ECONOMIC], source="T6-1")
def ec001(c: Check) -> Iterator[Finding]:
    """人员经费合计 equals 301 工资福利支出 plus 303 对个人和家庭的补助."""
    yield from _total_of_classes(c, "personnel_total", lambda t: [
        ln for code in PERSONNEL_CLASSES if (ln := _class_line(t, code)) is not None])


@rule("EC002", "economic.public_total", "基本支出决算表：公用经费合计 = 商品和服务支出(302) + 资本性支出(310) + 其他非人员类",
      [T.BASIC_ECONOMIC], source="T6-2")
def ec002(c: Check) -> Iterator[Finding]:
    """公用经费合计 equals the sum of the non-personnel 类 the table lists (302, 307, 309, 310, 399...)."""
    yield from _total_of_classes(c, "public_total", lambda t: [
        ln for ln in t.lines if ln.level is Level.CLASS and ln.code not in PERSONNEL_CLASSES])


@rule("EC003", "economic.class_sum", "基本支出决算表：每一类 = 其各款之和", [T.BASIC_ECONOMIC], source="T6-3")
def ec003(c: Check) -> Iterator[Finding]:
    """Each economic 类 (301, 302, ...) equals the sum of its 款 (30101, 30102, ...)."""
    t = c.table(T.BASIC_ECONOMIC)
    assert t is not None
    yield from hierarchy(c, t)


@rule("EC004", "economic.row_split", "基本支出决算表（分列格式）：每行 合计 = 人员经费 + 公用经费", [T.BASIC_ECONOMIC], source="T6-1, T6-2")
def ec004(c: Check) -> Iterator[Finding]:
    """Where table 6 prints 人员经费 and 公用经费 as columns of each row, each row's 合计 equals
    their sum."""
    t = c.table(T.BASIC_ECONOMIC)
    assert t is not None
    if t.column(C.PERSONNEL) is None or t.column(C.PUBLIC) is None or t.column(C.AMOUNT) is None:
        return
    for ln in t.lines:
        yield from c.identity(t.display_title, printed_line(ln.label, ln.code), "合计", ln.get(C.AMOUNT),
                              [(1, "人员经费", ln.get(C.PERSONNEL)), (1, "公用经费", ln.get(C.PUBLIC))])

#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (ec001, ec002, ec003, ec004)
