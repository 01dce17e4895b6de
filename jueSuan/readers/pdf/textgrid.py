"""Tables without rules: columns from the alignment of words, rows from baselines."""

from __future__ import annotations

import bisect
import statistics
from itertools import pairwise

from ...numbers import AmountKind, normalize_text, parse_amount
from ...vocab.titles import NOTE_STARTS
from .layout import _CellBox, _cluster_values, _Layout
from .text import _CODE, _LEADER, _join_words, _Line, _single_cjk, _Word

_NOTE_STARTS = NOTE_STARTS.spellings("note")  # a line under a table that is its note, not a row


def _is_figure(text: str) -> bool:
    a = parse_amount(text)
    return a is not None and a.kind in (AmountKind.NUMBER, AmountKind.DASH) and not _CODE.match(normalize_text(text))


def _phrases(line: _Line) -> list[list[_Word]]:
    """A line's words grouped into phrases: words closer than a character belong together (prose,
    ``3,984.05 万元``), as do letter-spaced single characters; two figures side by side do not."""
    groups: list[list[_Word]] = [[line.words[0]]]
    for prev, w in pairwise(line.words):
        gap = w.x0 - prev.x1
        size = max(prev.size, w.size)
        fig_prev, fig_next = _is_figure(prev.text), _is_figure(w.text)
        if _single_cjk(prev.text) and _single_cjk(w.text):
            limit = 2.5 * size
        elif fig_prev and fig_next:
            limit = 0.3 * size
        elif fig_prev or fig_next:
            limit = 0.4 * size  # a figure and a label in the next column, padded tight
        else:
            limit = 0.8 * size
        if gap <= limit:
            groups[-1].append(w)
        else:
            groups.append([w])
    return groups


class _Phrase:
    __slots__ = ("figure", "line", "text", "words", "x0", "x1")

    def __init__(self, words: list[_Word], line: int) -> None:
        self.words = words
        self.line = line
        self.text = _join_words(words)
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.figure = _is_figure(self.text)


def _text_tables(lines: list[_Line], page: int, region: tuple[float, float]) -> list[tuple[int, int, _Layout]]:
    """Blocks of lines that are clearly tables of figures: (first line, last line, layout)."""
    if len(lines) < 3:
        return []
    phrases = [[_Phrase(g, i) for g in _phrases(ln)] for i, ln in enumerate(lines)]
    width = (region[1] - region[0]) or 1.0

    def row_like(i: int) -> bool:
        """Figures and other text apart: a column gap of a character or more, or two figures."""
        ps = phrases[i]
        if len(ps) < 2 or _LEADER.search(lines[i].text):
            return False
        n_figures = sum(p.figure for p in ps)
        wide = max(b.x0 - a.x1 for a, b in pairwise(ps)) >= lines[i].size
        return n_figures >= 2 or (n_figures == 1 and wide)

    def prose(i: int) -> bool:
        ps = phrases[i]
        s = normalize_text(lines[i].text)
        return (len(ps) == 1 and (ps[0].x1 - ps[0].x0) > 0.55 * width) or s.startswith(_NOTE_STARTS)

    out: list[tuple[int, int, _Layout]] = []
    i = 0
    while i < len(lines):
        if not row_like(i):
            i += 1
            continue
        first = last = i
        j = i + 1
        while j < len(lines):
            gap = lines[j].top - lines[j - 1].bottom
            if prose(j) or gap > 2.5 * max(lines[j].size, lines[j - 1].size):
                break
            if row_like(j):
                last = j
            j += 1
        body = range(first, last + 1)
        n_rows = sum(1 for k in body if row_like(k))
        figs = [p for k in body for p in phrases[k] if p.figure]
        if n_rows >= 3 and _aligned(figs, lines[first].size):
            head = first
            while (head - 1 >= 0 and first - head < 4 and len(phrases[head - 1]) >= 2
                   and not any(p.figure for p in phrases[head - 1]) and not prose(head - 1)
                   and lines[head].top - lines[head - 1].bottom <= 2.5 * lines[head].size):
                head -= 1
            layout = _text_layout(lines, phrases, head, first, last, page)
            if layout is not None:
                out.append((head, last, layout))
        i = last + 1
    return out


def _aligned(figs: list[_Phrase], size: float) -> bool:
    """Most figures share a right edge (or a centre) with another figure on another line."""
    if len(figs) < 3:
        return False
    tol = 0.6 * size
    for key in (lambda p: p.x1, lambda p: (p.x0 + p.x1) / 2):
        vals = sorted(key(p) for p in figs)
        aligned = 0
        for k, v in enumerate(vals):
            if (k > 0 and v - vals[k - 1] <= tol) or (k + 1 < len(vals) and vals[k + 1] - v <= tol):
                aligned += 1
        if aligned >= 0.75 * len(vals):
            return True
    return False


def _text_layout(lines: list[_Line], phrases: list[list[_Phrase]], head: int, first: int, last: int,
                 page: int) -> _Layout | None:
    body = [p for k in range(first, last + 1) for p in phrases[k]]
    size = statistics.median(ln.size for ln in lines[head:last + 1])
    # figure columns: figures sharing a right edge, widened to every figure overlapping them
    cols: list[list[float]] = []
    for x1 in _cluster_values([p.x1 for p in body if p.figure], 0.6 * size):
        members = [p for p in body if p.figure and abs(p.x1 - x1) <= 0.6 * size]
        cols.append([min(p.x0 for p in members), max(p.x1 for p in members), 1])
    cols.sort()
    merged: list[list[float]] = []
    for c in cols:
        if merged and c[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], c[1])
        else:
            merged.append(c)
    fig_cols = merged

    def in_fig_col(p: _Phrase) -> int | None:
        cx = (p.x0 + p.x1) / 2
        for k, c in enumerate(fig_cols):
            if c[0] - 0.3 * size <= cx <= c[1] + 0.3 * size:
                return k
        return None

    # text columns: overlapping extents of the other phrases, cut at the next figure column
    spans: list[list[float]] = []
    for p in body:
        if p.figure or in_fig_col(p) is not None:
            continue
        right = p.x1
        for c in fig_cols:
            if c[0] > p.x0:
                right = min(right, c[0] - 0.1)
                break
        spans.append([p.x0, max(right, p.x0 + 0.1), 0])
    spans.sort()
    text_cols: list[list[float]] = []
    for s in spans:
        if text_cols and s[0] <= text_cols[-1][1]:
            text_cols[-1][1] = max(text_cols[-1][1], s[1])
        else:
            text_cols.append(s)
    columns = sorted(fig_cols + text_cols)
    if len(columns) < 2:
        return None
    xs = [min(columns[0][0], min(p.x0 for k in range(head, last + 1) for p in phrases[k])) - 1]
    for a, b in pairwise(columns):
        xs.append((a[1] + b[0]) / 2)
    xs.append(max(columns[-1][1], max(p.x1 for k in range(head, last + 1) for p in phrases[k])) + 1)

    def column_of(p: _Phrase) -> int:
        if p.figure or in_fig_col(p) is not None:
            return max(0, min(len(columns) - 1, bisect.bisect_right(xs, (p.x0 + p.x1) / 2) - 1))
        return max(0, min(len(columns) - 1, bisect.bisect_right(xs, p.x0 + 0.2) - 1))

    # rows: a line with no figure and no code, close under or over a row, belongs to that row
    groups = _row_groups(lines, phrases, head, first, last)
    ys = [lines[groups[0][0]].top - 1]
    for a, b in pairwise(groups):
        ys.append((lines[a[-1]].bottom + lines[b[0]].top) / 2)
    ys.append(lines[groups[-1][-1]].bottom + 1)
    cells: list[_CellBox] = []
    for r, group in enumerate(groups):
        header = group[0] < first
        slots: dict[int, list[_Phrase]] = {}
        for k in group:
            for p in phrases[k]:
                if header and len(p.words) > 1:
                    # header words set tight in neighbouring columns: split them at the columns
                    by_col: dict[int, list[_Word]] = {}
                    for w in p.words:
                        by_col.setdefault(max(0, min(len(columns) - 1, bisect.bisect_right(xs, w.cx) - 1)), []).append(w)
                    if len(by_col) > 1:
                        for c, ws in by_col.items():
                            slots.setdefault(c, []).append(_Phrase(ws, k))
                        continue
                slots.setdefault(column_of(p), []).append(p)
        taken = set(slots)
        for c, ps in sorted(slots.items()):
            c0 = c1 = c
            if header and len(ps) == 1:
                # a header over several columns: widen over the empty columns it covers
                p = ps[0]
                while c0 - 1 >= 0 and c0 - 1 not in taken and p.x0 < (xs[c0 - 1] + xs[c0]) / 2:
                    c0 -= 1
                while c1 + 1 < len(columns) and c1 + 1 not in taken and p.x1 > (xs[c1 + 1] + xs[c1 + 2]) / 2:
                    c1 += 1
                taken.update(range(c0, c1 + 1))
            cell = _CellBox((xs[c0], ys[r], xs[c1 + 1], ys[r + 1]))
            cell.words = [w for p in ps for w in p.words]
            cells.append(cell)
    layout = _Layout(page, xs, ys, cells, ruled=False)
    layout.fill_holes()
    return layout


def _row_groups(lines: list[_Line], phrases: list[list[_Phrase]], head: int, first: int, last: int) -> list[list[int]]:
    """Lines of a text table grouped into rows. Lines closer together than the rows are apart are
    one row when at most one of them holds figures or a code (a wrapped label, with its figures
    printed beside its middle line)."""
    idx = list(range(head, last + 1))
    gaps = [lines[b].base - lines[a].base for a, b in pairwise(idx)]
    anchor = {k: any(p.figure or _CODE.match(normalize_text(p.text)) for p in phrases[k]) for k in idx}
    parent = {k: k for k in idx}

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    n_anchor = {k: int(anchor[k]) for k in idx}
    size = statistics.median(lines[k].size for k in idx)
    if gaps:
        # the gaps between the lines of one cell (about a line's leading) against the row pitch
        srt = sorted(gaps)
        threshold = None
        for a, b in pairwise(srt):
            if 0 < a <= 1.45 * size and b > 1.2 * a:
                threshold = (a + b) / 2
                break
        if threshold is not None:
            pairs = sorted(((g, a, b) for g, (a, b) in zip(gaps, pairwise(idx), strict=True)), key=lambda t: t[0])
            for g, a, b in pairs:
                if g >= threshold or (a < first) != (b < first):
                    continue
                ra, rb = find(a), find(b)
                if ra != rb and n_anchor[ra] + n_anchor[rb] <= 1:
                    parent[rb] = ra
                    n_anchor[ra] += n_anchor[rb]
    groups: dict[int, list[int]] = {}
    for k in idx:
        groups.setdefault(find(k), []).append(k)
    return sorted(groups.values())

