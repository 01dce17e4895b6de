"""The 情况说明 as the builders hand it to the rules: its paragraphs, the quantities it quotes (``Quote``), what
each was bound to (``Binding``), the comparisons it states without a number (``Claim``), and how much of it
was checked (``Coverage``)."""

from __future__ import annotations

import attrs

from ..numbers import Amount, Unit
from ..source import SourceRef
from .tables import Figure, TableKind


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


__all__ = ["Binding", "Claim", "Coverage", "NarrativeParagraph", "Operand", "Quote"]
