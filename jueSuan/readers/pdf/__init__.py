"""Read a PDF: every page in order, its tables as located grids and the text outside them.

PDFium (pypdfium2) parses each page once (``engine``): its characters with their boxes, fonts and
sizes, its painted paths as ruling edges, its images. The words are extracted once (``text``) and
reused for the tables, the text outside them and the fallback below; the ruled tables are found from
the edges with pdfplumber's table algorithm and the settings in ``TABLE_SETTINGS`` (``layout``); the
rule-less ones from the alignment of words (``textgrid``); pages are put together in ``pages``. A page
with ``/Rotate`` is read upright. Before PDFium parses any page, ``guard`` judges what the file would
cost (streams inflated, operations drawn, forms reused, the pages actually present). Every word is placed in the cell whose box holds its centre, so a figure
printed a little above or below its row label still lands in its own cell, and a word that runs
over a cell border is split there, character by character.

The text outside the tables is a paragraph per printed line (lines clustered by baseline, in
reading order), except that a line wrapped from the one above continues its paragraph: the line
above runs to the right margin, this one starts at the left margin with no heading or list marker,
at the usual line pitch, in the same size. Sentences the narrative checks quote are then whole, as
in the .docx. Page numbers alone in the top or bottom margin (``- 3 -``, ``第 3 页 共 10 页``) are
dropped; nothing else is.

A grid has the same meaning as a grid of the .docx reader: rectangular, a spanning cell's text
copied into every position it covers with ``origin`` set to its top-left position. Lines inside
a cell are joined with no separator when the text is Chinese (a wrapped label) and with a space
between two Latin or number tokens; letter-spaced Chinese (``合 计``) is closed up.

Publishers' quirks handled here:

* rules drawn as thin filled rectangles, or cell by cell: pdfplumber counts rectangle edges,
  ``snap``/``join`` tolerances make one rule of them;
* no rules at all: a block of lines whose figures line up in columns becomes a grid (columns from
  the x-alignment of words, rows from baselines, wrapped labels joined to their row); prose is
  never made into a table;
* a table broken over pages: the part on the next page is a grid of its own, directly after the
  first part (page numbers between them are dropped), with the column boundaries of both parts
  made the same, and a row broken over the page break joined back into one row;
* a double outer border: the slivers between its two rules are no cells;
* a fake bold (every character drawn twice): read once; glyphs mapped to Kangxi radicals
  (``⽀出``): read as the ordinary ideographs.

What cannot be read is said: a page that is only a picture, a large picture with no text over it,
text in a font with no Unicode mapping, a damaged cross-reference table are ``Problem``s; a file
with no text at all, or none that decodes, is a ``ReadError`` (``NO_TEXT_LAYER``).
"""

from __future__ import annotations

import gc
import statistics
from itertools import pairwise
from pathlib import Path

import attrs

from ...source import SourceRef
from ..base import Block, Document, Paragraph, Problem, ReadError, Reason
from ..safety import limits
from ..textflow import PAGE_NUMBER as _PAGE_NUMBER
from ..textflow import PARA_START as _PARA_START
from ..textflow import ends_sentence
from .guard import prescan, with_page_count
from .layout import TABLE_SETTINGS, _round_box
from .pages import PageContent, _link_pages, _Page, _read_page
from .text import _RADICALS, WORD_SETTINGS, _join_lines, _Line

#: More pages than this and the file is refused (``Reason.TOO_LARGE``): no 部门决算 is that long.
#: The default of ``InputLimits.max_pages``; ``read_pdf`` follows the limits in force (``set_limits``,
#: ``JUESUAN_MAX_PAGES``) unless given ``max_pages``.
MAX_PAGES = 500


def _check_file(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
            size = fh.seek(0, 2)
            fh.seek(max(0, size - 4096))
            tail = fh.read()
    except OSError as exc:
        raise ReadError(path, Reason.NOT_FOUND, f"cannot open file ({exc.strerror})") from None
    if not head.strip():
        raise ReadError(path, Reason.EMPTY, "the file is empty")
    if b"%PDF-" not in head:
        low = head.lstrip().lower()
        if low.startswith((b"<!doc", b"<html", b"<?xml", b"<head", b"<body")):
            kind = "an HTML page"
        elif head.startswith(b"PK"):
            kind = "a zip archive (a .docx or .xlsx?)"
        elif head.startswith(b"\xd0\xcf\x11\xe0"):
            kind = "an OLE file (a .doc or .xls?)"
        elif head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
            kind = "an image"
        else:
            kind = "no %PDF header"
        raise ReadError(path, Reason.WRONG_FORMAT, f"not a PDF ({kind})")
    if b"%%EOF" not in tail:
        raise ReadError(path, Reason.TRUNCATED, "the PDF is cut short (no %%EOF end marker): a partial download?")


def _classify(path: Path, exc: BaseException) -> ReadError:
    detail = " ".join(f"{type(exc).__name__}: {exc}".split()).rstrip(":")
    if len(detail) > 160:
        detail = detail[:157] + "..."
    code = getattr(exc, "err_code", None)
    if code == raw_errors().get("password"):
        return ReadError(path, Reason.ENCRYPTED, "password-protected PDF: it cannot be opened without its password")
    if code == raw_errors().get("security"):
        return ReadError(path, Reason.ENCRYPTED, f"encrypted PDF that cannot be decrypted ({detail})")
    if code in (raw_errors().get("format"), raw_errors().get("file")):
        return ReadError(path, Reason.MALFORMED, f"damaged PDF ({detail})")
    return ReadError(path, Reason.MALFORMED, f"unreadable PDF ({detail})")


def raw_errors() -> dict[str, int]:
    import pypdfium2.raw as raw

    return {"password": raw.FPDF_ERR_PASSWORD, "security": raw.FPDF_ERR_SECURITY, "format": raw.FPDF_ERR_FORMAT,
            "file": raw.FPDF_ERR_FILE}


def read_pdf(path: str | Path, *, max_pages: int | None = None) -> Document:
    """Read a PDF into a ``Document``; raise ``ReadError`` with a reason for anything unreadable.
    ``max_pages``: the page limit (default: the limits in force, ``safety.limits().max_pages``)."""
    p = Path(path)
    _check_file(p)
    # A page makes tens of thousands of small dicts and lists, none of them in a cycle: the cyclic
    # collector, triggered by every 700 of them, would walk them all again and again (a quarter to a
    # third of the read). It is paused for the read and resumed as it was.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read(p, limits().max_pages if max_pages is None else max_pages)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(p, Reason.TOO_LARGE, "the PDF needs more memory than is available") from None
    except Exception as exc:
        raise _classify(p, exc) from None
    finally:
        if collecting:
            gc.enable()


def _read(p: Path, max_pages: int) -> Document:
    from . import engine  # PDFium: imported with the first PDF read

    file = p.name
    scan = prescan(p)
    if not scan.objects:
        raise ReadError(p, Reason.MALFORMED, "damaged PDF: the file holds no PDF object at all")
    pages: list[_Page] = []
    n_chars = 0
    n_images = 0
    damaged: list[Problem] = []
    pdf = engine.open_pdf(str(p))
    try:
        count = len(pdf)
        if scan.pages is not None and count < scan.pages <= max_pages:
            # the page tree holds more pages than its /Count says, and PDFium believes the count: the
            # file is opened again with the count of the pages present, or the pages left are said
            fixed = with_page_count(p, scan)
            if fixed is not None:
                again = engine.open_pdf(fixed)
                if len(again) == scan.pages:
                    pdf.close()
                    pdf = again
                else:
                    again.close()
            if len(pdf) == scan.pages:
                damaged.append(Problem(SourceRef(file), f"the PDF's page tree says {count} pages but holds "
                                                        f"{scan.pages}: all {scan.pages} are read"))
            else:
                damaged.append(Problem(SourceRef(file), f"the PDF's page tree holds {scan.pages} pages but says "
                                                        f"{count}: pages {count + 1}–{scan.pages} cannot be read"))
            count = len(pdf)
        present = count if scan.pages is None else min(count, scan.pages)
        if present > max_pages:
            raise ReadError(p, Reason.TOO_LARGE, f"{present} pages, more than the limit of {max_pages}")
        if present == 0:
            raise ReadError(p, Reason.EMPTY, "the PDF has no pages")
        declared = max(count, scan.declared or 0)
        if declared > present:
            damaged.append(Problem(SourceRef(file), f"the PDF declares {declared} pages but only {present} can be "
                                                    "found: the file may be damaged"))
        for number in range(1, present + 1):
            try:
                page = pdf[number - 1]
            except Exception:
                damaged.append(Problem(SourceRef(file, page=number), f"page {number} cannot be read: it is damaged"))
                continue
            try:
                geo, chars, edges, images = engine.read_page(page)
            except engine.PdfiumError as exc:  # its text or objects cannot be had: said, not skipped in silence
                damaged.append(Problem(SourceRef(file, page=number), f"page {number} cannot be read: it is damaged "
                                                                     f"({' '.join(str(exc).split())[:120]})"))
                continue
            finally:
                page.close()
            content = PageContent(chars, edges, images, geo.width, geo.height)
            n = sum(1 for c in chars if not c["text"].isspace())
            n_chars += n
            n_images += len(images)
            pages.append(_read_page(content, number, file))
            if n == 0 and images:
                pages[-1].problems.append(Problem(
                    SourceRef(file, page=number),
                    f"page {number} is an image with no text layer (a scanned page): it is not read"))
    finally:
        pdf.close()
    if n_chars == 0:
        if n_images:
            raise ReadError(p, Reason.NO_TEXT_LAYER,
                            "no text layer (a scanned document): jueSuan reads text, not pictures")
        raise ReadError(p, Reason.EMPTY, "the PDF has no text")
    n_words, n_cid = sum(pg.n_words for pg in pages), sum(pg.n_cid for pg in pages)
    if n_cid > n_words / 2:
        raise ReadError(p, Reason.NO_TEXT_LAYER, "the text cannot be read: its fonts have no Unicode mapping "
                                                 "(characters come out as (cid:N) codes)")
    _link_pages(pages)
    doc = _document(p, file, pages)
    return attrs.evolve(doc, problems=tuple(damaged) + doc.problems) if damaged else doc


class _Flow:
    """The body text's left and right margins and line pitch, to tell a wrapped line from the
    start of a new paragraph."""

    def __init__(self, pages: list[_Page]) -> None:
        lines = [it[2] for pg in pages for it in pg.items if isinstance(it[2], _Line)]
        x0s = [round(ln.x0) for ln in lines]
        self.left = statistics.mode(x0s) if x0s else 0.0
        x1s = sorted(ln.x1 for ln in lines if len(ln.text) >= 10)
        self.right = x1s[int(0.9 * (len(x1s) - 1))] if x1s else 0.0
        gaps: list[float] = []
        for pg in pages:
            for (_, _, a), (_, _, b) in pairwise(pg.items):
                if (isinstance(a, _Line) and isinstance(b, _Line) and abs(a.size - b.size) <= 0.15 * a.size
                        and a.size <= b.base - a.base <= 2.5 * a.size):
                    gaps.append(round((b.base - a.base) * 2) / 2)
        self.pitch = statistics.mode(gaps) if gaps else None

    def continues(self, a: _Line, b: _Line, same_page: bool) -> bool:
        """``b`` is the next line of ``a``'s paragraph: same size, ``a`` runs (nearly) to the right
        margin, ``b`` starts at the left margin with no heading or list marker, and, on one page,
        no more than the usual line pitch below ``a``."""
        size = max(a.size, b.size)
        if abs(a.size - b.size) > 0.15 * size or _PARA_START.match(b.text):
            return False
        if b.x0 > self.left + 0.5 * size or not (self.left - size <= a.x0 <= self.left + 4.5 * size):
            return False
        # a runs to the margin; or, not ending a sentence, stops short because what follows could not
        # be broken (LibreOffice and Word move "（类）8,460,100.00元，" to the next line whole)
        slack = 5 * size if ends_sentence(a.text) else 12 * size
        if a.x1 < self.right - slack:
            return False
        if same_page:
            gap = b.base - a.base
            pitch = self.pitch if self.pitch is not None else 1.6 * size
            return 0 < gap <= pitch + 0.3 * size
        return True


def _document(p: Path, file: str, pages: list[_Page]) -> Document:
    blocks: list[Block] = []
    problems: list[Problem] = []
    flow = _Flow(pages)
    n_tab = 0
    n_par = 0
    para: list[_Line] = []
    para_page = 0

    def flush() -> None:
        nonlocal n_par
        if not para:
            return
        i = n_par
        n_par += 1
        first = [ln for ln in para if ln.page == para_page]
        box = (min(ln.x0 for ln in first), min(ln.top for ln in first), max(ln.x1 for ln in first),
               max(ln.bottom for ln in first))
        ref = SourceRef(file, page=para_page, paragraph=i, bbox=_round_box(box))
        blocks.append(Paragraph(i, _join_lines([ln.text for ln in para]), ref))
        para.clear()

    for page in pages:
        problems.extend(_dedupe_problems(page.problems))
        for _, _, item in page.items:
            if isinstance(item, _Line):
                item.page = page.number
                if para and flow.continues(para[-1], item, para[-1].page == page.number):
                    para.append(item)
                    continue
                flush()
                para.append(item)
                para_page = page.number
            else:
                flush()
                grid = item.to_grid(n_tab, file)
                if grid.n_rows:
                    blocks.append(grid)
                    n_tab += 1
    flush()
    return Document(str(p), tuple(blocks), "pdf", tuple(problems))


def _dedupe_problems(problems: list[Problem]) -> list[Problem]:
    """One problem per page and reason kind (a whole-page scan is not also a big image)."""
    out: list[Problem] = []
    whole = any("is an image with no text layer" in q.reason for q in problems)
    for q in problems:
        if whole and "an image with no text layer (a scanned or pasted" in q.reason:
            continue
        out.append(q)
    return out


__all__ = ["MAX_PAGES", "TABLE_SETTINGS", "WORD_SETTINGS", "_PAGE_NUMBER", "_RADICALS", "_join_lines", "read_pdf"]
