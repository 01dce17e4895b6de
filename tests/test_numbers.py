from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jueSuan.numbers import AmountKind, Unit, detect_unit, parse_amount


@pytest.mark.parametrize(
    ("text", "value", "exponent"),
    [
        ("3,998.79", "3998.79", -2),
        ("3984.05", "3984.05", -2),
        ("3,998.79\u3000", "3998.79", -2),
        ("\u300051.30", "51.30", -2),
        ("1,963.09 ", "1963.09", -2),
        ("0.00", "0.00", -2),
        ("190", "190", 0),
        ("(12.50)", "-12.50", -2),
        ("（12.50）", "-12.50", -2),
        ("-0.5", "-0.5", -1),
        ("１２３.４５", "123.45", -2),
        ("17242249.00", "17242249.00", -2),
        ("1,234,567.8", "1234567.8", -1),
    ],
)
def test_printed_figures(text: str, value: str, exponent: int) -> None:
    a = parse_amount(text)
    assert a is not None and a.kind is AmountKind.NUMBER
    assert a.value == Decimal(value)
    assert a.exponent == exponent
    assert a.half_unit == Decimal(5).scaleb(exponent - 1)


@pytest.mark.parametrize("text", ["99.87%", "21％", "100.0%"])
def test_percentages(text: str) -> None:
    a = parse_amount(text)
    assert a is not None and a.percent


@pytest.mark.parametrize(("text", "kind"), [("", AmountKind.BLANK), ("\u3000", AmountKind.BLANK), ("  ", AmountKind.BLANK),
                                            ("-", AmountKind.DASH), ("——", AmountKind.DASH), ("—", AmountKind.DASH)])
def test_blank_and_dash(text: str, kind: AmountKind) -> None:
    a = parse_amount(text)
    assert a is not None and a.kind is kind and a.value == 0 and a.half_unit == 0


@pytest.mark.parametrize("text", ["合计", "社会保障和就业支出", "1,23,4", "12.3.4", "≥90", "abc"])
def test_not_figures(text: str) -> None:
    assert parse_amount(text) is None


def test_units() -> None:
    assert detect_unit("单位：万元") is Unit.WAN
    assert detect_unit("金额单位:元") is Unit.YUAN
    assert detect_unit("单位： 千元") is Unit.QIAN
    assert detect_unit("收入支出决算总表") is None


def _spell(value: Decimal, decimals: int, sep: bool, space: str, fullwidth: bool, parens: bool) -> str:
    q = value.quantize(Decimal(1).scaleb(-decimals))
    body = f"{abs(q):,.{decimals}f}" if sep else f"{abs(q):.{decimals}f}"
    if fullwidth:
        body = body.translate(str.maketrans("0123456789.,", "０１２３４５６７８９．，"))
    if q < 0:
        body = f"({body})" if parens else f"-{body}"
    return space + body + space


@given(
    value=st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False, allow_infinity=False),
    decimals=st.integers(min_value=0, max_value=4),
    sep=st.booleans(),
    space=st.sampled_from(["", " ", "\u3000", "\u00a0", "\t"]),
    fullwidth=st.booleans(),
    parens=st.booleans(),
)
def test_any_spelling_parses_exactly(value: Decimal, decimals: int, sep: bool, space: str, fullwidth: bool,
                                     parens: bool) -> None:
    text = _spell(value, decimals, sep, space, fullwidth, parens)
    a = parse_amount(text)
    assert a is not None and a.kind is AmountKind.NUMBER
    assert a.value == value.quantize(Decimal(1).scaleb(-decimals))
    assert a.exponent == -decimals
    assert a.raw == text


@given(st.text(alphabet="合计支出收入项目万元一二三、（）", min_size=1))
def test_labels_are_never_figures(text: str) -> None:
    a = parse_amount(text)
    assert a is None or a.kind is not AmountKind.NUMBER
