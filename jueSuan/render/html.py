"""One self-contained HTML page per run: per report a summary first (errors by table, warnings, the
narrative's coverage), then the findings by severity and document order, each with its figures as
printed and where they are, and beside them the PDF page with the figures boxed (a click opens the page
large) or the rebuilt table rows around them (a marked cell links back to every finding citing it), or
the paragraph with only the cited words marked. Info, not checked, not applicable and not placed sit
in collapsible sections, never hidden. No script, no external resource: it opens offline."""

from __future__ import annotations

from collections import defaultdict

from ..document import Document, Grid, Paragraph
from ..findings import Finding, Findings, Severity
from ..models import Report
from ..rules.engine import fmt, fmt_bound
from . import Outcome, read_error_text, table_places
from .coverage import coverage_text
from .html_context import Citations, cell_key, doc_index, esc, page_crops, paragraph_context, table_context

_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;margin:2em;color:#222;max-width:1500px}
h1{font-size:1.4em}h2{font-size:1.2em;margin-top:2em;border-bottom:2px solid #ccc}h3{font-size:1.05em;margin-top:1.5em}
table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #999;padding:2px 6px}
td{white-space:pre-wrap}td.num{text-align:right}th.rowno{color:#888;font-weight:normal;background:#f4f4f4}
tr.gap td{text-align:center;color:#888;border-left:none;border-right:none}
td.cited.error{background:#f8c4c4;outline:2px solid #c00}td.cited.warning{background:#fde7b0;outline:2px solid #d80}
td.cited.rounding{background:#e4ecfb;outline:1px solid #36c}td.cited-elsewhere{background:#f3f3f3}
.backs{display:block;font-size:.75em;text-align:right}.back{margin-left:.3em;color:#0645ad}.back.here{font-weight:bold}
.summary{background:#fafafa;border:1px solid #ddd;padding:.5em 1em}.totals{font-size:1.05em}
.sev-error{color:#b00;font-weight:bold}.sev-warning{color:#b60;font-weight:bold}.sev-rounding{color:#36c}
.sev-info{color:#666}.sev-unchecked{color:#838}
.finding{border:1px solid #ccc;border-left:6px solid #999;margin:1em 0;padding:.5em 1em}
.finding.error{border-left-color:#c00}.finding.warning{border-left-color:#d80}.finding.rounding{border-left-color:#36c}
.finding:target{box-shadow:0 0 0 3px #0645ad}
.finding h4{margin:.2em 0;font-size:1em}.msg{margin:.3em 0}.figs{margin:.3em 0;padding-left:1.2em}
.figs .val{display:inline-block;min-width:7em;text-align:right;font-family:monospace;margin-right:1em}
mark.error{background:#f8c4c4;outline:2px solid #c00}mark.warning{background:#fde7b0;outline:2px solid #d80}
mark.rounding{background:#e4ecfb}blockquote.para{border-left:3px solid #ccc;margin:.5em 0;padding:.2em .8em;color:#333}
.crop-link{display:inline-block;margin:.4em 0;text-decoration:none;color:#444}
.crop{display:block;position:relative;background-repeat:no-repeat;border:1px solid #aaa;overflow:hidden}
.crop-caption{font-size:.8em}.box{position:absolute;box-sizing:border-box;border:3px solid #c00;background:rgba(255,0,0,.08)}
.box.warning{border-color:#d80}.box.rounding{border-color:#36c}.box.para{border-style:dashed;border-width:2px}
.zoom{display:none;position:fixed;inset:0;background:rgba(0,0,0,.82);overflow:auto;z-index:10;text-align:center}
.zoom:target{display:block}.zoom p{color:#fff}
.zoom-page{position:relative;width:min(95vw,1300px);margin:2em auto 0;background-size:100% auto;background-repeat:no-repeat;
background-color:#fff}.zoom-close{position:fixed;top:.3em;right:.8em;font-size:2.5em;color:#fff;text-decoration:none}
details{margin:.6em 0}summary{cursor:pointer;font-weight:bold}details ul{margin:.3em 0}
a{color:#0645ad}.ctx-title{font-size:.8em;color:#666;margin:.4em 0 .1em}.nopage{color:#b60}
"""

_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.ROUNDING: "舍入", Severity.INFO: "提示",
       Severity.UNCHECKED: "未检查"}
_MAIN = (Severity.ERROR, Severity.WARNING, Severity.ROUNDING)


def _positions(docs: list[Document]) -> dict[tuple[int, str, int], int]:
    pos: dict[tuple[int, str, int], int] = {}
    for di, d in enumerate(docs):
        for k, b in enumerate(d.blocks):
            if isinstance(b, Grid):
                pos[(di, "t", b.index)] = k
            elif isinstance(b, Paragraph):
                pos[(di, "p", b.index)] = k
    return pos


def ordered(findings: Findings, docs: list[Document]) -> list[Finding]:
    """By severity (errors first), then in document order (file, place in the file, row, column)."""
    pos = _positions(docs)

    def place(f: Finding) -> tuple[int, int, int, int]:
        keys = []
        for t in f.terms:
            di = doc_index(docs, t.ref)
            block = pos.get((di, "t", t.ref.table) if t.ref.table is not None else (di, "p", t.ref.paragraph or 0), 0)
            keys.append((di, block, t.ref.row or 0, t.ref.col or 0))
        return min(keys) if keys else (0, 0, 0, 0)

    return sorted(findings, key=lambda f: (-f.severity.rank, place(f), f.rule))


def _difference(f: Finding) -> str:
    if f.difference is None:
        return ""
    bound = f"（舍入容差 ±{fmt_bound(f.bound)}）" if f.bound is not None else ""
    return f'<span class="diff">差额 {fmt(f.difference)}{esc(f.unit or "")}{bound}</span>'


def _finding(n: int, f: Finding, docs: list[Document], cites: Citations, images: dict, zooms: list[str],
             with_context: bool, report: Report) -> str:
    crops, zoom = page_crops(n, f, docs, images) if with_context else ("", "")
    zooms.append(zoom)
    pictured = {(di, p) for (di, p) in images}
    figs = []
    for t in f.terms:
        di = doc_index(docs, t.ref)
        key = cell_key(di, t.ref)
        if not with_context:
            target = ""
        elif t.ref.page is not None and (di, t.ref.page) in pictured and t.ref.bbox is not None:
            target = ""  # boxed on the page picture below
        elif t.ref.table is None:
            target = f"#f{n}-d{di}-p{t.ref.paragraph}-{(t.ref.span or (0, 0))[0]}"
        else:
            target = f"#f{n}-{key}"
        where = esc(t.ref.where())
        label = f'<a href="{target}">{where}</a>' if target else where
        figs.append(f'<li><span class="val">{esc(t.printed)}</span>{esc(t.label)} — {label}</li>')
    figs += [f'<li><span class="val">表</span>{esc(place)}</li>' for place in table_places(report, f)]
    context = ""
    if with_context:
        context = crops + table_context(n, f, docs, cites, pictured) + paragraph_context(n, f, docs)
    return (f'<article class="finding {f.severity.label}" id="f{n}" data-rule="{esc(f.rule)}">'
            f'<h4>#{n} <span class="sev-{f.severity.label}">{_ZH[f.severity]} {f.severity.label}</span> '
            f'{esc(f.rule)} <code>{esc(f.name)}</code> {_difference(f)}</h4>'
            f'<p class="msg">{esc(f.message)}</p><ul class="figs">{"".join(figs)}</ul>{context}</article>')


def _coverage(report: Report, findings: list[Finding]) -> str:
    """How much of the narrative was checked (``Report.coverage``): its quoted figures, how many were
    checked, the rest by reason (each one an NR009 提示 below), or that no 情况说明 was found."""
    cov = report.coverage
    if cov is None or not cov.found or (cov.quoted and not cov.checked):
        line = f'<p class="sev-warning">{esc(coverage_text(cov))}</p>'
    else:
        line = f"<p>{esc(coverage_text(cov))}</p>"
    if cov is not None and cov.found and cov.quoted > cov.checked:
        line += "<p>未核对的数字逐个列在下方“提示”（NR009）中。</p>"
    notes = "".join(f"<li>{esc(f.message)}</li>" for f in findings if "coverage" in f.name)
    return line + (f"<ul>{notes}</ul>" if notes else "")


def _links(numbers: list[int]) -> str:
    return " ".join(f'<a href="#f{n}">#{n}</a>' for n in numbers)


def _summary(o: Outcome, items: list[Finding]) -> str:
    assert o.findings is not None and o.report is not None
    totals = " · ".join(f'<span class="sev-{s.label}">{_ZH[s]} {s.label} {o.findings.count(s)}</span>'
                        for s in (*_MAIN, Severity.UNCHECKED, Severity.INFO))
    totals += f" · 不适用 not applicable {len(o.findings.not_applicable)} · 未能归位 not placed {len(o.report.unplaced)}"
    parts = [f'<section class="summary"><p class="totals">{totals}</p>']
    if not any(f.severity.rank >= Severity.WARNING.rank for f in items):
        parts.append('<p class="sev-rounding">✓ 全部通过：没有错误或警告 (all checks passed: no error, no warning)</p>')
    by_table: dict[str, list[int]] = defaultdict(list)
    for n, f in enumerate(items, 1):
        if f.severity is Severity.ERROR:
            by_table[f.table].append(n)
    if by_table:
        rows = "".join(f"<tr><td>{esc(t)}</td><td>{len(ns)}</td><td>{_links(ns)}</td></tr>" for t, ns in by_table.items())
        parts.append(f'<h3 class="sev-error">错误（按表） errors by table</h3><table class="by-table">'
                     f"<tr><th>表</th><th>错误</th><th>发现</th></tr>{rows}</table>")
    warnings = [(n, f) for n, f in enumerate(items, 1) if f.severity is Severity.WARNING]
    if warnings:
        lis = "".join(f'<li><a href="#f{n}">#{n}</a> {esc(f.rule)} {esc(f.message)}</li>' for n, f in warnings)
        parts.append(f'<h3 class="sev-warning">警告 warnings</h3><ul class="warnings">{lis}</ul>')
    parts.append(f'<h3>情况说明覆盖 narrative coverage</h3>{_coverage(o.report, list(o.findings))}</section>')
    return "".join(parts)


def _pages(items: list[Finding], docs: list[Document]) -> dict[tuple[int, int], object]:
    """The PDF pages the shown findings cite, rendered once each (PDFium is loaded only for a PDF)."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for f in items:
        for t in f.terms:
            if t.ref.page is not None and t.ref.bbox is not None:
                di = doc_index(docs, t.ref)
                if docs[di].format == "pdf" or docs[di].path.lower().endswith(".pdf"):
                    wanted[di].add(t.ref.page)
    images: dict[tuple[int, int], object] = {}
    if not wanted:
        return images
    from .pages import render_pages

    for di, pages in wanted.items():
        for p, img in render_pages(docs[di].path, pages).items():
            images[(di, p)] = img
    return images


def _collapsed(title: str, cls: str, rows: list[str]) -> str:
    if not rows:
        return f'<details class="{cls}"><summary>{title}：0</summary><p>无 none</p></details>'
    return f'<details class="{cls}"><summary>{title}：{len(rows)}</summary><ul>{"".join(rows)}</ul></details>'


def _report(o: Outcome, styles: list[str], zooms: list[str], ri: int) -> str:
    assert o.report is not None and o.findings is not None
    docs = list(o.report.documents)
    items = ordered(o.findings, docs)
    main = [f for f in items if f.severity in _MAIN]
    cites = Citations(items, docs)
    images = _pages(main, docs)
    for (di, p), img in images.items():
        styles.append(f".r{ri} .pg-d{di}-p{p}{{background-image:url({img.uri})}}")  # type: ignore[attr-defined]
    out = [_summary(o, items)]
    r = o.report
    out.append(f"<p>单位 {esc(r.unit_name or '?')} · 年度 {r.year or '?'} · 金额单位 {esc(r.unit.label if r.unit else '未注明')}"
               f" · 识别表格 {len(r.tables)}：{esc('、'.join(t.printed_name for t in r.tables))}</p>")
    out.append("<h3>发现 Findings（按严重程度，再按文件中的顺序）</h3>")
    out += [_finding(n, f, docs, cites, images, zooms, True, o.report) for n, f in enumerate(items, 1) if f.severity in _MAIN]
    for sev in (Severity.UNCHECKED, Severity.INFO):
        group = [_finding(n, f, docs, cites, images, zooms, False, o.report) for n, f in enumerate(items, 1) if f.severity is sev]
        out.append(f'<details class="{sev.label}"><summary>{_ZH[sev]} {sev.label}：{len(group)}</summary>'
                   f'{"".join(group) or "<p>无 none</p>"}</details>')
    out.append(_collapsed("不适用 not applicable", "not-applicable",
                          [f"<li>{esc(n.rule)}：{esc(n.reason)}</li>" for n in o.findings.not_applicable]))
    out.append(_collapsed("未能归位 not placed", "not-placed",
                          [f"<li>{esc(u.what)} — {esc(u.ref.where())}：{esc(u.reason)} {esc(u.text[:60])}</li>"
                           for u in r.unplaced]))
    return "".join(out)


def render_html(outcomes: list[Outcome]) -> str:
    styles: list[str] = []
    zooms: list[str] = []
    body: list[str] = []
    for ri, o in enumerate(outcomes):
        body.append(f'<section class="report r{ri}"><h2>{esc(o.label)}</h2>')
        if o.error is not None:
            body.append(f"<p class='sev-error'>{esc(read_error_text(o.error))}</p></section>")
            continue
        body.append(_report(o, styles, zooms, ri))
        body.append("</section>")
        body.append(f'<div class="r{ri}">{"".join(zooms)}</div>')
        zooms.clear()
    return "\n".join([
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
        "<title>jueSuan 决算核对报告</title>", f"<style>{_CSS}\n{''.join(styles)}</style></head><body>",
        "<h1>jueSuan 决算核对报告</h1>", *body, "</body></html>"])
