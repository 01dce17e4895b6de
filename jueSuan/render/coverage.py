"""The narrative's coverage (``Report.coverage``) as every output prints it: how many figures the
情况说明 quotes, how many were checked, the rest by reason, or that no 情况说明 was found (never a
silent zero)."""

from __future__ import annotations

from typing import Any

from ..models import Coverage


def coverage_text(cov: Coverage | None) -> str:
    """One line: ``情况说明 引用数字 161 · 已核对 110 · 未核对 51（表中没有 50，原因说明 1）``."""
    if cov is None:
        return "情况说明 未读取（本文件未做情况说明核对）"
    if not cov.found:
        return f"情况说明 未找到：{cov.how}；文字部分未核对"
    unchecked = cov.quoted - cov.checked
    reasons = "，".join(f"{why} {n}" for why, n in cov.unchecked)
    text = f"情况说明 引用数字 {cov.quoted} · 已核对 {cov.checked} · 未核对 {unchecked}"
    if reasons:
        text += f"（{reasons}）"
    if cov.quoted and not cov.checked:
        text += "；没有一个数字得到核对"
    return text


def coverage_dict(cov: Coverage | None) -> dict[str, Any] | None:
    """The ``coverage`` object of the JSON output (docs/json.md); None where the narrative was not examined."""
    if cov is None:
        return None
    return {"found": cov.found, "how": cov.how, "paragraphs": cov.paragraphs, "quoted": cov.quoted,
            "checked": cov.checked, "unchecked": cov.quoted - cov.checked,
            "unchecked_by_reason": [{"reason": why, "count": n} for why, n in cov.unchecked]}


__all__ = ["coverage_dict", "coverage_text"]
