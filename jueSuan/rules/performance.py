"""Checks on the 财政项目支出绩效自评表 (RULES.md, P-…)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ..builders.evaluation_unit import project_spending
from ..findings import Finding, Severity
from ..models import Figure, FundLine, PerformanceEvaluation, Target
from ..numbers import Amount, Unit
from ..vocab.keys import ColumnKey, FundKey, Role
from .engine import Check, fmt, rule

C = ColumnKey
F = FundKey
R = Role

NEEDS = "evaluations"
_COLS = ((C.INITIAL, "年初预算数"), (C.BUDGET, "全年预算数"), (C.EXECUTED, "全年执行数"))
_PARTS = (F.FISCAL, F.CARRYOVER, F.OTHER)


def _evaluations(c: Check) -> tuple[PerformanceEvaluation, ...]:
    return c.report.evaluations


def _fund_lines(c: Check) -> Iterator[tuple[PerformanceEvaluation, FundLine]]:
    return ((ev, line) for ev in c.report.evaluations for line in ev.funds)


_FUND_NAMES = {C.RATE: "执行率", C.EXECUTED: "全年执行数", C.BUDGET: "全年预算数", C.SCORE: "得分", C.WEIGHT: "分值"}


def _undecided(c: Check, ev: PerformanceEvaluation, line: FundLine, what: str, keys: tuple[str, ...]) -> list[Finding]:
    """Unchecked, naming the cell, when a figure of the fund line the check needs is text (#DIV/0!, 见说明)."""
    return list(c.undecided(ev.display, f"{line.label}／{what}", [(1, _FUND_NAMES[k], line.get(k)) for k in keys]))


def _q(d: Decimal, exponent: int, rounding: str) -> Decimal:
    return d.quantize(Decimal(1).scaleb(exponent), rounding=rounding)


@rule("PF001", "performance.funds_sum", "绩效自评表：年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金（年初预算数、全年预算数、全年执行数）",
      severity=Severity.ERROR, source="P-1", needs=NEEDS)
def pf001(c: Check) -> Iterator[Finding]:
    """In each of the three amount columns, 年度资金总额 equals the sum of its sources.

    Failing (Jiading 2024, 会议室音视频升级改造): 年初预算数 年度资金总额 70.00 but 当年财政拨款 74.85."""
    for ev in _evaluations(c):
        total = ev.fund(F.TOTAL)
        parts = [p for k in _PARTS if (p := ev.fund(k)) is not None]
        if total is None or not parts:
            continue
        for col, name in _COLS:
            yield from c.identity(ev.display, f"年度资金总额／{name}", f"年度资金总额{name}", total.get(col),
                                  [(1, f"{p.label}{name}", p.get(col)) for p in parts])


def _rate_ok(printed: Figure, executed: Figure, budget: Figure) -> tuple[bool, Decimal]:
    """Is the printed 执行率 what truncating or rounding 执行数/预算数 gives, for some values the
    printed 执行数 and 预算数 can stand for? A system may also cap the rate at 100."""
    e, b = executed.value, budget.value
    exact = e / b * 100
    d = printed.amount.exponent
    lo = (e - executed.half_unit) / (b + budget.half_unit) * 100
    hi = (e + executed.half_unit) / (b - budget.half_unit) * 100 if b > budget.half_unit else exact
    r = printed.value
    step = Decimal(1).scaleb(d)
    # truncation: [r, r + step); rounding: [r − step/2, r + step/2]
    ok = (lo < r + step and hi >= r) or (lo <= r + step / 2 and hi >= r - step / 2)
    if not ok and r == 100 and exact >= 100:
        ok = True
    return ok, exact


@rule("PF002", "performance.execution_rate", "绩效自评表：执行率 = 全年执行数 / 全年预算数（截断或四舍五入到所印位数）",
      source="P-2", needs=NEEDS)
def pf002(c: Check) -> Iterator[Finding]:
    """The printed 执行率 follows from 全年执行数 / 全年预算数: Shanghai's system truncates (615.14 /
    615.90 prints 99.87, not 99.88), others round; both are accepted, as is any value the printed
    amounts allow within their rounding."""
    for ev, line in _fund_lines(c):
        if undecided := _undecided(c, ev, line, "执行率", ("rate", "executed", "budget")):
            yield from undecided
            continue
        rate, ex, bud = line.get(C.RATE), line.get(C.EXECUTED), line.get(C.BUDGET)
        if rate is None or not rate.is_number or ex is None or bud is None or not bud.is_number or bud.value <= 0:
            continue
        if not ex.is_number:
            continue
        ok, exact = _rate_ok(rate, ex, bud)
        if ok:
            continue
        d = rate.amount.exponent
        msg = (f"{ev.display}「{line.label}」：执行率 {rate.printed} ≠ 全年执行数 {ex.printed} / 全年预算数 "
               f"{bud.printed} = {fmt(_q(exact, d - 2, ROUND_HALF_UP))}%")
        yield c.finding(c.severity, ev.display, f"{line.label}／执行率", msg,
                        [(1, "执行率", rate), (1, "全年执行数", ex), (1, "全年预算数", bud)],
                        rate.value, _q(exact, d, ROUND_DOWN), Decimal(1).scaleb(d))


@rule("PF003", "performance.funds_score", "绩效自评表：资金得分 = 分值 × 执行率（四舍五入），且不超过分值",
      source="P-3", needs=NEEDS)
def pf003(c: Check) -> Iterator[Finding]:
    """The funds score is 分值 × 执行率, rounded half-up to the printed decimals (10.00 × 99.87% =
    9.99), and never above 分值."""
    for ev, line in _fund_lines(c):
        if undecided := _undecided(c, ev, line, "得分", ("score", "weight", "rate")):
            yield from undecided
            continue
        w, rate, score = line.get(C.WEIGHT), line.get(C.RATE), line.get(C.SCORE)
        if not (w and rate and score and w.is_number and rate.is_number and score.is_number):
            continue
        d = score.amount.exponent
        want = min(w.value, _q(w.value * rate.value / 100, d, ROUND_HALF_UP))
        alt = None
        ex, bud = line.get(C.EXECUTED), line.get(C.BUDGET)
        if ex is not None and bud is not None and ex.is_number and bud.is_number and bud.value > 0:
            alt = min(w.value, _q(w.value * ex.value / bud.value, d, ROUND_HALF_UP))
        if score.value in (want, alt):
            continue
        msg = (f"{ev.display}「{line.label}」：资金得分 {score.printed} ≠ 分值 {w.printed} × 执行率 {rate.printed} "
               f"= {fmt(want)}")
        yield c.finding(c.severity, ev.display, f"{line.label}／得分", msg,
                        [(1, "得分", score), (1, "分值", w), (1, "执行率", rate)], score.value, want, Decimal(0))


def _funds_weight_score(ev: PerformanceEvaluation) -> tuple[Figure | None, Figure | None]:
    total = ev.fund(F.TOTAL)
    if total is None:
        return None, None
    return total.get(C.WEIGHT), total.get(C.SCORE)


@rule("PF004", "performance.weights", "绩效自评表：分值合计（资金 + 各指标）= 100；0 ≤ 得分 ≤ 分值",
      source="P-4", needs=NEEDS)
def pf004(c: Check) -> Iterator[Finding]:
    """The weights of the funds block and of every indicator add up to 100 (and to the printed
    分值 total where there is one), and every score lies between 0 and its weight."""
    for ev in _evaluations(c):
        fw, _ = _funds_weight_score(ev)
        weights = [(1, "资金分值", fw)] + [(1, ind.name, ind.weight) for ind in ev.indicators]
        present = [w for w in weights if w[2] is not None and (w[2].is_number or w[2].is_unknown)]
        if present and ev.indicators:
            hundred = Figure(Amount.exact(Decimal(100)), ev.ref)
            yield from c.identity(ev.display, "分值合计", "满分", hundred, present)
            if ev.total_weight is not None and ev.total_weight.is_number:
                yield from c.identity(ev.display, "总分／分值", "总分分值", ev.total_weight, present)
        for ind in ev.indicators:
            if ind.score is None or ind.weight is None or not ind.score.is_number or not ind.weight.is_number:
                continue
            if ind.score.value < 0 or ind.score.value > ind.weight.value:
                msg = f"{ev.display}「{ind.name}」：得分 {ind.score.printed} 不在 0 与分值 {ind.weight.printed} 之间"
                yield c.finding(c.severity, ev.display, ind.name, msg,
                                [(1, "得分", ind.score), (1, "分值", ind.weight)], ind.score.value, ind.weight.value)


@rule("PF005", "performance.total_score", "绩效自评表：总分 = 资金得分 + 各指标得分", source="P-5", needs=NEEDS)
def pf005(c: Check) -> Iterator[Finding]:
    """总分 equals the funds score plus the sum of the indicator scores."""
    for ev in _evaluations(c):
        _, fs = _funds_weight_score(ev)
        scores = [(1, "资金得分", fs)] + [(1, ind.name, ind.score) for ind in ev.indicators]
        yield from c.identity(ev.display, "总分", "总分", ev.total_score,
                              [s for s in scores if s[2] is not None and (s[2].is_number or s[2].is_unknown)])


_GRADES = (("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)), ("合格", Decimal(60)), ("差", Decimal(0)),
           ("不合格", Decimal(0)))


def grade_for(score: Decimal, labels: str) -> str:
    if score >= 90:
        return "优"
    if score >= 80:
        return "良"
    if score >= 60:
        return "合格" if "合格" in labels else "中"
    return "不合格" if "合格" in labels else "差"


@rule("PF006", "performance.grade", "绩效自评表：评分等级与总分相符（优 ≥ 90，良 80–<90，中/合格 60–<80，差/不合格 < 60）",
      source="P-6", needs=NEEDS)
def pf006(c: Check) -> Iterator[Finding]:
    """The printed grade is the one the 总分 earns: 优 ≥ 90, 良 80 to < 90, 中 (合格) 60 to < 80, 差
    (不合格) below 60."""
    for ev in _evaluations(c):
        if not ev.grade or ev.total_score is None or not ev.total_score.is_number:
            continue
        grade = ev.grade.strip()
        want = grade_for(ev.total_score.value, grade)
        if grade not in {g for g, _ in _GRADES}:
            yield c.unchecked(ev.display, "评分等级", f"评分等级「{grade}」不是优/良/中/合格/差/不合格")
            continue
        if grade != want and not (grade in ("中", "合格") and want in ("中", "合格")) and not (
                grade in ("差", "不合格") and want in ("差", "不合格")):
            msg = f"{ev.display}：评分等级「{grade}」与总分 {ev.total_score.printed} 不符（应为「{want}」）"
            yield c.finding(c.severity, ev.display, "评分等级", msg, [(1, "总分", ev.total_score)],
                            ev.total_score.value, None)


_NO_REASON = {"", "无", "/", "-", "—", "——", "无偏差", "不适用"}


@rule("PF007", "performance.deviation_reason", "绩效自评表：指标扣分须说明偏差原因", severity=Severity.WARNING,
      source="P-7", needs=NEEDS)
def pf007(c: Check) -> Iterator[Finding]:
    """An indicator scored below its weight states why (偏差原因分析及改进措施); an empty cell or 无 does not.

    Failing (Jiading 2024): 城市治理数字能级创新性 10.00 → 9.00 with no reason."""
    for ev in _evaluations(c):
        for ind in ev.indicators:
            if not (ind.score and ind.weight and ind.score.is_number and ind.weight.is_number):
                continue
            if ind.score.value < ind.weight.value and ind.reason.strip() in _NO_REASON:
                msg = (f"{ev.display}「{ind.name}」：得分 {ind.score.printed} 低于分值 {ind.weight.printed}，"
                       f"未说明偏差原因")
                yield c.finding(c.severity, ev.display, ind.name, msg,
                                [(1, "得分", ind.score), (1, "分值", ind.weight)], ind.score.value, ind.weight.value)


_DONE_WORDS = ("达成", "完成", "达到", "是", "已", "满足", "符合")
_NOT_DONE = ("未执行", "未完成", "未达成", "未达到", "未实现", "未开展", "否", "没有")


def misses(target: Target, actual: Target) -> bool:
    """Does the 实际完成值 clearly miss the 年度指标值? Numbers in the same unit, compared with their
    printed precision; words: a 'not done' against any target. Cost targets (≤) reverse."""
    if target.is_numeric and actual.is_numeric:
        if target.unit and actual.unit and target.unit != actual.unit:
            return False
        assert target.low is not None and target.high is not None and actual.low is not None
        a = actual.low if actual.op not in ("<=", "<") else actual.high
        assert a is not None
        slack = Decimal(5).scaleb(min(target.exponent, actual.exponent) - 1)
        if target.op in (">=", ">", None, "="):
            return a + slack < target.low  # falling short; exceeding a count is not missing it
        if target.op in ("<=", "<"):
            return a - slack > target.high
        if target.op == "range":
            return a + slack < target.low or a - slack > target.high
        return False
    words = actual.words
    if not words:
        return False
    if any(w in words for w in _NOT_DONE) and not any(w in target.words for w in _NOT_DONE):
        return True
    return target.is_numeric and actual.is_numeric is False and words in ("0", "0%", "无")


@rule("PF008", "performance.missed_target_full_marks", "绩效自评表：实际完成值明显未达年度指标值却得满分",
      severity=Severity.WARNING, source="P-8", needs=NEEDS)
def pf008(c: Check) -> Iterator[Finding]:
    """An indicator whose 实际完成值 clearly misses its 年度指标值 (≥20 against 5; 100% against 0%;
    提高 against 未执行) kept full marks. For a cost target (≤) the direction reverses."""
    for ev in _evaluations(c):
        for ind in ev.indicators:
            if not (ind.score and ind.weight and ind.score.is_number and ind.weight.is_number):
                continue
            if ind.score.value < ind.weight.value or not misses(ind.target, ind.actual):
                continue
            figs = [(1, "得分", ind.score), (1, "分值", ind.weight)]
            msg = (f"{ev.display}「{ind.name}」：年度指标值 {ind.target.text}，实际完成值 {ind.actual.text}，"
                   f"未达目标却得满分 {ind.score.printed}")
            yield c.finding(c.severity, ev.display, ind.name, msg, figs, ind.score.value, ind.weight.value)


@rule("PF009", "performance.unit_slip", "绩效自评表：金额大小显示为“元”，表头却写“万元”", severity=Severity.WARNING,
      source="P-U", needs=NEEDS)
def pf009(c: Check) -> Iterator[Finding]:
    """The funds heading says 万元 but the amounts are in 元 (Songjiang 2020: 17242249.00 is 1,724.22
    万元): their sum is ten thousand times the department's 项目支出, or a single project is printed
    as 10亿万元 or more. Reported once for the report."""
    if not c.report.evaluations_in_yuan:  # decided by the builders (builders/evaluation_unit.py)
        return
    evs = [ev for ev in _evaluations(c) if ev.unit is Unit.WAN]
    figs = [(1, ev.project, f) for ev in evs if (t := ev.fund(F.TOTAL)) is not None
            and (f := t.get(C.EXECUTED)) is not None and f.is_number]
    total = sum((f.value for _, _, f in figs), Decimal(0))
    msg = (f"绩效自评表：{len(evs)} 张表表头为“项目资金（万元）”，但金额为元（全年执行数合计 {fmt(total)}，"
           f"折合 {fmt(_q(total / 10000, -2, ROUND_HALF_UP))} 万元）")
    yield c.finding(c.severity, "绩效自评表", "项目资金单位", msg, figs[:12], total, None)


@rule("PF010", "performance.project_spending", "绩效自评表 Σ全年执行数 与 支出决算表（一般公共预算表）项目支出 接近而不等",
      severity=Severity.WARNING, source="P-X", needs=NEEDS)
def pf010(c: Check) -> Iterator[Finding]:
    """The sum of the attached self-evaluations' 全年执行数 against the department's 项目支出 (table
    3, else table 5). A near miss (within 5%) is a warning; a large gap is only noted, since the
    projects evaluated need not be all the projects. Amounts found to be in 元 (PF009) are
    converted first."""
    spend = project_spending(c.report.tables)
    if spend is None:
        return
    slip = c.report.evaluations_in_yuan
    figs: list[tuple[int, str, Figure]] = []
    total = Decimal(0)
    bound = Decimal(0)
    for ev in _evaluations(c):
        t = ev.fund(F.TOTAL)
        f = t.get(C.EXECUTED) if t is not None else None
        if f is not None and f.is_unknown:  # Σ cannot be known: said, never computed without it
            yield c.not_a_figure("绩效自评表／支出决算表", "项目支出", [(1, "项目支出", spend), (1, ev.project, f)])
            return
        if f is None or not f.is_number:
            continue
        scale = Decimal(1) / 10000 if slip or ev.unit is Unit.YUAN else Decimal(1)
        total += f.value * scale
        bound += f.half_unit * scale
        figs.append((1, ev.project, f))
    if not figs:
        return
    bound += spend.half_unit
    diff = total - spend.value
    if abs(diff) <= bound:
        return
    near = abs(diff) <= spend.value * Decimal("0.05")
    sev = c.severity if near else Severity.INFO
    msg = (f"绩效自评表全年执行数合计 {fmt(_q(total, -2, ROUND_HALF_UP))} 万元 ≠ 项目支出 {spend.printed} 万元，"
           f"相差 {fmt(_q(diff, -2, ROUND_HALF_UP))}" + ("" if near else "（差额较大，自评项目范围可能不同）"))
    yield c.finding(sev, "绩效自评表／支出决算表", "项目支出", msg, [(1, "项目支出", spend), *figs],
                    total, spend.value, bound)

#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (pf001, pf002, pf003, pf004, pf005, pf006, pf007, pf008, pf009, pf010)
