"""The narrative against the tables, and against itself (RULES.md, N-…)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal

from ..findings import Finding, Severity
from ..models import Figure, Level, Line, Quote, Report, Table, TableKind
from ..numbers import Amount
from .engine import Check, fmt, rule

NEEDS = "narrative"
T = TableKind
Resolver = Callable[[Report, str], tuple[str, Figure] | None]


def _line_fig(t: Table | None, role: str, col: str, side: str | None = None) -> Figure | None:
    if t is None:
        return None
    ln = t.find(role, side)
    return None if ln is None else ln.get(col)


def _at(kind: TableKind, role: str, col: str, side: str | None = None, what: str = "") -> Resolver:
    def resolve(report: Report, qrole: str) -> tuple[str, Figure] | None:
        t = report.table(kind)
        f = _line_fig(t, role, col, side)
        if t is None or f is None:
            return None
        return f"{t.display_title} {what}".strip(), f
    return resolve


def _three_public(item: str, name: str) -> Resolver:
    def resolve(report: Report, qrole: str) -> tuple[str, Figure] | None:
        t = report.table(T.THREE_PUBLIC)
        measure = "budget" if qrole == "budget" else "actual"
        f = _line_fig(t, item, measure)
        if t is None or f is None:
            return None
        return f"{t.display_title} {name}{'预算数' if measure == 'budget' else '决算数'}", f
    return resolve


def _gpb_total(report: Report, qrole: str) -> tuple[str, Figure] | None:
    t = report.table(T.GPB_EXPENDITURE)
    if t is None or t.find("total") is None:
        return None
    col = "budget_total" if qrole == "budget" else "total"
    f = t.find("total").get(col)  # type: ignore[union-attr]
    return (f"{t.display_title} 合计", f) if f is not None else None


def _personnel(report: Report, qrole: str) -> tuple[str, Figure] | None:
    return _econ_total(report, "personnel_total", "personnel", "人员经费合计")


def _public(report: Report, qrole: str) -> tuple[str, Figure] | None:
    return _econ_total(report, "public_total", "public", "公用经费合计")


def _econ_total(report: Report, role: str, col: str, name: str) -> tuple[str, Figure] | None:
    t = report.table(T.BASIC_ECONOMIC)
    if t is None:
        return None
    ln = t.find(role)
    f = None
    if ln is not None:
        f = next((x for k, x in ln.values), None)
    elif t.find("total") is not None:
        f = t.find("total").get(col)  # type: ignore[union-attr]
    return (f"{t.display_title} {name}", f) if f is not None else None


# (subject key, resolver), longest keys first at match time
SUBJECTS: tuple[tuple[str, Resolver], ...] = (
    ("财政拨款收入支出总计", _at(T.FISCAL_SUMMARY, "grand_total", "amount", "income", "总计")),
    ("收入支出总计", _at(T.SUMMARY, "grand_total", "amount", "income", "总计")),
    ("本年收入合计", _at(T.SUMMARY, "income_total", "amount", "income", "本年收入合计")),
    ("本年支出合计", _at(T.SUMMARY, "expense_total", "amount", "expenditure", "本年支出合计")),
    ("一般公共预算财政拨款基本支出", _at(T.GPB_EXPENDITURE, "total", "basic", None, "合计 基本支出")),
    ("一般公共预算财政拨款项目支出", _at(T.GPB_EXPENDITURE, "total", "project", None, "合计 项目支出")),
    ("一般公共预算财政拨款支出", _gpb_total),
    ("财政拨款收入", _at(T.INCOME, "total", "fiscal", None, "合计 财政拨款收入")),
    ("上级补助收入", _at(T.INCOME, "total", "superior", None, "合计 上级补助收入")),
    ("事业收入", _at(T.INCOME, "total", "business", None, "合计 事业收入")),
    ("附属单位上缴收入", _at(T.INCOME, "total", "affiliated", None, "合计 附属单位上缴收入")),
    ("经营收入", _at(T.INCOME, "total", "operating", None, "合计 经营收入")),
    ("其他收入", _at(T.INCOME, "total", "other", None, "合计 其他收入")),
    ("基本支出", _at(T.EXPENDITURE, "total", "basic", None, "合计 基本支出")),
    ("项目支出", _at(T.EXPENDITURE, "total", "project", None, "合计 项目支出")),
    ("上缴上级支出", _at(T.EXPENDITURE, "total", "remit", None, "合计 上缴上级支出")),
    ("经营支出", _at(T.EXPENDITURE, "total", "operating", None, "合计 经营支出")),
    ("对附属单位补助支出", _at(T.EXPENDITURE, "total", "subsidy", None, "合计 对附属单位补助支出")),
    ("人员经费", _personnel),
    ("公用经费", _public),
    ("三公经费财政拨款支出", _three_public("total", "合计")),
    ("三公经费", _three_public("total", "合计")),
    ("因公出国(境)费", _three_public("abroad", "因公出国（境）费")),
    ("公务用车购置及运行维护费", _three_public("vehicle", "公务用车购置及运行维护费")),
    ("公务用车购置", _three_public("vehicle_purchase", "公务用车购置费")),
    ("公务用车运行维护", _three_public("vehicle_operation", "公务用车运行维护费")),
    ("公务接待", _three_public("reception", "公务接待费")),
    ("政府性基金预算财政拨款收入", _at(T.GOV_FUND, "total", "income", None, "合计 本年收入")),
    ("政府性基金预算财政拨款支出", _at(T.GOV_FUND, "total", "expense", None, "合计 本年支出")),
    ("国有资本经营预算财政拨款收入", _at(T.SOE_CAPITAL, "total", "income", None, "合计 本年收入")),
    ("国有资本经营预算财政拨款支出", _at(T.SOE_CAPITAL, "total", "expense", None, "合计 本年支出")),
)
_ORDERED = sorted(SUBJECTS, key=lambda kv: -len(kv[0]))
_NOT_TABLE = ("采购", "机关运行经费", "绩效", "涉及预算金额", "外宾", "国内公务接待")


def _key(text: str) -> str:
    return text.replace("（", "(").replace("）", ")").replace("“", "").replace("”", "")


def _classified(report: Report, q: Quote) -> tuple[str, Figure] | None:
    """A quote about a 类/款/项 named in its sentence: the row of table 5 with those names."""
    t = report.table(T.GPB_EXPENDITURE)
    if t is None or not q.classification:
        return None
    name, level = q.classification[-1]
    want = {"类": Level.CLASS, "款": Level.SEGMENT, "项": Level.ITEM}[level]
    rows = [ln for ln in t.lines if ln.level is want and _key(ln.label) == _key(name)]
    if len(rows) > 1 and len(q.classification) > 1:
        parent = _key(q.classification[0][0])
        classes = {ln.code: _key(ln.label) for ln in t.lines if ln.level is Level.CLASS}
        rows = [ln for ln in rows if ln.code and classes.get(ln.code[:3]) == parent]
    if len(rows) != 1:
        return None
    row: Line = rows[0]
    col = "budget_total" if q.role == "budget" else "total"
    f = row.get(col)
    return (f"{t.display_title} {row.code} {row.label}", f) if f is not None else None


_TRAILING = ("支出决算", "决算数", "决算", "支出")


@functools.lru_cache(maxsize=4096)
def resolver_for(subject: str) -> Resolver | None:
    """The table value a subject names: the longest known key the subject ends with (after
    dropping a trailing 支出/决算), or contains with at most a few characters around it."""
    s = _key(subject)
    if not s or any(w in s for w in _NOT_TABLE):
        return None
    forms = [s] + [s[: -len(t)] for t in _TRAILING if s.endswith(t) and len(s) > len(t)]
    for key, resolver in _ORDERED:
        if any(f.endswith(key) for f in forms) or (key in s and len(s) - len(key) <= 4):
            return resolver
    return None


def resolve(report: Report, q: Quote) -> tuple[str, Figure] | None:
    """The table figure a quote states, or None when no table value is identified with certainty."""
    if q.measure != "money" or q.role not in ("value", "actual", "budget"):
        return None
    if q.classification:
        return _classified(report, q)
    resolver = resolver_for(q.subject)
    return resolver(report, q.role) if resolver is not None else None


def _fig(q: Quote) -> Figure:
    return Figure(q.amount, q.ref, q.unit)


def _where(q: Quote) -> str:
    return f"情况说明第{q.paragraph + 1}段"


@rule("NR001", "narrative.figure", "情况说明：引用的金额 = 表中对应数（在舍入容差内）", source="N-1..N-9, N-UNIT",
      needs=NEEDS)
def nr001(c: Check) -> Iterator[Finding]:
    """Every amount the narrative quotes for a table value (收入支出总计, 本年收入/支出合计, 财政拨款收入,
    基本支出, 项目支出, 人员经费, 公用经费, each 类/款/项's 支出决算 and 年初预算, 三公 amounts, 基金 and
    国资 figures) equals the table's figure within the rounding of both; an amount in 元 against a
    table in 万元 is converted (a 10^4 slip shows as an error).

    Failing (Songjiang 2020): 收入支出总计3,998.79万元 against 总计 4,008.60; 公用经费63.22万元
    against 公用经费合计 2,020.46."""
    for q in c.report.quotes:
        hit = resolve(c.report, q)
        if hit is None:
            continue
        label, fig = hit
        yield from c.identity(_where(q), q.subject, f"「{q.subject}」", _fig(q), [(1, label, fig)])


def _interval(f: Figure) -> tuple[Decimal, Decimal]:
    return f.value - f.half_unit, f.value + f.half_unit


def _ratio_ok(printed: Amount, part: Figure, whole: Figure, scale: Decimal = Decimal(100)) -> bool:
    """Is the printed percentage one that part/whole rounds or truncates to, for some values the
    printed part and whole stand for?"""
    plo, phi = _interval(part)
    wlo, whi = _interval(whole)
    if whi <= 0:
        return False
    lo = plo / whi * scale if plo >= 0 else plo / max(wlo, Decimal("1e-9")) * scale
    hi = phi / wlo * scale if wlo > 0 else Decimal("Infinity")
    r = printed.value
    step = Decimal(1).scaleb(printed.exponent)
    return (lo <= r + step / 2 and hi >= r - step / 2) or (lo < r + step and hi >= r)


def _pct(part: Decimal, whole: Decimal, exponent: int) -> Decimal:
    return (part / whole * 100).quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


def _same_sentence(quotes: tuple[Quote, ...], q: Quote) -> list[Quote]:
    return [x for x in quotes if x.paragraph == q.paragraph and x.sentence == q.sentence]


def _same_paragraph(quotes: tuple[Quote, ...], q: Quote) -> list[Quote]:
    return [x for x in quotes if x.paragraph == q.paragraph]


def same_subject(a: str, b: str) -> bool:
    """Two subjects name the same thing when one ends with the other (the unit's name or a year
    may stand before one of them)."""
    a, b = _key(a), _key(b)
    return bool(a) and bool(b) and (a == b or a.endswith(b) or b.endswith(a))


def _value_of(c: Check, quotes: list[Quote], subject: str, before: Quote | None = None) -> Figure | None:
    """The amount quoted for ``subject`` (in the given quotes, the last one before ``before``), else
    the table value it names."""
    cands = [x for x in quotes if x.measure == "money" and x.role in ("value", "actual") and same_subject(x.subject, subject)]
    if before is not None:
        cands = [x for x in cands if (x.paragraph, x.span) < (before.paragraph, before.span)] or cands
    if cands:
        return _fig(cands[-1])
    resolver = resolver_for(subject)
    hit = resolver(c.report, "value") if resolver is not None else None
    return hit[1] if hit else None


@rule("NR002", "narrative.share", "情况说明：占比 = 部分 / 整体（按所印位数四舍五入或截断）", source="N-2, N-3, N-5, N-7, N-PCT",
      needs=NEEDS)
def nr002(c: Check) -> Iterator[Finding]:
    """A share (占X%) equals the part it follows over the whole it names (占本年支出合计的…) or, when
    it names none, the total the sentence opens with. The printed percentage may round or truncate
    any value the printed part and whole allow (19.56 / 30.67 printed 63.76% is fine: 63.75%–63.80%)."""
    quotes = c.report.quotes
    for q in quotes:
        if q.role != "share":
            continue
        sentence = _same_sentence(quotes, q)
        part_q = next((x for x in reversed(sentence) if x.order < q.order and x.measure == "money"), None)
        if part_q is None:
            yield c.unchecked(_where(q), q.subject, f"占比 {q.text} 前没有金额", [(1, q.subject, _fig(q))])
            continue
        whole = _value_of(c, _same_paragraph(quotes, q), q.whole, before=q) if q.whole else None
        if whole is None:
            yield c.unchecked(_where(q), q.subject, f"占比 {q.text} 的整体「{q.whole or '?'}」无法确定",
                              [(1, q.subject, _fig(q))])
            continue
        part = _fig(part_q)
        if whole.value == 0:
            if q.amount.value != 0:
                msg = f"{_where(q)}：「{q.whole}」为 {whole.printed}，「{q.subject}」不能占 {q.text}"
                yield c.finding(c.severity, _where(q), f"{q.subject}占比", msg,
                                [(1, "占比", _fig(q)), (1, q.whole, whole)], q.amount.value, Decimal(0))
            continue
        if _ratio_ok(q.amount, part, whole):
            continue
        want = _pct(part.value, whole.value, q.amount.exponent)
        msg = (f"{_where(q)}：「{part_q.subject}」{part_q.text}占{q.whole}{whole.printed}的比例应为 {fmt(want)}%，"
               f"文中为 {q.text}")
        yield c.finding(c.severity, _where(q), f"{q.subject}占比", msg,
                        [(1, "占比", _fig(q)), (1, part_q.subject, part), (1, q.whole, whole)], q.amount.value, want)


@rule("NR003", "narrative.change", "情况说明：增减额、增长率与本年数相互一致（上年 = 本年 − 增减额；增长率 = 增减额 / 上年）",
      source="N-1, N-4, N-7, N-ZB", needs=NEEDS)
def nr003(c: Check) -> Iterator[Finding]:
    """For a figure with a change (增加/减少 X万元) and a growth rate (增长/下降 Y%): the previous year is
    this year's figure less the change, and the rate is the change over the previous year, within
    what the printed figures allow. A rate on a previous year of zero is an error."""
    quotes = c.report.quotes
    for g in quotes:
        if g.role != "growth":
            continue
        sentence = _same_sentence(quotes, g)
        ch = next((x for x in reversed(sentence) if x.role == "change" and x.order < g.order), None)
        if ch is None:
            continue
        cur = _value_of(c, _same_paragraph(quotes, g), ch.subject, before=ch)
        if cur is None:
            yield c.unchecked(_where(g), ch.subject, "未找到本年数", [(1, ch.subject, _fig(ch))])
            continue
        change = _fig(ch)
        sign = ch.direction or 1
        prev_value = cur.value - sign * change.value
        prev = Figure(Amount(prev_value, min(cur.amount.exponent, change.amount.exponent), fmt(prev_value)), cur.ref,
                      cur.unit)
        if prev.value <= 0:
            msg = f"{_where(g)}：「{ch.subject}」上年数为 {fmt(prev.value)}，不能计算增长率，文中却写 {g.text}"
            yield c.finding(c.severity, _where(g), f"{ch.subject}增长率", msg,
                            [(1, "增长率", _fig(g)), (1, "增减额", change), (1, "本年数", cur)], g.amount.value, None)
            continue
        # intervals: prev = cur − change, each printed figure rounded on its own
        half = cur.half_unit + change.half_unit
        lo = (change.value - change.half_unit) / (prev.value + half) * 100
        hi = (change.value + change.half_unit) / (prev.value - half) * 100
        r = g.amount.value
        step = Decimal(1).scaleb(g.amount.exponent)
        in_range = (lo <= r + step / 2 and hi >= r - step / 2) or (lo < r + step and hi >= r)
        if in_range and (g.direction or 1) == sign:
            continue
        want = _pct(change.value, prev.value, g.amount.exponent)
        word = "增长" if sign > 0 else "下降"
        msg = (f"{_where(g)}：「{ch.subject}」本年 {cur.printed}，{'增加' if sign > 0 else '减少'} {change.printed}，"
               f"上年应为 {fmt(prev.value)}，{word}率应为 {fmt(want)}%，文中为 {g.text}")
        yield c.finding(c.severity, _where(g), f"{ch.subject}增长率", msg,
                        [(1, "增长率", _fig(g)), (1, "增减额", change), (1, "本年数", cur)], r, want)


@rule("NR004", "narrative.completion", "情况说明：完成预算的X% = 决算 / 预算；预算为零时不应写完成率", source="N-5, N-7, N-ZB",
      needs=NEEDS)
def nr004(c: Check) -> Iterator[Finding]:
    """完成年初预算的X% equals 决算 / 年初预算 (both as quoted, else as the tables print them). A rate
    against a budget of zero is meaningless: an error when there was spending, a warning when
    both are zero (the "0.00%" some templates print)."""
    quotes = c.report.quotes
    for q in quotes:
        if q.role != "completion":
            continue
        para = _same_paragraph(quotes, q)
        budget_q = next((x for x in reversed(para) if x.role == "budget" and same_subject(x.subject, q.subject)
                         and (x.paragraph, x.span) < (q.paragraph, q.span)), None)
        actual_q = next((x for x in reversed(para) if x.role in ("actual", "value") and same_subject(x.subject, q.subject)
                         and (x.paragraph, x.span) < (q.paragraph, q.span)), None)
        budget = _fig(budget_q) if budget_q else None
        actual = _fig(actual_q) if actual_q else None
        if budget is None:
            resolver = resolver_for(q.subject)
            hit = resolver(c.report, "budget") if resolver is not None else None
            budget = hit[1] if hit else None
        if actual is None:
            resolver = resolver_for(q.subject)
            hit = resolver(c.report, "actual") if resolver is not None else None
            actual = hit[1] if hit else None
        if budget is None or actual is None:
            yield c.unchecked(_where(q), q.subject, f"完成率 {q.text} 的预算数或决算数未找到", [(1, q.subject, _fig(q))])
            continue
        figs = [(1, "完成率", _fig(q)), (1, "年初预算", budget), (1, "决算", actual)]
        if budget.value == 0:
            both_zero = actual.value == 0 and q.amount.value == 0
            sev = Severity.WARNING if both_zero else c.severity
            msg = f"{_where(q)}：「{q.subject}」年初预算为 {budget.printed}，不能计算完成率，文中写 {q.text}"
            yield c.finding(sev, _where(q), f"{q.subject}完成率", msg, figs, q.amount.value, None)
            continue
        if _ratio_ok(q.amount, actual, budget):
            continue
        want = _pct(actual.value, budget.value, q.amount.exponent)
        msg = (f"{_where(q)}：「{q.subject}」决算 {actual.printed} / 年初预算 {budget.printed} = {fmt(want)}%，"
               f"文中为 {q.text}")
        yield c.finding(c.severity, _where(q), f"{q.subject}完成率", msg, figs, q.amount.value, want)


@rule("NR005", "narrative.direction", "情况说明：大于/小于/持平、增加/减少 与数字相符", source="N-5, N-DIR", needs=NEEDS)
def nr005(c: Check) -> Iterator[Finding]:
    """Words that compare agree with the numbers they explain: 决算数大于预算数 needs 决算 > 预算 (the
    figures quoted for the same 类/款/项 or total); 小于 the reverse; "减少为0…与上年持平" contradicts
    itself.

    Failing (Songjiang 2020, item 2): 年初预算为61.50万元，支出决算为49.22万元。决算数大于预算数…"""
    quotes = c.report.quotes
    for cl in c.report.claims:
        para = [q for q in quotes if q.paragraph == cl.paragraph and q.subject == cl.subject]
        if cl.kind == "flat":
            changes = [q for q in quotes if q.paragraph == cl.paragraph and q.sentence == cl.sentence
                       and q.role in ("change", "growth") and q.amount.value != 0]
            if changes:
                q = changes[0]
                msg = f"情况说明第{cl.paragraph + 1}段：既说“持平”，又说{'增加' if (q.direction or 1) > 0 else '减少'} {q.text}"
                yield c.finding(c.severity, f"情况说明第{cl.paragraph + 1}段", cl.subject or "持平", msg,
                                [(1, q.subject, _fig(q))], q.amount.value, Decimal(0))
            continue
        budget = next((q for q in para if q.role == "budget"), None)
        actual = next((q for q in para if q.role == "actual"), None)
        if budget is None or actual is None:
            continue
        b, a = budget.amount.value, actual.amount.value
        bound = budget.amount.half_unit + actual.amount.half_unit
        wrong = (cl.kind == "greater" and a < b - bound) or (cl.kind == "less" and a > b + bound)
        if not wrong:
            continue
        word = "大于" if cl.kind == "greater" else "小于"
        msg = (f"情况说明第{cl.paragraph + 1}段：「{cl.subject}」支出决算 {actual.text} {'<' if a < b else '>'} "
               f"年初预算 {budget.text}，文中却说“决算数{word}预算数”")
        yield c.finding(c.severity, f"情况说明第{cl.paragraph + 1}段", cl.subject, msg,
                        [(1, "支出决算", _fig(actual)), (1, "年初预算", _fig(budget))], a, b, bound)


@rule("NR006", "narrative.parts", "情况说明：政府采购总额 = 货物 + 工程 + 服务；所列各部分之和 = 所说的总数", source="N-11",
      needs=NEEDS)
def nr006(c: Check) -> Iterator[Finding]:
    """Parts quoted after a total (…采购金额X万元，其中：货物采购金额A万元、工程采购金额B万元、服务采购金额C
    万元) add up to it."""
    quotes = c.report.quotes
    for q in quotes:
        parts = _parts_of(quotes, q)
        if not parts:
            continue
        yield from c.identity(_where(q), q.subject, f"「{q.subject}」", _fig(q),
                              [(1, x.subject, _fig(x)) for x in parts])


@rule("NR007", "narrative.operating_cost", "情况说明：机关运行经费 ≤ 基本支出决算表 公用经费合计", source="N-11",
      requires=(T.BASIC_ECONOMIC,), needs=NEEDS)
def nr007(c: Check) -> Iterator[Finding]:
    """机关运行经费 is the 日常公用经费 of basic spending, so it cannot exceed table 6's 公用经费合计."""
    for q in c.report.quotes:
        if q.measure == "money" and "机关运行经费" in q.subject and q.role in ("value", "actual"):
            hit = _public(c.report, "value")
            if hit is None:
                continue
            yield from c.identity(_where(q), q.subject, f"「{q.subject}」", _fig(q), [(1, *hit)], relation="<=")


@rule("NR008", "narrative.performance", "情况说明：绩效自评项目数 = 优 + 良 + 合格 + 不合格；金额、平均得分与所附自评表一致",
      source="N-10", needs=NEEDS)
def nr008(c: Check) -> Iterator[Finding]:
    """The 绩效 paragraph: the graded counts add to the number of projects self-evaluated, and,
    when the 绩效自评表 are attached, their number, their amount (Σ 全年预算数) and the mean of their
    总分 are the ones the narrative states."""
    quotes = c.report.quotes
    for q in quotes:
        if q.role != "count" or not q.subject.endswith("绩效自评的项目"):
            continue
        para = _same_paragraph(quotes, q)
        graded = [x for x in para if x.role == "count" and "绩效评级为" in x.subject]
        if graded:
            total = sum((x.amount.value for x in graded), Decimal(0))
            if total != q.amount.value:
                msg = (f"{_where(q)}：绩效自评项目 {q.text}，但各评级项目数之和为 {fmt(total)}")
                yield c.finding(c.severity, _where(q), "绩效自评项目数", msg,
                                [(1, x.subject, _fig(x)) for x in [q, *graded]], q.amount.value, total, Decimal(0))
        evs = c.report.evaluations
        if not evs:
            continue
        if len(evs) != q.amount.value:
            msg = f"{_where(q)}：绩效自评项目 {q.text}，所附绩效自评表 {len(evs)} 张"
            yield c.finding(Severity.WARNING, _where(q), "绩效自评项目数", msg, [(1, q.subject, _fig(q))],
                            q.amount.value, Decimal(len(evs)))
        amount_q = next((x for x in para if x.measure == "money" and x.order == q.order + 1 and x.sentence == q.sentence),
                        None)
        if amount_q is not None:
            yield from _perf_amount(c, amount_q)
        avg_q = next((x for x in para if x.subject.endswith("平均得分") and x.order > q.order), None)
        scores = [ev.total_score.value for ev in evs if ev.total_score is not None and ev.total_score.is_number]
        if avg_q is not None and len(scores) == len(evs):
            mean = sum(scores, Decimal(0)) / len(scores)
            step = Decimal(1).scaleb(avg_q.amount.exponent)
            if not (avg_q.amount.value - step <= mean <= avg_q.amount.value + step):
                msg = f"{_where(q)}：平均得分 {avg_q.text}，所附自评表总分平均为 {fmt(mean.quantize(Decimal('0.01')))}"
                yield c.finding(Severity.WARNING, _where(q), "平均得分", msg, [(1, "平均得分", _fig(avg_q))],
                                avg_q.amount.value, mean)


def _perf_amount(c: Check, q: Quote) -> Iterator[Finding]:
    """The amount the 绩效 paragraph gives for the self-evaluated projects against Σ 全年预算数 of
    the attached 绩效自评表 (in 万元; amounts found to be in 元 are converted)."""
    from .performance import unit_slip

    slip = unit_slip(c)
    figs: list[tuple[int, str, Figure]] = []
    total = Decimal(0)
    half = Decimal(0)
    for ev in c.report.evaluations:
        line = ev.fund("total")
        f = line.get("budget") if line is not None else None
        if f is None or not f.is_number:
            return
        scale = Decimal(1) / 10000 if slip or (ev.unit is not None and ev.unit.label == "元") else Decimal(1)
        total += f.value * scale
        half += f.half_unit * scale
        figs.append((1, ev.project, f))
    diff = q.amount.value - total
    bound = half + q.amount.half_unit
    if abs(diff) <= bound:
        return
    msg = (f"{_where(q)}：绩效自评涉及预算金额 {q.text}，所附{len(figs)}张自评表全年预算数合计 "
           f"{fmt(total.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))} 万元")
    yield c.finding(Severity.WARNING, _where(q), "绩效自评金额", msg, [(1, "涉及预算金额", _fig(q)), *figs],
                    q.amount.value, total, bound)


def _parts_of(quotes: tuple[Quote, ...], q: Quote) -> list[Quote]:
    """The parts NR006 adds up for a 采购 total ``q`` (empty when ``q`` is not such a total)."""
    if q.measure != "money" or "采购" not in q.subject or q.order != 0:
        return []
    parts = [x for x in _same_sentence(quotes, q) if x.order > 0 and x.measure == "money"
             and any(w in x.subject for w in ("货物", "工程", "服务"))]
    return parts if len(parts) >= 2 else []


def _in_parts(c: Check, q: Quote) -> bool:
    quotes = c.report.quotes
    return bool(_parts_of(quotes, q)) or any(q in _parts_of(quotes, t) for t in _same_sentence(quotes, q))


def _is_checked(c: Check, q: Quote) -> bool:
    if resolve(c.report, q) is not None:
        return True
    if q.role in ("share", "change", "growth", "completion"):
        return True
    if q.role == "actual" and any(cl.paragraph == q.paragraph and cl.subject == q.subject for cl in c.report.claims):
        return True
    if q.role == "budget" and any(x.role == "completion" and x.paragraph == q.paragraph and x.subject == q.subject
                                  for x in c.report.quotes):
        return True  # recomputed by NR004
    s = q.subject
    perf_amount = bool(c.report.evaluations) and q.measure == "money" and s.endswith("涉及预算金额") and any(
        x.role == "count" and x.subject.endswith("绩效自评的项目") and x.order == q.order - 1 and x.sentence == q.sentence
        for x in c.report.quotes)
    return perf_amount or _in_parts(c, q) or "机关运行经费" in s or (
        q.role == "count" and ("绩效自评的项目" in s or "绩效评级为" in s or s.endswith("平均得分")))


@rule("NR009", "narrative.unmatched", "情况说明：未能对应到表格数字的引用（列出，未检查）", severity=Severity.INFO,
      source="N (unmatched)", needs=NEEDS)
def nr009(c: Check) -> Iterator[Finding]:
    """Every quantity of the narrative that no other rule checks (a count of 公务用车, an amount the
    tables do not hold, a label not recognised, a 年初预算 that table 5 does not print and that only
    serves to compare with 决算) is listed here, so that nothing is silently left out: a reviewer
    sees what was not checked."""
    for q in c.report.quotes:
        if _is_checked(c, q):
            continue
        yield c.finding(c.severity, _where(q), q.subject or "?",
                        f"{_where(q)}：「{q.subject or '?'}」{q.text} 未能对应到表格数字，未检查", [(1, q.subject, _fig(q))])
