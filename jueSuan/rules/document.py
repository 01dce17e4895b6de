"""Checks on the document as a whole (RULES.md, D-1..D-3)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..models import PUBLIC_TABLES, Line
from ..text import norm
from .engine import Check, rule


@rule("DC001", "document.public_tables", "公开表齐全：九张部门决算公开表均应列示（基金、国资表可为空表附说明）",
      severity=Severity.WARNING, source="D-1")
def dc001(c: Check) -> Iterator[Finding]:
    """All nine public tables are present. Tables 8 and 9 may be empty with their 说明, but
    they are still printed. Missing tables are warnings: the check cannot tell a table left out
    of the disclosure from one left out of the files given to jueSuan. A file with none of the
    public tables (a file of 绩效自评表 only) is not held to this."""
    if not any(c.table(kind) is not None for kind in PUBLIC_TABLES):
        return  # not a 部门决算 table set (e.g. a file of 绩效自评表 only)
    for kind in PUBLIC_TABLES:
        if c.table(kind) is None:
            yield c.finding(c.severity, kind.canonical_title, "全表", f"未找到{kind.canonical_title}（{kind.short}）", [])


@rule("DC002", "document.year_unit", "年度、单位名称前后一致；每张表注明金额单位", severity=Severity.WARNING, source="D-2")
def dc002(c: Check) -> Iterator[Finding]:
    """The year in table titles and headings is the same throughout, and every table states the
    unit of its amounts (单位：万元)."""
    years: dict[int, list[str]] = {}
    for year, where in c.report.stated_years:  # read by the builders (builders/identity.py)
        years.setdefault(year, []).append(where)
    if len(years) > 1:
        main = max(years, key=lambda y: len(years[y]))
        for y, where in sorted(years.items()):
            if y != main:
                yield c.finding(c.severity, where[0], "年度",
                                f"「{where[0]}」写的是{y}年度，而文件其余部分为{main}年度", [])
    for t in c.report.tables:
        if t.unit is None and any(f.is_number for ln in t.lines for f in ln.figures):
            yield c.finding(c.severity, t.display_title, "单位", f"{t.display_title}未注明金额单位（单位：万元/元）",
                            [])
    if c.report.unit_name:
        name = norm(c.report.unit_name)
        for named, heading in c.report.heading_names:
            if named != name:
                yield c.finding(c.severity, heading, "单位名称", f"「{heading}」中的单位名称“{named}”与“{name}”不一致", [])


def _name(label: str) -> str:
    return norm(label).replace("（", "(").replace("）", ")")


@rule("DC003", "document.code_names", "同一科目编码在各表中名称一致", severity=Severity.WARNING, source="D-3",
      documents="any")
def dc003(c: Check) -> Iterator[Finding]:
    """The same classification code carries the same name in every table where it appears."""
    first: dict[str, tuple[Line, str]] = {}
    for t in c.report.tables:
        for ln in t.lines:
            if not ln.code or not norm(ln.label):  # a code read without its name says nothing about names
                continue
            seen = first.get(ln.code)
            if seen is None:
                first[ln.code] = (ln, t.display_title)
            elif _name(seen[0].label) != _name(ln.label):
                f = ln.figures[0] if ln.figures else None
                figs = [(1, ln.label, f)] if f is not None else []
                yield c.finding(c.severity, t.display_title, f"{ln.code} {ln.label}",
                                f"科目 {ln.code} 在{seen[1]}中名为「{seen[0].label}」，在{t.display_title}中名为「{ln.label}」",
                                figs)

#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (dc001, dc002, dc003)
