"""Write the 财政项目支出绩效自评表 samples, one .docx per seed source, from ``samples/perf_data.py``:

    samples/jiading-perf-2024.docx        18 tables
    samples/huating-perf-2024.docx         5 tables
    samples/pujin-perf-2023.docx           4 tables
    samples/songjiang-2020-appendix.docx   9 tables

Each evaluation is preceded by two paragraphs (the title and the year text) and written as one Word table
of 8 grid columns in the publisher's grid (the layout of the pujin seed), with real Word merges
(w:gridSpan, w:vMerge):

    项目名称 (2)          | project (6)
    主管部门 (2)          | department (2)   | 实施单位 (2)   | implementer (2)
    项目资金（万元） (2)  | 年初预算数 | 全年预算数 | 全年执行数 | 分数 | 执行率(%) | 得分
    (merged, 4 rows)      | 年度资金总额： / 其中：当年财政拨款 / 上年结转资金 / 其他资金 | six cells
    年度总体目标 (2 rows) | 预期目标 (3)     | 实际完成情况 (4)
                          | expected (3)     | actual (4)
    一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    indicator rows, 一级 and 二级 vertically merged over the rows that share them
    总分 (5)              | 分值 total | 得分 total | (blank)
    评分等级 (2)          | grade (6)        (left out where the seed prints no grade)

Labels that the seeds print differently (项目资金 (万元), 分值 for 分数, 执行率 for 执行率(%), 年度资金总额
without a colon) are written as the seed prints them. A text holding line breaks becomes one paragraph per
line. The output is deterministic (fixed zip timestamps).

Run from the repository root:  python samples/make_perf_samples.py
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from perf_data import SOURCES, PerfTable

from jueSuan.fixtures import UP, Paragraph, Row, Table, mm, wide
from jueSuan.fixtures.word import PUBLISHED, write_docx

OUT_DIR = Path(__file__).resolve().parent
INDICATOR_HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
COLUMN_WIDTHS = tuple(mm(w) for w in (17, 21, 32, 21, 21, 14, 14, 30))  # 170 mm: A4 less 20 mm margins


def _levels(keys: Sequence[object], names: Sequence[str]) -> list[str | object]:
    """Each indicator's level cell: its name where a run of equal keys starts, ``UP`` below it."""
    return [name if i == 0 or keys[i] != keys[i - 1] else UP for i, name in enumerate(names)]


def evaluation(t: PerfTable) -> Table:
    """One 绩效自评表 in the 8-column grid described above."""
    level1 = _levels([ind.level1 for ind in t.indicators], [ind.level1 for ind in t.indicators])
    level2 = _levels([(ind.level1, ind.level2) for ind in t.indicators], [ind.level2 for ind in t.indicators])
    rows: list[Row] = [
        (wide("项目名称", 2), wide(t.project, 6)),
        (wide("主管部门", 2), wide(t.department, 2), wide("实施单位", 2), wide(t.implementer, 2)),
        (wide(t.funds_heading, 2), *t.fund_headers),
        *((UP if i else "", line.label, *line.cells) for i, line in enumerate(t.funds)),
        ("年度总体目标", wide("预期目标", 3), wide("实际完成情况", 4)),
        (UP, wide(t.expected, 3), wide(t.actual, 4)),
        INDICATOR_HEADER,
        *((a, b, ind.name, ind.target, ind.actual, ind.weight, ind.score, ind.reason)
          for a, b, ind in zip(level1, level2, t.indicators, strict=True)),
        (wide("总分", 5), t.total_weight, t.total_score, ""),
    ]
    if t.grade:
        rows.append((wide("评分等级", 2), wide(t.grade, 6)))
    return Table(tuple(rows), COLUMN_WIDTHS)


def blocks(tables: Sequence[PerfTable]) -> list[Paragraph | Table]:
    return [block for t in tables
            for block in (Paragraph(t.title, 14, True, "center"), Paragraph(t.year_text, 12, False, "center"),
                          evaluation(t))]


def main() -> None:
    for source, tables in SOURCES.items():
        path = write_docx(OUT_DIR / f"{source}.docx", blocks(tables), PUBLISHED)
        print(f"wrote samples/{path.name}: {len(tables)} tables")


if __name__ == "__main__":
    main()
