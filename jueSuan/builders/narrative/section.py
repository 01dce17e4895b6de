"""Where the 情况说明 is: found by its heading in the body, never by the line of the 目录 that names it.

Every real 部门决算 lists "第三部分…情况说明" in its 目录 before it prints it as a heading, and the 目录's
entry is followed, a few lines later, by "第四部分名词解释". So every paragraph that could open the
情况说明 is a candidate, each candidate's section runs to the next part heading, and the section kept
is the one with the most quoted quantities (then the most text): the body's, in PDF, docx and xlsx alike.
"""

from __future__ import annotations

import re

import attrs

from ...models import NarrativeParagraph
from ...vocab import Profile
from ...vocab.narrative import BUDGET_SECTION_ENDS, BUDGET_SECTION_OPENS, BUDGET_TABLE_TITLE
from .text import QUANTITY, normalise

_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
_FIRST_ITEM = re.compile(r"^一[、.．]收入支出(?:决算|预算)?总体情况")
_PART = re.compile(r"^第[一二三四五六七八九十]部分")


@attrs.frozen
class Section:
    """The paragraphs of the 情况说明 and how they were found (``how`` is printed in the coverage)."""

    paragraphs: tuple[NarrativeParagraph, ...]
    heading: NarrativeParagraph | None
    how: str
    candidates: int = 0
    name: str = "情况说明"  # what the document calls it (预算编制说明 …): findings name it so


def _opens(s: str) -> bool:
    if s.startswith("第三部分"):
        return True
    return len(s) <= 60 and "情况说明" in s and ("决算" in s or "预算" in s) and not _NUMBERED.match(s)


def _ends(s: str) -> bool:
    if _PART.match(s) and not s.startswith("第三部分"):
        return True
    return len(s) <= 12 and "名词解释" in s


def _score(paragraphs: tuple[NarrativeParagraph, ...]) -> tuple[int, int]:
    texts = [normalise(p.text)[0] for p in paragraphs]
    return sum(len(QUANTITY.findall(t)) for t in texts), sum(len(t) for t in texts)


def find_section(paragraphs: tuple[NarrativeParagraph, ...]) -> Section:
    """The 情况说明 of a document: the candidate section with the most quantities, then the most text;
    an empty ``Section`` (with the reason in ``how``) when no heading opens one."""
    norms = [normalise(p.text)[0] for p in paragraphs]
    starts = [i for i, s in enumerate(norms) if _opens(s)]
    how = "标题"
    if not starts:
        starts = [i - 1 for i, s in enumerate(norms) if _FIRST_ITEM.match(s)]
        how = "第一节标题（无部分标题）"
    if not starts:
        return Section((), None, "未找到情况说明的标题（第三部分…情况说明）")
    best: Section | None = None
    best_score = (-1, -1)
    seen_end = -1
    for i in starts:
        if i < seen_end:
            continue  # a candidate inside the previous candidate's section (its split heading)
        j = i + 1
        while j < len(paragraphs) and not _ends(norms[j]) and not (norms[j].startswith("第三部分") and j in starts):
            j += 1
        seen_end = j
        body = tuple(paragraphs[i + 1:j])
        score = _score(body)
        if score >= best_score:
            best, best_score = Section(body, paragraphs[i] if i >= 0 else None, how), score
    assert best is not None
    if best_score[0] == 0 and all(len(normalise(p.text)[0]) <= 40 for p in best.paragraphs):
        # headings only, no figure and no sentence: the 目录's entry, the body has no 情况说明
        return Section((), None, "情况说明只见于目录，正文中未找到", len(starts))
    return attrs.evolve(best, candidates=len(starts))


def narrative_section(paragraphs: tuple[NarrativeParagraph, ...]) -> list[NarrativeParagraph]:
    """The paragraphs of 情况说明 (see ``find_section``)."""
    return list(find_section(paragraphs).paragraphs)


_BUDGET = Profile(kind="budget")


def _budget_opens(s: str) -> bool:
    if len(s) > 60 or _NUMBERED.match(s) or QUANTITY.search(s):
        return False
    return s.startswith("第三部分") or BUDGET_SECTION_OPENS.first(s, _BUDGET) is not None


def _budget_ends(s: str) -> bool:
    if _PART.match(s) and not s.startswith("第三部分"):
        return True
    if len(s) > 50 or QUANTITY.search(s) or _budget_opens(s):
        return False
    return BUDGET_SECTION_ENDS.first(s, _BUDGET) is not None or (
        not _NUMBERED.match(s) and not any(ch in s for ch in "。，,；;《") and BUDGET_TABLE_TITLE.first(s, _BUDGET) is not None)
    # a title is a bare line: "本预算反映…，与《收支预算总表》一致。" is a sentence of the text


def _budget_name(heading: str) -> str:
    for word in ("预算编制说明", "预算情况说明", "预算的说明"):
        if word in heading:
            return word.replace("预算的说明", "预算说明")
    return "预算说明"


def find_budget_section(paragraphs: tuple[NarrativeParagraph, ...]) -> Section:
    """A budget's narrative: every section a heading opens (2025年部门预算编制说明, 第三部分…预算情况说明,
    关于…预算的说明, and Shanghai's 其他相关情况说明 printed after the tables) that quotes figures, each
    running to the next table title, project 说明, 名词解释 or part heading. A heading whose section
    quotes nothing (the 目录's line) opens nothing. The name is the first section's heading's."""
    norms = [normalise(p.text)[0] for p in paragraphs]
    starts = [i for i, s in enumerate(norms) if _budget_opens(s)]
    if not starts:
        return Section((), None, "未找到预算说明的标题（预算编制说明、预算情况说明、关于…预算的说明）", name="预算说明")
    body: list[NarrativeParagraph] = []
    heading: NarrativeParagraph | None = None
    name = "预算说明"
    seen_end = -1
    for i in starts:
        if i < seen_end:
            continue
        j = i + 1
        while j < len(paragraphs) and not _budget_ends(norms[j]) and not _budget_opens(norms[j]):
            j += 1
        seen_end = j
        part = tuple(paragraphs[i + 1:j])
        if _score(part)[0] == 0:
            continue  # the 目录's line, or a heading with nothing under it
        if heading is None:
            heading, name = paragraphs[i], _budget_name(norms[i])
        body.extend(part)
    if heading is None:
        return Section((), None, "预算说明只见于目录，正文中未找到", len(starts), name="预算说明")
    return Section(tuple(body), heading, "标题", len(starts), name)
