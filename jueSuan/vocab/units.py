"""The units of money as a heading prints them in brackets: 项目资金（万元）, 年初预算数（元）.

The unit line of a table (``单位：万元``) is read by ``numbers.detect_unit``; these are the bracketed
units of the performance tables' headings (builders/performance.py, builders/budget_targets.py).
Keys are the names of ``numbers.Unit``.
"""

from __future__ import annotations

import re

from . import Term, Vocabulary, vocabulary

BRACKETED_UNITS = vocabulary("units.bracketed", "表头括注的金额单位 (项目资金（万元）)：先长后短", (
    Term("WAN", "万元", ("万元",)),
    Term("QIAN", "千元", ("千元",)),
    Term("YUAN", "元", ("元",)),
))

# 「（万元）」: group 1 is the unit's spelling
IN_BRACKETS = re.compile(r"[(（](" + "|".join(s for t in BRACKETED_UNITS for s in t.spellings) + r")[)）]")

VOCABULARIES: tuple[Vocabulary, ...] = (BRACKETED_UNITS,)
