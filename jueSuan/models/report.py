"""The ``Report``: everything read from one disclosure (one or several files) — its tables, narrative,
performance tables, kind, and what could not be placed."""

from __future__ import annotations

import enum

import attrs

from ..document import Document
from ..numbers import Unit
from ..source import SourceRef
from .narrative import Claim, Coverage, NarrativeParagraph, Quote
from .performance import PerformanceEvaluation, TargetSheet
from .tables import BudgetTableKind, Table, TableKind


class DocumentKind(enum.Enum):
    """What a disclosure is: a 决算 (final accounts) or a 预算 (budget), of a 部门 or of one 单位."""

    DEPARTMENT_FINAL = "部门决算"
    UNIT_FINAL = "单位决算"
    DEPARTMENT_BUDGET = "部门预算"
    UNIT_BUDGET = "单位预算"

    @property
    def is_budget(self) -> bool:
        return self in (DocumentKind.DEPARTMENT_BUDGET, DocumentKind.UNIT_BUDGET)

    @property
    def code(self) -> str:
        return self.name.lower()


@attrs.frozen
class Unplaced:
    """Something read that could not be placed into a model, and why."""

    what: str
    reason: str
    ref: SourceRef
    text: str = ""


@attrs.frozen
class Report:
    """Everything read from one disclosure (one or several files)."""

    sources: tuple[str, ...]
    tables: tuple[Table, ...]
    unplaced: tuple[Unplaced, ...] = ()
    unit_name: str | None = None
    year: int | None = None
    narrative: tuple[NarrativeParagraph, ...] = ()
    headings: tuple[tuple[str, SourceRef], ...] = ()
    evaluations: tuple[PerformanceEvaluation, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    coverage: Coverage | None = None
    documents: tuple[Document, ...] = attrs.field(default=(), eq=False, repr=False)  # the readers' Documents
    targets: tuple[TargetSheet, ...] = ()  # a budget's 财政项目支出绩效目标表
    kind: DocumentKind | None = None  # 部门决算/单位决算/部门预算/单位预算 (None: could not tell)
    kind_evidence: str = ""  # what the kind was told from, as printed
    missing_parts: tuple[str, ...] = ()  # parts of the disclosure not among the files given (e.g. 预算表)
    budget: Report | None = attrs.field(default=None, eq=False, repr=False)  # the same year's 预算 (--budget)
    previous: Report | None = attrs.field(default=None, eq=False, repr=False)  # last year's 决算 (--previous)
    #: the 绩效自评表 head their funds 万元 but print 元 (builders/evaluation_unit.py): PF009 says so, PF010 and
    #: NR008 convert
    evaluations_in_yuan: bool = False
    #: (year, where) for every year a table title or a 决算 heading prints, titles first (DC002)
    stated_years: tuple[tuple[int, str], ...] = ()
    #: (name, heading) for every part heading (第一部分 NAME2020年度…) that names the unit (DC002)
    heading_names: tuple[tuple[str, str], ...] = ()

    @property
    def is_budget(self) -> bool:
        return self.kind is not None and self.kind.is_budget

    def table(self, kind: TableKind | BudgetTableKind) -> Table | None:
        return next((t for t in self.tables if t.kind is kind), None)

    @property
    def unit(self) -> Unit | None:
        """The unit most tables print (None when no table names one)."""
        units = [t.unit for t in self.tables if t.unit is not None]
        return max(set(units), key=units.count) if units else None


__all__ = ["DocumentKind", "Report", "Unplaced"]
