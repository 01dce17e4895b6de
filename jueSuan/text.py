"""Printed text made comparable, in one place: normalisation, ordinals, years and classification codes.

Core (no format library, nothing of the layers above): the readers, builders and rules that match printed
text take these patterns from here rather than writing their own.

* normalisation: ``norm`` (NFKC, every kind of space and line break removed; the key every match uses),
  ``clean_label`` (a label as printed, tidied for a message), ``norm_label`` (a line's matching key:
  normalised, ordinal prefixes removed);
* ordinals: the pieces ``CN_ORDINAL`` (一、), ``PAREN_ORDINAL`` (（一）, (1)), ``ARABIC_ORDINAL`` (1. 2、,
  never the 1. of 1.5), ``PART`` (第一部分), and ``ORDINAL`` (any of the first three at the start);
  ``HEADING_ORDINAL`` is the short form that numbers a heading (at most three numerals or two digits);
* years: ``YEAR_DIGITS`` (20xx) and ``YEAR`` (2020年, 2020年度, 2020 年度; the digits as group 1),
  ``first_year``;
* classification codes (类 3 digits, 款 5, 项 7: 201, 20103, 2010301, also printed spaced or split
  ``201 03 01``): ``CODE``, ``CODE_PART``, ``SHORT_PART``, ``LEADING_CODE``, ``is_code``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# ---------------------------------------------------------------- normalisation

_SPACES = re.compile(r"[\s\u3000\u00a0\u2002-\u200b\ufeff]+")


def norm(text: str) -> str:
    """Normalised text for matching: NFKC (full-width digits, ％, parentheses → ASCII) and every kind of
    space and line break removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def clean_label(text: str) -> str:
    """A label as printed, tidied for messages (outer spaces and line breaks removed)."""
    return re.sub(r"\s*\n\s*", "", unicodedata.normalize("NFC", text)).strip(" \u3000\t")


# ---------------------------------------------------------------- ordinals

#: The Chinese numerals of ordinals and table numbers (一 … 十).
CN_NUMERALS = "一二三四五六七八九十"
_CN = f"[{CN_NUMERALS}]"
#: 一、 二． 十一.
CN_ORDINAL = rf"{_CN}+[、.．]"
#: （一） (2) （十二）
PAREN_ORDINAL = rf"[(（][{CN_NUMERALS}\d]+[)）]"
#: 1. 2、 3． — never the start of a figure (1.5)
ARABIC_ORDINAL = r"\d+[、.．](?!\d)"
#: 第一部分 (a part heading's number)
PART = rf"第{_CN}+部分"
#: An ordinal at the start of a text.
ORDINAL = re.compile(rf"^(?:{CN_ORDINAL}|{PAREN_ORDINAL}|{ARABIC_ORDINAL})")
#: The number of a heading: at most three numerals or two digits, so that a year (2020、) or a code (301.)
#: never numbers one.
HEADING_ORDINAL = re.compile(rf"^\s*(?:{_CN}{{1,3}}[、.．]|[(（][{CN_NUMERALS}\d]{{1,3}}[)）]|\d{{1,2}}[、.．](?!\d))")
#: 第一部分 at the start, its numerals as group 1.
PART_NUMBER = re.compile(rf"^第({_CN}+)部分")
#: What a line's label may start with and its key leaves out: an ordinal, 其中： 减： 加：.
LABEL_PREFIX = re.compile(rf"^(?:{CN_ORDINAL}|{PAREN_ORDINAL}|{ARABIC_ORDINAL}|其中[:：]|减[:：]|加[:：])")


def norm_label(text: str) -> str:
    """A label's matching key: normalised, ordinal prefixes (一、 （一） 1. 其中： 减： 加：) removed."""
    s = norm(text)
    prev = None
    while prev != s:
        prev = s
        s = LABEL_PREFIX.sub("", s)
    return s


# ---------------------------------------------------------------- years

#: A year of the documents' era, as digits.
YEAR_DIGITS = r"20\d{2}"
#: A year as printed: 2020年, 2020年度, 2020 年度; the digits are group 1.
YEAR = re.compile(rf"({YEAR_DIGITS})\s*年度?")


def first_year(texts: Iterable[str]) -> int | None:
    """The first year (2020年, 2020年度) the texts print, in their order; None when none does."""
    for t in texts:
        m = YEAR.search(norm(t))
        if m:
            return int(m.group(1))
    return None


# ---------------------------------------------------------------- classification codes

#: A functional or economic classification code: 类 3 digits, 款 5, 项 7 (201, 20103, 2010301; 301, 30101).
CODE = re.compile(r"^[1-9]\d{2}(?:\d{2}){0,2}$")
#: One part of a code printed in split 类|款|项 cells (208 | 05 | 05).
CODE_PART = re.compile(r"^\d{2,3}$")
#: A 款/项 part printed without its leading zero (2 for 02: a workbook that stored the part as a number).
SHORT_PART = re.compile(r"^\d$")
#: A code printed at the start of its label ([2010301]一般行政管理事务): the code, then the label.
LEADING_CODE = re.compile(r"^\[?([1-9]\d{2}(?:\d{2}){0,2})\]?\s*(\D.*)$")


def is_code(text: str) -> bool:
    """The text (normalised: ``201 03 01`` is 2010301) is a classification code."""
    return bool(CODE.match(norm(text)))


__all__ = [
    "ARABIC_ORDINAL", "CN_NUMERALS", "CN_ORDINAL", "CODE", "CODE_PART", "HEADING_ORDINAL", "LABEL_PREFIX", "LEADING_CODE", "ORDINAL",
    "PAREN_ORDINAL", "PART", "PART_NUMBER", "SHORT_PART", "YEAR", "YEAR_DIGITS", "clean_label", "first_year", "is_code",
    "norm", "norm_label",
]
