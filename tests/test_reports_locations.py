"""Locations as printed: every figure a finding cites says where a person finds it — the table as
numbered and titled, the line as printed, the column as headed, the page of a PDF; narrative quotes
by section and sentence with the words quoted. Grid indexes stay in the JSON for machines."""

from __future__ import annotations

from pathlib import Path

import pytest

import jueSuan
from jueSuan.builders.printed import split_title, table_number
from jueSuan.fixtures.word import write_docx

from .conftest import SAMPLES
from .variant_national import write as write_national


def _xt007(path: Path) -> jueSuan.findings.Finding:
    return next(f for f in jueSuan.reconcile(jueSuan.read(path)) if f.rule == "XT007")


def test_pdf_figures_name_table_line_column_and_page() -> None:
    f = _xt007(SAMPLES / "songjiang-2020.pdf")
    where = [t.ref.where() for t in f.terms]
    assert where[1] == "2020年度一般公共预算财政拨款基本支出决算表 · 人员经费合计 · 决算数 · 第6页"
    assert all(w.endswith("页") and "表格#" not in w for w in where)
    # the machine form is still there
    assert f.terms[1].ref.bbox is not None and f.terms[1].to_dict()["source"]["printed"]["line"] == "人员经费合计"


def test_docx_and_xlsx_name_the_same_place() -> None:
    docx_where = [t.ref.where() for t in _xt007(SAMPLES / "songjiang-2020.docx").terms]
    xlsx_where = [t.ref.where() for t in _xt007(SAMPLES / "songjiang-2020.xlsx").terms]
    pdf_where = [t.ref.where() for t in _xt007(SAMPLES / "songjiang-2020.pdf").terms]
    assert [w.rsplit(" · ", 1)[0] for w in pdf_where] == docx_where  # the same place, less the page
    assert all(x.startswith(d) and "单元格" in x for d, x in zip(docx_where, xlsx_where, strict=True))


def test_narrative_quotes_by_section_and_sentence() -> None:
    findings = jueSuan.reconcile(jueSuan.read(SAMPLES / "songjiang-2020.docx"))
    nr001 = next(f for f in findings if f.rule == "NR001" and "63.22" in f.message)
    assert nr001.terms[0].ref.where() == "情况说明 六 第2句「63.22万元」"
    nr005 = next(f for f in findings if f.rule == "NR005")
    assert nr005.terms[0].ref.where().startswith("情况说明 五（三） 第")


def test_table_numbers_lines_and_columns_as_printed(tmp_path: Path) -> None:
    report = jueSuan.read(write_national(tmp_path / "national.docx"))
    t1 = report.table(jueSuan.TableKind.SUMMARY)
    assert t1 is not None and t1.number == "表1"
    first = t1.lines[0].figures[0].ref.where()
    assert first == "表1 收入支出决算总表 · 一、财政拨款收入（第1行） · 收入/金额（栏次1）"
    assert report.table(jueSuan.TableKind.ASSETS).number == "表10"  # type: ignore[union-attr]


def test_numbers_from_the_contents_page(tmp_path: Path) -> None:
    """A document that numbers its tables only in its 目录 (the Shanghai template): 六、… → 表六."""
    econ = [["项目", "", "决算数"], ["经济分类科目编码", "科目名称", ""], ["301", "工资福利支出", "10.00"],
            ["30101", "基本工资", "10.00"], ["人员经费合计", "", "10.00"]]
    path = write_docx(tmp_path / "toc.docx", [
        "目录", "五、一般公共预算财政拨款支出决算表", "六、一般公共预算财政拨款基本支出决算表 ........ 12",
        "一般公共预算财政拨款基本支出决算表", "单位：万元", econ])
    t6 = jueSuan.read(path).table(jueSuan.TableKind.BASIC_ECONOMIC)
    assert t6 is not None and t6.number == "表六"
    assert t6.lines[1].figures[0].ref.where() == "表六 一般公共预算财政拨款基本支出决算表 · 30101 基本工资 · 决算数"


def test_title_forms() -> None:
    assert split_title("六、一般公共预算财政拨款基本支出决算表") == ("表六", "一般公共预算财政拨款基本支出决算表")
    assert split_title("公开05表 一般公共预算支出表 单位：万元") == ("公开05表", "一般公共预算支出表")
    assert table_number("收支预算总表", ["收支预算总表", "公开01表"]) == "公开01表"
    assert table_number("收支预算总表", ["收支预算总表", "注：本表反映…", "公开01表"]) == ""


def test_performance_figures_name_the_project_and_the_indicator() -> None:
    findings = jueSuan.reconcile(jueSuan.read(SAMPLES / "jiading-perf-2024.pdf"))
    pf = [f for f in findings if f.rule.startswith("PF") and f.severity.rank >= jueSuan.Severity.WARNING.rank]
    assert pf
    for f in pf:
        for t in f.terms:
            where = t.ref.where()
            assert where.startswith("绩效自评表「") and "第" in where and "页" in where
            line = where.split(" · ")[1]
            assert not line.endswith("指标") and not line.startswith("第")  # the indicator or funds line, as printed


REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
TEMPLATE = REAL / "shanghai-juesuan" / "上海市部门决算模板2024.pdf"


@pytest.mark.skipif(not TEMPLATE.exists(), reason="the real documents are in ../shared/real (absent here)")
def test_real_template_numbers_its_tables_from_its_contents() -> None:
    """The official Shanghai template prints 一、…九、 in its 目录 only: every table gets its number."""
    report = jueSuan.read(TEMPLATE)
    numbers = [t.number for t in report.tables]
    assert numbers == ["表一", "表二", "表三", "表四", "表五", "表六", "表七", "表八", "表九"]
    t6 = report.table(jueSuan.TableKind.BASIC_ECONOMIC)
    assert t6 is not None
    where = t6.lines[0].figures[0].ref.where()
    assert where.startswith("表六 一般公共预算财政拨款基本支出决算表 · 301 工资福利支出 · 决算数 · 第") and where.endswith("页")


@pytest.mark.skipif(not TEMPLATE.exists(), reason="the real documents are in ../shared/real (absent here)")
def test_a_finding_without_figures_is_located_by_its_table() -> None:
    from jueSuan.findings import Finding, Severity
    from jueSuan.render import table_places

    report = jueSuan.read(TEMPLATE)
    f = Finding("XT010", "cross.empty_fund_note", Severity.WARNING, "政府性基金预算财政拨款收入支出决算表", "", "…")
    places = table_places(report, f)
    assert len(places) == 1 and places[0].startswith("表八 政府性基金预算财政拨款收入支出决算表 · 第")  # not 表三 支出决算表


def test_narrative_sections_and_sentences(tmp_path: Path) -> None:
    econ = [["项目", "", "决算数"], ["经济分类科目编码", "科目名称", ""], ["301", "工资福利支出", "10.00"],
            ["30101", "基本工资", "10.00"], ["人员经费合计", "", "10.00"]]
    path = write_docx(tmp_path / "narrative.docx", [
        "一般公共预算财政拨款基本支出决算表", "单位：万元", econ,
        "第三部分 某单位2020年度部门决算情况说明", "一、收入支出决算总体情况说明",
        "某单位2020年度收入支出总计100.00万元。与2019年度相比，收入支出总计增加10.00万元。",
        "五、一般公共预算财政拨款支出决算情况说明", "（二）一般公共预算财政拨款支出决算结构情况", "1、教育支出",
        "主要用于学校。教育支出50.00万元，占一般公共预算财政拨款支出的50.00%。"])
    quotes = {q.text: q.ref.where() for q in jueSuan.read(path).quotes}
    assert quotes["100.00万元"] == "情况说明 一 第1句「100.00万元」"
    assert quotes["10.00万元"] == "情况说明 一 第2句「10.00万元」"
    assert quotes["50.00%"] == "情况说明 五（二）1、 第2句「50.00%」"
