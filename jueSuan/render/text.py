"""Text output: findings grouped by table, as tabulate tables, then what was not placed."""

from __future__ import annotations

from collections import defaultdict

from tabulate import tabulate

from ..findings import Finding, Severity
from ..rules.engine import fmt, fmt_bound
from . import Outcome

_SEV = {Severity.ERROR: "错误 error", Severity.WARNING: "警告 warning", Severity.ROUNDING: "舍入 rounding",
        Severity.INFO: "提示 info", Severity.UNCHECKED: "未检查 unchecked"}


def _row(f: Finding) -> list[str]:
    refs = list(dict.fromkeys(t.ref.short() for t in f.terms))
    where = "; ".join(refs[:3]) + (f" …(+{len(refs) - 3})" if len(refs) > 3 else "")
    return [
        f.rule,
        _SEV[f.severity],
        f.line,
        "" if f.difference is None else fmt(f.difference),
        "" if f.bound is None else f"±{fmt_bound(f.bound)}",
        where,
        f.message,
    ]


def render_text(outcomes: list[Outcome], min_severity: Severity = Severity.UNCHECKED) -> str:
    out: list[str] = []
    for o in outcomes:
        if o.error is not None:
            out.append(f"== {o.label}: 无法读取 cannot read: {o.error}")
            continue
        assert o.report is not None and o.findings is not None
        r = o.report
        unit = r.unit.label if r.unit else "未注明"
        out.append(f"== {o.label}")
        out.append(f"   文件类型 {r.kind.value if r.kind else '未能判断'}"
                   + (f"（据「{r.kind_evidence[:40]}」）" if r.kind_evidence else "")
                   + (f" · 未提供：{'、'.join(r.missing_parts)}" if r.missing_parts else ""))
        out.append(f"   单位 {r.unit_name or '?'} · 年度 {r.year or '?'} · 金额单位 {unit} · "
                   f"识别表格 {len(r.tables)}: " + " ".join(t.kind.short for t in r.tables))
        groups: dict[str, list[Finding]] = defaultdict(list)
        for f in o.findings:
            if f.severity.rank >= min_severity.rank:
                groups[f.table].append(f)
        for table, items in groups.items():
            out.append("")
            out.append(f"【{table}】")
            out.append(tabulate([_row(f) for f in items],
                                headers=["规则", "级别", "行", "差额", "容差", "位置", "说明"],
                                tablefmt="simple", maxcolwidths=[None, None, 24, None, None, 28, 70],
                                disable_numparse=True))
        if r.unplaced:
            out.append("")
            out.append(f"【未能归位 not placed: {len(r.unplaced)}】")
            out.append(tabulate([[u.what, u.ref.short(), u.text[:30], u.reason] for u in r.unplaced],
                                headers=["内容", "位置", "文字", "原因"], tablefmt="simple", disable_numparse=True,
                                maxcolwidths=[40, None, None, 60]))  # text cut to 30 above: wrapping it
                                # would make tabulate parse "2,224.43" as a number and fail
        if o.findings.not_applicable:
            out.append("")
            out.append("【不适用 not applicable】 " + "; ".join(f"{n.rule}（{n.reason}）" for n in o.findings.not_applicable))
        counts = {s: o.findings.count(s) for s in Severity}
        out.append("")
        out.append("合计 summary: " + ", ".join(f"{s.label} {n}" for s, n in counts.items()))
        out.append("")
    return "\n".join(out)


def render_summary(summary: object) -> str:
    """The end-of-batch table: files, errors by rule, unreadable files by reason."""
    s = summary  # a jueSuan.batch.Summary
    lines = [f"files {s.files} (ok {s.ok}, unreadable {sum(s.unreadable.values())}, "  # type: ignore[attr-defined]
             f"skipped as already done {s.skipped}) in {s.seconds:.1f} s; "  # type: ignore[attr-defined]
             f"files with errors {s.files_with_errors}"]  # type: ignore[attr-defined]
    if s.by_severity:  # type: ignore[attr-defined]
        lines.append("findings: " + ", ".join(f"{k} {v}" for k, v in sorted(s.by_severity.items())))  # type: ignore[attr-defined]
    for p in getattr(s, "paired", []):
        lines.append(f"paired (one report): {p}")
    if s.errors_by_rule:  # type: ignore[attr-defined]
        lines.append(tabulate(sorted(s.errors_by_rule.items(), key=lambda kv: (-kv[1], kv[0])),  # type: ignore[attr-defined]
                              headers=["rule", "errors"], tablefmt="simple"))
    if s.unreadable:  # type: ignore[attr-defined]
        lines.append(tabulate(sorted(s.unreadable.items(), key=lambda kv: (-kv[1], kv[0])),  # type: ignore[attr-defined]
                              headers=["unreadable: reason", "files"], tablefmt="simple"))
    return "\n".join(lines)
