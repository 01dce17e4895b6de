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

import attrs

from ...models import Claim, NarrativeParagraph, Quote
from ...numbers import Unit, parse_amount
from .text import QUANTITY as _QUANTITY
from .text import normalise as _normalise

_NOT_AFTER = ("年", "月", "日", "时", "号")
_SENTENCE = re.compile(r"[。！？!?]")
_CLAUSE = re.compile(r"[，,；;：:、]|[(（](?=含|其中)")
_CLASS_PART = re.compile(r"([^，,；;：:、。（）()]+?)[(（](类|款|项)[)）]")
_CHANGE = re.compile(r"(增加|增长|上升|提高|减少|下降|降低|增幅|降幅)(了|为)?$")
_SHARE = re.compile(r"占(.*?)(?:的)?(?:比重)?(?:为)?$")
_COMPLETION = re.compile(r"完成(?:年初)?预算(?:数)?的$")
_BUDGET = re.compile(r"(年初预算|预算数|预算)(?:数)?(?:为|是)?$")
_ACTUAL = re.compile(r"(支出决算|决算数|决算)(?:数)?(?:为|是)?$")
_STRIP_PREFIX = re.compile(r"^(?:其中|与\d{4}年度?相比|与上年相比|比上年|较上年|主要用于|主要包括|具体情况如下|合计|共计)")
_STRIP_SUFFIX = re.compile(r"(?:为|是|共计|共|总计为|达|达到|约|(?:比|较|与)(?:上年度?|去年|上一年度?)?(?:相比)?)$")
_THRESHOLD = re.compile(r"^(?:[(（]含[)）])?(?:及)?(?:以上|以下)")
_UNITS = {"亿元": Unit.YI, "万元": Unit.WAN, "万": Unit.WAN, "千元": Unit.QIAN, "元": Unit.YUAN}
_FLAT = re.compile(r"持平")
_PREVIOUS = re.compile(r"上年|去年|上一年|上年度|同期")
_COMPARED = re.compile(r"与(?:\d{4}年度?|上年|上年度|去年|上一年度?)(?:决算)?相比|比(?:\d{4}年度?|上年|去年)|较(?:\d{4}年度?|上年|去年)")
_YEARS = re.compile(r"(20\d{2})年")
_LEAD_WHOLE = re.compile(r"^([^，,；;：:]{2,30}?)(?:决算)?中[，,]")


def _classes(text: str) -> tuple[tuple[str, str], ...]:
    """The 类/款/项 a text names: "社会保障和就业支出（类）行政事业单位养老支出（款）…"."""
    return tuple((re.sub(r"^\d+[、.．]|[“”\"]", "", name), lvl) for name, lvl in _CLASS_PART.findall(text))
_GREATER = re.compile(r"(决算数|决算)?(大于|高于|超过|多于)(年初)?预算")
_LESS = re.compile(r"(决算数|决算)?(小于|低于|少于)(年初)?预算")


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
    return not (after in _NOT_AFTER or before == "第" or _THRESHOLD.match(norm[m.end():m.end() + 6]))


def _earlier(clause: str, year: int | None) -> bool:
    """Does the clause speak of another year than the report's (上年…, 2019年度… without 与…相比)?"""
    if _COMPARED.search(clause):
        return False
    if _PREVIOUS.search(clause):
        return True
    return year is not None and any(int(y) != year for y in _YEARS.findall(clause))


_PART_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_LIST_ITEM = re.compile(r"^\d+[、.．]")
_FLAT_CLAIM = re.compile(r"(与|和|同)(.{0,12}?)持平|持平")
_EQUAL_BUDGET = re.compile(r"(决算数?|预决算)(与|和|同)?(年初)?预算数?(基本)?持平|预决算(基本)?持平|(决算数?)?等于(年初)?预算")
_CLAIM_SUBJECT = re.compile(r"(?:与|和|同|比|较)[^，,；;]*$")


def _part_of(norm: str, current: str) -> str:
    """The section a paragraph opens (一、…情况说明), else the current one."""
    if _PART_HEADING.match(norm) and len(norm) <= 40 and not _QUANTITY.search(norm):
        return norm
    return current


def _flat_subject(piece: str, uname: str) -> str:
    """The item a "持平" clause speaks of: 因公出国（境）费支出决算与上年持平 → 因公出国(境)费支出."""
    fm = _FLAT_CLAIM.search(piece)
    if fm is None:
        return ""
    own = _label(_CLAIM_SUBJECT.sub("", piece[: fm.start()]), uname)
    return re.sub(r"(?:支出决算数?|决算数?|的主要原因.*)$", "", own)


def _claims(p: NarrativeParagraph, sentence: str, s_start: int, where: list[int], subject: str,
            classification: tuple[tuple[str, str], ...], uname: str) -> list[Claim]:
    """The comparing clauses of a sentence, each with the subject of its own clause."""
    out: list[Claim] = []
    start = 0
    for piece in [*re.split(r"[，,；;]", sentence)]:
        c_start = sentence.index(piece, start) if piece else start
        start = c_start + len(piece)
        if not piece or piece.startswith(("如持平", "预决算持平的不用")) or "（如持平" in piece or "(如持平" in piece:
            continue
        kind = None
        if _EQUAL_BUDGET.search(piece):
            kind = "equal"
        elif _GREATER.search(piece):
            kind = "greater"
        elif _LESS.search(piece):
            kind = "less"
        elif _FLAT_CLAIM.search(piece) is not None:
            kind = "flat"
            claim_subject = _flat_subject(piece, uname) or subject
        if kind is None:
            continue
        if kind != "flat":  # 2025年度“三公”经费支出决算数小于预算数: the clause's own subject, else the running one
            m = (_EQUAL_BUDGET.search(piece) if kind == "equal" else _GREATER.search(piece) if kind == "greater"
                 else _LESS.search(piece))
            head = re.sub(r"^(?:\d{4}年度?)", "", piece[: m.start()] if m else "")
            claim_subject = _label(head, uname) or subject
        lo, hi = s_start + c_start, s_start + c_start + len(piece) - 1
        out.append(Claim(p.index, attrs.evolve(p.ref, span=(where[lo], where[hi] + 1)), claim_subject, kind,
                         classification, sentence, piece))
    return out


def extract(paragraphs: list[NarrativeParagraph], unit_name: str = "",
            year: int | None = None) -> tuple[list[Quote], list[Claim]]:
    """Every quantity of the paragraphs, and every comparing clause. ``year``: the report's year;
    a figure said of another year (上年, 2019年度…) is kept with the role "previous", never
    compared with this year's tables.

    A share's whole is the one its clause names (占本年支出合计的…), else the sentence's lead (…决算中，),
    else the sentence's first amount when that is not the share's own part, else the whole of the
    sentence that introduced the list the share stands in (…主要用于以下方面：/其中：), else none."""
    quotes: list[Quote] = []
    claims: list[Claim] = []
    uname = _normalise(unit_name)[0] if unit_name else ""
    part = ""
    list_whole = ""
    for p in paragraphs:
        norm, where = _normalise(p.text)
        new_part = _part_of(norm, part)
        if new_part != part or re.match(r"^[(（][一二三四五六七八九十]+[)）]", norm):
            list_whole = ""
        part = new_part
        in_list = bool(_LIST_ITEM.match(norm))
        subject = ""
        para_class: tuple[tuple[str, str], ...] = ()
        pos = 0
        last_money = ""
        for sentence in _SENTENCE.split(norm):
            s_start = norm.index(sentence, pos) if sentence else pos
            pos = s_start + len(sentence)
            found = _classes(sentence)
            if found:
                para_class = found
                subject = "".join(n for n, _ in found)
            clause_start = 0
            first_money = ""
            first_money_order = -1
            lead = _LEAD_WHOLE.match(sentence)
            if lead:
                first_money = _label(lead.group(1), uname)
            after_qizhong = False
            order = 0
            last_end = 0
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
                after_qizhong = after_qizhong or "其中" in sentence[:m.start()]
                unit_text = m.group(2)
                measure = "percent" if unit_text == "%" else "money" if unit_text in _UNITS else "count"
                role, direction, whole = "value", None, ""
                label = before
                if "原因" in sentence[:m.start()]:
                    role = "reason"  # a figure inside the explanation (主要原因：…2000.00万元预算从…调整至…)
                elif measure == "count":
                    role = "count"
                elif _earlier(sentence[clause_start:m.start()], year):
                    role = "previous"
                elif (cm := _CHANGE.search(before)) is not None:
                    role = "growth" if measure == "percent" else "change"
                    direction = -1 if cm.group(1) in ("减少", "下降", "降低", "降幅") else 1
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
                if not label:  # a clause of the sentence since the last figure named its own item: 甲与上年持平，减少…
                    for piece in reversed(re.split(r"[，,；;]", sentence[last_end:clause_start])):
                        if (flat := _flat_subject(piece, uname)):
                            label = flat
                            break
                classification = ()
                if own:
                    classification = own
                    label = "".join(n for n, _ in own)
                elif not label and para_class and subject == "".join(n for n, _ in para_class):
                    classification = para_class
                if label == "支出收入" and subject.endswith("收入"):
                    label = "支出"  # the template's own wording: 政府性基金预算财政拨款收入XXX万元，支出收入XXX万元
                if label in ("支出", "收入") and subject.endswith(("收入", "支出")):
                    label = subject[:-2] + label  # …收入0.00万元，支出0.00万元
                if label:
                    subject = label
                elif measure == "percent" and role == "value":
                    role = "share"
                cur_subject = label or subject
                if role == "share" and not whole:
                    own_part = next((x for x in reversed(sentence_quotes) if x.measure == "money"), None)
                    if first_money and not (own_part is not None and own_part.order == first_money_order):
                        whole = first_money
                    elif in_list or after_qizhong:
                        whole = list_whole
                if measure == "money" and not first_money and role in ("value", "actual"):
                    first_money = cur_subject
                    first_money_order = order
                if measure == "money" and role in ("value", "actual"):
                    last_money = cur_subject
                a = parse_amount(m.group(1))
                assert a is not None
                o_start = where[s_start + m.start()]
                o_end = where[s_start + m.end() - 1] + 1
                q = Quote(p.index, (o_start, o_end), attrs.evolve(p.ref, span=(o_start, o_end)),
                          p.text[o_start:o_end], a, _UNITS.get(unit_text), measure, cur_subject, role, direction,
                          whole, classification, sentence, order, part)
                order += 1
                last_end = m.end()
                sentence_quotes.append(q)
            quotes.extend(sentence_quotes)
            if sentence.endswith((":", "：")):
                list_whole = first_money or last_money or list_whole
            if sentence:
                claims.extend(_claims(p, sentence, s_start, where, subject, classification, uname))
    return quotes, claims
