"""Typed, immutable models of what the builders read from a disclosure, split by idea: the tables
(``tables``), the 情况说明 (``narrative``), the performance tables (``performance``) and the ``Report``
that holds them all (``report``). ``from jueSuan.models import X`` reaches every one of them."""

from __future__ import annotations

from .narrative import Binding, Claim, Coverage, NarrativeParagraph, Operand, Quote
from .performance import FundLine, Indicator, PerformanceEvaluation, Target, TargetIndicator, TargetSheet
from .report import DocumentKind, Report, Unplaced
from .tables import (
    PUBLIC_TABLES,
    AnyTableKind,
    AssetTable,
    BudgetTableKind,
    ClassificationTable,
    Column,
    EconomicTable,
    Figure,
    FiscalSummaryTable,
    Level,
    Line,
    SummaryTable,
    Table,
    TableKind,
    ThreePublicTable,
)

__all__ = [
    "PUBLIC_TABLES", "AnyTableKind", "AssetTable", "Binding", "BudgetTableKind", "Claim", "ClassificationTable",
    "Column", "Coverage", "DocumentKind", "EconomicTable", "Figure", "FiscalSummaryTable", "FundLine", "Indicator",
    "Level", "Line", "NarrativeParagraph", "Operand", "PerformanceEvaluation", "Quote", "Report", "SummaryTable",
    "Table", "TableKind", "Target", "TargetIndicator", "TargetSheet", "ThreePublicTable", "Unplaced",
]
