"""The printed text of a spreadsheet cell value: Excel's number formats, and the values that are not figures.

Numbers print through their number format (``format_number``): the stored double is taken once as
``Decimal(repr(value))``, rounded to Excel's 15 significant digits, then quantized with ROUND_HALF_UP
to the format's decimals; there is no float arithmetic on amounts. An Excel error value (``#DIV/0!``)
or a non-finite number prints as itself and is recognised by ``is_cell_error``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

import attrs

__all__ = [
    "CELL_ERROR",
    "MISSING_CACHED_VALUE",
    "OUTSIDE_SHEET",
    "format_number",
    "format_value",
    "is_cell_error",
]

MISSING_CACHED_VALUE = "formula without a cached value (the file was saved without recalculation)"
CELL_ERROR = "an Excel error value or a non-finite number (NaN, inf): the figure of this cell is not known"
OUTSIDE_SHEET = "a cell addressed outside the sheet (row 0 or column 0): its text is not placed in any table"

_ERROR_VALUES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                           "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#ERROR!"})
_NON_FINITE = frozenset({"nan", "-nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"})


def is_cell_error(text: str) -> bool:
    """An Excel error value (``#DIV/0!``, ``#REF!``...) or a non-finite number (``NaN``, ``inf``): what a
    cell prints where a figure could not be computed. The row holding one still is a table row."""
    s = text.strip()
    return s.upper() in _ERROR_VALUES or s.lower() in _NON_FINITE


_CTX = Context(prec=1000, rounding=ROUND_HALF_UP)
_EXCEL_DIGITS = 15


def _to_decimal(value: int | float | Decimal) -> Decimal:
    """The exact decimal a stored number stands for: ints as they are, a double by its shortest repr,
    rounded to the 15 significant digits Excel keeps (``3984.0499999999997`` → ``3984.05``)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    d = Decimal(repr(value))
    if d and d.is_finite():
        step = Decimal(1).scaleb(d.adjusted() - (_EXCEL_DIGITS - 1))
        if d.as_tuple().exponent < step.as_tuple().exponent:  # type: ignore[operator]
            d = d.quantize(step, context=_CTX)
    return d


def _general(d: Decimal) -> str:
    """The shortest exact text: ``190``, ``148.3``, ``0.1``, never an exponent."""
    if not d.is_finite():
        return str(d)
    if d == d.to_integral_value(context=_CTX):
        return str(int(d))
    return format(d.normalize(_CTX), "f")


@attrs.frozen
class _Section:
    prefix: str = ""  # literals before the number
    suffix: str = ""  # literals after it (including those between digit placeholders)
    general: bool = False
    placeholders: bool = False  # any 0 # ? at all
    int_min: int = 0  # '0's before the point
    grouping: bool = False
    point: bool = False
    decimals: int = 0
    dec_min: int = 0  # '0's after the point (the rest, # and ?, drop trailing zeros)
    percent: int = 0
    scale: int = 0  # thousands scaling commas (#,##0, → /1000)
    exponent: tuple[str, int] | None = None  # ('+' or '-', minimum digits)
    fallback: bool = False  # dates, fractions, text-only: print the General text
    condition: tuple[str, Decimal] | None = None


_CONDITION = re.compile(r"^(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)$")
_DATE_LETTERS = set("yYmMdDhHsS")


def _split_sections(fmt: str) -> list[str]:
    sections, current, i = [], [], 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            j = fmt.find('"', i + 1)
            j = len(fmt) - 1 if j < 0 else j
            current.append(fmt[i:j + 1])
            i = j + 1
            continue
        if ch in "\\_*" and i + 1 < len(fmt):
            current.append(fmt[i:i + 2])
            i += 2
            continue
        if ch == "[":
            j = fmt.find("]", i)
            j = len(fmt) - 1 if j < 0 else j
            current.append(fmt[i:j + 1])
            i = j + 1
            continue
        if ch == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    sections.append("".join(current))
    return sections


def _parse_section(s: str) -> _Section:
    prefix: list[str] = []
    suffix: list[str] = []
    general = placeholders = grouping = point = fallback = False
    int_min = decimals = dec_min = percent = scale = 0
    exponent: tuple[str, int] | None = None
    exp_sign = ""
    exp_digits = 0
    in_exp = False
    pending_commas = 0
    condition: tuple[str, Decimal] | None = None
    text_placeholder = False

    def literal(text: str) -> None:
        (suffix if placeholders or general else prefix).append(text)

    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch == '"':
            j = s.find('"', i + 1)
            j = n if j < 0 else j
            literal(s[i + 1:j])
            i = j + 1
            continue
        if ch == "\\":
            literal(s[i + 1:i + 2])
            i += 2
            continue
        if ch in "_*":  # padding to a character's width, fill: layout, nothing printed
            i += 2
            continue
        if ch == "[":
            j = s.find("]", i)
            j = n if j < 0 else j
            inner = s[i + 1:j]
            m = _CONDITION.match(inner.strip())
            if m:
                condition = (m.group(1), Decimal(m.group(2)))
            elif inner.startswith("$"):
                literal(inner[1:].split("-", 1)[0])  # [$¥-804] → ¥, [$-804] → nothing
            elif inner.lower().strip("hms") == "":
                fallback = True  # elapsed time [h]:mm
            i = j + 1
            continue
        if s[i:i + 7].lower() == "general":
            general = True
            i += 7
            continue
        if ch in "0#?":
            if pending_commas:
                grouping = True  # a comma followed by more digits groups thousands
                pending_commas = 0
            placeholders = True
            if in_exp:
                exp_digits += 1
            elif point:
                decimals += 1
                if ch == "0":
                    dec_min = decimals
            elif ch == "0":
                int_min += 1
            i += 1
            continue
        if ch == "." and not in_exp and not point and (placeholders or (i + 1 < n and s[i + 1] in "0#?")):
            point = True
            i += 1
            continue
        if ch == "," and placeholders and not point and not in_exp:
            pending_commas += 1
            i += 1
            continue
        if ch in "eE" and placeholders and i + 1 < n and s[i + 1] in "+-":
            in_exp = True
            exp_sign = s[i + 1]
            i += 2
            continue
        if ch == "%":
            percent += 1
            literal("%")
            i += 1
            continue
        if ch == "@":
            text_placeholder = True
            i += 1
            continue
        if ch == "/" and placeholders:
            fallback = True  # fractions: print the General text
        elif ch in _DATE_LETTERS:
            fallback = True
        elif ch == "," and point:
            pass  # a comma after the point: Excel scales; rare, printed as nothing
        else:
            literal(ch)
        i += 1
    scale = pending_commas
    if in_exp:
        exponent = (exp_sign, max(1, exp_digits))
    if text_placeholder and not placeholders and not general:
        fallback = True
    return _Section("".join(prefix), "".join(suffix), general, placeholders, int_min, grouping, point, decimals,
                    dec_min, percent, scale, exponent, fallback, condition)


_SECTION_CACHE: dict[str, list[_Section]] = {}


def _sections(fmt: str) -> list[_Section]:
    found = _SECTION_CACHE.get(fmt)
    if found is None:
        found = [_parse_section(s) for s in _split_sections(fmt)]
        if len(_SECTION_CACHE) < 4096:
            _SECTION_CACHE[fmt] = found
    return found


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[k:k + 3] for k in range(head, len(digits), 3)]
    return ",".join(parts)


def _digits(v: Decimal, sec: _Section) -> str:
    """The number part of a non-negative value under a section."""
    if sec.exponent is not None:
        exp = 0 if not v else v.adjusted()
        mant = v.scaleb(-exp, _CTX).quantize(Decimal(1).scaleb(-sec.decimals), context=_CTX)
        if mant >= 10:
            exp += 1
            mant = v.scaleb(-exp, _CTX).quantize(Decimal(1).scaleb(-sec.decimals), context=_CTX)
        sign = "-" if exp < 0 else ("+" if sec.exponent[0] == "+" else "")
        body = _digits(mant, attrs.evolve(sec, exponent=None, percent=0, scale=0))
        return f"{body}E{sign}{str(abs(exp)).zfill(sec.exponent[1])}"
    q = v.quantize(Decimal(1).scaleb(-sec.decimals), context=_CTX)
    text = format(q, "f")
    whole, _, frac = text.partition(".")
    if whole == "0" and sec.int_min == 0:
        whole = ""
    whole = whole.zfill(sec.int_min)
    if sec.grouping and whole:
        whole = _group(whole)
    if sec.decimals > sec.dec_min:
        frac = frac.rstrip("0").ljust(sec.dec_min, "0")
    return whole + ("." + frac if sec.point else "")


def _holds(cond: tuple[str, Decimal], v: Decimal) -> bool:
    op, x = cond
    return {"<": v < x, "<=": v <= x, ">": v > x, ">=": v >= x, "=": v == x, "<>": v != x}[op]


def format_number(value: int | float | Decimal, fmt: str | None) -> str:
    """The text a number prints as under an Excel number format.

    ``#,##0.00`` → ``3,998.79``; ``0.00`` → ``3984.05``; ``0`` and ``General`` → the shortest exact
    text; ``0.00%`` → ``99.87%``; ``#,##0.00_);(#,##0.00)`` → ``(12.50)`` for -12.5; a zero section
    of ``"-"`` prints ``-``. Padding (``_x``) and fill (``*x``) characters print nothing; literals
    between digit placeholders go after the number; dates and fractions in a number's format fall back
    to the General text.
    """
    d = _to_decimal(value)
    if not d.is_finite():
        return str(value)
    fmt = (fmt or "General").strip() or "General"
    if fmt.lower() == "general":
        return _general(d)
    try:
        sections = _sections(fmt)
        numeric = sections[:3]
        sign = ""
        if any(sec.condition for sec in numeric):
            chosen = next((sec for sec in numeric[:2] if sec.condition and _holds(sec.condition, d)), None)
            if chosen is None:
                chosen = numeric[-1] if not numeric[-1].condition else numeric[0]
            sec, magnitude = chosen, abs(d)
            if d < 0 and chosen is numeric[0]:
                sign = "-"
        elif d < 0 and len(numeric) >= 2:
            sec, magnitude = numeric[1], -d
        elif d < 0:
            sec, magnitude, sign = numeric[0], -d, "-"
        elif d == 0 and len(numeric) >= 3:
            sec, magnitude = numeric[2], d
        else:
            sec, magnitude = numeric[0], d
        if sec.fallback:
            return _general(d)
        if sec.general:
            return sign + sec.prefix + _general(magnitude) + sec.suffix
        if not sec.placeholders:
            return sec.prefix + sec.suffix  # a section of literals only ("-", "" hides the value)
        scaled = magnitude.scaleb(2 * sec.percent - 3 * sec.scale, _CTX)
        return sign + sec.prefix + _digits(scaled, sec) + sec.suffix
    except (InvalidOperation, ValueError, IndexError, KeyError):  # a format beyond this sketch of Excel
        return _general(d)


def format_value(value: object, fmt: str | None) -> str:
    """What a cell prints: strings as stored, numbers through their format, booleans and dates as text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, Decimal)):
        return format_number(value, fmt)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if not value.microsecond else "auto")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)
