"""Checks on what the document says about itself: its 目录, template leftovers, its year and its unit
(issue 12: the 目录 as content, placeholders and unchosen alternatives, identity)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from ..builders.identity import Statement, cover_name, kind_of, looks_like_name, split_name, statements
from ..builders.layout import norm
from ..builders.leftovers import ALTERNATIVE, PLACEHOLDER, find_leftovers
from ..builders.toc import find_missing
from ..document import Document
from ..findings import Finding
from ..models import Figure
from ..numbers import Amount, AmountKind
from ..source import SourceRef
from .engine import Check, rule


def _docs(c: Check) -> list[Document]:
    return list(c.report.documents)


def _words(words: str, ref: SourceRef) -> Figure:
    """Printed words as a finding's term: where they stand, no amount."""
    return Figure(Amount(Decimal(0), 0, words, AmountKind.BLANK), ref)


def _where(ref: SourceRef) -> str:
    return f"第{ref.page}页" if ref.page is not None else (f"第{ref.paragraph + 1}段" if ref.paragraph is not None else "")


@rule("DC010", "document.toc_entries", "目录所列的表和部分在正文中都能找到", source="D-1", needs="documents")
def dc010(c: Check) -> Iterator[Finding]:
    """Each entry of the 目录 is found in the body: a part heading among the body's headings, a table or
    section within the body of its part (a heading, a table title, or the first row of a table). An entry
    the body lacks is an error naming the entry as the 目录 prints it and the part it was looked for in.
    Titles count as the same when one holds the other or they share most characters in order, so
    ``十一、其他重要事项说明`` in the 目录 finds ``十一、其他重要事项的情况说明`` in the body."""
    _toc, missing = find_missing(_docs(c), c.report.unit_name or "")
    for m in missing:
        e = m.entry
        place = "正文" if m.searched == "正文" else f"正文「{m.searched}」部分"
        yield c.finding(c.severity, "目录", e.text,
                        f"目录（{_where(e.ref)}）列有「{e.text}」，{place}中未找到该{'部分' if e.is_part else '表或章节'}",
                        [(1, "目录条目", _words(e.text, e.ref))])


@rule("DC011", "document.placeholder", "模板占位符（XX、XXX、××）未替换为名称或数字", source="D-2", needs="documents")
def dc011(c: Check) -> Iterator[Finding]:
    """A run of two or more X or × (``XX``, ``XXX``, ``XXXXXXXX``, ``××``) where the template asks for a
    name, a figure or a reason: the unit did not fill it in. One finding per placeholder, citing the
    paragraph or the cell and the words around it. A run touching another Latin letter or a digit is part
    of a real word or code (``XXL``, ``XX10``) and is not reported."""
    for x in find_leftovers(_docs(c)):
        if x.kind == PLACEHOLDER:
            yield c.finding(c.severity, "模板遗留", x.where,
                            f"{_where(x.ref)}{x.where}有未替换的模板占位符「{x.words}」：…{x.context}…",
                            [(1, "占位符", _words(x.words, x.ref))])


@rule("DC012", "document.template_choice", "模板的备选表述未选定（增加（减少）、大于（小于）、（如持平作持平表述）等）",
      source="D-2", needs="documents")
def dc012(c: Check) -> Iterator[Finding]:
    """The template offers alternatives the unit must choose between — ``增加（减少）``, ``增长（下降）``,
    ``大于（小于）`` — and instructions it must follow and delete — ``（如持平作持平表述）``, ``（不涉及的不列）``,
    ``按上述格式依次说明…``, ``作下述说明``. Printed as they are, the sentence says nothing: one finding per
    occurrence, citing the paragraph or cell and the words."""
    for x in find_leftovers(_docs(c)):
        if x.kind != PLACEHOLDER:
            what = "备选表述未选定" if x.kind == ALTERNATIVE else "模板填写说明未删除"
            yield c.finding(c.severity, "模板遗留", x.where, f"{_where(x.ref)}{x.where}{what}「{x.words}」：…{x.context}…",
                            [(1, "模板原文", _words(x.words, x.ref))])


def _year_statements(c: Check) -> tuple[int | None, list[Statement], str | None]:
    docs = _docs(c)
    paragraphs = [p for d in docs for p in d.paragraphs if p.text.strip()]
    kind = kind_of(paragraphs)
    titles = [(t.title, t.ref) for t in c.report.tables if kind and kind in norm(t.title)]
    found = statements(docs, titles, kind)
    years = Counter(s.value for s in found if s.what == "year")
    if not years:
        return None, found, kind
    cover = next((s for s in found if s.what == "year"), None)
    main = years.most_common(1)[0][0]
    # the cover's year decides when the document is split evenly; else the year most statements give
    if cover is not None and years[cover.value] == years[main]:
        main = cover.value
    return int(main), found, kind


@rule("DC013", "document.own_year", "文件关于自身年度的表述（封面、标题、表名、截至日期）与文件年度一致",
      source="D-2", needs="documents")
def dc013(c: Check) -> Iterator[Finding]:
    """The document names its own year the same way everywhere it speaks of itself: the cover, the
    headings (``第三部分 …2024年度部门决算情况说明``), the table titles, a sentence whose subject is the unit in
    a year, and, in a 决算, ``截至2024年12月31日`` (the end of the reporting year). A year other than the one
    most of these give (the cover's when they are split evenly) is an error. Years the document only
    mentions — ``与2023年度相比``, ``上年``, a policy's year, next year's budget — are not statements about
    itself and are never compared."""
    year, found, _kind = _year_statements(c)
    if year is None:
        return
    for s in found:
        if s.what == "year" and int(s.value) != year:
            yield c.finding(c.severity, "文件年度", s.words,
                            f"{_where(s.ref)}「{s.words}」写的是{s.value}年，而本文件为{year}年度",
                            [(1, "年度表述", _words(s.value, s.ref))])


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


@rule("DC014", "document.own_unit", "文件关于自身单位名称的表述与封面一致", source="D-2", needs="documents")
def dc014(c: Check) -> Iterator[Finding]:
    """Where the document names itself — the cover, part headings (``第一部分 上海市XX局概况``), sentences
    beginning with the unit and a year, ``截至…，NAME共有车辆``, ``说明：NAME本年度没有…``, ``纳入NAME…编制范围``
    — the name is the cover's (or, without a cover, the one its part headings give). A different name,
    a dropped district included (``上海市规划和自然资源局`` in a 普陀区 document), is an error citing both."""
    docs = _docs(c)
    paragraphs = [p for d in docs for p in d.paragraphs if p.text.strip()]
    cover = cover_name(paragraphs)
    if cover is not None and any(ch in cover[0] for ch in "XＸ×"):
        return  # the cover itself is a placeholder: DC011 says so
    name = cover[0] if cover else norm(c.report.unit_name or "")
    if not looks_like_name(name):
        return
    kind = kind_of(paragraphs)
    places, rest = split_name(name)
    for s in statements(docs, [], kind):
        if s.what != "unit" or norm(s.value) == name:
            continue
        its_places, its_rest = split_name(norm(s.value))
        if _subsequence(norm(s.value), name) and not its_places:
            continue  # a short form of the cover's name (省检察院 for 江苏省人民检察院)
        # a sentence may name a unit of the department; it contradicts the cover only when it is the
        # cover's unit under other places (a district dropped: 上海市规划和自然资源局 for 上海市普陀区规划和自然资源局)
        if (s.naming and not (_subsequence(norm(s.value), name) and its_places == places)) or (
                its_rest == rest and its_places != places):
            figs = [(1, "文件中的单位名称", _words(s.value, s.ref))]
            if cover is not None:
                figs.append((1, "封面单位名称", _words(cover[0], cover[1])))
            yield c.finding(c.severity, "单位名称", s.words,
                            f"{_where(s.ref)}「{s.words}」中的单位名称“{s.value}”与封面的“{name}”不一致", figs)

#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (dc010, dc011, dc012, dc013, dc014)
