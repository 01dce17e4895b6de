"""The narrative (情况说明): every quoted quantity, with what it is said to be and where it stands.

Text is normalised before matching (NFKC; every space and line break removed, so PDFs that put a
space between characters, break a line before an amount, or justify around numbers read the same
as Word), but each quote keeps its paragraph and its character span in the text as printed.

A quantity is a number followed by a unit (万元, 元, %, 个, 人次, 辆, 分…). Years, dates, clock
times and list numbering are not quantities. Each quote gets:
- ``subject``: the thing it is said about (收入支出总计, 基本支出, a 类/款/项 named in the sentence…),
  carried over from the clause before when a clause names none (…年初预算为X万元，支出决算为Y万元);
- ``role``: value, change (增加/减少 X万元), growth (增长/下降 Y%), share (占Y%), budget (年初预算为),
  actual (支出决算为), completion (完成年初预算的Y%), count;
- ``direction``: +1/-1 for 增加/减少 and 增长/下降, 0 for 持平;
- ``whole``: for a share, the whole it is a share of (named after 占…的, else the sentence's first
  amount).
"""

from __future__ import annotations

import re
import unicodedata

import attrs

from ..models import Claim, NarrativeParagraph, Quote
from ..numbers import Unit, parse_amount

_QUANTITY = re.compile(
    r"(?<![\d.,])(\d+(?:,\d{3})*(?:\.\d+)?)(亿元|万元|千元|万(?!元)|元|%|个|人次|人|辆|项|分|平方米|台|套|次|批次)"
)
_NOT_AFTER = ("年", "月", "日", "时", "号")
_SENTENCE = re.compile(r"[。！？!?]")
_CLAUSE = re.compile(r"[，,；;：:、]|[(（](?=含|其中)")
_CLASS_PART = re.compile(r"([^，,；;：:、。（）()]+?)[(（](类|款|项)[)）]")
_CHANGE = re.compile(r"(增加|增长|上升|提高|减少|下降|降低)(了)?$")
_SHARE = re.compile(r"占(.*?)(?:的)?(?:比重)?(?:为)?$")
_COMPLETION = re.compile(r"完成(?:年初)?预算(?:数)?的$")
_BUDGET = re.compile(r"(年初预算|预算数|预算)(?:数)?(?:为|是)?$")
_ACTUAL = re.compile(r"(支出决算|决算数|决算)(?:数)?(?:为|是)?$")
_STRIP_PREFIX = re.compile(r"^(?:其中|与\d{4}年度?相比|与上年相比|比上年|较上年|主要用于|主要包括|具体情况如下|合计|共计)")
_STRIP_SUFFIX = re.compile(r"(?:为|是|共计|共|总计为|达|达到|约)$")
_UNITS = {"亿元": Unit.YI, "万元": Unit.WAN, "万": Unit.WAN, "千元": Unit.QIAN, "元": Unit.YUAN}
_FLAT = re.compile(r"持平")
_PREVIOUS = re.compile(r"上年|去年|上一年|上年度|同期")
_COMPARED = re.compile(r"与(?:\d{4}年度?|上年|上年度|去年|上一年度?)(?:决算)?相比|比(?:\d{4}年度?|上年|去年)|较(?:\d{4}年度?|上年|去年)")
_YEARS = re.compile(r"(20\d{2})年")
_LEAD_WHOLE = re.compile(r"^([^，,；;：:]{2,30}?)(?:决算)?中[，,]")


def _classes(text: str) -> tuple[tuple[str, str], ...]:
    """The 类/款/项 a text names: "社会保障和就业支出（类）行政事业单位养老支出（款）…"."""
    return tuple((re.sub(r"[“”\"]", "", name), lvl) for name, lvl in _CLASS_PART.findall(text))
_GREATER = re.compile(r"(决算数|决算)?(大于|高于|超过|多于)(年初)?预算")
_LESS = re.compile(r"(决算数|决算)?(小于|低于|少于)(年初)?预算")


def _normalise(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch)
        if not n or n.isspace() or n in "\u200b\ufeff":
            continue
        for c in n:
            chars.append(c)
            where.append(i)
    return "".join(chars), where


def narrative_section(paragraphs: tuple[NarrativeParagraph, ...]) -> list[NarrativeParagraph]:
    """The paragraphs of 情况说明: from its heading to 名词解释 (or the end)."""
    start = None
    for i, p in enumerate(paragraphs):
        s = _normalise(p.text)[0]
        if (len(s) <= 40 and ("情况说明" in s or s.startswith("第三部分")) and "决算" in s) or s.startswith("第三部分"):
            start = i + 1
            break
    if start is None:
        return []
    out: list[NarrativeParagraph] = []
    for p in paragraphs[start:]:
        s = _normalise(p.text)[0]
        if s.startswith(("第四部分", "第五部分")) or (len(s) <= 12 and "名词解释" in s):
            break
        out.append(p)
    return out


def _label(text: str, unit_name: str) -> str:
    s = text
    if unit_name:
        s = s.replace(unit_name, "")
    s = re.sub(r"\d{4}年度?", "", s)
    prev = None
    while prev != s:
        prev = s
        s = _STRIP_PREFIX.sub("", s)
        s = _STRIP_SUFFIX.sub("", s)
        s = re.sub(r"^[一二三四五六七八九十\d]+[、.．)）]|^[(（][一二三四五六七八九十\d]+[)）]", "", s)
    return re.sub(r"[“”\"'‘’]", "", s)


def _is_quantity(norm: str, m: re.Match[str]) -> bool:
    after = norm[m.end(1):m.end(1) + 1]
    before = norm[max(0, m.start(1) - 1):m.start(1)]
    return not (after in _NOT_AFTER or before == "第")


def _earlier(clause: str, year: int | None) -> bool:
    """Does the clause speak of another year than the report's (上年…, 2019年度… without 与…相比)?"""
    if _COMPARED.search(clause):
        return False
    if _PREVIOUS.search(clause):
        return True
    return year is not None and any(int(y) != year for y in _YEARS.findall(clause))


def extract(paragraphs: list[NarrativeParagraph], unit_name: str = "",
            year: int | None = None) -> tuple[list[Quote], list[Claim]]:
    """Every quantity of the paragraphs, and every comparing sentence. ``year``: the report's year;
    a figure said of another year (上年, 2019年度…) is kept with the role "previous", never
    compared with this year's tables."""
    quotes: list[Quote] = []
    claims: list[Claim] = []
    uname = _normalise(unit_name)[0] if unit_name else ""
    for p in paragraphs:
        norm, where = _normalise(p.text)
        subject = ""
        para_class: tuple[tuple[str, str], ...] = ()
        pos = 0
        for sentence in _SENTENCE.split(norm):
            s_start = norm.index(sentence, pos) if sentence else pos
            pos = s_start + len(sentence)
            found = _classes(sentence)
            if found:
                para_class = found
                subject = "".join(n for n, _ in found)
            clause_start = 0
            first_money = ""
            lead = _LEAD_WHOLE.match(sentence)
            if lead:
                first_money = _label(lead.group(1), uname)
            order = 0
            sentence_quotes: list[Quote] = []
            # what a claim of this sentence names: its last quote's, or, with no quote, the paragraph's
            classification: tuple[tuple[str, str], ...] = para_class
            for m in _QUANTITY.finditer(sentence):
                if not _is_quantity(sentence, m):
                    continue
                # the clause in which the number stands, up to the number
                cut = max((c.end() for c in _CLAUSE.finditer(sentence, 0, m.start())), default=0)
                clause_start = cut
                before = sentence[clause_start:m.start()]
                unit_text = m.group(2)
                measure = "percent" if unit_text == "%" else "money" if unit_text in _UNITS else "count"
                role, direction, whole = "value", None, ""
                label = before
                if measure == "count":
                    role = "count"
                elif _earlier(sentence[clause_start:m.start()], year):
                    role = "previous"
                elif (cm := _CHANGE.search(before)) is not None:
                    role = "growth" if measure == "percent" else "change"
                    direction = -1 if cm.group(1) in ("减少", "下降", "降低") else 1
                    label = before[: cm.start()]
                elif measure == "percent" and (sm := _SHARE.search(before)) is not None:
                    role, whole = "share", _label(sm.group(1), uname)
                    label = before[: sm.start()]
                elif measure == "percent" and (km := _COMPLETION.search(before)) is not None:
                    role = "completion"
                    label = before[: km.start()]
                elif measure == "money" and (bm := _BUDGET.search(before)) is not None and "决算" not in before[bm.start():]:
                    role = "budget"
                    label = before[: bm.start()]
                elif measure == "money" and (am := _ACTUAL.search(before)) is not None:
                    role = "actual"
                    label = before[: am.start()]
                own = _classes(label)
                label = _label(label, uname)
                classification = ()
                if own:
                    classification = own
                    label = "".join(n for n, _ in own)
                elif not label and para_class and subject == "".join(n for n, _ in para_class):
                    classification = para_class
                if label in ("支出", "收入") and subject.endswith(("收入", "支出")):
                    label = subject[:-2] + label  # …收入0.00万元，支出0.00万元
                if label:
                    subject = label
                elif measure == "percent" and role == "value":
                    role = "share"
                cur_subject = label or subject
                if role == "share" and not whole:
                    whole = first_money
                if measure == "money" and not first_money and role in ("value", "actual"):
                    first_money = cur_subject
                a = parse_amount(m.group(1))
                assert a is not None
                o_start = where[s_start + m.start()]
                o_end = where[s_start + m.end() - 1] + 1
                q = Quote(p.index, (o_start, o_end), attrs.evolve(p.ref, span=(o_start, o_end)),
                          p.text[o_start:o_end], a, _UNITS.get(unit_text), measure, cur_subject, role, direction,
                          whole, classification, sentence, order)
                order += 1
                sentence_quotes.append(q)
            quotes.extend(sentence_quotes)
            for kind, rx in (("greater", _GREATER), ("less", _LESS), ("flat", _FLAT)):
                if rx.search(sentence):
                    claims.append(Claim(p.index, attrs.evolve(p.ref, span=(where[s_start], where[pos - 1] + 1)
                                                               if sentence else None),
                                        subject, kind, classification, sentence))
                    break
    return quotes, claims
