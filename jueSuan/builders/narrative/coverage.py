"""How much of the 情况说明 is checked: never a silent zero."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ...models import Coverage, Quote
from .section import Section


def reason_kind(how: str) -> str:
    """The reason's kind: the text before its first "：" (表中没有, 上年数, 绑定不明确…)."""
    return how.split("：", 1)[0]


def coverage(section: Section, quotes: Sequence[Quote]) -> Coverage:
    if not section.paragraphs:
        return Coverage(False, section.how, name=section.name)
    unchecked = Counter(reason_kind(q.binding.how) for q in quotes if q.binding is not None and not q.binding.checked)
    checked = sum(1 for q in quotes if q.binding is not None and q.binding.checked)
    return Coverage(True, section.how, len(section.paragraphs), len(quotes), checked,
                    tuple(sorted(unchecked.items(), key=lambda kv: (-kv[1], kv[0]))), section.name)
