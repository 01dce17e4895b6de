"""Where the 情况说明 is, how its quotes are bound, and what is said when nothing can be checked —
each error kind real documents showed, as a regression test (documents written here, read back
through the real readers)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import jueSuan
from jueSuan import Severity
from jueSuan.builders import build_report
from jueSuan.fixtures.word import write_docx
from jueSuan.fixtures.workbook import Sheet, lines, write_xlsx
from jueSuan.models import Report
from jueSuan.readers import read_document

from .test_narrative_template import UNIT, Builder, narrative

TOC = ["目录", "第一部分 某单位概况", "第二部分 某单位2020年度部门决算表", "一、收入支出决算总表",
       "第三部分 某单位2020年度部门决算情况说明", "一、收入支出决算总体情况说明", "二、收入决算情况说明",
       "第四部分 名词解释"]
HEAD = "第三部分 某单位2020年度部门决算情况说明"


def _text_only(tmp_path: Path, paragraphs: list[str], name: str = "n.docx") -> Report:
    return build_report([read_document(write_docx(tmp_path / name, paragraphs))])


def _nr(report: Report, at_least: Severity = Severity.WARNING) -> list[jueSuan.Finding]:
    return [f for f in jueSuan.reconcile(report) if f.rule.startswith("NR") and f.severity.rank >= at_least.rank]


def test_the_narrative_is_read_from_the_body_not_from_the_table_of_contents(tmp_path: Path) -> None:
    body = [HEAD, "一、收入决算情况说明", "本年收入合计3,998.79万元，其中：财政拨款收入3,998.79万元，占100%。",
            "第四部分 名词解释", "一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。"]
    report = _text_only(tmp_path, [*TOC, *body])
    assert [q.text for q in report.quotes] == ["3,998.79万元", "3,998.79万元", "100%"]
    assert report.coverage is not None and report.coverage.found and report.coverage.paragraphs == 2
    assert all(q.paragraph > len(TOC) for q in report.quotes)


def test_xlsx_narrative_is_found_after_its_table_of_contents(tmp_path: Path) -> None:
    texts = [*TOC, HEAD, "一、收入决算情况说明", "本年收入合计3,998.79万元，其中：财政拨款收入3,998.79万元，占100%。",
             "第四部分 名词解释"]
    write_xlsx([Sheet("Sheet", tuple(lines(texts)), 1)], tmp_path / "n.xlsx")
    report = build_report([read_document(tmp_path / "n.xlsx")])
    assert [q.text for q in report.quotes] == ["3,998.79万元", "3,998.79万元", "100%"]


def test_same_coverage_from_docx_xlsx_xls_and_pdf() -> None:
    samples = Path(__file__).resolve().parents[1] / "samples"
    covs = {ext: jueSuan.read(samples / f"songjiang-2020.{ext}").coverage for ext in ("docx", "xlsx", "xls", "pdf")}
    assert len(set(covs.values())) == 1, covs
    cov = covs["docx"]
    assert cov is not None and cov.found and cov.quoted > 0 and cov.checked > 0


def test_a_narrative_only_in_the_table_of_contents_is_reported_missing(tmp_path: Path) -> None:
    report = _text_only(tmp_path, [*TOC, "第一部分 某单位概况", "一、主要职能", "负责全区城市运行管理。"])
    assert report.coverage is not None and not report.coverage.found
    [f] = [f for f in jueSuan.reconcile(report) if f.rule == "NR010"]
    assert f.severity is Severity.UNCHECKED and "目录" in f.message


def test_no_narrative_heading_at_all_says_so(tmp_path: Path) -> None:
    report = _text_only(tmp_path, ["第一部分 某单位概况", "一、主要职能", "负责全区城市运行管理。"])
    [f] = [f for f in jueSuan.reconcile(report) if f.rule == "NR010"]
    assert f.severity is Severity.UNCHECKED and "未找到" in f.message


def test_a_narrative_whose_figures_none_can_be_checked_is_visible(tmp_path: Path) -> None:
    report = _text_only(tmp_path, [HEAD, "一、其他情况", "本年度完成专项工作经费100.00万元，涉及项目3个。"])
    [f] = [f for f in jueSuan.reconcile(report) if f.rule == "NR010"]
    assert f.severity is Severity.UNCHECKED and "引用数字 2 个，已检查 0 个" in f.message
    assert len([f for f in jueSuan.reconcile(report) if f.rule == "NR009"]) == 2


@pytest.mark.parametrize(("second", "error"), [("350.56万元，占35.06%", False), ("350.56万元，占1.84%", True)])
def test_a_numbered_list_takes_its_whole_from_the_introducing_sentence(tmp_path: Path, second: str,
                                                                      error: bool) -> None:
    """2.“公共安全支出”350.56万元，占1.84%: the whole is the 一般公共预算财政拨款支出 that introduces the
    list, never the item's own amount (a share "computed against itself")."""
    report = _text_only(tmp_path, [HEAD, "五、一般公共预算财政拨款支出决算情况说明",
                                   "一般公共预算财政拨款支出1,000.00万元，主要用于以下方面：",
                                   "1.“一般公共服务支出”500.00万元，占50.00%；", f"2.“公共安全支出”{second}；",
                                   "3.“教育支出”149.44万元，占14.94%。"])
    shares = [q for q in report.quotes if q.role == "share"]
    assert [q.whole for q in shares] == ["一般公共预算财政拨款支出"] * 3
    assert all(q.binding is not None and q.binding.target == "share"
               and q.binding.operands[1].figure.value == Decimal("1000.00") for q in shares)
    found = [f for f in _nr(report) if f.rule == "NR002"]
    assert bool(found) == error
    if error:
        assert str(found[0].left) == "1.84" and str(found[0].right) == "35.06"


def test_a_share_with_no_whole_to_bind_is_unchecked_not_an_error(tmp_path: Path) -> None:
    report = _text_only(tmp_path, [HEAD, "一、其他情况", "“公共安全支出”350.56万元，占1.84%。"])
    [q] = [q for q in report.quotes if q.role == "share"]
    assert q.binding is not None and not q.binding.checked and "绑定不明确" in q.binding.how
    assert not _nr(report)


@pytest.mark.parametrize(("share", "error"), [("100%", False), ("100.00%", False), ("90%", True)])
def test_a_share_of_100_percent_without_decimals(tmp_path: Path, share: str, error: bool) -> None:
    report = _text_only(tmp_path, [HEAD, "二、收入决算情况说明",
                                   f"本年收入合计26538.47万元，其中：财政拨款收入26538.47万元，占{share}。"])
    assert bool([f for f in _nr(report) if f.rule == "NR002"]) == error


def test_a_rate_on_a_previous_year_of_zero_is_a_warning_not_an_error(tmp_path: Path) -> None:
    """公务接待费…增加0.40万元，增长100%: with this year's 0.40 the previous year was 0 — the rate is
    undefined, which a new item's narrative often prints as 100%: a warning, not an error."""
    report = _text_only(tmp_path, [HEAD, "七、财政拨款“三公”经费支出决算情况说明",
                                   "公务接待费支出决算为0.40万元。", "公务接待费支出决算比上年增加0.40万元，增长100%。"])
    found = [f for f in _nr(report) if f.rule == "NR003"]
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "无定义" in found[0].message


@pytest.mark.parametrize(("rate", "error"), [("降幅6.60%", False), ("降幅0.66%", True), ("下降6.6%", False)])
def test_a_rate_written_as_jiangfu(tmp_path: Path, rate: str, error: bool) -> None:
    """"…减少134万元，降幅0.66%" (a real budget: 134 / 2,029 is 6.60%) is a growth rate like 下降."""
    report = _text_only(tmp_path, [HEAD, "三、支出决算情况说明",
                                   f"检察监督支出（项）支出1,895万元，与上年相比减少134万元，{rate}。主要原因是办案费减少。"])
    [g] = [q for q in report.quotes if q.role == "growth"]
    assert g.direction == -1
    assert bool([f for f in _nr(report) if f.rule == "NR003"]) == error


def test_a_rate_whose_previous_year_would_be_negative_is_an_error(tmp_path: Path) -> None:
    report = _text_only(tmp_path, [HEAD, "一、收入支出决算总体情况说明",
                                   "收入支出总计100.00万元，比上年增加150.00万元，增长60.00%。"])
    assert [f.severity for f in _nr(report) if f.rule == "NR003"] == [Severity.ERROR]


PERF = ("绩效目标的2020年度项目{a}个，涉及预算金额361.81万元；绩效跟踪评价的2020年度项目{b}个，涉及预算金额1957.28万元；"
        "绩效自评的2020年度项目{c}个，涉及预算金额1957.28万元，平均得分91分（其中，绩效评级为“优”的项目{g1}个；"
        "绩效评级为“良”的项目{g2}个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个。绩效自评中共发现问题0个，"
        "已经完成整改的0个，正在整改的0个）。")


@pytest.mark.parametrize(("counts", "error"), [((43, 43, 9, 7, 2), False), ((7, 9, 9, 7, 2), False),
                                               ((9, 9, 9, 7, 3), True)])
def test_performance_counts_by_grade_add_up_to_the_projects_self_evaluated(
        tmp_path: Path, counts: tuple[int, ...], error: bool) -> None:
    """The grades add up to the number of projects self-evaluated — not to the number with targets
    (编报绩效目标) or tracked (跟踪评价), which may differ."""
    a, b, c, g1, g2 = counts
    report = _text_only(tmp_path, [HEAD, "十、预算绩效管理情况", "全过程绩效管理实施情况：编报" + PERF.format(
        a=a, b=b, c=c, g1=g1, g2=g2)])
    assert bool([f for f in _nr(report) if f.rule == "NR008"]) == error


def test_an_amount_split_by_a_line_break_is_one_figure(tmp_path: Path) -> None:
    """PDFs break lines inside amounts ("8487.88\\n万元", "1,777.\\n50万元"): the figure is read whole."""
    report = _text_only(tmp_path, [HEAD, "一、收入支出决算总体情况说明",
                                   "收入支出总计4,008.60万元。与2019年度相比，收入支出总计增加1,777.\n50万元，增长79.\n67%。"])
    assert [str(q.amount.value) for q in report.quotes] == ["4008.60", "1777.50", "79.67"]
    assert report.quotes[1].text == "1,777.\n50万元"
    assert not _nr(report)


@pytest.fixture(scope="module")
def builder() -> Builder:
    return Builder()


def test_the_narrative_after_a_table_of_contents_is_checked_against_the_tables(builder: Builder,
                                                                               tmp_path: Path) -> None:
    """The issue's case: a 目录 lists 第三部分 before the tables; the 情况说明 says 财政拨款收入支出总计
    0.30万元 while the table says 4,008.60 — an error, not a silent exit 0."""
    overview = builder.samples.OVERVIEW_PARAGRAPHS
    builder.samples.OVERVIEW_PARAGRAPHS = (*TOC, *overview)
    try:
        path = builder.write(tmp_path / "toc.docx", ["四、财政拨款收入支出决算总体情况说明",
                                                      f"{UNIT}2020年度财政拨款收入支出总计0.30万元。"])
    finally:
        builder.samples.OVERVIEW_PARAGRAPHS = overview
    report = jueSuan.read(path)
    [f] = [f for f in _nr(report) if f.rule == "NR001"]
    assert f.severity is Severity.ERROR and str(f.left) == "0.30" and str(f.right) == "4008.60"


def test_an_actual_quoted_without_wei_is_bound_to_its_row(builder: Builder, tmp_path: Path) -> None:
    """"支出决算 2349.56 万元" (no 为) is the 项's 支出决算 all the same."""
    tables = jueSuan.read(builder.write(tmp_path / "t.docx", ["一、收入支出决算总体情况说明"]))
    text = [p.replace("支出决算为", "支出决算 ") for p in narrative(tables)]
    report = jueSuan.read(builder.write(tmp_path / "n.docx", text))
    items = [q for q in report.quotes if q.classification and q.role == "actual"]
    assert items and all(q.binding is not None and q.binding.target == "table" for q in items)
    assert not _nr(report)
    wrong = [p.replace("支出决算 49.22万元", "支出决算 59.22万元") for p in text]
    assert any("支出决算 49.22万元" in p for p in text)
    found = [f for f in _nr(jueSuan.read(builder.write(tmp_path / "w.docx", wrong))) if f.rule == "NR001"]
    assert [(str(f.left), str(f.right)) for f in found] == [("59.22", "49.22")]


def test_items_in_the_government_fund_section_are_bound_to_table_8_not_table_5(tmp_path: Path) -> None:
    """八、政府性基金…: a 类/款/项 named there is a row of the 政府性基金 table; with no such table read
    the quote is unchecked, never compared with the 一般公共预算 table's row of the same name."""
    report = _text_only(tmp_path, [HEAD, "八、政府性基金预算财政拨款收入支出决算情况说明",
                                   "1、文化旅游体育与传媒支出（类）旅游发展基金支出（款）地方旅游开发项目补助（项）。"
                                   "主要用于：旅游厕所质量提升工程。年初预算为0万元，支出决算为2.80万元。"])
    [q] = [q for q in report.quotes if q.role == "actual"]
    assert q.part.startswith("八") and q.binding is not None
    assert not q.binding.checked and "政府性基金预算财政拨款收入支出决算表" in q.binding.how


def test_operating_costs_above_the_public_funds_of_table_6_are_an_error(builder: Builder, tmp_path: Path) -> None:
    tables = jueSuan.read(builder.write(tmp_path / "t.docx", ["一、收入支出决算总体情况说明"]))
    public = next(ln for ln in tables.tables if ln.kind.short == "T6").find("public_total")
    assert public is not None
    limit = public.values[0][1].value
    for amount, error in ((limit, False), (limit + 1, True)):
        path = builder.write(tmp_path / "o.docx", ["十一、其他重要事项的情况说明", "（一）机关运行经费支出情况",
                                                    f"机关运行经费支出{amount:,.2f}万元。"])
        report = jueSuan.read(path)
        [q] = report.quotes
        assert q.binding is not None and q.binding.target == "relation" and q.binding.get("公用经费合计")
        assert bool([f for f in _nr(report) if f.rule == "NR007"]) == error
