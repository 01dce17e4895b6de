"""Cases of the 预算 rules (BG) and of a 决算 against its 预算 or the year before (XD).

The budget is written as data in the Shanghai layout (财务收支预算总表 … “三公”经费和机关运行经费预算表,
amounts in 元, the 三公 table in 万元); the 决算 of the same year prints the budget's figures as its
年初预算 (in 万元)."""

from __future__ import annotations

from .model import Block, Case, Rows

FIXED = "songjiang-2020-fixed.docx"
UNIT = "编制部门：上海市普陀区示例局 单位：元"
HEAD = ("项目", "项目", "项目", "项目")
CODES = ("功能分类科目编码", "功能分类科目编码", "功能分类科目编码", "功能分类科目名称")
LEVELS = ("类", "款", "项", "功能分类科目名称")


def _function_rows(top: str, cols: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> Rows:
    n = len(cols)
    return ((*HEAD, *(top,) * n), (*CODES, *cols), (*LEVELS, *cols), *rows)


SUMMARY: Rows = (
    ("本年收入", "本年收入", "本年支出", "本年支出"), ("项目", "预算数", "项目", "预算数"),
    ("一、财政拨款收入", "1,000,000.00", "一、一般公共服务支出", "800,000.00"),
    ("1.一般公共预算资金", "1,000,000.00", "二、社会保障和就业支出", "200,000.00"),
    ("2.政府性基金", "", "", ""), ("3.国有资本经营预算", "", "", ""), ("二、事业收入", "", "", ""),
    ("三、事业单位经营收入", "", "", ""), ("四、其他收入", "", "", ""),
    ("收入总计", "1,000,000.00", "支出总计", "1,000,000.00"),
)
LINES = (
    ("201", "", "", "一般公共服务支出", "800,000.00", "500,000.00", "300,000.00"),
    ("201", "13", "", "商贸事务", "800,000.00", "500,000.00", "300,000.00"),
    ("201", "13", "01", "行政运行", "500,000.00", "500,000.00", ""),
    ("201", "13", "02", "一般行政管理事务", "300,000.00", "", "300,000.00"),
    ("208", "", "", "社会保障和就业支出", "200,000.00", "200,000.00", ""),
    ("208", "05", "", "行政事业单位养老支出", "200,000.00", "200,000.00", ""),
    ("208", "05", "05", "机关事业单位基本养老保险缴费支出", "200,000.00", "200,000.00", ""),
    ("合计", "合计", "合计", "合计", "1,000,000.00", "700,000.00", "300,000.00"),
)
INCOME = _function_rows("收入预算", ("合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"),
                        tuple((*r[:5], r[4], "", "", "") for r in LINES))
EXPENDITURE = _function_rows("支出预算", ("合计", "基本支出", "项目支出"), LINES)
FISCAL: Rows = (
    ("财政拨款收入", "财政拨款收入", "财政拨款支出", "财政拨款支出", "财政拨款支出", "财政拨款支出", "财政拨款支出"),
    ("项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"),
    ("一、一般公共预算资金", "1,000,000.00", "一、一般公共服务支出", "800,000.00", "800,000.00", "", ""),
    ("二、政府性基金", "", "二、社会保障和就业支出", "200,000.00", "200,000.00", "", ""),
    ("三、国有资本经营预算", "", "", "", "", "", ""),
    ("收入总计", "1,000,000.00", "支出总计", "1,000,000.00", "1,000,000.00", "", ""),
)
GPB = _function_rows("一般公共预算支出", ("合计", "基本支出", "项目支出"), LINES)
THREE: Rows = (
    ("“三公”经费预算数",) * 6 + ("机关运行经费预算数",),
    ("合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "公务用车购置及运行费", "公务用车购置及运行费",
     "机关运行经费预算数"),
    ("合计", "因公出国(境)费", "公务接待费", "小计", "购置费", "运行费", "机关运行经费预算数"),
    ("3.00", "1.00", "1.00", "1.00", "", "1.00", "10.00"),
)


def budget(summary: Rows = SUMMARY, gpb: Rows = GPB, three: Rows = THREE, expenditure: Rows = EXPENDITURE
           ) -> tuple[Block, ...]:
    """The 2025 部门预算 of 上海市普陀区示例局, as data (with the tables given in place of the consistent ones)."""
    return (
        "上海市普陀区2025年区级部门预算", "预算主管部门：上海市普陀区示例局",
        "2025年部门财务收支预算总表", UNIT, summary,
        "2025年部门收入预算总表", UNIT, INCOME,
        "2025年部门支出预算总表", UNIT, expenditure,
        "2025年部门财政拨款收支预算总表", UNIT, FISCAL,
        "2025年部门一般公共预算支出功能分类预算表", UNIT, gpb,
        "2025年部门“三公”经费和机关运行经费预算表", "编制部门：上海市普陀区示例局 单位:万元", three,
    )


def _set(rows: Rows, r: int, c: int, text: str) -> Rows:
    return tuple(tuple(text if (i, k) == (r, c) else t for k, t in enumerate(row)) for i, row in enumerate(rows))


GOOD = budget()


def _wan(yuan: str) -> str:
    return f"{int(yuan.replace(',', '').split('.')[0]) / 10000:,.2f}" if yuan else ""


# the 2025 决算 of the same unit: its 年初预算 columns are the budget's (in 万元), its 决算数 what was spent
FINAL_GPB: Rows = (
    ("科目编码", "科目名称", "年初预算", "年初预算", "年初预算", "决算数", "决算数", "决算数"),
    ("科目编码", "科目名称", "合计", "基本支出", "项目支出", "合计", "基本支出", "项目支出"),
    *(("".join(r[:3]), r[3], *map(_wan, r[4:7]), *map(_wan, r[4:7])) for r in LINES[:-1]),
    ("合计", "合计", *map(_wan, LINES[-1][4:7]), *map(_wan, LINES[-1][4:7])),
)
FINAL_THREE: Rows = (
    ("项目", "预算数", "决算数"), ("合计", "3.00", "3.00"), ("因公出国（境）费", "1.00", "1.00"),
    ("公务用车购置及运行费", "1.00", "1.00"), ("其中：公务用车购置费", "", ""), ("公务用车运行费", "1.00", "1.00"),
    ("公务接待费", "1.00", "1.00"),
)


def final(gpb: Rows = FINAL_GPB) -> tuple[Block, ...]:
    return ("上海市普陀区示例局2025年度部门决算", "一般公共预算财政拨款支出决算表", "单位：万元", gpb,
            "一般公共预算财政拨款“三公”经费支出决算表", "单位：万元", FINAL_THREE)


def previous(summary_total: str) -> tuple[Block, ...]:
    """The 2019 决算 of the 松江 unit with the three totals its 2020 情况说明 compares with."""
    fiscal, gpb = "2,231.10", "2,221.27"
    t1 = (("项目", "金额", "项目", "金额"), ("一、财政拨款收入", summary_total, "一、一般公共服务支出", summary_total),
          ("本年收入合计", summary_total, "本年支出合计", summary_total), ("总计", summary_total, "总计", summary_total))
    t4 = (("项目", "金额", "项目", "合计", "一般公共预算财政拨款"),
          ("一、一般公共预算财政拨款", fiscal, "一、一般公共服务支出", fiscal, fiscal),
          ("本年收入合计", fiscal, "本年支出合计", fiscal, fiscal), ("总计", fiscal, "总计", fiscal, fiscal))
    t5 = (("科目编码", "科目名称", "合计", "基本支出", "项目支出"), ("201", "一般公共服务支出", gpb, gpb, ""),
          ("合计", "", gpb, gpb, ""))
    return ("上海市松江区城市运行管理中心2019年度部门决算", "收入支出决算总表", "单位：万元", t1,
            "财政拨款收入支出决算总表", "单位：万元", t4, "一般公共预算财政拨款支出决算表", "单位：万元", t5)

CASES: tuple[Case, ...] = (
    Case("BG001", "一致的预算：收入总计 = 支出总计 = 各项之和", (), blocks=GOOD),
    Case("BG001", "财务收支预算总表：支出总计 1,000,000.00 ≠ 各类支出之和（一般公共服务支出改为 900,000.00）", ("error",),
         blocks=budget(summary=_set(SUMMARY, 2, 3, "900,000.00"))),
    Case("BG002", "一致的预算：每行 合计 = 基本支出 + 项目支出", (), blocks=GOOD),
    Case("BG002", "一般公共预算支出功能分类预算表 20113 01 行政运行 合计 500,000.00 ≠ 基本支出 400,000.00", ("error",),
         blocks=budget(gpb=_set(GPB, 5, 5, "400,000.00"))),
    Case("BG003", "一致的预算：类 = Σ款，款 = Σ项", (), blocks=GOOD),
    Case("BG003", "支出预算总表：款 20113 合计 810,000.00 ≠ 其各项之和 800,000.00", ("error",),
         blocks=budget(expenditure=_set(EXPENDITURE, 4, 4, "810,000.00"))),
    Case("BG004", "一致的预算：总表、收入表、支出表、财政拨款表的总数相同", (), blocks=GOOD),
    Case("BG004", "财务收支预算总表的收入总计改为 1,100,000.00，与收入预算总表合计不符", ("error",),
         blocks=budget(summary=_set(_set(SUMMARY, 9, 1, "1,100,000.00"), 9, 3, "1,100,000.00"))),
    Case("BG005", "一致的“三公”经费预算：合计 3.00 = 1.00 + 1.00 + 1.00", (), blocks=GOOD),
    Case("BG005", "“三公”经费预算：合计 4.00 ≠ 因公出国 1.00 + 公务接待 1.00 + 公务用车 1.00", ("error",),
         blocks=budget(three=_set(THREE, 3, 0, "4.00"))),
    Case("XD001", "决算的年初预算与同年预算相同（万元对元）", (), blocks=final(), with_budget=GOOD),
    Case("XD001", "决算中 2011302 一般行政管理事务 的年初预算项目支出 31.00 ≠ 预算 300,000.00 元", ("error",),
         blocks=final(_set(FINAL_GPB, 5, 4, "31.00")), with_budget=GOOD),
    Case("XD002", "2020 情况说明所写的增加额 = 本年数 − 2019 决算数", (), FIXED, with_previous=previous("2,231.10")),
    Case("XD002", "2019 决算的收入支出总计 2,232.10：增加 1,777.50 与 4,008.60 − 2,232.10 不符", ("error",), FIXED,
         with_previous=previous("2,232.10")),
)
