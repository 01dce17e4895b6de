"""The official Shanghai 部门决算 template as a specification of the 情况说明.

Every sentence of the template that carries a figure (第三部分, sections 一–十一, as the template at
``../shared/real/shanghai-juesuan/上海市部门决算模板2024.pdf`` prints them, XX where the figures go) is
filled here with figures computed from the tables of the fixed Songjiang sample, as read back by the
real reader, and written into a .docx with those tables (samples/make_samples.py, with a 三公 table whose
figures are not all zero). Filled consistently, the narrative gives no finding; each figure changed
alone gives a finding in its paragraph; each direction word turned gives one too.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import ModuleType

import attrs
import pytest

import jueSuan
from jueSuan import Severity
from jueSuan.models import Level, Report, TableKind

from .test_narrative import _bump  # one figure raised by 7 at its printed precision

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT.parent / "shared" / "real" / "shanghai-juesuan" / "上海市部门决算模板2024.pdf"
UNIT = "上海市松江区城市运行管理中心"
# 三公 budget/actual: 合计, 因公出国（境）, 公务用车小计, 购置, 运行维护, 公务接待
THREE_PUBLIC = ("13.49", "3.54", "2.00", "0.50", "9.38", "2.64", "0.00", "0.00", "9.38", "2.64", "2.11", "0.40")


def _samples() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "samples" / "make_samples.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = mod  # dataclasses look their module up while the module runs
    spec.loader.exec_module(mod)
    return mod


def m(d: Decimal) -> str:
    return f"{d:,.2f}"


def pct(part: Decimal, whole: Decimal) -> str:
    return str((part / whole * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _value(report: Report, kind: TableKind, role: str, col: str, side: str | None = None) -> Decimal:
    t = report.table(kind)
    assert t is not None, kind
    ln = t.find(role, side)
    assert ln is not None, (kind, role)
    f = ln.get(col) if col else ln.values[0][1]
    assert f is not None and f.is_number, (kind, role, col)
    return f.value


def narrative(report: Report) -> list[str]:
    """The template's 情况说明, sentence for sentence, filled from the tables of ``report``."""
    T = TableKind
    grand = _value(report, T.SUMMARY, "grand_total", "amount", "income")
    income = _value(report, T.SUMMARY, "income_total", "amount", "income")
    spent = _value(report, T.SUMMARY, "expense_total", "amount", "expenditure")
    fiscal = _value(report, T.INCOME, "total", "fiscal")
    basic, project = _value(report, T.EXPENDITURE, "total", "basic"), _value(report, T.EXPENDITURE, "total", "project")
    grand4 = _value(report, T.FISCAL_SUMMARY, "grand_total", "amount", "income")
    gpb, gpb_basic = _value(report, T.GPB_EXPENDITURE, "total", "total"), _value(report, T.GPB_EXPENDITURE, "total", "basic")
    staff, public = _value(report, T.BASIC_ECONOMIC, "personnel_total", ""), _value(report, T.BASIC_ECONOMIC, "public_total", "")
    t5 = report.table(T.GPB_EXPENDITURE)
    assert t5 is not None
    classes = [(ln.label, ln.get("total").value) for ln in t5.lines  # type: ignore[union-attr]
               if ln.level is Level.CLASS]
    names = {ln.code: ln.label for ln in t5.lines if ln.code}
    items = [(names[ln.code[:3]], names[ln.code[:5]], ln.label, ln.get("total").value)  # type: ignore[union-attr,index]
             for ln in t5.lines if ln.level is Level.ITEM and ln.code]
    tb, ta, ab, aa, vb, va, _, vpa, _, voa, rb, ra = (Decimal(x) for x in THREE_PUBLIC)
    c1, c4, c5 = Decimal("1000.00"), Decimal("250.00"), Decimal("900.00")
    dv, dr = Decimal("0.90"), Decimal("0.10")
    budget = gpb - Decimal("500.00")
    op, dop = (public * Decimal("0.8")).quantize(Decimal("0.01")), Decimal("10.00")
    goods, works, services = Decimal("1239.90"), Decimal("0.00"), Decimal("488.31")
    lines = [
        "一、收入支出决算总体情况说明",
        f"{UNIT}2020年度收入支出总计{m(grand)}万元。与2019年度相比，收入支出总计增加{m(c1)}万元，"
        f"增长{pct(c1, grand - c1)}%。主要原因：业务增加。",
        "二、收入决算情况说明",
        f"本年收入合计{m(income)}万元，其中：财政拨款收入{m(fiscal)}万元，占{pct(fiscal, income)}%。",
        "三、支出决算情况说明",
        f"本年支出合计{m(spent)}万元，其中：基本支出{m(basic)}万元，占{pct(basic, spent)}%；"
        f"项目支出{m(project)}万元，占{pct(project, spent)}%。",
        "四、财政拨款收入支出决算总体情况说明",
        f"{UNIT}2020年度财政拨款收入支出总计{m(grand4)}万元。与2019年度相比，财政拨款收入支出总计减少{m(c4)}万元，"
        f"下降{pct(c4, grand4 + c4)}%。主要原因：业务减少。",
        "五、一般公共预算财政拨款支出决算情况说明",
        "（一）一般公共预算财政拨款支出决算总体情况",
        f"一般公共预算财政拨款支出{m(gpb)}万元，占本年支出合计的{pct(gpb, spent)}%。与2019年度相比，"
        f"一般公共预算财政拨款支出增加{m(c5)}万元，增长{pct(c5, gpb - c5)}%。主要原因：业务增加。",
        "（二）一般公共预算财政拨款支出决算结构情况",
        f"一般公共预算财政拨款支出{m(gpb)}万元，主要用于以下方面："
        + "；".join(f"{name}（类）{m(v)}万元，占{pct(v, gpb)}%" for name, v in classes) + "。",
        "（三）一般公共预算财政拨款支出决算具体情况",
        f"一般公共预算财政拨款支出年初预算为{m(budget)}万元，支出决算为{m(gpb)}万元，完成年初预算的{pct(gpb, budget)}%。"
        "决算数大于预算数的主要原因：追加项目。其中：",
    ]
    for i, (cls, seg, item, v) in enumerate(items, 1):
        b, word = [(v + 10, "决算数小于预算数的主要原因：人员变动。"), (v - 10, "决算数大于预算数的主要原因：追加。"),
                   (v, "决算数与预算数持平。")][i % 3]
        lines.append(f"{i}、{cls}（类）{seg}（款）{item}（项）。主要用于：日常支出。年初预算为{m(b)}万元，"
                     f"支出决算为{m(v)}万元。{word}")
    lines += [
        "六、一般公共预算财政拨款基本支出决算情况说明",
        f"一般公共预算财政拨款基本支出{m(gpb_basic)}万元。其中：人员经费{m(staff)}万元，主要包括：基本工资、津贴补贴；"
        f"公用经费{m(public)}万元，主要包括：办公费、印刷费。",
        "七、财政拨款“三公”经费支出决算情况说明",
        "（一）“三公”经费财政拨款支出决算总体情况说明。",
        f"“三公”经费财政拨款支出年初预算为{tb}万元，支出决算为{ta}万元，完成预算的{pct(ta, tb)}%，其中：因公出国（境）费"
        f"决算为{aa}万元，完成预算的{pct(aa, ab)}%；公务用车购置及运行维护费支出决算为{va}万元，完成预算的{pct(va, vb)}%；"
        f"公务接待费支出决算为{ra}万元，完成预算的{pct(ra, rb)}%。2020年度“三公”经费支出决算数小于预算数的主要原因："
        "厉行节约。",
        f"2020年度“三公”经费财政拨款支出决算数比2019年度减少{dv - dr}万元，下降{pct(dv - dr, ta + dv - dr)}%，其中："
        f"因公出国（境）费支出决算与2019年持平；公务用车购置及运行维护费支出决算减少{dv}万元，下降{pct(dv, va + dv)}%；"
        f"公务接待费支出决算增加{dr}万元，增长{pct(dr, ra - dr)}%。因公出国（境）费支出持平的主要原因是出访计划未变。"
        "公务用车购置及运行维护费支出减少的主要原因是未新增公务用车。公务接待费支出增加的主要原因是接待增加。",
        "（二）“三公”经费财政拨款支出决算具体情况说明。",
        f"“三公”经费财政拨款支出决算中，因公出国（境）费支出决算{aa}万元，占{pct(aa, ta)}%；公务用车购置及运行维护费"
        f"支出决算{va}万元，占{pct(va, ta)}%；公务接待费支出决算{ra}万元，占{pct(ra, ta)}%。具体情况如下：",
        f"1、因公出国（境）费支出{aa}万元。全年安排因公出国（境）团组1个、累计2人次。开支内容包括：考察。",
        f"2、公务用车购置及运行维护费支出{va}万元。其中：",
        f"公务用车购置支出为{vpa}万元。主要用于车辆更新，列明公务用车购置数量。",
        f"公务用车运行维护支出{voa}万元。主要用于公务出行。2020年，{UNIT}所属各预算单位开支财政拨款的公务用车保有量为4辆。",
        f"3、公务接待费支出{ra}万元。其中：",
        f"国内公务接待支出{ra}万（含外宾接待支出0.00万元）。主要用于工作餐，公务接待2批次、24人次，其中：接待外宾0批次、0人次。",
        "八、政府性基金预算财政拨款收入支出决算情况说明",
        f"{UNIT}2020年度无政府性基金预算财政拨款收入和支出。",
        "九、国有资本经营预算财政拨款收入支出决算情况说明",
        f"{UNIT}2020年度无国有资本经营预算财政拨款收入和支出。",
        "十、预算绩效管理情况",
        f"{UNIT}2020年度预算绩效管理工作开展情况如下：本部门建立了如下预算绩效管理制度：管理办法，建立了全覆盖的预算绩效"
        "管理工作机制；全过程绩效管理实施情况：编报绩效目标的2020年度项目7个，涉及预算金额361.81万元；绩效跟踪评价的"
        "2020年度项目9个，涉及预算金额1957.28万元；绩效自评的2020年度项目9个，涉及预算金额1957.28万元，平均得分91分"
        "（其中，绩效评级为“优”的项目7个；绩效评级为“良”的项目2个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个。"
        "绩效自评中共发现问题0个，已经完成整改的0个，正在整改的0个）。",
        "十一、其他重要事项的情况说明",
        "（一）机关运行经费支出情况",
        f"机关运行经费支出{m(op)}万元，比2019年度增加{m(dop)}万元，增长{pct(dop, op - dop)}%。主要原因是业务增加。",
        "（二）政府采购支出情况",
        f"{UNIT}2020年度政府采购金额（以合同签订为准）为{m(goods + works + services)}万元，其中：货物采购金额{m(goods)}万元、"
        f"工程采购金额{m(works)}万元、服务采购金额{m(services)}万元。",
        "（三）国有资产占有使用情况说明",
        f"截至2020年12月31日，{UNIT}共有车辆4辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车0辆、"
        "应急保障用车0辆、执法执勤用车1辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车3辆。"
        "单价100万元（含）以上设备（不含车辆）0台（套）。",
    ]
    return lines


class Builder:
    """Writes the fixed Songjiang tables (三公 with ``THREE_PUBLIC``) and a given 情况说明 to a .docx."""

    def __init__(self) -> None:
        self.samples = _samples()
        base = self.samples.fixed()
        sections = tuple(
            replace(s, table=attrs.evolve(s.table, rows=(*s.table.rows[:-1], THREE_PUBLIC))) if "三公" in s.title else s
            for s in base.sections)
        self.base = replace(base, sections=sections)

    def write(self, path: Path, paragraphs: list[str]) -> Path:
        doc = replace(self.base, narrative=(*self.base.narrative[:2], *paragraphs))
        self.samples.build(doc).save(str(path))
        return path


@pytest.fixture(scope="module")
def builder() -> Builder:
    return Builder()


@pytest.fixture(scope="module")
def filled(builder: Builder, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Report]:
    tables = jueSuan.read(builder.write(tmp_path_factory.mktemp("t") / "tables.docx", ["一、收入支出决算总体情况说明"]))
    text = narrative(tables)
    path = builder.write(tmp_path_factory.mktemp("t") / "filled.docx", text)
    return text, jueSuan.read(path)


def _nr(report: Report, at_least: Severity = Severity.WARNING) -> list[jueSuan.Finding]:
    return [f for f in jueSuan.reconcile(report) if f.rule.startswith("NR") and f.severity.rank >= at_least.rank]


def test_the_template_sentences_are_the_templates() -> None:
    """The sentences filled here are the template's (its wording around the XX), as the real PDF reader reads it."""
    if not TEMPLATE.exists():
        pytest.skip(f"{TEMPLATE} not present (the shared corpus lives beside the project)")
    text = "".join(p.text for p in jueSuan.read(TEMPLATE).narrative).replace(" ", "")
    for phrase in ("收入支出总计XXX万元。与2023年度相比，收入支出总计增加（减少）XXX万元，增长（下降）XX%",
                   "本年收入合计XXX万元，其中：财政拨款收入XXX万元，占XX%", "一般公共预算财政拨款支出XXX万元，占本年支出合计的XX%",
                   "主要用于以下方面：一般公共服务支出（类）XXX万元，占XX%", "年初预算为XXX万元，支出决算为XXX万元，完成年初预算的XX%",
                   "人员经费XXX万元，主要包括", "“三公”经费财政拨款支出年初预算为XXX万元，支出决算为XXX万元，完成预算的XX%",
                   "因公出国（境）费支出决算减少（增加）XXX万元，下降（增长）XX%", "公务用车保有量为XXX辆",
                   "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算XXX万元，占XX%", "绩效自评的2024年度项目XX个",
                   "机关运行经费支出XXX万元，比2023年度增加（减少）XXX万元，增长（下降）XX%",
                   "其中：货物采购金额XX万元、工程采购金额XX万元、服务采购金额XX万元", "共有车辆XX辆，其中：部级领导干部用车XX辆"):
        assert phrase in text, phrase


def test_filled_consistently_the_template_gives_no_finding(filled: tuple[list[str], Report]) -> None:
    _, report = filled
    assert [f.message for f in _nr(report)] == []
    cov = report.coverage
    assert cov is not None and cov.found and cov.quoted == len(report.quotes) > 60
    # every money figure the tables hold is bound to its table figure; the rest says why it is not checked
    for q in report.quotes:
        assert q.binding is not None
        if q.measure == "money" and q.role in ("value", "actual") and not any(
                w in q.subject for w in ("采购", "机关运行经费", "涉及预算金额", "国内公务接待", "外宾")):
            assert q.binding.target == "table", (q.subject, q.text, q.binding)
    unchecked = [q for q in report.quotes if q.binding is not None and not q.binding.checked]
    assert {q.binding.how.split("：")[0] for q in unchecked if q.binding} == {"表中没有"}
    # what no table holds: counts (团组, 人次, 车辆保有量, 批次, 绩效 projects without 自评表…), the 年初预算 of
    # each 项 (table 5 prints none), the 绩效 amounts, the 国内/外宾 split of 公务接待
    assert all(q.role in ("count", "budget") or any(w in q.subject for w in ("涉及预算金额", "外宾", "国内公务接待"))
               for q in unchecked), [(q.subject, q.text) for q in unchecked]
    assert len([q for q in unchecked if q.role == "budget"]) == len([ln for ln in report.tables[4].lines
                                                                       if ln.level is Level.ITEM])


def test_each_figure_changed_gives_a_finding(builder: Builder, filled: tuple[list[str], Report],
                                             tmp_path: Path) -> None:
    """Each checked figure of the filled template, changed alone, gives a finding in its paragraph."""
    text, report = filled
    by_text = {p.index: p.text for p in report.narrative}
    missed = []
    checked = [q for q in report.quotes if q.binding is not None and q.binding.checked]
    assert len(checked) > 50
    for q in checked:
        para = by_text[q.paragraph]
        i = text.index(para)
        changed = list(text)
        changed[i] = para[: q.span[0]] + _bump(q.text) + para[q.span[1]:]
        out = jueSuan.read(builder.write(tmp_path / "m.docx", changed))
        if not [f for f in _nr(out) if any(t.ref.paragraph == q.paragraph for t in f.terms)
                or f.table == f"情况说明第{q.paragraph + 1}段"]:
            missed.append((q.paragraph, q.text, q.subject, q.role))
    assert missed == []


@pytest.mark.parametrize(("old", "new", "rule"), [
    ("决算数小于预算数的主要原因：人员变动", "决算数大于预算数的主要原因：人员变动", "NR005"),
    ("决算数大于预算数的主要原因：追加。", "决算数小于预算数的主要原因：追加。", "NR005"),
    ("决算数小于预算数的主要原因：人员变动。", "决算数与预算数持平。", "NR005"),
    ("收入支出总计增加1,000.00万元", "收入支出总计减少1,000.00万元", "NR003"),
    ("因公出国（境）费支出决算与2019年持平；公务用车购置及运行维护费支出决算减少0.90万元",
     "因公出国（境）费支出决算与2019年持平，减少0.90万元；公务用车购置及运行维护费支出决算减少0.90万元", "NR005"),
])
def test_a_direction_word_turned_gives_a_finding(builder: Builder, filled: tuple[list[str], Report], tmp_path: Path,
                                                 old: str, new: str, rule: str) -> None:
    text, _ = filled
    i = next(k for k, p in enumerate(text) if old in p)
    changed = [*text[:i], text[i].replace(old, new, 1), *text[i + 1:]]
    out = jueSuan.read(builder.write(tmp_path / "d.docx", changed))
    assert rule in {f.rule for f in _nr(out)}, [f.message for f in _nr(out, Severity.UNCHECKED)]


def test_one_items_flat_does_not_contradict_anothers_decrease(filled: tuple[list[str], Report]) -> None:
    """因公出国（境）费…与上年持平；公务用车…减少0.90万元: the 持平 is the first item's, the decrease the second's."""
    _, report = filled
    flat = [c for c in report.claims if c.kind == "flat"]
    assert any("因公出国" in c.subject for c in flat)
    assert not [f for f in _nr(report) if f.rule == "NR005"]
