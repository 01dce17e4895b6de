"""Text output for a terminal: per report the summary line first, then the findings by severity
(errors, warnings, rounding, not checked; info only when verbose), each with its figures and where
they are printed; then what was not placed and which rules did not apply. Columns are aligned by
display width (a CJK character takes two cells). Colour only when asked (a terminal without
NO_COLOR)."""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import TextIO

from ..findings import Finding, Findings, Severity
from ..models import Report
from ..rules.engine import fmt, fmt_bound
from . import Outcome, read_error_text, table_places
from .coverage import coverage_text

SEVERITY_ZH = {Severity.INTERNAL: "内部错误", Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.ROUNDING: "舍入",
               Severity.INFO: "提示", Severity.UNCHECKED: "未检查"}
_SEV = {s: f"{zh} {s.label}" for s, zh in SEVERITY_ZH.items()}
_ORDER = (Severity.INTERNAL, Severity.ERROR, Severity.WARNING, Severity.ROUNDING, Severity.UNCHECKED, Severity.INFO)
_COLOR = {Severity.INTERNAL: "1;35", Severity.ERROR: "1;31", Severity.WARNING: "33", Severity.ROUNDING: "36", Severity.INFO: "2",
          Severity.UNCHECKED: "35"}


def use_color(stream: TextIO | None = None) -> bool:
    """Colour on a terminal, unless NO_COLOR is set (https://no-color.org); FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def width(text: str) -> int:
    """Display width in terminal cells: wide and full-width characters (CJK) take two."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def pad(text: str, n: int, right: bool = False) -> str:
    fill = " " * max(0, n - width(text))
    return fill + text if right else text + fill


def align(rows: Sequence[Sequence[str]], headers: Sequence[str] = (), right: Sequence[int] = (),
          indent: str = "") -> list[str]:
    """Rows as lines with columns aligned by display width; ``right``: columns aligned right."""
    table = [list(headers)] if headers else []
    table += [[str(c) for c in r] for r in rows]
    if not table:
        return []
    n = max(len(r) for r in table)
    widths = [max(width(r[i]) if i < len(r) else 0 for r in table) for i in range(n)]
    out = []
    for k, r in enumerate(table):
        cells = [pad(r[i] if i < len(r) else "", widths[i], i in right) for i in range(n)]
        out.append((indent + "  ".join(cells)).rstrip())
        if headers and k == 0:
            out.append(indent + "  ".join("-" * w for w in widths))
    return out


def _paint(text: str, sev: Severity, color: bool) -> str:
    return f"\x1b[{_COLOR[sev]}m{text}\x1b[0m" if color else text


def money(d: object, unit: str | None) -> str:
    """A difference with its unit: -1,957.24万元."""
    return f"{fmt(d)}{unit or ''}" if d is not None else ""  # type: ignore[arg-type]


def summary_line(findings: Findings, verbose: bool = False) -> str:
    parts = []
    for s in _ORDER:
        n = findings.count(s)
        if s is Severity.INTERNAL and not n:
            continue  # shown only when a rule failed
        hint = "（-v 显示）" if s is Severity.INFO and n and not verbose else ""
        parts.append(f"{_SEV[s]} {n}{hint}")
    parts.append(f"不适用 not applicable {len(findings.not_applicable)}")
    return "结果 summary：" + " · ".join(parts)


def _finding_lines(f: Finding, color: bool, report: Report) -> list[str]:
    head = f"{f.rule}  {_paint(_SEV[f.severity], f.severity, color)}"
    if f.difference is not None:
        head += f"  差额 {money(f.difference, f.unit)}"
        if f.bound is not None:
            head += f"（舍入容差 ±{fmt_bound(f.bound)}）"
    lines = [head, f"    {f.message}"]
    figures = [(t.printed, t.ref.where()) for t in f.terms]
    if len(figures) > 8:  # a long sum: the total and the first terms, and how many more
        figures = [*figures[:6], ("…", f"另 {len(figures) - 7} 项"), figures[-1]]
    lines += align([("→", v, w) for v, w in figures], right=(1,), indent="    ")
    lines += [f"    → {place}" for place in table_places(report, f)]
    return lines


def render_text(outcomes: list[Outcome], min_severity: Severity = Severity.UNCHECKED, *, verbose: bool = False,
                color: bool = False, quiet: bool = False) -> str:
    """The text report. Info findings are listed only when ``verbose``; ``quiet`` prints the
    findings alone (no header, summary, unplaced or not-applicable lists)."""
    out: list[str] = []
    for o in outcomes:
        if o.error is not None:
            out.append(f"== {o.label}：{read_error_text(o.error)}")
            continue
        assert o.report is not None and o.findings is not None
        r, fs = o.report, o.findings
        shown = [f for f in fs if f.severity.rank >= min_severity.rank
                 and (verbose or f.severity is not Severity.INFO)]
        if not quiet:
            unit = r.unit.label if r.unit else "未注明"
            out.append(f"== {o.label}")
            out.append(summary_line(fs, verbose))
            out.append(f"   {coverage_text(r.coverage)}")
            out.append(f"   文件类型 {r.kind.value if r.kind else '未能判断'}"
                       + (f"（据「{r.kind_evidence[:40]}」）" if r.kind_evidence else "")
                       + (f" · 未提供：{'、'.join(r.missing_parts)}" if r.missing_parts else ""))
            out.append(f"   单位 {r.unit_name or '?'} · 年度 {r.year or '?'} · 金额单位 {unit} · "
                       f"识别表格 {len(r.tables)}: " + " ".join(t.kind.short for t in r.tables))
            if not any(f.severity.rank >= Severity.WARNING.rank for f in fs):
                out.append(_paint("✓ 全部通过：没有错误或警告 (all checks passed: no error, no warning)",
                                  Severity.ROUNDING, color))
        for sev in _ORDER:
            items = sorted((f for f in shown if f.severity is sev), key=lambda f: (f.order, f.rule))
            if not items:
                continue
            out.append("")
            out.append(_paint(f"【{_SEV[sev]}：{len(items)}】", sev, color))
            for f in items:
                out.extend(_finding_lines(f, color, r))
        if quiet:
            continue
        if r.unplaced:
            out.append("")
            out.append(f"【未能归位 not placed：{len(r.unplaced)}】")
            out.extend(align([[u.what[:40], u.ref.where(), u.text[:30].replace("\n", " "), u.reason[:60]]
                              for u in r.unplaced], headers=["内容", "位置", "文字", "原因"], indent="  "))
        if fs.not_applicable:
            out.append("")
            out.append("【不适用 not applicable】 " + "; ".join(f"{n.rule}（{n.reason}）" for n in fs.not_applicable))
        out.append("")
    return "\n".join(out)


def render_statistics(outcomes: list[Outcome], verbose: bool = True) -> str:
    """Counts per rule and severity over every report (``--statistics``), most first."""
    from collections import Counter

    from ..reconcile import default_rules

    counts: Counter[tuple[str, Severity]] = Counter()
    for o in outcomes:
        for f in o.findings or ():
            counts[(f.rule, f.severity)] += 1
    summaries = {r.id: r.summary for r in default_rules()}
    rows = [[str(n), rule, _SEV[sev], summaries.get(rule, "")[:60]]
            for (rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[0][1].rank, -kv[1], kv[0][0]))]
    unread = sum(1 for o in outcomes if o.error is not None)
    lines = align(rows, headers=["数量", "规则", "级别", "说明"], right=(0,))
    if unread:
        lines.append(f"无法读取的文件 unreadable files: {unread}")
    return "\n".join(lines) if lines else "没有发现 no findings"


def render_summary(summary: object) -> str:
    """The end-of-batch table: files, errors by rule, unreadable files by reason."""
    s = summary  # a jueSuan.batch.Summary
    lines = [f"文件 files {s.files}（正常 ok {s.ok}，无法读取 unreadable {sum(s.unreadable.values())}，"  # type: ignore[attr-defined]
             f"本次跳过（已完成）skipped as already done {s.skipped}）用时 {s.seconds:.1f} s；"  # type: ignore[attr-defined]
             f"有错误的文件 files with errors {s.files_with_errors}"]  # type: ignore[attr-defined]
    if s.by_severity:  # type: ignore[attr-defined]
        lines.append("发现 findings: " + ", ".join(f"{k} {v}" for k, v in sorted(s.by_severity.items())))  # type: ignore[attr-defined]
    for p in getattr(s, "paired", []):
        lines.append(f"合并为一份报告 paired (one report): {p}")
    if s.errors_by_rule:  # type: ignore[attr-defined]
        lines += align(sorted(([k, str(v)] for k, v in s.errors_by_rule.items()),  # type: ignore[attr-defined]
                              key=lambda kv: (-int(kv[1]), kv[0])), headers=["规则 rule", "错误 errors"], right=(1,))
    if s.unreadable:  # type: ignore[attr-defined]
        lines += align(sorted(([k, str(v)] for k, v in s.unreadable.items()),  # type: ignore[attr-defined]
                              key=lambda kv: (-int(kv[1]), kv[0])),
                       headers=["无法读取：原因 unreadable: reason", "文件 files"], right=(1,))
    return "\n".join(lines)
