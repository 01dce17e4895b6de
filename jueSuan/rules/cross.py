"""Checks across tables (RULES.md, Across tables: X-…)."""

from __future__ import annotations

from collections.abc import Iterator

from ..builders.layout import norm_label
from ..findings import Finding, Severity
from ..models import Figure, Level, Line, Table, TableKind
from ..vocab.keys import ColumnKey, Role
from .economic import econ_figure
from .engine import Check, Signed, printed_line, rule
from .tables import line_figure

T = TableKind
C = ColumnKey
R = Role


def _name_key(label: str) -> str:
    return norm_label(label).replace("（", "(").replace("）", ")")


def _classes_by_name(t: Table) -> dict[str, Line]:
    return {_name_key(ln.label): ln for ln in t.lines if ln.level is Level.CLASS}


@rule("XT001", "cross.income_summary", "收入决算表 合计 = 总表 本年收入合计；各来源列 = 总表对应收入行",
      [T.INCOME, T.SUMMARY], source="X-12")
def xt001(c: Check) -> Iterator[Finding]:
    """The income table's 合计 row equals the summary's 本年收入合计, and each source column
    equals the summary's line for that source (财政拨款收入 = 一 + 二 + 三)."""
    t2, t1 = c.table(T.INCOME), c.table(T.SUMMARY)
    assert t2 is not None and t1 is not None
    total = t2.total
    if total is None:
        yield c.unchecked(t2.display_title, "合计", "收入决算表未找到合计行")
        return
    where = f"{t2.display_title}／{t1.display_title}"
    yield from c.identity(where, "本年收入合计", f"{t2.display_title} 合计", total.get(C.TOTAL),
                          [(1, f"{t1.display_title} 本年收入合计", line_figure(t1.find(R.INCOME_TOTAL, "income")))])
    items = {ln.key: ln for ln in t1.all(R.INCOME_ITEM, "income")}
    fiscal_parts = [items[k] for k in ("gpb", "gov_fund", "soe") if k in items] or (
        [items["fiscal"]] if "fiscal" in items else [])
    mapping: list[tuple[str, list[Line]]] = [("fiscal", fiscal_parts)] + [
        (k, [items[k]]) for k in ("superior", "business", "operating", "affiliated", "other") if k in items
    ]
    for col, lines in mapping:
        column = t2.column(col)
        if column is None or not lines:
            continue
        yield from c.identity(where, column.label, f"{t2.display_title} 合计 {column.label}", total.get(col),
                              [(1, f"{t1.display_title} {ln.label}", line_figure(ln)) for ln in lines])


@rule("XT002", "cross.expenditure_summary", "支出决算表 合计 = 总表 本年支出合计；总表各类支出 = 支出决算表对应类",
      [T.EXPENDITURE, T.SUMMARY], source="X-13")
def xt002(c: Check) -> Iterator[Finding]:
    """The expenditure table's 合计 equals the summary's 本年支出合计, and each 类 line of the
    summary equals the expenditure table's row of that 类 (matched by name)."""
    t3, t1 = c.table(T.EXPENDITURE), c.table(T.SUMMARY)
    assert t3 is not None and t1 is not None
    where = f"{t3.display_title}／{t1.display_title}"
    if t3.total is not None:
        yield from c.identity(where, "本年支出合计", f"{t3.display_title} 合计", t3.total.get(C.TOTAL),
                              [(1, f"{t1.display_title} 本年支出合计", line_figure(t1.find(R.EXPENSE_TOTAL, "expenditure")))])
    yield from _match_classes(c, where, t1, "amount", t3, "total")


def _match_classes(c: Check, where: str, summary: Table, s_col: str, detail: Table, d_col: str) -> Iterator[Finding]:
    """Each 类 line of a summary table against the 类 row of the same name in a detail table.

    A summary line with a figure and no row in the detail table compares against zero; a
    detail row whose name the summary does not print is reported as not checked."""
    rows = _classes_by_name(detail)
    seen: set[str] = set()
    for ln in summary.all(R.CLASS, "expenditure"):
        key = _name_key(ln.label)
        row = rows.get(key)
        fig = line_figure(ln, s_col)
        if row is None:
            if fig is not None and fig.is_number and fig.value != 0:
                yield c.finding(c.severity, where, ln.label,
                                f"{where}「{ln.label}」：总表列 {fig.printed}，但{detail.display_title}无此类",
                                [(1, ln.label, fig)], fig.value, None)
            continue
        seen.add(key)
        yield from c.identity(where, printed_line(row.label, row.code), f"{summary.display_title} {ln.label}", fig,
                              [(1, f"{detail.display_title} {row.code} {row.label}", row.get(d_col))])
    for key, row in rows.items():
        fig = row.get(d_col)
        if key not in seen and fig is not None and fig.is_number and fig.value != 0:  # a blank row: nothing to check
            yield c.unchecked(where, printed_line(row.label, row.code),
                              f"{summary.display_title}中找不到名为「{row.label}」的类")


@rule("XT003", "cross.fiscal_income_summary", "财政拨款总表 分资金收入 = 总表 一、二、三 收入行",
      [T.FISCAL_SUMMARY, T.SUMMARY], source="X-14")
def xt003(c: Check) -> Iterator[Finding]:
    """Table 4's income by fund equals the summary's lines 一 (一般公共预算), 二 (政府性基金) and
    三 (国有资本经营) 财政拨款收入."""
    t4, t1 = c.table(T.FISCAL_SUMMARY), c.table(T.SUMMARY)
    assert t4 is not None and t1 is not None
    where = f"{t4.display_title}／{t1.display_title}"
    items = {ln.key: ln for ln in t1.all(R.INCOME_ITEM, "income")}
    for ln in t4.all(R.FUND, "income"):
        other = items.get(ln.key)
        if other is None:
            continue
        yield from c.identity(where, ln.label, f"{t4.display_title} {ln.label}", line_figure(ln),
                              [(1, f"{t1.display_title} {other.label}", line_figure(other))])


@rule("XT004", "cross.income_fiscal", "收入决算表 合计 财政拨款收入 = 财政拨款总表 本年收入合计",
      [T.INCOME, T.FISCAL_SUMMARY], source="X-24")
def xt004(c: Check) -> Iterator[Finding]:
    """The income table's total 财政拨款收入 equals table 4's 本年收入合计."""
    t2, t4 = c.table(T.INCOME), c.table(T.FISCAL_SUMMARY)
    assert t2 is not None and t4 is not None
    if t2.total is None:
        return
    yield from c.identity(f"{t2.display_title}／{t4.display_title}", "财政拨款收入",
                          f"{t2.display_title} 合计 财政拨款收入", t2.total.get(C.FISCAL),
                          [(1, f"{t4.display_title} 本年收入合计", line_figure(t4.find(R.INCOME_TOTAL, "income")))])


@rule("XT005", "cross.fiscal_gpb", "财政拨款总表 一般公共预算财政拨款列 = 一般公共预算财政拨款支出决算表（合计及各类）",
      [T.FISCAL_SUMMARY, T.GPB_EXPENDITURE], source="X-45")
def xt005(c: Check) -> Iterator[Finding]:
    """Table 4's 一般公共预算财政拨款 column equals table 5: its 本年支出合计 the table-5 合计, and
    each 类 line the table-5 row of that 类."""
    t4, t5 = c.table(T.FISCAL_SUMMARY), c.table(T.GPB_EXPENDITURE)
    assert t4 is not None and t5 is not None
    where = f"{t4.display_title}／{t5.display_title}"
    if t5.total is not None:
        yield from c.identity(where, "本年支出合计", f"{t4.display_title} 本年支出合计（一般公共预算）",
                              line_figure(t4.find(R.EXPENSE_TOTAL, "expenditure"), "gpb"),
                              [(1, f"{t5.display_title} {t5.total.label}", t5.total.get(C.TOTAL))])
    yield from _match_classes(c, where, t4, "gpb", t5, "total")


@rule("XT006", "cross.gpb_within_expenditure", "一般公共预算财政拨款支出决算表 各行 ≤ 支出决算表同科目同列",
      [T.GPB_EXPENDITURE, T.EXPENDITURE], source="X-35")
def xt006(c: Check) -> Iterator[Finding]:
    """Each row of table 5 is at most the row of the same code in table 3, column by column
    (合计, 基本支出, 项目支出): 一般公共预算 spending is part of all spending."""
    t5, t3 = c.table(T.GPB_EXPENDITURE), c.table(T.EXPENDITURE)
    assert t5 is not None and t3 is not None
    where = f"{t5.display_title}／{t3.display_title}"
    for ln in t5.lines:
        other = t3.by_code(ln.code) if ln.code else t3.total if ln.role == R.TOTAL else None
        for col in ("total", "basic", "project"):
            fig = ln.get(col)
            if other is None:
                if fig is not None and fig.is_number and fig.value != 0:
                    yield c.finding(c.severity, where, printed_line(ln.label, ln.code),
                                    f"{where}「{printed_line(ln.label, ln.code)}」：{t3.display_title}无此科目",
                                    [(1, ln.label, fig)], fig.value, None)
                    break
                continue
            yield from c.identity(where, f"{printed_line(ln.label, ln.code)}／{col}",
                                  f"{t5.display_title} {ln.label}", fig,
                                  [(1, f"{t3.display_title} {other.label}", other.get(col))], relation="<=")


@rule("XT007", "cross.basic_personnel_public", "一般公共预算财政拨款支出决算表 基本支出合计 = 基本支出决算表 人员经费合计 + 公用经费合计",
      [T.GPB_EXPENDITURE, T.BASIC_ECONOMIC], source="X-56")
def xt007(c: Check) -> Iterator[Finding]:
    """Table 5's total 基本支出 equals table 6's 人员经费合计 + 公用经费合计.

    Failing (Songjiang 2020): 人员经费合计 1,963.59 + 公用经费合计 2,020.46 = 3,984.05 against
    基本支出 2,026.81: the basic table also lists project capital spending under 310."""
    t5, t6 = c.table(T.GPB_EXPENDITURE), c.table(T.BASIC_ECONOMIC)
    assert t5 is not None and t6 is not None
    if t5.total is None:
        yield c.unchecked(t5.display_title, "合计", "未找到合计行")
        return
    parts: list[Signed] = [(1, f"{t6.display_title} {ln.label}", econ_figure(ln)) for ln in
                           (t6.find(R.PERSONNEL_TOTAL), t6.find(R.PUBLIC_TOTAL)) if ln is not None]
    total6 = t6.find(R.TOTAL)
    if not parts and total6 is not None and total6.get(C.PERSONNEL) is not None:
        parts = [(1, f"{t6.display_title} {total6.label} 人员经费", total6.get(C.PERSONNEL)),
                 (1, f"{t6.display_title} {total6.label} 公用经费", total6.get(C.PUBLIC))]
    if not parts:
        yield c.unchecked(t6.display_title, "人员经费合计／公用经费合计", "未找到人员经费合计或公用经费合计")
        return
    yield from c.identity(f"{t5.display_title}／{t6.display_title}", "基本支出",
                          f"{t5.display_title} {t5.total.label} 基本支出", t5.total.get(C.BASIC), parts)


_ECON_3P = (("30212", R.ABROAD, "因公出国（境）费"), ("30217", R.RECEPTION, "公务接待费"),
            ("30231", "vehicle_operation", "公务用车运行维护费"), ("31013", "vehicle_purchase", "公务用车购置费"))


@rule("XT008", "cross.economic_three_public", "基本支出决算表 30212/30217/30231/31013 ≤ “三公”经费表对应决算数",
      [T.BASIC_ECONOMIC, T.THREE_PUBLIC], source="X-67")
def xt008(c: Check) -> Iterator[Finding]:
    """Table 6 holds basic spending only, so its 30212 因公出国(境)费用, 30217 公务接待费, 30231 公务用车
    运行维护费 and 31013 公务用车购置 can be lower than the 三公 决算数, never higher."""
    t6, t7 = c.table(T.BASIC_ECONOMIC), c.table(T.THREE_PUBLIC)
    assert t6 is not None and t7 is not None
    where = f"{t6.display_title}／{t7.display_title}"
    for code, item, name in _ECON_3P:
        ln = t6.by_code(code)
        target = t7.find(item)
        if ln is None or target is None:
            continue
        yield from c.identity(where, f"{code} {ln.label}", f"{t6.display_title} {code} {ln.label}", line_figure(ln),
                              [(1, f"{t7.display_title} {name} 决算数", target.get(C.ACTUAL))], relation="<=")


_FUND_TABLES = ((T.GOV_FUND, C.GOV_FUND, "政府性基金预算财政拨款"), (T.SOE_CAPITAL, C.SOE, "国有资本经营预算财政拨款"))


def _fund_column(t4: Table, fund: str) -> dict[str, Figure | None]:
    inc = next((ln for ln in t4.all(R.FUND, "income") if ln.key == fund), None)
    opening = next((ln for ln in t4.all(R.OPENING_FUND, "income") if ln.key == fund), None)
    closing = next((ln for ln in t4.all(R.CLOSING_FUND) if ln.key == fund), None)
    return {
        "opening": line_figure(opening),
        "income": line_figure(inc),
        "expense": line_figure(t4.find(R.EXPENSE_TOTAL, "expenditure"), fund),
        "closing": line_figure(closing) if closing is not None else line_figure(t4.find(R.CLOSING, "expenditure"), fund),
    }


@rule("XT009", "cross.fiscal_fund_tables", "财政拨款总表 政府性基金（国有资本经营）列 = 基金（国资）预算财政拨款表 合计：年初、收入、支出、年末",
      [T.FISCAL_SUMMARY], source="X-48/49")
def xt009(c: Check) -> Iterator[Finding]:
    """Table 4's 政府性基金 (国有资本经营) figures equal the 合计 of table 8 (9): opening balance,
    income, spending and closing balance."""
    t4 = c.table(T.FISCAL_SUMMARY)
    assert t4 is not None
    names = {"opening": "年初结转和结余", "income": "本年收入", "expense": "本年支出", "closing": "年末结转和结余"}
    for kind, fund, fname in _FUND_TABLES:
        t = c.table(kind)
        if t is None:
            continue
        total = t.find(R.TOTAL)
        where = f"{t4.display_title}／{t.display_title}"
        for col, fig in _fund_column(t4, fund).items():
            if fig is None:
                continue
            if total is not None and t.column(col) is not None and line_figure(total, col) is None:
                # the table has the column but its 合计 prints no figure there: never compared with a 0
                yield c.unchecked(where, f"{fname}／{names[col]}", f"{t.display_title} 合计行的{names[col]}未印出数字",
                                  [(1, f"{t4.display_title} {fname} {names[col]}", fig)])
                continue
            yield from c.identity(where, f"{fname}／{names[col]}", f"{t4.display_title} {fname} {names[col]}", fig,
                                  [(1, f"{t.display_title} 合计 {names[col]}", line_figure(total, col))])


@rule("XT010", "cross.empty_fund_tables", "财政拨款总表某资金全为零 ⇒ 基金（国资）表无数据且附“本表无数据”说明",
      [T.FISCAL_SUMMARY], severity=Severity.WARNING, source="X-E")
def xt010(c: Check) -> Iterator[Finding]:
    """When table 4 shows no 政府性基金 (国有资本经营) money at all, table 8 (9) must be numerically
    empty and say so in its 说明 (e.g. "本年度没有…故本表无数据"); figures in an "empty" table, or
    an empty table without its note, is a finding. A missing table 8/9 is reported by DC001."""
    t4 = c.table(T.FISCAL_SUMMARY)
    assert t4 is not None
    for kind, fund, fname in _FUND_TABLES:
        t = c.table(kind)
        figs = [f for f in _fund_column(t4, fund).values() if f is not None]
        zero = all(not f.is_unknown and (not f.is_number or f.value == 0) for f in figs)
        if t is None or not zero:
            continue
        if not t.is_numerically_empty:
            first = next(f for ln in t.lines for f in ln.figures if f.is_number and f.value != 0)
            yield c.finding(c.severity, t.display_title, "全表",
                            f"{t.display_title}：财政拨款总表中{fname}为零，但本表列有数字 {first.printed}",
                            [(1, "数字", first)])
        elif not any("无数据" in n or "没有" in n or "无" in n for n in t.notes):
            yield c.finding(c.severity, t.display_title, "说明",
                            f"{t.display_title}：本表无数据，但缺少“本年度没有…故本表无数据”的说明", [])


@rule("XT011", "cross.carryover_within_total", "财政拨款总表 结转和结余 ≤ 收入支出决算总表 结转和结余",
      [T.FISCAL_SUMMARY, T.SUMMARY], source="X-T1T4")
def xt011(c: Check) -> Iterator[Finding]:
    """The 财政拨款 carryover (年初 and 年末) is part of all carryover, so it is at most the summary's."""
    t4, t1 = c.table(T.FISCAL_SUMMARY), c.table(T.SUMMARY)
    assert t4 is not None and t1 is not None
    where = f"{t4.display_title}／{t1.display_title}"
    yield from c.identity(where, "年初结转和结余", f"{t4.display_title} 年初财政拨款结转和结余",
                          line_figure(t4.find(R.OPENING, "income")),
                          [(1, f"{t1.display_title} 年初结转和结余", line_figure(t1.find(R.OPENING, "income")))], relation="<=")
    closing = t4.find(R.CLOSING, "expenditure")
    yield from c.identity(where, "年末结转和结余", f"{t4.display_title} 年末财政拨款结转和结余",
                          line_figure(closing, "total") or line_figure(closing),
                          [(1, f"{t1.display_title} 年末结转和结余", line_figure(t1.find(R.CLOSING, "expenditure")))],
                          relation="<=")

#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (xt001, xt002, xt003, xt004, xt005, xt006, xt007, xt008, xt009, xt010, xt011)
