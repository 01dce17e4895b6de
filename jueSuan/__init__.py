"""jueSuan: read Chinese government final-accounts disclosures (部门决算) and reconcile them.

>>> import jueSuan
>>> report = jueSuan.read("samples/songjiang-2020.docx")
>>> findings = jueSuan.reconcile(report)
>>> sorted({f.rule for f in findings.filter(severity=jueSuan.Severity.ERROR)})
['NR001', 'NR005', 'XT007']
"""

from .api import read
from .findings import Finding, Findings, NotApplicable, Severity, Term
from .models import (
    AssetTable,
    ClassificationTable,
    Column,
    EconomicTable,
    Figure,
    FiscalSummaryTable,
    Level,
    Line,
    Report,
    SummaryTable,
    Table,
    TableKind,
    ThreePublicTable,
    Unplaced,
)
from .numbers import Amount, Unit, parse_amount
from .readers import ReadError, Reason
from .reconcile import default_rules, reconcile
from .source import SourceRef

__version__ = "0.1.0"

__all__ = [
    "Amount", "AssetTable", "ClassificationTable", "Column", "EconomicTable", "Figure", "Finding", "Findings",
    "FiscalSummaryTable", "Level", "Line", "NotApplicable", "ReadError", "Reason", "Report", "Severity",
    "SourceRef", "SummaryTable", "Table", "TableKind", "Term", "ThreePublicTable", "Unit", "Unplaced",
    "default_rules", "parse_amount", "read", "reconcile",
]
