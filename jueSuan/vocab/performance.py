"""The labels of the performance tables: the 绩效自评表 of a 决算, the 绩效目标表 of a 预算.

Both are read by their labels wherever they sit in a row (builders/performance.py,
builders/budget_targets.py); the keys of their fund lines are ``FundKey``.
"""

from __future__ import annotations

from . import Term, Vocabulary, vocabulary
from .keys import FundKey, key_of

F = FundKey
_FINAL = frozenset({"final"})
_BUDGET = frozenset({"budget"})


def _fund(key: FundKey, spellings: tuple[str, ...], kinds: frozenset[str], note: str = "") -> Term:
    return Term(key_of(FundKey, key).value, spellings[0], spellings, kinds=kinds, note=note)


EVALUATION_FUND_LINES = vocabulary("performance.fund_lines", "绩效自评表资金部分的行 (标签含之，在行的前三格)", (
    _fund(F.TOTAL, ("年度资金总额",), _FINAL),
    _fund(F.FISCAL, ("当年财政",), _FINAL),
    _fund(F.CARRYOVER, ("上年结转",), _FINAL),
    _fund(F.OTHER, ("其他资金",), _FINAL),
))

EVALUATION_LABELS = vocabulary("performance.evaluation", "绩效自评表的标签 (格中含之或以之开头)", (
    Term("project", "项目名称", ("项目名称",), note="以之开头：一张自评表由此开始"),
    Term("department", "主管部门", ("主管部门",)),
    Term("implementer", "实施单位", ("实施单位",)),
    Term("funds_header", "年初预算", ("年初预算", "全年执行"), note="两者同在一行：资金部分的表头"),
    Term("money_heading", "项目资金", ("项目资金",), note="其后括注单位 (万元)"),
    Term("indicator_header", "三级指标", ("三级指标",), note="与「分值」或「分数」同在一行：指标部分的表头"),
    Term("indicator_weight", "分值", ("分值", "分数")),
    Term("goals_header", "预期目标", ("预期目标", "实际完成情况"), note="两者同在一行：总体目标的表头"),
    Term("goal_label", "目标", ("目标",), note="目标格前四字含之：是标签不是内容"),
    Term("total", "总分", ("总分",), note="以之开头"),
    Term("grade", "评分等级", ("评分等级",), note="以之开头"),
    Term("level", "指标", ("指标",), note="以之结尾：一级/二级指标名 (产出指标、数量指标)，不是行名"),
))

INDICATOR_HEADERS = vocabulary("performance.indicator_headers", "绩效自评表指标部分的表头", (
    Term("level1", "一级指标", ("一级指标",)),
    Term("level2", "二级指标", ("二级指标",)),
    Term("name", "三级指标", ("三级指标",)),
    Term("target", "年度指标值", ("年度指标值",)),
    Term("actual", "实际完成值", ("实际完成值",)),
    Term("weight", "分值", ("分值", "分数")),
    Term("score", "得分", ("得分",)),
    Term("reason", "偏差原因", ("偏差原因",)),
))

GOAL_HEADERS = vocabulary("performance.goal_headers", "绩效自评表年度总体目标的表头", (
    Term("expected", "预期目标", ("预期目标",)),
    Term("actual", "实际完成情况", ("实际完成情况",)),
))

TARGET_OPERATORS = vocabulary("performance.target_operators", "指标值的比较符 (≥90%、不低于95%…)：键为其意", (
    Term(">=", "≥", (">=", "≥", "大于等于", "不低于", "不少于")),
    Term("<=", "≤", ("<=", "≤", "小于等于", "不高于", "不超过")),
    Term(">", ">", (">", "大于")),
    Term("<", "<", ("<", "小于")),
    Term("=", "=", ("=",)),
))

TARGET_FUNDS = vocabulary("performance.target_funds", "绩效目标表的资金 (标签含之；依次尝试)", (
    _fund(F.PROJECT_TOTAL, ("项目资金总额",), _BUDGET),
    _fund(F.ANNUAL_TOTAL, ("年度资金申请总额",), _BUDGET, note="其所在列及右侧为年度资金"),
    _fund(F.ANNUAL_FISCAL, ("当年财政拨款",), _BUDGET),
    _fund(F.PROJECT_FISCAL, ("财政资金",), _BUDGET),
    _fund(F.ANNUAL_CARRYOVER, ("上年结转",), _BUDGET),
    _fund(F.OTHER, ("其他资金",), _BUDGET, note="年度资金列起为 annual_other，其左为 project_other"),
))

TARGET_LABELS = vocabulary("performance.target", "绩效目标表的标签", (
    Term("project", "项目名称", ("项目名称",), kinds=_BUDGET, note="整格"),
    Term("level1", "一级指标", ("一级指标",), kinds=_BUDGET, note="整格：指标部分的表头由此认出"),
    Term("level2", "二级指标", ("二级指标",), kinds=_BUDGET, note="整格"),
    Term("name", "三级指标", ("三级指标",), kinds=_BUDGET, note="整格"),
    Term("target", "指标值", ("指标值",), kinds=_BUDGET, note="含于格中"),
    Term("sub", "其中", ("其中",), kinds=_BUDGET, note="以之开头的格是标签，不是金额"),
    Term("indicator", "指标", ("指标",), kinds=_BUDGET, note="含之的格是标签，不是金额"),
))

VOCABULARIES: tuple[Vocabulary, ...] = (
    EVALUATION_FUND_LINES, EVALUATION_LABELS, INDICATOR_HEADERS, GOAL_HEADERS, TARGET_OPERATORS, TARGET_FUNDS,
    TARGET_LABELS,
)
