"""An .xlsx report: a 核对结果 sheet (findings by severity, then document order; frozen header,
filter; each row linking to its first cell), then each table as read on its own sheet named by the
table (表六 一般公共预算…), the amounts as numbers in a number format of their printed precision, the
cells a finding uses filled and commented, the header frozen."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname

from ..document import Document, Grid
from ..findings import Finding, Severity
from ..models import Figure, Report
from . import Outcome, read_error_text

_FILL = {Severity.ERROR: PatternFill("solid", fgColor="F8C4C4"), Severity.WARNING: PatternFill("solid", fgColor="FDE7B0"),
         Severity.ROUNDING: PatternFill("solid", fgColor="E4ECFB")}
_BAD = re.compile(r"[\[\]:*?/\\]")
Key = tuple[str, int | None, int | None, int | None]


def number_format(exponent: int, grouped: bool = True, percent: bool = False) -> str:
    """The Excel number format of a figure printed with ``-exponent`` decimals (1,963.59 → #,##0.00)."""
    decimals = max(0, -exponent)
    body = ("#,##0" if grouped else "0") + ("." + "0" * decimals if decimals else "")
    return body + "%" if percent else body


def _figures(report: Report) -> dict[Key, Figure]:
    """The figures the models hold, by cell: only these become numbers (codes and labels stay text)."""
    out: dict[Key, Figure] = {}
    for t in report.tables:
        for line in t.lines:
            for f in line.figures:
                if f.is_number:
                    out[(f.ref.file, f.ref.table, f.ref.row, f.ref.col)] = f
    return out


def _sheet_name(base: str, used: set[str]) -> str:
    name = _BAD.sub("", base).strip()[:31] or "表格"
    n = 2
    while name in used:
        suffix = f"({n})"
        name = _BAD.sub("", base).strip()[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def _first_body_row(grid: Grid, figures: dict[Key, Figure], file: str) -> int:
    for r in range(grid.n_rows):
        if any((file, c.ref.table, c.ref.row, c.ref.col) in figures for c in grid.rows[r]):
            return r
    return 0


def _doc_of(docs: list[Document], file: str) -> int:
    return next((i for i, d in enumerate(docs) if d.path.endswith(file)), 0)


def _ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.severity.rank, f.order, f.rule))


def write_xlsx(outcomes: list[Outcome], path: str | Path) -> None:
    wb = Workbook()
    summary = wb.active
    summary.title = "核对结果"
    summary.append(["#", "报告", "规则", "级别", "表", "行", "说明", "差额", "容差", "定位", "位置（如印）", "单位"])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    used = {"核对结果"}
    n = 0
    for o in outcomes:
        if o.error is not None or o.report is None or o.findings is None:
            summary.append(["", o.label, "", "error", "", "", read_error_text(o.error) if o.error else "无法读取"])
            continue
        docs = list(o.report.documents)
        figures = _figures(o.report)
        titles = {(t.ref.file, t.ref.table): t.printed_name for t in o.report.tables}
        findings = _ordered([f for f in o.findings if f.severity.rank >= Severity.ROUNDING.rank])
        where: dict[tuple[int, int | None], str] = {}
        marks: dict[tuple[int, int | None, int | None, int | None], list[Finding]] = defaultdict(list)
        for f in findings:
            for t in f.terms:
                marks[(_doc_of(docs, t.ref.file), t.ref.table, t.ref.row, t.ref.col)].append(f)
        for di, d in enumerate(docs):
            file = Path(d.path).name
            for g in d.grids:
                title = titles.get((g.ref.file, g.index)) or f"表格{g.index + 1}"
                ws = wb.create_sheet(_sheet_name(title, used))
                where[(di, g.index)] = ws.title
                head = ws.cell(1, 1, f"{title} · {file}" + (f" · 第{g.ref.page}页" if g.ref.page else ""))
                head.font = Font(bold=True)
                for r, row in enumerate(g.rows):
                    for c, cell in enumerate(row):
                        if cell.origin is not None and cell.origin != (r, c):
                            continue
                        fig = figures.get((g.ref.file, cell.ref.table, cell.ref.row, cell.ref.col))
                        if fig is not None:
                            value = fig.value / 100 if fig.amount.percent else fig.value
                            x = ws.cell(r + 2, c + 1, value)
                            x.number_format = number_format(fig.amount.exponent, "," in fig.amount.raw or
                                                            abs(fig.value) < 1000, fig.amount.percent)
                        else:
                            x = ws.cell(r + 2, c + 1, cell.text)
                            x.alignment = Alignment(wrap_text=True, vertical="top")
                        hits = marks.get((di, g.index, r, c))
                        if hits:
                            worst = max(hits, key=lambda f: f.severity.rank)
                            x.fill = _FILL[worst.severity]
                            x.comment = Comment("\n".join(f"{f.rule} {f.severity.label}: {f.message}" for f in hits)[:30000],
                                                "jueSuan")
                for c in range(g.n_cols):
                    ws.column_dimensions[get_column_letter(c + 1)].width = 16
                body = _first_body_row(g, figures, g.ref.file)
                if body > 0:
                    ws.freeze_panes = ws.cell(body + 2, 1)  # the title and header rows stay in view
                    ws.auto_filter.ref = f"A{body + 1}:{get_column_letter(max(1, g.n_cols))}{g.n_rows + 1}"
        for f in findings:
            n += 1
            first = next((t.ref for t in f.terms if t.ref.table is not None), None)
            link = ""
            if first is not None:
                sheet = where.get((_doc_of(docs, first.file), first.table))
                if sheet is not None and first.row is not None and first.col is not None:
                    link = f"#{quote_sheetname(sheet)}!{get_column_letter(first.col + 1)}{first.row + 2}"
            places = "\n".join(f"{t.printed}  {t.ref.where()}" for t in f.terms[:12])
            summary.append([n, o.label, f.rule, f.severity.label, f.table, f.line, f.message, f.difference, f.bound,
                            "→ 单元格" if link else "", places, f.unit or ""])
            row = summary.max_row
            for col, d in ((8, f.difference), (9, f.bound)):
                if isinstance(d, Decimal):
                    summary.cell(row, col).number_format = number_format(min(d.as_tuple().exponent, -2)  # type: ignore[arg-type]
                                                                         if isinstance(d.as_tuple().exponent, int) else -2)
            summary.cell(row, 4).fill = _FILL.get(f.severity, PatternFill())
            if link:
                target = summary.cell(row, 10)
                target.hyperlink = link
                target.font = Font(color="0645AD", underline="single")
    summary.freeze_panes = "A2"
    summary.auto_filter.ref = summary.dimensions
    for col, w in (("E", 30), ("F", 24), ("G", 90), ("K", 70)):
        summary.column_dimensions[col].width = w
    wb.save(str(path))
