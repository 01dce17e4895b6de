"""The 财政项目支出绩效目标(填报)表 of a budget (the 决算's 自评表 counterpart): one per project, in a
grid that begins with its title; funds as label/figure pairs (项目资金 on the left, 年度资金申请 on
the right), then the indicators under a 一级指标 | 二级指标 | 三级指标 | 指标值 header. Cells are
placed by their labels and header columns, never by position alone."""

from __future__ import annotations

from ..document import Cell, Grid
from ..models import Figure, TargetIndicator, TargetSheet, Unplaced
from ..numbers import Unit, parse_amount, unknown_amount
from ..vocab import performance as VP
from ..vocab import titles as VT
from ..vocab.keys import FundKey
from ..vocab.units import IN_BRACKETS
from .layout import clean_label, norm
from .performance import parse_target

_TITLE = VT.PERFORMANCE_TITLES.term("target")
_TABLE = VT.TITLE_ENDINGS.spellings("end")[0]  # 表
_UNIT = IN_BRACKETS
_FUNDS = tuple((s, t.key) for t in VP.TARGET_FUNDS for s in t.spellings)
_ANNUAL_TOTAL = VP.TARGET_FUNDS.spellings(FundKey.ANNUAL_TOTAL)[0]
_W = VP.TARGET_LABELS.spellings
_PROJECT, _SUB, _INDICATOR, _LEVEL1 = _W("project")[0], _W("sub")[0], _W("indicator")[0], _W("level1")[0]
_HEADER = {_LEVEL1: "level1", _W("level2")[0]: "level2", _W("name")[0]: "name"}
_TARGET_VALUE = _W("target")[0]


def _is_value_text(text: str) -> bool:
    """Normalised text after a fund label that stands where its amount belongs (not the next label)."""
    return bool(text) and not any(label in text for label, _ in _FUNDS) and not text.endswith((":", "：")) \
        and not text.startswith(_SUB) and _INDICATOR not in text and text != _PROJECT


def is_target_grid(grid: Grid) -> bool:
    """A grid whose title rows name a 绩效目标表 (not a 自评表)."""
    head = norm("".join(c.text for row in grid.rows[:2] for c in row if c.origin is None))
    return _TITLE.matches(head) and _TABLE in head


def _cells(row: tuple[Cell, ...], r: int) -> list[tuple[int, Cell]]:
    return [(c, cell) for c, cell in enumerate(row) if cell.origin is None or cell.origin == (r, c)]


def build_target(grid: Grid, unplaced: list[Unplaced]) -> TargetSheet:
    project, unit = "", None
    funds: list[tuple[str, str, Figure]] = []
    indicators: list[TargetIndicator] = []
    header: dict[str, int] = {}
    annual_col: int | None = None
    for r, row in enumerate(grid.rows):
        cells = _cells(row, r)
        texts = [(c, norm(cell.text), cell) for c, cell in cells]
        if header:
            values = {k: norm(row[c].text) for k, c in header.items()}
            if not any(values.values()):
                continue
            target_cell = row[header["target"]] if "target" in header else None
            indicators.append(TargetIndicator(
                clean_label(row[header["level1"]].text) if "level1" in header else "",
                clean_label(row[header["level2"]].text) if "level2" in header else "",
                clean_label(row[header["name"]].text) if "name" in header else "",
                parse_target(target_cell.text if target_cell is not None else ""),
                (target_cell or row[0]).ref))
            continue
        if any(t == _LEVEL1 for _, t, _ in texts):
            for c, t, _ in texts:
                key = _HEADER.get(t)
                if key is None and _TARGET_VALUE in t:
                    key = "target"
                if key:
                    header[key] = c
            continue
        for i, (c, t, cell) in enumerate(texts):
            if t == _PROJECT and i + 1 < len(texts):
                project = clean_label(texts[i + 1][2].text)
            if unit is None and (m := _UNIT.search(t)):
                unit = {u.label: u for u in Unit}[m.group(1)]
            if t == _ANNUAL_TOTAL:
                annual_col = c
            key = next((k for label, k in _FUNDS if label in t), None)
            if key is None or i + 1 >= len(texts):
                continue
            a = parse_amount(texts[i + 1][2].text)
            if a is None and _is_value_text(texts[i + 1][1]):  # #DIV/0!, 见说明 in the amount's place
                a = unknown_amount(texts[i + 1][2].text)
            if a is None or not texts[i + 1][1]:
                continue
            if key == FundKey.OTHER:
                key = FundKey.ANNUAL_OTHER.value if annual_col is not None and c >= annual_col else FundKey.PROJECT_OTHER.value
            funds.append((key, clean_label(cell.text), Figure(a, texts[i + 1][2].ref, unit)))
    sheet = TargetSheet(project or "(未注明项目名称)", grid.ref, unit, tuple(funds), tuple(indicators), bool(header))
    if not funds:
        unplaced.append(Unplaced(f"{sheet.display}", "绩效目标表中未读到项目资金", grid.ref, project))
    return sheet
