"""The unit the 绩效自评表's amounts are really in, decided once for the report.

A 绩效自评表 heads its funds 项目资金（万元） but may print them in 元 (Songjiang 2020: 17242249.00 is
1,724.22 万元). The builders decide it here, from the amounts' size: Σ 全年执行数 of the tables headed 万元
is ten thousand times the department's 项目支出 (within 1%), or, with no table to compare, a single
project is 10亿 or more. ``Report.evaluations_in_yuan`` holds the answer; PF009 reports it, PF010 and NR008
convert the amounts with it (no rule decides it again).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..models import Figure, PerformanceEvaluation, Table, TableKind
from ..numbers import Unit


def project_spending(tables: Sequence[Table]) -> Figure | None:
    """The department's 项目支出 (the 合计 line of table 3, else table 5), when printed as a number."""
    for kind in (TableKind.EXPENDITURE, TableKind.GPB_EXPENDITURE):
        t = next((t for t in tables if t.kind is kind), None)
        total = t.find("total") if t is not None else None
        if total is not None:
            f = total.get("project")
            if f is not None and f.is_number:
                return f
    return None


def amounts_in_yuan(evaluations: Sequence[PerformanceEvaluation], tables: Sequence[Table]) -> bool:
    """The self-evaluations headed 万元 print 元: Σ 全年执行数 is ten thousand times the department's
    项目支出 (within 1%), or, with no 项目支出 to compare, a single project of 10亿 or more."""
    evs = [ev for ev in evaluations if ev.unit is Unit.WAN]
    executed = [f for ev in evs if (t := ev.fund("total")) is not None and (f := t.get("executed")) and f.is_number]
    if not executed:
        return False
    total = sum((f.value for f in executed), Decimal(0))
    spend = project_spending(tables)
    if spend is not None and spend.value > 0:
        ratio = total / spend.value
        return Decimal(9900) <= ratio <= Decimal(10100)
    return max(f.value for f in executed) >= Decimal(100000)


__all__ = ["amounts_in_yuan", "project_spending"]
