"""What the bounded reconcile costs: whole-process time of ``python -m jueSuan reconcile FILE`` with
the work in a forked child (the default) and in the process itself (``JUESUAN_ISOLATE=0``).

Run on demand:  python benchmarks/bench_isolate.py [--repeat N] [FILE...]
Prints per file the median wall time of each mode, the difference and the ratio. The two modes are
run alternately, so that a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(path: Path, isolate: bool) -> float:
    env = {**os.environ, "JUESUAN_ISOLATE": "1" if isolate else "0"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "jueSuan", "reconcile", str(path), "--format", "json"], env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path,
                    default=[ROOT / "samples" / "songjiang-2020.docx", ROOT / "samples" / "songjiang-2020.xlsx",
                             ROOT / "samples" / "songjiang-2020.pdf"])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args(argv)
    print(f"{'file':32s} {'in-process':>11s} {'forked':>9s} {'overhead':>9s} {'ratio':>6s}")
    for path in args.files:
        inproc: list[float] = []
        forked: list[float] = []
        for _ in range(args.repeat):
            inproc.append(_run(path, isolate=False))
            forked.append(_run(path, isolate=True))
        a, b = statistics.median(inproc), statistics.median(forked)
        print(f"{path.name:32s} {a * 1000:9.0f} ms {b * 1000:6.0f} ms {(b - a) * 1000:+6.0f} ms {b / a:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
