from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is installed by the test extra")
def test_ruff_clean() -> None:
    p = subprocess.run(["ruff", "check", "jueSuan", "tests", "samples", "benchmarks"], cwd=ROOT, capture_output=True,
                       text=True)
    assert p.returncode == 0, p.stdout
