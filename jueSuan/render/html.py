"""One self-contained HTML page: the tables as read, offending cells highlighted, the findings
listed and linked to their cells. No script, no external resource: it opens offline."""

from __future__ import annotations

import html
from collections import defaultdict

from ..findings import Finding, Severity
from ..readers.base import Document, Grid, Paragraph
from ..source import SourceRef
from . import Outcome

_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.85em}
td{border:1px solid #999;padding:2px 6px;white-space:pre-wrap}
td.num{text-align:right}
td.error{background:#f8c4c4;outline:2px solid #c00}
td.warning{background:#fde7b0;outline:2px solid #d80}
td.rounding{background:#e4ecfb}
.findings td{vertical-align:top}
.sev-error{color:#b00;font-weight:bold}.sev-warning{color:#b60}.sev-rounding{color:#36c}
p.para.error{background:#f8c4c4}p.para.warning{background:#fde7b0}
a{color:#0645ad}
"""

_MARK = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.ROUNDING: "rounding"}


def cell_id(doc_i: int, ref: SourceRef) -> str:
    return f"d{doc_i}-t{ref.table}-r{ref.row}-c{ref.col}"


def _doc_index(docs: list[Document], ref: SourceRef) -> int:
    for i, d in enumerate(docs):
        if d.path.endswith(ref.file):
            return i
    return 0


def _marks(findings: list[Finding], docs: list[Document]) -> tuple[dict[str, Severity], dict[str, list[int]]]:
    """Cell id → worst severity of a finding naming it; cell id → numbers of those findings."""
    worst: dict[str, Severity] = {}
    links: dict[str, list[int]] = defaultdict(list)
    for n, f in enumerate(findings):
        if f.severity not in _MARK:
            continue
        for t in f.terms:
            if t.ref.table is None:
                key = f"d{_doc_index(docs, t.ref)}-p{t.ref.paragraph}"
            else:
                key = cell_id(_doc_index(docs, t.ref), t.ref)
            if key not in worst or f.severity.rank > worst[key].rank:
                worst[key] = f.severity
            links[key].append(n)
    return worst, links


def _grid_html(doc_i: int, grid: Grid, worst: dict[str, Severity], links: dict[str, list[int]]) -> str:
    rows = []
    for r, row in enumerate(grid.rows):
        tds = []
        skip_until = -1
        for c, cell in enumerate(row):
            if c <= skip_until:
                continue
            if cell.origin is not None and cell.origin[0] != r:
                tds.append("<td></td>")  # covered by a vertical merge: shown empty
                continue
            span = 1
            while c + span < len(row) and row[c + span].origin == (r, c):
                span += 1
            skip_until = c + span - 1
            cid = cell_id(doc_i, cell.ref)
            classes = []
            sev = worst.get(cid)
            if sev is not None:
                classes.append(_MARK[sev])
            text = cell.text.strip()
            if text and text.replace(",", "").replace(".", "").replace("-", "").strip().isdigit():
                classes.append("num")
            title = ""
            if cid in links:
                title = f' title="findings {", ".join(f"#{n + 1}" for n in links[cid])}"'
            attr = f' class="{" ".join(classes)}"' if classes else ""
            colspan = f' colspan="{span}"' if span > 1 else ""
            tds.append(f'<td id="{cid}"{attr}{colspan}{title}>{html.escape(cell.text)}</td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    where = grid.ref.short() or f"table {grid.index + 1}"
    return f'<table data-table="{grid.index}" aria-label="{html.escape(where)}">' + "".join(rows) + "</table>"


def _findings_html(findings: list[Finding], docs: list[Document]) -> str:
    rows = []
    for n, f in enumerate(findings):
        links = []
        for t in f.terms:
            if t.ref.table is None:
                target = f"d{_doc_index(docs, t.ref)}-p{t.ref.paragraph}"
            else:
                target = cell_id(_doc_index(docs, t.ref), t.ref)
            links.append(f'<a href="#{target}">{html.escape(t.label)} {html.escape(t.printed)}</a>')
        rows.append(
            f'<tr id="f{n + 1}"><td>#{n + 1}</td><td>{f.rule}</td>'
            f'<td class="sev-{f.severity.label}">{f.severity.label}</td><td>{html.escape(f.table)}</td>'
            f'<td>{html.escape(f.message)}</td><td>{"<br>".join(links)}</td></tr>')
    head = "<tr><th>#</th><th>规则</th><th>级别</th><th>表</th><th>说明</th><th>所用数字（点击定位）</th></tr>"
    return f'<table class="findings">{head}{"".join(rows)}</table>'


def render_html(outcomes: list[Outcome]) -> str:
    parts = ["<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
             "<title>jueSuan 决算核对报告</title>", f"<style>{_CSS}</style></head><body>",
             "<h1>jueSuan 决算核对报告</h1>"]
    for o in outcomes:
        parts.append(f"<h2>{html.escape(o.label)}</h2>")
        if o.error is not None:
            parts.append(f"<p class='sev-error'>无法读取：{html.escape(str(o.error))}</p>")
            continue
        assert o.report is not None and o.findings is not None
        docs = [d for d in o.report.documents if isinstance(d, Document)]
        findings = [f for f in o.findings if f.severity.rank >= Severity.ROUNDING.rank]
        counts = ", ".join(f"{s.label} {o.findings.count(s)}" for s in Severity)
        parts.append(f"<p>{counts}</p><h3>核对结果 Findings</h3>")
        parts.append(_findings_html(findings, docs))
        worst, links = _marks(findings, docs)
        for i, d in enumerate(docs):
            parts.append(f"<h3>{html.escape(d.path)}</h3>")
            for b in d.blocks:
                if isinstance(b, Grid):
                    parts.append(_grid_html(i, b, worst, links))
                elif isinstance(b, Paragraph) and b.text.strip():
                    key = f"d{i}-p{b.index}"
                    sev = worst.get(key)
                    cls = f"para {_MARK[sev]}" if sev is not None else "para"
                    parts.append(f'<p id="{key}" class="{cls}">{html.escape(b.text)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts)
