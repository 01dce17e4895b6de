"""Machine-readable and human reports: the JSON against its schema, the xlsx read back, the HTML
opened in a real headless Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import jueSuan
from jueSuan.findings import Severity

from .conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jueSuan", "reconcile", *args], capture_output=True, text=True,
                          timeout=120)


def test_json_matches_its_schema(published: Path, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "findings.schema.json").read_text(encoding="utf-8"))
    broken = tmp_path / "broken.docx"
    broken.write_text("not a document", encoding="utf-8")
    for args in ([str(published)], [str(published), str(published.with_name("songjiang-2020-appendix.docx"))],
                 [str(broken)]):
        doc = json.loads(run("--format", "json", *args).stdout)
        jsonschema.validate(doc, schema)


def test_json_carries_the_narrative_coverage(published: Path) -> None:
    cov = jueSuan.read(published).coverage
    assert cov is not None and cov.found
    [report] = json.loads(run("--format", "json", str(published)).stdout)["reports"]
    c = report["coverage"]
    assert (c["found"], c["quoted"], c["checked"], c["unchecked"]) == (True, cov.quoted, cov.checked,
                                                                       cov.quoted - cov.checked)
    assert sum(r["count"] for r in c["unchecked_by_reason"]) == c["unchecked"] > 0
    # a document with no 情况说明 says so, in JSON and in text
    appendix = str(published.with_name("songjiang-2020-appendix.docx"))
    [alone] = json.loads(run("--format", "json", appendix).stdout)["reports"]
    assert alone["coverage"]["found"] is False and alone["coverage"]["how"] and alone["coverage"]["quoted"] == 0
    assert "情况说明 未找到：" in run(appendix).stdout.splitlines()[2]


def test_xlsx_report(published: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    p = run("--format", "xlsx", "--output", str(out), str(published))
    assert p.returncode == 1 and out.exists()
    wb = openpyxl.load_workbook(out)
    summary = wb["核对结果"]
    rows = list(summary.iter_rows(min_row=2, values_only=True))
    xt007 = next(r for r in rows if r[2] == "XT007")
    assert xt007[3] == "error"
    link_cell = next(c for c in summary["J"] if c.value == "→ 单元格" and summary.cell(c.row, 3).value == "XT007")
    target = link_cell.hyperlink.target or link_cell.hyperlink.location
    sheet_name, addr = target.lstrip("#").rsplit("!", 1)
    ws = wb[sheet_name.strip("'")]
    # the 基本支出 of table 5: a number, in the format of its printed precision, on the sheet of its table
    assert ws.title == "一般公共预算财政拨款支出决算表"
    assert Decimal(str(ws[addr].value)) == Decimal("2026.81") and ws[addr].number_format == "#,##0.00"
    assert ws[addr].fill.fgColor.rgb.endswith("F8C4C4") and "XT007" in ws[addr].comment.text
    assert ws.freeze_panes is not None and ws.auto_filter.ref
    assert summary.freeze_panes == "A2" and summary.auto_filter.ref.startswith("A1:")
    assert Decimal(str(xt007[7])) == Decimal("-1957.24") and xt007[11] == "万元"  # 差额 as a number, with its unit
    assert "人员经费合计 · 决算数" in xt007[10]
    # rows by severity: every error before the first warning
    sev = [r[3] for r in rows if r[3]]
    assert sev.index("warning") > max(i for i, s in enumerate(sev) if s == "error")
    # the table-6 totals are marked on their own sheet; codes stay text
    t6 = wb["2020年度一般公共预算财政拨款基本支出决算表"]
    marked = [c for row in t6.iter_rows() for c in row if c.comment is not None]
    assert {Decimal(str(c.value)) for c in marked if isinstance(c.value, int | float)} >= {Decimal("1963.59"), Decimal("2020.46")}
    assert any(c.value == "30101" for row in t6.iter_rows() for c in row)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
_chromium_needed = pytest.mark.skipif(_chromium() is None, reason="Chromium is installed by .ci/run (apt) when absent")


def _severity_ranks(page) -> list[int]:  # type: ignore[no-untyped-def]
    order = {"error": 4, "warning": 3, "rounding": 2, "info": 1, "unchecked": 0}
    classes = page.eval_on_selector_all("article.finding:not(details article)", "els => els.map(e => e.className)")
    return [order[c.split()[1]] for c in classes]


@_chromium_needed
def test_html_report_in_headless_chromium(published: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    out = tmp_path / "report.html"
    assert run("--format", "html", "--output", str(out), str(published)).returncode == 1
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html  # self-contained
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(out.as_uri())
        # the summary comes first: errors by table, warnings, the narrative's coverage
        first = page.evaluate("[...document.querySelectorAll('section.summary, article.finding')][0].tagName")
        assert first == "SECTION"
        by_table = page.inner_text("table.by-table")
        assert "2020年度一般公共预算财政拨款基本支出决算表" in by_table
        cov = jueSuan.read(published).coverage
        assert cov is not None
        assert f"情况说明 引用数字 {cov.quoted} · 已核对 {cov.checked} · " in page.inner_text("section.summary")
        # findings by severity: no warning before an error, no rounding before a warning
        ranks = _severity_ranks(page)
        assert ranks == sorted(ranks, reverse=True) and ranks[0] == 4
        # only the rows around the finding, not the whole document
        assert page.evaluate("document.body.scrollHeight") < 15000
        xt = page.locator("article.finding[data-rule=XT007]")
        marked = xt.evaluate_all("els => els.flatMap(a => [...a.querySelectorAll('td.cited.error')]"
                                 ".map(td => td.firstChild.textContent.trim()))")
        assert {"2,026.81", "1,963.59", "2,020.46"} <= set(marked)
        # a figure's location is printed as a person reads it, and leads to its cell
        link = xt.locator("ul.figs a", has_text="人员经费合计 · 决算数").first
        href = link.get_attribute("href")
        assert href is not None and page.locator(href).evaluate("e => e.firstChild.textContent.trim()") == "1,963.59"
        # a marked cell links back to every finding citing it: 公用经费合计 is cited by XT007 and NR001
        cell = xt.locator("td.cited", has_text="2,020.46").first
        backs = cell.locator("a.back")
        assert backs.count() >= 2
        nr = backs.nth(1)
        target = nr.get_attribute("href")
        nr.click()
        assert page.evaluate("location.hash") == target
        assert page.locator(f"article{target}").get_attribute("data-rule") == "NR001"
        # in a paragraph only the cited words are marked
        mark = page.locator(f"article{target} blockquote mark").first
        assert mark.inner_text().startswith("63.22") and len(mark.inner_text()) < 12
        assert len(page.locator(f"article{target} blockquote").inner_text()) > 60
        page.screenshot(path=str(tmp_path / "finding.png"))
        # info, not checked and not applicable: collapsed, never hidden
        info = page.locator("details.info")
        infos = jueSuan.reconcile(jueSuan.read(published)).count(Severity.INFO)
        assert f"：{infos}" in info.locator("summary").inner_text() and not info.get_attribute("open")
        assert not info.locator("article").first.is_visible()
        info.locator("summary").click()
        assert info.locator("article[data-rule=NR009]").first.is_visible()
        assert "PF001" in (page.locator("details.not-applicable").text_content() or "")
        browser.close()
    assert (tmp_path / "finding.png").stat().st_size > 10_000


@_chromium_needed
def test_html_report_shows_the_pdf_page_with_the_figures_boxed(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    image = pytest.importorskip("PIL.Image")
    out = tmp_path / "report.html"
    assert run("--format", "html", "--output", str(out), str(ROOT / "samples" / "songjiang-2020.pdf")).returncode == 1
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(out.as_uri())
        xt = page.locator("article.finding[data-rule=XT007]")
        crops = xt.locator(".crop")
        assert crops.count() == 2  # table 5 on page 5, table 6 on page 6
        assert "第5页" in xt.inner_text() and "第6页" in xt.inner_text()
        background = crops.first.evaluate("e => getComputedStyle(e).backgroundImage")
        assert background.startswith('url("data:image/png;base64,')
        assert xt.locator(".crop .box").count() == 3
        box = xt.locator(".crop .box").first
        box.scroll_into_view_if_needed()
        shot = tmp_path / "box.png"
        box.screenshot(path=str(shot))
        with image.open(shot) as im:  # the box is drawn in red over the page, around the figure
            data = im.convert("RGB").tobytes()
            pixels = [tuple(data[i:i + 3]) for i in range(0, len(data), 3)]
            red = sum(1 for r, g, b in pixels if r > 150 and g < 90 and b < 90)
            dark = sum(1 for r, g, b in pixels if r < 110 and g < 110 and b < 110)
        assert red > 50 and dark > 10  # the border, and the printed digits inside it
        # a click opens the page large, with the same boxes
        link = xt.locator("a.crop-link").nth(1)
        href = link.get_attribute("href")
        link.click()
        assert page.evaluate("location.hash") == href
        zoom = page.locator(f"div{href}")
        assert zoom.evaluate("e => getComputedStyle(e).display") == "block"
        assert zoom.locator(".box").count() == 2 and zoom.locator(".zoom-page").bounding_box()["height"] > 900  # type: ignore[index]
        page.screenshot(path=str(tmp_path / "zoom.png"))
        browser.close()
    assert (tmp_path / "zoom.png").stat().st_size > 20_000
