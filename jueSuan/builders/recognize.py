"""Which table is this? Titles by alias, confirmed by a header signature; never by position.

The title is looked for in the paragraphs just before the grid and in title rows inside the grid
(the asset table prints its title in its first row); the unit (``单位：万元``) in the same places.
"""

from __future__ import annotations

import re

import attrs

from ..document import Document, Grid, Paragraph
from ..models import BudgetTableKind, TableKind
from ..numbers import Unit, detect_unit
from ..text import first_year
from .layout import norm
from .printed import table_number

# (kind, required title fragments (any), forbidden fragments)
_TITLE_RULES: tuple[tuple[TableKind, tuple[str, ...], tuple[str, ...]], ...] = (
    (TableKind.THREE_PUBLIC, ("三公",), ()),
    (TableKind.BASIC_ECONOMIC, ("基本支出决算",), ("项目支出",)),
    (TableKind.GOV_FUND, ("政府性基金预算财政拨款收入支出决算", "政府性基金预算财政拨款支出决算"), ("总表",)),
    (TableKind.SOE_CAPITAL, ("国有资本经营预算财政拨款收入支出决算", "国有资本经营预算财政拨款支出决算"), ("总表",)),
    (TableKind.FISCAL_SUMMARY, ("财政拨款收入支出决算总表",), ()),
    (TableKind.SUMMARY, ("收入支出决算总表",), ("财政拨款",)),
    (TableKind.GPB_EXPENDITURE, ("一般公共预算财政拨款支出决算",), ("基本支出决算", "三公")),
    (TableKind.INCOME, ("收入决算表",), ("支出", "财政拨款")),
    (TableKind.EXPENDITURE, ("支出决算表",), ("收入", "财政拨款", "三公", "基本支出")),
    (TableKind.ASSETS, ("资产负债情况表", "国有资产占用情况表", "资产占用情况表", "资产情况表"), ()),
)

B = BudgetTableKind
# budget titles (预算, never 决算), Shanghai's and Jiangsu's wordings; tried first, in this order
_BUDGET_TITLE_RULES: tuple[tuple[BudgetTableKind, tuple[str, ...], tuple[str, ...]], ...] = (
    (B.THREE_PUBLIC, ("三公",), ()),
    (B.OPERATING_COSTS, ("机关运行经费",), ()),
    (B.PROCUREMENT, ("政府采购",), ()),
    (B.FISCAL_SUMMARY, ("财政拨款收支预算总表", "财政拨款收支总表"), ()),
    (B.FISCAL_BASIC, ("财政拨款基本支出",), ()),
    (B.FISCAL_EXPENDITURE, ("财政拨款支出预算表",), ("政府性基金", "一般公共预算", "国有资本")),
    (B.GOV_FUND, ("政府性基金",), ()),
    (B.SOE_CAPITAL, ("国有资本经营",), ()),
    (B.BASIC_ECONOMIC, ("基本支出",), ()),
    (B.GPB_EXPENDITURE, ("一般公共预算支出",), ()),
    (B.SUMMARY, ("收支预算总表", "收支总表"), ("财政拨款",)),
    (B.INCOME, ("收入预算总表", "收入预算表", "收入总表"), ("支出",)),
    (B.EXPENDITURE, ("支出预算总表", "支出预算表", "支出总表"), ("收入",)),
)
_TOTALS = ("合计", "总计", "小计")
_BUDGET_SIGNATURES: dict[BudgetTableKind, tuple[str, ...]] = {
    **{k: _TOTALS for k in BudgetTableKind},
    B.THREE_PUBLIC: ("出国", "接待", "公务用车"),
    B.OPERATING_COSTS: ("机关运行", "合计", "金额", "预算数"),
    B.PROCUREMENT: ("采购",),
    B.BASIC_ECONOMIC: ("工资福利", "商品和服务", "人员经费", "经济分类"),
    B.FISCAL_BASIC: ("工资福利", "商品和服务", "人员经费", "经济分类"),
}

# header/body vocabulary that confirms a kind: (any of these) must appear in the grid's text
_SIGNATURES: dict[TableKind, tuple[str, ...]] = {
    TableKind.SUMMARY: ("本年收入合计", "本年支出合计"),
    TableKind.INCOME: ("本年收入合计", "财政拨款收入", "上级补助收入"),
    TableKind.EXPENDITURE: ("本年支出合计", "基本支出"),
    TableKind.FISCAL_SUMMARY: ("财政拨款结转和结余", "一般公共预算财政拨款"),
    TableKind.GPB_EXPENDITURE: ("基本支出", "项目支出"),
    TableKind.BASIC_ECONOMIC: ("人员经费", "工资福利支出", "经济分类", "商品和服务支出"),
    TableKind.THREE_PUBLIC: ("因公出国", "公务接待", "公务用车"),
    TableKind.GOV_FUND: ("结转和结余", "本年收入", "本年支出"),
    TableKind.SOE_CAPITAL: ("结转和结余", "本年收入", "本年支出"),
    TableKind.ASSETS: ("资产合计", "固定资产", "资产总计"),
}

_TEMPLATE_INSTRUCTION = re.compile(r"作下述说明|按上述格式依次说明")

_TABLE_NUMBER = re.compile(r"(?:公开)?\d{1,2}表|公开表[一二三四五六七八九十]+|表[一二三四五六七八九十]+")
_TRAILING_UNIT = re.compile(r"(?:金额|计量)?单位[:：].*$")


def title_kind(text: str) -> TableKind | BudgetTableKind | None:
    """The table kind a title names, or None. ``text`` is a title as printed."""
    s = _TRAILING_UNIT.sub("", norm(text))  # "收入支出决算总表 单位：万元" on one line
    s = re.sub(r"(?:编制部门|编制单位|预算单位|部门)[:：].*$", "", s)  # "收支预算总表部门：江苏省政协办公厅 单位：万元"
    s = re.sub(r"^(?:表[一二三四五六七八九十]+)?公开(?:\d+|[一二三四五六七八九十]+)表|公开(?:\d+|[一二三四五六七八九十]+)表$",
               "", s)  # Jiangsu: "公开01表收支预算总表", "收支预算总表公开表一"
    s = re.sub(r"公开表[一二三四五六七八九十]+$", "", s)
    s = re.sub(r"(表)[(（][^()（）]{1,8}[)）]$", r"\1", s)  # Jiangsu: 财政拨款支出预算表（功能科目）
    if len(s) > 60 or (not s.endswith(("表", "表)", "表）")) and "决算表" not in s and "情况表" not in s):
        return None
    if re.search(r"预算(?:总)?表", s) and "决算" not in s and not s.startswith("第"):  # not the part heading 第二部分…部门预算表
        for bkind, needed, forbidden in _BUDGET_TITLE_RULES:
            if any(n in s for n in needed) and not any(f in s for f in forbidden):
                return bkind
        return None
    for kind, needed, forbidden in _TITLE_RULES:
        if any(n in s for n in needed) and not any(f in s for f in forbidden):
            return kind
    return None


def signature_kind(grid: Grid) -> TableKind | None:
    """A kind recognised from the grid's own vocabulary alone, when its title is missing."""
    text = norm("".join(c.text for row in grid.rows[:60] for c in row if c.origin is None))
    if "因公出国" in text and "公务接待" in text:
        return TableKind.THREE_PUBLIC
    if "人员经费" in text and "公用经费" in text and "工资福利支出" in text:
        return TableKind.BASIC_ECONOMIC
    if "资产合计" in text and "固定资产" in text and "净资产" in text:
        return TableKind.ASSETS
    if "上级补助收入" in text and "附属单位上缴收入" in text and "本年收入合计" in text:
        return TableKind.INCOME
    if "上缴上级支出" in text and "对附属单位补助支出" in text:
        return TableKind.EXPENDITURE
    if "本年收入合计" in text and "本年支出合计" in text:
        return TableKind.FISCAL_SUMMARY if "年初财政拨款结转和结余" in text else TableKind.SUMMARY
    return None


def signature_ok(kind: TableKind | BudgetTableKind, grid: Grid) -> bool:
    text = norm("".join(c.text for row in grid.rows for c in row if c.origin is None))
    words = _BUDGET_SIGNATURES[kind] if isinstance(kind, BudgetTableKind) else _SIGNATURES[kind]
    return any(w in text for w in words)


@attrs.frozen
class Candidate:
    grid: Grid
    kind: TableKind | BudgetTableKind | None
    title: str
    unit: Unit | None
    title_rows: frozenset[int]
    notes: tuple[str, ...]
    by_signature: bool = False
    problem: str = ""
    year: int | None = None  # the year stated in the heading just before the grid
    last: Grid | None = None  # the last grid merged into this one (a table continued over several)
    number: str = ""  # the table's number as printed with its title or just above it (表六, 公开05表)


def _title_rows(grid: Grid) -> tuple[str, Unit | None, set[int]]:
    """Rows at the top of a grid that are a title or a unit line, not headers."""
    title, unit, rows = "", None, set()
    for r in range(min(3, grid.n_rows)):
        texts = [c.text.strip() for c in grid.distinct_cells(r) if c.text.strip(" \u3000\n")]
        if len(texts) > 2:
            break
        joined = " ".join(texts)
        if _TABLE_NUMBER.fullmatch(norm(joined)):  # Jiangsu: a row of its own for 公开03表 above the title
            rows.add(r)
            continue
        u = detect_unit(joined)
        k = title_kind(texts[0]) if texts else None
        if k is not None or u is not None or not texts:
            rows.add(r)
            if k is not None and not title:
                title = texts[0]
            if u is not None:
                unit = u
        else:
            break
    return title, unit, rows


def candidates(doc: Document) -> list[Candidate]:
    """Every grid of the document with the kind, title, unit and notes found around it."""
    out: list[Candidate] = []
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if not isinstance(block, Grid):
            continue
        before: list[Paragraph] = []
        j = i - 1
        while j >= 0 and isinstance(blocks[j], Paragraph) and len(before) < 4:
            p = blocks[j]
            assert isinstance(p, Paragraph)
            if p.text.strip():
                before.append(p)
            j -= 1
        title, unit, rows = _title_rows(block)
        kind = title_kind(title) if title else None
        year = first_year([p.text for p in before if len(p.text) < 40])
        for p in before:  # nearest first
            if unit is None:
                unit = detect_unit(p.text)
            if kind is None:
                for line in p.text.splitlines():
                    k = title_kind(line)
                    if k is not None:
                        kind, title = k, line.strip()
                        break
        notes: list[str] = []
        j = i + 1
        while j < len(blocks) and isinstance(blocks[j], Paragraph):
            p = blocks[j]
            assert isinstance(p, Paragraph)
            s = norm(p.text)
            if s.startswith(("注", "说明", "备注")):
                notes.append(p.text.strip())
            elif _TEMPLATE_INSTRUCTION.search(s):
                pass  # a template's instruction left in ("…作下述说明：") stands between a table and its 说明
            elif (s and title_kind(p.text) is not None) or (s and not s.startswith(("注", "说明")) and len(notes) >= 1):
                break
            j += 1
        prev = out[-1] if out else None
        if (prev is not None and prev.kind is not None and not title
                and (kind is None or kind is prev.kind) and _adjacent(blocks, prev.last or prev.grid, block)
                and prev.grid.n_cols == block.n_cols):
            # a table continued in a second (third…) table: a page break, or a split by the publisher
            out[-1] = attrs.evolve(prev, grid=continue_grid(prev.grid, block), notes=prev.notes + tuple(notes),
                                   last=block)
            continue
        number = table_number(title, [p.text for p in before]) if kind is not None else ""
        out.append(Candidate(block, kind, title, unit, frozenset(rows), tuple(notes), False, "", year, number=number))
    # the header signature is checked on whole tables, continuations included: the first page of
    # a long table need not show the words that confirm it
    return [_confirm(c) for c in out]


def _confirm(c: Candidate) -> Candidate:
    if c.kind is None:
        kind = signature_kind(c.grid)
        return attrs.evolve(c, kind=kind, by_signature=kind is not None)
    if not signature_ok(c.kind, c.grid):
        return attrs.evolve(c, kind=None, problem=f"title names {c.kind.canonical_title} but the header does not "
                                                   f"look like one")
    return c


def _adjacent(blocks: tuple[object, ...], first: Grid, second: Grid) -> bool:
    """True when only empty paragraphs stand between the two grids."""
    i = next(k for k, b in enumerate(blocks) if b is second)
    j = i - 1
    while j >= 0 and blocks[j] is not first:
        b = blocks[j]
        if isinstance(b, Grid) or (isinstance(b, Paragraph) and b.text.strip()):
            return False
        j -= 1
    return j >= 0


def continue_grid(first: Grid, second: Grid) -> Grid:
    """``first`` with the rows of ``second`` appended, less a repeated header. Cells keep their
    own source; merge origins are renumbered to the rows of the combined grid."""
    repeated = 0
    while (repeated < min(second.n_rows, first.n_rows, 6)
           and [norm(c.text) for c in second.rows[repeated]] == [norm(c.text) for c in first.rows[repeated]]
           and any(norm(c.text) for c in second.rows[repeated])):
        repeated += 1
    offset = first.n_rows - repeated
    rows = list(first.rows)
    for row in second.rows[repeated:]:
        new_row = []
        for cell in row:
            if cell.origin is not None:
                o_r = cell.origin[0] + offset
                cell = attrs.evolve(cell, origin=(o_r, cell.origin[1]) if o_r >= first.n_rows else None)
            new_row.append(cell)
        rows.append(tuple(new_row))
    return attrs.evolve(first, rows=tuple(rows))

