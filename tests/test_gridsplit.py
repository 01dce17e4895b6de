"""A grid holding the end of one table and the title of the next (Jiangsu's 公开表, where a page's ruling
joins the last row of one table to the next table) is read as the two tables it is."""

from __future__ import annotations

from pathlib import Path

import pytest

import jueSuan
from jueSuan.fixtures import wide
from jueSuan.fixtures.word import write_docx
from jueSuan.models import BudgetTableKind as B

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real" / "jiangsu-budgets"
RENDA_2017 = REAL / "江苏省人大办公厅__江苏省人大办公厅2017年度预算公开.pdf"

BASIC_HEAD = [["科目编码", "科目名称", "金额"], ["合计", "", "30.00"], ["301", "工资福利支出", "20.00"],
              ["30101", "基本工资", "20.00"], ["302", "商品和服务支出", "10.00"], ["30201", "办公费", "4.00"]]


def _joined(path: Path, last: str) -> Path:
    """A 财政拨款基本支出预算表 whose last item (30205 水费) stands in the grid of the next table, above that
    table's title row (merged over the width) and its own rows."""
    tail = [["30205", wide("水费", 2), wide(last, 2)],
            [wide("一般公共预算支出预算表", 5)], [wide("部门：示例厅", 3), wide("单位：万元", 2)],
            [wide("功能科目代码", 2), wide("功能科目名称", 2), "金额"], [wide("", 2), wide("合计", 2), "30.00"],
            [wide("201", 2), wide("一般公共服务支出", 2), "30.00"], [wide("20101", 2), wide("人大事务", 2), "30.00"],
            [wide("2010101", 2), wide("行政运行", 2), "30.00"]]
    return write_docx(path, ["江苏省示例厅2017年部门预算", "公开06表", "财政拨款基本支出预算表", "单位：万元", BASIC_HEAD,
                             "", tail])


@pytest.mark.parametrize(("last", "found"), [("6.00", []), ("7.00", ["error"])])
def test_the_row_above_a_title_continues_the_table_before(tmp_path: Path, last: str, found: list[str]) -> None:
    report = jueSuan.read(_joined(tmp_path / "budget.docx", last))
    basic, gpb = report.table(B.FISCAL_BASIC), report.table(B.GPB_EXPENDITURE)
    assert basic is not None and gpb is not None, [t.display_title for t in report.tables]
    water = basic.by_code("30205")
    assert water is not None and water.figures[0].printed == last
    assert basic.complete and gpb.by_code("2010101") is not None
    # 302 = 10.00 holds with 办公费 4.00 + 水费 6.00 only when the row split off the next grid is counted
    fs = jueSuan.reconcile(report)
    assert sorted(f.severity.label for f in fs if f.rule == "BG003" and "302" in f.line) == found


@pytest.mark.skipif(not RENDA_2017.is_file(), reason=f"{RENDA_2017} is absent")
def test_renda_2017_reads_its_twelve_tables() -> None:
    """p.9: the 收支预算总表's totals and the 收入预算总表 in one grid; p.15: the 财政拨款基本支出预算表's last
    row 30312 提租补贴 1,018.01 and the 政府性基金 table in one grid."""
    report = jueSuan.read(RENDA_2017)
    assert len(report.tables) == 12
    income, basic = report.table(B.INCOME), report.table(B.FISCAL_BASIC)
    assert income is not None and basic is not None and report.table(B.GOV_FUND) is not None
    assert basic.by_code("30312") is not None and basic.by_code("30312").figures[0].printed == "1,018.01"
    fs = jueSuan.reconcile(report)
    assert not [f for f in fs if f.rule == "BG003" and f.severity.label in ("error", "warning", "unchecked")]
