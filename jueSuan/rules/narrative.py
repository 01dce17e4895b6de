"""The narrative against the tables, and against itself (RULES.md, N-…).

Every quote was bound once by the builders (``Quote.binding``: a table figure, the part and whole of a
share, the 决算 and 年初预算 of a completion rate, the change and this year's figure of a growth rate);
the rules here only compare.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ..builders.narrative import in_unit, parts_of, restatement_key, same_subject
from ..findings import Finding, Severity
from ..models import Figure, Quote
from ..numbers import Amount
from .engine import Check, fmt, fmt_bound, rule

NEEDS = "narrative"


def _fig(q: Quote) -> Figure:
    return Figure(q.amount, q.ref, q.unit)


def _where(c: Check, q: Quote) -> str:
    """情况说明第N段; a budget's as the document calls it (预算编制说明第N段)."""
    return f"{_name(c)}第{q.paragraph + 1}段"


def _name(c: Check) -> str:
    cov = c.report.coverage
    return cov.name if cov is not None else "情况说明"


def _with(c: Check, target: str) -> Iterator[Quote]:
    for q in c.report.quotes:
        if q.binding is not None and q.binding.target == target:
            yield q


def _decidable(c: Check, q: Quote) -> Iterator[Finding]:
    """An unchecked finding when a table figure the quote is compared with prints text that is not a
    figure (#DIV/0!, 见说明): its value is not known, so neither agreement nor disagreement is claimed."""
    assert q.binding is not None
    yield from c.undecided(_where(c, q), q.subject,
                           [(1, q.subject, _fig(q)), *((1, o.label, o.figure) for o in q.binding.operands)])


def _ratio(c: Check, q: Quote, part: Figure, whole: Figure, what: str, figs: list[tuple[int, str, Figure]],
           stated: Callable[[Decimal], str]) -> Iterator[Finding]:
    """The printed rate ``q`` of ``part / whole`` (whole not zero): a finding when no value the printed
    figures allow gives it; ``stated`` says the comparison with the rate it should be."""
    if _ratio_ok(q.amount, part, whole):
        return
    want = _pct(part.value, whole.value, q.amount.exponent)
    msg = f"{_where(c, q)}：{stated(want)}，文中为 {q.text}"
    yield c.finding(c.severity, _where(c, q), what, msg, figs, q.amount.value, want)


def _op(q: Quote, role: str) -> Figure:
    assert q.binding is not None
    o = q.binding.get(role)
    assert o is not None, (q, role)
    return o.figure


def _label(q: Quote, role: str) -> str:
    assert q.binding is not None
    o = q.binding.get(role)
    return o.label if o is not None else role


@rule("NR001", "narrative.figure", "情况说明：引用的金额 = 表中对应数（在舍入容差内）", source="N-1..N-9, N-UNIT",
      needs=NEEDS, documents="any")
def nr001(c: Check) -> Iterator[Finding]:
    """Every amount the narrative quotes for a table value (收入支出总计, 本年收入/支出合计, 财政拨款收入,
    基本支出, 项目支出, 人员经费, 公用经费, each 类/款/项's 支出决算 and 年初预算 — in table 5, or in table
    8/9 in the sections on 政府性基金 / 国有资本经营 —, 三公 amounts, 基金 and 国资 figures) equals the
    table's figure within the rounding of both; an amount in 元 against a table in 万元 is converted (a
    10^4 slip shows as an error).

    Failing (Songjiang 2020): 收入支出总计3,998.79万元 against 总计 4,008.60; 公用经费63.22万元
    against 公用经费合计 2,020.46."""
    for q in _with(c, "table"):
        table = _op(q, "表中数")
        if _at_printed_precision(q, table):
            continue
        if (cut := _truncated(q, table)) is not None:
            msg = (f"{_where(c, q)}：「{q.subject}」{q.text}，表中 {_label(q, '表中数')} {table.printed}"
                   f"{table.unit.label if table.unit else ''} 按文中位数应为 {fmt(cut[1])}，文中系截断（舍入差异）")
            yield c.finding(Severity.ROUNDING, _where(c, q), q.subject, msg,
                            [(1, f"「{q.subject}」", _fig(q)), (1, _label(q, "表中数"), table)], q.amount.value, cut[0])
            continue
        label = _label(q, "表中数")
        if _in_text_unit(q, table) is not None and table.unit is not None:  # 元 against 万元: in the text's unit
            label, table = f"{label}（{table.unit.label}）", in_unit(table, q.unit)
        yield from c.identity(_where(c, q), q.subject, f"「{q.subject}」", _fig(q), [(1, label, table)])


def _in_text_unit(q: Quote, f: Figure) -> Decimal | None:
    """A table figure in the text's unit, when the two units differ and both are known (元 against 万元)."""
    if q.unit is None or f.unit is None or q.unit is f.unit or not f.is_number or not q.amount.is_number:
        return None
    return f.value * f.unit.factor / q.unit.factor


def _at_printed_precision(q: Quote, f: Figure) -> bool:
    """A table's 元 figure rounded to the text's printed 万元 precision is the text's figure."""
    v = _in_text_unit(q, f)
    step = Decimal(1).scaleb(q.amount.exponent)
    return v is not None and v.quantize(step, rounding=ROUND_HALF_UP) == q.amount.value


def _truncated(q: Quote, f: Figure) -> tuple[Decimal, Decimal] | None:
    """(the table figure in the text's unit, rounded) when the text printed it truncated, not rounded."""
    v = _in_text_unit(q, f)
    if v is None:
        return None
    step = Decimal(1).scaleb(q.amount.exponent)
    if v.quantize(step, rounding=ROUND_DOWN) == q.amount.value:
        return v, v.quantize(step, rounding=ROUND_HALF_UP)
    return None


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


@rule("NR002", "narrative.share", "情况说明：占比 = 部分 / 整体（按所印位数四舍五入或截断）", source="N-2, N-3, N-5, N-7, N-PCT",
      needs=NEEDS, documents="any")
def nr002(c: Check) -> Iterator[Finding]:
    """A share (占X%) equals the part it follows over its whole: the one it names (占本年支出合计的…),
    else the sentence's lead (…决算中，) or first amount, else the whole of the sentence that introduced
    the list it stands in. The printed percentage may round or truncate any value the printed part and
    whole allow (19.56 / 30.67 printed 63.76% is fine: 63.75%–63.80%). A share other than 0 of a
    whole of 0 is an error."""
    for q in _with(c, "share"):
        if undecided := list(_decidable(c, q)):
            yield from undecided
            continue
        part, whole = _op(q, "部分"), _op(q, "整体")
        part_label, whole_label = _label(q, "部分"), _label(q, "整体")
        figs = [(1, "占比", _fig(q)), (1, part_label, part), (1, whole_label, whole)]
        if whole.value == 0:
            if q.amount.value != 0:
                msg = f"{_where(c, q)}：「{whole_label}」为 {whole.printed}，「{part_label}」不能占 {q.text}"
                yield c.finding(c.severity, _where(c, q), f"{q.subject}占比", msg, figs, q.amount.value, Decimal(0))
            continue
        said = f"「{part_label}」{part.printed}占「{whole_label}」{whole.printed}的比例应为"
        if _ratio_ok(q.amount, part, whole):
            continue
        want = _pct(part.value, whole.value, q.amount.exponent)
        if _made_to_100(c, q, whole, want):  # still a misstatement: said so, with what explains it
            msg = (f"{_where(c, q)}：{said} {fmt(want)}%，文中为 {q.text}（差末位一个单位；同一整体的各项占比"
                   f"合计恰为100%，疑为凑足100%而调整）")
            yield c.finding(c.severity, _where(c, q), f"{q.subject}占比", msg, figs, q.amount.value, want)
            continue
        yield from _ratio(c, q, part, whole, f"{q.subject}占比", figs, lambda want, said=said: f"{said} {fmt(want)}%")


def _made_to_100(c: Check, q: Quote, whole: Figure, want: Decimal) -> bool:
    """A share one unit of its last printed digit off, in a list of shares of the same whole that add
    up to exactly 100%: the common adjustment of the largest share so that the list totals 100%."""
    step = Decimal(1).scaleb(q.amount.exponent)
    if abs(q.amount.value - want) != step:
        return False
    shares = [x for x in _with(c, "share") if x.binding is not None and (o := x.binding.get("整体")) is not None
              and o.figure.ref == whole.ref]
    return len(shares) >= 2 and sum((x.amount.value for x in shares), Decimal(0)) == 100


@rule("NR003", "narrative.change", "情况说明：增减额、增长率与本年数相互一致（上年 = 本年 − 增减额；增长率 = 增减额 / 上年）",
      source="N-1, N-4, N-7, N-ZB", needs=NEEDS, documents="any")
def nr003(c: Check) -> Iterator[Finding]:
    """For a figure with a change (增加/减少 X万元) and a growth rate (增长/下降 Y%): the previous year is
    this year's figure less the change, and the rate is the change over the previous year, within
    what the printed figures allow. A rate on a previous year of zero is undefined (a warning: a new
    item's "增长100%"); a previous year below zero is an error."""
    for g in _with(c, "growth"):
        if undecided := list(_decidable(c, g)):
            yield from undecided
            continue
        if g.binding is not None and g.binding.get("上年数") is not None:
            yield from _growth_on_previous(c, g)
            continue
        change, cur = _op(g, "增减额"), _op(g, "本年数")
        name = _label(g, "增减额")
        ch = next((x for x in c.report.quotes if x.ref == change.ref), None)
        sign = -1 if ch is not None and ch.direction == -1 else 1
        figs = [(1, "增长率", _fig(g)), (1, "增减额", change), (1, _label(g, "本年数"), cur)]
        prev_value = cur.value - sign * change.value
        if prev_value == 0:
            msg = f"{_where(c, g)}：「{name}」上年数为 0，增长率无定义，文中写 {g.text}"
            yield c.finding(Severity.WARNING, _where(c, g), f"{name}增长率", msg, figs, g.amount.value, None)
            continue
        if prev_value < 0:
            msg = f"{_where(c, g)}：「{name}」本年 {cur.printed}，减少 {change.printed}，上年数应为 {fmt(prev_value)}，不可能"
            yield c.finding(c.severity, _where(c, g), f"{name}增长率", msg, figs, g.amount.value, None)
            continue
        half = cur.half_unit + change.half_unit
        lo = (change.value - change.half_unit) / (prev_value + half) * 100
        hi = (change.value + change.half_unit) / (prev_value - half) * 100 if prev_value > half else Decimal("Infinity")
        r = g.amount.value
        step = Decimal(1).scaleb(g.amount.exponent)
        in_range = (lo <= r + step / 2 and hi >= r - step / 2) or (lo < r + step and hi >= r)
        if in_range and (g.direction or 1) == sign:
            continue
        want = _pct(change.value, prev_value, g.amount.exponent)
        word = "增长" if sign > 0 else "下降"
        msg = (f"{_where(c, g)}：「{name}」本年 {cur.printed}，{'增加' if sign > 0 else '减少'} {change.printed}，"
               f"上年应为 {fmt(prev_value)}，{word}率应为 {fmt(want)}%，文中为 {g.text}")
        yield c.finding(c.severity, _where(c, g), f"{name}增长率", msg, figs, r, want)


def _growth_on_previous(c: Check, g: Quote) -> Iterator[Finding]:
    """A rate stated with both years' figures (上年预算执行数 X，本年预算安排 Y，比上年增加 Z%): Z = (Y − X) / X
    within what the printed figures allow, and 增加/减少 as Y is above or below X."""
    prev, cur = _op(g, "上年数"), _op(g, "本年数")
    change = cur.value - prev.value
    half = cur.half_unit + prev.half_unit
    lo = (change - half) / (prev.value + prev.half_unit) * 100
    hi = (change + half) / (prev.value - prev.half_unit) * 100 if prev.value > prev.half_unit else Decimal("Infinity")
    r = abs(g.amount.value) * (g.direction or 1)
    step = Decimal(1).scaleb(g.amount.exponent)
    if (lo <= r + step / 2 and hi >= r - step / 2) or (lo < r + step and hi >= r):
        return
    want = _pct(change, prev.value, g.amount.exponent)
    word = "增加" if want >= 0 else "减少"
    item = next((x.subject for x in c.report.quotes if x.paragraph == g.paragraph and x.classification), g.subject)
    msg = (f"{_where(c, g)}：「{item}」上年 {prev.printed}，本年 {cur.printed}，"
           f"应{word} {fmt(abs(want))}%，文中为{'增加' if (g.direction or 1) > 0 else '减少'} {g.text}")
    figs = [(1, "增长率", _fig(g)), (1, _label(g, "上年数"), prev), (1, _label(g, "本年数"), cur)]
    yield c.finding(c.severity, _where(c, g), f"{item}增长率", msg, figs, r, want)


@rule("NR004", "narrative.completion", "情况说明：完成预算的X% = 决算 / 预算；预算为零时不应写完成率", source="N-5, N-7, N-ZB",
      needs=NEEDS)
def nr004(c: Check) -> Iterator[Finding]:
    """完成年初预算的X% equals 决算 / 年初预算 (both as quoted, else as the tables print them). A rate
    against a budget of zero is meaningless: an error when there was spending, a warning when
    both are zero (the "0.00%" some templates print)."""
    for q in _with(c, "completion"):
        if undecided := list(_decidable(c, q)):
            yield from undecided
            continue
        actual, budget = _op(q, "决算"), _op(q, "年初预算")
        figs = [(1, "完成率", _fig(q)), (1, "年初预算", budget), (1, "决算", actual)]
        if budget.value == 0:
            both_zero = actual.value == 0 and q.amount.value == 0
            sev = Severity.WARNING if both_zero else c.severity
            msg = f"{_where(c, q)}：「{q.subject}」年初预算为 {budget.printed}，不能计算完成率，文中写 {q.text}"
            yield c.finding(sev, _where(c, q), f"{q.subject}完成率", msg, figs, q.amount.value, None)
            continue
        said = f"「{q.subject}」决算 {actual.printed} / 年初预算 {budget.printed} ="
        yield from _ratio(c, q, actual, budget, f"{q.subject}完成率", figs, lambda want, said=said: f"{said} {fmt(want)}%")


@rule("NR005", "narrative.direction", "情况说明：大于/小于/持平、增加/减少 与数字相符", source="N-5, N-DIR", needs=NEEDS)
def nr005(c: Check) -> Iterator[Finding]:
    """Words that compare agree with the numbers they explain, each in its own clause: 决算数大于预算数
    needs 决算 > 预算 (the figures quoted for the same 类/款/项 or total); 小于 the reverse; 决算数与预算数
    持平 needs them equal; "与上年持平" said of an item contradicts a change stated for that same item
    (not for another item in the next clause).

    Failing (Songjiang 2020, item 2): 年初预算为61.50万元，支出决算为49.22万元。决算数大于预算数…"""
    quotes = c.report.quotes
    for cl in c.report.claims:
        where = f"{_name(c)}第{cl.paragraph + 1}段"
        if cl.kind == "flat":
            changes = [q for q in quotes if q.paragraph == cl.paragraph and q.sentence == cl.sentence
                       and q.role in ("change", "growth") and q.amount.value != 0 and same_subject(q.subject, cl.subject)]
            if changes:
                q = changes[0]
                msg = f"{where}：「{cl.subject}」既说“持平”，又说{'增加' if (q.direction or 1) > 0 else '减少'} {q.text}"
                yield c.finding(c.severity, where, cl.subject or "持平", msg,
                                [(1, q.subject, _fig(q))], q.amount.value, Decimal(0))
            continue
        para = [q for q in quotes if q.paragraph == cl.paragraph and q.subject == cl.subject]
        budget = next((q for q in para if q.role == "budget"), None)
        actual = next((q for q in para if q.role == "actual"), None)
        if budget is None or actual is None:
            continue
        b, a = budget.amount.value, actual.amount.value
        bound = budget.amount.half_unit + actual.amount.half_unit
        wrong = ((cl.kind == "greater" and a < b - bound) or (cl.kind == "less" and a > b + bound)
                 or (cl.kind == "equal" and abs(a - b) > bound))
        if not wrong:
            continue
        word = {"greater": "大于", "less": "小于", "equal": "与预算数持平"}[cl.kind]
        sign = "<" if a < b else ">"
        msg = (f"{where}：「{cl.subject}」支出决算 {actual.text} {sign} 年初预算 {budget.text}，"
               f"文中却说“决算数{word if cl.kind == 'equal' else word + '预算数'}”")
        yield c.finding(c.severity, where, cl.subject, msg,
                        [(1, "支出决算", _fig(actual)), (1, "年初预算", _fig(budget))], a, b, bound)


@rule("NR006", "narrative.parts", "情况说明：政府采购总额 = 货物 + 工程 + 服务；车辆总数 = 各类用车之和", source="N-11",
      needs=NEEDS, documents="any")
def nr006(c: Check) -> Iterator[Finding]:
    """Parts quoted after a total add up to it: …采购金额X万元，其中：货物采购金额A万元、工程采购金额B万元、
    服务采购金额C万元; 共有车辆N辆，其中：…用车a辆、…用车b辆…"""
    quotes = c.report.quotes
    for q in quotes:
        parts = parts_of(quotes, q)
        if not parts:
            continue
        yield from c.identity(_where(c, q), q.subject, f"「{q.subject}」", _fig(q),
                              [(1, x.subject, _fig(x)) for x in parts])


@rule("NR007", "narrative.operating_cost", "情况说明：机关运行经费 ≤ 基本支出决算表 公用经费合计", source="N-11",
      needs=NEEDS)
def nr007(c: Check) -> Iterator[Finding]:
    """机关运行经费 is the 日常公用经费 of basic spending, so it cannot exceed table 6's 公用经费合计."""
    for q in _with(c, "relation"):
        if q.binding is not None and (o := q.binding.get("公用经费合计")) is not None:
            yield from c.identity(_where(c, q), q.subject, f"「{q.subject}」", _fig(q), [(1, o.label, o.figure)],
                                  relation="<=")


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
        para = [x for x in quotes if x.paragraph == q.paragraph]
        graded = [x for x in para if x.role == "count" and "绩效评级为" in x.subject]
        if graded:
            total = sum((x.amount.value for x in graded), Decimal(0))
            if total != q.amount.value:
                msg = (f"{_where(c, q)}：绩效自评项目 {q.text}，但各评级项目数之和为 {fmt(total)}")
                yield c.finding(c.severity, _where(c, q), "绩效自评项目数", msg,
                                [(1, x.subject, _fig(x)) for x in [q, *graded]], q.amount.value, total, Decimal(0))
        evs = c.report.evaluations
        if not evs:
            continue
        if len(evs) != q.amount.value:
            msg = f"{_where(c, q)}：绩效自评项目 {q.text}，所附绩效自评表 {len(evs)} 张"
            yield c.finding(Severity.WARNING, _where(c, q), "绩效自评项目数", msg, [(1, q.subject, _fig(q))],
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
                msg = f"{_where(c, q)}：平均得分 {avg_q.text}，所附自评表总分平均为 {fmt(mean.quantize(Decimal('0.01')))}"
                yield c.finding(Severity.WARNING, _where(c, q), "平均得分", msg, [(1, "平均得分", _fig(avg_q))],
                                avg_q.amount.value, mean)


def _perf_amount(c: Check, q: Quote) -> Iterator[Finding]:
    """The amount the 绩效 paragraph gives for the self-evaluated projects against Σ 全年预算数 of
    the attached 绩效自评表 (in 万元; amounts found to be in 元 are converted)."""
    slip = c.report.evaluations_in_yuan  # decided by the builders (builders/evaluation_unit.py)
    figs: list[tuple[int, str, Figure]] = []
    total = Decimal(0)
    half = Decimal(0)
    for ev in c.report.evaluations:
        line = ev.fund("total")
        f = line.get("budget") if line is not None else None
        if f is not None and f.is_unknown:
            yield c.not_a_figure(_where(c, q), "绩效自评金额", [(1, "涉及预算金额", _fig(q)), (1, ev.project, f)])
            return
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
    msg = (f"{_where(c, q)}：绩效自评涉及预算金额 {q.text}，所附{len(figs)}张自评表全年预算数合计 "
           f"{fmt(total.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))} 万元")
    yield c.finding(Severity.WARNING, _where(c, q), "绩效自评金额", msg, [(1, "涉及预算金额", _fig(q)), *figs],
                    q.amount.value, total, bound)


@rule("NR009", "narrative.unmatched", "情况说明：未能对应到表格数字的引用（列出，未检查，附原因）",
      severity=Severity.INFO, source="N (unmatched)", needs=NEEDS, documents="any")
def nr009(c: Check) -> Iterator[Finding]:
    """Every quantity of the narrative that no rule checks (a count of 公务用车, an amount the tables
    do not hold, a label not recognised, a 年初预算 that table 5 does not print and that no 大于/小于
    sentence compares) is listed here with the reason the builders gave, so that nothing is silently
    left out."""
    for q in c.report.quotes:
        if q.binding is None or q.binding.checked:
            continue
        yield c.finding(c.severity, _where(c, q), q.subject or "?",
                        f"{_where(c, q)}：「{q.subject or '?'}」{q.text} 未检查：{q.binding.how}", [(1, q.subject, _fig(q))])


@rule("NR010", "narrative.coverage", "情况说明：未找到，或有引用数字而无一被检查（明示，附覆盖情况）",
      severity=Severity.INFO, source="N (coverage)", needs=NEEDS, documents="any")
def nr010(c: Check) -> Iterator[Finding]:
    """Never a silent zero: a 情况说明 not found (except in a file of 绩效自评表 alone), or found with figures
    none of which could be checked, is an ``unchecked`` finding (with the coverage: quoted / checked / unchecked by reason). The
    coverage of every document is ``Report.coverage``; each unchecked figure is an NR009 line."""
    cov = c.report.coverage
    if cov is None:
        return
    if not cov.found:
        if not c.report.tables and c.report.evaluations:
            return  # a file of 绩效自评表 alone (an appendix): no 情况说明 is expected in it
        yield c.unchecked(_name(c), _name(c), f"{cov.how}，{_name(c)}中的数字均未检查")
        return
    reasons = "，".join(f"{r} {n}" for r, n in cov.unchecked)
    summary = (f"情况说明（{cov.paragraphs}段）引用数字 {cov.quoted} 个，已检查 {cov.checked} 个，"
               f"未检查 {cov.quoted - cov.checked} 个" + (f"（{reasons}）" if reasons else ""))
    if cov.quoted and not cov.checked:
        yield c.unchecked(_name(c), _name(c), summary + "：无一数字被检查")


@rule("BG009", "budget.narrative_restated", "预算说明：同一金额在文中两处所写不同（在舍入容差内相同才算一致）",
      source="N-1 (预算)", needs=NEEDS, documents="budget")
def nr011(c: Check) -> Iterator[Finding]:
    """The same amount stated twice in a budget's 预算说明 (收入预算总计 in the overview and again in the
    收入 section, the “三公”经费 in the 三公 section and in its list, 机关运行经费 …) must be stated the
    same, within the rounding of both printed figures: the first statement is compared with each later
    one. Only subjects that name one figure of the budget whatever section they stand in are compared
    (人员经费, 公用经费 and 类/款/项, which a section may state of 财政拨款 or of all funds, are not)."""
    for q in _with(c, "relation"):
        if q.binding is not None and (o := q.binding.get("同一金额")) is not None:
            yield from c.identity(_where(c, q), q.subject, f"「{q.subject}」", _fig(q), [(1, o.label, o.figure)])
    first: dict[str, Quote] = {}
    for q in c.report.quotes:
        k = restatement_key(q)
        if k is None:
            continue
        if k not in first:
            first[k] = q
            continue
        a = first[k]
        fa, fq = _fig(a), _fig(q)
        if a.unit is None or q.unit is None:
            continue
        va, vq = fa.value * a.unit.factor, fq.value * q.unit.factor
        bound = fa.half_unit * a.unit.factor + fq.half_unit * q.unit.factor
        if abs(va - vq) <= bound:
            continue
        msg = (f"{_where(c, q)}：「{q.subject}」{q.text}，而{_where(c, a)}写「{a.subject}」{a.text}，"
               f"相差 {fmt(abs(va - vq))}元（舍入容差 ±{fmt_bound(bound)}元）")
        yield c.finding(c.severity, _where(c, q), q.subject, msg,
                        [(1, f"「{a.subject}」", fa), (1, f"「{q.subject}」", fq)], vq, va, bound, "元")


#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (nr001, nr002, nr003, nr004, nr005, nr006, nr007, nr008, nr009, nr010, nr011)
