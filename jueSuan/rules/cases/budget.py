"""Cases of the 预算 rules (BG) and of 决算 against its 预算 or the year before (XD)."""

from __future__ import annotations

from .model import Case

FIXED = "songjiang-2020-fixed.docx"  # the 松江 2020 决算, every table consistent with the others

CASES: tuple[Case, ...] = (
)
