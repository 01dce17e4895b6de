"""财政项目支出绩效自评表: grids to ``PerformanceEvaluation`` models.

A self-evaluation is found by its labels, wherever they sit in the row (publishers put them in
different columns, with blank separator columns or merged cells): 项目名称, 主管部门/实施单位, the
funds header (年初预算数 … 得分) and its four lines, 年度总体目标, the indicator header (一级指标 …
偏差原因分析及改进措施) and its rows, 总分 and 评分等级. Figures are assigned to columns by the
header cell whose span covers them, never by counting cells. One grid may hold several tables
(each 项目名称 starts one); one table may run over several grids (continued on the next page).
"""

from __future__ import annotations

import re

import attrs

from ..document import Cell, Grid
from ..models import Figure, FundLine, Indicator, PerformanceEvaluation, Target, Unplaced
from ..numbers import Unit, detect_unit, normalize_text, parse_amount, unknown_amount
from ..source import Printed
from ..text import YEAR_DIGITS
from ..vocab import columns as VC
from ..vocab import performance as VP
from ..vocab import titles as VT
from ..vocab.units import IN_BRACKETS
from .layout import clean_label, norm

_FUND_HEADERS = tuple((t.key, t.spellings) for t in VC.PERFORMANCE_FUND_COLUMNS)
_FUND_LINES = tuple((t.key, s) for t in VP.EVALUATION_FUND_LINES for s in t.spellings)
_IND_HEADERS = tuple((t.key, t.spellings) for t in VP.INDICATOR_HEADERS)
_GOAL_HEADERS = tuple((t.key, t.spellings) for t in VP.GOAL_HEADERS)
_OPS = {s: t.key for t in VP.TARGET_OPERATORS for s in t.spellings}
_TARGET = re.compile(
    r"^(" + "|".join(re.escape(o) for o in sorted(_OPS, key=len, reverse=True)) + r")?"
    r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*[-~～至]\s*(\d+(?:\.\d+)?))?\s*[(（]?([^\d()（）]*?)[)）]?$"
)
_W = VP.EVALUATION_LABELS.spellings
_PROJECT, _DEPARTMENT, _IMPLEMENTER = _W("project")[0], _W("department")[0], _W("implementer")[0]
_FUNDS_HEADER = _W("funds_header")  # 年初预算, 全年执行
_MONEY_HEADING = _W("money_heading")[0]
_IND_HEADER, _IND_WEIGHT = _W("indicator_header")[0], _W("indicator_weight")
_GOALS_HEADER = _W("goals_header")  # 预期目标, 实际完成情况
_GOAL_LABEL = _W("goal_label")[0]
_TOTAL, _GRADE, _LEVEL = _W("total")[0], _W("grade")[0], _W("level")[0]
_EVALUATION = VT.PERFORMANCE_TITLES.spellings("evaluation")[0]
_EVALUATION_ANY = VT.PERFORMANCE_TITLES.spellings("evaluation_any")
_YEAR = re.compile(rf"({YEAR_DIGITS})\s*年度")
_UNIT_IN_HEADING = IN_BRACKETS


def parse_target(text: str) -> Target:
    """``≥90.00(%)``, ``=100.00(%)``, ``≤27.40(万元)``, ``12个月``, ``2-3人``, ``100%``: numbers with an
    operator and a unit; ``及时``, ``达成指标``, ``未执行``: words (not numeric)."""
    s = normalize_text(text)
    m = _TARGET.match(s)
    if not m:
        return Target(text)
    op, low, high, unit = m.groups()
    a = parse_amount(low)
    if a is None:
        return Target(text)
    op = _OPS.get(op or "", op or None)  # the operator's meaning (≥, 不低于 → >=)
    if high:
        b = parse_amount(high)
        return Target(text, "range", a.value, b.value if b else a.value, unit.strip(), a.exponent)
    return Target(text, op, a.value, a.value, unit.strip(), a.exponent)


def is_performance_grid(grid: Grid) -> bool:
    text = norm("".join(c.text for row in grid.rows[:80] for c in row if c.origin is None))
    return _EVALUATION in text and any(w in text for w in _EVALUATION_ANY)


@attrs.frozen
class _Span:
    key: str
    start: int
    end: int


def _distinct(row: tuple[Cell, ...], r: int) -> list[tuple[int, Cell]]:
    out: list[tuple[int, Cell]] = []
    for c, cell in enumerate(row):
        if cell.origin is not None and cell.origin[0] == r and cell.origin[1] != c:
            continue
        if cell.origin is not None and cell.origin[0] != r:
            continue  # a vertical merge copy: its text belongs to the row above
        if norm(cell.text):
            out.append((c, cell))
    return out


def _header_spans(row: tuple[Cell, ...], r: int, wanted: tuple[tuple[str, tuple[str, ...]], ...]) -> list[_Span]:
    spans: list[_Span] = []
    for c, cell in _distinct(row, r):
        t = norm(cell.text)
        end = c
        while end + 1 < len(row) and row[end + 1].origin == (r, c):
            end += 1
        for key, frags in wanted:
            if any(f in t for f in frags) and not any(s.key == key for s in spans):
                spans.append(_Span(key, c, end))
                break
    return spans


def _assign(cells: list[tuple[int, Cell]], spans: list[_Span]) -> dict[str, tuple[int, Cell]]:
    """Each cell to the header whose span covers its column (else the nearest header to its left)."""
    out: dict[str, tuple[int, Cell]] = {}
    for c, cell in cells:
        span = next((s for s in spans if s.start <= c <= s.end), None)
        if span is None:
            left = [s for s in spans if s.start <= c]
            span = max(left, key=lambda s: s.start) if left else None
        if span is not None and span.key not in out:
            out[span.key] = (c, cell)
    return out


class _Builder:
    def __init__(self, unplaced: list[Unplaced], year: int | None, default_unit: Unit | None) -> None:
        self.unplaced = unplaced
        self.year = year
        self.default_unit = default_unit
        self.done: list[PerformanceEvaluation] = []
        self.cur: dict[str, object] | None = None

    # -- state -----------------------------------------------------------------------------
    def start(self, project: str, ref: object) -> None:
        self.finish()
        self.cur = {"project": project, "ref": ref, "funds": [], "indicators": [], "unit": self.default_unit,
                    "year": self.year, "fund_spans": [], "ind_spans": [], "level1": "", "level2": "",
                    "mode": "", "goal_spans": []}

    def finish(self) -> None:
        if self.cur is None:
            return
        c = self.cur
        self.done.append(PerformanceEvaluation(
            project=str(c["project"]), ref=c["ref"], department=str(c.get("department", "")),  # type: ignore[arg-type]
            implementer=str(c.get("implementer", "")), year=c["year"], unit=c["unit"],  # type: ignore[arg-type]
            funds=tuple(c["funds"]), goal_expected=str(c.get("goal_expected", "")),  # type: ignore[arg-type]
            goal_actual=str(c.get("goal_actual", "")), indicators=tuple(c["indicators"]),  # type: ignore[arg-type]
            total_weight=c.get("total_weight"), total_score=c.get("total_score"),  # type: ignore[arg-type]
            grade=str(c.get("grade", "")), grade_ref=c.get("grade_ref"),  # type: ignore[arg-type]
        ))
        self.cur = None

    def fig(self, cell: Cell, money: bool = False, exact: bool = False) -> Figure | None:
        """A figure of the table: amounts carry the funds unit; scores and rates carry none.
        ``exact``: a weight or an assigned score, which is set, not rounded (10 is 10, not 9.5–10.5)."""
        a = parse_amount(cell.text)
        if a is None:  # text where a figure belongs (#DIV/0!, 见说明): its value is not known, never absent
            if not norm(cell.text):
                return None
            a = unknown_amount(cell.text)
        if exact and a.is_number:
            a = attrs.evolve(a, is_exact=True)
        unit = self.cur["unit"] if self.cur and money else None
        project = str(self.cur["project"]) if self.cur else ""
        where = Printed(title=f"绩效自评表「{project}」" if project else "绩效自评表",
                        line=self.row_label(cell))  # the location as printed, for people
        return Figure(a, attrs.evolve(cell.ref, printed=where), unit)  # type: ignore[arg-type]

    def row_label(self, cell: Cell) -> str:
        """The label of ``cell``'s line as printed: the first text left of it that is not an indicator
        level (产出指标, 数量指标…) — an indicator's name, a funds line's label."""
        col = cell.ref.col if cell.ref.col is not None else 10**6
        texts = [clean_label(c.text) for _, c in getattr(self, "row_cells", [])
                 if c.ref.col is not None and c.ref.col < col]
        texts = [t for t in texts if t and parse_amount(t) is None]
        return next((t for t in texts if not norm(t).endswith(_LEVEL)), texts[-1] if texts else "")[:30]

    # -- rows ------------------------------------------------------------------------------
    def row(self, grid: Grid, r: int) -> None:
        row = grid.rows[r]
        cells = _distinct(row, r)
        if not cells:
            return
        texts = [norm(c.text) for _, c in cells]
        self.row_cells = cells
        joined = "".join(texts)
        m = _YEAR.search(joined)
        if m and len(joined) < 20:
            self.year = int(m.group(1))
            if self.cur is not None:
                self.cur["year"] = self.year
        if texts[0].startswith(_PROJECT) or (len(texts) > 1 and texts[0] == _PROJECT):
            name = texts[0].removeprefix(_PROJECT).lstrip(":：")
            value = clean_label(cells[1][1].text) if not name and len(cells) > 1 else clean_label(name)
            self.start(value, cells[0][1].ref)
            return
        if self.cur is None:
            return
        cur = self.cur
        if _DEPARTMENT in texts[0]:
            for i, t in enumerate(texts):
                if t.startswith(_DEPARTMENT) and i + 1 < len(cells):
                    cur["department"] = clean_label(cells[i + 1][1].text)
                if t.startswith(_IMPLEMENTER) and i + 1 < len(cells):
                    cur["implementer"] = clean_label(cells[i + 1][1].text)
            return
        if all(any(w in t for t in texts) for w in _FUNDS_HEADER):
            cur["fund_spans"] = _header_spans(row, r, _FUND_HEADERS)
            m_unit = _UNIT_IN_HEADING.search(joined)
            if m_unit is not None:
                cur["unit"] = detect_unit("单位:" + m_unit.group(1))
            cur["mode"] = "funds"
            return
        if any(_IND_HEADER in t for t in texts) and any(w in t for t in texts for w in _IND_WEIGHT):
            cur["ind_spans"] = _header_spans(row, r, _IND_HEADERS)
            cur["mode"] = "indicators"
            return
        if all(any(w in t for t in texts) for w in _GOALS_HEADER):
            cur["goal_spans"] = _header_spans(row, r, _GOAL_HEADERS)
            cur["mode"] = "goals"
            return
        if _MONEY_HEADING in joined and (m_unit := _UNIT_IN_HEADING.search(joined)) is not None:
            cur["unit"] = detect_unit("单位:" + m_unit.group(1))
        if texts[0].startswith(_TOTAL):
            self.total(cells, texts)
            return
        if texts[0].startswith(_GRADE):
            rest = texts[0].removeprefix(_GRADE).lstrip(":：")
            if rest:
                cur["grade"], cur["grade_ref"] = rest, cells[0][1].ref
            elif len(cells) > 1:
                cur["grade"], cur["grade_ref"] = clean_label(cells[1][1].text), cells[1][1].ref
            return
        fund = next((key for key, frag in _FUND_LINES if any(frag in t for t in texts[:3])), None)
        if cur["mode"] == "funds" and fund is not None:
            self.fund_line(fund, cells)
            return
        if cur["mode"] == "goals":
            got = _assign(cells, cur["goal_spans"])  # type: ignore[arg-type]
            for key in ("expected", "actual"):
                if key in got and _GOAL_LABEL not in norm(got[key][1].text)[:4]:
                    cur[f"goal_{key}"] = (str(cur.get(f"goal_{key}", "")) + clean_label(got[key][1].text))
            return
        if cur["mode"] == "indicators":
            self.indicator(grid, r, row)

    def fund_line(self, key: str, cells: list[tuple[int, Cell]]) -> None:
        assert self.cur is not None
        label_i = next(i for i, (_, c) in enumerate(cells) if any(f in norm(c.text) for _, f in _FUND_LINES))
        label_cell = cells[label_i][1]
        values = cells[label_i + 1:]
        spans: list[_Span] = self.cur["fund_spans"]  # type: ignore[assignment]
        got = _assign(values, spans) if spans else {}
        if not spans or len(got) < min(3, len(values)):
            got = {k: v for (k, _), v in zip(_FUND_HEADERS, values, strict=False)}
        figs: list[tuple[str, Figure]] = []
        for k, _ in _FUND_HEADERS:
            if k in got:
                f = self.fig(got[k][1], money=k in ("initial", "budget", "executed"), exact=k == "weight")
                if f is not None:
                    figs.append((k, f))
        self.cur["funds"].append(FundLine(clean_label(label_cell.text), key, label_cell.ref, tuple(figs)))  # type: ignore[attr-defined]

    def indicator(self, grid: Grid, r: int, row: tuple[Cell, ...]) -> None:
        assert self.cur is not None
        spans: list[_Span] = self.cur["ind_spans"]  # type: ignore[assignment]
        pos = {s.key: s.start for s in spans}
        if "name" not in pos:
            return

        def text(key: str) -> tuple[str, Cell | None]:
            if key not in pos or pos[key] >= len(row):  # a narrower grid continuing the table
                return "", None
            cell = row[pos[key]]
            return clean_label(cell.text), cell

        l1, _ = text("level1")
        l2, _ = text("level2")
        if l1:
            self.cur["level1"] = l1
        if l2:
            self.cur["level2"] = l2
        name, name_cell = text("name")
        target, t_cell = text("target")
        actual, a_cell = text("actual")
        _, w_cell = text("weight")
        _, s_cell = text("score")
        reason, r_cell = text("reason")
        if name_cell is not None and name_cell.origin is not None and name_cell.origin[0] != r:
            return  # the name cell continues from the row above (a wrapped row): nothing new here
        weight = self.fig(w_cell, exact=True) if w_cell is not None else None
        score = self.fig(s_cell, exact=True) if s_cell is not None else None
        if not name and (weight is None or not weight.is_number):
            return
        self.cur["indicators"].append(Indicator(  # type: ignore[attr-defined]
            str(self.cur["level1"]), str(self.cur["level2"]), name, parse_target(target), parse_target(actual),
            weight, score, reason, name_cell.ref if name_cell is not None else row[0].ref,
            t_cell.ref if t_cell is not None else None, a_cell.ref if a_cell is not None else None,
            r_cell.ref if r_cell is not None else None,
        ))

    def total(self, cells: list[tuple[int, Cell]], texts: list[str]) -> None:
        assert self.cur is not None
        cur = self.cur
        inline = texts[0].removeprefix(_TOTAL).lstrip(":：")
        if inline:
            a = parse_amount(inline)
            if a is not None:
                cur["total_score"] = Figure(a, cells[0][1].ref, None)
        spans: list[_Span] = cur["ind_spans"]  # type: ignore[assignment]
        values = [(c, cell) for c, cell in cells[1:] if parse_amount(cell.text) is not None]
        got = _assign(values, [s for s in spans if s.key in ("weight", "score")]) if spans else {}
        if "score" in got:
            cur["total_score"] = Figure(parse_amount(got["score"][1].text), got["score"][1].ref, None)  # type: ignore[arg-type]
        if "weight" in got and "score" in got:
            cur["total_weight"] = Figure(parse_amount(got["weight"][1].text), got["weight"][1].ref, None)  # type: ignore[arg-type]
        elif len(values) == 1 and "total_score" not in cur:
            cur["total_score"] = Figure(parse_amount(values[0][1].text), values[0][1].ref, None)  # type: ignore[arg-type]


def build_evaluations(grids: list[tuple[Grid, int | None]], unplaced: list[Unplaced],
                      unit: Unit | None = None) -> list[PerformanceEvaluation]:
    """Every self-evaluation in ``grids`` (consecutive grids of one file: a table may continue),
    each grid with the year its heading states, if any."""
    b = _Builder(unplaced, None, unit)
    for grid, year in grids:
        if year is not None:
            b.year = year
        for r in range(grid.n_rows):
            b.row(grid, r)
    b.finish()
    return b.done
