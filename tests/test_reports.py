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


@pytest.mark.skipif(_chromium() is None, reason="Chromium is installed by .ci/run (apt) when absent")
def test_html_report_in_headless_chromium(published: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    out = tmp_path / "report.html"
    assert run("--format", "html", "--output", str(out), str(published)).returncode == 1
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html  # self-contained
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(out.as_uri())
        marked = page.eval_on_selector_all("td.error", "els => els.map(e => e.textContent.trim())")
        assert {"2,026.81", "1,963.59", "2,020.46"} <= set(marked)
        # a finding's link leads to its cell
        link = page.locator("table.findings a", has_text="公用经费合计 2,020.46").first
        href = link.get_attribute("href")
        assert href is not None and page.locator(href).inner_text().strip() == "2,020.46"
        link.click()
        assert page.evaluate("location.hash") == href
        page.locator(href).scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / "table6.png"))
        browser.close()
    assert (tmp_path / "table6.png").stat().st_size > 10_000
