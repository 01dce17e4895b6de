"""Checks within table 4, 财政拨款收入支出决算总表 (RULES.md T4)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..models import TableKind
from ..vocab.keys import ColumnKey, Role
from .engine import Check, rule
from .tables import line_figure, line_terms

T = TableKind
C = ColumnKey
R = Role

_FUND_LABEL = {C.GPB: "一般公共预算财政拨款", C.GOV_FUND: "政府性基金预算财政拨款", C.SOE: "国有资本经营预算财政拨款"}


@rule("FA001", "fiscal.fund_columns", "财政拨款收入支出决算总表：支出各行 合计 = 一般公共预算 + 政府性基金 + 国有资本经营",
      [T.FISCAL_SUMMARY], source="T4-1")
def fa001(c: Check) -> Iterator[Finding]:
    """On each expenditure line (类 lines, 本年支出合计, 年末结转和结余, 总计), the 合计 column
    equals the sum of the three fund columns."""
    t = c.table(T.FISCAL_SUMMARY)
    assert t is not None
    for ln in t.lines:
        if ln.side != "expenditure":
            continue
        yield from c.identity(t.display_title, ln.label, "合计", ln.get(C.TOTAL),
                              [(1, _FUND_LABEL[k], ln.get(k)) for k in ("gpb", "gov_fund", "soe")])


@rule("FA002", "fiscal.totals", "财政拨款收入支出决算总表：本年收入合计 = Σ分资金收入；本年支出合计 = Σ类；收入总计 = 本年收入合计 + 年初结转和结余；支出总计 = 本年支出合计 + 年末结转和结余；两总计相等",
      [T.FISCAL_SUMMARY], source="T4-2..4")
def fa002(c: Check) -> Iterator[Finding]:
    """The totals of table 4 follow from their parts, column by column on the expenditure side."""
    t = c.table(T.FISCAL_SUMMARY)
    assert t is not None
    title = t.display_title
    inc_total = t.find(R.INCOME_TOTAL, "income")
    yield from c.identity(title, "本年收入合计", "本年收入合计", line_figure(inc_total),
                          line_terms(list(t.all(R.FUND, "income")), "amount"), complete=t.complete)
    opening = t.find(R.OPENING, "income")
    grand_in = t.find(R.GRAND_TOTAL, "income")
    yield from c.identity(title, "总计（收入）", "收入总计", line_figure(grand_in),
                          [(1, ln.label, line_figure(ln)) for ln in (inc_total, opening) if ln is not None])
    exp_total = t.find(R.EXPENSE_TOTAL, "expenditure")
    closing = t.find(R.CLOSING, "expenditure")
    grand_out = t.find(R.GRAND_TOTAL, "expenditure")
    classes = list(t.all(R.CLASS, "expenditure"))
    for col in (C.TOTAL, C.GPB, C.GOV_FUND, C.SOE):
        column = t.column(col)
        if column is None:
            continue
        yield from c.identity(title, f"本年支出合计／{column.label}", "本年支出合计", line_figure(exp_total, col),
                              line_terms(classes, col), complete=t.complete)
        yield from c.identity(title, f"总计（支出）／{column.label}", "支出总计", line_figure(grand_out, col),
                              [(1, ln.label, line_figure(ln, col)) for ln in (exp_total, closing) if ln is not None])
    yield from c.identity(title, "总计", "收入总计", line_figure(grand_in), [(1, "支出总计", line_figure(grand_out, C.TOTAL))])


@rule("FA003", "fiscal.fund_carryover", "财政拨款收入支出决算总表：分资金 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余",
      [T.FISCAL_SUMMARY], source="T4-5")
def fa003(c: Check) -> Iterator[Finding]:
    """For each fund: its opening balance plus its income less its spending is its closing balance."""
    t = c.table(T.FISCAL_SUMMARY)
    assert t is not None
    exp_total = t.find(R.EXPENSE_TOTAL, "expenditure")
    closing = t.find(R.CLOSING, "expenditure")
    closing_funds = {ln.key: ln for ln in t.all(R.CLOSING_FUND)}
    openings = {ln.key: ln for ln in t.all(R.OPENING_FUND, "income")}
    incomes = {ln.key: ln for ln in t.all(R.FUND, "income")}
    for fund, name in _FUND_LABEL.items():
        close_fig = line_figure(closing_funds.get(fund)) if fund in closing_funds else line_figure(closing, fund)
        if fund not in incomes and fund not in openings:
            continue
        yield from c.identity(t.display_title, f"{name}结转", f"年末结转和结余（{name}）", close_fig,
                              [(1, f"年初结转和结余（{name}）", line_figure(openings.get(fund))),
                               (1, f"本年收入（{name}）", line_figure(incomes.get(fund))),
                               (-1, f"本年支出（{name}）", line_figure(exp_total, fund))])


@rule("FA004", "fiscal.carryover_split", "财政拨款收入支出决算总表：年初（年末）财政拨款结转和结余 = 各资金明细之和",
      [T.FISCAL_SUMMARY], source="T4-6")
def fa004(c: Check) -> Iterator[Finding]:
    """The opening (closing) 财政拨款结转和结余 equals the sum of its fund sub-lines, where printed."""
    t = c.table(T.FISCAL_SUMMARY)
    assert t is not None
    opening_funds = list(t.all(R.OPENING_FUND, "income"))
    if opening_funds:
        yield from c.identity(t.display_title, "年初财政拨款结转和结余", "年初财政拨款结转和结余",
                              line_figure(t.find(R.OPENING, "income")), line_terms(opening_funds, "amount"))
    closing_funds = list(t.all(R.CLOSING_FUND))
    if closing_funds:
        closing = t.find(R.CLOSING, "expenditure")
        col = "total" if closing is not None and closing.get(C.TOTAL) is not None else "amount"
        yield from c.identity(t.display_title, "年末财政拨款结转和结余", "年末财政拨款结转和结余",
                              line_figure(closing, col),
                              [(1, ln.label, ln.get(C.TOTAL) or ln.get(C.AMOUNT)) for ln in closing_funds])

#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (fa001, fa002, fa003, fa004)
