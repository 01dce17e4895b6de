"""PDF reading on real documents: jueSuan's read + reconcile against pdfplumber's ``extract_tables``
on the same pages, a whole-process ``reconcile``, peak RSS, and ``batch`` throughput.

Run on demand:  python benchmarks/bench_pdf.py [--repeat N] [--json OUT] [--batch-copies K] [FILE ...]
Default files: every PDF of ../shared/real (the real published documents), else the PDF samples.

Per file it prints: pages; ``ours`` = read + build + reconcile in this process (median of N);
``plumber`` = ``pdfplumber.open`` + ``extract_tables()`` on every page, the least a user of
pdfplumber does to get the tables (median of N); their ratio; ``proc`` = the wall time of a whole
``python -m jueSuan reconcile --format json FILE`` process (start-up and imports included, median of N); and the
peak RSS of that process (MB). Then ``batch --jobs 2`` over the files (each copied ``--batch-copies``
times under distinct names) in documents per second.

To measure another tree of the project (e.g. the reader before a change) with the same script:
``PYTHONPATH=/path/to/old/tree python benchmarks/bench_pdf.py``: ``jueSuan`` is imported from there.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(ROOT))

_PROC = """
import resource, sys, subprocess
r = subprocess.run([sys.executable, "-m", "jueSuan", "reconcile", "--format", "json", sys.argv[1]], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(r.returncode, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime)
"""


def bare_pdf(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def ours(path: Path) -> None:
    from jueSuan.builders import build_report
    from jueSuan.readers import ReadError, read_document
    from jueSuan.reconcile import reconcile

    with contextlib.suppress(ReadError):
        reconcile(build_report([read_document(path)]))


def timed(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def process(path: Path, repeat: int) -> tuple[float, float, int, float]:
    """Wall time, peak RSS (MB), exit code and CPU time (user + system: what a shared machine's load
    does not inflate much) of a whole ``jueSuan reconcile`` process."""
    times, peaks, cpus, code = [], [], [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", _PROC, str(path)], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT))})
        times.append(time.perf_counter() - t0)
        rc, peak, cpu = out.stdout.split()
        code = int(rc)
        peaks.append(float(peak))
        cpus.append(float(cpu))
    return statistics.median(times), max(peaks), code, statistics.median(cpus)


def pages(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def batch_rate(files: list[Path], copies: int, jobs: int) -> tuple[int, float]:
    folder = Path(tempfile.mkdtemp(prefix="juesuan-pdfbench-"))
    try:
        for f in files:
            for i in range(copies):
                shutil.copy(f, folder / f"{f.stem}-{i:03d}.pdf")
        n = len(files) * copies
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "jueSuan", "batch", "--jobs", str(jobs), "--out",
                        str(folder / "out.jsonl"), str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT))}, check=False)
        return n, n / (time.perf_counter() - t0)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def compare(before: Path, after: Path) -> None:
    """A per-document table of two runs' JSON (``--json``): before and after a change."""
    b = {r["file"]: r for r in json.loads(before.read_text(encoding="utf-8"))["files"]}
    a_all = json.loads(after.read_text(encoding="utf-8"))
    a = {r["file"]: r for r in a_all["files"]}
    print("| document | pages | read+reconcile s before → after | ratio to extract_tables before → after "
          "| process CPU s before → after | peak RSS MB before → after |")
    print("|---|---|---|---|---|---|")
    for name in sorted(set(a) & set(b)):
        x, y = b[name], a[name]
        print(f"| {name} | {y['pages']} | {x['ours']:.3f} → {y['ours']:.3f} | {x['ratio']:.2f} → {y['ratio']:.2f} "
              f"| {x.get('process_cpu', float('nan')):.3f} → {y.get('process_cpu', float('nan')):.3f} "
              f"| {x['rss_mb']:.0f} → {y['rss_mb']:.0f} |")
    bb = json.loads(before.read_text(encoding="utf-8"))["batch"]
    print(f"\nbatch --jobs {a_all['batch']['jobs']}: {bb['per_second']:.2f} → {a_all['batch']['per_second']:.2f} PDFs/s")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"),
                    help="print a per-document table of two --json results and exit")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--batch-copies", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    if args.compare:
        compare(*args.compare)
        return 0
    files = args.files or (sorted(REAL.rglob("*.pdf")) if REAL.is_dir() else sorted((ROOT / "samples").glob("*.pdf")))
    import jueSuan

    print(f"jueSuan from {Path(jueSuan.__file__).parent}")
    print(f"{'file':48} {'pages':>5} {'ours s':>7} {'plumber s':>9} {'ratio':>6} {'proc s':>7} {'CPU s':>6} {'RSS MB':>7}")
    rows = []
    for f in files:
        ours(f)  # warm: imports and the first-use cost are in ``proc``
        t_ours = timed(lambda f=f: ours(f), args.repeat)
        t_bare = timed(lambda f=f: bare_pdf(f), args.repeat)
        t_proc, rss, code, cpu = process(f, args.repeat)
        row = {"file": f.name, "pages": pages(f), "ours": round(t_ours, 4), "plumber": round(t_bare, 4),
               "ratio": round(t_ours / t_bare, 3), "process": round(t_proc, 3), "process_cpu": round(cpu, 3),
               "rss_mb": round(rss, 1), "exit": code}
        rows.append(row)
        print(f"{f.name[-48:]:48} {row['pages']:5} {t_ours:7.3f} {t_bare:9.3f} {row['ratio']:6.2f} {t_proc:7.3f} "
              f"{cpu:6.3f} {rss:7.1f}", flush=True)
    ratios = [r["ratio"] for r in rows]
    procs = [r["process"] for r in rows]
    print(f"median ratio {statistics.median(ratios):.2f} (max {max(ratios):.2f}); "
          f"median process {statistics.median(procs):.3f} s (max {max(procs):.3f} s), CPU "
          f"{statistics.median(r['process_cpu'] for r in rows):.3f} s; "
          f"max RSS {max(r['rss_mb'] for r in rows):.0f} MB")
    n, rate = batch_rate(files, args.batch_copies, args.jobs)
    print(f"batch --jobs {args.jobs}: {n} PDFs at {rate:.2f} PDFs/s")
    if args.json:
        args.json.write_text(json.dumps({"files": rows, "batch": {"jobs": args.jobs, "n": n, "per_second": rate}},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
