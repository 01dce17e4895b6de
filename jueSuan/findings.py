"""Findings: plain data, as beancount's errors are: what rule, how bad, where, by how much."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from .source import SourceRef


class Severity(enum.Enum):
    """How bad a finding is. ``rank`` orders them for ``--fail-on``."""

    INTERNAL = ("internal", 5)  # a rule that raised: its check was not made (a defect of jueSuan, not the file)
    ERROR = ("error", 4)
    WARNING = ("warning", 3)
    ROUNDING = ("rounding", 2)
    INFO = ("info", 1)
    UNCHECKED = ("unchecked", 0)  # a check that could not be made with certainty, and why

    def __init__(self, label: str, rank: int) -> None:
        self.label = label
        self.rank = rank

    @classmethod
    def parse(cls, text: str) -> Severity:
        for s in cls:
            if s.label == text:
                return s
        raise ValueError(f"unknown severity {text!r}")


@attrs.frozen
class Term:
    """One figure used by a finding: what it is, as printed, and where it is."""

    label: str
    printed: str
    value: Decimal | None  # None: the printed text is not a figure (#DIV/0!, 见说明), its value is not known
    ref: SourceRef
    sign: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "printed": self.printed,
            "value": None if self.value is None else str(self.value),
            "sign": self.sign,
            "source": self.ref.to_dict(),
            "at": self.ref.short(),
            "where": self.ref.where(),
        }


@attrs.frozen
class Finding:
    rule: str
    name: str
    severity: Severity
    table: str
    line: str
    message: str
    left: Decimal | None = None
    right: Decimal | None = None
    difference: Decimal | None = None
    bound: Decimal | None = None
    unit: str | None = None
    terms: tuple[Term, ...] = ()
    order: tuple[int, int] = (0, 0)

    @property
    def refs(self) -> tuple[SourceRef, ...]:
        return tuple(t.ref for t in self.terms)

    def to_dict(self) -> dict[str, Any]:
        def s(d: Decimal | None) -> str | None:
            return None if d is None else str(d)

        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.label,
            "table": self.table,
            "line": self.line,
            "message": self.message,
            "left": s(self.left),
            "right": s(self.right),
            "difference": s(self.difference),
            "bound": s(self.bound),
            "unit": self.unit,
            "figures": [t.to_dict() for t in self.terms],
        }


@attrs.frozen
class NotApplicable:
    rule: str
    reason: str


@attrs.frozen
class Findings:
    """The result of a reconcile: findings (sorted by table and line), rules not applicable."""

    items: tuple[Finding, ...]
    not_applicable: tuple[NotApplicable, ...] = ()

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def filter(
        self,
        severity: Severity | Iterable[Severity] | None = None,
        rule: str | Iterable[str] | None = None,
        table: str | None = None,
        at_least: Severity | None = None,
    ) -> Findings:
        sev = {severity} if isinstance(severity, Severity) else set(severity) if severity else None
        rules = {rule} if isinstance(rule, str) else set(rule) if rule else None
        items = tuple(
            f
            for f in self.items
            if (sev is None or f.severity in sev)
            and (rules is None or f.rule in rules)
            and (table is None or table in f.table)
            and (at_least is None or f.severity.rank >= at_least.rank)
        )
        return Findings(items, self.not_applicable)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.items if f.severity is severity)

    def to_dicts(self) -> list[dict[str, Any]]:
        return [f.to_dict() for f in self.items]
