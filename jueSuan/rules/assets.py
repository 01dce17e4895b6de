"""Checks within the 资产负债情况表 (RULES.md A)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..models import Table, TableKind
from ..vocab.keys import ColumnKey, Role
from .engine import Check, Signed, rule
from .tables import table_line

T = TableKind
C = ColumnKey
R = Role

_ASSET_COLS = {C.VAL_OPEN: "价值年初数", C.VAL_CLOSE: "价值年末数", C.QTY_OPEN: "数量年初数", C.QTY_CLOSE: "数量年末数"}


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
    yield from _asset_parts(c, R.FIXED, (R.BUILDINGS, R.GENERAL_EQUIPMENT, R.SPECIAL_EQUIPMENT, R.OTHER_FIXED), False)


@rule("AS002", "assets.total", "资产负债情况表：资产合计 = 流动资产 + 固定资产 − 累计折旧 + 长期投资 + 在建工程 + 无形资产 − 累计摊销 + 其他资产",
      [T.ASSETS], source="A-1")
def as002(c: Check) -> Iterator[Finding]:
    """资产合计 equals current + fixed − depreciation + long-term investment + construction in
    progress + intangibles − amortisation + other assets (年初 and 年末)."""
    t = c.table(T.ASSETS)
    assert t is not None
    total = t.find(R.ASSETS_TOTAL)
    if total is None:
        return
    layout = ((R.CURRENT, 1), (R.FIXED, 1), (R.DEPRECIATION, -1), (R.LONG_EQUITY, 1), (R.LONG_BOND, 1),
              (R.LONG_INVESTMENT, 1), (R.CONSTRUCTION, 1), (R.INTANGIBLE, 1), (R.AMORTIZATION, -1),
              (R.OTHER_ASSETS, 1))
    for col in (C.VAL_OPEN, C.VAL_CLOSE):
        terms: list[Signed] = []
        for role, sign in layout:
            _s, lbl, f = _asset(t, role, col)
            if f is not None:
                terms.append((sign, lbl, f))
        yield from c.identity(t.display_title, f"{total.label}／{_ASSET_COLS[col]}", total.label, total.get(col), terms)


@rule("AS003", "assets.net", "资产负债情况表：净资产合计 = 资产合计 − 负债合计", [T.ASSETS], source="A-1")
def as003(c: Check) -> Iterator[Finding]:
    """净资产合计 equals 资产合计 − 负债合计 (年初 and 年末)."""
    if (found := table_line(c, T.ASSETS, R.NET_ASSETS)) is None:
        return
    t, net = found
    for col in (C.VAL_OPEN, C.VAL_CLOSE):
        yield from c.identity(t.display_title, f"{net.label}／{_ASSET_COLS[col]}", net.label, net.get(col),
                              [_asset(t, R.ASSETS_TOTAL, col), (-1, *_asset(t, R.LIABILITIES, col)[1:])])


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
    for child, parent in ((R.VEHICLES, R.GENERAL_EQUIPMENT), (R.GENERAL_LARGE, R.GENERAL_EQUIPMENT),
                          (R.SPECIAL_LARGE, R.SPECIAL_EQUIPMENT)):
        ch, pa = t.find(child), t.find(parent)
        if ch is None or pa is None:
            continue
        for col, name in _ASSET_COLS.items():
            yield from c.identity(t.display_title, f"{ch.label}／{name}", ch.label, ch.get(col),
                                  [(1, pa.label, pa.get(col))], relation="<=")

#: This family's rules, in catalogue order (the registry is built from these lists: rules/catalogue.py).
RULES = (as001, as002, as003, as004, as005)
