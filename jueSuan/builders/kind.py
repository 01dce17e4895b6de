"""What a disclosure is: 部门决算, 单位决算, 部门预算 or 单位预算, told from its cover, headings and
table titles (the cover first: the first lines of the first file that say one)."""

from __future__ import annotations

import itertools
import re

from ..models import BudgetTableKind, DocumentKind, Table
from ..text import PART, YEAR_DIGITS, norm
from ..vocab.titles import BUDGET_MARKERS

_NAMED = re.compile(r"(部门|单位)(决算|预算)")
_COVER_LINES = 12


def _kind(scope: str, what: str) -> DocumentKind:
    if what == "预算":
        return DocumentKind.UNIT_BUDGET if scope == "单位" else DocumentKind.DEPARTMENT_BUDGET
    return DocumentKind.UNIT_FINAL if scope == "单位" else DocumentKind.DEPARTMENT_FINAL


def detect_kind(covers: list[list[str]], titles: list[str], tables: list[Table]) -> tuple[DocumentKind | None, str]:
    """The kind and the words it was told from. ``covers``: each file's first paragraphs in order;
    ``titles``: every table title found (recognised or not)."""
    budget_tables = sum(isinstance(t.kind, BudgetTableKind) for t in tables)
    final_tables = len(tables) - budget_tables
    for lines in covers:
        for text in lines[:_COVER_LINES]:
            s = norm(text)
            if len(s) > 60 or (s.startswith(("目录", "第")) and "部分" in s and "表" in s):
                continue
            m = _NAMED.search(s)
            if m:
                kind = _kind(m.group(1), m.group(2))
                # a cover that contradicts every table it holds is not trusted (a title page of a set)
                if kind.is_budget and final_tables and not budget_tables:
                    continue
                if not kind.is_budget and budget_tables and not final_tables:
                    continue
                return kind, text.strip()
    # no cover: the table titles decide (预算表 / 决算表), the scope by 部门/单位 in them
    budget_titles = [t for t in titles if BUDGET_MARKERS.first(norm(t)) is not None]  # 预算表/预算总表, never 决算
    final_titles = [t for t in titles if "决算" in norm(t)]
    if budget_tables > final_tables or (not tables and len(budget_titles) > len(final_titles)):
        scope = "单位" if any("单位" in norm(t) and "部门" not in norm(t) for t in budget_titles[:3]) else "部门"
        return _kind(scope, "预算"), (budget_titles[0] if budget_titles else tables[0].display_title)
    if final_tables or final_titles:
        scope = "单位" if any("单位决算" in norm(t) for t in final_titles) else "部门"
        return _kind(scope, "决算"), (final_titles[0] if final_titles else tables[0].display_title)
    return None, ""


_NAME_LINE = re.compile(r"(?:预算主管部门|预算单位|编制部门|编制单位|部门(?:名称)?)[:：]([^,，。、;；:：()（）《》“”]{3,30}?)"
                        r"(?:单位[:：].*)?$")
_NAME_SENTENCE = re.compile(rf"^([\u4e00-\u9fff]{{4,20}}?){YEAR_DIGITS}年度?(?:收入|收支|部门|一般公共预算|财政拨款|政府性基金)")
_NAME_COVER = re.compile(rf"^(.{{4,40}}?)({YEAR_DIGITS})年度?(?:区级|市级|省级)?(?:部门|单位)预算")


def budget_unit_name(texts: list[str]) -> str | None:
    """The unit a budget is of: 预算主管部门：/预算单位：/编制部门：/部门： lines, else the cover title."""
    names: dict[str, int] = {}
    cover = [norm(t) for t in texts[:12] if norm(t)]
    texts = list(texts) + [a + b for a, b in itertools.pairwise(cover)]  # 江苏省人大常委会办公厅 / 2019年度部门预算公开
    for text in texts:
        s = re.sub(rf"^{PART}", "", norm(text))
        if len(s) > 80:
            continue
        m = _NAME_LINE.search(s)
        if m:
            names[m.group(1)] = names.get(m.group(1), 0) + 2
            continue
        m = _NAME_COVER.match(s) or _NAME_SENTENCE.match(s)
        if m and not m.group(1).endswith(("区", "市", "省", "本部门", "本单位")) and "部分" not in m.group(1):  # 上海市普陀区2025年区级部门预算 names a region
            names[m.group(1)] = names.get(m.group(1), 0) + 1
    return max(names, key=lambda k: names[k]) if names else None
