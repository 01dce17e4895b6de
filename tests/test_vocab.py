"""The vocabulary (jueSuan/vocab/): every spelling as data, typed keys, the generated page."""

from __future__ import annotations

from pathlib import Path

import pytest

import jueSuan
from jueSuan.builders import build_report
from jueSuan.builders.recognize import kinds_of, title_kind
from jueSuan.models import TableKind
from jueSuan.render.vocab_doc import vocab_markdown
from jueSuan.rules.cases.model import from_blocks
from jueSuan.vocab import Term, all_vocabularies, vocabulary
from jueSuan.vocab import columns as VC
from jueSuan.vocab import titles as VT
from jueSuan.vocab.keys import ColumnKey, FundKey, Role, key_of

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

# a 收入决算表 of one 单位 whose 财政拨款收入 column is printed under its older name 财政补助收入 (the name
# of the 事业单位 accounts before 2019), which no vocabulary lists
_INCOME = (
    "收入决算表",
    "单位：万元",
    (("科目编码", "科目名称", "本年收入合计", "财政补助收入", "事业收入"),
     ("合计", "", "150.00", "100.00", "40.00"),
     ("201", "一般公共服务支出", "150.00", "100.00", "40.00"),
     ("20101", "人大事务", "150.00", "100.00", "40.00")),
)


def _income_table() -> tuple[object, list[str]]:
    report = build_report([from_blocks(_INCOME)])
    t = report.table(TableKind.INCOME)
    assert t is not None, "the 收入决算表 is recognised by its title"
    return t, [u.text for u in report.unplaced]


def test_the_page_is_up_to_date() -> None:
    doc = ROOT / "docs" / "vocabulary.md"
    assert doc.read_text(encoding="utf-8") == vocab_markdown(), \
        "run: python -m jueSuan vocab --format markdown > docs/vocabulary.md"


def test_every_vocabulary_is_listed_once_with_its_terms() -> None:
    vocabs = all_vocabularies()
    names = [v.name for v in vocabs]
    assert len(names) == len(set(names))
    for v in vocabs:
        assert v.terms and v.purpose, v.name
        for t in v:
            assert t.spellings and t.label, (v.name, t.key)
    page = vocab_markdown()
    for v in vocabs:  # every spelling is on the page
        for t in v:
            assert all(f"`{s}`" in page for s in t.spellings if s), (v.name, t.key)


def test_a_new_column_spelling_is_one_line_of_data(monkeypatch: pytest.MonkeyPatch) -> None:
    t, unplaced = _income_table()
    assert t.column(ColumnKey.FISCAL) is None and "财政补助收入" in unplaced, \
        "an unknown header is reported as not recognised, never read as something else"
    assert t.total is not None and t.total.get(ColumnKey.FISCAL) is None

    # the one line of data: a spelling of the 财政拨款收入 column (tried where the vocabulary's own is)
    monkeypatch.setattr(VC, "INCOME_COLUMNS", VC.INCOME_COLUMNS.with_term(
        Term(ColumnKey.FISCAL.value, "财政拨款收入", ("财政补助收入",)), before=ColumnKey.FISCAL))
    t, unplaced = _income_table()
    col = t.column(ColumnKey.FISCAL)
    assert col is not None and col.label == "财政补助收入" and "财政补助收入" not in unplaced
    assert t.total is not None and str(t.total.get(ColumnKey.FISCAL).value) == "100.00"


def test_a_new_title_spelling_is_one_line_of_data(monkeypatch: pytest.MonkeyPatch) -> None:
    title = "部门收入决算情况表"  # not a title any template prints: not read as the 收入决算表
    assert title_kind(title) is None
    monkeypatch.setattr(VT, "FINAL_TITLES", VT.FINAL_TITLES.with_term(
        Term(TableKind.INCOME.name, "收入决算表", ("收入决算情况表",), ("支出", "财政拨款")), before="INCOME"))
    assert title_kind(title) is TableKind.INCOME
    assert title_kind("收入支出决算总表") is TableKind.SUMMARY  # the other titles as before


def test_a_region_spelling_is_admitted_by_its_profile_only() -> None:
    from jueSuan.vocab import Profile

    v = vocabulary("t", "test", (Term("x", "甲", ("公开01表",), regions={"jiangsu"}),))
    assert v.key("公开01表收支总表", Profile(region="jiangsu")) == "x"
    assert v.key("公开01表收支总表", Profile()) == "x"  # the region not known: every spelling admitted
    assert v.key("公开01表收支总表", Profile(region="shanghai")) is None


def test_an_unknown_key_raises() -> None:
    t, _ = _income_table()
    line = t.total
    assert line is not None
    with pytest.raises(KeyError, match="fisacl"):
        t.column("fisacl")
    with pytest.raises(KeyError, match="fisacl"):
        line.get("fisacl")
    with pytest.raises(KeyError, match="totl"):
        t.find("totl")
    with pytest.raises(KeyError):
        list(t.all("grand_totl"))
    with pytest.raises(KeyError):
        key_of(FundKey, "totl")
    # the keys as they are: typed or as strings, the same
    assert t.column("total") == t.column(ColumnKey.TOTAL) is not None
    assert t.find(Role.TOTAL) is t.find("total") is not None
    assert f"{ColumnKey.TOTAL}" == str(ColumnKey.TOTAL) == "total" and hash(Role.ROW) == hash("row")


def test_a_misspelled_key_in_the_data_stops_the_build() -> None:
    with pytest.raises(KeyError):  # a column term whose key is no ColumnKey
        VC._t("fisacl", ("财政拨款",))  # type: ignore[arg-type]
    bad = vocabulary("titles.bad", "test", (Term("INCOM", "收入决算表", ("收入决算表",)),))
    with pytest.raises(KeyError):  # a title term whose key names no table kind
        kinds_of(bad, TableKind)


def test_a_real_performance_sample_is_read_by_its_labels() -> None:
    """The performance labels moved to the vocabulary: a real 自评表 still reads its funds."""
    path = SAMPLES / "jiading-perf-2024.docx"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    report = jueSuan.read(path)
    assert report.evaluations
    total = report.evaluations[0].fund(FundKey.TOTAL)
    assert total is not None and total.get(ColumnKey.EXECUTED) is not None


def test_no_spelling_is_shadowed_by_an_earlier_term() -> None:
    """Order is data: a spelling added where an earlier term already matches it would never be read.
    Each spelling, printed alone, names its own term — but the 年初预算 columns of the 一般公共预算财政拨款
    支出决算表, which are told apart by the header above them (年初预算/基本支出)."""
    from jueSuan.vocab import lines as VL
    from jueSuan.vocab.lines import role_of

    by_key = (*VC.VOCABULARIES, VL.FUND_LINES, VL.INCOME_LINES, VL.THREE_PUBLIC_ITEMS, VT.FINAL_TITLES,
              VT.BUDGET_TITLES)
    by_role = (VL.SUMMARY_INCOME_ROLES, VL.SUMMARY_EXPENSE_ROLES, VL.ECONOMIC_ROLES, VL.ASSET_ROLES)
    by_path = {"年初预算/基本支出": "budget_basic", "年初预算/项目支出": "budget_project"}
    shadowed = [(v.name, t.key, s) for v in by_key for t in v for s in t.spellings
                if s and v.key(s) != t.key and not (v is VC.GPB_COLUMNS and t.key in by_path.values())]
    shadowed += [(v.name, t.key, s) for v in by_role for t in v for s in t.spellings if role_of(v, s) != t.key]
    assert not shadowed
    for path, key in by_path.items():
        assert VC.GPB_COLUMNS.key(path) == key
    assert VC.GPB_COLUMNS.key("年初预算/合计") == "budget_total"
