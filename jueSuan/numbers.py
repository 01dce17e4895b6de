"""Printed figures to exact decimals, and units of amounts.

Every figure is parsed from the text as printed, never through ``float``: ``"1,150.00"`` keeps
its exponent -2, so the rounding bound (half a unit of the last printed digit) is known.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal, InvalidOperation

import attrs

from .text import norm as normalize_text  # the one normalisation (text.py), kept here by its old name

__all__ = [
    "Amount",
    "AmountKind",
    "Unit",
    "detect_unit",
    "normalize_text",
    "parse_amount",
    "unknown_amount",
]


class AmountKind(enum.Enum):
    NUMBER = "number"
    BLANK = "blank"  # nothing printed: counts as zero, exactly
    DASH = "dash"  # "-", "——": not applicable; counts as zero where a sum needs it
    UNKNOWN = "unknown"  # text in a figure's place that is not one (#DIV/0!, NaN, 见说明): value not known


@attrs.frozen
class Amount:
    """A printed figure: its exact value, the exponent of its last printed digit, and the raw text."""

    value: Decimal
    exponent: int
    raw: str
    kind: AmountKind = AmountKind.NUMBER
    percent: bool = False
    is_exact: bool = False  # a constant of a rule (100 points), not a printed, rounded figure

    @classmethod
    def exact(cls, value: Decimal) -> Amount:
        return cls(value, value.as_tuple().exponent if isinstance(value.as_tuple().exponent, int) else 0,  # type: ignore[arg-type]
                   str(value), AmountKind.NUMBER, False, True)

    @property
    def half_unit(self) -> Decimal:
        """Half a unit of the last printed digit (zero for blanks, dashes and exact constants)."""
        if self.kind is not AmountKind.NUMBER or self.is_exact:
            return Decimal(0)
        return Decimal(5).scaleb(self.exponent - 1)

    @property
    def is_number(self) -> bool:
        return self.kind is AmountKind.NUMBER

    @property
    def is_unknown(self) -> bool:
        """Text printed where a figure belongs that is not a figure: any check using it cannot be decided."""
        return self.kind is AmountKind.UNKNOWN

    @property
    def printed_decimals(self) -> int:
        return max(0, -self.exponent)


BLANK = Amount(Decimal(0), 0, "", AmountKind.BLANK)

_DASHES = {"-", "--", "—", "——", "–", "－", "―", "─", "/", "——————"}
_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$")


def unknown_amount(text: str) -> Amount:
    """The figure of a cell that prints text which is not a figure (``#DIV/0!``, ``NaN``, ``见说明``): its
    value is not known, so a sum or comparison that needs it is not checked (never counted as zero)."""
    return Amount(Decimal(0), 0, text, AmountKind.UNKNOWN)


def parse_amount(text: str | None) -> Amount | None:
    """Parse a printed figure.

    Returns ``Amount`` (kind BLANK for an empty cell, DASH for ``-``/``——``) or ``None`` when the
    text is not a figure at all (a label, a sentence).
    Accepted: ``3,998.79``, ``3984.05``, ``　51.30``, ``1,963.09 ``, ``0.00``, ``-12.5``, ``(12.50)``,
    ``（12.50）``, full-width digits, ``99.87%``, ``21％``, ``100.0%``.
    """
    if text is None:
        return BLANK
    raw = text
    s = normalize_text(text)
    if not s:
        return attrs.evolve(BLANK, raw=raw)
    if s in _DASHES or set(s) <= {"-", "—", "–", "―", "─"}:
        return Amount(Decimal(0), 0, raw, AmountKind.DASH)
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative = True
        s = s[1:-1]
    percent = False
    if s.endswith("%"):
        percent = True
        s = s[:-1]
    m = _NUMBER.match(s)
    if not m or (m.group(2) is None and m.group(3) is None):
        return None
    sign, whole, frac = m.groups()
    if sign == "-":
        negative = not negative
    digits = (whole or "0").replace(",", "")
    try:
        value = Decimal(f"{digits}.{frac}" if frac else digits)
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return None
    if negative:
        value = -value
    exponent = -len(frac) if frac else 0
    return Amount(value, exponent, raw, AmountKind.NUMBER, percent)


class Unit(enum.Enum):
    """Unit of amounts, with its factor to 元."""

    YUAN = ("元", 1)
    QIAN = ("千元", 1000)
    WAN = ("万元", 10000)
    YI = ("亿元", 100000000)

    def __init__(self, label: str, factor: int) -> None:
        self.label = label
        self.factor = Decimal(factor)


_UNIT_LINE = re.compile(r"(?:单位|金额单位|计量单位)[:：]?\(?(亿元|万元|千元|元)")


def detect_unit(text: str) -> Unit | None:
    """The unit named by a ``单位：万元`` line (or ``金额单位：元``); None when the text names none."""
    m = _UNIT_LINE.search(normalize_text(text))
    if not m:
        return None
    return {u.label: u for u in Unit}[m.group(1)]
