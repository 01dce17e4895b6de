"""Typed, immutable models of the tables of a 部门决算 and of the ``Report`` that holds them.

Every figure is a ``Figure``: the printed ``Amount``, the ``SourceRef`` of its cell, the unit of its table.
Lines keep the label as printed (for messages), a normalised key (for matching), and a code and level (类/款/项).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from .numbers import Amount, AmountKind, Unit
from .source import SourceRef


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
        return next((c for c in self.columns if c.key == key), None)

    def find(self, role: str, side: str | None = None) -> Line | None:
        return next(self.all(role, side), None)

    def all(self, role: str, side: str | None = None) -> Iterator[Line]:
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


@attrs.frozen
class Unplaced:
    """Something read that could not be placed into a model, and why."""

    what: str
    reason: str
    ref: SourceRef
    text: str = ""


@attrs.frozen
class NarrativeParagraph:
    index: int
    text: str
    ref: SourceRef


@attrs.frozen
class Operand:
    """One figure a bound quote is compared with or computed from: its role in the relation
    (表中数, 部分, 整体, 决算, 年初预算, 增减额, 本年数), a label naming it as printed, the figure."""

    role: str
    label: str
    figure: Figure


@attrs.frozen
class Binding:
    """What a quote was resolved to, once, by the builders (rules only compare).

    ``target``: ``table`` (one table figure: ``table``/``line``/``column``), ``share`` (部分 / 整体),
    ``completion`` (决算 / 年初预算), ``growth`` (增减额 / 本年数 − 增减额), ``relation`` (checked with
    other quotes of the text: a 大于/小于/持平 sentence, 政府采购 = 货物 + 工程 + 服务, 绩效 counts…), or
    ``none`` (not checked; ``how`` says why). ``how`` always says how the binding was made.
    """

    target: str
    how: str
    operands: tuple[Operand, ...] = ()
    table: TableKind | None = None
    line: str = ""
    column: str = ""

    @property
    def checked(self) -> bool:
        return self.target != "none"

    def get(self, role: str) -> Operand | None:
        return next((o for o in self.operands if o.role == role), None)


@attrs.frozen
class Coverage:
    """How much of the 情况说明 was checked: found or not (and how), the quantities quoted, how many
    were checked, and the rest counted by reason."""

    found: bool
    how: str
    paragraphs: int = 0
    quoted: int = 0
    checked: int = 0
    unchecked: tuple[tuple[str, int], ...] = ()
    name: str = "情况说明"  # what the document calls it (a budget's 预算编制说明 …)


@attrs.frozen
class Quote:
    """A quantity quoted in the narrative, with what it is said to be (see builders/narrative/)."""

    paragraph: int
    span: tuple[int, int]  # in the paragraph's text as printed
    ref: SourceRef
    text: str  # as printed, e.g. "3,998.79万元"
    amount: Amount
    unit: Unit | None  # for money
    measure: str  # "money" | "percent" | "count"
    subject: str
    role: str
    direction: int | None = None
    whole: str = ""
    classification: tuple[tuple[str, str], ...] = ()  # ((name, 类|款|项), ...) named in the sentence
    sentence: str = ""
    order: int = 0  # position of the quote among the quotes of its sentence
    part: str = ""  # the heading of the 情况说明 section it stands in (一、收入支出决算总体情况说明…)
    binding: Binding | None = None


@attrs.frozen
class Claim:
    """A sentence that compares without a number of its own: 决算数大于预算数, 与上年持平."""

    paragraph: int
    ref: SourceRef
    subject: str
    kind: str  # "greater" | "less" | "flat" (与上年持平) | "equal" (决算数与预算数持平)
    classification: tuple[tuple[str, str], ...]
    sentence: str
    clause: str = ""  # the clause the direction word stands in


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
    documents: tuple[object, ...] = attrs.field(default=(), eq=False, repr=False)  # the readers' Documents
    targets: tuple[TargetSheet, ...] = ()  # a budget's 财政项目支出绩效目标表
    kind: DocumentKind | None = None  # 部门决算/单位决算/部门预算/单位预算 (None: could not tell)
    kind_evidence: str = ""  # what the kind was told from, as printed
    missing_parts: tuple[str, ...] = ()  # parts of the disclosure not among the files given (e.g. 预算表)
    budget: Report | None = attrs.field(default=None, eq=False, repr=False)  # the same year's 预算 (--budget)
    previous: Report | None = attrs.field(default=None, eq=False, repr=False)  # last year's 决算 (--previous)

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
        return next(((label, f) for k, label, f in self.funds if k == key), None)

    @property
    def display(self) -> str:
        return f"绩效目标表「{self.project}」"
