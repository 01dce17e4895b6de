"""Template leftovers: what a unit should have replaced when it filled in the template.

* a placeholder: ``XX``, ``XXX``, ``XXXXXXXX``, ``××`` (a run of two or more X or ×, full- or half-width)
  standing where a name or a figure belongs. A run touching another Latin letter or a digit is part of a
  real word or code (``XXL``, ``A-XX2``, ``XX10``) and is not one;
* an alternative left unchosen: a direction word with its opposite in brackets after it
  (``增加（减少）``, ``下降（增长）``, ``大于（小于）``, ``增长（降低）``);
* the template's instructions to the unit, printed as they were: ``（如持平作持平表述）``,
  ``（不涉及的不列）``, ``按上述格式依次说明…``, ``…作下述说明``, ``（制度名称）``.

Every occurrence is one leftover, located by paragraph and character span or by table cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import attrs

from ..document import Document, Grid, Paragraph
from ..source import SourceRef

_PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])(?:[XＸ]{2,}|×{2,})(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])")
_DIRECTIONS = "增加|减少|增长|下降|降低|上升|提高|大于|小于|高于|低于|多于|少于"
_ALTERNATIVE = re.compile(rf"({_DIRECTIONS})\s*[（(]\s*({_DIRECTIONS})\s*[)）]")
_INSTRUCTION = re.compile(r"[（(]如持平作持平表述[)）]|[（(]不涉及的不列[)）]|按上述格式依次说明|作下述说明|[（(]制度名称[)）]")

PLACEHOLDER, ALTERNATIVE, INSTRUCTION = "placeholder", "alternative", "instruction"


@attrs.frozen
class Leftover:
    kind: str  # placeholder | alternative | instruction
    words: str  # as printed
    context: str  # the words around it, for the message
    where: str  # 第N段 / 表N 第r行第c列, as a reader finds it
    ref: SourceRef


def _in_text(text: str, ref: SourceRef, where: str) -> Iterator[Leftover]:
    hits: list[tuple[int, int, str]] = []
    for m in _ALTERNATIVE.finditer(text):
        if m.group(1) != m.group(2):
            hits.append((m.start(), m.end(), ALTERNATIVE))
    for m in _INSTRUCTION.finditer(text):
        hits.append((m.start(), m.end(), INSTRUCTION))
    for m in _PLACEHOLDER.finditer(text):
        hits.append((m.start(), m.end(), PLACEHOLDER))
    for a, b, kind in sorted(hits):
        context = text[max(0, a - 12):b + 12].replace("\n", "")
        yield Leftover(kind, text[a:b], context, where, attrs.evolve(ref, span=(a, b)) if ref.paragraph is not None else ref)


def find_leftovers(docs: Sequence[Document]) -> list[Leftover]:
    """Every template leftover in the documents' paragraphs and table cells, in reading order."""
    out: list[Leftover] = []
    for doc in docs:
        for b in doc.blocks:
            if isinstance(b, Paragraph):
                out.extend(_in_text(b.text, b.ref, f"第{b.index + 1}段"))
            elif isinstance(b, Grid):
                for r, row in enumerate(b.rows):
                    for c, cell in enumerate(row):
                        if cell.origin is None and cell.text:
                            out.extend(_in_text(cell.text, cell.ref, f"表格{b.index + 1}第{r + 1}行第{c + 1}列"))
    return out


__all__ = ["ALTERNATIVE", "INSTRUCTION", "PLACEHOLDER", "Leftover", "find_leftovers"]
