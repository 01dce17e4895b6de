"""The rule machinery: ``Rule`` records (the registry is rules/catalogue.py), and the identity check.

An identity ``lhs = Σ sign·term`` over printed figures holds when the printed intervals overlap:
``|lhs − Σ| ≤ half-unit(lhs) + Σ half-unit(term)``. Exact: no finding. Within the bound: a
``rounding`` finding that states the bound. Beyond: the rule's severity (an error, usually).
Figures in different units are compared in 元; a figure whose unit is unknown is never compared
with one whose unit is known (that is reported as not checked).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

import attrs

from ..config import Tolerance
from ..findings import Finding, Severity, Term
from ..models import BudgetTableKind, Figure, Report, Table, TableKind
from ..source import SourceRef

CheckFn = Callable[["Check"], Iterator[Finding]]


@attrs.frozen
class Rule:
    """A named check. ``summary`` is the Chinese one-line description; ``doc`` the full text."""

    id: str
    name: str
    severity: Severity
    summary: str
    doc: str
    requires: tuple[TableKind | BudgetTableKind, ...]
    check: CheckFn = attrs.field(repr=False, eq=False)
    source: str = ""  # the RULES.md line(s) it implements
    needs: str = ""  # "evaluations" / "narrative": a part of the report besides tables
    documents: str = "final"  # the documents it applies to: "final" (决算), "budget" (预算) or "any"

    def __call__(self, check: Check) -> Iterator[Finding]:
        return self.check(check)


def rule(
    id: str, name: str, summary: str, requires: Iterable[TableKind | BudgetTableKind] = (), severity: Severity = Severity.ERROR,
    source: str = "", needs: str = "", documents: str = "final",
) -> Callable[[CheckFn], Rule]:
    """Make a check function into a ``Rule`` record (its docstring is the rule's documentation). Nothing is
    registered: a family module lists its rules in ``RULES`` and rules/catalogue.py builds the registry."""

    def deco(fn: CheckFn) -> Rule:
        doc = (fn.__doc__ or "").strip()
        return Rule(id, name, severity, summary, doc, tuple(requires), fn, source, needs, documents)

    return deco


Signed = tuple[int, str, Figure | None]  # (sign, label as printed, figure or None when absent)


def _printed(f: Figure | None) -> str:
    return "(无)" if f is None else f.printed


def fmt(d: Decimal) -> str:
    """A decimal as money is printed: thousands separators, no float, trailing zeros kept."""
    return f"{d:,f}"


def fmt_bound(d: Decimal) -> str:
    """A rounding bound without the trailing zeros of its sum (±0.07, ±0.015)."""
    n = d.normalize()
    return f"{n:f}" if n.as_tuple().exponent < 0 else f"{n:.0f}"


class Check:
    """What one rule sees while it runs: the report, and helpers that make findings."""

    def __init__(
        self, rule: Rule, report: Report, severity: Severity | None = None, trace: set[SourceRef] | None = None,
        tolerance: Tolerance | None = None,
    ) -> None:
        self.rule = rule
        self.tolerance = tolerance or Tolerance()
        self.report = report
        self.severity = severity or rule.severity
        self.trace = trace  # when given, collects every figure an equality identity examined

    def table(self, kind: TableKind | BudgetTableKind) -> Table | None:
        return self.report.table(kind)

    def _order(self, figs: list[Figure]) -> tuple[int, int]:
        ref = figs[0].ref if figs else None
        return (ref.table or 0, ref.row or 0) if ref else (0, 0)

    def finding(
        self, severity: Severity, table: str, line: str, message: str, figs: list[tuple[int, str, Figure]],
        left: Decimal | None = None, right: Decimal | None = None, bound: Decimal | None = None,
        unit: str | None = None,
    ) -> Finding:
        terms = tuple(Term(lbl, f.printed, None if f.is_unknown else f.value, f.ref, sign) for sign, lbl, f in figs)
        diff = None if left is None or right is None else left - right
        return Finding(
            self.rule.id, self.rule.name, severity, table, line, message, left, right, diff, bound, unit, terms,
            self._order([f for _, _, f in figs]),
        )

    def unchecked(self, table: str, line: str, reason: str, figs: list[tuple[int, str, Figure]] = ()) -> Finding:  # type: ignore[assignment]
        return self.finding(Severity.UNCHECKED, table, line, f"{table}「{line}」未检查：{reason}", list(figs))

    def not_a_figure(self, table: str, line: str, figs: list[tuple[int, str, Figure]]) -> Finding:
        """Unchecked: a figure the check needs prints text that is not a figure (#DIV/0!, 见说明), named by its cell."""
        bad = "；".join(f"{lbl}印为「{f.printed}」（{cell_name(f)}）" for _, lbl, f in figs if f.is_unknown)
        return self.unchecked(table, line, f"{bad}，不是数字，无法判定", figs)

    def undecided(self, table: str, line: str, figs: list[tuple[int, str, Figure | None]]) -> Iterator[Finding]:
        """The ``not_a_figure`` finding when one of the figures a comparison needs is unknown; else nothing."""
        present = [(s, lbl, f) for s, lbl, f in figs if f is not None]
        if any(f.is_unknown for _, _, f in present):
            yield self.not_a_figure(table, line, present)

    def _scale(self, figs: list[Figure]) -> tuple[list[Decimal], list[Decimal], str | None] | str:
        """Values in the unit of the first figure, with the factors used; a message when the units
        cannot be compared (one known, one not)."""
        units = {f.unit for f in figs}
        if len(units) <= 1:
            u = next(iter(units))
            return [f.value for f in figs], [], (u.label if u else None)
        if None in units:
            return "单位不明，无法跨表比较"
        base = figs[0].unit
        assert base is not None
        factors = [f.unit.factor / base.factor for f in figs]  # type: ignore[union-attr]
        return [f.value * k for f, k in zip(figs, factors, strict=True)], factors, base.label

    def identity(
        self, table: str, line: str, lhs_label: str, lhs: Figure | None, terms: list[Signed],
        relation: str = "=", skip_all_blank_terms: bool = False, complete: bool = True,
    ) -> Iterator[Finding]:
        """Check ``lhs = Σ sign·term`` (or ``lhs ≤ Σ`` with relation "<="); yield at most one finding."""
        present = [(s, lbl, f) for s, lbl, f in terms if f is not None]
        if lhs is None or not present:
            return
        if lhs.is_unknown or any(f.is_unknown for _, _, f in present):
            yield self.not_a_figure(table, line, [(1, lhs_label, lhs), *present])
            return
        if not lhs.is_number and all(not f.is_number for _, _, f in present):
            return  # nothing printed on either side
        if skip_all_blank_terms and all(not f.is_number for _, _, f in present):
            yield self.unchecked(table, line, f"{lhs_label}的明细项均未填列", [(1, lhs_label, lhs)])
            return
        figs = [lhs] + [f for _, _, f in present]
        if self.trace is not None and relation == "=":
            self.trace.update(f.ref for f in figs)
        scaled = self._scale(figs)
        used = [(1, lhs_label, lhs), *present]
        if isinstance(scaled, str):
            yield self.unchecked(table, line, scaled, used)
            return
        vals, factors, unit = scaled
        left = vals[0]
        right = sum((s * v for (s, _, _), v in zip(present, vals[1:], strict=True)), Decimal(0))
        diff = left - right
        if diff == 0 or (relation == "<=" and diff <= 0):
            return  # holds exactly: nothing to say (the common case, so nothing more is computed)
        halves = [f.half_unit * k for f, k in zip(figs, factors, strict=True)] if factors else [f.half_unit for f in figs]
        bound = sum(halves, Decimal(0)) * self.tolerance.multiplier + self.tolerance.extra
        if relation == "<=" and diff <= bound:
            return
        one = len(present) == 1 and present[0][0] > 0
        if len(present) > 4 and all(s > 0 for s, _, _ in present):
            expr = f"其下{len(present)}项（{present[0][1]}…{present[-1][1]}）之和"
        else:
            expr = " ".join(f"{'+' if s > 0 else '−'} {lbl} {_printed(f)}" for s, lbl, f in present)
            expr = expr.removeprefix("+ ").strip()
        stated = f"{lhs_label} {lhs.printed} {'大于' if relation == '<=' else '≠'} {expr}"
        stated += "" if one else f" = {fmt(right)}"
        if relation == "<=":
            msg = f"{table}「{line}」：{stated}，超出 {fmt(diff)}{unit or ''}（舍入容差 ±{fmt_bound(bound)}）"
            yield self.finding(self.severity, table, line, msg, used, left, right, bound, unit)
            return
        if abs(diff) <= bound:
            msg = f"{table}「{line}」：{stated}，相差 {fmt(diff)}{unit or ''}，在舍入容差 ±{fmt_bound(bound)} 内"
            yield self.finding(Severity.ROUNDING, table, line, msg, used, left, right, bound, unit)
            return
        msg = f"{table}「{line}」：{stated}，相差 {fmt(diff)}{unit or ''}（舍入容差 ±{fmt_bound(bound)}）"
        if not complete:  # some lines of the table were not placed: the sum may lack them
            yield self.finding(Severity.UNCHECKED, table, line, msg + "；表中有未能识别的行，无法确认", used, left,
                               right, bound, unit)
            return
        yield self.finding(self.severity, table, line, msg, used, left, right, bound, unit)


def cell_name(f: Figure) -> str:
    """The cell of a figure as a person finds it: ``收入决算表!C7``, or the grid position ``表格#3 R7C3``."""
    return f.ref.short() or f.ref.where()


def printed_line(label: str, code: str | None = None) -> str:
    return f"{code} {label}" if code and not label.startswith(code) else label
