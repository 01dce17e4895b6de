"""Checks within table 7, the “三公” 经费 table (RULES.md T7)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..models import TableKind
from ..vocab.keys import ColumnKey, Role
from .engine import Check, rule
from .tables import line_figure

T = TableKind
C = ColumnKey
R = Role

_TP_LABELS = {R.TOTAL: "合计", R.ABROAD: "因公出国（境）费", R.VEHICLE: "公务用车购置及运行维护费",
              "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费"}
_MEASURES = {C.BUDGET: "预算数", C.ACTUAL: "决算数"}


@rule("TP001", "three_public.total", "“三公”经费表：合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费（预算数、决算数）",
      [T.THREE_PUBLIC], source="T7-1")
def tp001(c: Check) -> Iterator[Finding]:
    """合计 equals 因公出国(境)费 + 公务用车购置及运行维护费 + 公务接待费, for 预算数 and 决算数."""
    t = c.table(T.THREE_PUBLIC)
    assert t is not None
    for m, mname in _MEASURES.items():
        yield from c.identity(t.display_title, f"合计／{mname}", f"合计{mname}", line_figure(t.find(R.TOTAL), m),
                              [(1, _TP_LABELS[k], line_figure(t.find(k), m)) for k in (R.ABROAD, R.VEHICLE, R.RECEPTION)])


@rule("TP002", "three_public.vehicle", "“三公”经费表：公务用车 小计 = 购置费 + 运行维护费", [T.THREE_PUBLIC], source="T7-2")
def tp002(c: Check) -> Iterator[Finding]:
    """公务用车购置及运行维护费 (小计) equals 公务用车购置费 + 公务用车运行维护费."""
    t = c.table(T.THREE_PUBLIC)
    assert t is not None
    for m, mname in _MEASURES.items():
        yield from c.identity(t.display_title, f"公务用车小计／{mname}", f"小计{mname}", line_figure(t.find(R.VEHICLE), m),
                              [(1, _TP_LABELS[k], line_figure(t.find(k), m)) for k in (R.VEHICLE_PURCHASE, R.VEHICLE_OPERATION)])


@rule("TP003", "three_public.non_negative", "“三公”经费表：金额不得为负", [T.THREE_PUBLIC], source="T7-3")
def tp003(c: Check) -> Iterator[Finding]:
    """No 三公 amount is negative (a zero 合计 with non-zero items is caught by TP001)."""
    t = c.table(T.THREE_PUBLIC)
    assert t is not None
    for ln in t.lines:
        for m, f in ln.values:
            if f.is_number and f.value < 0:
                yield c.finding(c.severity, t.display_title, f"{ln.label}／{_MEASURES.get(m, m)}",
                                f"{t.display_title}「{ln.label}」{_MEASURES.get(m, m)} {f.printed} 为负数",
                                [(1, ln.label, f)], f.value, None)

#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (tp001, tp002, tp003)
