from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def published() -> Path:
    return SAMPLES / "songjiang-2020.docx"


@pytest.fixture(scope="session")
def fixed() -> Path:
    return SAMPLES / "songjiang-2020-fixed.docx"
