"""Read a .docx: every paragraph and every table in body order, merged cells resolved.

python-docx opens and validates the package; the body is then walked on its XML directly
(``w:p``, ``w:tbl``, and the ``w:sdt`` and ``w:customXml`` wrappers around blocks, rows and cells),
which is both faster than python-docx's cell API and exact about merges: ``w:gridSpan``
(horizontal), ``w:vMerge`` (vertical), ``w:gridBefore``. Nested tables become tables of their own,
after the table that holds them. A text box (``w:txbxContent``) in a paragraph is read after that
paragraph, its tables as tables; of a box drawn twice (``mc:AlternateContent``: a DrawingML choice
and a VML fallback) only the choice is read. An embedded document (``w:altChunk``) cannot be read
and is reported as a problem, never dropped in silence.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from ..source import SourceRef
from .base import Block, Cell, Document, Grid, Paragraph, Problem, ReadError, Reason, make_grid
from .safety import CellBudget, check_cells, check_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _SDT, _SDT_CONTENT = f"{W}p", f"{W}tbl", f"{W}sdt", f"{W}sdtContent"
_TR, _TC, _T, _TAB, _BR, _CR = f"{W}tr", f"{W}tc", f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"
_VAL = f"{W}val"
_CUSTOM_XML, _TXBX, _ALT_CHUNK = f"{W}customXml", f"{W}txbxContent", f"{W}altChunk"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _paragraph_text(p: object, boxes: bool = True) -> str:
    """The text of a paragraph; with ``boxes`` the text of its text boxes too (each once: the VML
    fallback copy of a box is skipped)."""
    if p.find(f".//{_TXBX}") is None and p.find(f".//{_FALLBACK}") is None:  # type: ignore[attr-defined]
        elements = p.iter(_T, _TAB, _BR, _CR)  # type: ignore[attr-defined]
    else:
        elements = _iter_skipping(p, (_T, _TAB, _BR, _CR), (_FALLBACK,) if boxes else (_FALLBACK, _TXBX))
    out: list[str] = []
    for el in elements:
        if el.tag == _T:
            out.append(el.text or "")
        elif el.tag == _TAB:
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def _iter_skipping(el: object, tags: tuple[str, ...], skip: tuple[str, ...]) -> list[object]:
    """Descendants of ``el`` with one of ``tags``, in document order, not looking inside ``skip``."""
    found: list[object] = []
    stack = list(reversed(list(el)))  # type: ignore[call-overload]
    while stack:
        node = stack.pop()
        if node.tag in tags:
            found.append(node)
            if node.tag in skip:
                continue  # found, and not looked into (an outermost text box)
        elif node.tag in skip:
            continue
        stack.extend(reversed(list(node)))
    return found


def _text_boxes(p: object) -> list[object]:
    """The outermost text boxes of a paragraph, without the fallback copies."""
    if p.find(f".//{_TXBX}") is None:  # type: ignore[attr-defined]
        return []
    return _iter_skipping(p, (_TXBX,), (_FALLBACK, _TXBX))


def _cell_text(tc: object) -> str:
    """Text of a table cell: its own paragraphs joined by newlines (nested tables excluded)."""
    lines = [_paragraph_text(p) for p in _own_children(tc, _P)]
    return "\n".join(lines).strip("\n")


def _own_children(el: object, tag: str) -> list[object]:
    """Children of ``el`` with ``tag``, looking through ``w:sdt`` content controls and
    ``w:customXml`` elements."""
    found: list[object] = []
    for child in el:  # type: ignore[attr-defined]
        if child.tag == tag:
            found.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                found.extend(_own_children(content, tag))
        elif child.tag == _CUSTOM_XML:
            found.extend(_own_children(child, tag))
    return found


def _int_prop(el: object, path: str, default: int) -> int:
    node = el.find(path)  # type: ignore[attr-defined]
    if node is None:
        return default
    try:
        return int(node.get(_VAL))
    except (TypeError, ValueError):
        return default


class _Builder:
    def __init__(self, path: str, budget: CellBudget | None = None) -> None:
        self.path = path
        self.budget = budget or CellBudget(path)
        self.blocks: list[Block] = []
        self.problems: list[Problem] = []
        self.n_tables = 0
        self.n_paragraphs = 0
        self.depth = 0

    def walk(self, container: object) -> None:
        for child in container:  # type: ignore[attr-defined]
            if child.tag == _P:
                self.add_paragraph(child)
            elif child.tag == _TBL:
                self.add_table(child)
            elif child.tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.walk(content)
            elif child.tag == _CUSTOM_XML:
                self.walk(child)
            elif child.tag == _ALT_CHUNK:
                self.problems.append(Problem(SourceRef(self.path, paragraph=self.n_paragraphs),
                                             "an embedded document (w:altChunk) is not read", ""))

    def add_paragraph(self, p: object) -> None:
        i = self.n_paragraphs
        self.n_paragraphs += 1
        boxes = _text_boxes(p)
        self.blocks.append(Paragraph(i, _paragraph_text(p, boxes=not boxes), SourceRef(self.path, paragraph=i)))
        if boxes and self.depth < 20:  # a text box in a text box...: lxml's depth limit ends it long before
            self.depth += 1
            for box in boxes:
                self.walk(box)
            self.depth -= 1

    def add_table(self, tbl: object) -> None:
        index = self.n_tables
        self.n_tables += 1
        ref = SourceRef(self.path, table=index)
        slot = len(self.blocks)
        self.blocks.append(Grid(index, (), ref))  # placeholder keeps body order
        nested: list[object] = []
        rows: list[list[Cell]] = []
        # column -> (row, col) of the cell that opened a vertical merge there
        v_open: dict[int, tuple[int, int]] = {}
        for r, tr in enumerate(_own_children(tbl, _TR)):
            cells: list[Cell] = []
            col = max(0, _int_prop(tr, f"{W}trPr/{W}gridBefore", 0))
            self.budget.take(col)  # counted before the cells are made: a span may say a billion
            cells.extend(Cell("", ref.at(r, c)) for c in range(col))
            for tc in _own_children(tr, _TC):
                span = max(1, _int_prop(tc, f"{W}tcPr/{W}gridSpan", 1))
                self.budget.take(span)
                vm = tc.find(f"{W}tcPr/{W}vMerge")  # type: ignore[attr-defined]
                continuing = vm is not None and vm.get(_VAL) in (None, "continue")
                nested.extend(t for t in tc.iter(_TBL) if not _in_fallback(t, tc))  # type: ignore[attr-defined]
                if continuing and col in v_open:
                    o_r, o_c = v_open[col]
                    text = rows[o_r][o_c].text if o_r < len(rows) else ""
                    origin: tuple[int, int] | None = (o_r, o_c)
                else:
                    text = _cell_text(tc)
                    origin = None
                    if vm is not None and vm.get(_VAL) == "restart":
                        for c in range(col, col + span):
                            v_open[c] = (r, col)
                    else:
                        for c in range(col, col + span):
                            v_open.pop(c, None)
                cells.append(Cell(text, ref.at(r, col), origin))
                for extra in range(1, span):
                    cells.append(Cell(text, ref.at(r, col + extra), origin or (r, col)))
                col += span
            rows.append(cells)
        width = max((len(cells) for cells in rows), default=0)
        self.budget.take(sum(width - len(cells) for cells in rows))  # the padding of short rows
        self.blocks[slot] = make_grid(index, rows, ref)
        # nested tables: only the outermost level here; deeper ones are reached recursively
        for inner in nested:
            if inner.getparent() is not None and _nearest_table(inner.getparent()) is tbl:  # type: ignore[attr-defined]
                self.add_table(inner)


def _in_fallback(el: object, stop: object) -> bool:
    """Whether ``el`` is inside an ``mc:Fallback`` (the second copy of a text box) below ``stop``."""
    node = el.getparent()  # type: ignore[attr-defined]
    while node is not None and node is not stop:
        if node.tag == _FALLBACK:
            return True
        node = node.getparent()
    return False


def _nearest_table(el: object) -> object | None:
    while el is not None and el.tag != _TBL:  # type: ignore[attr-defined]
        el = el.getparent()  # type: ignore[attr-defined]
    return el


def _check_container(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ReadError(path, Reason.NOT_FOUND, f"cannot open file ({exc.strerror})") from None
    if not head:
        raise ReadError(path, Reason.EMPTY, "the file is empty")
    if head == _OLE_MAGIC:
        raise ReadError(
            path,
            Reason.ENCRYPTED,
            "an OLE compound file, not a .docx package: password-protected, or a legacy .doc renamed",
        )
    if not head.startswith(b"PK"):
        kind = "an HTML page" if head.lstrip().lower().startswith((b"<!doc", b"<html")) else "not a zip"
        raise ReadError(path, Reason.WRONG_FORMAT, f"not a .docx package ({kind})")
    names = check_zip(path)
    if "word/document.xml" not in names:
        raise ReadError(path, Reason.WRONG_FORMAT, "a zip archive but not a Word document (no word/document.xml)")


def read_docx(path: str | Path) -> Document:
    """Read a .docx into a ``Document``; raise ``ReadError`` with a reason for anything unreadable."""
    p = Path(path)
    _check_container(p)
    try:
        d = docx.Document(str(p))
    except zipfile.BadZipFile as exc:  # a member whose data is cut or whose CRC fails
        raise ReadError(p, Reason.TRUNCATED, f"damaged zip member ({exc})") from None
    except (zlib.error, EOFError) as exc:
        raise ReadError(p, Reason.TRUNCATED, f"damaged zip member ({exc})") from None
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReadError(p, Reason.MALFORMED, f"not a readable Word document ({exc})") from None
    except Exception as exc:  # lxml syntax errors and the like
        raise ReadError(p, Reason.MALFORMED, f"malformed document XML ({type(exc).__name__}: {exc})") from None
    builder = _Builder(p.name, CellBudget(p))
    builder.walk(d.element.body)
    blocks = tuple(b for b in builder.blocks if not (isinstance(b, Grid) and b.n_rows == 0))
    check_cells(p, sum(b.n_rows * b.n_cols for b in blocks if isinstance(b, Grid)))
    return Document(str(p), blocks, "docx", tuple(builder.problems))
