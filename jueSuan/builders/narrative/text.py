"""Text normalisation shared by the narrative builders."""

from __future__ import annotations

import re
import unicodedata

# a number followed by a unit: the quantities of the narrative
QUANTITY = re.compile(
    r"(?<![\d.,])(\d+(?:,\d{3})*(?:\.\d+)?)(亿元|万元|千元|万(?!元)|元|%|个|人次|人|辆|项|分|平方米|台|套|次|批次)"
)


def normalise(text: str) -> tuple[str, list[int]]:
    """NFKC, every space and line break removed; and for each character kept, its index in ``text``."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch)
        if not n or n.isspace() or n in "\u200b\ufeff":
            continue
        for c in n:
            chars.append(c)
            where.append(i)
    return "".join(chars), where
