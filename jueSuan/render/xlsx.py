"""An .xlsx report: each table as read on its own sheet, the cells a finding uses filled and
commented, and a 核对结果 sheet whose rows link to those cells."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname

from ..findings import Finding, Severity
from ..readers.base import Document, Grid
from . import Outcome

_FILL = {Severity.ERROR: PatternFill("solid", fgColor="F8C4C4"), Severity.WARNING: PatternFill("solid", fgColor="FDE7B0"),
         Severity.ROUNDING: PatternFill("solid", fgColor="E4ECFB")}
_BAD = "[]:*?/\\"


def _sheet_title(n: int, grid: Grid, doc_i: int) -> str:
    title = f"{doc_i + 1}-{grid.index + 1}"
    return title[:31]


def write_xlsx(outcomes: list[Outcome], path: str | Path) -> None:
    wb = Workbook()
    summary = wb.active
    summary.title = "核对结果"
    summary.append(["#", "报告", "规则", "级别", "表", "行", "说明", "差额", "容差", "定位"])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    n = 0
    for o in outcomes:
        if o.error is not None or o.report is None or o.findings is None:
            summary.append(["", o.label, "", "error", "", "", f"无法读取：{o.error}"])
            continue
        docs = [d for d in o.report.documents if isinstance(d, Document)]
        findings = [f for f in o.findings if f.severity.rank >= Severity.ROUNDING.rank]
        where: dict[tuple[int, int | None], str] = {}
        marks: dict[tuple[int, int | None, int | None, int | None], list[Finding]] = defaultdict(list)
        for f in findings:
            for t in f.terms:
                di = next((i for i, d in enumerate(docs) if d.path.endswith(t.ref.file)), 0)
                marks[(di, t.ref.table, t.ref.row, t.ref.col)].append(f)
        for di, d in enumerate(docs):
            for g in d.grids:
                ws = wb.create_sheet(_sheet_title(n, g, di))
                where[(di, g.index)] = ws.title
                ws.cell(1, 1, f"{Path(d.path).name} · {g.ref.short() or f'table {g.index + 1}'}").font = Font(bold=True)
                for r, row in enumerate(g.rows):
                    for c, cell in enumerate(row):
                        if cell.origin is not None and cell.origin != (r, c):
                            continue
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
        for f in findings:
            n += 1
            first = next((t.ref for t in f.terms if t.ref.table is not None), None)
            link = ""
            if first is not None:
                di = next((i for i, d in enumerate(docs) if d.path.endswith(first.file)), 0)
                sheet = where.get((di, first.table))
                if sheet is not None and first.row is not None and first.col is not None:
                    link = f"#{quote_sheetname(sheet)}!{get_column_letter(first.col + 1)}{first.row + 2}"
            summary.append([n, o.label, f.rule, f.severity.label, f.table, f.line, f.message,
                            None if f.difference is None else str(f.difference),
                            None if f.bound is None else str(f.bound), "→ 单元格" if link else ""])
            if link:
                target = summary.cell(summary.max_row, 10)
                target.hyperlink = link
                target.font = Font(color="0645AD", underline="single")
    summary.column_dimensions["G"].width = 100
    wb.save(str(path))
