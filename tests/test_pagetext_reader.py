"""The page-text reader (``*.pages.json``): the same Document the PDF reader gives for the same pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jueSuan.readers import Grid, Paragraph, ReadError, Reason, read_document
from jueSuan.readers.pagetext import tidy

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real" / "shanghai-juesuan"
PUTUO = REAL / "上海市普陀区文化和旅游局2025年度部门决算.pages.json"
needs_real = pytest.mark.skipif(not PUTUO.exists(), reason="../shared/real/shanghai-juesuan is absent")


def _write(tmp_path: Path, texts: list[str], tables: list[list[list[list[str]]]], name: str = "d.pages.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps({"doc_id": "x", "page_count": len(texts), "page_texts": texts, "page_tables": tables},
                            ensure_ascii=False), encoding="utf-8")
    return p


def test_tidy_keeps_spaces_only_between_latin_tokens() -> None:
    assert tidy("上海市普陀区文化和旅游局 2025 年度收入支出总计") == "上海市普陀区文化和旅游局2025年度收入支出总计"
    assert tidy("年中增加上海国际 MCN 大会预算") == "年中增加上海国际MCN大会预算"
    assert tidy("合计 26,538.47 26,538.47") == "合计26,538.47 26,538.47"
    assert tidy("目 录") == "目录"


def test_tables_placed_between_their_title_and_note(tmp_path: Path) -> None:
    texts = ["收入决算表\n单位：万元\n项目 合计\n201 一般公共服务支出 1,234.50\n合计 1,234.50\n注：本表反映收入。",
             "二、说明\n本年收入合计 1234.50 万元，其中：财政拨款收入 1234.50 万元，占"
             "\n100%。"]
    table = [["项目", "", "合计"], ["201", "一般公共服务\n支出", "1,234.50"], ["合计", "", "1,234.50"]]
    doc = read_document(_write(tmp_path, texts, [[table], []]))
    kinds = [(type(b).__name__, b.text if isinstance(b, Paragraph) else b.n_rows) for b in doc.blocks]
    assert kinds == [("Paragraph", "收入决算表"), ("Paragraph", "单位：万元"), ("Grid", 3),
                     ("Paragraph", "注：本表反映收入。"), ("Paragraph", "二、说明"),
                     ("Paragraph", "本年收入合计1234.50万元，其中：财政拨款收入1234.50万元，占100%。")]
    grid = doc.grids[0]
    assert grid.rows[1][1].text == "一般公共服务支出"  # a wrapped cell joined as the PDF reader joins it
    assert (grid.rows[2][2].ref.page, grid.rows[2][2].ref.row, grid.rows[2][2].ref.col) == (1, 2, 2)
    assert doc.paragraphs[-1].ref.page == 2
    assert doc.format == "pagetext"


def test_heading_never_swallows_the_next_line(tmp_path: Path) -> None:
    body = "上海市某某区某某局 2025 年度收入支出总计 26591.08 万元。与 2024 年度相比，收入支出"
    texts = ["九、国有资本经营预算财政拨款收入支出决算情况说明\n" + body + "\n总计增加 10 万元。\n"
             "第三部分 上海市某某区某某局 2025 年度部门决算情况\n说明"]
    doc = read_document(_write(tmp_path, texts, [[]]))
    assert [p.text for p in doc.paragraphs] == [
        "九、国有资本经营预算财政拨款收入支出决算情况说明",
        "上海市某某区某某局2025年度收入支出总计26591.08万元。与2024年度相比，收入支出总计增加10万元。",
        "第三部分上海市某某区某某局2025年度部门决算情况说明"]


@pytest.mark.parametrize(("content", "reason"), [
    ("not json at all", Reason.WRONG_FORMAT),
    ('{"pages": []}', Reason.WRONG_FORMAT),
    ('[1, 2]', Reason.WRONG_FORMAT),
    ('{"page_texts": [1], "page_tables": []}', Reason.MALFORMED),
    ('{"page_texts": ["a"], "page_tables": [[], []]}', Reason.MALFORMED),
    ('{"page_texts": ["  "], "page_tables": [[]]}', Reason.EMPTY),
])
def test_not_a_page_text_document(tmp_path: Path, content: str, reason: Reason) -> None:
    p = tmp_path / "x.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ReadError) as exc:
        read_document(p)
    assert exc.value.reason is reason


def test_table_not_in_page_text_is_reported(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, ["一段文字。"], [[[["甲", "1.00"], ["乙", "2.00"]]]]))
    assert isinstance(doc.blocks[-1], Grid)
    assert len(doc.problems) == 1 and "not in the page text" in doc.problems[0].reason


@needs_real
def test_real_juesuan_read_in_reading_order() -> None:
    doc = read_document(PUTUO)
    assert not doc.problems
    assert len(doc.grids) == 16  # the nine tables, the long ones in one part per page, and the units list
    assert [g.ref.page for g in doc.grids] == [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
    texts = [b.text if isinstance(b, Paragraph) else None for b in doc.blocks]
    # each table's title stands directly before it, its note directly after it
    for title in ("收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
                  "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表"):
        k = texts.index(title)
        assert texts[k + 1:k + 3] == ["单位：万元", None], title
        note = next(t for t in texts[k + 2:] if t is not None)
        assert note.startswith("注：本表反映"), title
    paras = [p.text for p in doc.paragraphs]
    assert "上海市普陀区文化和旅游局2025年度收入支出总计26591.08万元。与2024年度相比，收入支出总计增加8487.88万元，" \
           "增长46.89%。主要原因：项目经费收入支出增加。" in paras
    assert "第三部分上海市普陀区文化和旅游局2025年度部门决算情况说明" in paras
    assert "九、国有资本经营预算财政拨款收入支出决算情况说明" in paras
    # a numbered item over a page break stays one paragraph
    item16 = next(p for p in paras if p.startswith("16、"))
    assert item16.endswith("决算数小于预算数的主要原因：人员变动及社保基数调整。")
    # a figure wrapped to the next line is joined to its words
    assert any("公务用车保有量为4辆。" in p for p in paras)
    cell = doc.grids[1].rows[2][1]
    assert (cell.text, cell.ref.page, cell.ref.row, cell.ref.col) == ("24,535.67", 6, 2, 1)
