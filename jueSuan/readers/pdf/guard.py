"""What a PDF would cost, judged from its objects before PDFium parses a page.

PDFium is native code with no budget of its own: asked for a page it parses the page's content and
every form it draws, each time it is drawn, and inflates every stream it needs whole. A few hundred
KB can therefore hold GBs of work (a flate bomb; one form of 1,000 figures drawn 10,000 times; one
content stream listed 5,000 times in a page's ``/Contents``). This pre-scan reads the file's own
objects with a small parser of PDF syntax (dictionaries, arrays, names, numbers, references; object
streams included) and refuses the file (``TOO_LARGE``) when:

* its compressed streams (all but images, which reading text never decodes) inflate to more than
  ``InputLimits.max_unzipped_mb``: each stream is inflated once, a chunk at a time, and counted;
* what its pages draw is more than ``InputLimits.max_pdf_ops`` operations: a content stream counts
  its painting and text-showing operators (and one per eight bytes, for long text strings), and
  counts again each time it is listed or drawn (``Do``) – reuse counts against the limit.

It also walks the page tree: the pages present, not what ``/Count`` says, are the pages of the file.
What the parser cannot follow (a filter other than Flate, a broken reference) is not guessed at:
that part costs what its bytes say, and the watchdog around a ``reconcile`` still bounds the rest.
"""

from __future__ import annotations

import mmap
import re
import zlib
from pathlib import Path
from typing import Any

from ..base import ReadError, Reason
from ..safety import limits

_OBJ_BEFORE = re.compile(rb"(?<!\d)(\d{1,10})\s+(\d{1,5})\s+\Z")
_ROOT = re.compile(rb"/Root\s+(\d{1,10})\s+\d{1,5}\s+R\b")
_WS = re.compile(rb"(?:\s|%[^\r\n]*)*")
_NAME = re.compile(rb"/([^\s/\[\]()<>{}%]*)")
_NUM = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")
_REF = re.compile(rb"\s+(\d{1,5})\s+R(?![A-Za-z])")
_WORD = re.compile(rb"[A-Za-z_]+")
_STREAM = re.compile(rb"\s*stream\r?\n")
#: painting and text-showing operators of a content stream (what becomes a PDFium page object)
_OPS = re.compile(rb"[STsfFBbD'\"][jJh*oI]?(?![^\s\[(/<%])")  # a few false hits (a name ending in S): counted high
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?![^\s\[(/<%])")
_CHUNK = 1 << 20


def _object_offsets(buf: Any, base: int = 0) -> Any:
    """(number, offset after ``obj``) of every ``N G obj`` header in ``buf``; found from the ``obj``
    keyword with ``find`` (a regex scan would try every byte of a large file)."""
    i = buf.find(b"obj")
    while i >= 0:
        m = _OBJ_BEFORE.search(buf, max(0, i - 24), i)
        after = buf[i + 3:i + 4]
        if m and not (after.isalnum() or after == b"_"):
            yield int(m.group(1)), base + i + 3
        i = buf.find(b"obj", i + 3)


def _scan_objects(fh: Any) -> dict[int, int]:
    """The object headers of a file, read a few MB at a time (the file is not mapped whole into
    memory for this: a huge file of nothing costs its reading, not its size in memory)."""
    offsets: dict[int, int] = {}
    fh.seek(0)
    base, tail = 0, b""
    while True:
        chunk = fh.read(_CHUNK * 8)
        if not chunk:
            break
        offsets.update(_object_offsets(tail + chunk, base - len(tail)))
        tail = chunk[-32:]
        base += len(chunk)
    return offsets


_COUNT = re.compile(rb"/Count\s+\d+")


def with_page_count(path: Path, scan: Scan) -> bytes | None:
    """The file with its root page tree's ``/Count`` set to the pages it holds (``scan.pages``), when
    that object is written out in the file (not packed in an object stream); None otherwise."""
    if scan.tree_offset is None or scan.pages is None:
        return None
    data = path.read_bytes()
    end = data.find(b"endobj", scan.tree_offset)
    m = _COUNT.search(data, scan.tree_offset, end if end >= 0 else scan.tree_offset + 4096)
    if m is None:
        return None
    return data[:m.start()] + b"/Count %d" % scan.pages + data[m.end():]


class Ref(int):
    """An indirect reference (the object number)."""


class _Parser:
    def __init__(self, data: Any, offsets: dict[int, int] | None = None) -> None:
        self.data = data
        self.offsets: dict[int, int] = offsets if offsets is not None else dict(_object_offsets(data))
        self.cache: dict[int, Any] = {}
        self.packed: dict[int, tuple[int, int]] | None = None  # object → (object stream, index)

    def value(self, pos: int, depth: int = 0) -> tuple[Any, int]:
        data = self.data
        pos = _WS.match(data, pos).end()  # type: ignore[union-attr]
        c = data[pos:pos + 2]
        if depth > 64:
            raise ValueError("nested too deep")
        if c == b"<<":
            out: dict[str, Any] = {}
            pos += 2
            while True:
                pos = _WS.match(data, pos).end()  # type: ignore[union-attr]
                if data[pos:pos + 2] == b">>" or pos >= len(data):
                    return out, pos + 2
                m = _NAME.match(data, pos)
                if m is None:  # not a name where a key should be: skip a token
                    _, pos = self.value(pos, depth + 1)
                    continue
                v, pos = self.value(m.end(), depth + 1)
                out[m.group(1).decode("latin-1")] = v
        if c[:1] == b"[":
            items: list[Any] = []
            pos += 1
            while True:
                pos = _WS.match(data, pos).end()  # type: ignore[union-attr]
                if data[pos:pos + 1] == b"]" or pos >= len(data):
                    return items, pos + 1
                v, pos = self.value(pos, depth + 1)
                items.append(v)
        if c[:1] == b"/":
            m = _NAME.match(data, pos)
            return m.group(1).decode("latin-1"), m.end()  # type: ignore[union-attr]
        if c[:1] == b"(":
            return None, self._skip_string(pos)
        if c[:1] == b"<":
            end = data.find(b">", pos)
            return None, (end + 1 if end >= 0 else len(data))
        m = _NUM.match(data, pos)
        if m:
            r = _REF.match(data, m.end())
            if r and m.group().isdigit():
                return Ref(int(m.group())), r.end()
            try:
                return float(m.group()) if b"." in m.group() else int(m.group()), m.end()
            except ValueError:
                return None, m.end()
        m = _WORD.match(data, pos)
        if m:
            return m.group().decode("latin-1"), m.end()
        return None, pos + 1

    def _skip_string(self, pos: int) -> int:
        data, depth, i = self.data, 0, pos
        while i < len(data):
            ch = data[i]
            if ch == 0x5C:  # backslash
                i += 2
                continue
            if ch == 0x28:
                depth += 1
            elif ch == 0x29:
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return i

    def get(self, ref: Any) -> Any:
        """The object ``ref`` points to (a dict, a list, a number...; a stream as its dict)."""
        if not isinstance(ref, Ref):
            return ref
        n = int(ref)
        if n in self.cache:
            return self.cache[n]
        self.cache[n] = None  # a reference loop resolves to nothing
        if n in self.offsets:
            v, _ = self.value(self.offsets[n])
        else:
            v = self._packed(n)
        self.cache[n] = v
        return v

    def _packed(self, n: int) -> Any:
        if self.packed is None:
            self.packed = {}
            for num, off in list(self.offsets.items()):
                d, _ = self.value(off)
                if isinstance(d, dict) and d.get("Type") == "ObjStm":
                    data = self.stream(num)
                    if data is None:
                        continue
                    first = d.get("First")
                    head = re.findall(rb"\d+", bytes(data[: first if isinstance(first, int) else 0]))
                    for k in range(0, len(head) - 1, 2):
                        self.packed[int(head[k])] = (num, int(first) + int(head[k + 1]))  # type: ignore[arg-type]
        where = self.packed.get(n)
        if where is None:
            return None
        data = self.stream(where[0])
        if data is None:
            return None
        return _Parser.value(_Sub(data), where[1])[0]

    def stream_span(self, n: int) -> tuple[dict[str, Any], int, int] | None:
        """The dictionary of stream object ``n`` and where its data lies in the file."""
        off = self.offsets.get(n)
        if off is None:
            return None
        d, pos = self.value(off)
        m = _STREAM.match(self.data, pos)
        if not isinstance(d, dict) or m is None:
            return None
        start = m.end()
        length = self.get(d.get("Length"))
        if not isinstance(length, int) or length < 0 or start + length > len(self.data):
            end = self.data.find(b"endstream", start)
            length = (end if end >= 0 else len(self.data)) - start
        return d, start, start + length

    def stream(self, n: int) -> bytes | None:
        """Stream ``n`` decoded (Flate, or none), charged to the budget; None if it cannot be."""
        return _decoded(self, n)


class _Sub(_Parser):
    """A parser over an object stream's decoded bytes (for objects packed in it)."""

    def __init__(self, data: bytes) -> None:
        self.data = data  # no object headers of its own: only ``value`` is used


def _decoded(p: _Parser, n: int, keep: bool = True) -> bytes | None:
    cache: dict[int, bytes | None] = p.__dict__.setdefault("decoded", {})
    if n in cache:
        return cache[n]
    cache[n] = None
    span = p.stream_span(n)
    if span is None:
        return None
    d, start, end = span
    filters = p.get(d.get("Filter"))
    filters = [filters] if isinstance(filters, str) else [p.get(f) for f in filters or []] if isinstance(filters, list) else []
    raw = bytes(p.data[start:end])
    if not filters:
        cache[n] = raw
        return raw
    if filters[0] not in ("FlateDecode", "Fl") or len(filters) > 1:
        return None  # another filter: not decoded here
    out = _inflate(p, raw, keep)
    cache[n] = out if keep else None
    return out


def _inflate(p: _Parser, data: bytes, keep: bool = True) -> bytes:
    """Inflate a chunk at a time, each chunk charged to the budget; a stream past 64 MB that inflates
    more than ``InputLimits.max_ratio``-fold is refused there (what no content stream, font or
    CMap does). ``keep=False``: count only."""
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    pending = data
    produced = 0
    try:
        while True:
            out = inflater.decompress(pending, _CHUNK)
            p.spend(len(out))  # type: ignore[attr-defined]
            produced += len(out)
            if produced > 64 * _CHUNK and produced > limits().max_ratio * (len(data) - len(inflater.unconsumed_tail)):
                p.bomb(produced, len(data))  # type: ignore[attr-defined]
            if out and keep:
                parts.append(out)
            stalled = not out and len(inflater.unconsumed_tail) >= len(pending)
            pending = inflater.unconsumed_tail
            if inflater.eof or stalled or (not pending and not out):
                break
    except zlib.error:
        pass  # what inflated before the damage: PDFium reads as much
    return b"".join(parts)


class Scan:
    """What the pre-scan found: the pages present and the page count the file declares (None: not
    known), and whether the file holds any object at all."""

    def __init__(self, pages: int | None, declared: int | None, objects: bool = True,
                 tree_offset: int | None = None) -> None:
        self.pages = pages
        self.declared = declared
        self.objects = objects
        self.tree_offset = tree_offset  # where the root page-tree object's body starts in the file, if there


class _Guard(_Parser):
    def __init__(self, data: Any, path: Path, offsets: dict[int, int] | None = None) -> None:
        super().__init__(data, offsets)
        self.path = path
        self.left = limits().max_unzipped_mb * 1024 * 1024
        self.ops_left = limits().max_pdf_ops
        self.form_cost: dict[int, int] = {}
        self.costs: dict[tuple[int, int], int] = {}

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise ReadError(self.path, Reason.TOO_LARGE, f"its compressed streams inflate to more than "
                                                         f"{limits().max_unzipped_mb} MB (a decompression bomb?)")

    def bomb(self, produced: int, size: int) -> None:
        raise ReadError(self.path, Reason.TOO_LARGE, f"a compressed stream of {size:,} bytes inflates more than "
                                                     f"{limits().max_ratio}-fold (past {produced >> 20} MB): a "
                                                     "decompression bomb?")

    def draw(self, n: int) -> None:
        self.ops_left -= n
        if self.ops_left < 0:
            raise ReadError(self.path, Reason.TOO_LARGE,
                            f"its pages draw more than {limits().max_pdf_ops:,} operations (content and forms "
                            "counted each time they are drawn: a form or stream reused to blow up?)")

    def inflate_all(self) -> None:
        """Every Flate stream but images, inflated once within the budget (fonts and CMaps too:
        PDFium inflates them whole)."""
        if len(self.data) * 1100 <= self.left:
            return  # deflate cannot inflate more than ~1,032-fold: nothing here can exceed the budget
        for n in list(self.offsets):
            span = self.stream_span(n)
            if span is None:
                continue
            d = span[0]
            if self.get(d.get("Subtype")) == "Image" or n in self.__dict__.get("decoded", {}):
                continue
            _decoded(self, n, keep=False)  # counted; the bytes are not kept
            self.__dict__["decoded"].pop(n, None)

    def stream_cost(self, n: int, resources: Any, depth: int) -> int:
        key = (n, id(resources))
        if key not in self.costs:
            self.costs[key] = self._stream_cost(n, resources, depth)
        return self.costs[key]

    def _stream_cost(self, n: int, resources: Any, depth: int) -> int:
        data = self.stream(n)
        if data is None:
            span = self.stream_span(n)
            return (span[2] - span[1]) // 8 if span else 0
        cost = len(_OPS.findall(data)) + len(data) // 8
        if b"Do" in data:
            xobjects = self.get(self.get(resources).get("XObject")) if isinstance(self.get(resources), dict) else None
            if isinstance(xobjects, dict):
                for name in _DO.findall(data):
                    ref = xobjects.get(name.decode("latin-1"))
                    if isinstance(ref, Ref):
                        cost += self.form(ref, resources, depth + 1)
                        if cost > self.ops_left:
                            return cost
        return cost

    def form(self, ref: Ref, inherited: Any, depth: int) -> int:
        n = int(ref)
        if n in self.form_cost:
            return self.form_cost[n]
        if depth > 24:
            return 0
        span = self.stream_span(n)
        if span is None or self.get(span[0].get("Subtype")) != "Form":
            return 1  # an image, or nothing
        self.form_cost[n] = 0  # a form drawing itself: PDFium stops the loop
        res = span[0].get("Resources", inherited)
        cost = self.stream_cost(n, res, depth)
        self.form_cost[n] = cost
        return cost

    def pages(self) -> tuple[list[dict[str, Any]], int | None]:
        roots = _ROOT.findall(self.data[-65536:])
        i = self.data.rfind(b"/Root", 0, max(0, len(self.data) - 65536)) if not roots else -1
        while not roots and i >= 0:
            roots = _ROOT.findall(self.data[i:i + 40])
            i = self.data.rfind(b"/Root", 0, i)
        if not roots:
            return [], None
        catalog = self.get(Ref(int(roots[-1])))
        self.tree_ref = catalog.get("Pages") if isinstance(catalog, dict) else None
        tree = self.get(self.tree_ref)
        if not isinstance(tree, dict):
            return [], None
        count = self.get(tree.get("Count"))
        found: list[dict[str, Any]] = []
        seen: set[int] = set()

        def walk(node: Any, inherited: Any, depth: int) -> None:
            if depth > 64 or len(found) > 100_000:
                return
            kids = self.get(node.get("Kids"))
            res = node.get("Resources", inherited)
            if node.get("Type") == "Page" or not isinstance(kids, list):
                found.append({"Contents": node.get("Contents"), "Resources": res})
                return
            for kid in kids:
                if isinstance(kid, Ref):
                    if int(kid) in seen:
                        continue
                    seen.add(int(kid))
                k = self.get(kid)
                if isinstance(k, dict):
                    walk(k, res, depth + 1)

        walk(tree, None, 0)
        return found, count if isinstance(count, int) else None


def prescan(path: Path) -> Scan:
    """Check the file against the limits before PDFium parses it (see the module doc)."""
    with path.open("rb") as fh:
        offsets = _scan_objects(fh)
        if not offsets:
            return Scan(None, None, objects=False)
        try:
            data: Any = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file
            return Scan(None, None, objects=False)
        try:
            g = _Guard(data, path, offsets)
            try:
                pages, declared = g.pages()
                g.inflate_all()
                for page in pages:
                    contents = g.get(page["Contents"])
                    refs = contents if isinstance(contents, list) else [page["Contents"]]
                    for ref in refs:
                        if isinstance(ref, Ref):
                            g.draw(g.stream_cost(int(ref), page["Resources"], 0))
            except (ValueError, RecursionError, AttributeError, TypeError, IndexError, KeyError):
                return Scan(None, None)  # objects it cannot follow: PDFium judges, the watchdog bounds
            ref = getattr(g, "tree_ref", None)
            return Scan(len(pages) or None, declared, tree_offset=g.offsets.get(int(ref)) if isinstance(ref, Ref) else None)
        finally:
            g = None  # type: ignore[assignment]
            data.close()
