"""Two files, one report: grouping by unit, year and kind (CLI and batch), and a budget narrative
given without its tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jueSuan.batch import batch
from jueSuan.cli import main
from jueSuan.grouping import Identity, group, pair_parts, read_grouped, same_unit
from jueSuan.models import DocumentKind, Report

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
JIANGSU = REAL / "jiangsu-budgets"
NARRATIVE = JIANGSU / "江苏省委办公厅__江苏省委办公厅2019年度部门预算公开文件.pdf"
TABLES = JIANGSU / "江苏省委办公厅__江苏省委办公厅2019年度部门预算公开表格.pdf"
OTHER = JIANGSU / "江苏省政协办公厅__江苏省政协办公厅2019年预算公开表.pdf"
needs_jiangsu = pytest.mark.skipif(not JIANGSU.is_dir(), reason="../shared/real/jiangsu-budgets is absent")

BUDGET = DocumentKind.DEPARTMENT_BUDGET


def test_unit_names_match_in_their_long_and_short_forms() -> None:
    assert same_unit("江苏省委办公厅", "中国共产党江苏省委员会办公厅")
    assert same_unit("省委办公厅", "中共江苏省委办公厅")
    assert not same_unit("江苏省委办公厅", "江苏省政协办公厅")
    assert not same_unit("江苏省人民检察院", "江苏省人大常委会办公厅")


def test_files_that_say_nothing_different_are_one_report_and_others_are_not() -> None:
    a = Identity("江苏省委办公厅", 2019, BUDGET, "narrative")
    b = Identity("中共江苏省委办公厅", 2019, BUDGET, "tables")
    c = Identity("江苏省政协办公厅", 2019, BUDGET, "tables")
    d = Identity("江苏省委办公厅", 2018, BUDGET, "tables")
    unknown = Identity(None, None, None, "tables")
    assert group([a, b, c, d]) == [[0, 1], [2], [3]]
    assert group([a, unknown]) == [[0, 1]]
    assert group([a, Identity("江苏省委办公厅", 2019, DocumentKind.DEPARTMENT_FINAL, "both")]) == [[0], [1]]
    # batch pairs only a narrative with a tables file, both known
    assert pair_parts([b, c, a, d]) == [[1], [2, 0], [3]]
    assert pair_parts([a, unknown]) == [[0], [1]]


@needs_jiangsu
def test_reconcile_groups_the_two_files_of_one_report_and_keeps_the_third_apart() -> None:
    got = read_grouped([str(NARRATIVE), str(TABLES), str(OTHER)])
    assert len(got) == 2
    (label, report), (label2, other) = got
    assert isinstance(report, Report) and isinstance(other, Report)
    assert NARRATIVE.name in label and TABLES.name in label and "合并为一份报告" in label
    assert report.kind is BUDGET and report.year == 2019 and len(report.sources) == 2
    assert len(report.tables) >= 6 and len(report.narrative) > 50
    assert label2 == str(OTHER) and other.unit_name == "江苏省政协办公厅"
    forced = read_grouped([str(NARRATIVE), str(OTHER)], one_report=True)
    assert len(forced) == 1


@needs_jiangsu
def test_a_narrative_file_alone_is_read_and_says_its_tables_were_not_given(
        capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["reconcile", str(NARRATIVE)])
    out = capsys.readouterr().out
    # the narrative is checked against itself even without its tables: its one confirmed error (第60段, 增长30%
    # where 878.93 / 3,015.16 is 29%) makes the exit code 1; nothing else is an error
    assert code == 1 and out.count("NR003  错误 error") == 1 and "第60段" in out
    assert "文件类型 部门预算" in out and "未提供：预算表" in out
    assert "BG001（未提供预算表" in out


@needs_jiangsu
def test_batch_pairs_narrative_and_tables_in_a_folder(tmp_path: Path) -> None:
    for f in (NARRATIVE, TABLES, OTHER):
        shutil.copy(f, tmp_path / f.name)
    records: list[dict] = []
    summary = batch([tmp_path], jobs=1, on_record=records.append)
    assert summary.files == 3 and summary.ok == 3 and len(records) == 2
    assert len(summary.paired) == 1 and NARRATIVE.name in summary.paired[0] and TABLES.name in summary.paired[0]
    paired = next(r for r in records if r.get("paired"))
    assert paired["identity"]["part"] == "both" and paired["tables"] >= 6
    alone = next(r for r in records if not r.get("paired"))
    assert alone["file"].endswith(OTHER.name)
