"""The titles of the tables, and the header words that confirm them.

Keys are the names of the table kinds (``TableKind`` for a 决算, ``BudgetTableKind`` for a 预算;
builders/recognize.py maps them when it is imported, so a key that names no kind stops the import).
A title is matched after its decorations are removed (the unit line, 编制部门：…, Jiangsu's 公开01表 and
（功能科目）: the patterns below); then the first term, in order, that one of its spellings is in and
none of its exclusions, names the table. A title is a budget's when it says 预算表 or 预算总表 and
never 决算 (``BUDGET_MARKERS``).

Profiles: a table's kind of document (预算 or 决算) is told by its own title (``BUDGET_MARKERS``), and the
column and line vocabularies are chosen by it. The Jiangsu short budget titles (收支总表, 收入总表 …) are
tagged ``regions={"jiangsu"}``, but recognition runs with the general profile, which admits them
everywhere: each table is recognised before the document's region is known (the unit's name is read
after its tables), and these titles collide with no other region's, so admitting them costs nothing,
while excluding them from a document whose region was guessed wrong would leave its tables unread. The
tag says whose wording it is; ``title_kind`` takes a ``Profile`` for the day a region is known first.
"""

from __future__ import annotations

from . import Term, Vocabulary, vocabulary

_FINAL = frozenset({"final"})
_BUDGET = frozenset({"budget"})
_JS = frozenset({"jiangsu"})


def _f(kind: str, spellings: tuple[str, ...], exclusions: tuple[str, ...] = (), note: str = "") -> Term:
    return Term(kind, spellings[0], spellings, exclusions, kinds=_FINAL, note=note)


def _b(kind: str, spellings: tuple[str, ...], exclusions: tuple[str, ...] = (), note: str = "",
       regions: frozenset[str] = frozenset()) -> Term:
    return Term(kind, spellings[0], spellings, exclusions, kinds=_BUDGET, regions=regions, note=note)


FINAL_TITLES = vocabulary("titles.final", "部门决算各表的标题 (依次尝试，先中者为准)", (
    _f("THREE_PUBLIC", ("三公",)),
    _f("BASIC_ECONOMIC", ("基本支出决算",), ("项目支出",)),
    _f("GOV_FUND", ("政府性基金预算财政拨款收入支出决算", "政府性基金预算财政拨款支出决算"), ("总表",)),
    _f("SOE_CAPITAL", ("国有资本经营预算财政拨款收入支出决算", "国有资本经营预算财政拨款支出决算"), ("总表",)),
    _f("FISCAL_SUMMARY", ("财政拨款收入支出决算总表",)),
    _f("SUMMARY", ("收入支出决算总表",), ("财政拨款",)),
    _f("GPB_EXPENDITURE", ("一般公共预算财政拨款支出决算",), ("基本支出决算", "三公")),
    _f("INCOME", ("收入决算表",), ("支出", "财政拨款")),
    _f("EXPENDITURE", ("支出决算表",), ("收入", "财政拨款", "三公", "基本支出")),
    _f("ASSETS", ("资产负债情况表", "国有资产占用情况表", "资产占用情况表", "资产情况表"),
       note="资产表：上海各区的几种写法"),
))

BUDGET_TITLES = vocabulary("titles.budget", "部门预算各表的标题 (上海与江苏的写法；依次尝试)", (
    _b("THREE_PUBLIC", ("三公",)),
    _b("OPERATING_COSTS", ("机关运行经费",), note="江苏 公开10表"),
    _b("PROCUREMENT", ("政府采购",), note="江苏 公开11表"),
    _b("FISCAL_SUMMARY", ("财政拨款收支预算总表",)),
    _b("FISCAL_SUMMARY", ("财政拨款收支总表",), regions=_JS, note="江苏 公开04表"),
    _b("FISCAL_BASIC", ("财政拨款基本支出",), note="江苏"),
    _b("FISCAL_EXPENDITURE", ("财政拨款支出预算表",), ("政府性基金", "一般公共预算", "国有资本"), note="江苏"),
    _b("GOV_FUND", ("政府性基金",)),
    _b("SOE_CAPITAL", ("国有资本经营",)),
    _b("BASIC_ECONOMIC", ("基本支出",)),
    _b("GPB_EXPENDITURE", ("一般公共预算支出",)),
    _b("SUMMARY", ("收支预算总表",), ("财政拨款",)),
    _b("SUMMARY", ("收支总表",), ("财政拨款",), regions=_JS, note="江苏 公开01表"),
    _b("INCOME", ("收入预算总表", "收入预算表"), ("支出",)),
    _b("INCOME", ("收入总表",), ("支出",), regions=_JS, note="江苏 公开02表"),
    _b("EXPENDITURE", ("支出预算总表", "支出预算表"), ("收入",)),
    _b("EXPENDITURE", ("支出总表",), ("收入",), regions=_JS, note="江苏 公开03表"),
))

BUDGET_MARKERS = vocabulary("titles.budget_marker", "预算表的标题：含「预算表」或「预算总表」而不含「决算」，且不是部分标题 (第二部分…)", (
    Term("budget", "预算表", ("预算表", "预算总表"), ("决算",), kinds=_BUDGET),
))

TITLE_ENDINGS = vocabulary("titles.endings", "一行文字可作表标题：以「表」结尾，或含「决算表」「情况表」", (
    Term("end", "表", ("表", "表)", "表）"), note="结尾"),
    Term("inside", "决算表", ("决算表", "情况表"), note="含于其中"),
))

# the decorations of a title line, removed before it is matched (regular expressions)
TRAILING_UNIT = r"(?:金额|计量)?单位[:：].*$"  # "收入支出决算总表 单位：万元" on one line
TRAILING_PUBLISHER = r"(?:编制部门|编制单位|预算单位|部门)[:：].*$"  # "收支预算总表部门：江苏省政协办公厅"
BUDGET_TITLE_PUBLISHER = r"\s*(?:编制部门|编制单位|预算单位|部门(?:名称)?)[:：].*$"  # kept off a budget table's title
JIANGSU_NUMBER = (r"^(?:表[一二三四五六七八九十]+)?公开(?:\d+|[一二三四五六七八九十]+)表"
                  r"|公开(?:\d+|[一二三四五六七八九十]+)表$")  # Jiangsu: "公开01表收支预算总表", "收支预算总表公开表一"
JIANGSU_NUMBER_END = r"公开表[一二三四五六七八九十]+$"
JIANGSU_QUALIFIER = r"(表)[(（][^()（）]{1,8}[)）]$"  # Jiangsu: 财政拨款支出预算表（功能科目）
PART_HEADING = "第"  # 第二部分…部门预算表: a part heading, not a table title
TABLE_NUMBER = r"(?:公开)?\d{1,2}表|公开表[一二三四五六七八九十]+|表[一二三四五六七八九十]+"  # 公开03表 in a row of its own
# the patterns above, for the generated page: (name, pattern, what it removes or finds)
PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("TRAILING_UNIT", TRAILING_UNIT, "标题行末的单位 (单位：万元)，匹配前去掉"),
    ("TRAILING_PUBLISHER", TRAILING_PUBLISHER, "标题行末的编制部门/预算单位，匹配前去掉"),
    ("BUDGET_TITLE_PUBLISHER", BUDGET_TITLE_PUBLISHER, "预算表标题中的编制部门，报告中的标题不含之"),
    ("JIANGSU_NUMBER", JIANGSU_NUMBER, "江苏：标题前后的表号 (公开01表、公开表一)，匹配前去掉"),
    ("JIANGSU_NUMBER_END", JIANGSU_NUMBER_END, "江苏：标题后的「公开表一」，匹配前去掉"),
    ("JIANGSU_QUALIFIER", JIANGSU_QUALIFIER, "江苏：表名后的括注 (功能科目)，匹配前去掉"),
    ("TABLE_NUMBER", TABLE_NUMBER, "自成一行的表号 (公开03表、表一)，属于标题行"),
)
TEMPLATE_INSTRUCTION = vocabulary("titles.template_instruction", "模板的填写说明，夹在表与其注释之间时跳过", (
    Term("instruction", "作下述说明", ("作下述说明", "按上述格式依次说明")),
))
NOTE_STARTS = vocabulary("titles.notes", "表下的注释段落：以这些词开头", (
    Term("note", "注", ("注", "说明", "备注")),
    Term("sheet_note", "注", ("注", "说明", "备注", "填报说明", "附注"), note="工作表中自成一行的注释 (readers/sheet.py)"),
))

# header words that confirm a kind named by its title: one of them must be in the grid's text
FINAL_SIGNATURES = vocabulary("titles.final_signature", "决算表的表头确认词：标题所指的表，表内须有其一", (
    _f("SUMMARY", ("本年收入合计", "本年支出合计")),
    _f("INCOME", ("本年收入合计", "财政拨款收入", "上级补助收入")),
    _f("EXPENDITURE", ("本年支出合计", "基本支出")),
    _f("FISCAL_SUMMARY", ("财政拨款结转和结余", "一般公共预算财政拨款")),
    _f("GPB_EXPENDITURE", ("基本支出", "项目支出")),
    _f("BASIC_ECONOMIC", ("人员经费", "工资福利支出", "经济分类", "商品和服务支出")),
    _f("THREE_PUBLIC", ("因公出国", "公务接待", "公务用车")),
    _f("GOV_FUND", ("结转和结余", "本年收入", "本年支出")),
    _f("SOE_CAPITAL", ("结转和结余", "本年收入", "本年支出")),
    _f("ASSETS", ("资产合计", "固定资产", "资产总计")),
))

BUDGET_SIGNATURES = vocabulary("titles.budget_signature", "预算表的表头确认词：表内须有其一 (未列出的表：合计、总计、小计)", (
    _b("*", ("合计", "总计", "小计"), note="其余各表"),
    _b("THREE_PUBLIC", ("出国", "接待", "公务用车")),
    _b("OPERATING_COSTS", ("机关运行", "合计", "金额", "预算数")),
    _b("PROCUREMENT", ("采购",)),
    _b("BASIC_ECONOMIC", ("工资福利", "商品和服务", "人员经费", "经济分类")),
    _b("FISCAL_BASIC", ("工资福利", "商品和服务", "人员经费", "经济分类")),
))

# a table with no title: recognised when its text holds every spelling of a term (tried in order)
HEADER_ONLY = vocabulary("titles.by_header", "无标题的表：表内同时有一个词条的全部词时认作该表 (依次尝试)", (
    _f("THREE_PUBLIC", ("因公出国", "公务接待")),
    _f("BASIC_ECONOMIC", ("人员经费", "公用经费", "工资福利支出")),
    _f("ASSETS", ("资产合计", "固定资产", "净资产")),
    _f("INCOME", ("上级补助收入", "附属单位上缴收入", "本年收入合计")),
    _f("EXPENDITURE", ("上缴上级支出", "对附属单位补助支出")),
    _f("FISCAL_SUMMARY", ("本年收入合计", "本年支出合计", "年初财政拨款结转和结余")),
    _f("SUMMARY", ("本年收入合计", "本年支出合计")),
))

# the performance tables
PERFORMANCE_TITLES = vocabulary("titles.performance", "绩效自评表 (决算) 与绩效目标表 (预算)：由表内的词认出", (
    Term("evaluation", "绩效自评表", ("项目名称",), note="且含下一词条之一"),
    Term("evaluation_any", "三级指标", ("三级指标", "年度资金总额", "全年执行数"), note="与「项目名称」同在"),
    Term("target", "绩效目标表", ("绩效目标",), ("自评",), kinds=_BUDGET, note="表的前两行，且含「表」"),
))

VOCABULARIES: tuple[Vocabulary, ...] = (
    FINAL_TITLES, BUDGET_TITLES, BUDGET_MARKERS, TITLE_ENDINGS, TEMPLATE_INSTRUCTION, NOTE_STARTS,
    FINAL_SIGNATURES, BUDGET_SIGNATURES, HEADER_ONLY, PERFORMANCE_TITLES,
)
