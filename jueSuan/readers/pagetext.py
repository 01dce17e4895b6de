"""Read a page-text document (``*.pages.json``): a PDF already taken apart by another tool into the text
of each page and the tables of each page, with no geometry.

The file is a JSON object with ``page_texts`` (``page_texts[i]`` is the text of page i+1, one printed
line a line, table rows included) and ``page_tables`` (``page_tables[i]`` the tables of page i+1, each a
list of rows of cell strings, a cell's wrapped lines separated by newlines). Other keys (``doc_id``,
``page_count``, the source PDF's size and hash) are kept out of the ``Document``.

The ``Document`` is the one the PDF reader gives for the same pages:

* each table is a grid located by page, row and column, its cells' wrapped lines joined as the PDF
  reader joins them (``textflow.join_lines``); it is placed in reading order where its rows stand in the
  page text: the lines of the page that are made only of the table's cell texts are the table, the
  lines before it (title, 单位) and after it (注) are paragraphs around it;
* the other lines are rejoined into paragraphs: a line continues the paragraph of the line above when
  that line runs to the right margin (the width of the page's full lines, measured in characters, a
  Latin letter or digit half a Chinese one) and this one starts with no heading or list marker
  (``textflow.PARA_START``). The page text has lost the indentation that tells the PDF reader a new
  paragraph, so the margin is tighter than the PDF reader's: a line that stops short of it ends its
  paragraph (the first line of a paragraph is counted two characters wider, for its indent). A heading
  (a numbered line with no punctuation) or a title followed by another unpunctuated line goes on only
  with a last word it could not fit (``…决算情况`` + ``说明``); after a full stop, a line with no punctuation is
  a title. A paragraph runs on over a page break the same way;
* spaces the extraction put between a Chinese character and anything else are dropped (the PDF reader
  joins such words with nothing between them), a space between two Latin or number tokens is kept;
* a line that is only a page number, first or last on its page, is dropped.

What the page text and the tables disagree about is not resolved here: the cell texts are the grid, the
page text only places it. A table none of whose rows can be found in its page's text is still read,
placed after the page's text, and reported as a ``Problem``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..source import SourceRef
from .base import Block, Cell, Document, Grid, Paragraph, Problem, ReadError, Reason, make_grid
from .merged import restore_merges
from .textflow import PAGE_NUMBER, PARA_START, ends_sentence, is_cjk, is_latin, join_lines

#: A line ending a sentence continues its paragraph only when it stops at most this many characters
#: short of the right margin; any other line, this many (a figure or a bracketed word that could not
#: be broken is moved whole to the next line).
SENTENCE_SLACK = 2.5
WORD_SLACK = 5.0
#: The first line of a paragraph is indented by two characters.
INDENT = 2.0

_PUNCT = re.compile(r"[，。；：、,;:（）()“”《》！？!?]")
_CLAUSE = re.compile(r"[，。；：、,;:！？!?]")
#: A heading: a numbered line with no punctuation after its number (``九、国有资本经营…情况说明``).
_HEADING = re.compile(PARA_START.pattern + r"[^，。；：、,;:（）()“”《》！？!?]*$")

_SPACES = re.compile(r"\s+")


def read_pagetext(path: str | Path) -> Document:
    """Read a ``.pages.json`` page-text document; ``ReadError`` if it is not one."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ReadError(p, Reason.WRONG_FORMAT, f"not a page-text document: not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise ReadError(p, Reason.WRONG_FORMAT, f"not a page-text document: not JSON ({exc.msg}, line {exc.lineno})") from exc
    except OSError as exc:
        raise ReadError(p, Reason.MALFORMED, f"cannot read the file: {exc}") from exc
    texts, tables = _validate(p, data)
    return _document(p, texts, tables)


def _validate(p: Path, data: Any) -> tuple[list[str], list[list[list[list[str]]]]]:
    if not isinstance(data, dict) or "page_texts" not in data or "page_tables" not in data:
        raise ReadError(p, Reason.WRONG_FORMAT, "not a page-text document: a JSON object with page_texts and "
                                                "page_tables is expected")
    texts, tables = data["page_texts"], data["page_tables"]
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise ReadError(p, Reason.MALFORMED, "page_texts is not a list of page texts")
    if not isinstance(tables, list) or len(tables) > len(texts):
        raise ReadError(p, Reason.MALFORMED, "page_tables is not a list of at most one entry per page")
    out: list[list[list[list[str]]]] = []
    for k, page in enumerate(tables, 1):
        if not isinstance(page, list) or not all(isinstance(t, list) and all(isinstance(r, list) for r in t)
                                                 for t in page):
            raise ReadError(p, Reason.MALFORMED, f"page_tables of page {k} is not a list of tables of rows")
        out.append([[["" if c is None else str(c) for c in row] for row in t] for t in page])
    out.extend([] for _ in range(len(texts) - len(out)))
    if not any(t.strip() for t in texts):
        raise ReadError(p, Reason.EMPTY, "the page-text document has no text")
    return texts, out


def tidy(line: str) -> str:
    """One extracted line as the PDF reader would give it: a space stays only between two Latin or
    number tokens."""
    parts = _SPACES.split(line.strip())
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if out and is_latin(out[-1]) and is_latin(part[0]):
            out += " "
        out += part
    return out


def _width(text: str) -> float:
    return sum(1.0 if is_cjk(ch) else 0.5 for ch in text)


def _cell_text(text: str) -> str:
    return join_lines([tidy(x) for x in text.split("\n") if x.strip()])


def _fragments(table: Sequence[Sequence[str]]) -> set[str]:
    """Every piece of text a line of this table's rows can be made of."""
    out: set[str] = set()
    for row in table:
        for cell in row:
            for part in cell.split("\n"):
                out.update(w for w in part.split() if w)
    return out


def _table_lines(lines: list[str], start: int, table: Sequence[Sequence[str]]) -> tuple[int, int] | None:
    """The first and last line (from ``start``) made only of the table's cell texts, or None."""
    frags = _fragments(table)
    hits = [k for k in range(start, len(lines)) if lines[k].split() and all(w in frags for w in lines[k].split())]
    if not hits:
        return None
    # the table is the run of such lines around where most of them stand; a stray short line of the
    # same words elsewhere on the page ("出") is not the table
    rows = sum(1 for r in table if any(c.strip() for c in r))
    first, last = hits[0], hits[0]
    for k in hits[1:]:
        if k - last <= max(3, rows):
            last = k
        elif last - first + 1 < 2:
            first = last = k
        else:
            break
    return first, last


class _Line:
    """A line of page text: as the PDF reader would give it, and how wide it was printed."""

    __slots__ = ("page", "text", "width")

    def __init__(self, raw: str, page: int) -> None:
        self.text = tidy(raw)
        self.width = _width(raw)
        self.page = page


class _Margin:
    """The right edge of the body text, in characters: where a wrapped line ends."""

    def __init__(self, lines: list[_Line]) -> None:
        widths = sorted(ln.width for ln in lines if len(ln.text) >= 10)
        self.right = widths[int(0.9 * (len(widths) - 1))] if widths else 0.0

    def continues(self, para: list[_Line], b: _Line) -> bool:
        """``b`` is the next line of the paragraph ``para``."""
        a = para[-1]
        if PARA_START.match(b.text):
            return False
        width = a.width + (INDENT if len(para) == 1 and not PARA_START.match(a.text) else 0.0)
        # a heading, or a title over a title (two lines with no punctuation: 部门决算表 / 收入支出决算总表), goes
        # on only with the last word it could not fit
        if _HEADING.match(a.text) or not (_PUNCT.search(a.text) or _CLAUSE.search(b.text)):
            return len(para) == 1 and b.width <= 4 and not _PUNCT.search(b.text) and width >= self.right - WORD_SLACK
        if ends_sentence(a.text):  # after a full stop, a line with no punctuation is a title, not more text
            return bool(_CLAUSE.search(b.text)) and width >= self.right - SENTENCE_SLACK
        return width >= self.right - WORD_SLACK


def _document(p: Path, texts: list[str], tables: list[list[list[list[str]]]]) -> Document:
    file = str(p)
    problems: list[Problem] = []
    # each page as a sequence of lines and tables in reading order
    pages: list[list[_Line | list[list[str]]]] = []
    for number, (text, page_tables) in enumerate(zip(texts, tables, strict=True), 1):
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        while lines and PAGE_NUMBER.match(lines[-1]):
            lines.pop()
        while lines and PAGE_NUMBER.match(lines[0]):
            lines.pop(0)
        items: list[_Line | list[list[str]]] = []
        pos = 0
        unplaced: list[list[list[str]]] = []
        for table in page_tables:
            if not any(c.strip() for r in table for c in r):
                continue
            span = _table_lines(lines, pos, table)
            if span is None:
                unplaced.append(table)
                problems.append(Problem(SourceRef(file, page=number),
                                        f"page {number}: a table whose rows are not in the page text; "
                                        "placed after the page's text"))
                continue
            items.extend(_Line(ln, number) for ln in lines[pos:span[0]])
            items.append(table)
            pos = span[1] + 1
        items.extend(_Line(ln, number) for ln in lines[pos:])
        items.extend(unplaced)
        pages.append(items)
    margin = _Margin([it for page in pages for it in page if isinstance(it, _Line)])
    blocks: list[Block] = []
    para: list[_Line] = []
    para_page = 0
    n_par = n_tab = 0

    def flush() -> None:
        nonlocal n_par
        if para:
            blocks.append(Paragraph(n_par, join_lines([ln.text for ln in para]), SourceRef(file, page=para_page, paragraph=n_par)))
            n_par += 1
            para.clear()

    for number, items in enumerate(pages, 1):
        for item in items:
            if isinstance(item, _Line):
                if para and margin.continues(para, item):
                    para.append(item)
                    continue
                flush()
                para.append(item)
                para_page = number
            else:
                flush()
                blocks.append(_grid(n_tab, item, file, number))
                n_tab += 1
    flush()
    return Document(file, tuple(blocks), "pagetext", tuple(problems))


def _grid(index: int, table: list[list[str]], file: str, page: int) -> Grid:
    """The table's grid, its header merges copied as the PDF reader copies them (``readers/merged.py``);
    each cell located at its row and column in the extracted table."""
    ref = SourceRef(file, table=index, page=page)
    texts, origins, source = restore_merges(table)
    rows = [[Cell(_cell_text(text), ref.at(source[r], c), origins[r][c]) for c, text in enumerate(row)]
            for r, row in enumerate(texts)]
    return make_grid(index, rows, ref)


__all__ = ["read_pagetext", "tidy"]
