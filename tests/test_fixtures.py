"""jueSuan.fixtures, the one model and writers of the samples, the tests and the benchmark corpus: a table
written in every format is read back by the real readers with the same cells and merges, and the committed
samples are what the sample scripts write today."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from jueSuan.fixtures import UP, Cell, Paragraph, Table, below, place, wide
from jueSuan.fixtures.pdf import PdfDocument
from jueSuan.fixtures.word import PUBLISHED, save, write_docx
from jueSuan.fixtures.wordxml import write_docx_fast
from jueSuan.fixtures.workbook import excel_value, section_sheet, write_xls, write_xlsx
from jueSuan.readers import read_document
from jueSuan.readers.base import Document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

# a header cell over two columns, one over two rows (written as ``UP`` under it), one over 2 × 2
# (``below(2)``), figures as a publisher prints them
ROWS = (
    (wide("收入", 2), "支出", wide("备注", 2)),
    ("项目", "决算数", UP, below(2)),
    ("本年收入合计", Cell("3,998.79", align="right"), "3984.05", "190", "\u300051.30"),
)


def _cells(doc: Document) -> list[list[tuple[str, tuple[int, int] | None]]]:
    [grid] = doc.grids
    return [[(c.text, c.origin) for c in row] for row in grid.rows]


EXPECTED = [
    [("收入", None), ("收入", (0, 0)), ("支出", None), ("备注", None), ("备注", (0, 3))],
    [("项目", None), ("决算数", None), ("支出", (0, 2)), ("备注", (0, 3)), ("备注", (0, 3))],
    [("本年收入合计", None), ("3,998.79", None), ("3984.05", None), ("190", None), ("\u300051.30", None)],
]


def test_place_reads_both_ways_of_writing_a_vertical_merge() -> None:
    def extents(rows: list[list[str | Cell]]) -> list[tuple[int, int, int, int, str]]:
        placed, width = place(rows)
        assert width == 2
        return [(p.row, p.col, p.rows, p.cols, p.cell.text) for p in placed]

    expected = [(0, 0, 2, 1, "a"), (0, 1, 1, 1, "b"), (1, 1, 1, 1, "c")]
    assert extents([[Cell("a", rows=2), "b"], ["c"]]) == expected
    assert extents([["a", "b"], [UP, "c"]]) == expected
    with pytest.raises(ValueError, match="row 1 covers 1 of 2"):
        place([["a", "b"], ["c"]])


@pytest.mark.parametrize("writer", [write_docx, write_docx_fast], ids=["python-docx", "document.xml"])
def test_word_writers_give_the_reader_the_same_table(tmp_path: Path, writer) -> None:  # type: ignore[no-untyped-def]
    path = writer(tmp_path / "t.docx", ["收入支出决算总表", Paragraph("单位：万元", 10, False, "right"), Table(ROWS)])
    doc = read_document(path)
    assert [p.text for p in doc.paragraphs] == ["收入支出决算总表", "单位：万元"]
    assert _cells(doc) == EXPECTED


def test_word_writer_is_deterministic(tmp_path: Path) -> None:
    blocks = ["标题", Table(ROWS, size=9)]
    a = write_docx(tmp_path / "a.docx", blocks, PUBLISHED).read_bytes()
    assert write_docx(tmp_path / "b.docx", blocks, PUBLISHED).read_bytes() == a


@pytest.mark.parametrize("write", [write_xlsx, write_xls], ids=["xlsx", "xls"])
def test_workbook_writers_print_the_transcribed_text(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    sheet, top = section_sheet("收入支出决算总表", Table(ROWS), "收入支出决算总表", "单位：万元", ("注：测试。",))
    assert top == 2
    path = write([sheet], tmp_path / ("t.xlsx" if write is write_xlsx else "t.xls"))
    doc = read_document(path)
    assert _cells(doc) == EXPECTED
    texts = [p.text for p in doc.paragraphs]
    assert "收入支出决算总表" in texts and "注：测试。" in texts


def test_excel_value_holds_figures_as_numbers_only_where_the_format_prints_them_back() -> None:
    assert excel_value("3,998.79")[1] == "#,##0.00"
    assert excel_value("3984.05")[1] == "0.00"
    assert excel_value("190") == (190, "0")
    assert excel_value("\u300051.30") == ("\u300051.30", "@")
    assert excel_value("1,963.09 ") == ("1,963.09 ", "@")


def test_pdf_writer_gives_the_reader_the_same_table(tmp_path: Path) -> None:
    rows = [[wide("Income", 2), "Spending", wide("Note", 2)], ["Item", "Amount", UP, below(2)],
            ["Total", Cell("3,998.79", align="right"), "3984.05", "190", "51.30"]]
    d = PdfDocument(tmp_path / "t.pdf", font="Helvetica")  # a standard font: no font file needed
    d.para("Summary", size=14, align="center")
    d.table(Table(rows, widths=(90, 90, 90, 90, 90)))
    d.save()
    [grid] = read_document(tmp_path / "t.pdf").grids
    got = [[(c.text, c.origin) for c in row] for row in grid.rows]
    assert got[0] == [("Income", None), ("Income", (0, 0)), ("Spending", None), ("Note", None), ("Note", (0, 3))]
    assert got[1][2] == ("Spending", (0, 2)) and got[1][4] == ("Note", (0, 3))
    assert [t for t, _ in got[2]] == ["Total", "3,998.79", "3984.05", "190", "51.30"]


def _script(name: str) -> ModuleType:
    sys.path.insert(0, str(SAMPLES))  # the scripts import their data module beside them, as when run
    try:
        spec = importlib.util.spec_from_file_location(name, SAMPLES / f"{name}.py")
        assert spec is not None and spec.loader is not None
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod  # dataclasses look their module up while the module runs
        spec.loader.exec_module(mod)
        return mod
    finally:
        sys.path.remove(str(SAMPLES))


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_the_committed_word_samples_are_what_the_scripts_write(tmp_path: Path) -> None:
    samples = _script("make_samples")
    for disclosure, name in ((samples.published(), "songjiang-2020.docx"), (samples.fixed(), "songjiang-2020-fixed.docx")):
        written = save(samples.build(disclosure), tmp_path / name)
        assert written.read_bytes() == (SAMPLES / name).read_bytes(), name
    perf = _script("make_perf_samples")
    for source, tables in perf.SOURCES.items():
        written = write_docx(tmp_path / f"{source}.docx", perf.blocks(tables), PUBLISHED)
        assert written.read_bytes() == (SAMPLES / f"{source}.docx").read_bytes(), source


def test_the_committed_workbook_samples_are_what_the_script_writes(tmp_path: Path) -> None:
    samples = _script("make_samples")
    for disclosure, stem in ((samples.published(), "songjiang-2020"), (samples.fixed(), "songjiang-2020-fixed")):
        sheets = samples.workbook_sheets(disclosure)
        assert write_xls(sheets, tmp_path / f"{stem}.xls").read_bytes() == (SAMPLES / f"{stem}.xls").read_bytes()
        written, committed = _members(write_xlsx(sheets, tmp_path / f"{stem}.xlsx")), _members(SAMPLES / f"{stem}.xlsx")
        # openpyxl stamps the time of saving into docProps/core.xml: every other part is the same
        assert {n for n in written if written[n] != committed.get(n)} == {"docProps/core.xml"}


def test_import_of_the_model_loads_no_format_library() -> None:
    probe = ("import sys, jueSuan.fixtures\n"
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'docx', 'openpyxl', 'xlwt', 'reportlab', 'PIL'}))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
