"""A budget's sentences broken over paragraphs: PDFs whose text the reader gives line by line (the
Shanghai landscape pages, Jiangsu's narrow columns) cut a sentence — …比2016年增加3401.59万元，增长 |
129.97%。— so the rate stands in a paragraph of its own, away from the change it is a rate of.

A paragraph that is a sentence in progress (long, with a comma, not ended by 。；：) is joined with the
next one unless that one opens an item or a heading; each quote found in the joined text keeps the
paragraph number of the sentence's start (so findings name where the sentence begins) but its source
reference is the paragraph it is printed in, with its span there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ...models import NarrativeParagraph, Quote
from .text import normalise

_ENDED = ("。", "；", ";", "：", ":", "！", "？", "!", "?")
_OPENS = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第[一二三四五六七八九十]+部分|其中)")


def _in_progress(text: str) -> bool:
    s = normalise(text)[0]
    return len(s) >= 20 and ("，" in s or "," in s) and not s.endswith(_ENDED)


@attrs.frozen
class Joined:
    """The joined paragraphs, and for each, the pieces it is made of: (offset in the joined text, paragraph)."""

    paragraphs: tuple[NarrativeParagraph, ...]
    pieces: dict[int, tuple[tuple[int, NarrativeParagraph], ...]]


def join_broken(paragraphs: Sequence[NarrativeParagraph]) -> Joined:
    out: list[NarrativeParagraph] = []
    pieces: dict[int, tuple[tuple[int, NarrativeParagraph], ...]] = {}
    i = 0
    while i < len(paragraphs):
        first = paragraphs[i]
        parts = [(0, first)]
        text = first.text
        while i + 1 < len(paragraphs) and _in_progress(parts[-1][1].text) \
                and not _OPENS.match(normalise(paragraphs[i + 1].text)[0]):
            i += 1
            parts.append((len(text), paragraphs[i]))
            text += paragraphs[i].text
        out.append(attrs.evolve(first, text=text) if len(parts) > 1 else first)
        pieces[first.index] = tuple(parts)
        i += 1
    return Joined(tuple(out), pieces)


def placed(quotes: Sequence[Quote], joined: Joined) -> list[Quote]:
    """Each quote's source reference in the paragraph it is printed in (see the module's text)."""
    out: list[Quote] = []
    for q in quotes:
        parts = joined.pieces.get(q.paragraph, ())
        if len(parts) <= 1:
            out.append(q)
            continue
        offset, p = next((o, p) for o, p in reversed(parts) if o <= q.span[0])
        span = (q.span[0] - offset, q.span[1] - offset)
        out.append(attrs.evolve(q, ref=attrs.evolve(p.ref, span=span)))
    return out
