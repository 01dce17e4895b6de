"""Renderers: one reconciled report (or a read error) to text, JSON, HTML, xlsx and the CI formats."""

from __future__ import annotations

import attrs

from ..findings import Finding, Findings
from ..models import Report
from ..readers import ReadError
from ..readers.base import one_line

REASON_ZH = {
    "not-found": "文件不存在",
    "unsupported-format": "不支持的文件格式",
    "wrong-format": "文件内容与扩展名不符",
    "truncated": "文件不完整（已损坏）",
    "encrypted": "文件有密码保护",
    "empty": "文件为空",
    "no-tables": "文件中没有表格",
    "no-recognised-table": "没有可识别的决算表",
    "malformed": "文件格式错误",
    "no-text-layer": "扫描件（没有文字层）",
    "too-large": "文件超出处理限制",
    "timeout": "处理超时",
    "crashed": "处理进程异常退出",
}


def read_error_text(error: ReadError) -> str:
    """A read error in one line, the file first, then in Chinese: FILE: 无法读取：文件不完整（已损坏）（detail） [truncated]."""
    zh = REASON_ZH.get(error.reason.value, "")
    return one_line(f"{error.path}: 无法读取：{zh}（{error.detail}） [{error.reason.value}]")


def table_places(report: Report, finding: Finding) -> list[str]:
    """For a finding that cites no figure (a missing note, a table said to be empty…): where the
    tables it names are printed, so that it too can be found in the document."""
    if finding.terms:
        return []
    named = [t for t in report.tables if t.display_title in finding.table or t.kind.canonical_title in finding.table]
    # 支出决算表 is inside 政府性基金预算财政拨款收入支出决算表: a title inside another named one is not named
    named = [t for t in named if not any(t is not u and t.kind.canonical_title in u.kind.canonical_title for u in named)]
    out = []
    for t in named:
        page = f" · 第{t.ref.page}页" if t.ref.page is not None else ""
        sheet = f" · 工作表「{t.ref.sheet}」" if t.ref.sheet and not page else ""
        out.append(f"{t.printed_name}{page}{sheet}")
    return out


@attrs.frozen
class Outcome:
    """One report's result: either the report and its findings, or the error that stopped it."""

    label: str
    report: Report | None = None
    findings: Findings | None = None
    error: ReadError | None = None
