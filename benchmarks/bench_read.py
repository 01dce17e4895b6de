"""Read + reconcile time per format against the bare library's own open/extract of the same file.

Run on demand:  python benchmarks/bench_read.py [--repeat N] [--real] [FILE ...]
Prints, per file: our read time, the build+reconcile time, the bare-library time, the ratio
((read + build+reconcile) / bare), the reconcile time alone, and the peak RSS of a fresh process that
reads and reconciles the file. The bare baselines are the fastest honest way to get every cell out
with each format's library: for .docx a raw-XML walk of every cell of word/document.xml (lxml, the
parser python-docx uses; python-docx's cell API is 8.5× slower and would flatter us); for .xlsx
openpyxl's read-only iteration of every sheet's values (not a full load); for .xls xlrd
``open_workbook`` plus every sheet's values; for .pdf pdfplumber ``extract_tables()`` on every page.
``--real``: also every PDF of ../shared/real (see benchmarks/bench_pdf.py for those in detail).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jueSuan.builders import build_report  # noqa: E402
from jueSuan.readers import read_document  # noqa: E402
from jueSuan.reconcile import reconcile  # noqa: E402

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def bare_docx(path: Path) -> None:
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    for tc in root.iter(_W + "tc"):
        _ = "".join(t.text or "" for t in tc.iter(_W + "t"))


def bare_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                _ = row
    finally:
        wb.close()


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


_PEAK = """
import json, resource, sys
sys.path.insert(0, {root!r})
from jueSuan.builders import build_report
from jueSuan.readers import read_document
from jueSuan.reconcile import reconcile
reconcile(build_report([read_document(sys.argv[1])]))
print(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
"""


def peak_rss_mb(path: Path) -> float:
    """Peak RSS (MB) of a fresh process that reads and reconciles ``path`` (imports included)."""
    out = subprocess.run([sys.executable, "-c", _PEAK.format(root=str(ROOT)), str(path)], capture_output=True,
                         text=True, check=True)
    return float(json.loads(out.stdout))


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
    ap.add_argument("--real", action="store_true", help="also every PDF of ../shared/real")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = [Path(f) for f in args.files] or sorted(
        p for p in (ROOT / "samples").iterdir() if p.suffix in BARE and p.stem.startswith("songjiang-2020"))
    if args.real:
        files += sorted((ROOT.parent / "shared" / "real").rglob("*.pdf"))
    print(f"{'file':34} {'read ms':>8} {'build+rec ms':>12} {'bare ms':>8} {'ratio':>6} {'rec ms':>7} {'RSS MB':>8}")
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
        peak = peak_rss_mb(f)
        print(f"{f.name[-34:]:34} {read * 1e3:8.1f} {build * 1e3:12.1f} {bare * 1e3:8.1f} {(read + build) / bare:6.2f} "
              f"{rec * 1e3:7.2f} {peak:8.1f}")


if __name__ == "__main__":
    main()
