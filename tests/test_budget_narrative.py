"""The budget narrative (预算编制说明 / 预算情况说明) read from real budgets and checked against their tables:
found by its heading (never the 目录's line), every quote it calls checked examined by a rule that applies
to a budget, and the errors it finds on the Jiangsu two-file reports the ones confirmed on the pages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import jueSuan
from jueSuan.builders.narrative import find_budget_section
from jueSuan.builders.narrative.budget_subjects import subject_key
from jueSuan.models import NarrativeParagraph, Report
from jueSuan.rules.catalogue import registry
from jueSuan.source import SourceRef

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
SHANGHAI = REAL / "shanghai-budgets"
JIANGSU = REAL / "jiangsu-budgets"
needs_shanghai = pytest.mark.skipif(not SHANGHAI.is_dir(), reason="../shared/real/shanghai-budgets is absent")
needs_jiangsu = pytest.mark.skipif(not JIANGSU.is_dir(), reason="../shared/real/jiangsu-budgets is absent")

# which rules examine a quote bound to each target (builders/narrative/binding.py, budget_binding.py)
_EXAMINED_BY = {"table": "NR001", "share": "NR002", "growth": "NR003"}
_RELATIONS = {"增减额：与同句增长率一并检查": "NR003", "总数 = 各部分之和": "NR006", "上年数：与同句增长率一并检查": "NR003",
              "本年数：与本段所列金额一致": "BG009"}


def _paragraphs(*texts: str) -> tuple[NarrativeParagraph, ...]:
    return tuple(NarrativeParagraph(i, t, SourceRef("x.docx", paragraph=i)) for i, t in enumerate(texts))


def test_the_section_is_the_bodys_not_the_table_of_contents_line() -> None:
    paras = _paragraphs("目录", "四、部门预算编制说明", "五、部门预算表", "2025年部门预算编制说明",
                        "2025年，本部门收入预算100.00万元。", "2025年部门财务收支预算总表", "收入总计 100.00万元",
                        "其他相关情况说明", "一、“三公”经费", "“三公”经费预算数为3.00万元。", "科技创新专项经费情况说明",
                        "年度预算安排1720.00万。")
    section = find_budget_section(paras)
    assert section.name == "预算编制说明"
    assert [p.index for p in section.paragraphs] == [4, 8, 9]  # not the 目录, the tables, nor the project's 说明


def test_a_budget_without_such_a_heading_says_so() -> None:
    section = find_budget_section(_paragraphs("部门主要职能", "收入预算100.00万元。"))
    assert not section.paragraphs and "未找到" in section.how


@pytest.mark.parametrize(("subject", "key"), [
    ("收入预算总计", "income_total"), ("江苏省委办公厅本年收入预算合计", "income_total"),
    ("财政拨款收入预算总计", "fiscal_income"), ("财政专户管理资金收入预算总计", None),
    ("因公出国(境)费预算支出", "abroad"), ("江苏省委办公厅一般公共预算拨款安排的会议费预算支出", "meeting"),
    ("本部门一般公共预算机关运行经费预算支出", "operating_costs"), ("财政拨款的机关运行经费", "operating_costs"),
    ("江苏省委办公厅财政拨款基本支出", "fiscal_basic"), ("基本支出", "basic"), ("单位预留机动经费", None),
])
def test_a_subject_names_a_budget_figure_only_when_nothing_qualifies_it(subject: str, key: str | None) -> None:
    assert subject_key(subject) == key


def _checked_by_budget_rules(report: Report) -> None:
    rules = registry()
    for q in report.quotes:
        assert q.binding is not None
        if not q.binding.checked:
            continue
        rule = _EXAMINED_BY.get(q.binding.target) or _RELATIONS.get(q.binding.how)
        assert rule is not None, (q.subject, q.binding.target, q.binding.how)
        assert rules[rule].documents in ("any", "budget"), (rule, q.subject)


@needs_shanghai
@pytest.mark.parametrize("path", sorted(SHANGHAI.glob("*.pdf")) if SHANGHAI.is_dir() else [], ids=lambda p: p.stem)
def test_every_shanghai_budget_narrative_is_found_and_what_it_calls_checked_is(path: Path) -> None:
    report = jueSuan.read(path)
    cov = report.coverage
    assert cov is not None and cov.found and cov.name == "预算编制说明"
    assert cov.checked > 0 and cov.quoted == cov.checked + sum(n for _, n in cov.unchecked)
    _checked_by_budget_rules(report)
    table_bound = [q for q in report.quotes if q.binding is not None and q.binding.target == "table"]
    assert table_bound and all(isinstance(q.binding.table, jueSuan.models.BudgetTableKind) for q in table_bound
                               if q.binding is not None)


def _pair(narrative: str, tables: str) -> Report:
    return jueSuan.read(JIANGSU / narrative, JIANGSU / tables)


@needs_jiangsu
def test_a_jiangsu_two_file_report_checks_the_narrative_against_the_companion_tables() -> None:
    report = _pair("江苏省委办公厅__江苏省委办公厅2018年度部门预算公开文件.pdf", "江苏省委办公厅__江苏省委办公厅2018年度部门预算公开表.pdf")
    assert report.coverage is not None and report.coverage.name == "预算情况说明"
    _checked_by_budget_rules(report)
    by_subject = {q.subject: q for q in report.quotes if q.binding is not None and q.binding.target == "table"}
    assert "收入预算总计" in by_subject and "基本支出" in by_subject
    # 财政专户管理资金收入预算总计 0万元 is not the 收入预算总计
    assert all(q.binding is not None and q.binding.target != "table" for q in report.quotes
               if q.subject.startswith("财政专户"))
    errors = [f for f in jueSuan.reconcile(report) if f.severity is jueSuan.Severity.ERROR]
    # the one error: 411.20 / 508.20 is 80.91%, printed 80.92% so that 13.77 + 80.92 + 5.31 make 100 (said so)
    assert [(f.rule, f.left, f.right) for f in errors] == [("NR002", Decimal("80.92"), Decimal("80.91"))]
    assert "凑足100%" in errors[0].message


@needs_jiangsu
def test_the_growth_rates_misprinted_in_the_procuratorates_budgets_are_found() -> None:
    """0.06% where 21.8 / 3,644.2 is 0.60%, 0.66% where 134 / 2,029 is 6.60% (2018); 34.38% where
    368.97 / 1,073.77 is 34.36% (2019): confirmed on the pages (p.26, p.29)."""
    found = {}
    for name in ("江苏省人民检察院__2018年省检察院部门预算公开.pdf", "江苏省人民检察院__2019年度部门预算公开.pdf"):
        for f in jueSuan.reconcile(jueSuan.read(JIANGSU / name)):
            if f.rule == "NR003" and f.severity is jueSuan.Severity.ERROR:
                found[f.left] = f.right
    assert found.get(Decimal("0.06")) == Decimal("0.60")
    assert found.get(Decimal("0.66")) == Decimal("6.60")
    assert found.get(Decimal("34.38")) == Decimal("34.36")
    # 收入、支出预算总计…各增加…增长: the rate of the amount the sentence opened with
    assert found.get(Decimal("21.95")) == Decimal("22.00") and found.get(Decimal("10.06")) == Decimal("10.09")


@needs_shanghai
def test_a_stated_previous_year_and_a_restated_amount_are_checked() -> None:
    """2023 万里街道 item 16 opens with 220.63万元 (the tables' 2,206,272元), then says 2022年当年预算执行数为132.59万元，
    2023年预算安排441.25万元，比2022年预算执行数增加60.54% (item 15's figures): both disagreements are found."""
    report = jueSuan.read(SHANGHAI / "上海市普陀区万里街道办事处2023年部门预算.pdf")
    found = [f for f in jueSuan.reconcile(report) if f.table == "预算编制说明第67段" and f.severity is jueSuan.Severity.ERROR]
    assert sorted(f.rule for f in found) == ["BG009", "NR003"]
    bg008 = next(f for f in found if f.rule == "BG009")
    assert (bg008.left, bg008.right) == (Decimal("441.25"), Decimal("220.63"))
    # a new item (上年 0万元, 增加100.00%) is not a rate: unchecked with the reason, not an error
    new_items = [q for q in report.quotes if q.role == "growth" and q.binding is not None
                 and "上年数为 0" in q.binding.how]
    assert new_items


def test_a_sentence_broken_over_the_readers_lines_is_read_whole() -> None:
    """…比2016年增加3401.59万元，增长 | 129.97%。: the rate is read with its change; its source stays the line
    it is printed on."""
    from jueSuan.builders.narrative import build_narrative

    paras = _paragraphs("部门预算情况说明", "本部门机关运行经费预算支出6032.55万元，比2016年增加3401.59万元，增长",
                        "129.97%。主要原因是口径调整。", "一、下一节", "合计100.00万元。")
    quotes, _, _ = build_narrative(paras, [], "", 2017, False, budget=True)
    rate = next(q for q in quotes if q.text == "129.97%")
    assert rate.role == "growth" and rate.paragraph == 1 and rate.ref.paragraph == 2 and rate.ref.span == (0, 7)
    assert rate.binding is not None and rate.binding.target == "growth"
    assert next(q for q in quotes if q.text == "100.00万元").paragraph == 4  # a numbered heading is not joined
