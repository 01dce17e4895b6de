"""PDFium (pypdfium2): a page's characters, ruling edges and images, in upright page coordinates.

What comes out is what the page code was written against (pdfminer/pdfplumber's object dicts), made
from PDFium's text page and page objects instead of a Python interpreter of the content stream:

* a character: ``text``, ``x0``/``x1`` (its advance: PDFium's loose box), ``top``/``bottom`` (the
  font's em box from its descent, as pdfminer makes it: ``bottom`` = baseline less the descent,
  ``top`` = ``bottom`` less the font size), ``base`` (the baseline), ``size`` (the font size times
  the text matrix's vertical scale), ``upright``; characters PDFium generates (spaces and line ends
  it infers) are left out, a glyph with no Unicode mapping is ``(cid:N)`` as pdfminer writes it;
* an edge: each painted path's sub-paths as pdfminer classifies them (a two-point line, an
  axis-aligned closed four-sided rectangle, or a curve through its segment end points), turned
  into horizontal and vertical edges as pdfplumber does (``line_to_edge``, ``rect_to_edges``,
  ``curve_to_edges``);
* an image: its box.

Coordinates are top-down from the top-left corner of the page turned so that its text is upright
(``text_rotation``): a page with ``/Rotate`` over content drawn turned is read as displayed, and a page
whose ``/Rotate`` turns its left-to-right text on its side is read in the text's own direction; either
way the text reads left to right like any other.
"""

from __future__ import annotations

import ctypes
import math
from itertools import pairwise
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pypdfium2 import PdfiumError

_MOVE, _LINE, _BEZIER = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO, raw.FPDF_SEGMENT_BEZIERTO
_PATH, _IMAGE, _FORM = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM

__all__ = ["PageGeometry", "PdfiumError", "open_pdf", "read_page"]

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention: p' = p · m · n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class PageGeometry:
    """The map from PDF user space to upright top-down page coordinates."""

    def __init__(self, page: Any, rotation: int | None = None) -> None:
        x0, y0, x1, y1 = page.get_mediabox()
        self.rotation = (page.get_rotation() if rotation is None else rotation) % 360
        w, h = x1 - x0, y1 - y0
        # the rotation as pdfminer applies it (bottom-up device space), then y flipped
        if self.rotation == 90:
            m: Matrix = (0, -1, 1, 0, -y0, x1)
            self.width, self.height = h, w
        elif self.rotation == 180:
            m = (-1, 0, 0, -1, x1, y1)
            self.width, self.height = w, h
        elif self.rotation == 270:
            m = (0, 1, -1, 0, y1, -x0)
            self.width, self.height = h, w
        else:
            m = (1, 0, 0, 1, -x0, -y0)
            self.width, self.height = w, h
        self.device = m  # user space → bottom-up upright space
        self.to_page = _mul(m, (1, 0, 0, -1, 0, self.height))  # user space → top-down upright space

    def point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.to_page
        return a * x + c * y + e, b * x + d * y + f

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        xa, ya = self.point(left, bottom)
        xb, yb = self.point(right, top)
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def open_pdf(source: str | bytes, password: str | None = None) -> Any:
    """A PDFium document from a file name or the file's bytes."""
    return pdfium.PdfDocument(source, password=password)


def read_page(page: Any) -> tuple[PageGeometry, list[dict[str, Any]], list[dict[str, Any]], list[Box]]:
    """A page's geometry, characters, edges and image boxes, read upright (see ``text_rotation``)."""
    tp = page.get_textpage()
    try:
        geo = PageGeometry(page, text_rotation(tp))
        chars = _chars(tp, geo)
    finally:
        tp.close()
    edges, images = page_objects(page, geo)
    return geo, chars, edges, images


def text_rotation(tp: Any) -> int | None:
    """The rotation that sets most of the page's text upright, whatever ``/Rotate`` says (None: no
    text). ``/Rotate 90`` over content drawn turned 90° is the usual landscape page and comes out
    as ``/Rotate`` says; a ``/Rotate`` set on a page whose text runs left to right (a viewer's
    "rotate and save") would otherwise turn every line on its side."""
    tp = tp.raw
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return None
    mat = raw.FS_MATRIX()
    votes = [0, 0, 0, 0]
    for i in range(0, n, max(1, n // 200)):
        if not raw.FPDFText_GetMatrix(tp, i, mat) or raw.FPDFText_IsGenerated(tp, i):
            continue
        angle = math.degrees(math.atan2(mat.b, mat.a)) % 360
        votes[round(angle / 90) % 4] += 1
    if not any(votes):
        return None
    return 90 * max(range(4), key=lambda k: votes[k])


def page_chars(page: Any, geo: PageGeometry) -> list[dict[str, Any]]:
    """Every character PDFium found on the page (see the module doc)."""
    tp = page.get_textpage()
    try:
        return _chars(tp, geo)
    finally:
        tp.close()


def _page_text(tp: Any, n: int) -> str | None:
    """The text page's characters in one call, one per index (None when they do not map one to one)."""
    buf = ctypes.create_string_buffer(2 * (n + 1))
    got = raw.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: 2 * max(0, got - 1)].decode("utf-16-le", errors="surrogatepass")
    if len(text) != n or any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return None
    return text.replace("\ufffe", "-")  # PDFium marks a hyphen ending a line U+FFFE: it is printed as "-"


def _fast_bindings() -> dict[str, Any] | None:
    """The per-character PDFium functions bound with plain pointer arguments and results (a third
    of the cost of pypdfium2's typed bindings, and a handle that hashes); None when pypdfium2's
    library handle is not where this version keeps it (the typed bindings are used then)."""
    try:
        import pypdfium2_raw.bindings as bindings

        lib = bindings._libs["pdfium"]
    except (ImportError, AttributeError, KeyError):
        return None
    vp, i32, f32 = ctypes.c_void_p, ctypes.c_int, ctypes.c_float
    spec = {
        "FPDFText_GetTextObject": (vp, (vp, i32)),
        "FPDFText_GetLooseCharBox": (i32, (vp, i32, vp)),
        "FPDFText_HasUnicodeMapError": (i32, (vp, i32)),
        "FPDFText_IsGenerated": (i32, (vp, i32)),
        "FPDFText_GetCharOrigin": (i32, (vp, i32, vp, vp)),
        "FPDFTextObj_GetFont": (vp, (vp,)),
        "FPDFFont_GetDescent": (i32, (vp, f32, vp)),
    }
    out: dict[str, Any] = {}
    for name, (restype, argtypes) in spec.items():
        fn = type(getattr(raw, name))((name, lib))
        fn.restype, fn.argtypes = restype, argtypes
        out[name] = fn
    return out


_FAST = _fast_bindings()


def _chars(tp: Any, geo: PageGeometry) -> list[dict[str, Any]]:
    if _FAST is not None:
        return _chars_with(tp, geo, _FAST, fast=True)  # PDFium handles passed as plain addresses
    return _chars_with(tp, geo, {name: getattr(raw, name) for name in (
        "FPDFText_GetTextObject", "FPDFText_GetLooseCharBox", "FPDFText_HasUnicodeMapError", "FPDFText_IsGenerated",
        "FPDFText_GetCharOrigin", "FPDFTextObj_GetFont", "FPDFFont_GetDescent")}, fast=False)


def _chars_with(page_text: Any, geo: PageGeometry, fns: dict[str, Any], fast: bool) -> list[dict[str, Any]]:
    tp = page_text.raw  # the handle itself: pypdfium2's wrapper would be converted on every call
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    text = _page_text(tp, n)
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    desc = ctypes.c_float()
    mat = raw.FS_MATRIX()
    rect_p, ox_p, oy_p, desc_p = (ctypes.byref(v) for v in (rect, ox, oy, desc))
    # per text object, and per font, size and matrix: size, descent, upright
    objects: dict[int | None, tuple[float, float, bool]] = {}
    styles: dict[tuple[Any, ...], tuple[float, float, bool]] = {}
    dev = geo.device
    out: list[dict[str, Any]] = []
    tpa = ctypes.cast(tp, ctypes.c_void_p).value if fast else tp
    is_generated, loose, text_object = fns["FPDFText_IsGenerated"], fns["FPDFText_GetLooseCharBox"], fns["FPDFText_GetTextObject"]
    map_error, origin = fns["FPDFText_HasUnicodeMapError"], fns["FPDFText_GetCharOrigin"]
    get_font, get_descent = fns["FPDFTextObj_GetFont"], fns["FPDFFont_GetDescent"]
    pa, pb, pc, pd, pe, pf = geo.to_page
    for i in range(n):
        ch = text[i] if text is not None else _unicode(tp, i)
        if (ch.isspace() or ch < " ") and is_generated(tpa, i):
            continue
        obj = text_object(tpa, i)
        key = obj if fast else ctypes.cast(obj, ctypes.c_void_p).value
        info = objects.get(key)
        if info is None:
            fs = raw.FPDFText_GetFontSize(tp, i)
            raw.FPDFText_GetMatrix(tp, i, mat)
            font = get_font(obj) if obj else None
            style = (ctypes.cast(font, ctypes.c_void_p).value if font and not fast else font, fs,
                     mat.a, mat.b, mat.c, mat.d)
            info = styles.get(style)
            if info is None:
                m = _mul((mat.a, mat.b, mat.c, mat.d, 0.0, 0.0), dev)
                upright = m[0] * m[3] > 0 and m[1] * m[2] <= 0
                scale = math.hypot(m[2], m[3]) or 1.0
                descent = desc.value * scale if font and get_descent(font, fs, desc_p) else 0.0
                info = styles[style] = (fs * scale, descent, upright)
            objects[key] = info
        size, descent, upright = info
        if map_error(tpa, i) == 1:
            ch = f"(cid:{ord(ch)})"  # a glyph with no Unicode mapping, as pdfminer writes it
        loose(tpa, i, rect_p)
        xa, ya = pa * rect.left + pc * rect.bottom + pe, pb * rect.left + pd * rect.bottom + pf
        xb, yb = pa * rect.right + pc * rect.top + pe, pb * rect.right + pd * rect.top + pf
        x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
        top, bottom = (ya, yb) if ya <= yb else (yb, ya)
        if upright:
            origin(tpa, i, ox_p, oy_p)
            ux, uy = ox.value, oy.value
            px, base = pa * ux + pc * uy + pe, pb * ux + pd * uy + pf
            if abs(x0 - px) >= 0.01:
                # the loose box is the advance, except for a font PDFium has no metrics for (then it
                # is the glyph's box): the character starts at its origin
                x0 = px
                x1 = max(x1, x0)
            bottom = base - descent
            top = bottom - size
        else:
            base = bottom
        out.append({"text": ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "base": base,
                    "size": size, "upright": upright})
    return out


def _unicode(tp: Any, i: int) -> str:
    u = raw.FPDFText_GetUnicode(tp, i)
    if u in (2, 0xFFFE):
        return "-"  # a hyphen ending a line, as PDFium marks it
    try:
        return chr(u)
    except ValueError:
        return "\ufffd"


# --------------------------------------------------------------------------------------------------
# Page objects: paths as edges, images as boxes
# --------------------------------------------------------------------------------------------------


def page_objects(page: Any, geo: PageGeometry) -> tuple[list[dict[str, Any]], list[tuple[float, float, float, float]]]:
    """The page's ruling edges (pdfplumber's edge dicts) and image boxes, forms followed."""
    edges: list[dict[str, Any]] = []
    images: list[tuple[float, float, float, float]] = []
    handle = page.raw
    n = raw.FPDFPage_CountObjects(handle)
    _walk([raw.FPDFPage_GetObject(handle, i) for i in range(n)], geo.to_page, edges, images, 0)
    return edges, images


def _matrix(obj: Any, m: Any) -> Matrix:
    raw.FPDFPageObj_GetMatrix(obj, m)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _walk(objs: list[Any], ctm: Matrix, edges: list[dict[str, Any]], images: list[tuple[float, float, float, float]],
          depth: int) -> None:
    m = raw.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in objs:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == _PATH:
            if not raw.FPDFPath_GetDrawMode(obj, fill, stroke) or (fill.value == 0 and not stroke.value):
                continue  # not painted (a clipping path)
            t = _mul(_matrix(obj, m), ctm)
            segs = []
            for k in range(raw.FPDFPath_CountSegments(obj)):
                seg = raw.FPDFPath_GetPathSegment(obj, k)
                raw.FPDFPathSegment_GetPoint(seg, x, y)
                px, py = x.value, y.value
                segs.append((raw.FPDFPathSegment_GetType(seg), t[0] * px + t[2] * py + t[4],
                             t[1] * px + t[3] * py + t[5], bool(raw.FPDFPathSegment_GetClose(seg))))
            _path_edges(segs, edges)
        elif kind == _IMAGE:
            t = _mul(_matrix(obj, m), ctm)
            corners = [(t[0] * u + t[2] * v + t[4], t[1] * u + t[3] * v + t[5]) for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            images.append((min(xs), min(ys), max(xs), max(ys)))
        elif kind == _FORM and depth < 32:
            t = _mul(_matrix(obj, m), ctm)
            n = raw.FPDFFormObj_CountObjects(obj)
            _walk([raw.FPDFFormObj_GetObject(obj, i) for i in range(n)], t, edges, images, depth + 1)


def _path_edges(segs: list[tuple[int, float, float, bool]], edges: list[dict[str, Any]]) -> None:
    """Sub-paths in pdfminer's shape notation (m, l, c for a Bézier's end point, h for a close),
    each classified and turned into edges."""
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    bez = 0
    for kind, px, py, close in segs:
        p = (px, py)
        if kind == _MOVE:
            if shape:
                _subpath("".join(shape), pts, edges)
            shape, pts, bez = ["m"], [p], 0
        elif kind == _LINE:
            shape.append("l")
            pts.append(p)
        elif kind == _BEZIER:
            bez += 1
            if bez % 3 == 0:  # the end point of a curve; its two control points are not on it
                shape.append("c")
                pts.append(p)
        if close and shape:
            shape.append("h")
            pts.append(pts[0])
    if shape:
        _subpath("".join(shape), pts, edges)


def _subpath(shape: str, pts: list[tuple[float, float]], edges: list[dict[str, Any]]) -> None:
    if not shape.startswith("m") or len(pts) < 2:
        return
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-1]
    if shape in ("mlh", "ml"):
        (xa, ya), (xb, yb) = pts[0], pts[1]
        x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
        edges.append(_edge("line", x0, top, x1, bottom, "h" if top == bottom else "v"))
        return
    if shape in ("mlllh", "mllll") and len(pts) >= 5:
        (xa, ya), (xb, yb), (xc, yc), (xd, yd) = pts[:4]
        closed = pts[0] == pts[4]
        square = (xa == xb and yb == yc and xc == xd and yd == ya) or (ya == yb and xb == xc and yc == yd and xd == xa)
        if closed and square:
            x0, x1 = min(xa, xb, xc, xd), max(xa, xb, xc, xd)
            top, bottom = min(ya, yb, yc, yd), max(ya, yb, yc, yd)
            edges.append(_edge("rect_edge", x0, top, x1, top, "h"))
            edges.append(_edge("rect_edge", x0, bottom, x1, bottom, "h"))
            edges.append(_edge("rect_edge", x0, top, x0, bottom, "v"))
            edges.append(_edge("rect_edge", x1, top, x1, bottom, "v"))
            return
    for (xa, ya), (xb, yb) in pairwise(pts):
        orient = "v" if xa == xb else ("h" if ya == yb else None)
        if orient is not None:
            edges.append(_edge("curve_edge", min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb), orient))


def _edge(kind: str, x0: float, top: float, x1: float, bottom: float, orient: str) -> dict[str, Any]:
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": orient}
