"""The performance tables: a 决算's 财政项目支出绩效自评表 (``PerformanceEvaluation``) and a 预算's
财政项目支出绩效目标表 (``TargetSheet``), with their ``Target`` values as printed."""

from __future__ import annotations

from decimal import Decimal

import attrs

from ..numbers import Unit
from ..source import SourceRef
from ..vocab.keys import ColumnKey, FundKey, key_of
from .tables import Figure


@attrs.frozen
class Target:
    """A 年度指标值 or 实际完成值 as printed, and what it says when it says a number.

    ``op`` is one of ``>=``, ``<=``, ``>``, ``<``, ``=``, ``range`` or None (a bare number, or words).
    ``low``/``high`` are the bounds (equal for a single number); ``unit`` what follows (%, 人, 万元…).
    """

    text: str
    op: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str = ""
    exponent: int = 0

    @property
    def is_numeric(self) -> bool:
        return self.low is not None

    @property
    def words(self) -> str:
        return self.text.strip()


@attrs.frozen
class FundLine:
    """One line of a 绩效自评表 funds block: 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金."""

    label: str
    key: str  # total | fiscal | carryover | other
    ref: SourceRef
    values: tuple[tuple[str, Figure], ...] = ()  # initial, budget, executed, weight, rate, score

    def get(self, column: str) -> Figure | None:
        column = key_of(ColumnKey, column)
        return next((f for k, f in self.values if k == column), None)


@attrs.frozen
class Indicator:
    level1: str
    level2: str
    name: str
    target: Target
    actual: Target
    weight: Figure | None
    score: Figure | None
    reason: str
    ref: SourceRef
    target_ref: SourceRef | None = None
    actual_ref: SourceRef | None = None
    reason_ref: SourceRef | None = None


@attrs.frozen
class PerformanceEvaluation:
    """One 财政项目支出绩效自评表."""

    project: str
    ref: SourceRef
    department: str = ""
    implementer: str = ""
    year: int | None = None
    unit: Unit | None = None  # as the funds heading says (项目资金（万元）)
    funds: tuple[FundLine, ...] = ()
    goal_expected: str = ""
    goal_actual: str = ""
    indicators: tuple[Indicator, ...] = ()
    total_weight: Figure | None = None
    total_score: Figure | None = None
    grade: str = ""
    grade_ref: SourceRef | None = None

    def fund(self, key: str) -> FundLine | None:
        key = key_of(FundKey, key)
        return next((f for f in self.funds if f.key == key), None)

    @property
    def display(self) -> str:
        return f"绩效自评表「{self.project}」"


@attrs.frozen
class TargetIndicator:
    """One indicator row of a 绩效目标表: 一级/二级/三级 指标 and the 指标值 as printed."""

    level1: str
    level2: str
    name: str
    target: Target
    ref: SourceRef


@attrs.frozen
class TargetSheet:
    """One 财政项目支出绩效目标(填报)表 of a budget: the project, its funds (``project_total``
    项目资金总额, ``project_fiscal`` 财政资金, ``project_other`` 其他资金; ``annual_total`` 年度资金申请总额,
    ``annual_fiscal`` 当年财政拨款, ``annual_carryover`` 上年结转资金, ``annual_other`` 其他资金) and its
    indicators."""

    project: str
    ref: SourceRef
    unit: Unit | None = None
    funds: tuple[tuple[str, str, Figure], ...] = ()  # (key, label as printed, figure)
    indicators: tuple[TargetIndicator, ...] = ()
    indicator_header: bool = False  # the 一级指标/二级指标/… header was found

    def fund(self, key: str) -> tuple[str, Figure] | None:
        key = key_of(FundKey, key)
        return next(((label, f) for k, label, f in self.funds if k == key), None)

    @property
    def display(self) -> str:
        return f"绩效目标表「{self.project}」"


__all__ = ["FundLine", "Indicator", "PerformanceEvaluation", "Target", "TargetIndicator", "TargetSheet"]
