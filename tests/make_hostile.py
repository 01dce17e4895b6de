"""Build a corpus of broken and hostile input files, each with the reason code it must be refused with.

Everything is built here, from the samples and from nothing; nothing is downloaded and nothing large
is written: a zip bomb is a few hundred KB on disk (hundreds of MB once inflated), a cell bomb is
checked against a lowered cell limit (``HOSTILE_LIMITS``) rather than the default one.

Run it as a script to write the corpus and a ``manifest.json`` (file name → expected reason)::

    python tests/make_hostile.py /tmp/hostile

or import it: ``build_corpus(folder)`` writes every file and returns the ``Hostile`` cases with the
paths they were written to. Besides the refused files there are readable ones whose content a
careless reader drops in silence (``readable_cases``/``build_readable``: a table in ``w:customXml``
or in a text box, Excel error values and NaN in a 合计 row, a cell addressed A0, a missing sheet,
an unread line labelled by a comma-grouped figure), written to ``FOLDER/readable`` by the script;
and entries that are not regular files (a FIFO, a link to /dev/zero, a link loop, a dangling link).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import attrs

from jueSuan.readers.safety import InputLimits

ROOT = Path(__file__).resolve().parent.parent

SAMPLES = ROOT / "samples"

#: The limits the corpus is read under: the default ones, except a cell limit and a page limit low
#: enough that a file of 200,000 cells or 25 pages is over them (no huge file is needed).
HOSTILE_LIMITS = InputLimits(max_file_mb=200, max_unzipped_mb=512, max_ratio=200, max_members=10_000,
                             max_cells=100_000, max_pages=20)

#: The environment that sets ``HOSTILE_LIMITS`` in a subprocess (the CLI reads limits from it).
HOSTILE_ENV = {"JUESUAN_MAX_CELLS": str(HOSTILE_LIMITS.max_cells), "JUESUAN_MAX_PAGES": str(HOSTILE_LIMITS.max_pages)}

#: Where the external-entity cases point: its content must never show up in any text read.
XXE_TARGET = "/etc/passwd"


@attrs.frozen
class Hostile:
    """One corpus file: its name, the reason code reading it must end with, and how it is built."""

    name: str
    reason: str
    build: Callable[[Path], None]
    what: str
    max_mb: int = 0  # a bomb: the memory reading it may add, in MB, measured in a child process (0: not one)
    cli: bool = False  # in the subset also run through the command line

    @property
    def bomb(self) -> bool:
        return self.max_mb > 0


# --------------------------------------------------------------------------------------------------
# Zip packages
# --------------------------------------------------------------------------------------------------


def write_zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _deflated_zeros(size: int, chunk: int = 1 << 20, fill: bytes = b"\0") -> tuple[bytes, int]:
    """Raw deflate data of ``size`` bytes of ``fill`` and its CRC-32, built in a fraction of a second:
    a full flush resets the compressor, so every 1 MB chunk compresses to the same bytes."""
    assert size % chunk == 0
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = fill * chunk
    block = c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(size // chunk):
        crc = zlib.crc32(data, crc)
    return block * (size // chunk) + tail, crc


def _zlib_stream(prefix: bytes, size: int, fill: bytes = b" ", good_checksum: bool = True) -> bytes:
    """A zlib stream (header, deflate data, Adler-32) of ``prefix`` then ``size`` bytes of ``fill``."""
    chunk = 1 << 20
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = fill * chunk
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush(zlib.Z_FINISH)
    adler = zlib.adler32(prefix)
    for _ in range(size // chunk):
        adler = zlib.adler32(data, adler)
    if not good_checksum:
        adler ^= 0xFFFF
    return b"\x78\xda" + head + block * (size // chunk) + tail + struct.pack(">I", adler)


def write_raw_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> None:
    """A zip written by hand from already deflated members ``(name, data, crc, declared size,
    method)``: the declared (uncompressed) size is whatever the caller says, true or not."""
    out = io.BytesIO()
    central = []
    for name, data, crc, size, method in members:
        offset = out.tell()
        raw_name = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size,
                              len(raw_name), 0))
        out.write(raw_name)
        out.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data),
                                   size, len(raw_name), 0, 0, 0, 0, 0, offset) + raw_name)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    path.write_bytes(out.getvalue())


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


# --------------------------------------------------------------------------------------------------
# Minimal Word and Excel packages
# --------------------------------------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def document_xml(body: str, doctype: str = "") -> bytes:
    """A ``word/document.xml`` around ``body`` (``w:`` elements), with an optional DOCTYPE."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
            f'<w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body></w:document>').encode()


def minimal_docx(document: bytes) -> dict[str, bytes]:
    return {"[Content_Types].xml": _DOCX_TYPES.encode(), "_rels/.rels": _DOCX_RELS.encode(),
            "word/document.xml": document}


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _tbl(rows: list[list[str]]) -> str:
    """A table; each cell is raw ``w:`` content (paragraphs, tables)."""
    return "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc>{c}</w:tc>" for c in row) + "</w:tr>" for row in rows) + "</w:tbl>"


def _nested_tables(depth: int) -> str:
    inner = _p(f"第{depth}层")
    for level in range(depth, 0, -1):
        inner = _tbl([[_p(f"层{level}"), inner + _p("")]])  # a cell must end with a paragraph
    return inner


def _cell_bomb_docx(n_rows: int, n_cols: int) -> bytes:
    row = "<w:tr>" + "<w:tc><w:p/></w:tc>" * n_cols + "</w:tr>"
    return document_xml(_p("表") + "<w:tbl>" + row * n_rows + "</w:tbl>" + _p(""))


def _span_bomb_docx(prop: str) -> bytes:
    """A cell spanning (or a row starting after) a billion grid columns."""
    if prop == "gridSpan":
        tc = '<w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr><w:p/></w:tc>'
        return document_xml(f"<w:tbl><w:tr>{tc}</w:tr></w:tbl>" + _p(""))
    return document_xml('<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1000000000"/></w:trPr>'
                        "<w:tc><w:p/></w:tc></w:tr></w:tbl>" + _p(""))


def _ragged_docx() -> bytes:
    """A first row of 40,000 cells, then 40,000 rows of one: 80,000 cells, 1.6 billion once padded."""
    wide = "<w:tr>" + "<w:tc><w:p/></w:tc>" * 40_000 + "</w:tr>"
    narrow = "<w:tr><w:tc><w:p/></w:tc></w:tr>" * 40_000
    return document_xml("<w:tbl>" + wide + narrow + "</w:tbl>" + _p(""))


_LAUGHS = "".join(
    f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' if i else '<!ENTITY lol0 "lol">' for i in range(10))


def _billion_laughs_doctype(root: str) -> str:
    return f"<!DOCTYPE {root} [{_LAUGHS}]>"


def _xxe_doctype(root: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file://{XXE_TARGET}">]>'


_SSML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)


def minimal_xlsx(rows: list[list[str | float]]) -> dict[str, bytes]:
    """A one-sheet workbook written by hand, its strings in ``xl/sharedStrings.xml`` (as Excel
    writes them; openpyxl writes inline strings)."""
    strings: list[str] = []
    cells = []
    for r, row in enumerate(rows, start=1):
        out = []
        for c, value in enumerate(row):
            ref = f"{'ABCDEFGHIJ'[c]}{r}"
            if isinstance(value, str):
                strings.append(value)
                out.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
            else:
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
        cells.append(f'<row r="{r}">{"".join(out)}</row>')
    decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    return {
        "[Content_Types].xml": _XLSX_TYPES.encode(),
        "_rels/.rels": (decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        '<Relationship Id="rId1" Type="' + _REL + '/officeDocument" Target="xl/workbook.xml"/>'
                        "</Relationships>").encode(),
        "xl/workbook.xml": (decl + f'<workbook xmlns="{_SSML}" xmlns:r="{_REL}"><sheets>'
                            '<sheet name="表一" sheetId="1" r:id="rId1"/></sheets></workbook>').encode(),
        "xl/_rels/workbook.xml.rels": (
            decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="' + _REL + '/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="' + _REL + '/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>").encode(),
        "xl/worksheets/sheet1.xml": (decl + f'<worksheet xmlns="{_SSML}"><sheetData>{"".join(cells)}</sheetData>'
                                     "</worksheet>").encode(),
        "xl/sharedStrings.xml": (decl + f'<sst xmlns="{_SSML}" count="{len(strings)}" uniqueCount="{len(strings)}">'
                                 + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>").encode(),
    }


def _sheet_xlsx(path: Path, sheet_data: str, merges: tuple[str, ...] = ()) -> None:
    """A workbook whose one sheet holds ``sheet_data`` (``row`` elements) and ``merges``."""
    members = minimal_xlsx([["x"]])
    merge_xml = (f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges)
                 + "</mergeCells>") if merges else ""
    members["xl/worksheets/sheet1.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_SSML}">'
                                           f"<sheetData>{sheet_data}</sheetData>{merge_xml}</worksheet>").encode()
    write_zip(path, members)


def _merge_bomb_xlsx(path: Path) -> None:
    """Text in the first and the last cell of a sheet, and one merge over all 17 billion between."""
    _sheet_xlsx(path, '<row r="1"><c r="A1" t="inlineStr"><is><t>合计</t></is></c></row>'
                      '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', ("A1:XFD1048576",))


def _wide_tall_xlsx(path: Path) -> None:
    """20,000 rows with a figure in column A, and one text in column XFD: one grid of 300 million."""
    rows = ['<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>']
    rows += [f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, 20_001)]
    _sheet_xlsx(path, "".join(rows))


def _xls(path: Path, cells: list[tuple[int, int, object]]) -> None:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("表一")
    for r, c, v in cells:
        ws.write(r, c, v)
    wb.save(str(path))


_SMALL_ROWS: list[list[str | float]] = [["项目", "金额"], ["甲", 1.5], ["乙", 2.25]]


def _xlsx_without(part: str) -> dict[str, bytes]:
    members = minimal_xlsx(_SMALL_ROWS)
    del members[part]
    return members


def _patched_xlsx(path: Path, part: str, patch: Callable[[bytes], bytes]) -> None:
    members = minimal_xlsx(_SMALL_ROWS)
    members[part] = patch(members[part])
    write_zip(path, members)


def _with_doctype(xml: bytes, doctype: str) -> bytes:
    """``xml`` with ``doctype`` inserted after its XML declaration."""
    head, sep, rest = xml.partition(b"?>")
    if not sep:
        return doctype.encode() + xml
    return head + sep + doctype.encode() + rest


def _xlsx_shared_strings_xxe(xml: bytes) -> bytes:
    xml = _with_doctype(xml, _xxe_doctype("sst"))
    return xml.replace("甲".encode(), b"&xxe;", 1)


def _xlsx_sheet_laughs(xml: bytes) -> bytes:
    xml = _with_doctype(xml, _billion_laughs_doctype("worksheet"))
    # an inline string cell holding the bomb
    return xml.replace(b"</sheetData>", b'<row r="9"><c r="A9" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
                                         b"</sheetData>", 1)


# --------------------------------------------------------------------------------------------------
# OLE compound files (the container of .doc, .xls and of encrypted Office files)
# --------------------------------------------------------------------------------------------------

_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding ``streams`` (each padded
    to 4096 bytes, so that no mini stream is needed); at most three streams."""
    assert 0 < len(streams) <= 3
    datas = [(name, data.ljust(4096, b"\0")) for name, data in streams.items()]
    fat: list[int] = [_FATSECT, _END]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for _, data in datas:
        n = -(-len(data) // 512)
        start = len(fat)
        starts.append(start)
        fat.extend(range(start + 1, start + n))
        fat.append(_END)
    assert len(fat) <= 128, "one FAT sector only"
    fat.extend([_FREE] * (128 - len(fat)))

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), kind, 1, left, right, child)
                + bytes(16) + bytes(4) + bytes(16) + struct.pack("<IQ", start, size))

    # directory: the root, then the streams as a chain of right siblings (names in ascending order
    # of length, then upper case, as the format compares them)
    order = sorted(range(len(datas)), key=lambda i: (len(datas[i][0]), datas[i][0].upper()))
    directory = [entry("Root Entry", 5, _NOSTREAM, _NOSTREAM, order[0] + 1, _END, 0)]
    for i, (name, data) in enumerate(datas):
        k = order.index(i)
        right = order[k + 1] + 1 if k + 1 < len(order) else _NOSTREAM
        directory.append(entry(name, 2, _NOSTREAM, right, _NOSTREAM, starts[i], len(data)))
    while len(directory) < 4:
        directory.append(bytes(64) + struct.pack("<HBBIII", 0, 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM) + bytes(48))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
              + struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108)
    assert len(header) == 512
    body = struct.pack("<128I", *fat) + b"".join(directory)
    for _, data in datas:
        body += data.ljust(-(-len(data) // 512) * 512, b"\0")
    return header + body


def _encrypted_office() -> bytes:
    """What Office saves for a password-protected .docx/.xlsx: an OLE file with the encryption
    header and the encrypted package (here: random-looking bytes)."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\"/>"
    package = struct.pack("<Q", 20000) + bytes((i * 73 + 41) % 256 for i in range(8192))
    return ole_file({"EncryptionInfo": info, "EncryptedPackage": package})


# --------------------------------------------------------------------------------------------------
# PDFs
# --------------------------------------------------------------------------------------------------


def _pdf_pages(path: Path, n: int, **canvas_kw: object) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), **canvas_kw)  # type: ignore[arg-type]
    for i in range(n):
        c.drawString(72, 720, f"Page {i + 1}: some text")
        c.showPage()
    c.save()


def _encrypted_pdf(path: Path) -> None:
    from reportlab.lib import pdfencrypt

    _pdf_pages(path, 1, encrypt=pdfencrypt.StandardEncryption("user-secret", ownerPassword="owner-secret"))


def _scanned_pdf(path: Path) -> None:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(img)
    for y in range(100, 700, 40):  # what a scanned table looks like: rules, no text
        draw.line((50, y, 550, y), fill=0, width=2)
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(img), 0, 0, width=595, height=842)
    c.showPage()
    c.save()


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF written by hand: ``objects`` are the bodies of objects 1, 2, ... (1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_TEXT_OPS = b"BT /F1 12 Tf 72 720 Td (Hello, a page of text) Tj ET\n"


def _one_page_pdf(contents: bytes, resources: bytes = b"/Font << /F1 5 0 R >>", more: list[bytes] | None = None) -> bytes:
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << %s >> >>" % resources,
        contents,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(more or []),
    ])


def _flate_bomb_pdf() -> bytes:
    """A page whose content stream is a line of text and then 1 GB of spaces, in about 1 MB."""
    return _one_page_pdf(_stream(_zlib_stream(_TEXT_OPS, 1 << 30), b"/Filter /FlateDecode"))


def _corrupt_stream_pdf() -> bytes:
    """A page whose content stream (text, then 32 MB of spaces) fails its checksum: pdfminer then
    inflates it again a byte at a time."""
    return _one_page_pdf(_stream(_zlib_stream(_TEXT_OPS, 32 << 20, good_checksum=False), b"/Filter /FlateDecode"))


def _xobject_loop_pdf() -> bytes:
    """A form XObject that draws itself."""
    form = _stream(b"/X1 Do\n" + _TEXT_OPS,
                   b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X1 6 0 R >> "
                   b"/Font << /F1 5 0 R >> >>")
    return _one_page_pdf(_stream(_TEXT_OPS + b"/X1 Do\n"), b"/Font << /F1 5 0 R >> /XObject << /X1 6 0 R >>", [form])


_FIGURE = b"10 10 5 5 re f\n"


def _form_reuse_pdf(figures: int = 1_000, draws: int = 10_000) -> bytes:
    """One form of ``figures`` filled rectangles drawn ``draws`` times by the page: about 100 KB on
    disk, 10 million page objects once PDFium has parsed the page."""
    form = _stream(zlib.compress(_FIGURE * figures, 9), b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                                                          b"/Filter /FlateDecode")
    page = _stream(zlib.compress(_TEXT_OPS + b"/Fm Do\n" * draws, 9), b"/Filter /FlateDecode")
    return _one_page_pdf(page, b"/Font << /F1 5 0 R >> /XObject << /Fm 6 0 R >>", [form])


def _contents_reuse_pdf(figures: int = 2_000, times: int = 5_000) -> bytes:
    """A page whose ``/Contents`` lists one content stream (text and ``figures`` rectangles) ``times`` times."""
    stream = _stream(zlib.compress(_TEXT_OPS + _FIGURE * figures, 9), b"/Filter /FlateDecode")
    contents = b"[" + b" 4 0 R" * times + b" ]"
    pdf = _one_page_pdf(stream)
    return pdf.replace(b"/Contents 4 0 R", b"/Contents " + contents, 1)  # offsets after it shift: PDFium rebuilds the xref


def _zeros_pdf(path: Path, size: int = 190 << 20) -> None:
    """A 190 MB PDF of zeros between its header and its end marker, written sparse (no disk used)."""
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(size - 7)
        fh.seek(size - 7)
        fh.write(b"\n%%EOF\n")


def count_lie_pdf(path: Path, count: int = 999_999) -> None:
    """The Songjiang sample whose page tree says ``/Count {count}`` over its 11 real pages."""
    data = (SAMPLES / "songjiang-2020.pdf").read_bytes()
    new = re.sub(rb"/Count 11(?=\D)", b"/Count %d" % count, data, count=1)
    assert new != data, "the sample's page tree has changed: /Count 11 not found"
    path.write_bytes(new)


def rotated_pdf(src: Path, path: Path, how: str = "set") -> None:
    """``src`` with every page turned 90°. ``how="set"``: ``/Rotate 90`` set over the unchanged,
    left-to-right content (a viewer's "rotate and save": shown on its side); ``"drawn"``: the content
    drawn turned on a landscape page with ``/Rotate 90`` (a landscape page shown upright)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(src))
    if how == "set":
        for i in range(len(doc)):
            doc[i].set_rotation(90)
        doc.save(str(path))
        return
    dest = pdfium.PdfDocument.new()
    for i in range(len(doc)):
        w, h = doc[i].get_size()
        xobject = doc.page_as_xobject(i, dest)
        page = dest.new_page(h, w)
        obj = xobject.as_pageobject()
        obj.transform(pdfium.PdfMatrix(0, 1, -1, 0, h, 0))
        page.insert_obj(obj)
        page.gen_content()
        page.set_rotation(90)
    dest.save(str(path))


# --------------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------------


def _bytes(data: bytes | Callable[[], bytes]) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        path.write_bytes(data() if callable(data) else data)

    return build


def _cut(sample: str, fraction: float | None = None, at: int | None = None) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        data = (SAMPLES / sample).read_bytes()
        n = at if at is not None else int(len(data) * (fraction or 0))
        path.write_bytes(data[: n if n >= 0 else len(data) + n])

    return build


def _zip_of(members: dict[str, bytes]) -> Callable[[Path], None]:
    return lambda path: write_zip(path, members)


def _docx_of(document: bytes | Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda path: write_zip(path, minimal_docx(document() if callable(document) else document))


def _zip_bomb_one_member(part: str, others: dict[str, bytes]) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        data, crc = _deflated_zeros(400 << 20)  # 400 MB of zeros in ~400 KB
        members = [(n, _deflate(d), zlib.crc32(d), len(d), 8) for n, d in others.items()]
        members.append((part, data, crc, 400 << 20, 8))
        write_raw_zip(path, members)

    return build


def _zip_bomb_many_members(first: dict[str, bytes], n: int = 20_000) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        empty = _deflate(b"")
        members = [(name, _deflate(d), zlib.crc32(d), len(d), 8) for name, d in first.items()]
        members += [(f"x/{i}.xml", empty, 0, 0, 8) for i in range(n)]
        write_raw_zip(path, members)

    return build


def _lying_zip(part: str, others: dict[str, bytes]) -> Callable[[Path], None]:
    """A member that says it is 4 KB and inflates to 400 MB: nothing may trust the declared size."""
    def build(path: Path) -> None:
        data, _ = _deflated_zeros(400 << 20)
        members = [(n, _deflate(d), zlib.crc32(d), len(d), 8) for n, d in others.items()]
        members.append((part, data, zlib.crc32(bytes(4096)), 4096, 8))
        write_raw_zip(path, members)

    return build


_XLSX_SKELETON = {
    "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                           b'package/2006/content-types"/>',
    "xl/workbook.xml": b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
                       b'spreadsheetml/2006/main"/>',
}
_DOCX_SKELETON = {"[Content_Types].xml": _DOCX_TYPES.encode(), "_rels/.rels": _DOCX_RELS.encode()}


def _no_tables_docx(path: Path) -> None:
    from jueSuan.fixtures.word import write_docx

    write_docx(path, ["上海市松江区某单位2020年度部门决算", "第一部分 单位概况", "本单位主要职能是……（没有任何表格）"])


def _unrecognised_docx(path: Path) -> None:
    from jueSuan.fixtures.word import write_docx

    write_docx(path, ["会议签到表", [["序号", "姓名", "人数"], ["1", "张三", "12.00"], ["2", "李四", "3.50"]]])


def _html() -> bytes:
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>部门决算</title></head><body>"
            "<table><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>3,998.79</td></tr></table>"
            "</body></html>").encode()


_TEXT = "上海市松江区2020年度部门决算\n这是一个纯文本文件，不是 Office 文档。\n".encode()


def _xxe_docx_document(how: str = "entity") -> bytes:
    """An external entity to ``XXE_TARGET`` used in a paragraph and a table cell; or the target named
    as the external DTD (``dtd``), or loaded as a parameter entity (``parameter``)."""
    body = (_p("外部实体：&xxe;") + _tbl([[_p("项目"), _p("金额")], [_p("&xxe;"), _p("1.00")]]) + _p(""))
    if how == "dtd":
        return document_xml(body.replace("&xxe;", ""), f'<!DOCTYPE w:document SYSTEM "file://{XXE_TARGET}">')
    if how == "parameter":
        return document_xml(body, f'<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file://{XXE_TARGET}"> %p;]>')
    return document_xml(body, _xxe_doctype("w:document"))


def _laughs_docx_document() -> bytes:
    body = _p("&lol9;") + _tbl([[_p("项目"), _p("金额")], [_p("&lol9;"), _p("1.00")]]) + _p("")
    return document_xml(body, _billion_laughs_doctype("w:document"))


# --------------------------------------------------------------------------------------------------
# Not regular files, and reuse
# --------------------------------------------------------------------------------------------------


def _fifo(path: Path) -> None:
    """A named pipe: opening it for reading blocks until a writer comes (forever)."""
    import os

    os.mkfifo(path)


def _symlink(target: str | None) -> Callable[[Path], None]:
    """A symbolic link to ``target`` (``None``: to itself, a loop)."""
    def build(path: Path) -> None:
        path.symlink_to(path if target is None else target)

    return build


def _shared_string_reuse_xlsx(path: Path, n_cells: int = 5_000, size: int = 1 << 20) -> None:
    """5,000 cells pointing at one 1 MB shared string: a few KB on disk, 5 GB of printed text."""
    members = minimal_xlsx([["项目", "金额"]])
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, n_cells + 1))
    members["xl/worksheets/sheet1.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_SSML}">'
                                           f"<sheetData>{rows}</sheetData></worksheet>").encode()
    members["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_SSML}" count="1" '
                                       f'uniqueCount="1"><si><t>{"合" * (size // 3)}</t></si></sst>').encode()
    write_zip(path, members)


def _no_sheet_parts_xlsx(path: Path) -> None:
    """A workbook listing a sheet whose part is missing from the package, and no other sheet."""
    members = minimal_xlsx(_SMALL_ROWS)
    del members["xl/worksheets/sheet1.xml"]
    write_zip(path, members)


# --------------------------------------------------------------------------------------------------
# Readable files whose content a careless reader drops (``readable_cases``): built from the samples
# --------------------------------------------------------------------------------------------------

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_VML = "urn:schemas-microsoft-com:vml"


def _patch_zip(sample: str, part: str, patch: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        with zipfile.ZipFile(SAMPLES / sample) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                zout.writestr(info.filename, patch(data) if info.filename == part else data)

    return build


def _docx_tables_patched(how: str) -> Callable[[bytes], bytes]:
    """Patch ``word/document.xml`` of a sample: ``customxml`` wraps the body's 2nd table in
    ``w:customXml`` and the rows of its 3rd in ``w:customXml`` (row level); ``textbox`` moves its 2nd
    table into a text box drawn twice (a DrawingML choice and its VML fallback, as Word saves it),
    and its 3rd into a VML-only text box."""
    from lxml import etree

    def patch(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        w = f"{{{_W_NS}}}"
        body = root.find(f"{w}body")
        tables = body.findall(f"{w}tbl")
        second, third = tables[1], tables[2]
        if how == "customxml":
            wrap = etree.Element(f"{w}customXml", {f"{w}element": "table"})
            second.addprevious(wrap)
            wrap.append(second)
            for tr in third.findall(f"{w}tr"):
                row_wrap = etree.Element(f"{w}customXml", {f"{w}element": "row"})
                tr.addprevious(row_wrap)
                row_wrap.append(tr)
        else:
            for tbl, fallback in ((second, True), (third, False)):
                p = etree.Element(f"{w}p")
                tbl.addprevious(p)
                run = etree.SubElement(p, f"{w}r")
                box_copy = etree.fromstring(etree.tostring(tbl))
                if fallback:
                    alt = etree.SubElement(run, f"{{{_MC}}}AlternateContent", nsmap={"mc": _MC})
                    choice = etree.SubElement(alt, f"{{{_MC}}}Choice", Requires="wps")
                    drawing = etree.SubElement(choice, f"{w}drawing")
                    shape = etree.SubElement(drawing, f"{{{_WPS}}}wsp", nsmap={"wps": _WPS})
                    holder = etree.SubElement(shape, f"{{{_WPS}}}txbx")
                    vml_parent = etree.SubElement(alt, f"{{{_MC}}}Fallback")
                else:
                    holder, vml_parent = None, run
                pict = etree.SubElement(vml_parent, f"{w}pict")
                vshape = etree.SubElement(pict, f"{{{_VML}}}shape", nsmap={"v": _VML})
                vbox = etree.SubElement(vshape, f"{{{_VML}}}textbox")
                for parent, table in ((holder, tbl), (vbox, box_copy if fallback else tbl)):
                    if parent is None:
                        continue
                    content = etree.SubElement(parent, f"{w}txbxContent")
                    content.append(table)
                    etree.SubElement(content, f"{w}p")
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return patch


def _sheet3(*subs: tuple[str, str]) -> Callable[[bytes], bytes]:
    """Replace text in a part: cells of the 收入决算表 sheet of the .xlsx sample (its 合计 row is row 6)."""
    def patch(xml: bytes) -> bytes:
        text = xml.decode()
        for old, new in subs:
            assert old in text, old
            text = text.replace(old, new, 1)
        return text.encode()

    return patch


def _drop_member(sample: str, part: str) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        with zipfile.ZipFile(SAMPLES / sample) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                if info.filename != part:
                    zout.writestr(info.filename, zin.read(info.filename))

    return build


@attrs.frozen
class Readable:
    """A readable file that holds something easily lost; ``test_hostile_readable`` checks it is not."""

    name: str
    build: Callable[[Path], None]
    what: str
    like: str  # the sample it is made from: what it must read as (tables, findings) unless ``what`` says


_C6, _D6 = '<c r="C6" s="11" t="n"><v>3998.79</v></c>', '<c r="D6" s="11" t="n"><v>3998.79</v></c>'


def readable_cases() -> list[Readable]:
    docx_sample, xlsx_sample = "songjiang-2020.docx", "songjiang-2020.xlsx"
    return [
        Readable("customxml.docx", _patch_zip(docx_sample, "word/document.xml", _docx_tables_patched("customxml")),
                 "a table wrapped in w:customXml, another with each row wrapped", docx_sample),
        Readable("textbox.docx", _patch_zip(docx_sample, "word/document.xml", _docx_tables_patched("textbox")),
                 "a table in a text box drawn twice (DrawingML + VML fallback), another in a VML text box",
                 docx_sample),
        Readable("error-total.xlsx", _patch_zip(xlsx_sample, "xl/worksheets/sheet3.xml", _sheet3(
            (_C6, '<c r="C6" s="11" t="e"><v>#DIV/0!</v></c>'), (_D6, '<c r="D6" s="11" t="e"><v>#REF!</v></c>'))),
                 "#DIV/0! and #REF! in the 合计 row of 收入决算表 (C6, D6)", xlsx_sample),
        Readable("nan-total.xlsx", _patch_zip(xlsx_sample, "xl/worksheets/sheet3.xml", _sheet3(
            (_C6, '<c r="C6" s="11"><v>NaN</v></c>'), (_D6, '<c r="D6" s="11"><v>INF</v></c>'))),
                 "NaN and INF in the 合计 row of 收入决算表 (C6, D6)", xlsx_sample),
        Readable("a0.xlsx", _patch_zip(xlsx_sample, "xl/worksheets/sheet3.xml",
                                       _sheet3(('<c r="A1" s="8"', '<c r="A0" s="8"'))),
                 "the title of 收入决算表 in a cell addressed A0", xlsx_sample),
        Readable("missing-sheet.xlsx", _drop_member(xlsx_sample, "xl/worksheets/sheet3.xml"),
                 "收入决算表 listed in the workbook, its part missing", xlsx_sample),
        Readable("unread-line.docx", _patch_zip(docx_sample, "word/document.xml", _sheet3(
            ("一、一般公共预算财政拨款收入", "某某神秘款项"))),
                 "a line of 收入支出决算总表 whose label is not recognised: its figure 3,998.79 is listed unplaced",
                 docx_sample),
    ]


def build_readable(folder: Path) -> list[tuple[Readable, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for case in readable_cases():
        path = folder / case.name
        case.build(path)
        written.append((case, path))
    return written


def cases() -> list[Hostile]:
    """Every corpus file, in the order it is written."""
    docx_sample, xlsx_sample = "songjiang-2020.docx", "songjiang-2020.xlsx"
    xls_sample, pdf_sample = "songjiang-2020.xls", "songjiang-2020.pdf"
    out = [
        # not what the name says
        Hostile("text.docx", "wrong-format", _bytes(_TEXT), "a text file named .docx", cli=True),
        Hostile("text.xlsx", "wrong-format", _bytes(_TEXT), "a text file named .xlsx"),
        Hostile("text.xls", "wrong-format", _bytes(_TEXT), "a text file named .xls"),
        Hostile("text.pdf", "wrong-format", _bytes(_TEXT), "a text file named .pdf"),
        Hostile("html.xls", "wrong-format", _bytes(_html), "an HTML page saved as .xls (a web export)", cli=True),
        Hostile("html.xlsx", "wrong-format", _bytes(_html), "an HTML page saved as .xlsx"),
        Hostile("html.docx", "wrong-format", _bytes(_html), "an HTML page saved as .docx"),
        Hostile("zip-not-office.docx", "wrong-format", _zip_of({"readme.txt": b"hello", "data/a.csv": b"1,2"}),
                "a zip that is not a Word package"),
        Hostile("zip-not-office.xlsx", "wrong-format", _zip_of({"readme.txt": b"hello"}),
                "a zip that is not an Excel package"),
        Hostile("binary-workbook.xlsx", "wrong-format",
                _zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00",
                         "xl/worksheets/sheet1.bin": b"\0"}),
                "an .xlsb (binary workbook) named .xlsx"),
        Hostile("word-named.xlsx", "wrong-format", _zip_of(minimal_docx(document_xml(_p("x")))),
                "a Word package named .xlsx"),
        Hostile("word-doc-named.xls", "wrong-format", _bytes(lambda: ole_file({"WordDocument": b"\xec\xa5" + bytes(600)})),
                "a legacy Word .doc (OLE, no workbook stream) named .xls"),
        # formats that are not read
        Hostile("legacy.doc", "unsupported-format", _bytes(lambda: ole_file({"WordDocument": b"\xec\xa5"})),
                "a legacy Word .doc", cli=True),
        Hostile("wps-document.wps", "unsupported-format", _bytes(b"WPS"), "a WPS document"),
        Hostile("wps-sheet.et", "unsupported-format", _bytes(b"ET"), "a WPS spreadsheet"),
        Hostile("scan.png", "unsupported-format", _bytes(b"\x89PNG\r\n\x1a\n" + bytes(32)), "an image"),
        Hostile("binary.xlsb", "unsupported-format", _zip_of({"xl/workbook.bin": b"\0"}), "an .xlsb workbook"),
        # empty
        Hostile("empty.docx", "empty", _bytes(b""), "an empty .docx"),
        Hostile("empty.xlsx", "empty", _bytes(b""), "an empty .xlsx"),
        Hostile("empty.xls", "empty", _bytes(b""), "an empty .xls"),
        Hostile("empty.pdf", "empty", _bytes(b""), "an empty .pdf", cli=True),
        # encrypted
        Hostile("encrypted.docx", "encrypted", _bytes(_encrypted_office), "a password-protected .docx (an OLE file)",
                cli=True),
        Hostile("encrypted.xlsx", "encrypted", _bytes(_encrypted_office), "a password-protected .xlsx (an OLE file)"),
        Hostile("encrypted.pdf", "encrypted", _encrypted_pdf, "a PDF with a user password", cli=True),
        # no text
        Hostile("scanned.pdf", "no-text-layer", _scanned_pdf, "a scanned PDF: one image per page", cli=True),
        # tables: none, or none recognised
        Hostile("no-tables.docx", "no-tables", _no_tables_docx, "a .docx with paragraphs only", cli=True),
        Hostile("unrecognised.docx", "no-recognised-table", _unrecognised_docx, "a .docx whose table is not a 决算 table",
                cli=True),
        Hostile("nested-50.docx", "no-recognised-table", _docx_of(lambda: document_xml(_nested_tables(50) + _p(""))),
                "tables nested 50 levels deep"),
        Hostile("nested-200.docx", "malformed", _docx_of(lambda: document_xml(_nested_tables(200) + _p(""))),
                "tables nested 200 levels deep (beyond libxml2's depth limit of 256 elements)"),
        # limits: cells, pages, zip bombs
        Hostile("cells-200k.docx", "too-large", _docx_of(lambda: _cell_bomb_docx(20_000, 10)),
                "a table of 200,000 cells (over the lowered cell limit)", max_mb=200, cli=True),
        Hostile("span-bomb.docx", "too-large", _docx_of(lambda: _span_bomb_docx("gridSpan")),
                "a cell with gridSpan 1,000,000,000", max_mb=50),
        Hostile("gridbefore-bomb.docx", "too-large", _docx_of(lambda: _span_bomb_docx("gridBefore")),
                "a row with gridBefore 1,000,000,000", max_mb=50),
        Hostile("ragged.docx", "too-large", _docx_of(_ragged_docx),
                "a row of 40,000 cells over 40,000 rows of one (1.6 billion once padded)", max_mb=200),
        Hostile("merge-bomb.xlsx", "too-large", _merge_bomb_xlsx, "a merge over A1:XFD1048576", max_mb=50, cli=True),
        Hostile("wide-tall.xlsx", "too-large", _wide_tall_xlsx, "20,000 rows and a cell in column XFD: 300 million "
                "cells as one grid", max_mb=100),
        Hostile("corner.xls", "no-tables", lambda p: _xls(p, [(0, 0, "项目"), (65535, 255, 1.0)]),
                "a cell at A1 and one at IV65536 (16 million cells if rows were padded)", max_mb=100),
        Hostile("wide-tall.xls", "too-large",
                lambda p: _xls(p, [(0, 255, "x")] + [(r, 0, float(r)) for r in range(20_000)]),
                "20,000 rows and a cell in column IV: 5 million cells as one grid", max_mb=100),
        Hostile("pages-25.pdf", "too-large", lambda p: _pdf_pages(p, 25), "a PDF of 25 pages (over the lowered page limit)",
                cli=True),
        Hostile("zip-bomb.docx", "too-large", _zip_bomb_one_member("word/document.xml", _DOCX_SKELETON),
                "word/document.xml: 400 MB of zeros in 400 KB", max_mb=50, cli=True),
        Hostile("zip-bomb.xlsx", "too-large", _zip_bomb_one_member("xl/worksheets/sheet1.xml", _XLSX_SKELETON),
                "a sheet of 400 MB of zeros in 400 KB", max_mb=50),
        Hostile("zip-members.docx", "too-large", _zip_bomb_many_members(minimal_docx(document_xml(_p("x")))),
                "20,000 members", max_mb=50),
        Hostile("zip-members.xlsx", "too-large", _zip_bomb_many_members(_XLSX_SKELETON), "20,000 members", max_mb=50),
        Hostile("zip-lying.docx", "malformed", _lying_zip("word/document.xml", _DOCX_SKELETON),
                "word/document.xml declared 4 KB, inflates to 400 MB", max_mb=50, cli=True),
        Hostile("zip-lying.xlsx", "malformed", _lying_zip("xl/sharedStrings.xml", _xlsx_without("xl/sharedStrings.xml")),
                "xl/sharedStrings.xml declared 4 KB, inflates to 400 MB", max_mb=50),
        # PDF streams
        Hostile("flate-bomb.pdf", "too-large", _bytes(_flate_bomb_pdf),
                "a content stream of 1 GB in 1 MB (refused at the 512 MB uncompressed limit)", max_mb=700, cli=True),
        Hostile("corrupt-stream.pdf", "no-tables", _bytes(_corrupt_stream_pdf),
                "a 32 MB content stream failing its checksum (pdfminer's byte-at-a-time fallback)", max_mb=200),
        Hostile("xobject-loop.pdf", "no-tables", _bytes(_xobject_loop_pdf), "a form XObject that draws itself",
                max_mb=50, cli=True),
        # PDF reuse: what is drawn counts each time it is drawn
        Hostile("form-reuse.pdf", "too-large", _bytes(_form_reuse_pdf),
                "one form of 1,000 figures drawn 10,000 times (~100 KB; 10 million objects once parsed)", max_mb=100,
                cli=True),
        Hostile("contents-reuse.pdf", "too-large", _bytes(_contents_reuse_pdf),
                "a page listing one content stream of 2,000 figures 5,000 times", max_mb=100),
        Hostile("zeros.pdf", "malformed", _zeros_pdf, "190 MB of zeros between %PDF- and %%EOF (sparse)", max_mb=400),
        # XML attacks
        Hostile("laughs.docx", "malformed", _docx_of(_laughs_docx_document),
                "a billion-laughs entity bomb in word/document.xml (refused by libxml2)", max_mb=30, cli=True),
        Hostile("laughs.xlsx", "malformed",
                lambda p: _patched_xlsx(p, "xl/worksheets/sheet1.xml", _xlsx_sheet_laughs),
                "a billion-laughs entity bomb in a sheet (refused by defusedxml)", max_mb=30),
        Hostile("xxe.docx", "no-recognised-table", _docx_of(_xxe_docx_document),
                f"an external entity to {XXE_TARGET} in word/document.xml (left unresolved)"),
        Hostile("xxe-dtd.docx", "no-recognised-table", _docx_of(lambda: _xxe_docx_document("dtd")),
                f"{XXE_TARGET} named as the external DTD of word/document.xml (never loaded)"),
        Hostile("xxe-parameter.docx", "malformed", _docx_of(lambda: _xxe_docx_document("parameter")),
                f"{XXE_TARGET} as an external parameter entity (never loaded: the entity it should define is "
                "undefined)"),
        Hostile("xxe.xlsx", "malformed", lambda p: _patched_xlsx(p, "xl/sharedStrings.xml", _xlsx_shared_strings_xxe),
                f"an external entity to {XXE_TARGET} in xl/sharedStrings.xml (refused by defusedxml)", cli=True),
        # not regular files: refused before opening (a FIFO blocks forever, /dev/zero never ends)
        Hostile("fifo.pdf", "not-a-file", _fifo, "a FIFO named .pdf", cli=True),
        Hostile("fifo.docx", "not-a-file", _fifo, "a FIFO named .docx"),
        Hostile("dev-zero.pdf", "not-a-file", _symlink("/dev/zero"), "a link to /dev/zero named .pdf", cli=True),
        Hostile("link-loop.docx", "not-a-file", _symlink(None), "a symbolic link to itself", cli=True),
        Hostile("dangling.xlsx", "not-found", _symlink("no-such-workbook.xlsx"), "a link to nothing"),
        # reuse: a small package that prints gigabytes
        Hostile("shared-string-reuse.xlsx", "too-large", _shared_string_reuse_xlsx,
                "5,000 cells pointing at one 1 MB shared string (5 GB of text)", max_mb=60, cli=True),
        # a workbook whose only sheet is missing
        Hostile("no-sheet-parts.xlsx", "malformed", _no_sheet_parts_xlsx,
                "a workbook listing a sheet whose part is missing, and no other"),
    ]
    # cut short: a download that stopped
    for frac in (0.05, 0.5, 0.95):
        pct = int(frac * 100)
        out.append(Hostile(f"cut-{pct}.docx", "truncated", _cut(docx_sample, frac), f"{docx_sample} cut at {pct}%",
                           cli=pct == 50))
        out.append(Hostile(f"cut-{pct}.xlsx", "truncated", _cut(xlsx_sample, frac), f"{xlsx_sample} cut at {pct}%"))
        out.append(Hostile(f"cut-{pct}.xls", "truncated", _cut(xls_sample, frac), f"{xls_sample} cut at {pct}%"))
        out.append(Hostile(f"cut-{pct}.pdf", "truncated", _cut(pdf_sample, frac), f"{pdf_sample} cut at {pct}%",
                           cli=pct == 50))
    out += [
        Hostile("cut-end.docx", "truncated", _cut(docx_sample, at=-1), f"{docx_sample} less its last byte"),
        Hostile("cut-end.xlsx", "truncated", _cut(xlsx_sample, at=-1), f"{xlsx_sample} less its last byte"),
        Hostile("cut-sector.xls", "truncated", _cut(xls_sample, at=512 * 40), f"{xls_sample} cut at a sector boundary",
                cli=True),
        Hostile("cut-end.pdf", "truncated", _cut(pdf_sample, at=-3), f"{pdf_sample} cut inside its %%EOF marker"),
    ]
    return out


def build_corpus(folder: Path, only: list[str] | None = None) -> list[tuple[Hostile, Path]]:
    """Write the corpus (or the cases named in ``only``) into ``folder``; returns (case, path) pairs."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for case in cases():
        if only is not None and case.name not in only:
            continue
        path = folder / case.name
        case.build(path)
        written.append((case, path))
    return written


def measure(paths: list[Path], memory_mb: int = 1024) -> list[dict[str, object]]:
    """Read each file (``jueSuan.read``, under ``HOSTILE_LIMITS``) in a child forked from this process,
    with its address space limited to ``memory_mb``. Per file: the outcome (the reason code, ``ok``,
    or ``escaped <exception>``), the seconds taken, and how much the peak resident memory grew, in MB.
    Run it in a fresh interpreter (``--measure``): the children start with the readers imported."""
    import os
    import resource
    import time

    import jueSuan
    from jueSuan.readers import ReadError
    from jueSuan.readers.safety import set_limits

    set_limits(HOSTILE_LIMITS)

    def status(key: str) -> float:
        with open("/proc/self/status") as fh:
            line = next((ln for ln in fh if ln.startswith(key + ":")), f"{key}: 0 kB")
        return int(line.split()[1]) / 1024

    results: list[dict[str, object]] = []
    for path in paths:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: read, report, exit
            os.close(r)
            try:
                limit = memory_mb * 1024 * 1024
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
                base = status("VmRSS")
                start = time.perf_counter()
                try:
                    jueSuan.read(path)
                    outcome = "ok"
                except ReadError as exc:
                    outcome = exc.reason.value
                except BaseException as exc:
                    outcome = f"escaped {type(exc).__name__}: {exc}"[:300]
                record = {"file": path.name, "outcome": outcome, "seconds": round(time.perf_counter() - start, 3),
                          "grew_mb": round(status("VmHWM") - base, 1)}
                os.write(w, json.dumps(record).encode())
            finally:
                os._exit(0)
        os.close(w)
        chunks = []
        while chunk := os.read(r, 65536):
            chunks.append(chunk)
        os.close(r)
        os.waitpid(pid, 0)
        results.append(json.loads(b"".join(chunks)) if chunks else {"file": path.name, "outcome": "child died"})
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("folder", type=Path, help="where to write the corpus (with --measure: files to measure)",
                    nargs="+")
    ap.add_argument("--measure", action="store_true",
                    help="read the given files, each in a child process, and print JSON lines of what it cost")
    ap.add_argument("--memory-mb", type=int, default=1024, help="address-space limit of each child (--measure)")
    args = ap.parse_args(argv)
    if args.measure:
        for record in measure(args.folder, args.memory_mb):
            print(json.dumps(record, ensure_ascii=False))
        return 0
    folder = args.folder[0]
    written = build_corpus(folder)
    manifest = {case.name: {"reason": case.reason, "what": case.what} for case, _ in written}
    for readable, _ in build_readable(folder / "readable"):
        manifest[f"readable/{readable.name}"] = {"reason": "ok", "what": readable.what}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    total = sum(p.lstat().st_size for _, p in written)
    print(f"{len(written)} files, {total / 1048576:.1f} MB, in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
