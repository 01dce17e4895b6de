"""Text helpers shared by the readers of laid-out pages (``pdf/`` and ``pagetext.py``): which
characters are Chinese, how the lines of a cell or a paragraph are joined back together, and which
lines start a paragraph or are only a page number. No format library is imported here."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import ARABIC_ORDINAL, CN_ORDINAL, PAREN_ORDINAL, PART

#: A page header/footer that is only a page number (``- 3 -``, ``第 3 页 共 10 页``, ``3/10``).
PAGE_NUMBER = re.compile(
    r"^(?:[-–—_~－]*\s*\d{1,3}\s*[-–—_~－]*"
    r"|第\s*\d{1,3}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页\s*[,，]?\s*第\s*\d{1,3}\s*页"
    r"|\d{1,3}\s*/\s*\d{1,3}"
    r"|(?i:page)\s*\d{1,3}(?:\s*(?i:of)\s*\d{1,3})?)$"
)
#: A line that starts a paragraph of its own: a heading, a list item, a note.
PARA_START = re.compile(rf"^(?:{CN_ORDINAL}|{PAREN_ORDINAL}|{ARABIC_ORDINAL}|{PART}|注[:：]|说明[:：]|备注[:：]|[•●◆■□-])")
_NUM_TAIL = re.compile(r"[\d,.]+$")
_NUM_HEAD = re.compile(r"^[\d,.]+")
_FORMATTED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+\.\d+$")
_COMPLETE = re.compile(r"^\d{1,3}(?:,\d{3})*\.\d{2}$|^\d+\.\d{2}$")
_SENTENCE_END = ("。", "！", "？", "!", "?")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF
            or 0x20000 <= o <= 0x3FFFF or ch in "“”‘’—…·")


def is_latin(ch: str) -> bool:
    return ch.isalnum() and not is_cjk(ch)


def ends_sentence(text: str) -> bool:
    """The line ends a sentence (so a line stopping short of the margin there ends its paragraph)."""
    return text.rstrip().endswith(_SENTENCE_END)


def join_lines(lines: Sequence[str]) -> str:
    """Lines of one cell: Chinese wraps are joined with no separator (``其中：当年财政`` + ``拨款``),
    Latin/number tokens with a space, a figure broken inside a narrow cell is put back together."""
    out = lines[0] if lines else ""
    for line in lines[1:]:
        if not line:
            continue
        if not out:
            out = line
        elif is_latin(out[-1]) and is_latin(line[0]) and not number_wrap(out, line):
            out += " " + line
        else:
            out += line
    return out


def number_wrap(a: str, b: str) -> bool:
    """``a`` ends and ``b`` starts with the two halves of one formatted figure (``3,742.2`` + ``1``)."""
    ta, tb = _NUM_TAIL.search(a), _NUM_HEAD.match(b)
    if not ta or not tb:
        return False
    return bool(_FORMATTED.match(ta.group() + tb.group())) and not _COMPLETE.match(ta.group())


__all__ = ["PAGE_NUMBER", "PARA_START", "ends_sentence", "is_cjk", "is_latin", "join_lines", "number_wrap"]
