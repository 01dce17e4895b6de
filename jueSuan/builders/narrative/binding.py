"""Each quote of the 情况说明 resolved once to what it states: a table figure (table, line, column), the
part and whole of a share, the 决算 and 年初预算 of a completion rate, the change and this year's figure of
a growth rate, a relation with other quotes of the text — or nothing, with the reason. The rules only
compare what is bound here.

A quote is bound only where its subject names one table figure with certainty; a subject that could
name two, or a table that lacks the line, leaves the quote unchecked with the reason (never a guess).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from ...models import Binding, Claim, Figure, Level, Operand, Quote, Table, TableKind
from .budget_binding import FINAL_ONLY, bind_budget_one
from .subjects import NOT_TABLE, TableHit, Tables, key, resolve_subject, resolver_for, same_subject, value_in_text

T = TableKind
_FUND_PARTS = {"八": T.GOV_FUND, "九": T.SOE_CAPITAL}
NO_NARRATIVE = "未找到"


def _fig(q: Quote) -> Figure:
    return Figure(q.amount, q.ref, q.unit)


def _table_binding(hit: TableHit, how: str) -> Binding:
    return Binding("table", how, (Operand("表中数", hit.label, hit.figure),), hit.table, hit.line, hit.column)


def _classified(tables: Tables, q: Quote) -> Binding:
    """A 类/款/项 named in the sentence: its row of table 5, or of table 8/9 in the sections on
    政府性基金 / 国有资本经营 (the heading of the section decides which)."""
    kind = next((k for num, k in _FUND_PARTS.items() if q.part.startswith(num)), T.GPB_EXPENDITURE)
    t = tables.table(kind)
    if t is None:
        return Binding("none", f"表中没有：{kind.canonical_title}未读到")
    name, level = q.classification[-1]
    want = {"类": Level.CLASS, "款": Level.SEGMENT, "项": Level.ITEM}[level]
    rows = [ln for ln in t.lines if ln.level is want and key(ln.label) == key(name)]
    if len(rows) > 1 and len(q.classification) > 1:
        parent = key(q.classification[0][0])
        classes = {ln.code: key(ln.label) for ln in t.lines if ln.level is Level.CLASS}
        rows = [ln for ln in rows if ln.code and classes.get(ln.code[:3]) == parent]
    if not rows:
        return Binding("none", f"表中没有：{t.display_title}无「{name}」行")
    if len(rows) > 1:
        return Binding("none", f"绑定不明确：{t.display_title}有{len(rows)}行「{name}」")
    row = rows[0]
    col = "budget_total" if q.role == "budget" else "total" if kind is T.GPB_EXPENDITURE else "expense"
    f = row.get(col)
    if f is None:
        if q.role == "budget":
            return Binding("none", f"表中没有：{t.display_title}无年初预算列（仅由大于/小于/持平句核对方向）")
        return Binding("none", f"表中没有：{t.display_title}无决算数列")
    hit = TableHit(f"{t.display_title} {row.code} {row.label}", f, kind, f"{row.code} {row.label}", col)
    return _table_binding(hit, f"类/款/项 → {kind.canonical_title} {row.code}（{q.part[:2] or '情况说明'}）")


def _whole(tables: Tables, quotes: Sequence[Quote], q: Quote, name: str) -> tuple[str, Figure, str] | None:
    """The figure a whole names: quoted in the same sentence or paragraph, else the table's."""
    w = value_in_text(quotes, name, q)
    if w is not None:
        return w.subject, _fig(w), "文中所引"
    hit = resolve_subject(tables, name, "value")
    if hit is not None:
        return hit.label, hit.figure, f"表：{hit.label}"
    return None


def _share(tables: Tables, quotes: Sequence[Quote], q: Quote) -> Binding:
    same = [x for x in quotes if x.paragraph == q.paragraph and x.sentence == q.sentence]
    part = next((x for x in reversed(same) if x.order < q.order and x.measure == "money"), None)
    if part is None:
        return Binding("none", "绑定不明确：占比前没有金额")
    if not q.whole:
        return Binding("none", "绑定不明确：占比的整体无法确定（句中与所在列表的引导句都未给出）")
    w = _whole(tables, quotes, q, q.whole)
    if w is None:
        return Binding("none", f"表中没有：占比的整体「{q.whole}」未能对应到数字")
    label, whole, how = w
    if whole.ref == part.ref:
        return Binding("none", f"绑定不明确：占比的整体「{q.whole}」就是部分本身")
    return Binding("share", f"部分：前一金额「{part.subject}」；整体「{q.whole}」（{how}）",
                   (Operand("部分", part.subject, _fig(part)), Operand("整体", label, whole)))


def _completion(tables: Tables, quotes: Sequence[Quote], q: Quote) -> Binding:
    para = [x for x in quotes if x.paragraph == q.paragraph and (x.paragraph, x.span) < (q.paragraph, q.span)]
    budget_q = next((x for x in reversed(para) if x.role == "budget" and same_subject(x.subject, q.subject)), None)
    actual_q = next((x for x in reversed(para) if x.role in ("actual", "value") and same_subject(x.subject, q.subject)),
                    None)
    ops: list[Operand] = []
    how: list[str] = []
    for role, name, got in (("决算", "actual", actual_q), ("年初预算", "budget", budget_q)):
        if got is not None:
            ops.append(Operand(role, got.subject, _fig(got)))
            how.append(f"{role}：文中所引")
            continue
        hit = resolve_subject(tables, q.subject, name)
        if hit is None:
            return Binding("none", f"表中没有：完成率的{role}未找到")
        ops.append(Operand(role, hit.label, hit.figure))
        how.append(f"{role}：表 {hit.label}")
    return Binding("completion", "；".join(how), tuple(ops))


def _growth(tables: Tables, quotes: Sequence[Quote], g: Quote) -> Binding:
    same = [x for x in quotes if x.paragraph == g.paragraph and x.sentence == g.sentence]
    ch = next((x for x in reversed(same) if x.role == "change" and x.order < g.order), None)
    if ch is None:
        return Binding("none", "绑定不明确：增长率前没有增减额")
    cur = value_in_text(quotes, ch.subject, ch)
    if cur is not None:
        return Binding("growth", f"增减额：同句；本年数：文中所引「{cur.subject}」",
                       (Operand("增减额", ch.subject, _fig(ch)), Operand("本年数", cur.subject, _fig(cur))))
    hit = resolve_subject(tables, ch.subject, "actual")
    if hit is None:
        return Binding("none", f"表中没有：「{ch.subject}」的本年数未找到")
    return Binding("growth", f"增减额：同句；本年数：表 {hit.label}",
                   (Operand("增减额", ch.subject, _fig(ch)), Operand("本年数", hit.label, hit.figure)))


def _relation(quotes: Sequence[Quote], claims: Sequence[Claim], q: Quote, has_evaluations: bool,
              parts_of: Callable[[Quote], list[Quote]]) -> str | None:
    """How a quote no table holds is checked against the text itself, or None."""
    s = q.subject
    if q.role == "change" and any(x.role == "growth" and x.paragraph == q.paragraph and x.sentence == q.sentence
                                  and x.order > q.order for x in quotes):
        return "增减额：与同句增长率一并检查"
    if q.role == "actual" and any(cl.paragraph == q.paragraph and cl.kind != "flat" and cl.subject == s
                                  for cl in claims) and any(x.role == "budget" and x.paragraph == q.paragraph
                                                            and x.subject == s for x in quotes):
        return "决算：由“大于/小于/持平预算数”句检查"
    if q.role == "budget" and any(x.role == "completion" and x.paragraph == q.paragraph
                                  and same_subject(x.subject, s) for x in quotes):
        return "年初预算：与完成率一并检查"
    if parts_of(q) or any(q in parts_of(t) for t in quotes if t.paragraph == q.paragraph and t.sentence == q.sentence):
        return "总数 = 各部分之和"
    if q.role == "count" and ("绩效自评的项目" in s or "绩效评级为" in s):
        return "绩效自评项目数 = 各评级项目数之和"
    if has_evaluations and (s.endswith("平均得分") or s.endswith("涉及预算金额")) and "绩效自评" in q.sentence:
        return "绩效：与所附自评表一并检查"
    return None


def parts_of(quotes: Sequence[Quote], q: Quote) -> list[Quote]:
    """The parts a total adds up to: 政府采购金额 = 货物 + 工程 + 服务; 共有车辆 = 各类用车."""
    same = [x for x in quotes if x.paragraph == q.paragraph and x.sentence == q.sentence]
    if q.measure == "money" and "采购" in q.subject and q.order == 0 and not any(w in q.subject for w in ("货物", "工程", "服务")):
        # the total opens the sentence; a sentence that opens with a part (其中，货物类…) has its total elsewhere
        parts = [x for x in same if x.order > 0 and x.measure == "money" and x.role in ("value", "budget")
                 and any(w in x.subject for w in ("货物", "工程", "服务"))]
        return parts if len(parts) >= 2 else []
    if q.measure == "count" and q.subject.endswith("车辆") and q.text.endswith("辆"):
        parts = [x for x in same if x.order > q.order and x.text.endswith("辆") and x.subject.endswith("用车")]
        return parts if len(parts) >= 2 else []
    return []


def bind(quotes: Sequence[Quote], claims: Sequence[Claim], tables: Sequence[Table],
         has_evaluations: bool = False, budget: bool = False) -> list[Quote]:
    """Every quote with its ``binding`` (a budget's against the budget tables: budget_binding.py)."""
    lookup = Tables(tuple(tables))
    out: list[Quote] = []
    for q in quotes:
        b = bind_budget_one(lookup, quotes, claims, q) if budget else _bind_one(lookup, quotes, claims, q)
        if not b.checked:
            how = _relation(quotes, claims, q, has_evaluations, lambda t: parts_of(quotes, t))
            if how is not None and not (budget and how.startswith(FINAL_ONLY)):
                b = Binding("relation", how)
        out.append(attrs.evolve(q, binding=b))
    return out


def _bind_one(tables: Tables, quotes: Sequence[Quote], claims: Sequence[Claim], q: Quote) -> Binding:
    if q.role == "previous":
        return Binding("none", "上年数：表中没有上年数")
    if q.role == "reason":
        return Binding("none", "原因说明：原因中的数字，不对应表中数")
    if q.role == "share":
        return _share(tables, quotes, q)
    if q.role == "completion":
        return _completion(tables, quotes, q)
    if q.role == "growth":
        return _growth(tables, quotes, q)
    if "机关运行经费" in q.subject and q.measure == "money" and q.role in ("value", "actual"):
        hit = resolve_subject(tables, "公用经费", "value")  # 机关运行经费 is the 日常公用经费 of basic spending
        if hit is None:
            return Binding("none", "表中没有：机关运行经费只能与公用经费合计比较，基本支出决算表未读到")
        return Binding("relation", f"机关运行经费 ≤ {hit.label}", (Operand("公用经费合计", hit.label, hit.figure),),
                       hit.table, hit.line, hit.column)
    if q.measure != "money" or q.role not in ("value", "actual", "budget"):
        return Binding("none", "表中没有：此数不在表中" if q.role != "change" else "上年数：增减额无增长率可核，表中没有上年数")
    if q.classification:
        return _classified(tables, q)
    if not q.subject:
        return Binding("none", "绑定不明确：未能识别所说的对象")
    if any(w in key(q.subject) for w in NOT_TABLE):
        return Binding("none", "表中没有：此数不在表中")
    if resolver_for(q.subject) is None:
        return Binding("none", f"绑定不明确：「{q.subject}」未能对应到表中数字")
    hit = resolve_subject(tables, q.subject, q.role)
    if hit is None:
        return Binding("none", f"表中没有：「{q.subject}」所指的表、行或列未读到")
    return _table_binding(hit, f"对象「{q.subject}」→ {hit.label}")
