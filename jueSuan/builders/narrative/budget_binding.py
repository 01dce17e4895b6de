"""Each quote of a budget's 预算说明 resolved to what it states: a budget table figure (总计, 财政拨款,
一般公共预算, 基本/项目支出, 人员/公用经费, 三公, 机关运行经费, 政府采购, a 类/款/项), the part and whole
of a share, the change and this year's figure of a growth rate — or nothing, with the reason.

Every figure of the budget is this year's budget, so a quote's role (预算数为, 支出…) does not choose a
column; the tables of a budget print no 上年 figures the text could be compared with, so the changes
(比上年增加…) are checked only with their own growth rate. A 元 table figure used as a share's whole or
a growth's base is expressed in the text's unit first.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...models import Binding, Claim, Figure, Operand, Quote
from .budget_subjects import agreeing, classified_hits, in_unit, named_table, resolve_budget, subject_key
from .subjects import TableHit, Tables, value_in_text

_ROLES = ("value", "actual", "budget")  # a budget's amounts are 预算数 too


def _fig(q: Quote) -> Figure:
    return Figure(q.amount, q.ref, q.unit)


def _table(hit: TableHit, how: str) -> Binding:
    return Binding("table", how, (Operand("表中数", hit.label, hit.figure),), hit.table, hit.line,  # type: ignore[arg-type]
                   hit.column)


def _table_value(tables: Tables, subject: str) -> TableHit | str | None:
    return resolve_budget(tables, subject)


def _share(tables: Tables, quotes: Sequence[Quote], q: Quote) -> Binding:
    same = [x for x in quotes if x.paragraph == q.paragraph and x.sentence == q.sentence]
    part = next((x for x in reversed(same) if x.order < q.order and x.measure == "money"), None)
    if part is None:
        return Binding("none", "绑定不明确：占比前没有金额")
    intro = _list_intro(quotes, q) if not q.whole else None
    if intro is not None:
        return Binding("share", f"部分：前一金额「{part.subject}」；整体：列表引导句「{intro.subject}」（文中所引）",
                       (Operand("部分", part.subject, _fig(part)), Operand("整体", intro.subject, _fig(intro))))
    if not q.whole:
        return Binding("none", "绑定不明确：占比的整体无法确定（句中与所在列表的引导句都未给出）")
    w = value_in_text(quotes, q.whole, q, _ROLES)
    if w is not None:
        label, whole, how = w.subject, _fig(w), "文中所引"
    else:
        hit = _table_value(tables, q.whole)
        if not isinstance(hit, TableHit):
            why = f"各表不一致（{hit}）" if isinstance(hit, str) else "未能对应到预算表数字"
            return Binding("none", f"表中没有：占比的整体「{q.whole}」{why}")
        label, whole, how = hit.label, in_unit(hit.figure, part.unit), f"表：{hit.label}"
    if whole.ref == part.ref:
        return Binding("none", f"绑定不明确：占比的整体「{q.whole}」就是部分本身")
    return Binding("share", f"部分：前一金额「{part.subject}」；整体「{q.whole}」（{how}）",
                   (Operand("部分", part.subject, _fig(part)), Operand("整体", label, whole)))


def _list_intro(quotes: Sequence[Quote], q: Quote) -> Quote | None:
    """The whole of a share in a list printed one item a paragraph (基本支出…，占42.53%；): the first
    amount of the sentence that introduced the list (…支出预算合计24458.43万元，其中：), when every
    paragraph between it and the share is an item of the list (an amount and its share)."""
    before = [x for x in quotes if x.paragraph < q.paragraph and x.part == q.part]
    intro = next((x for x in reversed(before) if x.measure == "money" and x.sentence.endswith(("：", ":"))), None)
    if intro is None or q.paragraph - intro.paragraph > 12:
        return None
    for p in range(intro.paragraph + 1, q.paragraph):
        here = [x for x in quotes if x.paragraph == p]
        if not any(x.role == "share" for x in here):
            return None
    first = next((x for x in quotes if x.paragraph == intro.paragraph and x.sentence == intro.sentence
                  and x.measure == "money" and x.role in ("value", "budget", "actual")), None)
    return None if first is None or first.ref == q.ref else first


def _growth(tables: Tables, quotes: Sequence[Quote], g: Quote) -> Binding:
    same = [x for x in quotes if x.paragraph == g.paragraph and x.sentence == g.sentence]
    ch = next((x for x in reversed(same) if x.role == "change" and x.order < g.order), None)
    if ch is None:
        return _growth_on_previous(same, g)
    cur = value_in_text(quotes, ch.subject, ch, _ROLES)
    name = ch.subject
    if cur is None:  # 收入、支出预算总计A万元，与上年相比各增加B万元，增长C%: the amount the sentence opened with
        cur = next((x for x in reversed(same) if x.measure == "money" and x.order < ch.order
                    and x.role in ("value", "budget", "actual") and x.unit is ch.unit), None)
        name = cur.subject if cur is not None else name
    if cur is not None:
        return Binding("growth", f"增减额：同句；本年数：文中所引「{cur.subject}」",
                       (Operand("增减额", name, _fig(ch)), Operand("本年数", cur.subject, _fig(cur))))
    hit = _table_value(tables, ch.subject)
    if not isinstance(hit, TableHit):
        return Binding("none", f"表中没有：「{ch.subject}」的本年数未找到")
    return Binding("growth", f"增减额：同句；本年数：表 {hit.label}",
                   (Operand("增减额", ch.subject, _fig(ch)), Operand("本年数", hit.label, in_unit(hit.figure, ch.unit))))


def _stated_previous(same: Sequence[Quote], g: Quote) -> tuple[Quote, Quote] | None:
    """(上年数, 本年数) a growth rate with no change before it compares, both quoted in its sentence:
    2022年当年预算执行数为1.48万元，2023年预算安排2.63万元，比2022年预算执行数增加77.70%."""
    prev = next((x for x in reversed(same) if x.role == "previous" and x.measure == "money" and x.order < g.order), None)
    if prev is None:
        return None
    cur = next((x for x in reversed(same) if x.measure == "money" and x.role in ("value", "budget")
                and prev.order < x.order < g.order), None)
    return None if cur is None or cur.unit is not prev.unit else (prev, cur)


def _growth_on_previous(same: Sequence[Quote], g: Quote) -> Binding:
    pair = _stated_previous(same, g)
    if pair is None:
        return Binding("none", "绑定不明确：增长率前没有增减额，也没有同句所引的上年数")
    prev, cur = pair
    if prev.amount.value == 0:
        return Binding("none", "上年数：上年数为 0，增长率无定义（新增项目）")
    return Binding("growth", f"上年数「{prev.subject}」、本年数「{cur.subject}」：同句所引",
                   (Operand("上年数", prev.subject, _fig(prev)), Operand("本年数", cur.subject, _fig(cur))))


def _restated_in_paragraph(quotes: Sequence[Quote], q: Quote) -> Binding | None:
    """A 预算安排 amount restating the amount the paragraph's item opened with (1.“…（项）”2.63万元，…，
    2023年预算安排2.63万元): the same amount, checked by BG009."""
    if not q.subject.startswith(("预算安排", "预算数")) or q.measure != "money":
        return None
    first = next((x for x in quotes if x.paragraph == q.paragraph and x.measure == "money"), None)
    if first is None or first is q or not first.classification or first.role not in ("value", "budget"):
        return None
    return Binding("relation", "本年数：与本段所列金额一致", (Operand("同一金额", first.subject, _fig(first)),))


def _classified(tables: Tables, q: Quote) -> Binding:
    """A 类/款/项: in a section whose heading names a table (一般公共预算…, 财政拨款…, 收支预算总体…), that
    table's row only; elsewhere, the row of every classification table, bound when they all agree."""
    hits = classified_hits(tables, q.classification)
    name = q.classification[-1][0]
    kind = named_table(q.part)
    if kind is not None:
        hits = [h for h in hits if h.table is kind]
        if not hits:
            return Binding("none", f"表中没有：本节所指的{kind.canonical_title}无「{name}」行（或未读到）")
    if not hits:
        return Binding("none", f"表中没有：预算表中无「{name}」行（或有多行）")
    got = agreeing(hits)
    if isinstance(got, str):
        return Binding("none", f"绑定不明确：「{name}」在各表中的数不同（{got}），所在段落未指明哪张表")
    assert got is not None
    return _table(got, f"类/款/项 → {got.label}（{q.part[:2] or '预算说明'}）")


def bind_budget_one(tables: Tables, quotes: Sequence[Quote], claims: Sequence[Claim], q: Quote) -> Binding:
    """The binding of one quote of a budget's narrative (see the module's text)."""
    if q.role == "previous":
        same = [x for x in quotes if x.paragraph == q.paragraph and x.sentence == q.sentence]
        for g in (x for x in same if x.role == "growth" and x.order > q.order):
            pair = _stated_previous(same, g)
            if pair is not None and pair[0] is q and q.amount.value != 0:
                return Binding("relation", "上年数：与同句增长率一并检查")
        return Binding("none", "上年数：预算表中没有上年数")
    if (restated := _restated_in_paragraph(quotes, q)) is not None:
        return restated
    if q.role == "reason":
        return Binding("none", "原因说明：原因中的数字，不对应表中数")
    if q.role == "share":
        return _share(tables, quotes, q)
    if q.role == "completion":
        return Binding("none", "表中没有：预算表中没有决算数，完成率不核对")
    if q.role == "growth":
        return _growth(tables, quotes, q)
    if q.measure != "money" or q.role not in ("value", "actual", "budget"):
        return Binding("none", "表中没有：此数不在表中" if q.role != "change" else "上年数：增减额无增长率可核，预算表中没有上年数")
    if q.classification:
        return _classified(tables, q)
    if not q.subject:
        return Binding("none", "绑定不明确：未能识别所说的对象")
    subject = q.subject + "预算" if q.role == "budget" and q.subject in ("收入", "支出") else q.subject
    if any(w in subject for w in _NOT_TABLE):
        return Binding("none", "表中没有：此数不在预算表中")
    if subject_key(subject) is None:
        return Binding("none", f"绑定不明确：「{q.subject}」未能对应到预算表数字")
    hit = resolve_budget(tables, subject)
    if isinstance(hit, str):
        return Binding("none", f"绑定不明确：「{q.subject}」在各表中的数不同（{hit}）")
    if hit is None:
        return Binding("none", f"表中没有：「{q.subject}」所指的预算表、行或列未读到")
    return _table(hit, f"对象「{q.subject}」→ {hit.label}")


_NOT_TABLE = ("绩效", "项目预算资金", "涉及预算", "货物", "工程", "服务", "外宾")

# relations of the text that only 决算 rules check: not checked in a budget
FINAL_ONLY = ("决算：", "年初预算：", "绩效")
