"""The document about itself: 目录 entries found in the body (DC010), template leftovers (DC011, DC012), its
own year (DC013) and unit (DC014), a table printed with its amounts off their codes (XT030).

Each check runs the real readers on the real documents of ../shared/real and on copies of the real 2025
决算 with one statement changed, so that every finding asserted is one a real document can produce."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

import jueSuan
from jueSuan.builders.leftovers import PLACEHOLDER, find_leftovers
from jueSuan.findings import Findings, Severity
from jueSuan.readers import read_document

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
JUESUAN = REAL / "shanghai-juesuan" / "上海市普陀区文化和旅游局2025年度部门决算.pages.json"
TEMPLATE = REAL / "shanghai-juesuan" / "上海市部门决算模板2024.pdf"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
pytestmark = pytest.mark.skipif(not JUESUAN.exists(), reason="../shared/real (real published documents) is absent")
SELF = ("DC010", "DC011", "DC012", "DC013", "DC014")


def _check(path: Path) -> Findings:
    return jueSuan.reconcile(jueSuan.read(path))


def _edited(tmp_path: Path, edit: dict[int, list[tuple[str, str]]], drop: tuple[int, ...] = ()) -> Path:
    """A copy of the real 决算 with words replaced on some pages (1-based) and some pages left out."""
    data = json.loads(JUESUAN.read_text(encoding="utf-8"))
    for page, pairs in edit.items():
        for old, new in pairs:
            assert old in data["page_texts"][page - 1], old
            data["page_texts"][page - 1] = data["page_texts"][page - 1].replace(old, new)
    for page in drop:
        data["page_texts"][page - 1] = ""
        data["page_tables"][page - 1] = []
    out = tmp_path / "edited.pages.json"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


def _rules(fs: Findings, severity: Severity = Severity.ERROR) -> Counter[str]:
    return Counter(f.rule for f in fs if f.severity is severity)


def test_real_juesuan_says_nothing_false_about_itself() -> None:
    fs = _check(JUESUAN)
    assert not [f.message for f in fs if f.rule in SELF]


def test_template_one_finding_per_placeholder() -> None:
    """An independent count: the template's text as pdfplumber extracts it, runs of X counted by a regex."""
    import pdfplumber

    with pdfplumber.open(TEMPLATE) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    runs = len(re.findall(r"X{2,}", text.replace(" ", "")))
    alternatives = len(re.findall(r"(增加|减少|增长|下降|大于|小于)（(增加|减少|增长|下降|大于|小于)）", text.replace(" ", "")))
    fs = _check(TEMPLATE)
    errors = _rules(fs)
    assert errors["DC011"] == runs > 100
    assert errors["DC012"] >= alternatives > 20  # and the instructions (（如持平作持平表述）, 作下述说明…)
    assert set(errors) == {"DC011", "DC012"}  # no arithmetic error on a template with no figures
    assert {f.rule for f in fs} == {"DC011", "DC012"}  # and nothing else: no warning, nothing unchecked
    # every finding cites its words and where they stand
    for f in fs.filter(rule=("DC011", "DC012")):
        assert f.terms and f.terms[0].ref.page is not None and f.terms[0].printed in f.message


def test_placeholders_not_taken_from_real_words(tmp_path: Path) -> None:
    doc = tmp_path / "words.pages.json"
    doc.write_text(json.dumps({"page_texts": ["型号XXL的设备1台，编号A-XX2，代码XX10。上海市XX局收入XXX万元，下降（增长）XX%。"],
                               "page_tables": [[]]}, ensure_ascii=False), encoding="utf-8")
    found = find_leftovers([read_document(doc)])
    assert [(x.kind, x.words) for x in found] == [
        (PLACEHOLDER, "XX"), (PLACEHOLDER, "XXX"), ("alternative", "下降（增长）"), (PLACEHOLDER, "XX")]


def test_leftovers_in_a_filled_document(tmp_path: Path) -> None:
    path = _edited(tmp_path, {21: [("收入支出总计增加 8487.88", "收入支出总计增加（减少）8487.88"),
                                   ("主要原因：项目经费收入支出增加。", "主要原因：XXXXXXXX。（如持平作持平表述）")]})
    fs = _check(path)
    assert _rules(fs)["DC012"] == 2 and _rules(fs)["DC011"] == 1
    f = next(iter(fs.filter(rule="DC011")))
    assert f.terms[0].ref.page == 21 and "XXXXXXXX" in f.message


def test_toc_entry_the_body_lacks(tmp_path: Path) -> None:
    # the 一般公共预算财政拨款支出决算表 (pages 15-16) left out of the body; the 目录 still lists it
    fs = _check(_edited(tmp_path, {}, drop=(15, 16)))
    missing = [f for f in fs.filter(rule="DC010") if f.severity is Severity.ERROR]
    assert [f.line for f in missing] == ["五、一般公共预算财政拨款支出决算表"]
    assert "2025年度部门决算表」部分" in missing[0].message and missing[0].terms[0].ref.page == 2


def test_toc_section_the_body_lacks(tmp_path: Path) -> None:
    # the heading gone, its paragraph still says what it is about: the section is there
    fs = _check(_edited(tmp_path, {30: [("十、预算绩效管理情况", "")]}))
    assert not list(fs.filter(rule="DC010"))
    # heading and words gone: the 目录 lists a section the body lacks
    fs = _check(_edited(tmp_path, {30: [("十、预算绩效管理情况", ""), ("2025年度预算绩效管理工作开", "2025年度工作开")]}))
    assert [f.line for f in fs.filter(rule="DC010")] == ["十、预算绩效管理情况"]
    assert "第三部分" in next(iter(fs.filter(rule="DC010"))).message


def test_toc_lines_are_not_sections() -> None:
    from jueSuan.builders.toc import toc_span

    doc = read_document(JUESUAN)
    span = toc_span(doc.paragraphs)
    texts = [doc.paragraphs[k].text for k in span]
    assert texts[0] == "目录" and texts[-1] == "第四部分名词解释"
    assert all(doc.paragraphs[k].ref.page in (2, 3) for k in span)


@pytest.mark.parametrize(("page", "old", "new"), [
    (21, "第三部分 上海市普陀区文化和旅游局 2025 年度部门决算情况", "第三部分 上海市普陀区文化和旅游局 2024 年度部门决算情况"),
    (31, "截至 2025 年 12 月 31 日", "截至 2024 年 12 月 31 日"),
    (6, "上海市普陀区文化和旅游局 2025 年度部门决算表", "上海市普陀区文化和旅游局 2024 年度部门决算表"),
    (31, "上海市普陀区文化和旅游局 2025 年度政府采购金额", "上海市普陀区文化和旅游局 2024 年度政府采购金额"),
])
def test_another_year_stated_of_itself(tmp_path: Path, page: int, old: str, new: str) -> None:
    fs = _check(_edited(tmp_path, {page: [(old, new)]}))
    found = [f for f in fs.filter(rule="DC013") if f.severity is Severity.ERROR]
    assert len(found) == 1 and "2024" in found[0].message and "2025" in found[0].message
    assert found[0].terms[0].ref.page == page


def test_years_merely_mentioned_are_not_statements(tmp_path: Path) -> None:
    path = _edited(tmp_path, {31: [("主要原因是厉行节约，严格控制成本。",
                                    "主要原因是落实2023年度出台的规定，2026年度预算将继续压减，与上年相比减少。")],
                              30: [("十、预算绩效管理情况", "十、预算绩效管理情况\n上海市普陀区文化和旅游局2026年度将继续推进绩效管理。")]})
    assert not list(_check(path).filter(rule="DC013"))


def test_unit_name_differing_from_the_cover(tmp_path: Path) -> None:
    # the district dropped where the document names itself in a sentence
    path = _edited(tmp_path, {31: [("上海市普陀区文化和旅游局 2025 年度政府采购", "上海市文化和旅游局 2025 年度政府采购")]})
    found = list(_check(path).filter(rule="DC014"))
    assert len(found) == 1 and "上海市文化和旅游局" in found[0].message and "上海市普陀区文化和旅游局" in found[0].message
    assert {t.ref.page for t in found[0].terms} == {31, 1}
    # a unit of the department named in a sentence is not the department misnamed
    path = _edited(tmp_path, {31: [("上海市普陀区文化和旅游局 2025 年度政府采购", "上海市普陀区图书馆 2025 年度政府采购")]})
    assert not list(_check(path).filter(rule="DC014"))
    # a part heading names the document's unit: any other name there is an error
    path = _edited(tmp_path, {4: [("第一部分 上海市普陀区文化和旅游局概况", "第一部分 上海市普陀区体育局概况")]})
    assert [f.rule for f in _check(path).filter(rule="DC014")] == ["DC014"]


def test_misaligned_table_one_error_rest_unchecked() -> None:
    fs = _check(JUESUAN)
    xt = list(fs.filter(rule="XT030"))
    assert len(xt) == 1 and xt[0].severity is Severity.ERROR and xt[0].line.startswith("20709")
    assert {t.ref.page for t in xt[0].terms} == {15, 11}
    t5 = "一般公共预算财政拨款支出决算表"
    resting = [f for f in fs if f.rule != "XT030" and t5 in f.table]
    assert resting and all(f.severity is Severity.UNCHECKED for f in resting)
    assert not [f for f in fs if f.severity is Severity.ERROR and f.rule != "XT030"]


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("songjiang-2020*.docx")), ids=lambda p: p.name)
def test_songjiang_samples_nothing_new(path: Path) -> None:
    assert not [f.message for f in _check(path) if f.rule in (*SELF, "XT030")]


def test_toc_with_leaders_and_page_numbers(tmp_path: Path) -> None:
    from jueSuan.builders.toc import find_missing

    toc = ("目 录\n第一部分 单位概况……………………1\n一、主要职能……………………1\n第二部分 部门决算表……………………3\n"
           "一、收入支出决算总表……………………3\n二、收入决算表……………………4\n第三部分 情况说明……………………6\n一、收入支出决算总体情况说明……………………6")
    body = ["第一部分 单位概况\n一、主要职责\n本单位负责……。", "第二部分 部门决算表\n收入支出决算总表\n项目 决算数\n合计 1.00",
            "第三部分 情况说明\n一、收入支出决算总体情况说明\n收入支出总计1.00万元。"]
    table = [["项目", "决算数"], ["合计", "1.00"]]
    path = tmp_path / "toc.pages.json"
    path.write_text(json.dumps({"page_texts": [toc, *body], "page_tables": [[], [], [table], []]}, ensure_ascii=False),
                    encoding="utf-8")
    parsed, missing = find_missing([read_document(path)])
    assert parsed is not None
    assert [e.text for e in parsed.entries][:3] == ["第一部分单位概况", "一、主要职能", "第二部分部门决算表"]
    # 主要职能 / 主要职责: a section of the same number in its part; 收入决算表: listed, not in the body
    assert [m.entry.text for m in missing] == ["二、收入决算表"]
    # the same 目录 over a file with no table at all: its tables are published elsewhere, not looked for
    path.write_text(json.dumps({"page_texts": [toc, *body], "page_tables": [[], [], [], []]}, ensure_ascii=False),
                    encoding="utf-8")
    assert find_missing([read_document(path)])[1] == []
