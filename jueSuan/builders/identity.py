"""The document's statements about itself: which year it reports on, which unit it is.

Only what the document says of itself counts, never a year or a unit it merely mentions:

* the year: the cover and headings naming the document (``2024年度部门决算``, ``第三部分 …2024年度部门决算情况
  说明``, ``…2024年度部门决算表``), the titles of its tables, a sentence whose subject is the unit in a year
  (``上海市XX局2024年度收入支出总计…``), and, in a 决算, the date its assets are counted at
  (``截至2024年12月31日``, the end of the reporting year; a 预算 counts them at the end of the year before, so
  its dates are not checked). ``与2023年度相比``, ``上年``, a policy's year, a 2025 budget named in a 2024 决算
  narrative are mentions, not statements about the document, and are never read as such;
* the unit: the name on the cover, and the name the document gives itself where it names itself — part
  headings (``第一部分 上海市XX局概况``), headings and sentences that begin with it and a year, ``截至…，NAME
  共有车辆``, ``说明：NAME本年度没有…``, ``纳入NAME…编制范围``, ``从预算单位构成看，NAME部门决算包括``. A name
  holding a placeholder (``XX``) is left to the leftovers check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ..document import Document, Paragraph
from ..models import Table
from ..source import SourceRef
from ..text import ARABIC_ORDINAL, CN_NUMERALS, PAREN_ORDINAL, PART, YEAR, YEAR_DIGITS, norm

_SUFFIX = r"(?:局|委员会|委|办公室|办公厅|办事处|院|厅|部|中心|馆|所|队|站|处|会|社|校|学|园|团|政府|街道|镇|署|台|报社|集团)"
_NAME = rf"([^，。；：:,（）()“”]{{3,40}}?{_SUFFIX})"
_SELF_YEAR = re.compile(rf"({YEAR_DIGITS})年度?(?:部门|单位)?(决算|预算)")
_SUBJECT_YEAR = re.compile(rf"^(?!纳入|截[至止]|说明)(?:{PART})?{_NAME}({YEAR_DIGITS})年度?")
_REPORTED = re.compile(r"收入|支出|决算|总计|采购|^无")
_AS_OF = re.compile(rf"截[至止]({YEAR_DIGITS})年12月31日")
_NAMES = (
    re.compile(rf"^{PART}{_NAME}(?:{YEAR_DIGITS}年度?|概况)"),
    re.compile(rf"^(?!{PART}|纳入|截[至止]|说明){_NAME}{YEAR_DIGITS}年度?"),
    re.compile(rf"截[至止]{YEAR_DIGITS}年\d{{1,2}}月\d{{1,2}}日[，,]{_NAME}(?:部门|单位)?(?:\(单位\))?共有"),
    re.compile(rf"^说明[:：]{_NAME}本年度"),
    re.compile(rf"纳入{_NAME}{YEAR_DIGITS}年度?(?:部门|单位)"),
    re.compile(rf"单位构成看[，,]{_NAME}(?:部门|单位)(?:决算|预算)包括"),
)
_PLACEHOLDER = re.compile(r"[XＸ×]{2,}")
_LIST = re.compile(rf"^(?:{ARABIC_ORDINAL}|{PAREN_ORDINAL}|[{CN_NUMERALS}]+、)")
#: A heading that names the unit before the year: (第一部分) NAME 2020年度…
_UNIT_HEADING = re.compile(rf"^(?:第[一二三四五]部分)?\s*(.{{4,40}}?)({YEAR_DIGITS})年度")
_PLACES = re.compile(r"^(?:[^省市区县，。]{1,7}?(?:省|自治区|市|区|县))+")


def looks_like_name(text: str) -> bool:
    """A unit's name: ends as units' names end, and is not a heading (第二部分)."""
    return bool(text) and bool(re.fullmatch(_NAME, text)) and not text.startswith("第")


def split_name(name: str) -> tuple[str, str]:
    """A unit's name as (its places, the rest): 上海市普陀区文化和旅游局 → (上海市普陀区, 文化和旅游局)."""
    m = _PLACES.match(name)
    return (m.group(), name[m.end():]) if m else ("", name)


@attrs.frozen
class Statement:
    """The document saying which year or unit it is, where it says so."""

    what: str  # "year" | "unit"
    value: str  # the year (as digits) or the unit's name, as printed (normalised)
    words: str  # the paragraph or title, shortened
    ref: SourceRef
    naming: bool = True  # a heading naming the document's unit; False: a sentence, which may name a unit of it


def kind_of(paragraphs: Sequence[Paragraph]) -> str | None:
    """决算 or 预算: what the document's cover and headings call it."""
    counts = {"决算": 0, "预算": 0}
    for p in paragraphs[:60]:
        for m in _SELF_YEAR.finditer(norm(p.text)):
            counts[m.group(2)] += 1
    if not any(counts.values()):
        return None
    return max(counts, key=lambda k: counts[k])


def cover_name(paragraphs: Sequence[Paragraph]) -> tuple[str, SourceRef] | None:
    """The unit's name on the cover: the short lines before the one naming the document and its year."""
    head: list[Paragraph] = []
    for p in paragraphs[:8]:
        s = norm(p.text)
        m = _SELF_YEAR.search(s)
        if m:
            name = s[:m.start()] or "".join(norm(h.text) for h in head)
            ref = p.ref if s[:m.start()] else (head[0].ref if head else p.ref)
            return (name, ref) if looks_like_name(name) else None
        if s == "目录" or len(s) > 25:
            return None
        head.append(p)
    return None


def statements(docs: Sequence[Document], table_titles: Sequence[tuple[str, SourceRef]], kind: str | None) -> list[Statement]:
    """Every place the documents state their year or their unit."""
    out: list[Statement] = []
    for doc in docs:
        paragraphs = [p for p in doc.paragraphs if p.text.strip()]
        for p in paragraphs:
            s = norm(p.text)
            short = s[:60]
            heading = len(s) <= 60 and not re.search(r"[，,。；;！？]", s)
            if heading:
                for m in _SELF_YEAR.finditer(s):
                    if kind is None or m.group(2) == kind:
                        out.append(Statement("year", m.group(1), short, p.ref))
            m = _SUBJECT_YEAR.match(s)
            if m and not heading and kind == "决算":
                clause = re.split(r"[，。；,;]", s[m.end():], maxsplit=1)[0]
                # the template's sentences about the year reported on (收入支出总计…, 政府采购金额…, 无…支出), not a plan
                if "预算" not in clause and "上年" not in clause and "将" not in clause and _REPORTED.search(clause):
                    out.append(Statement("year", m.group(2), short, p.ref))
            if kind == "决算":
                for m in _AS_OF.finditer(s):
                    out.append(Statement("year", m.group(1), s[max(0, m.start() - 5):m.end() + 20], p.ref))
            bare = _LIST.sub("", s)
            for k, pattern in enumerate(_NAMES):
                for m in pattern.finditer(bare):
                    name = m.group(1)
                    if not _PLACEHOLDER.search(name):
                        naming = k in (0, 3, 4, 5) or (k == 1 and heading)
                        out.append(Statement("unit", name, short, p.ref, naming))
    for title, ref in table_titles:
        for m in YEAR.finditer(norm(title)):
            out.append(Statement("year", m.group(1), norm(title)[:60], ref))
    return out


def heading_unit_name(paragraphs: Sequence[Paragraph]) -> str | None:
    """The unit's name as the headings (第一部分 NAME2020年度…, NAME2020年度部门决算) print it most often, a part
    heading weighing most."""
    names: dict[str, int] = {}
    for p in paragraphs[:400]:
        text = norm(p.text)
        m = _UNIT_HEADING.match(text)
        if m and len(text) <= 50 and ("决算" in text or "部分" in text):
            weight = 3 if "部分" in text else 1  # a part heading names the unit most reliably
            names[m.group(1)] = names.get(m.group(1), 0) + weight
    return max(names, key=lambda k: names[k]) if names else None


def heading_names(headings: Sequence[tuple[str, SourceRef]]) -> tuple[tuple[str, str], ...]:
    """(name, heading as printed) for every part heading that names the unit before the year."""
    out: list[tuple[str, str]] = []
    for text, _ref in headings:
        s = norm(text)
        m = _UNIT_HEADING.match(s)
        if m and "部分" in s:
            out.append((m.group(1), text.strip()))
    return tuple(out)


def stated_years(tables: Sequence[Table], headings: Sequence[tuple[str, SourceRef]]) -> tuple[tuple[int, str], ...]:
    """(year, where) for every year the tables' titles print (where: the title shown), then every year a
    heading that names a 决算 prints (where: the heading as printed)."""
    out: list[tuple[int, str]] = []
    for t in tables:
        out.extend((int(m.group(1)), t.display_title) for m in YEAR.finditer(norm(t.title)))
    for text, _ref in headings:
        s = norm(text)
        if "决算" in s:
            out.extend((int(m.group(1)), text.strip()) for m in YEAR.finditer(s))
    return tuple(out)


__all__ = ["Statement", "cover_name", "heading_names", "heading_unit_name", "kind_of", "looks_like_name", "split_name", "stated_years", "statements"]
