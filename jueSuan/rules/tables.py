"""Checks within one table (RULES.md, Tables: T1–T9 and A)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..models import Figure, Level, Line, Table, TableKind
from .engine import Check, Signed, printed_line, rule

T = TableKind


def _amount(line: Line | None, col: str = "amount") -> Figure | None:
    return None if line is None else line.get(col)


def _terms(lines: list[Line], col: str, sign: int = 1) -> list[Signed]:
    return [(sign, ln.label, ln.get(col)) for ln in lines]


# ---------------------------------------------------------------- T1 收入支出决算总表


def _summary_sum(c: Check, side: str, line: str, lhs_label: str, part_roles: tuple[str, ...]) -> Iterator[Finding]:
    """One side's 总计 against the lines (by role) that make it up."""
    t = c.table(T.SUMMARY)
    assert t is not None
    parts = [t.find(r, side) for r in part_roles]
    yield from c.identity(t.display_title, line, lhs_label, _amount(t.find("grand_total", side)),
                          [(1, ln.label, _amount(ln)) for ln in parts if ln is not None])


@rule("SU001", "summary.income_total", "收入支出决算总表：本年收入合计 = 各项收入之和", [T.SUMMARY], source="T1-1")
def su001(c: Check) -> Iterator[Finding]:
    """本年收入合计 equals the sum of the income lines (一、… 八、).

    Why: the income lines are the only parts of the year's income; a gap means a line was
    left out or mistyped. Failing: 本年收入合计 3,998.79 with lines adding to 3,988.79.
    """
    t = c.table(T.SUMMARY)
    assert t is not None
    total = t.find("income_total", "income")
    yield from c.identity(t.display_title, "本年收入合计", "本年收入合计", _amount(total),
                          _terms(list(t.all("income_item", "income")), "amount"), complete=t.complete)


@rule("SU002", "summary.expense_total", "收入支出决算总表：本年支出合计 = 各功能分类（类）支出之和", [T.SUMMARY],
      source="T1-2")
def su002(c: Check) -> Iterator[Finding]:
    """本年支出合计 equals the sum of the functional-classification 类 lines."""
    t = c.table(T.SUMMARY)
    assert t is not None
    total = t.find("expense_total", "expenditure")
    yield from c.identity(t.display_title, "本年支出合计", "本年支出合计", _amount(total),
                          _terms(list(t.all("class", "expenditure")), "amount"), complete=t.complete)


@rule("SU003", "summary.income_grand_total", "收入支出决算总表：收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
      [T.SUMMARY], source="T1-3")
def su003(c: Check) -> Iterator[Finding]:
    """收入总计 equals 本年收入合计 + 使用非财政拨款结余 (用事业基金弥补收支差额) + 年初结转和结余."""
    yield from _summary_sum(c, "income", "总计（收入）", "收入总计", ("income_total", "nonfiscal_balance", "opening"))


@rule("SU004", "summary.expense_grand_total", "收入支出决算总表：支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
      [T.SUMMARY], source="T1-4")
def su004(c: Check) -> Iterator[Finding]:
    """支出总计 equals 本年支出合计 + 结余分配 + 年末结转和结余."""
    yield from _summary_sum(c, "expenditure", "总计（支出）", "支出总计", ("expense_total", "distribution", "closing"))


@rule("SU005", "summary.grand_totals_equal", "收入支出决算总表：收入总计 = 支出总计", [T.SUMMARY], source="T1-5")
def su005(c: Check) -> Iterator[Finding]:
    """The two 总计 of the summary table are equal."""
    t = c.table(T.SUMMARY)
    assert t is not None
    out = t.find("grand_total", "expenditure")
    yield from c.identity(t.display_title, "总计", "收入总计", _amount(t.find("grand_total", "income")),
                          [(1, "支出总计", _amount(out))])


@rule("SU006", "summary.carryover", "收入支出决算总表：年初结转和结余 + 本年收入合计 + 使用非财政拨款结余 − 本年支出合计 − 结余分配 = 年末结转和结余",
      [T.SUMMARY], source="T1-5")
def su006(c: Check) -> Iterator[Finding]:
    """The carryover roll-forward: what was carried in plus the year's income, less the year's
    spending and the distribution, is what is carried out."""
    t = c.table(T.SUMMARY)
    assert t is not None
    closing = t.find("closing", "expenditure")
    terms: list[Signed] = []
    for role, side, sign in (("opening", "income", 1), ("income_total", "income", 1),
                             ("nonfiscal_balance", "income", 1), ("expense_total", "expenditure", -1),
                             ("distribution", "expenditure", -1)):
        ln = t.find(role, side)
        if ln is not None:
            terms.append((sign, ln.label, _amount(ln)))
    yield from c.identity(t.display_title, "年末结转和结余", "年末结转和结余", _amount(closing), terms)


# ---------------------------------------------------------------- classification tables

_ROW_IDENTITIES: dict[TableKind, tuple[str, tuple[str, ...]]] = {
    T.INCOME: ("total", ("fiscal", "superior", "business", "operating", "affiliated", "other")),
    T.EXPENDITURE: ("total", ("basic", "project", "remit", "operating", "subsidy")),
    T.GPB_EXPENDITURE: ("total", ("basic", "project")),
}


def _row_identity(c: Check, kind: TableKind) -> Iterator[Finding]:
    t = c.table(kind)
    assert t is not None
    total_key, part_keys = _ROW_IDENTITIES[kind]
    total_col = t.column(total_key)
    cols = [t.column(k) for k in part_keys]
    present = [col for col in cols if col is not None]
    if total_col is None or not present:
        yield c.unchecked(t.display_title, "各行", "表头未识别出合计列或明细列")
        return
    for ln in t.lines:
        yield from c.identity(t.display_title, printed_line(ln.label, ln.code), total_col.label, ln.get(total_key),
                              [(1, col.label, ln.get(col.key)) for col in present])
    if kind is T.GPB_EXPENDITURE and t.column("budget_total") is not None:
        budget_parts = [t.column(k) for k in ("budget_basic", "budget_project")]
        for ln in t.lines:
            yield from c.identity(t.display_title, printed_line(ln.label, ln.code), "年初预算合计",
                                  ln.get("budget_total"),
                                  [(1, col.label, ln.get(col.key)) for col in budget_parts if col is not None])


@rule("CL001", "income.row_sum", "收入决算表：每行 本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入",
      [T.INCOME], source="T2-1")
def cl001(c: Check) -> Iterator[Finding]:
    """On every row of the income table, 本年收入合计 equals the sum of the source columns."""
    yield from _row_identity(c, T.INCOME)


@rule("CL002", "expenditure.row_sum", "支出决算表：每行 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出",
      [T.EXPENDITURE], source="T3-1")
def cl002(c: Check) -> Iterator[Finding]:
    """On every row of the expenditure table, 本年支出合计 equals the sum of its kinds of spending."""
    yield from _row_identity(c, T.EXPENDITURE)


@rule("CL003", "gpb_expenditure.row_sum", "一般公共预算财政拨款支出决算表：每行 合计 = 基本支出 + 项目支出",
      [T.GPB_EXPENDITURE], source="T5-1")
def cl003(c: Check) -> Iterator[Finding]:
    """On every row of table 5, 合计 equals 基本支出 + 项目支出 (and the same for 年初预算 columns)."""
    yield from _row_identity(c, T.GPB_EXPENDITURE)


_CLASSIFICATION = (T.INCOME, T.EXPENDITURE, T.GPB_EXPENDITURE, T.GOV_FUND, T.SOE_CAPITAL)


def children(t: Table, parent: Line) -> list[Line]:
    """The rows one level below ``parent`` by code prefix (类 → 款, 款 → 项)."""
    assert parent.code is not None
    want = len(parent.code) + 2
    return [ln for ln in t.lines if ln.code and len(ln.code) == want and ln.code.startswith(parent.code)]


def hierarchy(c: Check, t: Table) -> Iterator[Finding]:
    """Each 类 = Σ its 款, each 款 = Σ its 项, 合计 = Σ 类, in every amount column."""
    for ln in t.lines:
        if not ln.code or ln.level not in (Level.CLASS, Level.SEGMENT):
            continue
        kids = children(t, ln)
        if not kids:
            continue
        for col in t.columns:
            yield from c.identity(t.display_title, f"{printed_line(ln.label, ln.code)}／{col.label}",
                                  f"{ln.code} {ln.label}", ln.get(col.key),
                                  [(1, f"{k.code} {k.label}", k.get(col.key)) for k in kids])
    total = t.find("total")
    classes = [ln for ln in t.lines if ln.level is Level.CLASS]
    if total is None or not classes:
        return
    for col in t.columns:
        yield from c.identity(t.display_title, f"{total.label}／{col.label}", total.label, total.get(col.key),
                              [(1, f"{k.code} {k.label}", k.get(col.key)) for k in classes], complete=t.complete)


@rule("CL004", "classification.hierarchy", "功能分类表：类 = Σ款，款 = Σ项，合计 = Σ类（每一金额列）",
      [], source="T2-2, T3-2, T5-2, T8-2")
def cl004(c: Check) -> Iterator[Finding]:
    """In every functional-classification table (收入, 支出, 一般公共预算, 基金, 国资), each 类 equals
    the sum of its 款 and each 款 the sum of its 项 (matched by code prefix), and 合计 the sum
    of the 类, in every amount column."""
    for kind in _CLASSIFICATION:
        t = c.table(kind)
        if t is not None:
            yield from hierarchy(c, t)


_BALANCE = (("opening", "年初结转和结余"), ("income", "本年收入"), ("expense", "本年支出"), ("closing", "年末结转和结余"))


@rule("CL005", "fund_tables.row_balance", "政府性基金/国有资本经营预算财政拨款表：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余；本年支出 = 基本支出 + 项目支出",
      [], source="T8/T9-1")
def cl005(c: Check) -> Iterator[Finding]:
    """On every row of tables 8 and 9: opening + income − spending = closing, and spending =
    basic + project where those columns exist."""
    for kind in (T.GOV_FUND, T.SOE_CAPITAL):
        t = c.table(kind)
        if t is None:
            continue
        for ln in t.lines:
            where = printed_line(ln.label, ln.code)
            # a column the table has, no figure on this line (the Shanghai 合计 row prints 本年支出's sub-headers there)
            if unprinted := [lbl for key, lbl in _BALANCE if t.column(key) is not None and ln.get(key) is None]:
                figs = [(1, lbl, f) for key, lbl in _BALANCE if (f := ln.get(key)) is not None]
                yield c.unchecked(t.display_title, where, f"本行{'、'.join(unprinted)}未印出数字，结转结余平衡无法核对", figs)
                continue
            yield from c.identity(t.display_title, where, "年末结转和结余", ln.get("closing"),
                                  [(1, "年初结转和结余", ln.get("opening")), (1, "本年收入", ln.get("income")),
                                   (-1, "本年支出", ln.get("expense"))])
            if t.column("basic") is not None:
                yield from c.identity(t.display_title, where, "本年支出", ln.get("expense"),
                                      [(1, "基本支出", ln.get("basic")), (1, "项目支出", ln.get("project"))])


# ---------------------------------------------------------------- T4 财政拨款收入支出决算总表

_FUND_LABEL = {"gpb": "一般公共预算财政拨款", "gov_fund": "政府性基金预算财政拨款", "soe": "国有资本经营预算财政拨款"}


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
        yield from c.identity(t.display_title, ln.label, "合计", ln.get("total"),
                              [(1, _FUND_LABEL[k], ln.get(k)) for k in ("gpb", "gov_fund", "soe")])


@rule("FA002", "fiscal.totals", "财政拨款收入支出决算总表：本年收入合计 = Σ分资金收入；本年支出合计 = Σ类；收入总计 = 本年收入合计 + 年初结转和结余；支出总计 = 本年支出合计 + 年末结转和结余；两总计相等",
      [T.FISCAL_SUMMARY], source="T4-2..4")
def fa002(c: Check) -> Iterator[Finding]:
    """The totals of table 4 follow from their parts, column by column on the expenditure side."""
    t = c.table(T.FISCAL_SUMMARY)
    assert t is not None
    title = t.display_title
    inc_total = t.find("income_total", "income")
    yield from c.identity(title, "本年收入合计", "本年收入合计", _amount(inc_total),
                          _terms(list(t.all("fund", "income")), "amount"), complete=t.complete)
    opening = t.find("opening", "income")
    grand_in = t.find("grand_total", "income")
    yield from c.identity(title, "总计（收入）", "收入总计", _amount(grand_in),
                          [(1, ln.label, _amount(ln)) for ln in (inc_total, opening) if ln is not None])
    exp_total = t.find("expense_total", "expenditure")
    closing = t.find("closing", "expenditure")
    grand_out = t.find("grand_total", "expenditure")
    classes = list(t.all("class", "expenditure"))
    for col in ("total", "gpb", "gov_fund", "soe"):
        column = t.column(col)
        if column is None:
            continue
        yield from c.identity(title, f"本年支出合计／{column.label}", "本年支出合计", _amount(exp_total, col),
                              _terms(classes, col), complete=t.complete)
        yield from c.identity(title, f"总计（支出）／{column.label}", "支出总计", _amount(grand_out, col),
                              [(1, ln.label, _amount(ln, col)) for ln in (exp_total, closing) if ln is not None])
    yield from c.identity(title, "总计", "收入总计", _amount(grand_in), [(1, "支出总计", _amount(grand_out, "total"))])


@rule("FA003", "fiscal.fund_carryover", "财政拨款收入支出决算总表：分资金 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余",
      [T.FISCAL_SUMMARY], source="T4-5")
def fa003(c: Check) -> Iterator[Finding]:
    """For each fund: its opening balance plus its income less its spending is its closing balance."""
    t = c.table(T.FISCAL_SUMMARY)
    assert t is not None
    exp_total = t.find("expense_total", "expenditure")
    closing = t.find("closing", "expenditure")
    closing_funds = {ln.key: ln for ln in t.all("closing_fund")}
    openings = {ln.key: ln for ln in t.all("opening_fund", "income")}
    incomes = {ln.key: ln for ln in t.all("fund", "income")}
    for fund, name in _FUND_LABEL.items():
        close_fig = _amount(closing_funds.get(fund)) if fund in closing_funds else _amount(closing, fund)
        if fund not in incomes and fund not in openings:
            continue
        yield from c.identity(t.display_title, f"{name}结转", f"年末结转和结余（{name}）", close_fig,
                              [(1, f"年初结转和结余（{name}）", _amount(openings.get(fund))),
                               (1, f"本年收入（{name}）", _amount(incomes.get(fund))),
                               (-1, f"本年支出（{name}）", _amount(exp_total, fund))])


@rule("FA004", "fiscal.carryover_split", "财政拨款收入支出决算总表：年初（年末）财政拨款结转和结余 = 各资金明细之和",
      [T.FISCAL_SUMMARY], source="T4-6")
def fa004(c: Check) -> Iterator[Finding]:
    """The opening (closing) 财政拨款结转和结余 equals the sum of its fund sub-lines, where printed."""
    t = c.table(T.FISCAL_SUMMARY)
    assert t is not None
    opening_funds = list(t.all("opening_fund", "income"))
    if opening_funds:
        yield from c.identity(t.display_title, "年初财政拨款结转和结余", "年初财政拨款结转和结余",
                              _amount(t.find("opening", "income")), _terms(opening_funds, "amount"))
    closing_funds = list(t.all("closing_fund"))
    if closing_funds:
        closing = t.find("closing", "expenditure")
        col = "total" if closing is not None and closing.get("total") is not None else "amount"
        yield from c.identity(t.display_title, "年末财政拨款结转和结余", "年末财政拨款结转和结余",
                              _amount(closing, col),
                              [(1, ln.label, ln.get("total") or ln.get("amount")) for ln in closing_funds])


# ---------------------------------------------------------------- T6 基本支出

PERSONNEL_CLASSES = ("301", "303")


def econ_figure(line: Line | None) -> Figure | None:
    """The one figure of an economic line, whichever column holds it (决算数, or the 人员经费 /
    公用经费 group it is printed in)."""
    if line is None:
        return None
    for key in ("amount", "total", "personnel", "public"):
        f = line.get(key)
        if f is not None:
            return f
    return None


def _class_line(t: Table, code: str) -> Line | None:
    return next((ln for ln in t.lines if ln.code == code), None)


@rule("EC001", "economic.personnel_total", "基本支出决算表：人员经费合计 = 工资福利支出(301) + 对个人和家庭的补助(303)",
      [T.BASIC_ECONOMIC], source="T6-1")
def ec001(c: Check) -> Iterator[Finding]:
    """人员经费合计 equals 301 工资福利支出 plus 303 对个人和家庭的补助."""
    t = c.table(T.BASIC_ECONOMIC)
    assert t is not None
    total = t.find("personnel_total")
    classes = [ln for code in PERSONNEL_CLASSES if (ln := _class_line(t, code)) is not None]
    if total is None:
        return
    yield from c.identity(t.display_title, total.label, total.label, econ_figure(total),
                          [(1, f"{ln.code} {ln.label}", econ_figure(ln)) for ln in classes], complete=t.complete)


@rule("EC002", "economic.public_total", "基本支出决算表：公用经费合计 = 商品和服务支出(302) + 资本性支出(310) + 其他非人员类",
      [T.BASIC_ECONOMIC], source="T6-2")
def ec002(c: Check) -> Iterator[Finding]:
    """公用经费合计 equals the sum of the non-personnel 类 the table lists (302, 307, 309, 310, 399...)."""
    t = c.table(T.BASIC_ECONOMIC)
    assert t is not None
    total = t.find("public_total")
    if total is None:
        return
    classes = [ln for ln in t.lines if ln.level is Level.CLASS and ln.code not in PERSONNEL_CLASSES]
    yield from c.identity(t.display_title, total.label, total.label, econ_figure(total),
                          [(1, f"{ln.code} {ln.label}", econ_figure(ln)) for ln in classes], complete=t.complete)


@rule("EC003", "economic.class_sum", "基本支出决算表：每一类 = 其各款之和", [T.BASIC_ECONOMIC], source="T6-3")
def ec003(c: Check) -> Iterator[Finding]:
    """Each economic 类 (301, 302, ...) equals the sum of its 款 (30101, 30102, ...)."""
    t = c.table(T.BASIC_ECONOMIC)
    assert t is not None
    yield from hierarchy(c, t)


# ---------------------------------------------------------------- T7 三公

_TP_LABELS = {"total": "合计", "abroad": "因公出国（境）费", "vehicle": "公务用车购置及运行维护费",
              "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费"}
_MEASURES = {"budget": "预算数", "actual": "决算数"}


@rule("TP001", "three_public.total", "“三公”经费表：合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费（预算数、决算数）",
      [T.THREE_PUBLIC], source="T7-1")
def tp001(c: Check) -> Iterator[Finding]:
    """合计 equals 因公出国(境)费 + 公务用车购置及运行维护费 + 公务接待费, for 预算数 and 决算数."""
    t = c.table(T.THREE_PUBLIC)
    assert t is not None
    for m, mname in _MEASURES.items():
        yield from c.identity(t.display_title, f"合计／{mname}", f"合计{mname}", _amount(t.find("total"), m),
                              [(1, _TP_LABELS[k], _amount(t.find(k), m)) for k in ("abroad", "vehicle", "reception")])


@rule("TP002", "three_public.vehicle", "“三公”经费表：公务用车 小计 = 购置费 + 运行维护费", [T.THREE_PUBLIC], source="T7-2")
def tp002(c: Check) -> Iterator[Finding]:
    """公务用车购置及运行维护费 (小计) equals 公务用车购置费 + 公务用车运行维护费."""
    t = c.table(T.THREE_PUBLIC)
    assert t is not None
    for m, mname in _MEASURES.items():
        yield from c.identity(t.display_title, f"公务用车小计／{mname}", f"小计{mname}", _amount(t.find("vehicle"), m),
                              [(1, _TP_LABELS[k], _amount(t.find(k), m)) for k in ("vehicle_purchase", "vehicle_operation")])


@rule("TP003", "three_public.non_negative", "“三公”经费表：金额不得为负", [T.THREE_PUBLIC], source="T7-3")
def tp003(c: Check) -> Iterator[Finding]:
    """No 三公 amount is negative (a zero 合计 with non-zero items is caught by TP001)."""
    t = c.table(T.THREE_PUBLIC)
    assert t is not None
    for ln in t.lines:
        for m, f in ln.values:
            if f.is_number and f.value < 0:
                yield c.finding(c.severity, t.display_title, f"{ln.label}／{_MEASURES.get(m, m)}",
                                f"{t.display_title}「{ln.label}」{_MEASURES.get(m, m)} {f.printed} 为负数",
                                [(1, ln.label, f)], f.value, None)


# ---------------------------------------------------------------- A 资产

_ASSET_COLS = {"val_open": "价值年初数", "val_close": "价值年末数", "qty_open": "数量年初数", "qty_close": "数量年末数"}


def _asset(t: Table, role: str, col: str) -> Signed:
    ln = t.find(role)
    return (1, ln.label if ln else role, ln.get(col) if ln else None)


def _asset_parts(c: Check, parent_role: str, part_roles: tuple[str, ...], skip_blank_parts: bool) -> Iterator[Finding]:
    """A parent line of the asset table against the sum of its parts, in every column the parent
    prints (a —— parent has no figure to check)."""
    t = c.table(T.ASSETS)
    assert t is not None
    parent = t.find(parent_role)
    if parent is None:
        return
    for col, name in _ASSET_COLS.items():
        lhs = parent.get(col)
        if lhs is None or lhs.is_dash:
            continue
        yield from c.identity(t.display_title, f"{parent.label}／{name}", parent.label, lhs,
                              [_asset(t, r, col) for r in part_roles], skip_all_blank_terms=skip_blank_parts)


@rule("AS001", "assets.fixed", "资产负债情况表：固定资产 = 房屋 + 通用设备 + 专用设备 + 其他固定资产", [T.ASSETS], source="A-1")
def as001(c: Check) -> Iterator[Finding]:
    """固定资产 equals the sum of its parts (value, 年初 and 年末; counts where the parent has one)."""
    yield from _asset_parts(c, "fixed", ("buildings", "general_equipment", "special_equipment", "other_fixed"), False)


@rule("AS002", "assets.total", "资产负债情况表：资产合计 = 流动资产 + 固定资产 − 累计折旧 + 长期投资 + 在建工程 + 无形资产 − 累计摊销 + 其他资产",
      [T.ASSETS], source="A-1")
def as002(c: Check) -> Iterator[Finding]:
    """资产合计 equals current + fixed − depreciation + long-term investment + construction in
    progress + intangibles − amortisation + other assets (年初 and 年末)."""
    t = c.table(T.ASSETS)
    assert t is not None
    total = t.find("assets_total")
    if total is None:
        return
    layout = (("current", 1), ("fixed", 1), ("depreciation", -1), ("long_equity", 1), ("long_bond", 1),
              ("long_investment", 1), ("construction", 1), ("intangible", 1), ("amortization", -1),
              ("other_assets", 1))
    for col in ("val_open", "val_close"):
        terms: list[Signed] = []
        for role, sign in layout:
            _s, lbl, f = _asset(t, role, col)
            if f is not None:
                terms.append((sign, lbl, f))
        yield from c.identity(t.display_title, f"{total.label}／{_ASSET_COLS[col]}", total.label, total.get(col), terms)


@rule("AS003", "assets.net", "资产负债情况表：净资产合计 = 资产合计 − 负债合计", [T.ASSETS], source="A-1")
def as003(c: Check) -> Iterator[Finding]:
    """净资产合计 equals 资产合计 − 负债合计 (年初 and 年末)."""
    t = c.table(T.ASSETS)
    assert t is not None
    net = t.find("net_assets")
    if net is None:
        return
    for col in ("val_open", "val_close"):
        yield from c.identity(t.display_title, f"{net.label}／{_ASSET_COLS[col]}", net.label, net.get(col),
                              [_asset(t, "assets_total", col), (-1, *_asset(t, "liabilities", col)[1:])])


@rule("AS004", "assets.vehicles", "资产负债情况表：车辆 = 一般公务用车 + 执法执勤用车 + 特种专业技术用车 + 其他用车（数量、价值）",
      [T.ASSETS], source="A-1")
def as004(c: Check) -> Iterator[Finding]:
    """车辆 equals the sum of its categories, for counts and values; when no category is filled
    in, the breakdown was not printed and the check is reported as not made."""
    yield from _asset_parts(c, "vehicles", ("vehicle_general", "vehicle_enforcement", "vehicle_special",
                                            "vehicle_other"), True)


@rule("AS005", "assets.of_which", "资产负债情况表：“其中”项不大于其所属项（车辆、单价50万元以上通用设备 ≤ 通用设备；单价100万元以上专用设备 ≤ 专用设备）",
      [T.ASSETS], source="A-1")
def as005(c: Check) -> Iterator[Finding]:
    """An "of which" line (其中) is part of its parent, so it is never larger, in counts and values:
    车辆 and 单价50万元以上通用设备 within 通用设备, 单价100万元以上专用设备 within 专用设备."""
    t = c.table(T.ASSETS)
    assert t is not None
    for child, parent in (("vehicles", "general_equipment"), ("general_large", "general_equipment"),
                          ("special_large", "special_equipment")):
        ch, pa = t.find(child), t.find(parent)
        if ch is None or pa is None:
            continue
        for col, name in _ASSET_COLS.items():
            yield from c.identity(t.display_title, f"{ch.label}／{name}", ch.label, ch.get(col),
                                  [(1, pa.label, pa.get(col))], relation="<=")


@rule("EC004", "economic.row_split", "基本支出决算表（分列格式）：每行 合计 = 人员经费 + 公用经费", [T.BASIC_ECONOMIC], source="T6-1, T6-2")
def ec004(c: Check) -> Iterator[Finding]:
    """Where table 6 prints 人员经费 and 公用经费 as columns of each row, each row's 合计 equals
    their sum."""
    t = c.table(T.BASIC_ECONOMIC)
    assert t is not None
    if t.column("personnel") is None or t.column("public") is None or t.column("amount") is None:
        return
    for ln in t.lines:
        yield from c.identity(t.display_title, printed_line(ln.label, ln.code), "合计", ln.get("amount"),
                              [(1, "人员经费", ln.get("personnel")), (1, "公用经费", ln.get("public"))])
