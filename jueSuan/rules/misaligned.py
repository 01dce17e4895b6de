"""A table whose amounts stand rows away from their codes (builders/misaligned.py): one error for the
table, and every other finding that rests on its figures made ``unchecked``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from ..builders.misaligned import find_misaligned, grid_keys
from ..findings import Finding, Severity
from ..models import Report
from ..models import TableKind as T
from .engine import Check, printed_line, rule


@rule("XT030", "cross.rows_misaligned", "一般公共预算财政拨款支出决算表的金额与科目错行（金额印在别的科目行上）",
      [T.GPB_EXPENDITURE, T.EXPENDITURE], source="X-35")
def xt030(c: Check) -> Iterator[Finding]:
    """The amounts of the 一般公共预算财政拨款支出决算表 stand beside the wrong codes: from some row on, a row's
    合计 differs from the 支出决算表's for its code but equals the 支出决算表's 合计 of a code printed a few rows
    below (three such rows or more, at least half of the rows that disagree). One error for the table,
    citing the first displaced row and the row its amount belongs to; the table's own identities and its
    comparisons with other tables then say nothing about the document's figures and are reported as
    ``unchecked`` instead of as errors."""
    for m in find_misaligned(c.report):
        where = m.table.display_title
        row = printed_line(m.first.label, m.first.code)
        owner = printed_line(m.owner.label, m.owner.code)
        own = m.expected.printed if m.expected is not None else "(空)"
        msg = (f"{where}自「{row}」行起金额与科目错行：该行印 {m.figure.printed}，{m.reference.display_title}中该科目为 {own}，"
               f"而 {m.figure.printed} 是下方第{m.shift}行「{owner}」在{m.reference.display_title}中的决算数；共{m.rows}行的金额"
               f"印在别的科目行上，本表的平衡关系和与其他表的核对均无法确认")
        figs = [(1, f"{where} {row}", m.figure), (1, f"{m.reference.display_title} {owner}", m.owner_figure)]
        if m.expected is not None:
            figs.append((1, f"{m.reference.display_title} {row}", m.expected))
        right = m.expected.value if m.expected is not None and m.expected.is_number else None
        yield c.finding(c.severity, where, row, msg, figs, m.figure.value, right)


def demote(items: Iterable[Finding], report: Report) -> list[Finding]:
    """Findings resting on a misaligned table's figures become ``unchecked`` (the XT030 error says why)."""
    out = list(items)
    bad: set[tuple[str, int | None]] = set()
    for m in find_misaligned(report):
        bad |= grid_keys(m.table)
    if not bad:
        return out
    for k, f in enumerate(out):
        if f.rule == "XT030" or f.severity is Severity.UNCHECKED:
            continue
        if any((t.ref.file, t.ref.table) in bad for t in f.terms):
            out[k] = attrs.evolve(f, severity=Severity.UNCHECKED,
                                  message=f"{f.message}；该表金额与科目错行（见XT030），无法确认")
    return out


__all__ = ["demote"]

#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (xt030,)
