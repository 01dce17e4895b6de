"""jueSuan/text.py, the one place printed text is normalised and its ordinals, years and codes are read;
and what the builders now decide once for the rules (the 绩效自评表's 元/万元 slip, the years and unit names
DC002 compares)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import jueSuan
from jueSuan import text
from jueSuan.text import HEADING_ORDINAL, LEADING_CODE, ORDINAL, YEAR, first_year, is_code, norm, norm_label

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_norm_folds_widths_and_drops_every_space() -> None:
    assert norm("２０２０ 年\u3000度\n（单位：万元）") == "2020年度(单位:万元)"
    assert norm("\ufeff上海市\u00a0松江区\u2003") == "上海市松江区"


@pytest.mark.parametrize(("label", "key"), [
    ("一、基本支出", "基本支出"),
    ("（一）其中：工资福利支出", "工资福利支出"),
    ("(2) 减：上缴上级支出", "上缴上级支出"),
    ("3．项目支出", "项目支出"),
    ("301.工资福利支出", "工资福利支出"),
    ("1.5倍", "1.5倍"),  # a figure, not an ordinal
    ("其他收入", "其他收入"),
])
def test_norm_label_strips_every_ordinal_prefix(label: str, key: str) -> None:
    assert norm_label(label) == key


def test_a_heading_is_numbered_by_a_short_ordinal_only() -> None:
    for heading in ("五、", "（二）", "(3)", "12、", "十一．"):
        assert HEADING_ORDINAL.match(heading + "收入情况"), heading
    for sentence in ("2020、2021年", "301.工资福利支出", "1.5万元", "一二三四、"):
        assert not HEADING_ORDINAL.match(sentence), sentence
    # the unbounded form (a line's label, a 目录 entry) takes them as ordinals, never a figure
    assert ORDINAL.match("301.工资福利支出") and ORDINAL.match("一二三四、") and not ORDINAL.match("1.5万元")


def test_years_as_printed() -> None:
    assert [m.group(1) for m in YEAR.finditer("上海市XX局2020年度部门决算（2019 年度对比）")] == ["2020", "2019"]
    assert first_year(["收入支出决算总表", "单位：万元", "2021年部门预算"]) == 2021
    assert first_year(["1999年度", "共 20 项"]) is None


@pytest.mark.parametrize(("printed", "code"), [("201", True), ("20103", True), ("201 03 01", True), ("２０１０３", True),
                                               ("2010301", True), ("0101", False), ("201030", False),
                                               ("20103010", False), ("201.03", False)])
def test_classification_codes(printed: str, code: bool) -> None:
    assert is_code(printed) is code


def test_a_code_printed_before_its_label() -> None:
    m = LEADING_CODE.match(norm("[2010301] 一般行政管理事务"))
    assert m is not None and m.groups() == ("2010301", "一般行政管理事务")


def test_the_old_names_are_the_text_module() -> None:
    from jueSuan.builders import layout
    from jueSuan.numbers import normalize_text

    assert normalize_text is text.norm and layout.norm is text.norm and layout.norm_label is text.norm_label
    assert layout.clean_label is text.clean_label and layout.is_code is text.is_code and layout.CODE_RE is text.CODE


def test_core_document_types_are_one_set() -> None:
    from jueSuan import document
    from jueSuan.models import Report
    from jueSuan.readers import base

    assert base.Document is document.Document and base.Grid is document.Grid and base.Cell is document.Cell
    assert attrs.fields(Report).documents.type == "tuple[Document, ...]"
    report = jueSuan.read(SAMPLES / "songjiang-2020.docx")
    assert report.documents and all(isinstance(d, document.Document) for d in report.documents)


def test_the_builders_decide_the_evaluations_unit_once() -> None:
    """The appendix's 绩效自评表 head 万元 and print 元: alone (a project of 10亿 or more), and with the
    department's tables (Σ 全年执行数 is ten thousand times 项目支出); a 绩效自评表 printed in 万元 is not."""
    appendix = SAMPLES / "songjiang-2020-appendix.docx"
    alone = jueSuan.read(appendix)
    both = jueSuan.read(SAMPLES / "songjiang-2020.docx", appendix)
    assert alone.evaluations and alone.evaluations_in_yuan and both.evaluations_in_yuan
    rules = {f.rule for f in jueSuan.reconcile(both)}
    assert "PF009" in rules
    pujin = jueSuan.read(SAMPLES / "pujin-perf-2023.docx")
    assert pujin.evaluations and not pujin.evaluations_in_yuan
    assert "PF009" not in {f.rule for f in jueSuan.reconcile(pujin)}


def test_the_builders_read_the_years_and_names_dc002_compares() -> None:
    report = jueSuan.read(SAMPLES / "songjiang-2020.docx")
    assert report.stated_years and {y for y, _ in report.stated_years} == {2020}
    titles = {t.display_title for t in report.tables}
    first_heading = next(i for i, (_, where) in enumerate(report.stated_years) if where not in titles)
    assert all(where in titles for _, where in report.stated_years[:first_heading])  # titles first, then headings
    assert report.heading_names and all(name == report.unit_name for name, _ in report.heading_names)
    assert all("部分" in heading for _, heading in report.heading_names)
