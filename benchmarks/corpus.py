"""A synthetic corpus of 部门决算 disclosures with known, injected arithmetic errors; and its measure.

Generate:  python benchmarks/corpus.py --n 1000 --out /tmp/corpus [--formats docx,xlsx,pdf] [--seed 1]
Measure:   python benchmarks/corpus.py --measure /tmp/corpus

**Generation.** Each disclosure is drawn from its own ``random.Random`` (seeded with the corpus seed
and its number, so a document does not depend on ``--n`` or ``--formats``). Only the leaf figures are
drawn, in 万元 with two decimals: the functional-classification 项 rows (by fund, basic/project,
non-fiscal spending, income by source, fiscal carry-in), the economic 款 of table 6 (split exactly
from table 5's 基本支出), the 三公 items and the parts of the asset table. Every other figure (类 and
款 sums, 合计, fund columns, carryovers, 总计, the links between tables 1–9, 人员经费/公用经费, asset
totals) is derived with ``Decimal`` arithmetic, so every identity of DOMAIN.md §3 holds exactly in a
clean document. Layouts:

* ``songjiang``: as samples/make_samples.py (all 26 类 lines in tables 1 and 4, code|name columns, the
  合计 row on top or at the bottom, table 6 as two or three side-by-side column groups with
  人员经费合计/公用经费合计, a horizontal 三公 table, the asset table with 数量/价值 and its title
  inside the table);
* ``national``: as tests/variant_national.py (行次 columns and a 栏次 row, split 类|款|项 code cells,
  table 5 continued in a second table — in a quarter of them, a third one too —, table 6 with
  人员经费/公用经费 columns, a vertical 三公 table, a 国有资产占用情况表 with value columns only).

Units 万元 or 元 (every figure converted), figures with or without thousands separators (or mixed),
with occasional ideographic or trailing spaces, zeros as ``0.00``, blank or ``-``, 3–25 项 rows over
2–6 类, and a 情况说明 quoting the totals (with shares, a change on the previous year and a
completion rate that agree with the tables).

In a random 40% of the documents, 1–3 printed figures covered by an equality (not the 其中 lines of the
asset table, which only an inequality covers, nor counts) are changed by at least
0.30 万元 (万元 documents: beyond any rounding bound of up to 60 printed terms) or 0.10 万元 = 1,000 元
(元 documents), never to a negative value, never so that two changes cancel in a sum, and never to
a text printed elsewhere in the document. ``truth.json`` records, per file, where each changed figure
is in the grids jueSuan's reader reports: (table index in the file, row, column), found by reading
the file back (docx: the grid position computed by the writer, checked; xlsx: the cell written,
looked up by its sheet cell name; pdf: the one cell printing the new text). Each entry also carries
the document's ``features`` (separators, zeros, number of 项/类, funds present, table variants), to
sort misses and false alarms by variant.

Writers (``jueSuan.fixtures``, the model and writers of the samples and the tests too): .docx with
document.xml written directly over python-docx's default package (``wordxml.write_docx_fast``; python-docx's
own table writing is O(n²) in cells and takes seconds for a realistic disclosure: ``--docx-writer
python-docx`` uses it instead); .xlsx with ``workbook.section_sheet``/``write_xlsx`` (one table per sheet);
.pdf by LibreOffice from the .docx, many files per ``soffice`` call.

**Measure.** Every file is read with ``read_document`` (for a ``.pdf``, ``jueSuan.readers.pdf.read_pdf``
directly where ``read_document`` does not take PDFs yet), built and reconciled. An injected figure is found when a finding of
severity error names a term whose source is that cell. A false alarm is an error in a clean document,
or an error in an injected document that names none of the injected cells and is not on the same
identity (rule, table, line) as an error that does.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from jueSuan.builders import build_report
from jueSuan.findings import Severity
from jueSuan.fixtures import UP, Cell, Paragraph, Table, below, grid_rows, wide
from jueSuan.fixtures.word import write_docx as write_docx_python
from jueSuan.fixtures.wordxml import write_docx_fast
from jueSuan.fixtures.workbook import Sheet, lines, section_sheet, table_cells, write_xlsx
from jueSuan.numbers import normalize_text
from jueSuan.readers import ReadError, Reason, read_document
from jueSuan.readers.base import Document as ReadDocument
from jueSuan.readers.base import Grid
from jueSuan.readers.sheet import cell_name
from jueSuan.reconcile import reconcile

D = Decimal
ZERO = D(0)
CENT = D("0.01")
IDEO = "\u3000"

# ==================================================================================================
# Catalogues: functional classification (类/款/项, by fund) and economic classification (类/款)
# ==================================================================================================

# The 类 lines of tables 1 and 4, in print order (2020 onwards; 234 only from 2020).
CLASS_LIST: tuple[tuple[str, str], ...] = (
    ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
    ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"), ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"), ("211", "节能环保支出"), ("212", "城乡社区支出"), ("213", "农林水支出"),
    ("214", "交通运输支出"), ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"),
    ("219", "援助其他地区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"), ("231", "债务还本支出"), ("232", "债务付息支出"), ("234", "抗疫特别国债安排的支出"),
)
CLASS_NAME = dict(CLASS_LIST)
ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六",
            "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六")

Catalogue = dict[str, tuple[str, list[tuple[str, str]]]]  # 款 code -> (name, [(项 code, name)])

GPB_SEGMENTS: Catalogue = {
    "20101": ("人大事务", [("2010101", "行政运行"), ("2010102", "一般行政管理事务"), ("2010104", "人大会议"),
                          ("2010199", "其他人大事务支出")]),
    "20103": ("政府办公厅（室）及相关机构事务", [("2010301", "行政运行"), ("2010302", "一般行政管理事务"),
                                      ("2010350", "事业运行"), ("2010399", "其他政府办公厅（室）及相关机构事务支出")]),
    "20106": ("财政事务", [("2010601", "行政运行"), ("2010602", "一般行政管理事务"), ("2010650", "事业运行"),
                          ("2010699", "其他财政事务支出")]),
    "20111": ("纪检监察事务", [("2011101", "行政运行"), ("2011102", "一般行政管理事务")]),
    "20138": ("市场监督管理事务", [("2013801", "行政运行"), ("2013802", "一般行政管理事务"), ("2013816", "食品安全监管"),
                              ("2013899", "其他市场监督管理事务")]),
    "20402": ("公安", [("2040201", "行政运行"), ("2040202", "一般行政管理事务"), ("2040220", "执法办案"),
                      ("2040299", "其他公安支出")]),
    "20406": ("司法", [("2040601", "行政运行"), ("2040604", "基层司法业务"), ("2040605", "普法宣传"),
                      ("2040610", "社区矫正")]),
    "20501": ("教育管理事务", [("2050101", "行政运行"), ("2050102", "一般行政管理事务"), ("2050199", "其他教育管理事务支出")]),
    "20502": ("普通教育", [("2050201", "学前教育"), ("2050202", "小学教育"), ("2050203", "初中教育"), ("2050204", "高中教育")]),
    "20508": ("进修及培训", [("2050801", "教师进修"), ("2050803", "培训支出")]),
    "20601": ("科学技术管理事务", [("2060101", "行政运行"), ("2060102", "一般行政管理事务"),
                              ("2060199", "其他科学技术管理事务支出")]),
    "20604": ("技术研究与开发", [("2060401", "机构运行"), ("2060499", "其他技术研究与开发支出")]),
    "20701": ("文化和旅游", [("2070101", "行政运行"), ("2070104", "图书馆"), ("2070109", "群众文化"),
                           ("2070199", "其他文化和旅游支出")]),
    "20703": ("体育", [("2070301", "行政运行"), ("2070308", "群众体育")]),
    "20801": ("人力资源和社会保障管理事务", [("2080101", "行政运行"), ("2080109", "社会保险经办机构")]),
    "20802": ("民政管理事务", [("2080201", "行政运行"), ("2080208", "基层政权建设和社区治理")]),
    "20805": ("行政事业单位养老支出", [("2080501", "行政单位离退休"), ("2080502", "事业单位离退休"),
                                ("2080505", "机关事业单位基本养老保险缴费支出"), ("2080506", "机关事业单位职业年金缴费支出"),
                                ("2080599", "其他行政事业单位养老支出")]),
    "20808": ("抚恤", [("2080801", "死亡抚恤"), ("2080802", "伤残抚恤")]),
    "21001": ("卫生健康管理事务", [("2100101", "行政运行"), ("2100199", "其他卫生健康管理事务支出")]),
    "21004": ("公共卫生", [("2100401", "疾病预防控制机构"), ("2100408", "基本公共卫生服务"), ("2100409", "重大公共卫生服务")]),
    "21011": ("行政事业单位医疗", [("2101101", "行政单位医疗"), ("2101102", "事业单位医疗"), ("2101103", "公务员医疗补助")]),
    "21101": ("环境保护管理事务", [("2110101", "行政运行"), ("2110199", "其他环境保护管理事务支出")]),
    "21103": ("污染防治", [("2110301", "大气"), ("2110302", "水体")]),
    "21201": ("城乡社区管理事务", [("2120101", "行政运行"), ("2120104", "城管执法"), ("2120199", "其他城乡社区管理事务支出")]),
    "21203": ("城乡社区公共设施", [("2120303", "小城镇基础设施建设"), ("2120399", "其他城乡社区公共设施支出")]),
    "21205": ("城乡社区环境卫生", [("2120501", "城乡社区环境卫生")]),
    "21301": ("农业农村", [("2130101", "行政运行"), ("2130104", "事业运行"), ("2130199", "其他农业农村支出")]),
    "21303": ("水利", [("2130301", "行政运行"), ("2130306", "水利工程运行与维护"), ("2130399", "其他水利支出")]),
    "21401": ("公路水路运输", [("2140101", "行政运行"), ("2140106", "公路养护"), ("2140199", "其他公路水路运输支出")]),
    "22102": ("住房改革支出", [("2210201", "住房公积金"), ("2210202", "提租补贴"), ("2210203", "购房补贴")]),
    "22401": ("应急管理事务", [("2240101", "行政运行"), ("2240106", "安全监管"), ("2240199", "其他应急管理支出")]),
}
GOV_FUND_SEGMENTS: Catalogue = {
    "21208": ("国有土地使用权出让收入安排的支出", [("2120801", "征地和拆迁补偿支出"), ("2120802", "土地开发支出"),
                                       ("2120899", "其他国有土地使用权出让收入安排的支出")]),
    "22960": ("彩票公益金安排的支出", [("2296002", "用于社会福利的彩票公益金支出"), ("2296003", "用于体育事业的彩票公益金支出")]),
}
SOE_SEGMENTS: Catalogue = {
    "22301": ("解决历史遗留问题及改革成本支出", [("2230105", "国有企业退休人员社会化管理补助支出"),
                                     ("2230199", "其他解决历史遗留问题及改革成本支出")]),
}
FUND_CATALOGUE: dict[str, Catalogue] = {"gpb": GPB_SEGMENTS, "gov_fund": GOV_FUND_SEGMENTS, "soe": SOE_SEGMENTS}
SEGMENT_NAME = {code: name for cat in FUND_CATALOGUE.values() for code, (name, _) in cat.items()}
# items spent on staff only: all basic, no project spending
BASIC_ONLY = ("20805", "21011", "22102", "20808")

ECONOMIC: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "301": ("工资福利支出", (
        ("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30106", "伙食补助费"), ("30107", "绩效工资"),
        ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费"), ("30110", "职工基本医疗保险缴费"),
        ("30111", "公务员医疗补助缴费"), ("30112", "其他社会保障缴费"), ("30113", "住房公积金"), ("30114", "医疗费"),
        ("30199", "其他工资福利支出"))),
    "302": ("商品和服务支出", (
        ("30201", "办公费"), ("30202", "印刷费"), ("30203", "咨询费"), ("30204", "手续费"), ("30205", "水费"),
        ("30206", "电费"), ("30207", "邮电费"), ("30208", "取暖费"), ("30209", "物业管理费"), ("30211", "差旅费"),
        ("30212", "因公出国（境）费用"), ("30213", "维修（护）费"), ("30214", "租赁费"), ("30215", "会议费"),
        ("30216", "培训费"), ("30217", "公务接待费"), ("30218", "专用材料费"), ("30224", "被装购置费"),
        ("30225", "专用燃料费"), ("30226", "劳务费"), ("30227", "委托业务费"), ("30228", "工会经费"), ("30229", "福利费"),
        ("30231", "公务用车运行维护费"), ("30239", "其他交通费用"), ("30240", "税金及附加费用"),
        ("30299", "其他商品和服务支出"))),
    "303": ("对个人和家庭的补助", (
        ("30301", "离休费"), ("30302", "退休费"), ("30303", "退职（役）费"), ("30304", "抚恤金"), ("30305", "生活补助"),
        ("30307", "医疗费补助"), ("30308", "助学金"), ("30309", "奖励金"), ("30310", "个人农业生产补贴"),
        ("30311", "代缴社会保险费"), ("30399", "其他对个人和家庭的补助"))),
    "310": ("资本性支出", (
        ("31002", "办公设备购置"), ("31003", "专用设备购置"), ("31007", "信息网络及软件购置更新"), ("31013", "公务用车购置"),
        ("31019", "其他交通工具购置"), ("31021", "文物和陈列品购置"), ("31022", "无形资产购置"), ("31099", "其他资本性支出"))),
    "399": ("其他支出", (("39906", "赠与"), ("39999", "其他支出"))),
}
PERSONNEL = ("301", "303")
# 款 of table 6 bounded by a 三公 决算数 (XT008): code -> 三公 item
ECON_THREE_PUBLIC = {"30212": "abroad", "30217": "reception", "30231": "vehicle_operation", "31013": "vehicle_purchase"}

DISTRICTS = ("松江区", "嘉定区", "青浦区", "奉贤区", "金山区", "闵行区", "宝山区", "浦东新区", "崇明区", "徐汇区")
AGENCIES = ("城市运行管理中心", "市场监督管理局", "民政局", "教育局", "卫生健康委员会", "生态环境局", "司法局", "体育局",
            "水务局", "文化和旅游局", "财政局", "应急管理局", "科学技术委员会", "退役军人事务局", "绿化和市容管理局")
CITIES = ("某市", "江南市", "临川市", "云州市", "海东市")
COUNTIES = ("示范区", "东湖区", "西城区", "高新区", "北塘区")


# ==================================================================================================
# The data of one disclosure, leaves drawn and everything else derived
# ==================================================================================================


def cents(x: float | Decimal) -> Decimal:
    return D(str(x)).quantize(CENT, rounding=ROUND_HALF_UP)


def log_uniform(rng: random.Random, lo: float, hi: float) -> Decimal:
    """A plausible amount in 万元: log-uniform between ``lo`` and ``hi``, two decimals, never zero."""
    return max(CENT, cents(math.exp(rng.uniform(math.log(lo), math.log(hi)))))


def split(rng: random.Random, total: Decimal, n: int, zero_share: float = 0.0) -> list[Decimal]:
    """``total`` split into ``n`` parts (cents, largest remainder) that add up to it exactly; a part
    is zero with probability ``zero_share`` (at least one part keeps a weight)."""
    weights = [0.0 if rng.random() < zero_share else rng.lognormvariate(0, 1.0) for _ in range(n)]
    if not any(weights):
        weights[rng.randrange(n)] = 1.0
    units = int(total / CENT)
    s = sum(weights)
    raw = [units * w / s for w in weights]
    base = [math.floor(x) for x in raw]
    rest = units - sum(base)
    for i in sorted(range(n), key=lambda i: raw[i] - base[i], reverse=True)[:rest]:
        base[i] += 1
    return [D(b) * CENT for b in base]


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(CENT, rounding=ROUND_HALF_UP) if whole else ZERO


@dataclass
class Item:
    """One 项 row: everything drawn for it (万元)."""

    code: str
    name: str
    fund: str  # gpb | gov_fund | soe
    f_basic: Decimal = ZERO  # fiscal (its fund) spending
    f_project: Decimal = ZERO
    nf_basic: Decimal = ZERO  # non-fiscal spending
    nf_project: Decimal = ZERO
    remit: Decimal = ZERO
    operating: Decimal = ZERO
    subsidy: Decimal = ZERO
    inc_fiscal: Decimal = ZERO
    inc_superior: Decimal = ZERO
    inc_business: Decimal = ZERO
    inc_operating: Decimal = ZERO
    inc_affiliated: Decimal = ZERO
    inc_other: Decimal = ZERO
    opening: Decimal = ZERO  # fiscal carry-in of its fund

    # derived, per row of the tables
    @property
    def f_total(self) -> Decimal:
        return self.f_basic + self.f_project

    @property
    def closing(self) -> Decimal:
        return self.opening + self.inc_fiscal - self.f_total

    @property
    def basic(self) -> Decimal:
        return self.f_basic + self.nf_basic

    @property
    def project(self) -> Decimal:
        return self.f_project + self.nf_project

    @property
    def exp_total(self) -> Decimal:
        return self.basic + self.project + self.remit + self.operating + self.subsidy

    @property
    def inc_total(self) -> Decimal:
        return (self.inc_fiscal + self.inc_superior + self.inc_business + self.inc_operating + self.inc_affiliated
                + self.inc_other)

    @property
    def nf_income(self) -> Decimal:
        return self.inc_total - self.inc_fiscal

    @property
    def nf_spending(self) -> Decimal:
        return self.exp_total - self.f_total


@dataclass
class Data:
    year: int
    unit_name: str
    items: list[Item]
    nf_opening: Decimal
    nfb_use: Decimal  # 使用非财政拨款结余
    distribution: Decimal  # 结余分配
    econ: dict[str, list[tuple[str, str, Decimal]]]  # 类 -> [(款 code, name, amount)]
    three: dict[str, tuple[Decimal, Decimal]]  # item -> (budget, actual)
    assets: dict[str, tuple[Decimal, Decimal]]  # role -> (年初, 年末) values
    counts: dict[str, tuple[int, int]]  # role -> (年初, 年末) counts
    prev_total: Decimal  # last year's 收入支出总计, for the narrative
    gpb_budget: Decimal  # 一般公共预算财政拨款支出 年初预算

    # ------------------------------------------------------------------ sums
    def where(self, fund: str | None = None) -> list[Item]:
        return [i for i in self.items if fund is None or i.fund == fund]

    def total(self, attr: str, items: Iterable[Item] | None = None, prefix: str = "") -> Decimal:
        return sum((getattr(i, attr) for i in (self.items if items is None else items) if i.code.startswith(prefix)),
                   ZERO)

    def fund_total(self, fund: str, attr: str, prefix: str = "") -> Decimal:
        return self.total(attr, self.where(fund), prefix)

    def classes(self, items: Sequence[Item] | None = None) -> list[str]:
        return sorted({i.code[:3] for i in (self.items if items is None else items)})

    @property
    def fiscal_opening(self) -> Decimal:
        return self.total("opening")

    @property
    def fiscal_closing(self) -> Decimal:
        return self.total("closing")

    @property
    def opening(self) -> Decimal:
        return self.fiscal_opening + self.nf_opening

    @property
    def income_total(self) -> Decimal:
        return self.total("inc_total")

    @property
    def expense_total(self) -> Decimal:
        return self.total("exp_total")

    @property
    def grand_total(self) -> Decimal:
        return self.income_total + self.nfb_use + self.opening

    @property
    def closing(self) -> Decimal:
        return self.grand_total - self.expense_total - self.distribution

    @property
    def fiscal_income(self) -> Decimal:
        return self.total("inc_fiscal")

    @property
    def fiscal_grand_total(self) -> Decimal:
        return self.fiscal_income + self.fiscal_opening

    @property
    def basic_gpb(self) -> Decimal:
        return self.fund_total("gpb", "f_basic")

    def econ_class(self, code: str) -> Decimal:
        return sum((a for _, _, a in self.econ.get(code, [])), ZERO)

    @property
    def personnel(self) -> Decimal:
        return sum((self.econ_class(c) for c in PERSONNEL if c in self.econ), ZERO)

    @property
    def public(self) -> Decimal:
        return sum((self.econ_class(c) for c in self.econ if c not in PERSONNEL), ZERO)


def draw_items(rng: random.Random) -> list[Item]:
    """3–25 项 rows over 2–6 类, most in the 一般公共预算, some in the 政府性基金 or 国有资本经营 fund."""
    n_classes = rng.randint(2, 6)
    n_items = rng.randint(max(3, n_classes), 25)
    gpb_classes = sorted({s[:3] for s in GPB_SEGMENTS})
    extra: list[tuple[str, str]] = []  # (fund, 款)
    if rng.random() < 0.3:
        extra.append(("gov_fund", rng.choice(sorted(GOV_FUND_SEGMENTS))))
    if rng.random() < 0.12:
        extra.append(("soe", "22301"))
    while extra and len({s[:3] for _, s in extra}) >= n_classes:
        extra.pop()
    extra_classes = {s[:3] for _, s in extra}
    chosen: list[str] = []
    for cls in rng.sample(gpb_classes, len(gpb_classes)):
        if chosen and len(extra_classes | set(chosen)) >= n_classes:
            break
        chosen.append(cls)
    pool: list[tuple[str, str, str]] = []  # (fund, 项 code, name)
    for seg, (_, items) in GPB_SEGMENTS.items():
        if seg[:3] in chosen:
            pool.extend(("gpb", c, n) for c, n in items)
    picked: dict[str, tuple[str, str]] = {}
    for fund, seg in extra:
        for c, n in rng.sample(FUND_CATALOGUE[fund][seg][1], rng.randint(1, len(FUND_CATALOGUE[fund][seg][1]))):
            picked[c] = (fund, n)
    for cls in chosen:  # every chosen 类 gets at least one 项
        fund, c, n = rng.choice([p for p in pool if p[1].startswith(cls)])
        picked[c] = (fund, n)
    rest = [p for p in pool if p[1] not in picked]
    rng.shuffle(rest)
    for fund, c, n in rest[: max(0, n_items - len(picked))]:
        picked[c] = (fund, n)
    return [Item(c, n, f) for c, (f, n) in sorted(picked.items())]


def fill_item(rng: random.Random, it: Item, nonfiscal: bool) -> None:
    scale = rng.choice((20.0, 200.0, 2000.0))
    amount = log_uniform(rng, scale / 20, scale * 3)
    seg = it.code[:5]
    if it.fund != "gpb":
        basic_share = 0.0 if rng.random() < 0.7 else rng.random()
    elif seg in BASIC_ONLY or it.name in ("行政运行", "事业运行", "机构运行"):
        basic_share = 1.0 if seg in BASIC_ONLY or rng.random() < 0.6 else rng.uniform(0.7, 1.0)
    else:
        basic_share = 0.0 if rng.random() < 0.6 else rng.uniform(0.0, 0.5)
    it.f_basic = cents(amount * D(str(basic_share)))
    it.f_project = amount - it.f_basic
    if rng.random() < 0.25:
        it.opening = log_uniform(rng, 0.5, float(amount) / 3 + 1)
    # this year's fiscal income: the spending, more or less what was carried in or will be carried out
    low = -it.opening
    delta = cents(rng.uniform(float(low), float(amount) * 0.15)) if rng.random() < 0.5 else ZERO
    it.inc_fiscal = max(ZERO, it.f_total + delta)
    if nonfiscal and rng.random() < 0.5:
        it.nf_basic = log_uniform(rng, 0.5, float(amount) / 4 + 1) if rng.random() < 0.6 else ZERO
        it.nf_project = log_uniform(rng, 0.5, float(amount) / 4 + 1) if rng.random() < 0.4 else ZERO
        if rng.random() < 0.1:
            it.remit = log_uniform(rng, 0.5, 30)
        if rng.random() < 0.1:
            it.operating = log_uniform(rng, 0.5, 30)
        if rng.random() < 0.1:
            it.subsidy = log_uniform(rng, 0.5, 30)
        spent = it.nf_spending
        sources = ["inc_business", "inc_other", "inc_superior", "inc_operating", "inc_affiliated"]
        k = rng.choice((1, 1, 1, 2, 3))
        if spent > 0 or rng.random() < 0.5:
            total = max(CENT, spent + cents(rng.uniform(-float(spent) * 0.2, float(spent) * 0.2 + 1)))
            for name, part in zip(sources[:k], split(rng, total, k), strict=True):
                setattr(it, name, part)


def draw_economic(rng: random.Random, basic: Decimal, three: dict[str, tuple[Decimal, Decimal]],
                  full_lists: bool) -> dict[str, list[tuple[str, str, Decimal]]]:
    """Table 6: the 基本支出 of table 5 split exactly over economic 款; the 三公-linked 款 at most the
    三公 决算数."""
    fixed: dict[str, Decimal] = {}
    for code, item in ECON_THREE_PUBLIC.items():
        actual = three[item][1]
        if actual > 0 and rng.random() < 0.8:
            fixed[code] = (actual * D(str(rng.uniform(0.4, 1.0)))).quantize(CENT, rounding=ROUND_DOWN)
    rest = basic - sum(fixed.values(), ZERO)
    assert rest >= 0
    personnel = cents(rest * D(str(rng.uniform(0.55, 0.92))))
    public = rest - personnel
    with_303 = rng.random() < 0.8
    with_310 = rng.random() < 0.6 or "31013" in fixed
    with_399 = rng.random() < 0.1
    totals = {"301": personnel, "303": ZERO, "302": public, "310": ZERO, "399": ZERO}
    if with_303:
        totals["303"] = cents(personnel * D(str(rng.uniform(0.01, 0.15))))
        totals["301"] = personnel - totals["303"]
    shares = [c for c in ("310", "399") if (c == "310" and with_310) or (c == "399" and with_399)]
    for c in shares:
        totals[c] = cents(public * D(str(rng.uniform(0.02, 0.3))))
    totals["302"] = public - sum((totals[c] for c in shares), ZERO)
    out: dict[str, list[tuple[str, str, Decimal]]] = {}
    for cls in ("301", "302", "303", "310", "399"):
        if (cls == "303" and not with_303) or (cls == "310" and not with_310) or (cls == "399" and not with_399):
            continue
        _name, segs = ECONOMIC[cls]
        linked = [(c, n) for c, n in segs if c in fixed]
        free = [(c, n) for c, n in segs if c not in ECON_THREE_PUBLIC]
        listed = free if full_lists else sorted(rng.sample(free, rng.randint(1, min(len(free), 9))))
        parts = split(rng, totals[cls], len(listed), zero_share=0.45 if full_lists else 0.1)
        rows = [(c, n, a) for (c, n), a in zip(listed, parts, strict=True)]
        rows += [(c, n, fixed[c]) for c, n in linked]
        if full_lists:  # the 三公 款 without spending print as zero
            rows += [(c, n, ZERO) for c, n in segs if c in ECON_THREE_PUBLIC and c not in fixed]
        out[cls] = sorted(rows)
    return out


def draw_three(rng: random.Random, basic: Decimal) -> dict[str, tuple[Decimal, Decimal]]:
    """三公: (预算数, 决算数) per item; 决算 well within the basic spending; a 接待 always."""
    room = float(basic) * rng.uniform(0.003, 0.03) + 0.5
    actual = {
        "abroad": log_uniform(rng, 0.3, room / 3) if rng.random() < 0.3 else ZERO,
        "vehicle_purchase": log_uniform(rng, 5, max(6.0, room / 2)) if rng.random() < 0.15 else ZERO,
        "vehicle_operation": log_uniform(rng, 0.3, room / 3) if rng.random() < 0.7 else ZERO,
        "reception": log_uniform(rng, 0.1, room / 4),
    }
    cap = basic * D("0.25")
    while sum(actual.values(), ZERO) > cap:
        actual = {k: (v / 2).quantize(CENT, rounding=ROUND_DOWN) for k, v in actual.items()}
    budget = {k: (v * D(str(rng.uniform(0.9, 1.6)))).quantize(CENT) if v or rng.random() < 0.2 else ZERO
              for k, v in actual.items()}
    if budget["reception"] == 0:
        budget["reception"] = actual["reception"] + CENT
    out = {k: (budget[k], actual[k]) for k in actual}
    out["vehicle"] = (budget["vehicle_purchase"] + budget["vehicle_operation"],
                      actual["vehicle_purchase"] + actual["vehicle_operation"])
    out["total"] = (budget["abroad"] + out["vehicle"][0] + budget["reception"],
                    actual["abroad"] + out["vehicle"][1] + actual["reception"])
    return out


ASSET_PARTS = ("current", "buildings", "general_equipment", "special_equipment", "other_fixed", "depreciation",
               "long_equity", "long_bond", "construction", "intangible", "amortization", "other_assets", "liabilities",
               "vehicles", "vehicle_general", "vehicle_enforcement", "vehicle_special", "vehicle_other",
               "general_large", "special_large")


def draw_assets(rng: random.Random, national: bool) -> tuple[dict[str, tuple[Decimal, Decimal]], dict[str, tuple[int, int]]]:
    vals: dict[str, list[Decimal]] = {}
    counts: dict[str, list[int]] = {}
    for _ in range(2):  # 年初, 年末
        v: dict[str, Decimal] = {}
        v["current"] = log_uniform(rng, 5, 3000)
        v["buildings"] = log_uniform(rng, 50, 20000) if rng.random() < 0.5 else ZERO
        cats = {k: (log_uniform(rng, 5, 80) if rng.random() < p else ZERO)
                for k, p in (("vehicle_general", 0.5), ("vehicle_enforcement", 0.3), ("vehicle_special", 0.15),
                             ("vehicle_other", 0.1))}
        if national:
            cats = dict.fromkeys(cats, ZERO)
            v["vehicles"] = log_uniform(rng, 5, 150) if rng.random() < 0.6 else ZERO
        else:
            v["vehicles"] = sum(cats.values(), ZERO)
        v.update(cats)
        v["general_large"] = log_uniform(rng, 50, 300) if rng.random() < 0.2 else ZERO
        v["general_equipment"] = v["vehicles"] + v["general_large"] + log_uniform(rng, 5, 2000)
        v["special_large"] = log_uniform(rng, 100, 500) if rng.random() < 0.15 else ZERO
        v["special_equipment"] = v["special_large"] + (log_uniform(rng, 1, 1500) if rng.random() < 0.7 else ZERO)
        v["other_fixed"] = ZERO if national else (log_uniform(rng, 0.5, 50) if rng.random() < 0.6 else ZERO)
        fixed = v["buildings"] + v["general_equipment"] + v["special_equipment"] + v["other_fixed"]
        v["depreciation"] = (fixed * D(str(rng.uniform(0.1, 0.7)))).quantize(CENT)
        v["long_equity"] = ZERO if national or rng.random() < 0.9 else log_uniform(rng, 10, 500)
        v["long_bond"] = ZERO
        v["construction"] = log_uniform(rng, 10, 3000) if rng.random() < 0.2 else ZERO
        v["intangible"] = log_uniform(rng, 1, 300) if rng.random() < 0.6 else ZERO
        v["amortization"] = (v["intangible"] * D(str(rng.uniform(0.0, 0.6)))).quantize(CENT)
        v["other_assets"] = ZERO if national or rng.random() < 0.8 else log_uniform(rng, 0.5, 100)
        total = asset_total(v)
        v["liabilities"] = (total * D(str(rng.uniform(0.0, 0.4)))).quantize(CENT)
        for k, x in v.items():
            vals.setdefault(k, []).append(x)
        c: dict[str, int] = {}
        for k in ("vehicle_general", "vehicle_enforcement", "vehicle_special", "vehicle_other"):
            c[k] = rng.randint(1, 6) if v[k] else 0
        c["vehicles"] = sum(c.values()) if not national else (rng.randint(1, 8) if v["vehicles"] else 0)
        c["general_large"] = rng.randint(1, 3) if v["general_large"] else 0
        c["general_equipment"] = c["vehicles"] + c["general_large"] + rng.randint(5, 600)
        c["special_large"] = rng.randint(1, 2) if v["special_large"] else 0
        c["special_equipment"] = c["special_large"] + (rng.randint(1, 80) if v["special_equipment"] else 0)
        for k, n in c.items():
            counts.setdefault(k, []).append(n)
    return ({k: (a, b) for k, (a, b) in vals.items()}, {k: (a, b) for k, (a, b) in counts.items()})


def asset_total(v: dict[str, Decimal]) -> Decimal:
    return (v["current"] + fixed_assets(v) - v["depreciation"] + v["long_equity"] + v["long_bond"] + v["construction"]
            + v["intangible"] - v["amortization"] + v["other_assets"])


def fixed_assets(v: dict[str, Decimal]) -> Decimal:
    return v["buildings"] + v["general_equipment"] + v["special_equipment"] + v["other_fixed"]


def draw_data(rng: random.Random, national: bool) -> Data:
    year = rng.randint(2019, 2023)
    if national:
        unit_name = f"{rng.choice(CITIES)}{rng.choice(COUNTIES)}{rng.choice(AGENCIES)}"
    else:
        unit_name = f"上海市{rng.choice(DISTRICTS)}{rng.choice(AGENCIES)}"
    items = draw_items(rng)
    nonfiscal = rng.random() < 0.4
    for it in items:
        fill_item(rng, it, nonfiscal)
    d = Data(year, unit_name, items, ZERO, ZERO, ZERO, {}, {}, {}, {}, ZERO, ZERO)
    if nonfiscal and rng.random() < 0.2:
        d.nfb_use = log_uniform(rng, 0.5, 50)
    if nonfiscal and rng.random() < 0.15:
        d.distribution = log_uniform(rng, 0.5, 20)
    # the non-fiscal carry-in: enough that nothing carried out is negative, often some more
    need = d.total("nf_spending") + d.distribution - d.nfb_use - d.total("nf_income")
    d.nf_opening = max(ZERO, need) + (log_uniform(rng, 0.5, 300) if rng.random() < 0.5 else ZERO)
    basic = d.basic_gpb
    if basic < 10:  # a department with some basic spending: give the first gpb item some
        first = next(i for i in items if i.fund == "gpb")
        extra = log_uniform(rng, 10, 200)
        first.f_basic += extra
        first.inc_fiscal += extra
        basic = d.basic_gpb
    d.three = draw_three(rng, basic)
    d.econ = draw_economic(rng, basic, d.three, full_lists=not national and rng.random() < 0.5)
    d.assets, d.counts = draw_assets(rng, national)
    d.prev_total = (d.grand_total * D(str(rng.uniform(0.6, 1.4)))).quantize(CENT)
    gpb_total = d.fund_total("gpb", "f_total")
    d.gpb_budget = (gpb_total * D(str(rng.uniform(0.7, 1.3)))).quantize(CENT)
    return d


# ==================================================================================================
# The printed document: blocks of paragraphs and tables whose figure cells are ``Fig``s
# ==================================================================================================


@dataclass
class Fig:
    """A printed figure: its value (万元, or a count), where it is (for the truth) and its text."""

    value: Decimal
    kind: str  # T1..T9 / A
    what: str  # "T3 支出决算表 2080505 机关事业单位基本养老保险缴费支出／基本支出"
    count: bool = False
    text: str = ""
    quirk: int = 0  # 0 none, 1 leading 　, 2 trailing 　, 3 trailing space
    sep: bool = True
    uid: int = -1
    injectable: bool = True  # False: only an inequality covers it (an "of which" line), or a count


CellT = Any  # str | Cell (jueSuan.fixtures) | Fig
RowT = list[CellT]


@dataclass
class Tab:
    kind: str | None
    rows: list[RowT]
    weights: list[float]
    header_rows: int = 0
    splits: tuple[int, ...] = ()  # the .docx starts a new table (header repeated) at these rows


@dataclass
class Section:
    title: str | None
    unit: str | None
    table: Tab
    notes: list[str]
    sheet: str


@dataclass
class Doc:
    name: str
    layout: str
    unit: str  # 万元 | 元
    overview: list[str]
    unit_list: Tab
    part_two: list[str]
    sections: list[Section]
    narrative: list[str]
    style: Style
    figs: list[Fig] = field(default_factory=list)
    features: dict[str, Any] = field(default_factory=dict)


@dataclass
class Style:
    """How a document prints its figures."""

    factor: Decimal  # 1 (万元) or 10000 (元)
    sep: str  # always | never | mixed
    quirks: float  # share of figures with an ideographic or trailing space
    zero: str  # "0.00" | "" | "-"

    @property
    def unit_label(self) -> str:
        return "万元" if self.factor == 1 else "元"

    def number(self, v: Decimal, sep: bool) -> str:
        x = (v * self.factor).quantize(CENT)
        return f"{x:,.2f}" if sep else f"{x:.2f}"

    def render(self, f: Fig) -> str:
        if f.count:
            return str(int(f.value)) if f.value else ""
        if f.value == 0:
            return self.zero
        s = self.number(f.value, f.sep)
        return {0: s, 1: IDEO + s, 2: s + IDEO, 3: s + " "}[f.quirk]


class Builder:
    """Builds the blocks of one document: ``fig`` makes a figure cell and remembers it."""

    def __init__(self, rng: random.Random, style: Style) -> None:
        self.rng = rng
        self.style = style
        self.figs: list[Fig] = []
        self.features: dict[str, Any] = {}

    def fig(self, value: Decimal, kind: str, what: str, *, count: bool = False, zero: str | None = None,
            injectable: bool = True) -> Fig | str:
        if value == 0 and not count and zero is not None:
            return zero
        st = self.style
        sep = st.sep == "always" or (st.sep == "mixed" and self.rng.random() < 0.5)
        quirk = self.rng.randint(1, 3) if self.rng.random() < st.quirks else 0
        f = Fig(value, kind, what, count, "", quirk, sep, len(self.figs), injectable and not count)
        f.text = st.render(f)
        self.figs.append(f)
        return f


def indent(rng: random.Random, name: str, p: float) -> str:
    return ("  " + name) if rng.random() < p else name


# ----------------------------------------------------------------------------- classification rows


def class_rows(d: Data, items: Sequence[Item]) -> list[tuple[str, str, list[Item]]]:
    """(code, name, the items under it) for every 类, 款 and 项 of ``items``, in print order."""
    rows: list[tuple[str, str, list[Item]]] = []
    for cls in sorted({i.code[:3] for i in items}):
        under = [i for i in items if i.code.startswith(cls)]
        rows.append((cls, CLASS_NAME[cls], under))
        for seg in sorted({i.code[:5] for i in under}):
            seg_items = [i for i in under if i.code.startswith(seg)]
            rows.append((seg, SEGMENT_NAME[seg], seg_items))
            rows.extend((i.code, i.name, [i]) for i in seg_items)
    return rows


def code_cells(code: str, full: bool) -> list[str]:
    """The code as split 类|款|项 cells (national) — all parts printed (``full``) or only the new one."""
    parts = [code[:3], code[3:5], code[5:7]]
    if full:
        return parts
    level = {3: 0, 5: 1, 7: 2}[len(code)]
    return [parts[k] if k == level else "" for k in range(3)]


# ----------------------------------------------------------------------------- table 1


T1_INCOME_NEW = (("一、一般公共预算财政拨款收入", "gpb"), ("二、政府性基金预算财政拨款收入", "gov_fund"),
                 ("三、国有资本经营预算财政拨款收入", "soe"), ("四、上级补助收入", "inc_superior"), ("五、事业收入", "inc_business"),
                 ("六、经营收入", "inc_operating"), ("七、附属单位上缴收入", "inc_affiliated"), ("八、其他收入", "inc_other"))
T1_INCOME_OLD = (("一、财政拨款收入", "inc_fiscal"), ("二、上级补助收入", "inc_superior"), ("三、事业收入", "inc_business"),
                 ("四、经营收入", "inc_operating"), ("五、附属单位上缴收入", "inc_affiliated"), ("六、其他收入", "inc_other"))


def income_line_value(d: Data, key: str) -> Decimal:
    return d.fund_total(key, "inc_fiscal") if key in FUND_CATALOGUE else d.total(key)


def t1_lines(d: Data, b: Builder, national: bool, old: bool) -> tuple[list[tuple[str, CellT]], list[tuple[str, CellT]],
                                                                        list[tuple[str, CellT, str, CellT]]]:
    k = "T1"
    z = "" if b.rng.random() < 0.5 else None
    income = [(label, b.fig(income_line_value(d, key), k, f"T1 收入支出决算总表 {label}", zero=z))
              for label, key in (T1_INCOME_OLD if old else T1_INCOME_NEW)]
    used = set(d.classes())
    if national:
        classes = [(CLASS_NAME[c], b.fig(d.total("exp_total", prefix=c), k, f"T1 收入支出决算总表 {CLASS_NAME[c]}"))
                   for c in sorted(used)]
    else:
        classes = []
        for n, (c, name) in enumerate(CLASS_LIST):
            if c == "234" and d.year < 2020:
                continue
            label = f"{ORDINALS[n]}、{name}"
            fig = b.fig(d.total("exp_total", prefix=c), k, f"T1 收入支出决算总表 {label}") if c in used else ""
            classes.append((label, fig))
    use_label = "用事业基金弥补收支差额" if old else "使用非财政拨款结余"
    zz = "" if b.rng.random() < 0.6 else None
    totals = [
        ("本年收入合计", b.fig(d.income_total, k, "T1 本年收入合计"), "本年支出合计", b.fig(d.expense_total, k, "T1 本年支出合计")),
        (use_label, b.fig(d.nfb_use, k, f"T1 {use_label}", zero=zz), "结余分配",
         b.fig(d.distribution, k, "T1 结余分配", zero=zz)),
        ("年初结转和结余", b.fig(d.opening, k, "T1 年初结转和结余"), "年末结转和结余",
         b.fig(d.closing, k, "T1 年末结转和结余")),
        ("总计", b.fig(d.grand_total, k, "T1 总计（收入）"), "总计", b.fig(d.grand_total, k, "T1 总计（支出）")),
    ]
    return income, classes, totals


def t1_songjiang(d: Data, b: Builder) -> Tab:
    income, classes, totals = t1_lines(d, b, national=False, old=False)
    rows: list[RowT] = [[wide("收入", 2), wide("支出", 2)], ["项目", "决算数", "项目", "决算数"]]
    for n in range(max(len(income), len(classes))):
        left = income[n] if n < len(income) else (IDEO if b.rng.random() < 0.5 else "", "")
        right = classes[n] if n < len(classes) else ("", "")
        rows.append([left[0], left[1], right[0], right[1]])
    rows.extend([list(t) for t in totals])
    return Tab("T1", rows, [3.2, 1.6, 3.2, 1.6], header_rows=2)


def t1_national(d: Data, b: Builder) -> Tab:
    old = b.rng.random() < 0.5
    b.features["t1_income_lines"] = "old" if old else "new"
    income, classes, totals = t1_lines(d, b, national=True, old=old)
    rows: list[RowT] = [[wide("收入", 3), wide("支出", 3)], ["项目", "行次", "金额", "项目", "行次", "金额"],
                        ["栏次", "", "1", "栏次", "", "2"]]
    n_rows = max(len(income), len(classes))
    for n in range(n_rows):
        left = income[n] if n < len(income) else ("", "")
        right = classes[n] if n < len(classes) else ("", "")
        rows.append([left[0], str(n + 1), left[1], right[0], str(n_rows + n + 1), right[1]])
    line = 2 * n_rows
    for a, fa, c, fc in totals:
        rows.append([a, str(line + 1), fa, c, str(line + 2), fc])
        line += 2
    return Tab("T1", rows, [3.2, 0.6, 1.6, 3.2, 0.6, 1.6], header_rows=3)


# ----------------------------------------------------------------------------- tables 2, 3, 5


INCOME_COLS = (("本年收入合计", "inc_total"), ("财政拨款收入", "inc_fiscal"), ("上级补助收入", "inc_superior"),
               ("事业收入", "inc_business"), ("经营收入", "inc_operating"), ("附属单位上缴收入", "inc_affiliated"),
               ("其他收入", "inc_other"))
EXPENDITURE_COLS = (("本年支出合计", "exp_total"), ("基本支出", "basic"), ("项目支出", "project"),
                    ("上缴上级支出", "remit"), ("经营支出", "operating"), ("对附属单位补助支出", "subsidy"))
GPB_COLS = (("合计", "f_total"), ("基本支出", "f_basic"), ("项目支出", "f_project"))


def classification(d: Data, b: Builder, kind: str, title: str, items: Sequence[Item], cols: Sequence[tuple[str, str]],
                   mode: str, zero_cols: dict[str, str | None]) -> tuple[list[RowT], RowT]:
    """Body rows and the 合计 row of a classification table. ``mode``: how the code is printed —
    "code" (one cell), "span3" (one cell spanning 类|款|项), "split_full" / "split_new" (three cells)."""
    rows: list[RowT] = []

    def cells(label: str, its: Sequence[Item]) -> list[CellT]:
        return [b.fig(d.total(attr, its), kind, f"{kind} {title} {label}／{head}", zero=zero_cols.get(attr))
                for head, attr in cols]

    for code, name, its in class_rows(d, items):
        shown = indent(b.rng, name, 0.5) if len(code) == 7 and mode in ("code", "span3") else name
        amounts = cells(f"{code} {name}", its)
        if mode == "code":
            rows.append([code, shown, *amounts])
        elif mode == "span3":
            rows.append([wide(code, 3), shown, *amounts])
        else:
            rows.append([*code_cells(code, mode == "split_full"), shown, *amounts])
    return rows, cells("合计", items)


def zero_style(b: Builder) -> dict[str, str | None]:
    """Which columns print a zero as blank (the others by the document's zero style)."""
    blank = b.rng.random() < 0.5
    return {"inc_superior": "", "inc_business": "", "inc_operating": "", "inc_affiliated": "", "inc_other": "",
            "remit": "", "operating": "", "subsidy": "", "project": "" if blank else None, "f_project": None,
            "inc_fiscal": None}


def t2(d: Data, b: Builder, national: bool) -> Tab:
    heads = [h for h, _ in INCOME_COLS]
    top = national or b.rng.random() < 0.7
    if national:
        body, total = classification(d, b, "T2", "收入决算表", d.items, INCOME_COLS, "split_full", zero_style(b))
        head: list[RowT] = [[wide("项目", 4), *heads], [wide("科目编码", 3), "科目名称", *[UP] * len(heads)]]
        total_row: RowT = [wide("合计", 4), *total]
        weights = [0.6, 0.5, 0.5, 3.0] + [1.4] * len(heads)
    else:
        body, total = classification(d, b, "T2", "收入决算表", d.items, INCOME_COLS, "code", zero_style(b))
        head = [[wide("项目", 2), *heads], ["功能分类科目编码", "科目名称", *[UP] * len(heads)], [""] * (2 + len(heads))]
        total_row = [wide("合计", 2), *total]
        weights = [1.2, 3.0] + [1.4] * len(heads)
    rows = [*head, total_row, *body] if top else [*head, *body, total_row]
    b.features["t2_total"] = "top" if top else "bottom"
    return Tab("T2", rows, weights, header_rows=len(head))


def t3(d: Data, b: Builder, national: bool) -> Tab:
    heads = [h for h, _ in EXPENDITURE_COLS]
    top = national or b.rng.random() < 0.7
    z = zero_style(b)
    if national:
        body, total = classification(d, b, "T3", "支出决算表", d.items, EXPENDITURE_COLS, "split_new", z)
        head: list[RowT] = [[wide("项目", 4), *heads], [wide("功能分类科目编码", 3), "科目名称", *[UP] * len(heads)],
                            ["类", "款", "项", "栏次", *[str(n + 1) for n in range(len(heads))]]]
        total_row: RowT = [wide("合计", 4), *total]
        weights = [0.6, 0.5, 0.5, 3.0] + [1.4] * len(heads)
    else:
        body, total = classification(d, b, "T3", "支出决算表", d.items, EXPENDITURE_COLS, "span3", z)
        head = [[wide("项目", 4), *heads], [wide("支出功能分类科目编码", 3), "科目名称", *[UP] * len(heads)],
                [wide("", 3), "", *[""] * len(heads)]]
        weights = [0.5, 0.5, 0.5, 3.0] + [1.4] * len(heads)
        if top:
            total_row = ["类", "款", "项", "合计", *total]
        else:
            head.append(["类", "款", "项", "", *[""] * len(heads)])
            total_row = [wide("合计", 4), *total]
    rows = [*head, total_row, *body] if top else [*head, *body, total_row]
    b.features["t3_total"] = "top" if top else "bottom"
    return Tab("T3", rows, weights, header_rows=len(head))


def t5(d: Data, b: Builder, national: bool) -> Tab:
    items = d.where("gpb")
    top = national or b.rng.random() < 0.5
    z = {"f_project": "" if b.rng.random() < 0.4 else None, "f_basic": "" if b.rng.random() < 0.4 else None}
    body, total = classification(d, b, "T5", "一般公共预算财政拨款支出决算表", items, GPB_COLS, "code", z)
    heads = ["合计", "基本支出", "项目支出"]
    if national:
        head: list[RowT] = [[wide("项目", 2), *heads], ["科目编码", "科目名称", UP, UP, UP]]
        total_row: RowT = ["合计", "", *total]
    else:
        head = [[wide("项目", 2), *heads], ["功能分类科目编码", "科目名称", UP, UP, UP], [""] * 5, [""] * 5]
        label = b.rng.choice(("合计", "合计", "合计", "合计了"))
        total_row = [wide(label, 2), *total]
    rows = [*head, total_row, *body] if top else [*head, *body, total_row]
    tab = Tab("T5", rows, [1.4, 4.0, 1.6, 1.6, 1.6], header_rows=len(head))
    body_rows = len(rows) - len(head)
    if national and body_rows >= 8 and b.rng.random() < 0.25:  # continued twice
        first = b.rng.randint(len(head) + 2, len(head) + body_rows // 2)
        tab.splits = (first, b.rng.randint(first + 2, len(rows) - 1))
    elif national and body_rows >= 4:
        tab.splits = (b.rng.randint(len(head) + 2, len(rows) - 1),)
    b.features["t5_total"] = "top" if top else "bottom"
    b.features["t5_docx_parts"] = len(tab.splits) + 1
    return tab


# ----------------------------------------------------------------------------- table 4


def t4(d: Data, b: Builder, national: bool) -> Tab:
    k, title = "T4", "T4 财政拨款收入支出决算总表"
    funds = ("gpb", "gov_fund", "soe")
    zf = "" if b.rng.random() < 0.7 else None
    income = [(f"{o}、{n}", b.fig(d.fund_total(f, "inc_fiscal"), k, f"{title} {n}（收入）", zero=zf))
              for o, n, f in (("一", "一般公共预算财政拨款", "gpb"), ("二", "政府性基金预算财政拨款", "gov_fund"),
                              ("三", "国有资本经营预算财政拨款", "soe"))]
    openings = [(f"{o}、{n}", b.fig(d.fund_total(f, "opening"), k, f"{title} {n}（年初结转和结余）", zero=zf))
                for o, n, f in (("一", "一般公共预算财政拨款", "gpb"), ("二", "政府性基金预算财政拨款", "gov_fund"),
                                ("三", "国有资本经营预算财政拨款", "soe"))]

    def four(label: str, attr: str, prefix: str = "") -> list[CellT]:
        tot = b.fig(sum((d.fund_total(f, attr, prefix) for f in funds), ZERO), k, f"{title} {label}／合计")
        return [tot, *[b.fig(d.fund_total(f, attr, prefix), k, f"{title} {label}／{f}", zero=zf) for f in funds]]

    used = set(d.classes())
    classes: list[tuple[str, list[CellT]]] = []
    if national:
        classes = [(CLASS_NAME[c], four(CLASS_NAME[c], "f_total", c)) for c in sorted(used)]
    else:
        for n, (c, name) in enumerate(CLASS_LIST):
            if c == "234" and d.year < 2020:
                continue
            label = f"{ORDINALS[n]}、{name}"
            classes.append((label, four(label, "f_total", c) if c in used else ["", "", "", ""]))
    rows: list[RowT] = [[wide("收入", 2), wide("支出", 5)],
                        ["项目", "金额" if national else "决算数", "项目", "合计", "一般公共预算财政拨款",
                         "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]]
    for n in range(max(len(income), len(classes))):
        left = income[n] if n < len(income) else ("", "")
        right = classes[n] if n < len(classes) else ("", ["", "", "", ""])
        rows.append([left[0], left[1], right[0], *right[1]])
    rows.append(["本年收入合计", b.fig(d.fiscal_income, k, f"{title} 本年收入合计"), "本年支出合计",
                 *four("本年支出合计", "f_total")])
    rows.append(["年初财政拨款结转和结余", b.fig(d.fiscal_opening, k, f"{title} 年初财政拨款结转和结余"),
                 "年末财政拨款结转和结余", *four("年末财政拨款结转和结余", "closing")])
    rows.extend([label, fig, "", "", "", "", ""] for label, fig in openings)
    grand = [b.fig(d.fiscal_grand_total, k, f"{title} 总计（支出）／合计"),
             *[b.fig(d.fund_total(f, "inc_fiscal") + d.fund_total(f, "opening"), k, f"{title} 总计（支出）／{f}", zero=zf)
               for f in funds]]
    rows.append(["总计", b.fig(d.fiscal_grand_total, k, f"{title} 总计（收入）"), "总计", *grand])
    return Tab("T4", rows, [3.0, 1.5, 3.0, 1.5, 1.5, 1.5, 1.5], header_rows=2)


# ----------------------------------------------------------------------------- table 6


def t6_songjiang(d: Data, b: Builder) -> Tab:
    k, title = "T6", "T6 一般公共预算财政拨款基本支出决算表"
    groups_n = 3 if b.rng.random() < 0.3 else 2
    b.features["t6_groups"] = groups_n
    z = "" if b.rng.random() < 0.3 else None

    def lines(cls: str) -> list[tuple[str, str, CellT]]:
        name = ECONOMIC[cls][0]
        out: list[tuple[str, str, CellT]] = [(cls, name, b.fig(d.econ_class(cls), k, f"{title} {cls} {name}"))]
        out.extend((c, indent(b.rng, n, 0.7), b.fig(a, k, f"{title} {c} {n}", zero=z)) for c, n, a in d.econ[cls])
        return out

    present = [c for c in ("301", "303", "302", "310", "399") if c in d.econ]
    if groups_n == 2:
        groups = [[c for c in present if c in PERSONNEL], [c for c in present if c not in PERSONNEL]]
    else:
        groups = [["301"], ["302"], [c for c in present if c not in ("301", "302")]]
    cols = [[ln for c in g for ln in lines(c)] for g in groups]
    header: RowT = []
    for gi in range(groups_n):
        header.extend(["经济分类科目编码" if gi == 0 else "经济分类\n科目编码", "科目名称", "决算数"])
    rows: list[RowT] = [header]
    for n in range(max(len(c) for c in cols)):
        row: RowT = []
        for c in cols:
            row.extend(list(c[n]) if n < len(c) else ["", "", ""])
        rows.append(row)
    totals: RowT = [wide("人员经费合计", 2), b.fig(d.personnel, k, f"{title} 人员经费合计"),
                    wide("公用经费合计", 2), b.fig(d.public, k, f"{title} 公用经费合计")]
    if groups_n == 3:
        totals.extend([wide("", 2), ""])
    rows.append(totals)
    return Tab("T6", rows, [1.2, 3.0, 1.4] * groups_n, header_rows=1)


def t6_national(d: Data, b: Builder) -> Tab:
    k, title = "T6", "T6 一般公共预算财政拨款基本支出决算表"
    rows: list[RowT] = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]

    def row(code: str, name: str, amount: Decimal, personnel: bool) -> RowT:
        what = f"{title} {code} {name}"
        a = b.fig(amount, k, f"{what}／合计")
        p = b.fig(amount, k, f"{what}／人员经费") if personnel else ""
        q = "" if personnel else b.fig(amount, k, f"{what}／公用经费")
        return [code, name, a, p, q]

    rows.append(["合计", "", b.fig(d.personnel + d.public, k, f"{title} 合计／合计"),
                 b.fig(d.personnel, k, f"{title} 合计／人员经费"), b.fig(d.public, k, f"{title} 合计／公用经费")])
    for cls in sorted(d.econ):
        rows.append(row(cls, ECONOMIC[cls][0], d.econ_class(cls), cls in PERSONNEL))
        rows.extend(row(c, n, a, cls in PERSONNEL) for c, n, a in d.econ[cls] if a or b.rng.random() < 0.5)
    return Tab("T6", rows, [1.2, 3.6, 1.6, 1.6, 1.6], header_rows=1)


# ----------------------------------------------------------------------------- table 7


THREE_ITEMS = ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")


def t7_songjiang(d: Data, b: Builder) -> Tab:
    k = "T7"
    rows: list[RowT] = [
        [wide("一般公共预算财政拨款“三公”经费", 12)],
        [wide("合计", 2), wide("因公出国\n（境）费", 2), wide("公务用车购置及运行维护费", 6), wide("公务接待费", 2)],
        [below(2), below(2), wide("小计", 2), wide("公务用车\n购置费", 2), wide("公务用车\n运行维护费", 2), below(2)],
        ["预算数", "决算数"] * 6,
    ]
    figs: RowT = []
    for item in ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"):
        budget, actual = d.three[item]
        figs.append(b.fig(budget, k, f"T7 三公 {item}／预算数"))
        figs.append(b.fig(actual, k, f"T7 三公 {item}／决算数"))
    rows.append(figs)
    return Tab("T7", rows, [1.0] * 12, header_rows=4)


def t7_national(d: Data, b: Builder) -> Tab:
    k = "T7"
    labels = {"total": "合计", "abroad": "1.因公出国（境）费", "vehicle": "2.公务用车购置及运行维护费",
              "vehicle_purchase": "（1）公务用车购置费", "vehicle_operation": "（2）公务用车运行维护费",
              "reception": "3.公务接待费"}
    rows: list[RowT] = [["项目", "预算数", "决算数"]]
    for item in THREE_ITEMS:
        budget, actual = d.three[item]
        rows.append([labels[item], b.fig(budget, k, f"T7 三公 {labels[item]}／预算数"),
                     b.fig(actual, k, f"T7 三公 {labels[item]}／决算数")])
    return Tab("T7", rows, [4.0, 1.6, 1.6], header_rows=1)


# ----------------------------------------------------------------------------- tables 8, 9


FUND_COLS_FULL = (("年初结转和结余", "opening"), ("本年收入", "inc_fiscal"), ("小计", "f_total"), ("基本支出", "f_basic"),
                  ("项目支出", "f_project"), ("年末结转和结余", "closing"))
FUND_COLS_SHORT = (("年初结转和结余", "opening"), ("本年收入", "inc_fiscal"), ("本年支出", "f_total"),
                   ("年末结转和结余", "closing"))


def fund_table(d: Data, b: Builder, fund: str, kind: str, title: str, national: bool) -> Tab:
    items = d.where(fund)
    short = kind == "T9" and not national and b.rng.random() < 0.7
    cols = FUND_COLS_SHORT if short else FUND_COLS_FULL
    if short:
        head: list[RowT] = [[wide("项目", 2), "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"],
                            ["功能分类科目编码" if not national else "科目编码", "科目名称", UP, UP, UP, UP]]
    else:
        head = [[wide("项目", 2), "年初结转和结余", "本年收入", wide("本年支出", 3), "年末结转和结余"],
                ["功能分类科目编码" if not national else "科目编码", "科目名称", UP, UP, "小计", "基本支出", "项目支出", UP]]
    width = 2 + len(cols)
    if not items:
        if not national and not short:  # as published: the 合计 row carries the sub-headers
            rows: list[RowT] = [head[0], ["功能分类科目编码", "科目名称", UP, UP, below(3), UP],
                                [wide("合计", 2), "", "", "小计", "基本支出", "项目支出", ""],
                                *[[""] * width for _ in range(3)], [wide("合计", 2), *[""] * (width - 2)]]
            return Tab(kind, rows, [1.4, 3.6] + [1.4] * (width - 2), header_rows=2)
        return Tab(kind, [*head, [wide("合计", 2), *[""] * (width - 2)]], [1.4, 3.6] + [1.4] * (width - 2),
                   header_rows=len(head))
    z = {"opening": "" if b.rng.random() < 0.5 else None, "closing": None, "f_basic": "", "f_project": None}
    body, total = classification(d, b, kind, title, items, cols, "code", z)
    rows = [*head, [wide("合计", 2), *total], *body]
    return Tab(kind, rows, [1.4, 3.6] + [1.4] * (width - 2), header_rows=len(head))


# ----------------------------------------------------------------------------- assets


ASSET_LINES_SJ: tuple[tuple[str, str, bool], ...] = (  # label, role, has counts
    ("一、资产合计", "assets_total", False), ("   （一）流动资产", "current", False), ("   （二）固定资产", "fixed", False),
    ("          其中：1.房屋（平方米）", "buildings", False), ("                2.通用设备（台/套/辆）", "general_equipment", True),
    ("                     其中：（1）车辆（辆）", "vehicles", True), ("                                 一般公务用车", "vehicle_general", True),
    ("                                 执法执勤用车", "vehicle_enforcement", True),
    ("                                 特种专业技术用车", "vehicle_special", True),
    ("                                 其他用车", "vehicle_other", True),
    ("                   （2）单价50万元以上通用设备（不含车辆）", "general_large", True),
    ("               3.专用设备（台/套）", "special_equipment", True), ("                    其中：单价100万元以上专用设备", "special_large", True),
    ("               4.其他固定资产", "other_fixed", False), ("        减：累计折旧及减值准备", "depreciation", False),
    ("   （三）长期股权投资", "long_equity", False), ("   （四）长期债券投资", "long_bond", False),
    ("   （五）在建工程", "construction", False), ("   （六）无形资产", "intangible", False), ("        减：累计摊销", "amortization", False),
    ("   （七）其他资产", "other_assets", False), ("二、负债合计", "liabilities", False), ("三、净资产合计", "net_assets", False),
)
ASSET_LINES_NA: tuple[tuple[str, str], ...] = (
    ("资产总计", "assets_total"), ("（一）流动资产", "current"), ("（二）固定资产", "fixed"), ("其中：房屋", "buildings"),
    ("通用设备", "general_equipment"), ("其中：车辆", "vehicles"), ("专用设备", "special_equipment"),
    ("减：累计折旧", "depreciation"), ("（三）在建工程", "construction"), ("（四）无形资产", "intangible"),
    ("减：累计摊销", "amortization"), ("负债合计", "liabilities"), ("净资产合计", "net_assets"),
)


# "of which" lines that no equality covers (only 其中 ≤ its parent, AS005); in the national layout 车辆
# too, whose categories are not printed
OF_WHICH_ONLY = ("general_large", "special_large")


def asset_value(d: Data, role: str, year: int) -> Decimal:
    v = {k: pair[year] for k, pair in d.assets.items()}
    if role == "fixed":
        return fixed_assets(v)
    if role == "assets_total":
        return asset_total(v)
    if role == "net_assets":
        return asset_total(v) - v["liabilities"]
    return v[role]


def assets_songjiang(d: Data, b: Builder, unit_line: str) -> Tab:
    rows: list[RowT] = [[wide("资产负债情况表", 5)], ["", wide("", 2), wide(unit_line, 2)],
                        [IDEO, wide("数量", 2), wide("价值", 2)], [below(1), "年初数", "年末数", "年初数", "年末数"]]
    z = "" if b.rng.random() < 0.6 else None
    for label, role, has_count in ASSET_LINES_SJ:
        name = label.strip()
        if has_count:
            qty = [b.fig(D(d.counts[role][y]), "A", f"A {name}／数量", count=True) for y in (0, 1)]
        else:
            qty = ["——", "——"] if role not in ("buildings",) else [IDEO, IDEO]
        vals = [b.fig(asset_value(d, role, y), "A", f"A {name}／价值{'年初' if y == 0 else '年末'}数", zero=z,
                      injectable=role not in OF_WHICH_ONLY) for y in (0, 1)]
        rows.append([label, *qty, *vals])
    return Tab("A", rows, [4.4, 1.2, 1.2, 1.6, 1.6], header_rows=4)


def assets_national(d: Data, b: Builder) -> Tab:
    rows: list[RowT] = [["项目", "年初数", "年末数"]]
    z = "" if b.rng.random() < 0.5 else None
    for label, role in ASSET_LINES_NA:
        rows.append([label, *[b.fig(asset_value(d, role, y), "A", f"A {label}／{'年初' if y == 0 else '年末'}数", zero=z,
                                    injectable=role not in OF_WHICH_ONLY and role != "vehicles") for y in (0, 1)]])
    return Tab("A", rows, [4.0, 1.8, 1.8], header_rows=1)


# ----------------------------------------------------------------------------- the narrative


def narrative(d: Data, st: Style, rng: random.Random, national: bool) -> list[str]:
    u = st.unit_label
    sep = st.sep != "never"

    def m(v: Decimal) -> str:
        return f"{st.number(v, sep if st.sep != 'mixed' else rng.random() < 0.5)}{u}"

    name, y = d.unit_name, d.year
    out = [f"第三部分  {name}" if not national else f"第三部分 {name}{y}年度部门决算情况说明"]
    if not national:
        out.append(f"{y}年度部门决算情况说明")
    out.append("一、收入支出决算总体情况说明")
    change = d.grand_total - d.prev_total
    word, rate_word = ("增加", "增长") if change >= 0 else ("减少", "下降")
    out.append(f"{name}{y}年度收入支出总计{m(d.grand_total)}。与{y - 1}年度相比，收入支出总计{word}{m(abs(change))}，"
               f"{rate_word}{pct(abs(change), d.prev_total)}%。主要原因：业务工作量变化及人员调整。")
    out.append("二、收入决算情况说明")
    parts = [(n, d.total(a)) for n, a in (("财政拨款收入", "inc_fiscal"), ("上级补助收入", "inc_superior"),
                                          ("事业收入", "inc_business"), ("经营收入", "inc_operating"),
                                          ("附属单位上缴收入", "inc_affiliated"), ("其他收入", "inc_other")) if d.total(a)]
    inc = d.income_total
    out.append(f"本年收入合计{m(inc)}，其中：" + "；".join(f"{n}{m(v)}，占{pct(v, inc)}%" for n, v in parts) + "。")
    out.append("三、支出决算情况说明")
    exp = d.expense_total
    sparts = [(n, d.total(a)) for n, a in (("基本支出", "basic"), ("项目支出", "project"), ("上缴上级支出", "remit"),
                                           ("经营支出", "operating"), ("对附属单位补助支出", "subsidy")) if d.total(a)]
    out.append(f"本年支出合计{m(exp)}，其中：" + "；".join(f"{n}{m(v)}，占{pct(v, exp)}%" for n, v in sparts) + "。")
    out.append("四、财政拨款收入支出决算总体情况说明")
    out.append(f"{name}{y}年度财政拨款收入支出总计{m(d.fiscal_grand_total)}。")
    out.append("五、一般公共预算财政拨款支出决算情况说明")
    gpb = d.where("gpb")
    gpb_total = d.total("f_total", gpb)
    out.append("（一）一般公共预算财政拨款支出决算总体情况")
    out.append(f"一般公共预算财政拨款支出{m(gpb_total)}，占本年支出合计的{pct(gpb_total, exp)}%。")
    out.append("（二）一般公共预算财政拨款支出决算结构情况")
    cls_parts = [(CLASS_NAME[c], d.total("f_total", gpb, c)) for c in d.classes(gpb)]
    out.append(f"{name}{y}年度一般公共预算财政拨款支出{m(gpb_total)}，主要用于以下方面："
               + "；".join(f"{n}（类）{m(v)}，占{pct(v, gpb_total)}%" for n, v in cls_parts) + "。")
    out.append("（三）一般公共预算财政拨款支出决算具体情况")
    cmp_word = "大于" if gpb_total > d.gpb_budget else "小于"
    out.append(f"一般公共预算财政拨款支出年初预算为{m(d.gpb_budget)}，支出决算为{m(gpb_total)}，完成年初预算的"
               f"{pct(gpb_total, d.gpb_budget)}%。决算数{cmp_word}预算数的主要原因：年中追加预算。")
    out.append("六、一般公共预算财政拨款基本支出决算情况说明")
    out.append(f"一般公共预算财政拨款基本支出{m(d.basic_gpb)}。其中：人员经费{m(d.personnel)}，主要包括：基本工资、津贴补贴、"
               f"奖金、绩效工资、机关事业单位基本养老保险缴费；公用经费{m(d.public)}，主要包括：办公费、印刷费、邮电费、"
               "差旅费、维修（护）费。")
    out.append("七、一般公共预算财政拨款“三公”经费支出决算情况说明")
    tb, ta = d.three["total"]
    out.append(f"“三公”经费财政拨款支出年初预算为{m(tb)}，支出决算为{m(ta)}，完成预算的{pct(ta, tb)}%。")
    items = (("因公出国（境）费", "abroad"), ("公务用车购置及运行维护费", "vehicle"), ("公务接待费", "reception"))
    out.append("“三公”经费财政拨款支出决算中，" + "；".join(
        f"{n}支出决算{m(d.three[k][1])}，占{pct(d.three[k][1], ta)}%" for n, k in items) + "。")
    out.append("八、政府性基金预算财政拨款收入支出决算情况说明")
    out.append(f"政府性基金预算财政拨款收入{m(d.fund_total('gov_fund', 'inc_fiscal'))}，"
               f"支出{m(d.fund_total('gov_fund', 'f_total'))}。")
    out.append("九、国有资本经营预算财政拨款收入支出决算情况说明")
    out.append(f"国有资本经营预算财政拨款收入{m(d.fund_total('soe', 'inc_fiscal'))}，支出{m(d.fund_total('soe', 'f_total'))}。")
    out.append("第四部分 名词解释")
    out.append("一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。")
    return out


# ----------------------------------------------------------------------------- one disclosure


def make_doc(seed: int, n: int) -> Doc:
    """Disclosure number ``n`` of the corpus of ``seed``: drawn from its own generator."""
    rng = random.Random(f"juesuan-corpus-{seed}-{n}")
    national = rng.random() < 0.5
    layout = "national" if national else "songjiang"
    wan = rng.random() < 0.7
    style = Style(D(1) if wan else D(10000), rng.choice(("always", "always", "never", "mixed")),
                  rng.choice((0.0, 0.0, 0.05, 0.15)), rng.choice(("0.00", "0.00", "", "-")))
    d = draw_data(rng, national)
    b = Builder(rng, style)
    unit_line = f"单位：{style.unit_label}" if rng.random() < 0.8 else f"金额单位：{style.unit_label}"
    name, y = d.unit_name, d.year
    prefix = (lambda i: f"表{i} ") if national else (lambda i: "")
    titles = {
        "T1": "收入支出决算总表", "T2": "收入决算表", "T3": "支出决算表", "T4": "财政拨款收入支出决算总表",
        "T5": "一般公共预算财政拨款支出决算表" if not national else "一般公共预算财政拨款支出决算明细表",
        "T6": (f"{y}年度一般公共预算财政拨款基本支出决算表" if rng.random() < 0.5 else "一般公共预算财政拨款基本支出决算表")
        if not national else "一般公共预算财政拨款基本支出决算明细表",
        "T7": "一般公共预算财政拨款“三公”经费支出决算表", "T8": "政府性基金预算财政拨款收入支出决算表",
        "T9": "国有资本经营预算财政拨款收入支出决算表" if not national else "国有资本经营预算财政拨款支出决算表",
        "A": "国有资产占用情况表",
    }
    notes = {
        "T1": ["注：本表反映部门本年度的总收支和年末结转结余情况。"], "T2": ["注：本表反映部门本年度取得的各项收入情况。"],
        "T3": ["注：本表反映部门本年度各项支出情况。"], "T4": ["注：本表反映部门本年度财政拨款总收支和结转结余情况。"],
        "T5": ["注：本表反映部门本年度一般公共预算财政拨款支出情况。"],
        "T6": ["注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。"],
        "T7": ["注：本表反映部门本年度“三公”经费支出预决算情况。"],
        "T8": ["注：本表反映单位本年度政府性基金预算财政拨款收入支出及结转和结余情况。"],
        "T9": ["注：本表反映单位本年度国有资本经营预算财政拨款收入支出及结转和结余情况。"],
        "A": [],
    }
    if not d.where("gov_fund"):
        notes["T8"].append(f"说明：{name}本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。")
    if not d.where("soe"):
        notes["T9"].append(f"说明：{name}本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。")
    tables: dict[str, Tab] = {
        "T1": t1_national(d, b) if national else t1_songjiang(d, b),
        "T2": t2(d, b, national), "T3": t3(d, b, national), "T4": t4(d, b, national), "T5": t5(d, b, national),
        "T6": t6_national(d, b) if national else t6_songjiang(d, b),
        "T7": t7_national(d, b) if national else t7_songjiang(d, b),
        "T8": fund_table(d, b, "gov_fund", "T8", "政府性基金预算财政拨款收入支出决算表", national),
        "T9": fund_table(d, b, "soe", "T9", "国有资本经营预算财政拨款收入支出决算表", national),
        "A": assets_national(d, b) if national else assets_songjiang(d, b, unit_line),
    }
    sections = []
    for i, kind in enumerate(("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"), start=1):
        sections.append(Section(f"{prefix(i)}{titles[kind]}", unit_line, tables[kind], notes[kind],
                                f"{i} {titles[kind]}"[:31]))
    if national:
        sections.append(Section(f"表10 {titles['A']}", unit_line, tables["A"], [], titles["A"]))
    else:
        sections.append(Section(None, None, tables["A"], [], "资产负债情况表"))
    overview = [f"第一部分 {name}概况", "一、主要职能", f"{name}负责本行政区域内相关公共事务的管理和服务工作。",
                "二、机构设置", f"从预算单位构成看，{name}部门决算包括：{name}本级决算。",
                f"纳入{name}{y}年度部门决算编制范围的单位包括："]
    n_units = rng.randint(1, 4)
    unit_list = Tab(None, [["序号", "单位名称", "备注"], *[[str(k + 1), f"{name}（本级）" if k == 0 else "。。。", ""]
                                                        for k in range(n_units)]], [0.8, 6.0, 2.0], header_rows=1)
    part_two = [f"第二部分 {name}{y}年度", "部门决算表"] if not national else [f"第二部分 {name}{y}年度部门决算报表"]
    doc = Doc("", layout, style.unit_label, overview, unit_list, part_two, sections,
              narrative(d, style, rng, national), style, b.figs)
    doc.name = f"d{n:05d}-{'na' if national else 'sj'}-{'wan' if wan else 'yuan'}"
    doc.features = {"sep": style.sep, "quirks": style.quirks, "zero": style.zero or "(blank)",
                    "items": len(d.items), "classes": len(d.classes()), "gov_fund": bool(d.where("gov_fund")),
                    "soe": bool(d.where("soe")), "nonfiscal": d.total("nf_spending") > 0 or d.total("nf_income") > 0,
                    "economic_full_lists": all(len(d.econ[c]) == len(ECONOMIC[c][1]) for c in d.econ), **b.features}
    return doc


# ==================================================================================================
# Injection
# ==================================================================================================


@dataclass
class Injection:
    fig: Fig
    old: str
    new: str


def _signed_sums_clear(deltas: list[Decimal], floor: Decimal) -> bool:
    """No two or more of the changes cancel (nearly) in a signed sum."""
    for k in range(2, len(deltas) + 1):
        for combo in itertools.combinations(deltas, k):
            for signs in itertools.product((1, -1), repeat=k):
                if abs(sum((s * x for s, x in zip(signs, combo, strict=True)), ZERO)) < floor:
                    return False
    return True


def inject(doc: Doc, rng: random.Random, style: Style) -> list[Injection]:
    """Change 1–3 printed figures of the document; every table kind equally likely to be picked."""
    candidates = [f for f in doc.figs if f.injectable and f.value != 0 and f.text.strip()]
    by_kind: dict[str, list[Fig]] = defaultdict(list)
    for f in candidates:
        by_kind[f.kind].append(f)
    kinds = sorted(by_kind)
    floor = D("0.30") if style.factor == 1 else D("0.10")
    texts = {normalize_text(f.text).replace(",", "") for f in doc.figs}
    n = rng.choice((1, 1, 2, 2, 3))
    for _attempt in range(50):
        chosen: list[Fig] = []
        for _ in range(n):
            kind = rng.choice(kinds)
            pool = [f for f in by_kind[kind] if f not in chosen]
            if pool:
                chosen.append(rng.choice(pool))
        deltas: list[Decimal] = []
        for f in chosen:
            hi = max(float(floor) * 3, float(f.value) * 0.5)
            mag = max(floor, log_uniform(rng, float(floor), hi))
            sign = -1 if rng.random() < 0.5 and f.value - mag > 0 else 1
            deltas.append(sign * mag)
        new_texts = []
        for f, delta in zip(chosen, deltas, strict=True):
            probe = Fig(f.value + delta, f.kind, f.what, False, "", f.quirk, f.sep)
            new_texts.append(normalize_text(style.render(probe)).replace(",", ""))
        if (not _signed_sums_clear(deltas, floor) or len(set(new_texts)) < len(new_texts)
                or any(t in texts for t in new_texts)):
            continue
        out: list[Injection] = []
        for f, delta in zip(chosen, deltas, strict=True):
            old_text = f.text
            f.value = f.value + delta
            f.text = style.render(f)
            out.append(Injection(f, old_text, f.text))
        return out
    return []


# ==================================================================================================
# Writing (jueSuan.fixtures): .docx (document.xml directly, or python-docx), .xlsx, .pdf (soffice)
# ==================================================================================================


def printed(rows: Sequence[RowT]) -> tuple[list[list[str | Cell]], dict[int, tuple[int, int]]]:
    """The rows as printed (a figure is its text, right-aligned), and each figure's grid position
    (uid -> (row, col))."""
    out = [[Cell(cell.text, align="right") if isinstance(cell, Fig) else cell for cell in row] for row in rows]
    grid, _ = grid_rows(out)
    where = {cell.uid: (r, c) for r, (row, placed) in enumerate(zip(rows, grid, strict=True))
             for cell, (c, _) in zip(row, placed, strict=True) if isinstance(cell, Fig)}
    return out, where


def docx_tables(tab: Tab) -> list[tuple[Table, dict[int, tuple[int, int]]]]:
    """The table as printed in the .docx: one table, or more (a split, its header repeated), each with
    its figures' grid positions (uid -> (row, col))."""
    bounds = [0, *tab.splits, len(tab.rows)]
    parts = [tab.rows[a:b] if k == 0 else tab.rows[: tab.header_rows] + tab.rows[a:b]
             for k, (a, b) in enumerate(itertools.pairwise(bounds))]
    out = []
    for rows in parts:
        cells, where = printed(rows)
        out.append((Table(cells, tab.weights), where))
    return out


# paragraph styles: size (pt), bold, alignment
_PARA_STYLE = {"title": (14, True, "center"), "part": (16, True, "center"), "unit": (10, False, "right"),
               "note": (10, False, None), "heading": (12, True, None), "body": (12, False, None)}


def docx_blocks(doc: Doc) -> tuple[list[Paragraph | Table], dict[int, tuple[int, int, int]]]:
    """The body in order; and each figure's (table index, row, col) in the reader's grids."""
    blocks: list[Paragraph | Table] = []
    where: dict[int, tuple[int, int, int]] = {}

    def para(text: str, style: str) -> None:
        blocks.append(Paragraph(text, *_PARA_STYLE[style]))

    def table(t: Table, positions: dict[int, tuple[int, int]]) -> None:
        n_table = sum(isinstance(x, Table) for x in blocks)
        where.update({uid: (n_table, r, c) for uid, (r, c) in positions.items()})
        blocks.append(t)

    for text in doc.overview:
        para(text, "heading" if text.startswith(("第一部分", "一、", "二、")) else "body")
    table(Table(printed(doc.unit_list.rows)[0], doc.unit_list.weights), {})
    for text in doc.part_two:
        para(text, "part")
    for s in doc.sections:
        if s.title:
            para(s.title, "title")
        if s.unit:
            para(s.unit, "unit")
        for k, (t, positions) in enumerate(docx_tables(s.table)):
            if k:
                para("", "body")
            table(t, positions)
        for note in s.notes:
            para(note, "note")
    for text in doc.narrative:
        para(text, "heading" if len(text) < 40 else "body")
    return blocks, where


def write_docx(doc: Doc, path: Path) -> dict[int, tuple[int, int, int]]:
    """Write the .docx (document.xml directly); return each figure's (table index, row, col)."""
    blocks, where = docx_blocks(doc)
    write_docx_fast(path, blocks)
    return where


def write_docx_slow(doc: Doc, path: Path) -> dict[int, tuple[int, int, int]]:
    """The same document through python-docx (slow; a reference)."""
    blocks, where = docx_blocks(doc)
    write_docx_python(path, blocks)
    return where


def write_xlsx_doc(doc: Doc, path: Path) -> dict[int, tuple[str, int, int]]:
    """Write the .xlsx, one table per sheet; return each figure's (sheet, row, col) as written."""
    where: dict[int, tuple[str, int, int]] = {}
    unit_list = Table(printed(doc.unit_list.rows)[0])
    top = len(doc.overview) + len(doc.unit_list.rows) + 1
    sheets = [Sheet("部门概况", (*lines(doc.overview), *table_cells(unit_list, len(doc.overview)),
                                 *lines(doc.part_two, top, bold=True)), grid_rows(unit_list)[1])]
    for s in doc.sections:
        rows, positions = printed(s.table.rows)
        sheet, top = section_sheet(s.sheet, Table(rows), s.title, s.unit, s.notes)
        where.update({uid: (s.sheet, top + r, c) for uid, (r, c) in positions.items()})
        sheets.append(sheet)
    sheets.append(Sheet("情况说明", tuple(lines(doc.narrative)), 1))
    write_xlsx(sheets, path)
    return where


def convert_to_pdf(docx_files: list[Path], out_dir: Path, batch: int = 40, jobs: int = 2) -> tuple[list[Path], str]:
    """Convert with LibreOffice, ``batch`` files per call, ``jobs`` calls at a time (each its own profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return [], "soffice (LibreOffice) not found: no PDF written"
    out_dir.mkdir(parents=True, exist_ok=True)
    for f in docx_files:  # no stale PDF from an earlier run passes for a converted one
        (out_dir / (f.stem + ".pdf")).unlink(missing_ok=True)
    batches = [docx_files[i:i + batch] for i in range(0, len(docx_files), batch)]
    with tempfile.TemporaryDirectory(prefix="corpus-lo-") as tmp:
        procs: list[subprocess.Popen[bytes]] = []
        for k, files in enumerate(batches):
            if k >= jobs:  # profile k % jobs is free again when the call that used it last is done
                procs[k - jobs].wait()
            profile = Path(tmp) / f"profile{k % jobs}"
            procs.append(subprocess.Popen(
                [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                 "--outdir", str(out_dir), *map(str, files)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for p in procs:
            p.wait()
    made = [out_dir / (f.stem + ".pdf") for f in docx_files]
    missing = [p.name for p in made if not p.exists()]
    return [p for p in made if p.exists()], (f"{len(missing)} PDF(s) not produced: {missing[:5]}" if missing else "")


# ==================================================================================================
# Reading back: truth locations
# ==================================================================================================


def read_any(path: Path) -> ReadDocument:
    """``read_document``, and the PDF reader directly for a .pdf while ``read_document`` refuses it."""
    try:
        return read_document(path)
    except ReadError as exc:
        if exc.reason is Reason.UNSUPPORTED_FORMAT and path.suffix.lower() == ".pdf":
            from jueSuan.readers.pdf import read_pdf

            return read_pdf(path)
        raise


def _grid(doc: ReadDocument, index: int) -> Grid | None:
    return next((g for g in doc.grids if g.index == index), None)


def _same(a: str, b: str) -> bool:
    return normalize_text(a) == normalize_text(b)


def locate_docx(read: ReadDocument, where: tuple[int, int, int], text: str) -> tuple[bool, str]:
    t, r, c = where
    g = _grid(read, t)
    if g is None or r >= g.n_rows or c >= g.n_cols:
        return False, "(no such cell)"
    got = g.rows[r][c].text
    return _same(got, text), got


def locate_xlsx(read: ReadDocument, sheet: str, row: int, col: int) -> tuple[int, int, int, str] | None:
    name = cell_name(sheet, row, col)
    for g in read.grids:
        if g.ref.sheet != sheet:
            continue
        for cells in g.rows:
            for cell in cells:
                if cell.ref.cell == name and cell.origin is None:
                    return g.index, cell.ref.row or 0, cell.ref.col or 0, cell.text
    return None


def locate_text(read: ReadDocument, text: str) -> list[tuple[int, int, int]]:
    """Every grid cell (not a merge copy) printing ``text``."""
    want = normalize_text(text)
    hits = []
    for g in read.grids:
        for cells in g.rows:
            for cell in cells:
                if cell.origin is None and normalize_text(cell.text) == want:
                    hits.append((g.index, cell.ref.row or 0, cell.ref.col or 0))
    return hits


# ==================================================================================================
# Generate
# ==================================================================================================


def _injection_record(inj: Injection, loc: tuple[int, int, int] | None, extra: dict[str, Any]) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "table_kind": inj.fig.kind,
        "table": loc[0] if loc else None, "row": loc[1] if loc else None, "col": loc[2] if loc else None,
        "old": inj.old, "new": inj.new,
        "description": f"{inj.fig.what}: {inj.old.strip() or '(空)'} → {inj.new.strip()}",
    }
    rec.update(extra)
    return rec


def pdf_missing_figures(pdf: Path, expected: list[str]) -> list[str]:
    """The figures of the document that the PDF does not print (a conversion that lost content): each
    figure text must be the text of a table cell found by pdfplumber (independently of jueSuan), as
    many times as the document prints it."""
    import pdfplumber

    have: Counter[str] = Counter()
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            for table in page.extract_tables():
                have.update(normalize_text(cell) for row in table for cell in row if cell)
    want = Counter(normalize_text(t) for t in expected if normalize_text(t) not in ("", "-"))
    return sorted(t for t, n in want.items() if have[t] < n)


def pdf_truth(args: tuple[Path, str, str, dict[str, Any], list[tuple[str, str, str, str]], list[str]]
              ) -> tuple[dict[str, Any], list[str]]:
    """The truth entry of one PDF: each changed figure located as the one grid cell printing its new text;
    and the figures the conversion lost, if any."""
    pdf, layout, unit, features, injections, expected = args
    problems: list[str] = []
    lost = pdf_missing_figures(pdf, expected)
    if lost:
        problems.append(f"{pdf.name}: the PDF lacks {len(lost)} figure(s) of the document ({', '.join(lost[:4])}…): "
                        "excluded from the measure")
    try:
        read: ReadDocument | None = read_any(pdf)
    except ReadError as exc:
        problems.append(f"{pdf.name}: cannot be read back ({exc})")
        read = None
    recs = []
    for kind, what, old, new in injections:
        hits = locate_text(read, new) if read is not None else []
        loc = hits[0] if len(hits) == 1 else None
        if loc is None:
            problems.append(f"{pdf.name}: {what} new text {new!r} found in {len(hits)} grid cells")
        recs.append({"table_kind": kind, "table": loc[0] if loc else None, "row": loc[1] if loc else None,
                     "col": loc[2] if loc else None, "old": old, "new": new,
                     "description": f"{what}: {old.strip() or '(空)'} → {new.strip()}",
                     "verified": loc is not None, "matches": len(hits)})
    entry = {"file": pdf.name, "format": "pdf", "layout": layout, "unit": unit, "features": features,
             "injected": recs}
    if lost:
        entry["conversion_lost"] = lost
    return entry, problems


def generate(n: int, out: Path, formats: list[str], seed: int, docx_writer: str, jobs: int = 1) -> None:
    out.mkdir(parents=True, exist_ok=True)
    truth: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    timing: Counter[str] = Counter()
    pdf_sources: list[tuple[Path, Doc, list[Injection]]] = []
    pdf_dir = out
    tmp_docx = Path(tempfile.mkdtemp(prefix="corpus-docx-")) if "pdf" in formats and "docx" not in formats else None
    problems: list[str] = []
    writer: Callable[[Doc, Path], dict[int, tuple[int, int, int]]] = (
        write_docx_slow if docx_writer == "python-docx" else write_docx)
    for k in range(n):
        t = time.perf_counter()
        doc = make_doc(seed, k)
        style_rng = random.Random(f"juesuan-inject-{seed}-{k}")
        injected = style_rng.random() < 0.4
        injections = inject(doc, style_rng, doc.style) if injected else []
        timing["build"] += time.perf_counter() - t
        if "docx" in formats or "pdf" in formats:
            target = (out if "docx" in formats else tmp_docx) / f"{doc.name}.docx"  # type: ignore[operator]
            t = time.perf_counter()
            where = writer(doc, target)
            timing["docx"] += time.perf_counter() - t
            t = time.perf_counter()
            read = read_document(target)
            recs = []
            for inj in injections:
                ok, got = locate_docx(read, where[inj.fig.uid], inj.new)
                if not ok:
                    problems.append(f"{target.name}: {inj.fig.what} expected {inj.new!r} at {where[inj.fig.uid]}, "
                                    f"read {got!r}")
                recs.append(_injection_record(inj, where[inj.fig.uid], {"verified": ok}))
            timing["docx-verify"] += time.perf_counter() - t
            if "docx" in formats:
                truth.append({"file": target.name, "format": "docx", "layout": doc.layout, "unit": doc.unit, "features": doc.features,
                              "injected": recs})
            if "pdf" in formats:
                pdf_sources.append((target, doc, injections))
        if "xlsx" in formats:
            target = out / f"{doc.name}.xlsx"
            t = time.perf_counter()
            sheet_where = write_xlsx_doc(doc, target)
            timing["xlsx"] += time.perf_counter() - t
            t = time.perf_counter()
            read = read_document(target)
            recs = []
            for inj in injections:
                sheet, r, c = sheet_where[inj.fig.uid]
                hit = locate_xlsx(read, sheet, r, c)
                ok = hit is not None and _same(hit[3], inj.new)
                if not ok:
                    problems.append(f"{target.name}: {inj.fig.what} expected {inj.new!r} at {cell_name(sheet, r, c)}, "
                                    f"read {hit!r}")
                recs.append(_injection_record(inj, hit[:3] if hit else None,
                                              {"cell": cell_name(sheet, r, c), "verified": ok}))
            timing["xlsx-verify"] += time.perf_counter() - t
            truth.append({"file": target.name, "format": "xlsx", "layout": doc.layout, "unit": doc.unit, "features": doc.features,
                          "injected": recs})
    if pdf_sources:
        t = time.perf_counter()
        made, msg = convert_to_pdf([p for p, _, _ in pdf_sources], pdf_dir, jobs=max(1, jobs))
        timing["pdf"] += time.perf_counter() - t
        if msg:
            print(msg)
        made_names = {p.name for p in made}
        t = time.perf_counter()
        work = [(pdf_dir / (src.stem + ".pdf"), doc.layout, doc.unit, doc.features,
                 [(inj.fig.kind, inj.fig.what, inj.old, inj.new) for inj in injections],
                 [f.text for f in doc.figs if f.text.strip()])
                for src, doc, injections in pdf_sources if src.stem + ".pdf" in made_names]
        if jobs > 1:
            with ProcessPoolExecutor(jobs) as pool:
                results = list(pool.map(pdf_truth, work, chunksize=2))
        else:
            results = [pdf_truth(w) for w in work]
        for entry, found_problems in results:
            truth.append(entry)
            problems.extend(found_problems)
        timing["pdf-verify"] += time.perf_counter() - t
    if tmp_docx is not None:
        shutil.rmtree(tmp_docx, ignore_errors=True)
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    total = time.perf_counter() - t0
    n_inj = sum(1 for e in truth if e["injected"])
    print(f"wrote {len(truth)} files ({n} disclosures × {', '.join(formats)}) to {out} in {total:.1f} s; "
          f"{n_inj} files with injected errors")
    print("time per disclosure: " + ", ".join(f"{k} {v / n * 1e3:.1f} ms" for k, v in timing.items()))
    if problems:
        print(f"{len(problems)} truth location problem(s):")
        for p in problems[:30]:
            print("  " + p)


# ==================================================================================================
# Measure
# ==================================================================================================


def _key(file: str, table: int | None, row: int | None, col: int | None) -> tuple[str, int | None, int | None, int | None]:
    return Path(file).name, table, row, col


def _ref_key(ref: Any) -> tuple[str, int | None, int | None, int | None]:
    return _key(ref.file, ref.table, ref.row, ref.col)


def measure_file(root: Path, entry: dict[str, Any]) -> dict[str, Any]:
    """Read and reconcile one file of the corpus; what was found, missed and falsely alarmed."""
    rec: dict[str, Any] = {"file": entry["file"], "format": entry["format"], "layout": entry["layout"],
                           "unit": entry["unit"], "injected": len(entry["injected"]), "found": 0, "misses": [],
                           "false_alarms": [], "rules": Counter(), "detected_by": Counter()}
    t = time.perf_counter()
    try:
        report = build_report([read_any(root / entry["file"])])
    except ReadError as exc:
        rec["read_error"] = str(exc)
        return rec
    findings = reconcile(report)
    rec["seconds"] = time.perf_counter() - t
    errors = [f for f in findings if f.severity is Severity.ERROR]
    rec["rules"].update(f.rule for f in errors)
    rec["rounding"] = sum(1 for f in findings if f.severity is Severity.ROUNDING)
    rec["unchecked"] = sum(1 for f in findings if f.severity is Severity.UNCHECKED)
    rec["unplaced"] = len(report.unplaced)
    inj = entry["injected"]
    targets = {_key(entry["file"], i["table"], i["row"], i["col"]) for i in inj if i["table"] is not None}
    naming = [f for f in errors if any(_ref_key(tm.ref) in targets for tm in f.terms)]
    explained = {(f.rule, f.table, f.line) for f in naming}
    for i in inj:
        key = _key(entry["file"], i["table"], i["row"], i["col"])
        if i["table"] is None:  # not located in the grids (a PDF): found when an error prints the new text
            hit = [f for f in errors if any(_same(tm.printed, i["new"]) for tm in f.terms)]
        else:
            hit = [f for f in naming if any(_ref_key(tm.ref) == key for tm in f.terms)]
        if hit:
            rec["found"] += 1
            rec["detected_by"].update({f.rule for f in hit})
            continue
        other = [f for f in findings if any(_ref_key(tm.ref) == key for tm in f.terms)]
        rec["misses"].append({
            "file": entry["file"], "format": entry["format"], "layout": entry["layout"], "unit": entry["unit"], **i,
            "other_findings": [f"{f.rule} {f.severity.label}: {f.message}" for f in other][:5],
            "unplaced": [f"{u.what}: {u.reason} @{u.ref.short()} {u.text}" for u in report.unplaced][:10],
            "features": entry.get("features", {}),
        })
    for f in errors:
        if f in naming or (f.rule, f.table, f.line) in explained:
            continue
        rec["false_alarms"].append({
            "file": entry["file"], "format": entry["format"], "layout": entry["layout"], "unit": entry["unit"],
            "injected": bool(inj), "rule": f.rule, "message": f.message,
            "terms": [f"{tm.label}={tm.printed} @{tm.ref.short()}" for tm in f.terms][:8],
            "unplaced": [f"{u.what}: {u.reason} @{u.ref.short()} {u.text}" for u in report.unplaced][:10],
            "features": entry.get("features", {}),
        })
    return rec


def _summary(recs: list[dict[str, Any]]) -> dict[str, Any]:
    read = [r for r in recs if "read_error" not in r]
    injected = sum(r["injected"] for r in read)
    found = sum(r["found"] for r in read)
    clean = [r for r in read if not r["injected"]]
    return {
        "documents": len(recs), "read": len(read), "read_errors": len(recs) - len(read),
        "injected_documents": len(read) - len(clean), "clean_documents": len(clean),
        "injected_figures": injected, "found": found,
        "recall": round(found / injected, 4) if injected else None,
        "false_alarms_clean": sum(len(r["false_alarms"]) for r in clean),
        "false_alarms_injected": sum(len(r["false_alarms"]) for r in read if r["injected"]),
        "clean_documents_with_false_alarms": sum(1 for r in clean if r["false_alarms"]),
        "documents_with_false_alarms": sum(1 for r in read if r["false_alarms"]),
        "ms_per_document": round(sum(r.get("seconds", 0) for r in read) / max(1, len(read)) * 1e3, 1),
        # a clean document is exact by construction: not even a rounding finding
        "rounding_findings_clean": sum(r["rounding"] for r in clean),
        "unchecked_findings": sum(r["unchecked"] for r in read),
        "unplaced_items": sum(r["unplaced"] for r in read),
    }


def _measure_one(args: tuple[Path, dict[str, Any]]) -> dict[str, Any]:
    return measure_file(*args)


def measure(root: Path, jobs: int = 1) -> dict[str, Any]:
    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    lossy = [e["file"] for e in truth if e.get("conversion_lost")]
    truth = [e for e in truth if not e.get("conversion_lost")]
    work = [(root, e) for e in truth]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            recs = list(pool.map(_measure_one, work, chunksize=4))
    else:
        recs = [_measure_one(w) for w in work]
    result: dict[str, Any] = {"formats": {}, "by_layout": {}, "recall_by_table": {}, "rules_fired": {},
                              "detected_by": {}}
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in recs:
        groups[r["format"]].append(r)
    for fmt, rs in sorted(groups.items()):
        result["formats"][fmt] = _summary(rs)
        for layout in sorted({r["layout"] for r in rs}):
            result["by_layout"][f"{fmt}/{layout}"] = _summary([r for r in rs if r["layout"] == layout])
        fired: Counter[str] = Counter()
        detected: Counter[str] = Counter()
        for r in rs:
            fired.update(r["rules"])
            detected.update(r["detected_by"])
        result["rules_fired"][fmt] = dict(fired.most_common())
        result["detected_by"][fmt] = dict(detected.most_common())
        per_table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for e in truth:
            if e["format"] != fmt:
                continue
            missed = {(m["table_kind"], m["table"], m["row"], m["col"]) for r in rs if r["file"] == e["file"]
                      for m in r["misses"]}
            for i in e["injected"]:
                per_table[i["table_kind"]][1] += 1
                if (i["table_kind"], i["table"], i["row"], i["col"]) not in missed:
                    per_table[i["table_kind"]][0] += 1
        result["recall_by_table"][fmt] = {k: f"{a}/{b}" for k, (a, b) in sorted(per_table.items())}
    result["misses"] = [m for r in recs for m in r["misses"]]
    result["false_alarms"] = [f for r in recs for f in r["false_alarms"]]
    result["read_errors"] = [{"file": r["file"], "error": r["read_error"]} for r in recs if "read_error" in r]
    result["excluded_lossy_conversions"] = lossy
    (root / "measure.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return result


def print_measure(result: dict[str, Any]) -> None:
    cols = ("documents", "read", "injected_figures", "found", "recall", "clean_documents", "false_alarms_clean",
            "false_alarms_injected", "documents_with_false_alarms", "ms_per_document")
    heads = ("format", "docs", "read", "injected", "found", "recall", "clean", "FA clean", "FA inj.", "docs w/ FA",
             "ms/doc")
    print("  ".join(f"{h:>10}" for h in heads))
    for table in ("formats", "by_layout"):
        for fmt, s in result[table].items():
            print("  ".join(f"{v!s:>10}" for v in [fmt, *[s[c] if s[c] is not None else "-" for c in cols]]))
    for fmt, s in result["formats"].items():
        print(f"{fmt}: rounding findings in clean documents {s['rounding_findings_clean']} (exact by construction: "
              f"0 expected), unchecked findings {s['unchecked_findings']}, unplaced items {s['unplaced_items']}")
    for fmt, per in result["recall_by_table"].items():
        print(f"{fmt} found/injected by table: " + ", ".join(f"{k} {v}" for k, v in per.items()))
    for fmt, rules in result["rules_fired"].items():
        print(f"{fmt} errors by rule: " + ", ".join(f"{r} {n}" for r, n in rules.items()))
    for fmt, rules in result["detected_by"].items():
        print(f"{fmt} injected figures caught by: " + ", ".join(f"{r} {n}" for r, n in rules.items()))
    if result["excluded_lossy_conversions"]:
        print(f"excluded (the PDF conversion lost figures): {', '.join(result['excluded_lossy_conversions'])}")
    for what in ("misses", "false_alarms", "read_errors"):
        items = result[what]
        if items:
            print(f"{len(items)} {what.replace('_', ' ')} (first 10; all in measure.json):")
            for it in items[:10]:
                if what == "misses":
                    print(f"  {it['file']} {it['table_kind']} @({it['table']},{it['row']},{it['col']}) "
                          f"{it['description']} | {'; '.join(it['other_findings'][:2])}")
                elif what == "false_alarms":
                    print(f"  {it['file']} {it['rule']}: {it['message']}")
                else:
                    print(f"  {it['file']}: {it['error']}")


# ==================================================================================================


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=100, help="number of disclosures")
    ap.add_argument("--out", type=Path, help="output folder (generate)")
    ap.add_argument("--formats", default="docx,xlsx,pdf", help="comma-separated: docx, xlsx, pdf")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--docx-writer", choices=("fast", "python-docx"), default="fast",
                    help="fast: document.xml written directly; python-docx: through python-docx (slow)")
    ap.add_argument("--measure", type=Path, metavar="DIR", help="read and reconcile a generated corpus")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="processes for soffice, reading PDFs back and measuring")
    args = ap.parse_args(argv)
    if args.measure:
        print_measure(measure(args.measure, args.jobs))
        return 0
    if not args.out:
        ap.error("--out or --measure is required")
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = set(formats) - {"docx", "xlsx", "pdf"}
    if unknown:
        ap.error(f"unknown format(s): {', '.join(sorted(unknown))}")
    if "pdf" in formats and not (shutil.which("soffice") or shutil.which("libreoffice")):
        print("soffice (LibreOffice) not found: PDF skipped")
        formats.remove("pdf")
    generate(args.n, args.out, formats, args.seed, args.docx_writer, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
