"""What the HTML report shows beside each finding: the PDF page around the cited figures with each
figure boxed (a click opens the page large), or the rebuilt table rows around the cited cells, or the
paragraph with only the cited words marked. Every marked cell links back to the findings that cite it."""

from __future__ import annotations

import html
from collections import defaultdict

from ..document import Document, Grid, Paragraph
from ..findings import Finding, Severity
from ..source import SourceRef
from .pages import PageImage

THUMB_WIDTH = 760  # px: the page shown beside a finding
_MARGIN = 70.0  # points above and below the cited figures


def esc(text: object) -> str:
    return html.escape(str(text))


def doc_index(docs: list[Document], ref: SourceRef) -> int:
    for i, d in enumerate(docs):
        if d.path.endswith(ref.file) or ref.file.endswith(d.path):
            return i
    return 0


def cell_key(doc_i: int, ref: SourceRef) -> str:
    if ref.table is None:
        return f"d{doc_i}-p{ref.paragraph}"
    return f"d{doc_i}-t{ref.table}-r{ref.row}-c{ref.col}"


class Citations:
    """Which findings cite which cell (for the links back), and each finding's number."""

    def __init__(self, findings: list[Finding], docs: list[Document]) -> None:
        self.by_cell: dict[str, list[int]] = defaultdict(list)
        self.worst: dict[str, Severity] = {}
        for n, f in enumerate(findings, 1):
            for t in f.terms:
                key = cell_key(doc_index(docs, t.ref), t.ref)
                if n not in self.by_cell[key]:
                    self.by_cell[key].append(n)
                if key not in self.worst or f.severity.rank > self.worst[key].rank:
                    self.worst[key] = f.severity

    def backlinks(self, key: str, here: int) -> str:
        nums = self.by_cell.get(key, [])
        return "".join(f'<a class="back{" here" if n == here else ""}" href="#f{n}" title="发现 #{n}">#{n}</a>'
                       for n in nums)


def page_crops(n: int, f: Finding, docs: list[Document], images: dict[tuple[int, int], PageImage]) -> tuple[str, str]:
    """The page crops for a finding's PDF figures, and the large views a click opens."""
    by_page: dict[tuple[int, int], list[SourceRef]] = defaultdict(list)
    for t in f.terms:
        if t.ref.page is not None and t.ref.bbox is not None:
            by_page[(doc_index(docs, t.ref), t.ref.page)].append(t.ref)
    crops: list[str] = []
    zooms: list[str] = []
    for k, ((di, page), refs) in enumerate(sorted(by_page.items())):
        img = images.get((di, page))
        if img is None:
            crops.append(f'<p class="nopage">第{page}页的图像无法生成（PDFium 未能渲染），位置见上。</p>')
            continue
        scale = THUMB_WIDTH / img.pt_width
        top = max(0.0, min(r.bbox[1] for r in refs if r.bbox) - _MARGIN)  # type: ignore[index]
        bottom = min(img.pt_height, max(r.bbox[3] for r in refs if r.bbox) + _MARGIN)  # type: ignore[index]
        height = (bottom - top) * scale
        boxes = []
        big_boxes = []
        for r in refs:
            x0, y0, x1, y1 = r.bbox  # type: ignore[misc]
            kind = "para" if r.table is None else "cell"
            style = (f"left:{x0 * scale - 2:.1f}px;top:{(y0 - top) * scale - 2:.1f}px;"
                     f"width:{(x1 - x0) * scale + 4:.1f}px;height:{(y1 - y0) * scale + 4:.1f}px")
            boxes.append(f'<span class="box {kind} {f.severity.label}" style="{style}"></span>')
            big = (f"left:{x0 / img.pt_width * 100:.3f}%;top:{y0 / img.pt_height * 100:.3f}%;"
                   f"width:{(x1 - x0) / img.pt_width * 100:.3f}%;height:{(y1 - y0) / img.pt_height * 100:.3f}%")
            big_boxes.append(f'<span class="box {kind} {f.severity.label}" style="{big}"></span>')
        zoom_id = f"zoom-f{n}-{k}"
        crops.append(
            f'<a class="crop-link" href="#{zoom_id}" title="点击放大 第{page}页">'
            f'<span class="crop pg-d{di}-p{page}" data-page="{page}" style="width:{THUMB_WIDTH}px;height:{height:.0f}px;'
            f'background-size:{THUMB_WIDTH}px auto;background-position:0 {-top * scale:.1f}px">{"".join(boxes)}</span>'
            f'<span class="crop-caption">第{page}页（点击放大）</span></a>')
        zooms.append(
            f'<div class="zoom" id="{zoom_id}"><a class="zoom-close" href="#f{n}" title="关闭">×</a>'
            f'<div class="zoom-page pg-d{di}-p{page}" style="aspect-ratio:{img.px_width}/{img.px_height}">'
            f'{"".join(big_boxes)}</div><p>发现 #{n} · 第{page}页</p></div>')
    return "".join(crops), "".join(zooms)


def _rows_around(grid: Grid, rows: set[int], reach: int = 2) -> list[int | None]:
    """Header rows (before the first body row with a cited cell, at most 4), then the cited rows
    with ``reach`` rows either side; None where rows are left out."""
    keep: set[int] = set(range(min(4, grid.n_rows)))
    for r in rows:
        keep.update(range(max(0, r - reach), min(grid.n_rows, r + reach + 1)))
    out: list[int | None] = []
    prev = -1
    for r in sorted(keep):
        if r != prev + 1:
            out.append(None)
        out.append(r)
        prev = r
    if prev < grid.n_rows - 1:
        out.append(None)
    return out


def _row_label(grid: Grid, r: int) -> str:
    """The row as the file numbers it (a worksheet's row number), else its place in the table."""
    for cell in grid.rows[r]:
        if cell.ref.cell:
            digits = "".join(ch for ch in cell.ref.cell.rsplit("!", 1)[-1] if ch.isdigit())
            if digits:
                return digits
    return str(r + 1)


def table_context(n: int, f: Finding, docs: list[Document], cites: Citations,
                  pictured: set[tuple[int, int]] = frozenset()) -> str:  # type: ignore[assignment]
    """The rebuilt table rows around the finding's cells, cited cells marked and linked back (for a
    PDF page shown as a picture (``pictured``), the picture stands for the table)."""
    grids: dict[tuple[int, int], set[int]] = defaultdict(set)
    for t in f.terms:
        di = doc_index(docs, t.ref)
        if t.ref.table is not None and t.ref.row is not None and (di, t.ref.page) not in pictured:
            grids[(di, t.ref.table)].add(t.ref.row)
    mine = {cell_key(doc_index(docs, t.ref), t.ref) for t in f.terms}
    parts = []
    for (di, ti), rows in sorted(grids.items()):
        grid = next((g for g in docs[di].grids if g.index == ti), None) if di < len(docs) else None
        if grid is None:
            continue
        trs = []
        for r in _rows_around(grid, rows):
            if r is None:
                trs.append(f'<tr class="gap"><td colspan="{grid.n_cols}">⋯</td></tr>')
                continue
            tds = []
            skip = -1
            for c, cell in enumerate(grid.rows[r]):
                if c <= skip:
                    continue
                if cell.origin is not None and cell.origin[0] != r:
                    tds.append("<td></td>")
                    continue
                span = 1
                while c + span < len(grid.rows[r]) and grid.rows[r][c + span].origin == (r, c):
                    span += 1
                skip = c + span - 1
                key = cell_key(di, cell.ref)
                cls, extra, ident = [], "", ""
                if key in mine:
                    cls.append(f"cited {f.severity.label}")
                    extra = f'<span class="backs">{cites.backlinks(key, n)}</span>'
                    ident = f' id="f{n}-{key}"'
                elif key in cites.worst:
                    cls.append("cited-elsewhere")
                    extra = f'<span class="backs">{cites.backlinks(key, n)}</span>'
                text = cell.text.strip()
                if text and text.replace(",", "").replace(".", "").replace("-", "").strip().isdigit():
                    cls.append("num")
                attr = f' class="{" ".join(cls)}"' if cls else ""
                colspan = f' colspan="{span}"' if span > 1 else ""
                tds.append(f"<td{ident}{attr}{colspan}>{esc(cell.text)}{extra}</td>")
            trs.append(f'<tr><th class="rowno">{_row_label(grid, r)}</th>{"".join(tds)}</tr>')
        name = docs[di].path.rsplit("/", 1)[-1]
        parts.append(f'<div class="ctx"><p class="ctx-title">{esc(name)} · 表格 {ti + 1}（节选 excerpt）</p>'
                     f'<table class="grid">{"".join(trs)}</table></div>')
    return "".join(parts)


def paragraph_context(n: int, f: Finding, docs: list[Document]) -> str:
    """The cited paragraphs with only the cited words marked (each mark an anchor)."""
    spans: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for t in f.terms:
        if t.ref.table is None and t.ref.paragraph is not None:
            spans[(doc_index(docs, t.ref), t.ref.paragraph)].append(t.ref.span or (0, 0))
    parts = []
    for (di, pi), marks in sorted(spans.items()):
        para = next((b for b in docs[di].blocks if isinstance(b, Paragraph) and b.index == pi), None) \
            if di < len(docs) else None
        if para is None:
            continue
        text = para.text
        out, pos = [], 0
        for a, b in sorted(set(marks)):
            if a < pos or b <= a:
                continue
            out.append(esc(text[pos:a]))
            out.append(f'<mark class="{f.severity.label}" id="f{n}-d{di}-p{pi}-{a}">{esc(text[a:b])}</mark>')
            pos = b
        out.append(esc(text[pos:]))
        parts.append(f'<blockquote class="para">{"".join(out)}</blockquote>')
    return "".join(parts)
