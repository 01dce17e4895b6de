"""Whole-process time of the command line: the interpreter's start, the imports, the read and the report.

Run on demand:  python benchmarks/bench_startup.py [--repeat N] [--tree PATH]
Prints, for `import jueSuan`, `python -m jueSuan --help` and `reconcile samples/songjiang-2020.docx`, the median
wall time and CPU time (user + system, children included) over N runs. ``--tree`` runs the same commands from
another checkout (an older commit in a git worktree, say) so that before and after are measured alike.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = {
    "import jueSuan": ["-c", "import jueSuan"],
    "--help": ["-m", "jueSuan", "--help"],
    "reconcile songjiang-2020.docx": ["-m", "jueSuan", "reconcile", "samples/songjiang-2020.docx"],
}


def measure(args: list[str], tree: Path, repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``python ARGS`` run from ``tree``."""
    walls, cpus = [], []
    env = {**os.environ, "PYTHONPATH": str(tree)}
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=tree, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to run (default: this one)")
    args = parser.parse_args()
    print(f"{'command':32s} {'wall s':>8s} {'cpu s':>8s}   ({args.tree})")
    for name, cmd in COMMANDS.items():
        wall, cpu = measure(cmd, args.tree.resolve(), args.repeat)
        print(f"{name:32s} {wall:8.3f} {cpu:8.3f}")


if __name__ == "__main__":
    main()
