"""The narrative (情况说明) against the tables and against itself, on the Songjiang samples."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import docx
import pytest

import jueSuan
from jueSuan import Severity


def _key(f: jueSuan.Finding) -> tuple[str, str, str, str | None, str | None]:
    return (f.rule, f.severity.label, f.line, None if f.left is None else str(f.left),
            None if f.right is None else str(f.right))


def test_the_three_contradictions_are_errors(published: Path) -> None:
    findings = jueSuan.reconcile(jueSuan.read(published))
    errors = {(f.rule, f.line, str(f.left), str(f.right)) for f in findings.filter(severity=Severity.ERROR)
              if f.rule.startswith("NR")}
    assert errors == {
        ("NR001", "收入支出总计", "3998.79", "4008.60"),
        ("NR001", "公用经费", "63.22", "2020.46"),
        ("NR005", "社会保障和就业支出行政事业单位养老支出机关事业单位职业年金缴费支出", "49.22", "61.50"),
    }
    total = next(f for f in findings.filter(rule="NR001") if f.line == "收入支出总计")
    para = total.terms[0].ref
    assert para.paragraph == 42 and para.span is not None
    text = jueSuan.read(published).narrative
    assert next(p.text for p in text if p.index == 42)[para.span[0]:para.span[1]] == "3,998.79万元"


def test_shares_and_completion_check_out(published: Path) -> None:
    report = jueSuan.read(published)
    findings = jueSuan.reconcile(report)
    class_shares = [q for q in report.quotes if q.role == "share" and q.whole == "一般公共预算财政拨款支出"]
    assert [q.text for q in class_shares] == ["3.72%", "1.43%", "93.56%", "1.29%"]
    assert not list(findings.filter(rule="NR002", at_least=Severity.ROUNDING))
    completion = next(q for q in report.quotes if q.text == "150.85%")
    assert completion.role == "completion" and completion.subject == "一般公共预算财政拨款支出"
    assert not [f for f in findings.filter(rule="NR004") if "150.85" in f.message]


def test_every_quantity_is_checked_or_listed(published: Path) -> None:
    report = jueSuan.read(published)
    findings = jueSuan.reconcile(report)
    unmatched = list(findings.filter(rule="NR009"))
    assert len(report.quotes) == 100
    # 24 quantities no table holds (平均得分 among them: no 绩效自评表 is attached to check it against),
    # 5 年初预算 table 5 does not print
    assert len(unmatched) == 29
    cov = report.coverage
    assert cov is not None and cov.found
    assert (cov.quoted, cov.checked) == (100, 71) and dict(cov.unchecked) == {"表中没有": 29}
    # each unmatched finding points at its quote
    spans = {(q.paragraph, q.span) for q in report.quotes}
    assert all((f.terms[0].ref.paragraph, f.terms[0].ref.span) in spans for f in unmatched)


def test_same_narrative_findings_from_docx_and_xlsx(published: Path) -> None:
    a = jueSuan.reconcile(jueSuan.read(published))
    b = jueSuan.reconcile(jueSuan.read(published.with_suffix(".xlsx")))
    assert sorted(_key(f) for f in a if f.rule.startswith("NR")) == sorted(_key(f) for f in b if f.rule.startswith("NR"))


def _bump(text: str) -> str:
    m = re.match(r"([\d,]+(?:\.\d+)?)", text)
    assert m
    num = m.group(1)
    decimals = len(num.split(".")[1]) if "." in num else 0
    value = Decimal(num.replace(",", "")) + Decimal(7)
    out = f"{value:,.{decimals}f}" if "," in num else f"{value:.{decimals}f}"
    return out + text[m.end():]


def _checked_quotes(report: jueSuan.Report) -> list[jueSuan.models.Quote]:
    unmatched = {(f.terms[0].ref.paragraph, f.terms[0].ref.span) for f in jueSuan.reconcile(report).filter(rule="NR009")}
    return [q for q in report.quotes if (q.paragraph, q.span) not in unmatched]


def test_one_figure_changed_is_caught(fixed: Path, tmp_path: Path) -> None:
    """Rewrite one quoted figure of the fixed narrative at a time (+7 in its last unit... of money,
    rates and counts alike); each change is caught by a finding in that paragraph."""
    report = jueSuan.read(fixed)
    base = {_key(f) for f in jueSuan.reconcile(report)}
    quotes = [q for q in _checked_quotes(report) if q.role != "count"]
    missed = []
    for q in quotes:
        d = docx.Document(str(fixed))
        para = [p for p in d.element.body.iter() if p.tag.endswith("}p") and p.getparent() is d.element.body][q.paragraph]
        paragraph = docx.text.paragraph.Paragraph(para, d.element.body)
        text = paragraph.text
        assert text[q.span[0]:q.span[1]] == q.text
        paragraph.text = text[: q.span[0]] + _bump(q.text) + text[q.span[1]:]
        out = tmp_path / "n.docx"
        d.save(str(out))
        found = [f for f in jueSuan.reconcile(jueSuan.read(out))
                 if f.severity.rank >= Severity.WARNING.rank and _key(f) not in base
                 and any(t.ref.paragraph == q.paragraph for t in f.terms)]
        if not found:
            missed.append((q.paragraph, q.text, q.subject, q.role))
    print(f"\nnarrative: {len(quotes)} quoted figures rewritten, {len(quotes) - len(missed)} caught")
    assert missed == [], missed


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("本年支出合计3,984.05万元，其中：基本支出2,026.81万元，占55.87%；项目支出1,957.24万元，占49.13%。", "NR002"),
        ("某单位2020年度收入支出总计4,008.60万元。与2019年度相比，收入支出总计增加1,777.50万元，增长69.67%。", "NR003"),
        ("一般公共预算财政拨款支出年初预算为2,640.99万元，支出决算为3,984.05万元，完成年初预算的160.85%。", "NR004"),
        ("“三公”经费财政拨款支出年初预算为0.00万元，支出决算为5.00万元，完成预算的100.00%。", "NR004"),
        ("年初预算为61.50万元，支出决算为49.22万元。决算数大于预算数的主要原因：人员变动。", "NR005"),
        ("政府采购金额为1,728.21万元，其中：货物采购金额1,239.90万元、工程采购金额10.00万元、服务采购金额488.31万元。",
         "NR006"),
    ],
)
def test_narrative_self_consistency(tmp_path: Path, sentence: str, rule: str) -> None:
    """A narrative alone (no tables): its own figures must agree with each other."""
    from jueSuan.builders import build_report
    from jueSuan.fixtures.word import write_docx
    from jueSuan.readers import read_document

    path = write_docx(tmp_path / "n.docx", ["第三部分 某单位2020年度部门决算情况说明", "一、总体情况", sentence])
    report = build_report([read_document(path)])
    assert rule in {f.rule for f in jueSuan.reconcile(report) if f.severity.rank >= Severity.WARNING.rank}


def test_figures_of_another_year_are_not_compared_with_this_years_tables(published: Path, tmp_path: Path) -> None:
    d = docx.Document(str(published))
    for p in d.paragraphs:
        if p.text.startswith("上海市松江区城市运行管理中心2020年度收入支出总计"):
            p.text = "2019年度收入支出总计2,231.10万元，上年本年收入合计2,000.00万元。" + p.text
    out = tmp_path / "prev.docx"
    d.save(str(out))
    report = jueSuan.read(out)
    prev = [q for q in report.quotes if q.role == "previous"]
    assert [q.text for q in prev] == ["2,231.10万元", "2,000.00万元"]
    assert not [f for f in jueSuan.reconcile(report).filter(rule="NR001") if "2,231.10" in f.message
                or "2,000.00" in f.message]


@pytest.mark.parametrize(("printed", "ok"), [("63.76%", True), ("63.80%", True), ("63.75%", True), ("63.70%", False),
                                             ("63.9%", False), ("63.7%", True)])
def test_a_printed_share_may_be_any_value_its_printed_inputs_allow(printed: str, ok: bool) -> None:
    """19.56 / 30.67: the inputs stand for 19.555–19.565 and 30.665–30.675, i.e. 63.75%–63.80%; a
    rate may also be truncated (63.7% for 63.77…%)."""
    from jueSuan.models import Figure
    from jueSuan.numbers import parse_amount
    from jueSuan.rules.narrative import _ratio_ok
    from jueSuan.source import SourceRef

    def fig(text: str) -> Figure:
        a = parse_amount(text)
        assert a is not None
        return Figure(a, SourceRef("x"))

    amount = parse_amount(printed)
    assert amount is not None
    assert _ratio_ok(amount, fig("19.56"), fig("30.67")) is ok
