"""Merged header cells of page-text tables (pdfplumber gives a merged cell's text once, blanks where it
spans): restored as the PDF reader gives them, so the 三公 and 政府性基金 tables of a real 决算 are read
whole and every figure the 情况说明 quotes from them is checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import jueSuan
from jueSuan.findings import Severity
from jueSuan.models import TableKind
from jueSuan.readers import Grid, read_document
from jueSuan.readers.merged import restore_merges

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real" / "shanghai-juesuan"
PUTUO = REAL / "上海市普陀区文化和旅游局2025年度部门决算.pages.json"
TEMPLATE = REAL / "上海市部门决算模板2024.pdf"
needs_real = pytest.mark.skipif(not (PUTUO.exists() and TEMPLATE.exists()),
                                reason="../shared/real/shanghai-juesuan is absent")


def _grid(path: Path, *words: str) -> Grid:
    grids = [b for b in read_document(path).blocks if isinstance(b, Grid)]
    return next(g for g in grids if all(any(w in c.text for r in g.rows[:3] for c in r) for w in words))


def _header(g: Grid, n: int) -> list[list[str]]:
    return [[c.text for c in row] for row in g.rows[:n]]


@needs_real
def test_three_public_header_is_the_pdf_readers() -> None:
    """The page-text 三公 table has the header the PDF reader reads from the template's own (the same layout)."""
    pagetext, pdf = _grid(PUTUO, "因公出国"), _grid(TEMPLATE, "因公出国")
    assert _header(pagetext, 4) == _header(pdf, 4)
    assert [[c.origin for c in r] for r in pagetext.rows[:4]] == [[c.origin for c in r] for r in pdf.rows[:4]]
    assert [c.text for c in pagetext.rows[4]] == ["11.49", "3.04", "0", "0", "9.38", "2.64", "0", "0", "9.38",
                                                  "2.64", "2.11", "0.40"]  # the figures row untouched


@needs_real
def test_fund_table_header_level_in_the_total_row() -> None:
    """The template prints 合计 | 基本支出 | 项目支出 under 本年支出 in the 合计 row: a header row of their own,
    the 合计 row keeping its figures and those words (never blanks, which count as 0)."""
    g = _grid(PUTUO, "年初结转和")
    pdf = _grid(TEMPLATE, "年初结转和")
    assert _header(g, 2) == _header(pdf, 2)
    assert [c.text for c in g.rows[2]][4:7] == ["合计", "基本支出", "项目支出"]
    total = [c.text for c in g.rows[3]]
    assert total[0] == "合计" and total[2:4] == ["0", "2002.80"] and total[7] == "0"
    assert all(g.rows[3][c].origin == (2, c) for c in (4, 5, 6))
    # each row located where the extraction had it: the lifted row and the 合计 row are both its row 3
    assert g.rows[2][4].ref.row == g.rows[3][0].ref.row == 2
    report = jueSuan.read(PUTUO)
    fund = report.table(TableKind.GOV_FUND)
    assert fund is not None and fund.column("basic") is not None and fund.column("project") is not None
    assert not [u for u in report.unplaced if "政府性基金" in u.what and "line" in u.what]


@needs_real
def test_every_table_backed_figure_of_the_real_juesuan_is_checked() -> None:
    report = jueSuan.read(PUTUO)
    cov = report.coverage
    assert cov is not None and cov.found
    unchecked = [q for q in report.quotes if q.binding is not None and not q.binding.checked]
    assert cov.checked + len(unchecked) == cov.quoted
    for q in unchecked:  # only figures no table prints: 年初预算 of tables without that column, counts, 采购…
        how = q.binding.how if q.binding is not None else ""
        assert how.startswith(("表中没有：此数不在表中", "原因说明")) or "无年初预算列" in how, (q.subject, q.text, how)
    three = [q for q in report.quotes if q.part.startswith("七") and q.measure == "money" and q.role in ("value", "actual")
             and q.binding is not None and q.binding.table is TableKind.THREE_PUBLIC]
    assert len(three) >= 10 and all(q.binding is not None and q.binding.checked for q in three)
    spent = next(q for q in report.quotes if q.subject == "政府性基金预算财政拨款支出")
    assert spent.binding is not None and spent.binding.checked and spent.binding.table is TableKind.FISCAL_SUMMARY


@needs_real
def test_a_total_that_prints_no_figure_is_unchecked_never_zero() -> None:
    findings = jueSuan.reconcile(jueSuan.read(PUTUO))
    fund = [f for f in findings if (f.rule == "CL005" and "政府性基金" in f.table and f.line == "合计")
            or (f.rule == "XT009" and "本年支出" in f.line)]
    assert len(fund) == 2 and all(f.severity is Severity.UNCHECKED and "未印出" in f.message for f in fund)
    assert not [f for f in findings if f.severity is Severity.ERROR and f.rule != "XT030"]


def test_restore_merges_general_rules() -> None:
    table = [["项目", "", "本年支出", "", ""],
             ["", "", "合计", "基本", ""],
             ["合计", "", "10.00", "4.00", ""],
             ["", "", "", "", "6.00"]]
    texts, origins, source = restore_merges(table)
    assert texts[0] == ["项目", "项目", "本年支出", "本年支出", "本年支出"]
    # under 本年支出 a blank next to 基本 continues it (one parent); 项目 continues down
    assert texts[1] == ["项目", "项目", "合计", "基本", "基本"]
    assert origins[1][0] == (0, 0) and origins[1][4] == (1, 3) and origins[1][2] is None
    assert texts[2:] == table[2:] and origins[2:] == [[None] * 5] * 2  # body blanks stay blank
    assert source == [0, 1, 2, 3]
    # a new parent stops a blank from continuing its left neighbour: it continues the cell above
    texts, _, _ = restore_merges([["合计", "", "接待费", ""], ["预算", "决算", "", ""], ["1", "2", "3", "4"]])
    assert texts[1] == ["预算", "决算", "接待费", "接待费"]


def test_restore_merges_leaves_tables_without_figures_or_header_alone() -> None:
    words = [["项目名称", ""], ["", "说明"]]
    assert restore_merges(words)[0] == words
    figures = [["1.00", ""], ["", "2.00"]]
    assert restore_merges(figures)[0] == figures
    # words in the first body row that do not fill a header span are the row's, not a header level
    texts, _, source = restore_merges([["项目", "金额", "说明"], ["合计", "3.00", "无"]])
    assert texts == [["项目", "金额", "说明"], ["合计", "3.00", "无"]] and source == [0, 1]


def test_pagetext_document_uses_them(tmp_path: Path) -> None:
    p = tmp_path / "d.pages.json"
    table = [["合计", "", "接待费", ""], ["预算数", "决算数", "预算数", "决算数"], ["1.00", "2.00", "3.00", "4.00"]]
    text = "合计 接待费\n预算数 决算数 预算数 决算数\n1.00 2.00 3.00 4.00"
    p.write_text(json.dumps({"page_texts": [text], "page_tables": [[table]]}, ensure_ascii=False), encoding="utf-8")
    [g] = [b for b in read_document(p).blocks if isinstance(b, Grid)]
    assert [c.text for c in g.rows[0]] == ["合计", "合计", "接待费", "接待费"]
    assert [c.origin for c in g.rows[0]] == [None, (0, 0), None, (0, 2)]
