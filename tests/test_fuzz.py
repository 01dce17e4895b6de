"""Fuzz targets, one per reader: a real sample's bytes with random damage, read through ``jueSuan.read``.

Only ``ReadError`` may escape, and every call must finish quickly (a timer signal ends a call that
hangs, so a hang fails the test instead of stalling the run). The damage is raw (bytes flipped,
inserted, deleted, the file cut short) for every format, and, for the zip packages (.docx, .xlsx),
also in the XML of one member, re-zipped so that the damage reaches the XML parser and the reader:
attribute values replaced by hostile ones (negative, huge, empty, not a number), elements cut out or
doubled, markup and entities inserted.

Each reader's targets are bounded by ``max_examples`` to about ten seconds (measured: 3-9 s).
"""

from __future__ import annotations

import atexit
import io
import re
import shutil
import signal
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import jueSuan
from jueSuan.readers import ReadError

from .conftest import SAMPLES

SECONDS = 20.0  # a call taking longer is a hang (the samples read in 0.03-0.2 s; generous for a loaded machine)
WORK = Path(tempfile.mkdtemp(prefix="jueSuan-fuzz-"))
atexit.register(shutil.rmtree, WORK, True)


class _Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def alarm(signum: int, frame: object) -> None:
        raise _Hang(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def read_only_read_errors(data: bytes, suffix: str) -> None:
    """Read ``data`` as a file named ``*suffix``: a report or a ``ReadError``, nothing else, in time."""
    path = WORK / f"fuzzed{suffix}"
    path.write_bytes(data)
    start = time.perf_counter()
    try:
        with time_limit(SECONDS):
            jueSuan.read(path)
    except ReadError as exc:
        assert "\n" not in str(exc)
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS, f"{elapsed:.1f} s"


# --------------------------------------------------------------------------------------------------
# Damage
# --------------------------------------------------------------------------------------------------

Op = tuple[str, float, int, bytes]  # (kind, where as a fraction of the length, size or xor mask, bytes)

byte_ops = st.lists(st.tuples(st.sampled_from(["flip", "flip", "insert", "delete", "zero", "cut"]),
                              st.floats(0, 1, exclude_max=True), st.integers(1, 255), st.binary(min_size=1, max_size=16)),
                    min_size=1, max_size=4)


def damaged(data: bytes, ops: list[Op]) -> bytes:
    buf = bytearray(data)
    for kind, where, n, blob in ops:
        if not buf:
            break
        i = int(where * len(buf))
        if kind == "flip":
            buf[i] ^= n
        elif kind == "insert":
            buf[i:i] = blob
        elif kind == "delete":
            del buf[i:i + n]
        elif kind == "zero":
            buf[i:i + n] = bytes(len(buf[i:i + n]))
        else:
            del buf[i:]
    return bytes(buf)


HOSTILE_VALUES = ["-1", "0", "1000000000", "99999999999999999999", "", "abc", "1e308", "NaN", "-0", "A1:XFD1048576",
                  "XFD1048576", "restart", "continue", "&amp;", "\u3000", "１２３", "1,234.50", "——"]
HOSTILE_MARKUP = ['<w:tc><w:p><w:r><w:t>1.00</w:t></w:r></w:p></w:tc>', "</w:tr><w:tr>", "<w:tbl>", "</w:tbl>",
                  '<w:gridSpan w:val="100000000"/>', "<w:vMerge/>", '<w:vMerge w:val="restart"/>',
                  '<mergeCell ref="A1:Z9999"/>', '<c r="ZZ9"><v>1e999</v></c>', '<c r="B2" t="s"><v>999999</v></c>',
                  '<c r="A1" t="e"><v>#REF!</v></c>', '<f>SUM(A1:A9)</f>', "<", ">", "&", "&#0;", "&#xFFFF;",
                  '<!DOCTYPE x [<!ENTITY a "b">]>', "]]>", "<![CDATA[x]]>", "合计", "3,998.79", "\x00"]

xml_ops = st.lists(st.tuples(st.sampled_from(["attr", "cut", "double", "markup", "flip"]),
                             st.floats(0, 1, exclude_max=True), st.integers(1, 400),
                             st.sampled_from(HOSTILE_VALUES + HOSTILE_MARKUP)),
                   min_size=1, max_size=5)

_ATTR = re.compile(r'="[^"]*"')


def damaged_xml(text: str, ops: list[tuple[str, float, int, str]]) -> str:
    for kind, where, n, token in ops:
        if not text:
            break
        i = int(where * len(text))
        if kind == "attr":  # the value of the attribute at or after i
            m = _ATTR.search(text, i) or _ATTR.search(text)
            if m:
                text = text[:m.start()] + f'="{token}"' + text[m.end():]
        elif kind == "cut":
            text = text[:i] + text[i + n:]
        elif kind == "double":
            text = text[:i + n] + text[i:]
        elif kind == "markup":
            text = text[:i] + token + text[i:]
        else:
            text = text[:i] + chr((ord(text[i]) ^ n) or 1) + text[i + 1:]
    return text


def rezipped(data: bytes, member: str, ops: list[tuple[str, float, int, str]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == member:
                body = damaged_xml(body.decode("utf-8", "replace"), ops).encode("utf-8", "surrogatepass")
            dst.writestr(info.filename, body)
    return out.getvalue()


def _xml_members(path: Path, weighted: tuple[str, ...]) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n.endswith((".xml", ".rels"))]
    # the parts the reader reads most, several times over, so that most examples damage them
    return [n for n in names if n.startswith(weighted)] * 4 + names


DOCX, XLSX, XLS = SAMPLES / "songjiang-2020.docx", SAMPLES / "songjiang-2020.xlsx", SAMPLES / "songjiang-2020.xls"
PDF = SAMPLES / "pujin-perf-2023.pdf"  # a real sample, small enough to be read 50 times in ten seconds
DOCX_BYTES, XLSX_BYTES, XLS_BYTES, PDF_BYTES = (p.read_bytes() for p in (DOCX, XLSX, XLS, PDF))
DOCX_MEMBERS = _xml_members(DOCX, ("word/document.xml",))
XLSX_MEMBERS = _xml_members(XLSX, ("xl/worksheets/", "xl/sharedStrings", "xl/styles", "xl/workbook"))


def fuzz(n: int) -> settings:
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------------------------------
# The targets
# --------------------------------------------------------------------------------------------------


@fuzz(300)
@given(byte_ops)
def test_fuzz_docx_bytes(ops: list[Op]) -> None:
    read_only_read_errors(damaged(DOCX_BYTES, ops), ".docx")


@fuzz(150)
@given(st.sampled_from(DOCX_MEMBERS), xml_ops)
def test_fuzz_docx_xml(member: str, ops: list[tuple[str, float, int, str]]) -> None:
    read_only_read_errors(rezipped(DOCX_BYTES, member, ops), ".docx")


@fuzz(300)
@given(byte_ops)
def test_fuzz_xlsx_bytes(ops: list[Op]) -> None:
    read_only_read_errors(damaged(XLSX_BYTES, ops), ".xlsx")


@fuzz(200)
@given(st.sampled_from(XLSX_MEMBERS), xml_ops)
def test_fuzz_xlsx_xml(member: str, ops: list[tuple[str, float, int, str]]) -> None:
    read_only_read_errors(rezipped(XLSX_BYTES, member, ops), ".xlsx")


@fuzz(600)
@given(byte_ops)
def test_fuzz_xls(ops: list[Op]) -> None:
    read_only_read_errors(damaged(XLS_BYTES, ops), ".xls")


@fuzz(80)
@given(byte_ops)
@example([("flip", 0.04791557955074378, 3, b"\x00")])  # found: a 绩效 table continued in a narrower grid
def test_fuzz_pdf(ops: list[Op]) -> None:
    read_only_read_errors(damaged(PDF_BYTES, ops), ".pdf")


# --------------------------------------------------------------------------------------------------
# What the targets found, kept as plain tests
# --------------------------------------------------------------------------------------------------


def test_claim_in_a_sentence_without_a_figure() -> None:
    """A comparing sentence (决算数大于预算数) before any sentence with a figure: the claim took the
    classification of the last figure quoted, and before any there was none (UnboundLocalError)."""
    from jueSuan.builders.narrative import extract
    from jueSuan.models import NarrativeParagraph
    from jueSuan.source import SourceRef

    text = "一般公共服务支出决算数大于预算数，主要原因是增加了项目。"
    quotes, claims = extract([NarrativeParagraph(0, text, SourceRef("x.docx", paragraph=0))])
    assert quotes == [] and [c.kind for c in claims] == ["greater"]


def test_indicator_row_narrower_than_its_header() -> None:
    """A 绩效 table whose indicator header was read in a wide grid and whose rows continue in a
    narrower one: the columns past the row's end are absent, not an IndexError."""
    from jueSuan.builders.performance import build_evaluations
    from jueSuan.readers import Cell, Grid
    from jueSuan.source import SourceRef

    def grid(index: int, rows: list[list[str]]) -> Grid:
        ref = SourceRef("x.pdf", table=index)
        return Grid(index, tuple(tuple(Cell(t, ref.at(r, c)) for c, t in enumerate(row)) for r, row in enumerate(rows)),
                    ref)

    head = grid(0, [["项目名称", "某项目", "", "", "", "", "", ""],
                    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
                    ["产出指标", "数量指标", "完成数", "10个", "10个", "20", "20", ""]])
    tail = grid(1, [["产出指标", "质量指标", "合格率"]])
    evaluations = build_evaluations([(head, None), (tail, None)], [])
    assert [i.name for i in evaluations[0].indicators] == ["完成数", "合格率"]
