"""Throughput and memory: documents per second per core for each format, peak memory of a worker,
and batch scaling from 1 to all cores.

Run on demand:  python benchmarks/bench_batch.py [--copies 20] [--folder DIR]
Without --folder, the Songjiang samples (docx, xlsx, xls, pdf) are copied --copies times into a
temporary folder (each copy a distinct file, so nothing is cached between them).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jueSuan.batch import batch, default_jobs  # noqa: E402

_PEAK = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from jueSuan.batch import check_file
files = json.loads(sys.argv[1])
t = time.perf_counter()
for f in files:
    check_file(f)
print(json.dumps({{"seconds": time.perf_counter() - t, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def make_folder(copies: int) -> Path:
    d = Path(tempfile.mkdtemp(prefix="juesuan-bench-"))
    for src in sorted((ROOT / "samples").glob("songjiang-2020*.*")):
        if src.suffix not in (".docx", ".xlsx", ".xls", ".pdf"):
            continue
        for i in range(copies):
            shutil.copy(src, d / f"{src.stem}-{i:04d}{src.suffix}")
    return d


def one_worker(files: list[Path]) -> dict[str, float]:
    """A fresh process reads and reconciles the files one after another: time and peak RSS."""
    out = subprocess.run([sys.executable, "-c", _PEAK.format(root=str(ROOT)), json.dumps([str(f) for f in files])],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--folder")
    args = ap.parse_args()
    folder = Path(args.folder) if args.folder else make_folder(args.copies)
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".docx", ".xlsx", ".xls", ".pdf"))
    print(f"{len(files)} files in {folder}")
    print(f"{'format':8} {'files':>6} {'docs/s/core':>12} {'ms/doc':>8} {'peak MB':>8}")
    for ext in (".docx", ".xlsx", ".xls", ".pdf"):
        subset = [f for f in files if f.suffix == ext]
        if not subset:
            continue
        r = one_worker(subset)
        print(f"{ext:8} {len(subset):6} {len(subset) / r['seconds']:12.1f} {1000 * r['seconds'] / len(subset):8.1f} "
              f"{r['peak_mb']:8.1f}")
    cores = default_jobs()
    print(f"\nbatch scaling over all {len(files)} files ({cores} cores):")
    base = None
    for jobs in range(1, cores + 1):
        t = time.perf_counter()
        summary = batch([folder], jobs=jobs)
        dt = time.perf_counter() - t
        rate = summary.files / dt
        base = base or rate
        print(f"  --jobs {jobs}: {rate:7.1f} files/s  (x{rate / base:.2f})")
    if not args.folder:
        shutil.rmtree(folder)
    print(f"(cpu count {os.cpu_count()})")


if __name__ == "__main__":
    main()
