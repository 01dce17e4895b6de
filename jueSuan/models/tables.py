"""The tables of a 部门决算 or 预算 as typed, immutable models: the table kinds, ``Figure`` (the printed
``Amount``, the ``SourceRef`` of its cell, the unit of its table), ``Column``, ``Line`` and ``Table``.

Lines keep the label as printed (for messages), a normalised key (for matching), and a code and level (类/款/项).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from ..numbers import Amount, AmountKind, Unit
from ..source import SourceRef
from ..vocab.keys import ColumnKey, Role, key_of


class TableKind(enum.Enum):
    """The tables of a 部门决算 (DOMAIN.md §2). Value: (short id, canonical title)."""

    SUMMARY = ("T1", "收入支出决算总表")
    INCOME = ("T2", "收入决算表")
    EXPENDITURE = ("T3", "支出决算表")
    FISCAL_SUMMARY = ("T4", "财政拨款收入支出决算总表")
    GPB_EXPENDITURE = ("T5", "一般公共预算财政拨款支出决算表")
    BASIC_ECONOMIC = ("T6", "一般公共预算财政拨款基本支出决算表")
    THREE_PUBLIC = ("T7", "一般公共预算财政拨款“三公”经费支出决算表")
    GOV_FUND = ("T8", "政府性基金预算财政拨款收入支出决算表")
    SOE_CAPITAL = ("T9", "国有资本经营预算财政拨款支出决算表")
    ASSETS = ("A", "资产负债情况表")

    def __init__(self, short: str, canonical_title: str) -> None:
        self.short = short
        self.canonical_title = canonical_title


PUBLIC_TABLES = tuple(k for k in TableKind if k is not TableKind.ASSETS)


class BudgetTableKind(enum.Enum):
    """The tables of a 部门预算/单位预算, as Shanghai and Jiangsu print them. Value: (short id, title).

    Shanghai prints nine (财务收支预算总表 … “三公”经费和机关运行经费预算表); Jiangsu prints 公开01表–公开12表,
    most of them the same tables under shorter titles, plus 财政拨款支出/基本支出, 机关运行经费 and 政府采购.
    """

    SUMMARY = ("B1", "财务收支预算总表")
    INCOME = ("B2", "收入预算总表")
    EXPENDITURE = ("B3", "支出预算总表")
    FISCAL_SUMMARY = ("B4", "财政拨款收支预算总表")
    FISCAL_EXPENDITURE = ("B4a", "财政拨款支出预算表")
    FISCAL_BASIC = ("B4b", "财政拨款基本支出预算表")
    GPB_EXPENDITURE = ("B5", "一般公共预算支出功能分类预算表")
    GOV_FUND = ("B6", "政府性基金预算支出功能分类预算表")
    SOE_CAPITAL = ("B7", "国有资本经营预算支出功能分类预算表")
    BASIC_ECONOMIC = ("B8", "一般公共预算基本支出经济分类预算表")
    THREE_PUBLIC = ("B9", "“三公”经费和机关运行经费预算表")
    OPERATING_COSTS = ("B10", "一般公共预算机关运行经费支出预算表")
    PROCUREMENT = ("B11", "政府采购支出预算表")

    def __init__(self, short: str, canonical_title: str) -> None:
        self.short = short
        self.canonical_title = canonical_title


AnyTableKind = TableKind | BudgetTableKind


class Level(enum.Enum):
    CLASS = "类"
    SEGMENT = "款"
    ITEM = "项"
    TOTAL = "合计"

    @classmethod
    def of_code(cls, code: str) -> Level | None:
        return {3: cls.CLASS, 5: cls.SEGMENT, 7: cls.ITEM}.get(len(code))


@attrs.frozen
class Figure:
    amount: Amount
    ref: SourceRef
    unit: Unit | None = None

    @property
    def value(self) -> Decimal:
        return self.amount.value

    @property
    def half_unit(self) -> Decimal:
        return self.amount.half_unit

    @property
    def is_number(self) -> bool:
        return self.amount.kind is AmountKind.NUMBER

    @property
    def is_dash(self) -> bool:
        return self.amount.kind is AmountKind.DASH

    @property
    def is_unknown(self) -> bool:  # text that is not a figure (#DIV/0!, 见说明): nothing using it is decided
        return self.amount.kind is AmountKind.UNKNOWN

    @property
    def printed(self) -> str:
        return self.amount.raw.strip().strip("\u3000") or "(空)"


@attrs.frozen
class Column:
    """An amount column: canonical key, header as printed (levels joined by '/'), its source."""

    key: str
    label: str
    ref: SourceRef


@attrs.frozen
class Line:
    """One labelled line of a table (one side of it, for the two-sided tables).

    ``role`` is what the line is (``income_total``, ``class``, ``grand_total``...), set by the builder;
    ``values`` maps column keys to figures.
    """

    label: str
    key: str
    ref: SourceRef
    role: str = ""
    side: str = ""
    code: str | None = None
    level: Level | None = None
    values: tuple[tuple[str, Figure], ...] = ()

    def get(self, column: str) -> Figure | None:
        column = key_of(ColumnKey, column)  # an unknown column key raises, never a silent None
        for k, f in self.values:
            if k == column:
                return f
        return None

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for _, f in self.values)


@attrs.frozen
class Table:
    """A recognised table. Subclasses add typed access for their kind."""

    kind: TableKind | BudgetTableKind
    title: str
    unit: Unit | None
    ref: SourceRef
    columns: tuple[Column, ...] = ()
    lines: tuple[Line, ...] = ()
    notes: tuple[str, ...] = ()
    dropped: int = 0  # lines with figures that could not be placed (sums over the table are then unsure)
    number: str = ""  # the table's number as the document prints it (表六, 公开05表), when it does

    @property
    def complete(self) -> bool:
        return self.dropped == 0

    def column(self, key: str) -> Column | None:
        key = key_of(ColumnKey, key)  # typed keys (vocab/keys.py): an unknown key raises KeyError
        return next((c for c in self.columns if c.key == key), None)

    def find(self, role: str, side: str | None = None) -> Line | None:
        return next(self.all(role, side), None)

    def all(self, role: str, side: str | None = None) -> Iterator[Line]:
        role = key_of(Role, role)
        return (ln for ln in self.lines if ln.role == role and (side is None or ln.side == side))

    def by_code(self, code: str) -> Line | None:
        return next((ln for ln in self.lines if ln.code == code), None)

    @property
    def is_numerically_empty(self) -> bool:
        return all(not f.is_number or f.value == 0 for ln in self.lines for f in ln.figures)

    @property
    def display_title(self) -> str:
        return self.title or self.kind.canonical_title

    @property
    def printed_name(self) -> str:
        """Number and title as a person finds the table: 表六 一般公共预算财政拨款基本支出决算表."""
        return f"{self.number} {self.display_title}" if self.number else self.display_title


@attrs.frozen
class SummaryTable(Table):
    """T1 收入支出决算总表: ``side`` is 'income' or 'expenditure'."""


@attrs.frozen
class FiscalSummaryTable(Table):
    """T4 财政拨款收入支出决算总表: expenditure columns total/gpb/gov_fund/soe."""


@attrs.frozen
class ClassificationTable(Table):
    """T2, T3, T5, T8, T9: functional-classification rows (code, name, level) × amount columns."""

    @property
    def total(self) -> Line | None:
        return self.find("total")

    @property
    def rows(self) -> tuple[Line, ...]:
        return tuple(ln for ln in self.lines if ln.code)


@attrs.frozen
class EconomicTable(Table):
    """T6 基本支出决算表: economic-classification rows and the 人员经费/公用经费 totals."""

    @property
    def rows(self) -> tuple[Line, ...]:
        return tuple(ln for ln in self.lines if ln.code)


@attrs.frozen
class ThreePublicTable(Table):
    """T7 三公: lines total, abroad, vehicle, vehicle_purchase, vehicle_operation, reception...;
    columns budget/actual."""


@attrs.frozen
class AssetTable(Table):
    """A 资产负债情况表: lines by role; columns qty_open, qty_close, val_open, val_close."""


__all__ = [
    "PUBLIC_TABLES", "AnyTableKind", "AssetTable", "BudgetTableKind", "ClassificationTable", "Column",
    "EconomicTable", "Figure", "FiscalSummaryTable", "Level", "Line", "SummaryTable", "Table", "TableKind",
    "ThreePublicTable",
]
