"""The 目录 as content: its entries, and where each one stands in the body.

The 目录 starts at a paragraph that is only "目录" (or "目 录") and runs over the short lines that follow
it: part headings (第一部分…), numbered entries (一、…), optionally with dotted leaders and page numbers
(``收入支出决算总表 ……… 5``). It ends at the first paragraph that is not such a line, or at the first
line that repeats an entry already listed (the body has begun), or at a table.

Each entry is looked for in the body (everything after the 目录): a part heading among the body's
paragraphs; an entry of a part within the body of that part (from its heading to the next part's),
among the paragraphs (a heading may be joined to its first sentence, so the start of a paragraph counts)
and the first rows of the tables there (a .docx may print a table's title in its first row), or a row
spanning a table's width. A table entry is found only by a title that is not closer to another table of
the 目录; entries of tables are not looked for in a file with no table at all. A group entry (五、部门预算表
over 1.… 2.…) is found when one of its entries is. Two titles
are the same when, numbering, spaces and the unit's name set aside, one holds the other or they share
most of their characters in order (``其他重要事项说明`` / ``其他重要事项的情况说明``).

``toc_span`` gives the indices of the 目录's paragraphs so that no other builder takes a 目录 line for
the section it names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

import attrs

from ..document import Document, Grid, Paragraph
from ..models import BudgetTableKind, NarrativeParagraph, TableKind
from ..source import SourceRef
from ..text import CN_NUMERALS, norm
from ..text import ORDINAL as _NUMBER
from ..text import PART_NUMBER as _PART
from ..text import YEAR as _YEAR
from .printed import split_title
from .recognize import title_kind

_TITLE = re.compile(r"^目录$")
_LEADER = re.compile(r"(?:\.{2,}|…+|·{2,}|-{3,}|_{3,}|．{2,})\s*\d*\s*$")
_PAGE = re.compile(rf"(?<=[^\d{CN_NUMERALS}])\s*\d{{1,3}}$")
_SPLIT = re.compile(r"(?:\.{2,}|…+|·{2,}|．{2,})\s*\d{1,3}")
_SENTENCE = re.compile(r"[。；;，,：:]")
#: a unit's name heading a title (上海市财政局（单位）主要职能), and the words a title may add or drop
_ORG = re.compile(r"^[^，。、]{2,30}?(?:局|委员会|办公室|办公厅|办事处|院|厅|中心|馆|所)(?=[(（]?单位[)）]?|主要|机构|概况|部门|单位)")
_NOISE = re.compile(r"[(（]单位[)）]|部门|单位|的|情况")
#: Two titles whose characters match in order at least this much are the same title.
SIMILAR = 0.8


@attrs.frozen
class TocEntry:
    text: str  # as printed, without leader and page number
    key: str  # numbering, spaces, unit name and year removed
    part: str | None  # the 第X部分 it stands under (its own numeral for a part heading)
    is_part: bool
    ref: SourceRef
    number: str = ""  # its numbering as printed (一、 （一） 1.), empty for a part heading
    level: int = 0  # 0 part, 1 一、, 2 （一）, 3 1.

    @property
    def is_table(self) -> bool:
        return self.key.endswith("表")


@attrs.frozen
class Toc:
    entries: tuple[TocEntry, ...]
    first: int  # position of the 目录 heading among the paragraphs given
    last: int  # position of its last entry


@attrs.frozen
class Missing:
    """A 目录 entry the body lacks, and the part of the body it was looked for in."""

    entry: TocEntry
    searched: str  # "正文" or the part heading as printed


def _entry_text(text: str) -> str:
    s = _LEADER.sub("", norm(text))
    return _PAGE.sub("", s) if _LEADER.search(norm(text)) or re.search(r"[表明释况能成]\d{1,3}$", s) else s


def _level(number: str) -> int:
    if not number:
        return 4
    if number[0] in "(（":
        return 2
    return 3 if number[0].isdigit() else 1


def _key(text: str, unit: str) -> str:
    s = _NUMBER.sub("", _PART.sub("", norm(text)))
    if unit:
        s = s.replace(norm(unit), "")
    s = _ORG.sub("", s)
    return _NOISE.sub("", _YEAR.sub("", s))


def _is_entry(text: str) -> bool:
    s = norm(text)
    return 0 < len(s) <= 60 and not _SENTENCE.search(_LEADER.sub("", s)[3:])


def parse_toc(paragraphs: Sequence[NarrativeParagraph | Paragraph], unit: str = "") -> Toc | None:
    """The 目录 among the paragraphs (in reading order), or None when there is none."""
    start = next((k for k, p in enumerate(paragraphs[:200]) if _TITLE.match(norm(p.text))), None)
    if start is None:
        return None
    entries: list[TocEntry] = []
    seen: set[str] = set()
    part: str | None = None
    last = start
    for k in range(start + 1, len(paragraphs)):
        p = paragraphs[k]
        pieces = [x for x in _SPLIT.split(norm(p.text)) if x.strip()] or [p.text]
        if not all(_is_entry(x) for x in pieces):
            break
        texts = [_entry_text(x) for x in pieces]
        if any(t in seen for t in texts):
            break  # the body repeats an entry: the 目录 is over
        for t in texts:
            m = _PART.match(t)
            if m:
                part = m.group(1)
            n = _NUMBER.match(t)
            if re.match(r"^(?:序号|报表名称|页码|名称)", t):
                continue  # the header of a 目录 printed as a list of tables
            if not m and not n and entries and len(t) <= 8:  # the rest of an entry wrapped onto the next line
                e = entries[-1]
                entries[-1] = attrs.evolve(e, text=e.text + t, key=_key(e.text + t, unit))
                seen.add(t)
                continue
            key = _key(t, unit)
            if key:
                number = n.group() if n else ""
                entries.append(TocEntry(t, key, part, bool(m), p.ref, number, _level(number) if not m else 0))
            seen.add(t)
        last = k
    if not entries:
        return None
    return Toc(tuple(entries), start, last)


def toc_span(paragraphs: Sequence[NarrativeParagraph | Paragraph], unit: str = "") -> range:
    """Positions of the 目录's paragraphs (empty when there is no 目录)."""
    toc = parse_toc(paragraphs, unit)
    return range(0) if toc is None else range(toc.first, toc.last + 1)


def same_title(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a in b or b in a:
        return min(len(a), len(b)) >= 0.5 * max(len(a), len(b)) or b.startswith(a)
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILAR


def _body_titles(doc_blocks: Sequence[Paragraph | Grid], unit: str,
                 part_keys: dict[str, str]) -> list[tuple[str, str, str | None, str]]:
    """(key, printed, part, numbering) for every place in the body a title can stand. A part begins at
    its heading, with its 第X部分 or without it (``上海市XX局2024年度部门决算表``, as the 目录 words it)."""
    out: list[tuple[str, str, str | None, str]] = []
    part: str | None = None
    for b in doc_blocks:
        if isinstance(b, Paragraph):
            s = norm(b.text)
            m = _PART.match(s)
            if m:
                part = m.group(1)
            elif len(s) <= 60:
                part = next((p for p, k in part_keys.items() if k and _key(s, unit) == k), part)
            n = _NUMBER.match(s)
            number = n.group() if n else ""
            for cand in _candidates(s):
                out.append((_key(cand, unit), b.text.strip()[:60], part, number))
        else:
            # a title in a table's first rows, or in a row spanning the whole width (a table joined to the
            # one before it over a page break brings its title row along)
            rows = [row for k, row in enumerate(b.rows) if k < 2 or len({c.text for c in row}) == 1]
            for row in rows:
                for c in row:
                    if c.origin is None and c.text.strip():
                        out.extend((_key(cand, unit), c.text.strip(), part, "") for cand in _candidates(norm(c.text)))
    return out


def _candidates(s: str) -> set[str]:
    """The titles a paragraph or cell may hold: all of it, up to its first punctuation (a heading joined
    to its text), after a label (公开10表：…), before the unit line printed in a table's title cell
    (…预算表部门：XX 单位：万元)."""
    out = {s[:60], _SENTENCE.split(s, maxsplit=1)[0][:60]}
    out.add(re.split(r"(?:编制)?(?:部门|单位)[:：]", s, maxsplit=1)[0][:60])
    m = re.match(r"^[^:：]{1,10}[:：](.+)$", s)
    if m:
        out.add(m.group(1)[:60])
    return {x for x in out if x}


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _found(e: TocEntry, titles: list[tuple[str, str, str | None, str]], parts: dict[str, str],
           tables: Sequence[TocEntry] = ()) -> bool:
    if e.is_part:
        return e.part in parts or any(same_title(e.key, t[0]) for t in titles)
    scoped = [t for t in titles if e.part is None or e.part not in parts or t[2] == e.part]
    if e.is_table:
        # a table is found by its title, in its part (not by a 情况说明 of the same name), and by a title
        # that is not closer to another table of the 目录 (基本支出决算表 is not 支出决算表)
        return any("表" in t[0] and same_title(e.key, t[0])
                   and all(_ratio(e.key, t[0]) >= _ratio(o.key, t[0]) for o in tables if o is not e)
                   for t in scoped)
    if any(same_title(e.key, t[0]) for t in titles):
        return True
    # a section of a part whose body has a heading of the same number there: titled otherwise, not missing
    return bool(e.number) and any(norm(t[3]) == norm(e.number) for t in scoped)


def find_missing(docs: Sequence[Document], unit: str = "") -> tuple[Toc | None, list[Missing]]:
    """The 目录 of the documents and every entry of it the body lacks. Table entries are not looked for
    when the body holds no table at all (the tables are published in another file)."""
    for doc in docs:
        paragraphs = list(doc.paragraphs)
        toc = parse_toc(paragraphs, unit)
        if toc is None:
            continue
        end = paragraphs[toc.last]
        blocks = list(doc.blocks)
        body = blocks[blocks.index(end) + 1:]
        has_tables = any(isinstance(b, Grid) for d in docs for b in d.blocks)
        part_keys = {e.part: e.key for e in toc.entries if e.is_part and e.part}
        titles = _body_titles(body, unit, part_keys)
        parts: dict[str, str] = {}
        for t in titles:
            if t[2] is not None and t[2] not in parts:
                parts[t[2]] = t[1]
        entries = list(toc.entries)
        tables = [e for e in entries if e.is_table]
        found = [_found(e, titles, parts, tables) for e in entries]
        # a group entry (五、部门预算表 over 1.… 2.…) stands for its children: found when one of them is
        for k, e in enumerate(entries):
            children = []
            for d in entries[k + 1:]:
                if d.is_part or d.level <= e.level:
                    break
                children.append(entries.index(d))
            if children and any(found[c] for c in children):
                found[k] = True
        missing: list[Missing] = []
        for e, ok in zip(entries, found, strict=True):
            if ok or (e.is_table and not has_tables):
                continue
            missing.append(Missing(e, parts.get(e.part, "正文") if e.part and not e.is_part else "正文"))
        return toc, missing
    return None, []


def toc_numbers(doc: Document) -> dict[TableKind | BudgetTableKind, str]:
    """The tables' numbers as the document's 目录 (or any list of the tables) prints them:
    "六、一般公共预算财政拨款基本支出决算表" → {BASIC_ECONOMIC: "表六"}. The first listing of a kind wins."""
    out: dict[TableKind | BudgetTableKind, str] = {}
    for p in doc.paragraphs[:400]:
        for line in p.text.splitlines():
            s = line.strip()
            if len(s) > 70:
                continue
            s = re.sub(r"[.…·\s]*\d+\s*$", "", s)  # a page number after dot leaders
            number, rest = split_title(s)
            if not number or not rest:
                continue
            kind = title_kind(rest)
            if kind is not None and kind not in out:
                out[kind] = number
    return out


__all__ = ["Missing", "Toc", "TocEntry", "find_missing", "parse_toc", "same_title", "toc_numbers", "toc_span"]
