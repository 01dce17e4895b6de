"""The column headers of the tables: which printed header is which ``ColumnKey``.

A column's header path (its header cells top to bottom, normalised, joined by ``/``) is matched
against the terms in order: the first term one of whose spellings the path contains, and none of
whose exclusions, gives the key. Order is data: ``本年收入合计`` is tried before ``财政拨款``, the
年初预算 split columns before ``基本支出``.
"""

from __future__ import annotations

from . import Term, Vocabulary, vocabulary
from .keys import ColumnKey, key_of

C = ColumnKey
_FINAL = frozenset({"final"})
_BUDGET = frozenset({"budget"})


def _t(key: ColumnKey, spellings: tuple[str, ...], exclusions: tuple[str, ...] = (), note: str = "",
       kinds: frozenset[str] = frozenset(), label: str = "") -> Term:
    """A column term; its key is checked against ``ColumnKey`` here, when the module is imported."""
    return Term(key_of(ColumnKey, key).value, label or spellings[0] or "金额", spellings, exclusions, kinds=kinds,
                note=note)


INCOME_COLUMNS = vocabulary("columns.income", "收入决算表的金额列 (决算)", (
    _t(C.TOTAL, ("本年收入合计", "收入合计", "合计"), kinds=_FINAL),
    _t(C.AFFILIATED, ("附属单位上缴收入",), kinds=_FINAL),
    _t(C.SUPERIOR, ("上级补助收入",), kinds=_FINAL),
    _t(C.FISCAL, ("财政拨款收入", "财政拨款"), kinds=_FINAL),
    _t(C.BUSINESS, ("事业收入",), kinds=_FINAL),
    _t(C.OPERATING, ("经营收入",), kinds=_FINAL),
    _t(C.OTHER, ("其他收入",), kinds=_FINAL),
))

EXPENDITURE_COLUMNS = vocabulary("columns.expenditure", "支出决算表的金额列 (决算)", (
    _t(C.TOTAL, ("本年支出合计", "支出合计", "合计"), kinds=_FINAL),
    _t(C.SUBSIDY, ("对附属单位补助支出",), kinds=_FINAL),
    _t(C.REMIT, ("上缴上级支出",), kinds=_FINAL),
    _t(C.OPERATING, ("经营支出",), kinds=_FINAL),
    _t(C.BASIC, ("基本支出",), kinds=_FINAL),
    _t(C.PROJECT, ("项目支出",), kinds=_FINAL),
))

GPB_COLUMNS = vocabulary("columns.gpb_expenditure", "一般公共预算财政拨款支出决算表的金额列：年初预算数的三列在决算数之前", (
    _t(C.BUDGET_TOTAL, ("年初预算",), ("基本支出", "项目支出"), kinds=_FINAL),
    _t(C.BUDGET_BASIC, ("年初预算",), ("项目支出",), kinds=_FINAL),
    _t(C.BUDGET_PROJECT, ("年初预算",), kinds=_FINAL),
    _t(C.BASIC, ("基本支出",), kinds=_FINAL),
    _t(C.PROJECT, ("项目支出",), kinds=_FINAL),
    _t(C.TOTAL, ("合计", "小计", "决算", "金额"), kinds=_FINAL),
))

FUND_COLUMNS = vocabulary("columns.fund", "政府性基金、国有资本经营预算财政拨款收入支出决算表的金额列", (
    _t(C.OPENING, ("年初结转和结余", "年初结转"), kinds=_FINAL),
    _t(C.CLOSING, ("年末结转和结余", "年末结转"), kinds=_FINAL),
    _t(C.INCOME, ("本年收入",), kinds=_FINAL),
    _t(C.BASIC, ("基本支出",), kinds=_FINAL),
    _t(C.PROJECT, ("项目支出",), kinds=_FINAL),
    _t(C.EXPENSE, ("本年支出",), kinds=_FINAL),
))

FISCAL_EXPENDITURE_COLUMNS = vocabulary("columns.fiscal_summary", "财政拨款收入支出决算总表支出方的金额列", (
    _t(C.GPB, ("一般公共预算",), kinds=_FINAL),
    _t(C.GOV_FUND, ("政府性基金",), kinds=_FINAL),
    _t(C.SOE, ("国有资本经营",), kinds=_FINAL),
    _t(C.TOTAL, ("合计", "决算数", "小计"), kinds=_FINAL),
))

ECONOMIC_COLUMNS = vocabulary("columns.economic", "基本支出决算表 (及预算的基本支出表) 的金额列", (
    _t(C.PERSONNEL, ("人员经费",)),
    _t(C.PUBLIC, ("公用经费",)),
    _t(C.AMOUNT, ("决算数", "合计", "金额", "决算")),
))

ASSET_COLUMNS = vocabulary("columns.assets", "资产负债情况表的列 (表头各层以 / 连接)", (
    _t(C.QTY_OPEN, ("数量/年初", "数量/期初")),
    _t(C.QTY_CLOSE, ("数量/年末", "数量/期末")),
    _t(C.VAL_OPEN, ("价值/年初", "金额/年初", "价值/期初", "金额/期初", "年初")),
    _t(C.VAL_CLOSE, ("价值/年末", "金额/年末", "价值/期末", "金额/期末", "年末")),
))

AMOUNT_ONLY = vocabulary("columns.amount_only", "只有一个金额的表或一方 (总表收入方)：任何表头都是金额", (
    _t(C.AMOUNT, ("",), note="空片段：任何表头都读作金额"),
))

BUDGET_INCOME_COLUMNS = vocabulary("columns.budget_income", "收入预算总表的金额列 (预算)", (
    _t(C.TOTAL, ("合计", "小计", "总计"), kinds=_BUDGET),
    _t(C.GPB, ("一般公共预算",), kinds=_BUDGET),
    _t(C.GOV_FUND, ("政府性基金",), kinds=_BUDGET),
    _t(C.SOE, ("国有资本经营",), kinds=_BUDGET),
    _t(C.SPECIAL_ACCOUNT, ("财政专户",), kinds=_BUDGET),
    _t(C.FISCAL, ("财政拨款",), kinds=_BUDGET),
    _t(C.OPERATING, ("经营收入",), kinds=_BUDGET),
    _t(C.BUSINESS, ("事业收入",), kinds=_BUDGET),
    _t(C.SUPERIOR, ("上级补助",), kinds=_BUDGET),
    _t(C.AFFILIATED, ("附属单位上缴",), kinds=_BUDGET),
    _t(C.CARRYOVER, ("上年结转", "上年结余", "结转"), kinds=_BUDGET),
    _t(C.OTHER, ("其他收入",), kinds=_BUDGET),
    _t(C.TOTAL, ("金额", "预算数"), kinds=_BUDGET, note="一个金额列的表：金额即合计"),
))

BUDGET_EXPENDITURE_COLUMNS = vocabulary("columns.budget_expenditure", "支出预算表、财政拨款支出预算表等分类表的金额列 (预算)", (
    _t(C.TOTAL, ("合计", "小计", "总计"), kinds=_BUDGET),
    _t(C.BASIC, ("基本支出",), kinds=_BUDGET),
    _t(C.PROJECT, ("项目支出",), kinds=_BUDGET),
    _t(C.OPERATING, ("经营支出",), kinds=_BUDGET),
    _t(C.SUBSIDY, ("对附属单位补助",), kinds=_BUDGET),
    _t(C.REMIT, ("上缴上级",), kinds=_BUDGET),
    _t(C.RESERVE, ("预留机动",), kinds=_BUDGET),
    _t(C.CARRY_FORWARD, ("结转下年",), kinds=_BUDGET),
    _t(C.TOTAL, ("金额", "预算数"), kinds=_BUDGET, note="一个金额列的表：金额即合计"),
))

BUDGET_SIDE_COLUMNS = vocabulary("columns.budget_summary", "收支预算总表、财政拨款收支预算总表两方的金额列 (预算)", (
    _t(C.PERSONNEL, ("人员经费",), kinds=_BUDGET),
    _t(C.PUBLIC, ("公用经费",), kinds=_BUDGET),
    _t(C.BASIC, ("基本支出",), kinds=_BUDGET),
    _t(C.PROJECT, ("项目支出",), kinds=_BUDGET),
    _t(C.GPB, ("一般公共预算",), kinds=_BUDGET),
    _t(C.GOV_FUND, ("政府性基金",), kinds=_BUDGET),
    _t(C.SOE, ("国有资本经营",), kinds=_BUDGET),
    _t(C.SPECIAL_ACCOUNT, ("财政专户",), kinds=_BUDGET),
    _t(C.AMOUNT, ("",), kinds=_BUDGET, note="空片段：其余表头读作金额"),
))

THREE_PUBLIC_MEASURES = vocabulary("columns.three_public_measure", "“三公”经费表的预算数/决算数列", (
    _t(C.BUDGET, ("预算",)),
    _t(C.ACTUAL, ("决算", "实际")),
))

PERFORMANCE_FUND_COLUMNS = vocabulary("columns.performance_funds", "绩效自评表资金部分的表头 (年初预算数 … 得分)", (
    _t(C.INITIAL, ("年初预算",)),
    _t(C.BUDGET, ("全年预算",)),
    _t(C.EXECUTED, ("全年执行",)),
    _t(C.WEIGHT, ("分值", "分数")),
    _t(C.RATE, ("执行率",)),
    _t(C.SCORE, ("得分",)),
))

VOCABULARIES: tuple[Vocabulary, ...] = (
    INCOME_COLUMNS, EXPENDITURE_COLUMNS, GPB_COLUMNS, FUND_COLUMNS, FISCAL_EXPENDITURE_COLUMNS, ECONOMIC_COLUMNS,
    ASSET_COLUMNS, AMOUNT_ONLY, BUDGET_INCOME_COLUMNS, BUDGET_EXPENDITURE_COLUMNS, BUDGET_SIDE_COLUMNS,
    THREE_PUBLIC_MEASURES, PERFORMANCE_FUND_COLUMNS,
)
