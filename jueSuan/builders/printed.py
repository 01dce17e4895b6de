"""Locations as printed: the table's number and title, the line's code and name (or 行次), the column's
header (and 栏次), the narrative's section and sentence. The builders attach them to every figure's
``SourceRef`` (``SourceRef.printed``) so that a person can find a finding's figures in the document;
grid indexes and boxes stay on the reference for machines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from ..models import NarrativeParagraph, Quote, TableKind
from ..source import Printed, SourceRef
from ..text import CN_NUMERALS, HEADING_ORDINAL, clean_label, norm
from .layout import Entry, Layout, _is_numbering_row

# a number printed with the title or just above it: 公开05表, 附表1, 附表1-2, 表六, 表6, 表 6-1
_MARKER = re.compile(
    r"(公开\s*\d{1,2}\s*表(?:\s*[-—]\s*\d+)?|附表\s*[\d一二三四五六七八九十]+(?:\s*[-—]\s*\d+)?"
    r"|(?<![\u4e00-\u9fff])表\s*[一二三四五六七八九十\d]+(?:\s*[-—]\s*\d+)?)"
)
_ORDINAL_TITLE = re.compile(rf"^\s*([{CN_NUMERALS}]{{1,3}})\s*[、.．]\s*(\S.*)$")
_TRAILING_UNIT = re.compile(r"\s*(?:金额|计量)?单位\s*[:：].*$")
_SENTENCE_END = re.compile(r"[。！？!?]")


def _marker(text: str) -> str:
    m = _MARKER.search(text)
    return re.sub(r"\s+", "", m.group(1)) if m else ""


def split_title(title: str) -> tuple[str, str]:
    """(number, title) of a title as printed: "六、一般公共预算…决算表" → ("表六", "一般公共预算…决算表");
    "公开05表 一般公共预算…" → ("公开05表", "一般公共预算…")."""
    text = _TRAILING_UNIT.sub("", clean_label(title))
    number = _marker(text)
    if number:
        text = text.replace(_MARKER.search(text).group(1), "").strip(" 　:：")  # type: ignore[union-attr]
    m = _ORDINAL_TITLE.match(text)
    if m:
        text = m.group(2).strip()
        number = number or f"表{m.group(1)}"
    return number, text


def table_number(title: str, before: Iterable[str]) -> str:
    """The table's number as printed with its title, or on a line just above it (``before``, nearest
    first, at most the title's paragraph and the one above it are looked at)."""
    number, _ = split_title(title)
    if number:
        return number
    seen_title = not title
    for i, text in enumerate(before):
        found = _marker(text) if len(norm(text)) <= 60 else ""
        if found:
            return found
        if title and norm(title) in norm(text):
            seen_title = True
        elif seen_title or i >= 2:
            break
    return ""


def table_place(number: str, title: str, kind: TableKind | None) -> Printed:
    _, shown = split_title(title) if title else ("", "")
    return Printed(number=number, title=shown or (kind.canonical_title if kind else ""))


def _index_text(layout: Layout, e: Entry) -> str:
    """The 行次 of an entry: the index column standing before its group's amounts."""
    group = layout.groups[e.group]
    first_amount = min(group.amount_cols, default=layout.grid.n_cols)
    previous = max((c for g in layout.groups[: e.group] for c in g.amount_cols), default=-1)
    for col in layout.columns:
        if col.role == "index" and previous < col.index < first_amount:
            text = norm(layout.grid.rows[e.row][col.index].text)
            if text.isdigit():
                return text
    return ""


def line_text(layout: Layout, e: Entry) -> str:
    """The line as printed: code and name, and its 行次 when the table numbers its lines."""
    label = clean_label(e.label)
    text = f"{e.code} {label}" if e.code and not label.startswith(e.code) else label
    index = _index_text(layout, e)
    if index:
        return f"{text}（第{index}行）" if text else f"第{index}行"
    return text


def column_text(layout: Layout, c: int) -> str:
    """The column as headed (levels joined by '/'), with its 栏次 when the header numbers columns."""
    label = layout.columns[c].label if c < len(layout.columns) else ""
    for r in range(layout.header_end):
        if _is_numbering_row(layout.grid, r):
            n = norm(layout.grid.rows[r][c].text)
            if n.isdigit():
                return f"{label}（栏次{n}）" if label else f"栏次{n}"
    return label


def place(ref: SourceRef, table: Printed, line: str, column: str) -> SourceRef:
    return attrs.evolve(ref, printed=attrs.evolve(table, line=line, column=column))


def _sections(paragraphs: tuple[NarrativeParagraph, ...]) -> dict[int, tuple[str, int]]:
    """Paragraph index → (section as numbered, sentences before it in the section)."""
    out: dict[int, tuple[str, int]] = {}
    top = sub = item = ""
    count = 0
    for p in paragraphs:
        s = norm(p.text)
        m = HEADING_ORDINAL.match(s)
        if m and len(s) <= 60:
            mark = m.group(0).rstrip("、.．")
            if mark[0] in CN_NUMERALS:
                top, sub, item = mark, "", ""
            elif mark[0] in "(（":
                sub, item = "（" + mark.strip("()（）") + "）", ""
            else:  # 1、 under 五（三）
                item = mark + "、"
            count = 0
            out[p.index] = (top + sub + item, 0)
            continue
        out[p.index] = (top + sub + item, count)
        count += len(_SENTENCE_END.findall(p.text.rstrip()[:-1])) + 1
    return out


def place_quotes(quotes: Iterable[Quote], paragraphs: tuple[NarrativeParagraph, ...]) -> list[Quote]:
    """Each quote with its section (情况说明 五（二）), sentence in that section and the words quoted."""
    sections = _sections(paragraphs)
    texts = {p.index: p.text for p in paragraphs}
    out: list[Quote] = []
    for q in quotes:
        section, before = sections.get(q.paragraph, ("", 0))
        text = texts.get(q.paragraph, "")
        sentence = before + len(_SENTENCE_END.findall(text[: q.span[0]])) + 1
        printed = Printed(section=f"情况说明 {section}".strip(), sentence=sentence, quote=q.text)
        out.append(attrs.evolve(q, ref=attrs.evolve(q.ref, printed=printed)))
    return out
