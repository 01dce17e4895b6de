"""PDF pages as images for the HTML report: rendered with PDFium (pypdfium2, imported only here and
only when a report cites a PDF), in grey, encoded as PNG with the standard library."""

from __future__ import annotations

import base64
import struct
import zlib

import attrs


@attrs.frozen
class PageImage:
    """One rendered page: the PNG as a data URI, its size in pixels and in PDF points."""

    uri: str
    px_width: int
    px_height: int
    pt_width: float
    pt_height: float


def png_gray(width: int, height: int, stride: int, data: bytes) -> bytes:
    """An 8-bit greyscale PNG of ``height`` rows of ``width`` bytes (``stride`` bytes apart)."""
    raw = b"".join(b"\x00" + data[r * stride: r * stride + width] for r in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def render_pages(path: str, pages: set[int], scale: float = 2.0) -> dict[int, PageImage]:
    """The given pages (1-based) of a PDF as images; pages that cannot be rendered are left out
    (the report then shows the figures' locations without the picture, and says so)."""
    import pypdfium2

    out: dict[int, PageImage] = {}
    try:
        pdf = pypdfium2.PdfDocument(path)
    except Exception:  # a file that PDFium cannot open: no pictures, the locations remain
        return out
    try:
        for number in sorted(pages):
            if not 1 <= number <= len(pdf):
                continue
            page = pdf[number - 1]
            try:
                w, h = page.get_size()
                bitmap = page.render(scale=scale, grayscale=True)
                data = bytes(bitmap.buffer)
                png = png_gray(bitmap.width, bitmap.height, bitmap.stride, data)
                uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
                out[number] = PageImage(uri, bitmap.width, bitmap.height, w, h)
            except Exception:  # one page that fails to render does not stop the report
                continue
            finally:
                page.close()
    finally:
        pdf.close()
    return out
