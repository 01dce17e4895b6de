"""The lines of the tables: which printed label is which ``Role`` or ``LineKey``.

Labels are matched on their key (normalised, ordinal prefixes 一、（一）1. 其中： removed). Two ways:

- ``role_of`` (the 总表, 基本支出 and asset lines): a spelling names the line when it is the whole
  label, or — when longer than two characters — a part of it (``合计`` alone must be the whole label;
  ``本年收入合计`` may carry a suffix);
- ``Vocabulary.key`` (the sources and funds of the 总表, the 三公 items): a spelling anywhere in the
  label, in the order of the terms.
"""

from __future__ import annotations

from . import GENERAL, Profile, Term, Vocabulary, vocabulary
from .keys import LineKey, Role, key_of

R = Role
L = LineKey
_FINAL = frozenset({"final"})
_BUDGET = frozenset({"budget"})


def _r(role: Role, spellings: tuple[str, ...], exclusions: tuple[str, ...] = (), note: str = "",
       kinds: frozenset[str] = frozenset(), label: str = "") -> Term:
    """A line term; its role is checked against ``Role`` here, when the module is imported."""
    return Term(key_of(Role, role).value, label or spellings[0], spellings, exclusions, kinds=kinds, note=note)


def _k(key: LineKey, spellings: tuple[str, ...], label: str = "") -> Term:
    return Term(key_of(LineKey, key).value, label or spellings[0], spellings, kinds=_FINAL)


def role_of(vocab: Vocabulary, key: str, profile: Profile = GENERAL) -> str | None:
    """The role of the first term whose spelling is the whole label ``key``, or (a spelling longer
    than two characters) stands in it; None when no term names it."""
    for t in vocab:
        if t.admits(profile) and any(key == f or (len(f) > 2 and f in key) for f in t.spellings) \
                and not any(x in key for x in t.exclusions):
            return t.key
    return None


# ---------------------------------------------------------------- 收入支出决算总表, 财政拨款收入支出决算总表

SUMMARY_INCOME_ROLES = vocabulary("lines.summary_income", "决算总表收入方的合计、结余和总计行 (role_of：短片段须为整行)", (
    _r(R.INCOME_TOTAL, ("本年收入合计", "收入合计"), kinds=_FINAL),
    _r(R.NONFISCAL_BALANCE, ("使用非财政拨款结余", "用事业基金弥补收支差额", "使用非财政拨款结余(含专用结余)"), kinds=_FINAL),
    _r(R.OPENING, ("年初结转和结余", "年初财政拨款结转和结余"), kinds=_FINAL),
    _r(R.GRAND_TOTAL, ("总计",), kinds=_FINAL),
))

SUMMARY_EXPENSE_ROLES = vocabulary("lines.summary_expense", "决算总表支出方的合计、结余和总计行 (role_of：短片段须为整行)", (
    _r(R.EXPENSE_TOTAL, ("本年支出合计", "支出合计"), kinds=_FINAL),
    _r(R.DISTRIBUTION, ("结余分配",), kinds=_FINAL),
    _r(R.CLOSING, ("年末结转和结余", "年末财政拨款结转和结余"), kinds=_FINAL),
    _r(R.GRAND_TOTAL, ("总计",), kinds=_FINAL),
))

FUND_LINES = vocabulary("lines.funds", "财政拨款收入支出决算总表的资金行 (一般公共预算、政府性基金、国有资本经营)", (
    _k(L.GPB, ("一般公共预算",)),
    _k(L.GOV_FUND, ("政府性基金",)),
    _k(L.SOE, ("国有资本经营",)),
))

INCOME_LINES = vocabulary("lines.income_sources", "收入支出决算总表收入方的来源行 (先长后短)", (
    _k(L.GPB, ("一般公共预算财政拨款",)),
    _k(L.GOV_FUND, ("政府性基金预算财政拨款",)),
    _k(L.SOE, ("国有资本经营预算财政拨款",)),
    _k(L.FISCAL, ("财政拨款",)),
    _k(L.SUPERIOR, ("上级补助",)),
    _k(L.BUSINESS, ("事业收入",)),
    _k(L.AFFILIATED, ("附属单位上缴",)),
    _k(L.OPERATING, ("经营收入",)),
    _k(L.OTHER, ("其他收入",)),
))

# ---------------------------------------------------------------- totals, the 总表's 类 lines

TOTALS = vocabulary("lines.totals", "合计行：以这些词开头的行是合计 (「本年合计」整行)", (
    Term("total", "合计", ("合计", "总计"), note="标签以之开头"),
    Term("total_exact", "本年合计", ("本年合计",), note="整行标签"),
    Term("total_suffix", "合计", ("合计", "总计"), note="标签以之结尾：预算分类表的合计行"),
))

SUMMARY_CLASS = vocabulary("lines.summary_class", "决算总表支出方未编号的类级支出行：以「支出」结尾、不含「合计」", (
    Term("class", "支出", ("支出",), ("合计",), kinds=_FINAL, note="以之结尾"),
))

# ---------------------------------------------------------------- 预算总表

BUDGET_SUMMARY_ROLES = vocabulary("lines.budget_summary", "预算总表各行的角色：总计、合计/小计；其中、1.、（一）为上一行的组成部分", (
    _r(R.GRAND_TOTAL, ("总计",), kinds=_BUDGET, note="标签含之"),
    _r(R.TOTAL, ("合计", "小计"), kinds=_BUDGET, note="标签以之结尾，或以「合计」开头"),
    _r(R.SUB, ("其中",), kinds=_BUDGET, note="标签以之开头 (或以 1. （一） 编号)"),
))

# ---------------------------------------------------------------- 基本支出决算表

ECONOMIC_ROLES = vocabulary("lines.economic", "基本支出决算表的人员经费、公用经费合计行 (role_of)", (
    _r(R.PERSONNEL_TOTAL, ("人员经费合计", "人员经费")),
    _r(R.PUBLIC_TOTAL, ("公用经费合计", "公用经费")),
    _r(R.TOTAL, ("合计", "总计")),
))

# ---------------------------------------------------------------- “三公”经费

THREE_PUBLIC_ITEMS = vocabulary("lines.three_public", "“三公”经费表的项目 (行标签或表头各层，最具体的一层先)", (
    _r(R.VEHICLE, ("小计", "购置及运行"), label="公务用车购置及运行维护费"),
    _r(R.VEHICLE_OPERATION, ("运行维护", "运行费"), label="公务用车运行维护费"),
    _r(R.VEHICLE_PURCHASE, ("购置",), label="公务用车购置费"),
    _r(R.ABROAD, ("出国",), label="因公出国（境）费"),
    _r(R.RECEPTION, ("接待",), label="公务接待费"),
    _r(R.MEETING, ("会议",), label="会议费"),
    _r(R.TRAINING, ("培训",), label="培训费"),
    _r(R.TOTAL, ("合计", "总计"), label="合计"),
))

THREE_PUBLIC_SKIP = vocabulary("lines.three_public_skip", "“三公”表头中不是项目的层 (整层)", (
    Term("measure", "预算数/决算数", ("预算数", "决算数", "预算", "决算")),
))

BUDGET_THREE_PUBLIC = vocabulary("lines.budget_three_public", "三公预算表 (横排) 的表头：机关运行经费、会议费、培训费一列一项；小计/合计属于其上一层", (
    _r(R.OPERATING_COSTS, ("机关运行",), kinds=_BUDGET, label="机关运行经费"),
    _r(R.VEHICLE, ("公务用车",), kinds=_BUDGET, label="公务用车购置及运行维护费", note="其下的小计/合计"),
    _r(R.TOTAL, ("三公",), kinds=_BUDGET, label="“三公”经费合计", note="其下的小计/合计"),
    _r(R.ALL, ("合计", "小计"), kinds=_BUDGET, label="合计", note="表头最后一层；无上一层时为全表合计"),
    _r(R.MEETING, ("会议",), kinds=_BUDGET, label="会议费"),
    _r(R.TRAINING, ("培训",), kinds=_BUDGET, label="培训费"),
    Term("skip", "预算数", ("预算数", "预算"), kinds=_BUDGET, note="不是项目的层 (整层)；含冒号的层亦然"),
    Term("skip_in", "预算表", ("预算表",), kinds=_BUDGET, note="含之的层是抄入表头的标题，不是项目"),
))

# ---------------------------------------------------------------- 资产负债情况表

ASSET_ROLES = vocabulary("lines.assets", "资产负债情况表的行 (role_of；标签末尾的括注单位先去掉)", (
    _r(R.NET_ASSETS, ("净资产合计", "净资产")),
    _r(R.LIABILITIES, ("负债合计", "负债总计")),
    _r(R.ASSETS_TOTAL, ("资产合计", "资产总计")),
    _r(R.CURRENT, ("流动资产",)),
    _r(R.GENERAL_LARGE, ("单价50万元以上通用设备", "单价50万元以上")),
    _r(R.SPECIAL_LARGE, ("单价100万元以上专用设备", "单价100万元以上")),
    _r(R.VEHICLE_GENERAL, ("一般公务用车",)),
    _r(R.VEHICLE_ENFORCEMENT, ("执法执勤用车",)),
    _r(R.VEHICLE_SPECIAL, ("特种专业技术用车",)),
    _r(R.VEHICLE_OTHER, ("其他用车",)),
    _r(R.VEHICLES, ("车辆",)),
    _r(R.OTHER_FIXED, ("其他固定资产",)),
    _r(R.FIXED, ("固定资产",)),
    _r(R.BUILDINGS, ("房屋",)),
    _r(R.GENERAL_EQUIPMENT, ("通用设备",)),
    _r(R.SPECIAL_EQUIPMENT, ("专用设备",)),
    _r(R.DEPRECIATION, ("累计折旧",)),
    _r(R.LONG_EQUITY, ("长期股权投资",)),
    _r(R.LONG_BOND, ("长期债券投资",)),
    _r(R.LONG_INVESTMENT, ("长期投资", "对外投资")),
    _r(R.CONSTRUCTION, ("在建工程",)),
    _r(R.INTANGIBLE, ("无形资产",)),
    _r(R.AMORTIZATION, ("累计摊销",)),
    _r(R.OTHER_ASSETS, ("其他资产",)),
))

VOCABULARIES: tuple[Vocabulary, ...] = (
    SUMMARY_INCOME_ROLES, SUMMARY_EXPENSE_ROLES, FUND_LINES, INCOME_LINES, TOTALS, SUMMARY_CLASS,
    BUDGET_SUMMARY_ROLES, ECONOMIC_ROLES, THREE_PUBLIC_ITEMS, THREE_PUBLIC_SKIP, BUDGET_THREE_PUBLIC, ASSET_ROLES,
)
