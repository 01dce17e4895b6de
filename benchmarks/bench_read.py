"""Read + reconcile time per format against the bare library's own open/extract of the same file.

Run on demand:  python benchmarks/bench_read.py [--repeat N]
Prints, per sample file: our read time, the build+reconcile time, the bare-library time, and the
ratio (ours / bare). The bare baselines are: python-docx ``Document()`` plus a walk of every
table's cells (the least a user of python-docx does to get the tables), openpyxl ``load_workbook``
plus a walk of every sheet's values, xlrd ``open_workbook`` plus every sheet's values, and
pdfplumber ``extract_tables()`` on every page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jueSuan.builders import build_report  # noqa: E402
from jueSuan.readers import read_document  # noqa: E402
from jueSuan.reconcile import reconcile  # noqa: E402


def bare_docx(path: Path) -> None:
    import docx

    d = docx.Document(str(path))
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                _ = cell.text


def bare_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(str(path), data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            _ = row


def bare_xls(path: Path) -> None:
    import xlrd

    wb = xlrd.open_workbook(str(path), formatting_info=True)
    for sh in wb.sheets():
        for r in range(sh.nrows):
            _ = sh.row_values(r)


def bare_pdf(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_tables()


BARE: dict[str, Callable[[Path], None]] = {".docx": bare_docx, ".xlsx": bare_xlsx, ".xls": bare_xls, ".pdf": bare_pdf}


def timed(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = [Path(f) for f in args.files] or sorted(
        p for p in (ROOT / "samples").iterdir() if p.suffix in BARE and p.stem.startswith("songjiang-2020"))
    print(f"{'file':34} {'read ms':>8} {'build+rec ms':>12} {'bare ms':>8} {'ratio':>6} {'rec ms':>7} {'peak MB':>8}")
    for f in files:
        try:
            read_document(f)
        except Exception as exc:  # a format not wired in yet
            print(f"{f.name:34} skipped: {exc}")
            continue
        read = timed(lambda f=f: read_document(f), args.repeat)
        doc = read_document(f)
        build = timed(lambda doc=doc: reconcile(build_report([doc])), args.repeat)
        report = build_report([doc])
        rec = timed(lambda report=report: reconcile(report), args.repeat)
        bare = timed(lambda f=f: BARE[f.suffix](f), args.repeat)
        tracemalloc.start()
        reconcile(build_report([read_document(f)]))
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"{f.name:34} {read * 1e3:8.1f} {build * 1e3:12.1f} {bare * 1e3:8.1f} {(read + build) / bare:6.2f} "
              f"{rec * 1e3:7.2f} {peak:8.1f}")


if __name__ == "__main__":
    main()
