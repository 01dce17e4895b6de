"""The narrative's spellings: the headings that open and close a budget's 预算编制说明, and the
subjects a budget narrative names (收入预算总计, 基本支出, 机关运行经费 …) with the budget table
figure each one is.

Matched on normalised text (no spaces, NFKC: full-width brackets folded to ``(``/``)``).
The 决算's subjects stay in builders/narrative/subjects.py for now.
"""

from __future__ import annotations

from . import Term, vocabulary

BUDGET = frozenset({"budget"})

# Headings that open a budget's narrative (a short line, not a numbered item of the 目录).
BUDGET_SECTION_OPENS = vocabulary("narrative.budget_section_opens", "预算的文字说明部分的标题（开始）", (
    Term("compilation", "预算编制说明", ("预算编制说明", "预算编制情况说明"), kinds=BUDGET,
         note="上海：2025年部门预算编制说明 / 单位预算编制说明"),
    Term("situation", "预算情况说明", ("预算情况说明",), kinds=BUDGET, note="江苏：第三部分 2018年度部门预算情况说明"),
    Term("about", "关于…预算的说明", ("预算的说明",), kinds=BUDGET, note="关于××2019年部门预算的说明"),
    Term("other", "其他相关情况说明", ("其他相关情况说明",), exclusions=("项目",), kinds=BUDGET,
         note="上海：三公、机关运行经费、政府采购、绩效目标、国有资产，印在预算表之后"),
))

# Headings that close it: a project's own 说明 (上海: ××专项经费情况说明), the 名词解释.
BUDGET_SECTION_ENDS = vocabulary("narrative.budget_section_ends", "预算的文字说明部分在此结束", (
    Term("project", "项目经费情况说明", ("经费情况说明", "项目情况说明", "项目经费说明"), kinds=BUDGET),
    Term("glossary", "名词解释", ("名词解释",)),
))

# A table title printed in the text flow (the narrative ends where the tables begin).
BUDGET_TABLE_TITLE = vocabulary("narrative.budget_table_title", "预算表的标题（文字说明在此结束）", (
    Term("table", "…预算表 / …预算总表", ("预算表", "预算总表", "目标表", "公开表"), kinds=BUDGET),
))

# The subject of a quoted amount → the budget figure it is (key: the binding's subject key).
# Order matters: the first term whose spelling the subject ends with wins, so longer spellings first.
BUDGET_SUBJECTS = vocabulary("narrative.budget_subjects", "预算说明中的金额所指的预算表数字", (
    Term("gpb_basic", "一般公共预算财政拨款基本支出", ("一般公共预算财政拨款基本支出", "一般公共预算基本支出"), kinds=BUDGET),
    Term("gpb_expense", "一般公共预算财政拨款支出", ("一般公共预算财政拨款支出", "一般公共预算拨款支出",
                                                  "一般公共预算支出"), kinds=BUDGET),
    Term("gpb_income", "一般公共预算收入", ("一般公共预算收入", "一般公共预算财政拨款收入", "一般公共预算拨款收入"),
         kinds=BUDGET),
    Term("gov_fund_expense", "政府性基金预算支出", ("政府性基金预算拨款支出", "政府性基金拨款支出", "政府性基金预算支出",
                                                  "政府性基金支出"), kinds=BUDGET),
    Term("soe_expense", "国有资本经营预算支出", ("国有资本经营预算拨款支出", "国有资本经营预算支出"), kinds=BUDGET),
    Term("fiscal_basic", "财政拨款基本支出", ("财政拨款基本支出",), kinds=BUDGET),
    Term("fiscal_expense", "财政拨款支出", ("财政拨款支出", "财政拨款预算支出"), kinds=BUDGET),
    Term("fiscal_total", "财政拨款收支总预算", ("财政拨款收支总预算", "财政拨款收支预算总计", "财政拨款收、支总预算"),
         kinds=BUDGET),
    Term("fiscal_income", "财政拨款收入", ("财政拨款收入",), kinds=BUDGET),
    Term("income_expense_total", "收入、支出预算总计", ("收入、支出预算总计", "收入支出预算总计", "收支预算总计",
                                                     "收、支预算总计"), kinds=BUDGET),
    Term("income_total", "收入预算", ("收入预算总计", "收入预算合计", "本年收入预算合计", "收入总预算", "收入预算",
                                          "本年收入合计"),
         kinds=BUDGET),
    Term("expense_total", "支出预算", ("支出预算总计", "支出预算合计", "本年支出预算合计", "支出总预算", "支出预算",
                                          "本年支出合计"),
         exclusions=("财政拨款", "一般公共预算", "政府性基金", "国有资本"), kinds=BUDGET),
    Term("business", "事业收入", ("事业收入",), kinds=BUDGET),
    Term("operating", "事业单位经营收入", ("事业单位经营收入", "经营收入"), kinds=BUDGET),
    Term("other_income", "其他收入", ("其他收入",), kinds=BUDGET),
    Term("basic", "基本支出", ("基本支出",), exclusions=("财政拨款", "一般公共预算"), kinds=BUDGET),
    Term("project", "项目支出", ("项目支出",), exclusions=("财政拨款", "一般公共预算", "政府性基金"), kinds=BUDGET),
    Term("personnel", "人员经费", ("人员经费",), kinds=BUDGET),
    Term("public", "公用经费", ("公用经费",), exclusions=("日常公用经费",), kinds=BUDGET),
    Term("three_public", "“三公”经费", ("三公经费",), kinds=BUDGET),
    Term("abroad", "因公出国（境）费", ("因公出国(境)费", "因公出国(境)经费", "因公出国费"), kinds=BUDGET),
    Term("vehicle_purchase", "公务用车购置费", ("公务用车购置费", "公务用车购置"), exclusions=("运行",), kinds=BUDGET),
    Term("vehicle_operation", "公务用车运行维护费", ("公务用车运行维护费", "公务用车运行费", "公务用车运行维护"),
         exclusions=("购置",), kinds=BUDGET),
    Term("vehicle", "公务用车购置及运行（维护）费", ("公务用车购置及运行维护费", "公务用车购置及运行费"), kinds=BUDGET),
    Term("reception", "公务接待费", ("公务接待费",), kinds=BUDGET),
    Term("meeting", "会议费", ("会议费",), kinds=BUDGET),
    Term("training", "培训费", ("培训费",), kinds=BUDGET),
    Term("operating_costs", "机关运行经费", ("机关运行经费",), kinds=BUDGET),
    Term("procurement", "政府采购预算", ("政府采购支出预算总额", "政府采购预算总额", "政府采购支出预算", "政府采购预算",
                                                "政府采购"),
         exclusions=("货物", "工程", "服务"), kinds=BUDGET),
))

VOCABULARIES = (BUDGET_SECTION_OPENS, BUDGET_SECTION_ENDS, BUDGET_TABLE_TITLE, BUDGET_SUBJECTS)
