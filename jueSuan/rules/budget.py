"""Checks within and across the tables of a 部门预算/单位预算 (``BudgetTableKind``).

The identities every budget prints, as Shanghai and Jiangsu lay them out: the 总表's running totals
(合计 = Σ items, 总计 = 合计 + what follows) and 收入总计 = 支出总计; 合计 = 基本支出 + 项目支出 (and
the income sources) on every row; 类 = Σ款 = Σ项 and 合计 = Σ类; the same figure in two tables; the
三公 parts. Rounding-aware through ``Check.identity``; rules run only on budgets (``documents``).
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ..findings import Finding, Severity
from ..models import BudgetTableKind, Figure, Line, Table
from ..numbers import parse_amount
from ..vocab.keys import ColumnKey, FundKey, Role
from .engine import Check, Signed, printed_line, rule
from .tables import hierarchy

C = ColumnKey
F = FundKey
R = Role

B = BudgetTableKind
_TWO_SIDED = (B.SUMMARY, B.FISCAL_SUMMARY)
_CLASSIFICATION = (B.INCOME, B.EXPENDITURE, B.FISCAL_EXPENDITURE, B.GPB_EXPENDITURE, B.GOV_FUND, B.SOE_CAPITAL,
                   B.BASIC_ECONOMIC, B.FISCAL_BASIC)
_ROW_PARTS: dict[BudgetTableKind, tuple[str, tuple[str, ...]]] = {
    B.INCOME: ("total", ("gpb", "gov_fund", "soe", "special_account", "fiscal", "business", "operating", "superior",
                         "affiliated", "carryover", "other")),
    B.EXPENDITURE: ("total", ("basic", "project", "operating", "subsidy", "remit", "reserve", "carry_forward")),
    B.FISCAL_EXPENDITURE: ("total", ("basic", "project")),
    B.GPB_EXPENDITURE: ("total", ("basic", "project")),
    B.GOV_FUND: ("total", ("basic", "project")),
    B.SOE_CAPITAL: ("total", ("basic", "project")),
    B.BASIC_ECONOMIC: ("amount", ("personnel", "public")),
    B.FISCAL_BASIC: ("amount", ("personnel", "public")),
}


def _final(t: Table, side: str) -> Line | None:
    """The last total of a side of a 总表: 收入总计 (Shanghai), 收入合计 (Jiangsu, below 当年收入小计)."""
    lines = [ln for ln in t.lines if ln.side == side and ln.role in (R.TOTAL, R.GRAND_TOTAL)]
    return lines[-1] if lines else None


def _sides(t: Table) -> list[str]:
    return list(dict.fromkeys(ln.side for ln in t.lines))


def _keys(lines: list[Line]) -> list[str]:
    return list(dict.fromkeys(k for ln in lines for k, _ in ln.values))


@rule("BG001", "budget.summary_totals", "预算总表：各方 合计 = 各项之和，总计 = 合计 + 其后各项；“1.2.3.”明细之和 = 上一项；收入总计 = 支出总计",
      source="B-1", documents="budget")
def bg001(c: Check) -> Iterator[Finding]:
    """In the two-sided 总表 (财务收支预算总表/收支预算总表 and 财政拨款收支预算总表), on each side, in each
    amount column: every 合计 equals the lines (一、二、…) above it since the previous total, every
    总计 the previous total plus the lines since; the numbered parts (1. 2. 3.) of a line add up to
    it; and 收入总计 equals 支出总计. Lines marked 其中 are parts that need not be exhaustive: not summed."""
    for kind in _TWO_SIDED:
        t = c.table(kind)
        if t is None:
            continue
        title = t.display_title
        for side in _sides(t):
            lines = [ln for ln in t.lines if ln.side == side]
            for key in _keys(lines):
                acc: list[Signed] = []
                parent: Line | None = None
                subs: list[Line] = []
                for ln in [*lines, None]:  # type: ignore[list-item]
                    if ln is None or ln.role != R.SUB:
                        if parent is not None and len(subs) >= 2 and not any("其中" in s.label for s in subs):
                            yield from c.identity(title, f"{parent.label}／{key}", parent.label, parent.get(key),
                                                  [(1, s.label, s.get(key)) for s in subs], complete=t.complete)
                        parent, subs = None, []
                    if ln is None:
                        break
                    if ln.role == R.ITEM:
                        acc.append((1, ln.label, ln.get(key)))
                        parent = ln
                    elif ln.role == R.SUB:
                        if parent is not None:
                            subs.append(ln)
                    elif ln.role in (R.TOTAL, R.GRAND_TOTAL):
                        yield from c.identity(title, ln.label, ln.label, ln.get(key), acc, complete=t.complete)
                        acc = [(1, ln.label, ln.get(key))]
        income = _final(t, "income")
        spent = _final(t, "expenditure")
        if income is not None and spent is not None:
            key = _keys([income])[0] if income.values else "amount"
            other = spent.get(key) or spent.get(C.AMOUNT)
            yield from c.identity(title, "总计", income.label, income.get(key), [(1, spent.label, other)])


@rule("BG002", "budget.row_sum", "预算功能分类表：每行 合计 = 基本支出 + 项目支出（收入表：= 各项收入；经济分类表：= 人员经费 + 公用经费）",
      source="B-2", documents="budget")
def bg002(c: Check) -> Iterator[Finding]:
    """On every row of the budget's classification tables, the 合计 column equals the sum of the
    columns that divide it: 基本支出 + 项目支出 (支出预算总表, 一般公共预算/政府性基金/国有资本经营
    预算表), the income sources (收入预算总表), 人员经费 + 公用经费 (基本支出经济分类表). In the
    财政拨款收支预算总表 each expenditure line's 合计 equals 一般公共预算 + 政府性基金 + 国有资本经营."""
    for kind, (total_key, part_keys) in _ROW_PARTS.items():
        t = c.table(kind)
        if t is None:
            continue
        total_col = t.column(total_key)
        present = [col for k in part_keys if (col := t.column(k)) is not None]
        if total_col is None or not present:
            if any(f.is_number for ln in t.lines for f in ln.figures) and len(t.columns) > 1:
                yield c.unchecked(t.display_title, "各行", "表头未识别出合计列或明细列")
            continue
        for ln in t.lines:
            yield from c.identity(t.display_title, printed_line(ln.label, ln.code), total_col.label, ln.get(total_key),
                                  [(1, col.label, ln.get(col.key)) for col in present])
    for t, parts in ((c.table(B.FISCAL_SUMMARY), ("gpb", "gov_fund", "soe", "special_account")),
                     (c.table(B.SUMMARY), ("personnel", "public", "basic", "project"))):
        if t is None:
            continue
        labels = {col.key: col.label for col in t.columns}
        for ln in t.lines:
            keys = [k for k in parts if ln.get(k) is not None]
            if "basic" in keys and ("personnel" in keys or "public" in keys):  # 基本支出 = 人员经费 + 公用经费
                yield from c.identity(t.display_title, ln.label, labels.get("basic", "基本支出"), ln.get(C.BASIC),
                                      [(1, labels.get(k, k), ln.get(k)) for k in ("personnel", "public")])
                keys = [k for k in keys if k not in ("personnel", "public")]
            if ln.side != "income" and ln.get(C.AMOUNT) is not None and keys:
                yield from c.identity(t.display_title, ln.label, labels.get("amount", "合计"), ln.get(C.AMOUNT),
                                      [(1, labels.get(k, k), ln.get(k)) for k in keys])


@rule("BG003", "budget.hierarchy", "预算分类表：类 = Σ款，款 = Σ项，合计 = Σ类（每一金额列）", source="B-3", documents="budget")
def bg003(c: Check) -> Iterator[Finding]:
    """In every classification table of the budget (functional: 收入/支出预算总表, 一般公共预算, 基金,
    国资; economic: 基本支出经济分类), each 类 equals the sum of its 款 and each 款 the sum of its 项
    (matched by code prefix), and 合计 the sum of the 类, in every amount column."""
    for kind in _CLASSIFICATION:
        t = c.table(kind)
        if t is None:
            continue
        for f in hierarchy(c, t):
            if f.severity is Severity.ERROR and not t.complete:  # a line not placed may be the missing part
                f = attrs.evolve(f, severity=Severity.UNCHECKED, message=f.message + "；表中有未能识别的行，无法确认")
            yield f


def _total(t: Table | None, col: str) -> tuple[str, Figure | None]:
    if t is None:
        return "", None
    ln = t.find(R.TOTAL)
    return (ln.label if ln else ""), (ln.get(col) if ln else None)


def _same(c: Check, a: Table | None, a_line: str, fa: Figure | None, b: Table | None, b_line: str,
          fb: Figure | None) -> Iterator[Finding]:
    if a is None or b is None or fa is None or fb is None:
        return
    yield from c.identity(a.display_title, a_line, f"{a.display_title}「{a_line}」", fa,
                          [(1, f"{b.display_title}「{b_line}」", fb)], complete=a.complete and b.complete)


@rule("BG004", "budget.cross_tables", "预算各表间同一数字一致：总表收入总计 = 收入预算总表合计，支出总计 = 支出预算总表合计，财政拨款一般公共预算 = 一般公共预算支出表合计 …",
      source="B-4", documents="budget")
def bg004(c: Check) -> Iterator[Finding]:
    """The same figure printed in two tables of the budget is the same: the 总表's 收入总计 and the
    收入预算总表's 合计; its 支出总计 and the 支出预算总表's 合计, and each 类 line of the 总表 and that
    类 in the 支出预算总表; the 财政拨款收支预算总表's 一般公共预算 (政府性基金, 国有资本经营) spending and
    the 合计 of the matching 功能分类预算表; the 一般公共预算 基本支出 合计 and the 经济分类表's 合计."""
    s, inc, exp = c.table(B.SUMMARY), c.table(B.INCOME), c.table(B.EXPENDITURE)
    if s is not None:
        gi, ge = _final(s, "income"), _final(s, "expenditure")
        label, f = _total(inc, "total")
        if gi is not None:
            yield from _same(c, s, gi.label, gi.get(C.AMOUNT), inc, label, f)
        label, f = _total(exp, "total")
        if ge is not None:
            yield from _same(c, s, ge.label, ge.get(C.AMOUNT), exp, label, f)
        if exp is not None:
            classes = {ln.key: ln for ln in exp.lines if ln.code and len(ln.code) == 3}
            for ln in s.all(R.ITEM, "expenditure"):
                other = classes.get(ln.key)
                f = ln.get(C.AMOUNT)
                if other is None and classes and f is not None and f.is_number and f.value != 0:
                    yield c.finding(Severity.WARNING, s.display_title, ln.label,
                                    f"{s.display_title}「{ln.label}」{f.printed}：{exp.display_title}中没有同名的类"
                                    f"（{'、'.join(x.label for x in classes.values())}）", [(1, ln.label, f)])
                if other is not None:
                    yield from _same(c, s, ln.label, ln.get(C.AMOUNT), exp, printed_line(other.label, other.code),
                                     other.get(C.TOTAL))
    fs = c.table(B.FISCAL_SUMMARY)
    if fs is not None:
        total = _final(fs, "expenditure")
        for col, kind in ((C.GPB, B.GPB_EXPENDITURE), (C.GOV_FUND, B.GOV_FUND), (C.SOE, B.SOE_CAPITAL)):
            t = c.table(kind)
            label, f = _total(t, "total")
            if total is not None and t is not None and t.find(R.TOTAL) is not None:
                yield from _same(c, fs, f"{total.label}／{col}", total.get(col), t, label, f)
    gpb = c.table(B.GPB_EXPENDITURE)
    econ = c.table(B.BASIC_ECONOMIC)
    label, f = _total(gpb, "basic")
    elabel, ef = _total(econ, "amount")
    if label and elabel:
        yield from _same(c, gpb, f"{label}／基本支出", f, econ, elabel, ef)


def _three_public_identity(c: Check, t: Table, lhs: Line, first: list[Signed], second: list[Signed]) -> Iterator[Finding]:
    """``lhs = Σ first``; when that fails and ``second`` (first plus 会议费/培训费) holds, nothing."""
    found = list(c.identity(t.display_title, lhs.label, lhs.label, lhs.get(C.BUDGET), first, complete=t.complete))
    if second and any(f.severity in (Severity.ERROR, Severity.UNCHECKED) for f in found):
        alt = list(c.identity(t.display_title, lhs.label, lhs.label, lhs.get(C.BUDGET), second, complete=t.complete))
        if not any(f.severity is Severity.ERROR for f in alt):
            yield from alt
            return
    yield from found


@rule("BG005", "budget.three_public", "“三公”经费预算表：合计 = 因公出国(境)费 + 公务用车购置及运行费 + 公务接待费；公务用车 = 购置费 + 运行费",
      source="B-5", documents="budget")
def bg005(c: Check) -> Iterator[Finding]:
    """The 三公 预算: the total is the sum of its three parts (where the table prints 会议费 and 培训费
    beside them and its 合计 includes them, with those), and 公务用车购置及运行费 is 购置费 + 运行费."""
    t = c.table(B.THREE_PUBLIC)
    if t is None:
        return
    total, vehicle, whole = t.find(R.TOTAL), t.find(R.VEHICLE), t.find(R.ALL)
    parts = [t.find(r) for r in ("abroad", "vehicle", "reception")]
    if vehicle is None:
        parts = [t.find(r) for r in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")]
    first: list[Signed] = [(1, ln.label, ln.get(C.BUDGET)) for ln in parts if ln is not None]
    extra = [ln for ln in (t.find(R.MEETING), t.find(R.TRAINING)) if ln is not None]
    second = first + [(1, ln.label, ln.get(C.BUDGET)) for ln in extra] if extra else []
    if total is not None:
        yield from _three_public_identity(c, t, total, first, second)
    if whole is not None and total is not None:  # 合计 = “三公”经费小计 + 会议费 + 培训费
        yield from c.identity(t.display_title, whole.label, whole.label, whole.get(C.BUDGET),
                              [(1, total.label, total.get(C.BUDGET))]
                              + [(1, ln.label, ln.get(C.BUDGET)) for ln in extra], complete=t.complete)
    if vehicle is not None:
        yield from c.identity(t.display_title, vehicle.label, vehicle.label, vehicle.get(C.BUDGET),
                              [(1, ln.label, ln.get(C.BUDGET)) for ln in (t.find(R.VEHICLE_PURCHASE),
                                                                          t.find(R.VEHICLE_OPERATION)) if ln],
                              complete=t.complete)


@rule("BG006", "budget.target_funds", "绩效目标表：项目资金总额 = 财政资金 + 其他资金；年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金",
      source="B-6", documents="budget", needs="targets")
def bg006(c: Check) -> Iterator[Finding]:
    """In every 财政项目支出绩效目标表 of the budget, the project's funds add up: 项目资金总额 is its
    财政资金 plus 其他资金, and 年度资金申请总额 is 当年财政拨款 plus 上年结转资金 plus 其他资金."""
    for sheet in c.report.targets:
        for total, parts in ((F.PROJECT_TOTAL, (F.PROJECT_FISCAL, F.PROJECT_OTHER)),
                             (F.ANNUAL_TOTAL, (F.ANNUAL_FISCAL, F.ANNUAL_CARRYOVER, F.ANNUAL_OTHER))):
            lhs = sheet.fund(total)
            terms = [sheet.fund(k) for k in parts]
            if lhs is None:
                continue
            yield from c.identity(sheet.display, lhs[0], lhs[0], lhs[1], [(1, t[0], t[1]) for t in terms if t])


@rule("BG007", "budget.target_indicators", "绩效目标表：每个指标有一级、二级、三级指标和指标值；产出指标、效益指标均已设置",
      severity=Severity.WARNING, source="B-7", documents="budget", needs="targets")
def bg007(c: Check) -> Iterator[Finding]:
    """Every 绩效目标表 lists indicators under its 一级/二级/三级指标 header, every indicator row names
    its 一级, 二级 and 三级 indicator and states its 指标值, and the 一级 indicators include 产出指标 and
    效益指标 (the two every project must set)."""
    for sheet in c.report.targets:
        if not sheet.indicator_header or not sheet.indicators:
            yield c.finding(c.severity, sheet.display, "绩效指标", f"{sheet.display}未列出绩效指标", [])
            continue
        for ind in sheet.indicators:
            missing = [w for w, v in (("一级指标", ind.level1), ("二级指标", ind.level2), ("三级指标", ind.name),
                                      ("指标值", ind.target.words)) if not v.strip()]
            if missing:
                yield c.finding(c.severity, sheet.display, ind.name or ind.level2 or "指标",
                                f"{sheet.display}指标「{ind.name or ind.level2}」缺少{'、'.join(missing)}"
                                f"（{ind.ref.short()}）", [])
        level1 = {ind.level1 for ind in sheet.indicators}
        for need in ("产出指标", "效益指标"):
            if not any(need in x for x in level1):
                yield c.finding(c.severity, sheet.display, "一级指标", f"{sheet.display}未设置{need}", [])

def _has_figure(text: str) -> bool:
    return any((a := parse_amount(w)) is not None and a.is_number for w in text.split())


@rule("BG008", "budget.unplaced_figures", "预算表中有数字未能对应到列或科目（读取不全）：本表涉及这些数字的核对未完成（列出，附原因）",
      severity=Severity.UNCHECKED, source="B-3, D-1", documents="budget")
def bg008(c: Check) -> Iterator[Finding]:
    """A budget table some of whose figures were read but could not be placed — a line whose figures
    stand in a column the header does not name, a line without its classification code, a table whose
    header and figures came out as one cell — is not fully checked: the identities that would use those
    figures hold or fail unseen. Said once per table, with how many lines, the first of them and why,
    so that "no error" is never read as "checked"."""
    for t in c.report.tables:
        if not isinstance(t.kind, BudgetTableKind):
            continue
        mine = [u for u in c.report.unplaced if u.what.startswith(f"{t.display_title}: ")]
        lines = [u for u in mine if u.what.startswith(f"{t.display_title}: line") and _has_figure(u.text)]
        read = any(f.is_number for ln in t.lines for f in ln.figures)
        if lines:
            first = lines[0]
            where = first.ref.short() or first.ref.where()
            yield c.unchecked(t.display_title, "未归位的行",
                              f"{len(lines)}行的数字未能对应到本表的列或科目（首行{first.what.removeprefix(t.display_title + ': line')}"
                              f" {first.text}，{where}：{first.reason}），涉及这些行的核对未完成")
        elif not read and any(_has_figure(u.text) for u in mine):
            yield c.unchecked(t.display_title, "全表",
                              f"未读到本表的任何数字（{len(mine)}处未能归位，如「{mine[0].text[:40]}」：{mine[0].reason}），本表未核对")


#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (bg001, bg002, bg003, bg004, bg005, bg006, bg007, bg008)
