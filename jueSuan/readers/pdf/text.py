"""Words, lines and how their text is joined: characters grouped into words (pdfplumber's word
extraction on PDFium's characters), words into lines by baseline, and the rules that join the lines of a
cell or a paragraph (Chinese closed up, Latin and figures spaced, a figure broken in a narrow cell mended).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby, pairwise
from operator import itemgetter
from typing import Any

from ..textflow import is_cjk as _is_cjk
from ..textflow import is_latin as _is_latin
from ..textflow import join_lines as _join_lines

LINE_TOLERANCE = 0.5
#: A gap wider than this many font sizes between two words of a line is kept as a space.
WIDE_GAP = 1.5
#: Cells narrower or lower than this (points) are the gap between the rules of a double border.
_CODE = re.compile(r"^[1-9]\d{2}(?:\d{2}){0,2}$")
_ROW_START = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|其中|减[:：]|加[:：]|合计|总计|小计|注|说明|备注)")
_LEADER = re.compile(r"\.{4,}|…{2,}|·{4,}|-{6,}|_{6,}")  # a table of contents: 收入决算表 ........ 5

#: Latin ligatures PDF fonts map glyphs to, and their letters (as pdfplumber expands them).
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

#: Word extraction, once per page. A word ends at a space or at a gap wider than ``x_tolerance``;
#: letter-spaced Chinese therefore comes out one character a word, and is closed up when joined.
WORD_SETTINGS: dict[str, Any] = {
    "x_tolerance": 3,
    "y_tolerance": 3,
    "keep_blank_chars": False,
    "use_text_flow": False,
}


def _radical_table() -> dict[int, str]:
    """Kangxi radicals and compatibility ideographs that some fonts map their glyphs to (``⽀出``)
    → the ordinary ideographs (``支出``); Latin ligatures (``ﬁ``) → their letters."""
    table: dict[int, str] = {}
    for lo, hi in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF)):
        for cp in range(lo, hi + 1):
            n = unicodedata.normalize("NFKC", chr(cp))
            if n != chr(cp) and len(n) == 1:
                table[cp] = n
    table.update({ord(k): v for k, v in _LIGATURES.items()})
    return table


_RADICALS = _radical_table()


# --------------------------------------------------------------------------------------------------
# Words, lines and how their text is joined
# --------------------------------------------------------------------------------------------------


class _Word:
    __slots__ = ("base", "bottom", "chars", "size", "text", "top", "x0", "x1")

    def __init__(self, text: str, x0: float, x1: float, top: float, bottom: float, base: float, size: float,
                 chars: list[dict[str, Any]]) -> None:
        self.text = text
        self.x0, self.x1, self.top, self.bottom = x0, x1, top, bottom
        self.base = base
        self.size = size
        self.chars = chars

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def _baseline(c: dict[str, Any]) -> float:
    """The baseline of a character in top-down page coordinates (its box bottom includes the
    font's descent, which differs between the Chinese and the Latin font of one line)."""
    base = c.get("base")
    if c.get("upright") and base is not None and c["top"] - 1 <= base <= c["bottom"] + 1:
        return float(base)
    return float(c["bottom"])


def page_words(chars: list[dict[str, Any]], width: float, height: float) -> list[_Word]:
    """The words of a page's characters (fake bold read once), those placed off the page left out."""
    words = (_word_from_chars(cs) for cs in _char_groups(_dedupe(chars)))
    return [w for w in words if w.text and 0 <= w.cx <= width and 0 <= w.cy <= height]


def _cluster_chars(chars: list[dict[str, Any]], key: str, tolerance: float) -> list[list[dict[str, Any]]]:
    values = sorted({c[key] for c in chars})
    index: dict[float, int] = {}
    group, last = 0, None
    for v in values:
        if last is not None and v > last + tolerance:
            group += 1
        index[v] = group
        last = v
    tagged = sorted(((c, index[c[key]]) for c in chars), key=itemgetter(1))
    return [[c for c, _ in g] for _, g in groupby(tagged, key=itemgetter(1))]


def _char_groups(chars: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Characters grouped into words as pdfplumber's ``extract_words`` groups them with
    ``WORD_SETTINGS`` (its algorithm, ported): runs of upright (or of turned) characters, lines by
    ``top`` (turned text: by ``x0``) chained within ``y_tolerance``, each line in reading order; a
    word ends at a space, at a step back, at a gap over ``x_tolerance`` or a jump over ``y_tolerance``."""
    xt, yt = WORD_SETTINGS["x_tolerance"], WORD_SETTINGS["y_tolerance"]
    for upright, run in groupby(chars, key=itemgetter("upright")):
        if upright:
            lines, start, end, across, step, jump = _cluster_chars(list(run), "top", yt), "x0", "x1", "top", xt, yt
            for line in lines:
                line.sort(key=itemgetter("x0"))
        else:
            lines, start, end, across, step, jump = _cluster_chars(list(run), "x0", xt), "top", "bottom", "x0", yt, xt
            for line in lines:
                line.sort(key=itemgetter("top", "bottom"))
        for line in lines:
            word: list[dict[str, Any]] = []
            for c in line:
                if c["text"].isspace():
                    if word:
                        yield word
                    word = []
                    continue
                if word:
                    p = word[-1]
                    if c[start] < p[start] or c[start] > p[end] + step or abs(c[across] - p[across]) > jump:
                        yield word
                        word = [c]
                        continue
                word.append(c)
            if word:
                yield word


def _word_from_chars(chars: list[dict[str, Any]]) -> _Word:
    text = "".join(c["text"] for c in chars).translate(_RADICALS)
    if not text.isprintable():
        text = "".join(ch for ch in text if ch.isprintable())
    return _Word(text, min(c["x0"] for c in chars), max(c["x1"] for c in chars), min(c["top"] for c in chars),
                 max(c["bottom"] for c in chars), _baseline(chars[0]), float(chars[0].get("size") or 10.0), chars)


def _dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop characters drawn twice at (almost) the same place (a fake bold), in linear time:
    characters are bucketed by whole points and compared with the neighbouring buckets only."""
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    out: list[dict[str, Any]] = []
    for c in chars:
        t = c["text"]
        if t.isspace():
            out.append(c)
            continue
        x, y = c["x0"], c["top"]
        bx, by = int(x), int(y)
        if _seen_near(seen, t, x, y, bx, by):
            continue
        seen.setdefault((t, bx, by), []).append((x, y))
        out.append(c)
    return out


def _seen_near(seen: dict[tuple[str, int, int], list[tuple[float, float]]], t: str, x: float, y: float, bx: int,
               by: int) -> bool:
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            near = seen.get((t, bx + dx, by + dy))
            if near:
                for ox, oy in near:
                    if abs(ox - x) <= 1 and abs(oy - y) <= 1:
                        return True
    return False


def _single_cjk(text: str) -> bool:
    return len(text) == 1 and _is_cjk(text)


def _join_words(words: Sequence[_Word]) -> str:
    """One line's words: a space between two Latin/number tokens or across a wide gap, nothing
    between Chinese words, and letter-spaced single characters closed up."""
    out = [words[0].text]
    for prev, w in pairwise(words):
        latin = _is_latin(prev.text[-1]) and _is_latin(w.text[0])
        wide = w.x0 - prev.x1 > WIDE_GAP * max(prev.size, w.size)
        spaced = _single_cjk(prev.text) and _single_cjk(w.text)
        out.append(" " if (latin or wide) and not spaced else "")
        out.append(w.text)
    return "".join(out)


def _cluster_lines(words: Iterable[_Word]) -> list[list[_Word]]:
    """Words grouped into lines by baseline (within ``LINE_TOLERANCE`` of the line's first word),
    lines top to bottom, words left to right."""
    lines: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: (w.base, w.x0)):
        if lines:
            first = lines[-1][0]
            if w.base - first.base <= LINE_TOLERANCE * max(first.size, w.size):
                lines[-1].append(w)
                continue
        lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def _words_text(words: Iterable[_Word]) -> str:
    return _join_lines([_join_words(line) for line in _cluster_lines(words)])


class _Line:
    """A line of text outside the tables."""

    __slots__ = ("base", "bottom", "page", "size", "text", "top", "words", "x0", "x1")

    def __init__(self, words: list[_Word]) -> None:
        self.words = words
        self.page = 0
        self.text = _join_words(words)
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.top = min(w.top for w in words)
        self.bottom = max(w.bottom for w in words)
        self.base = statistics.median(w.base for w in words)
        self.size = statistics.median(w.size for w in words)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)
