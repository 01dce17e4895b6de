"""Typed keys: the column keys and line roles builders hand to rules.

A table's columns carry a ``ColumnKey``, its lines a ``Role``; a performance table's fund lines a
``FundKey``. Each is a ``str`` enum, so a key compares, hashes, prints and serialises as the plain
string it always was (``ColumnKey.TOTAL == "total"``), but a key that is not one of them raises:

- in the vocabularies (``columns.py``, ``lines.py``), every term's key is checked when the module is
  imported, so a misspelled key in the data stops the import;
- in the models, ``Table.column``, ``Table.find``, ``Table.all``, ``Line.get``, ``FundLine.get``,
  ``PerformanceEvaluation.fund`` and ``TargetSheet.fund`` take these keys and raise ``KeyError`` for
  any other (``key_of``): a rule that asks for ``"fisacl"`` fails loudly (an ``internal`` finding)
  instead of getting None and silently checking nothing.

This module imports nothing of jueSuan.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar


class _Key(str, Enum):
    """A key that is its own string (str(), format(), JSON give the value)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    def __repr__(self) -> str:
        return repr(str(self.value))

    def __hash__(self) -> int:  # the string's hash (Enum's own is its name's): dicts keyed by str find it
        return str.__hash__(self)


class ColumnKey(_Key):
    """The amount columns of the tables (决算 and 预算) and of the 绩效自评表's funds."""

    # the general amount of a one-figure line or table
    AMOUNT = "amount"
    TOTAL = "total"
    # income sources (收入决算表, 收入预算总表)
    FISCAL = "fiscal"
    SUPERIOR = "superior"
    BUSINESS = "business"
    OPERATING = "operating"
    AFFILIATED = "affiliated"
    OTHER = "other"
    SPECIAL_ACCOUNT = "special_account"
    CARRYOVER = "carryover"
    # spending (支出决算表, 支出预算总表, 一般公共预算财政拨款支出决算表)
    BASIC = "basic"
    PROJECT = "project"
    SUBSIDY = "subsidy"
    REMIT = "remit"
    RESERVE = "reserve"
    CARRY_FORWARD = "carry_forward"
    BUDGET_TOTAL = "budget_total"
    BUDGET_BASIC = "budget_basic"
    BUDGET_PROJECT = "budget_project"
    # the funds (财政拨款收入支出决算总表, 政府性基金/国有资本经营 tables)
    GPB = "gpb"
    GOV_FUND = "gov_fund"
    SOE = "soe"
    OPENING = "opening"
    CLOSING = "closing"
    INCOME = "income"
    EXPENSE = "expense"
    # 基本支出决算表
    PERSONNEL = "personnel"
    PUBLIC = "public"
    # 三公: the measure
    BUDGET = "budget"
    ACTUAL = "actual"
    # 资产负债情况表
    QTY_OPEN = "qty_open"
    QTY_CLOSE = "qty_close"
    VAL_OPEN = "val_open"
    VAL_CLOSE = "val_close"
    # 绩效自评表 funds (BUDGET above is its 全年预算数)
    INITIAL = "initial"
    EXECUTED = "executed"
    WEIGHT = "weight"
    RATE = "rate"
    SCORE = "score"


class Role(_Key):
    """What a line of a table is, as the builder decided it."""

    ROW = "row"  # a classification line (by its code)
    TOTAL = "total"
    GRAND_TOTAL = "grand_total"
    # 总表 (决算)
    INCOME_TOTAL = "income_total"
    EXPENSE_TOTAL = "expense_total"
    NONFISCAL_BALANCE = "nonfiscal_balance"
    OPENING = "opening"
    CLOSING = "closing"
    DISTRIBUTION = "distribution"
    INCOME_ITEM = "income_item"
    FUND = "fund"
    OPENING_FUND = "opening_fund"
    CLOSING_FUND = "closing_fund"
    CLASS = "class"
    # 总表 (预算)
    ITEM = "item"
    SUB = "sub"
    # 基本支出决算表
    PERSONNEL_TOTAL = "personnel_total"
    PUBLIC_TOTAL = "public_total"
    # 三公 (and a budget's 三公 table: 机关运行经费, 会议费, 培训费, the all-inclusive 合计)
    ABROAD = "abroad"
    VEHICLE = "vehicle"
    VEHICLE_PURCHASE = "vehicle_purchase"
    VEHICLE_OPERATION = "vehicle_operation"
    RECEPTION = "reception"
    MEETING = "meeting"
    TRAINING = "training"
    OPERATING_COSTS = "operating_costs"
    ALL = "all"
    # 资产负债情况表
    NET_ASSETS = "net_assets"
    LIABILITIES = "liabilities"
    ASSETS_TOTAL = "assets_total"
    CURRENT = "current"
    GENERAL_LARGE = "general_large"
    SPECIAL_LARGE = "special_large"
    VEHICLE_GENERAL = "vehicle_general"
    VEHICLE_ENFORCEMENT = "vehicle_enforcement"
    VEHICLE_SPECIAL = "vehicle_special"
    VEHICLE_OTHER = "vehicle_other"
    VEHICLES = "vehicles"
    OTHER_FIXED = "other_fixed"
    FIXED = "fixed"
    BUILDINGS = "buildings"
    GENERAL_EQUIPMENT = "general_equipment"
    SPECIAL_EQUIPMENT = "special_equipment"
    DEPRECIATION = "depreciation"
    LONG_EQUITY = "long_equity"
    LONG_BOND = "long_bond"
    LONG_INVESTMENT = "long_investment"
    CONSTRUCTION = "construction"
    INTANGIBLE = "intangible"
    AMORTIZATION = "amortization"
    OTHER_ASSETS = "other_assets"


class LineKey(_Key):
    """The key a 总表 gives an income source or a fund line (``Line.key``; other lines keep their
    label as key)."""

    GPB = "gpb"
    GOV_FUND = "gov_fund"
    SOE = "soe"
    FISCAL = "fiscal"
    SUPERIOR = "superior"
    BUSINESS = "business"
    AFFILIATED = "affiliated"
    OPERATING = "operating"
    OTHER = "other"


class FundKey(_Key):
    """The fund lines of a 绩效自评表 (``FundLine.key``) and of a 绩效目标表 (``TargetSheet.funds``)."""

    TOTAL = "total"
    FISCAL = "fiscal"
    CARRYOVER = "carryover"
    OTHER = "other"
    PROJECT_TOTAL = "project_total"
    PROJECT_FISCAL = "project_fiscal"
    PROJECT_OTHER = "project_other"
    ANNUAL_TOTAL = "annual_total"
    ANNUAL_FISCAL = "annual_fiscal"
    ANNUAL_CARRYOVER = "annual_carryover"
    ANNUAL_OTHER = "annual_other"


K = TypeVar("K", bound=_Key)


def key_of(kind: type[K], key: str) -> K:
    """``key`` as a member of ``kind``; ``KeyError`` naming the known keys when it is none of them."""
    if isinstance(key, kind):
        return key
    try:
        return kind(key)
    except ValueError:
        raise KeyError(f"{key!r} is not a {kind.__name__} (known: {', '.join(k.value for k in kind)})") from None
