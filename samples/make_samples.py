"""Write the sample disclosures used by the tests: songjiang-2020.docx and songjiang-2020-fixed.docx, and the
same two disclosures as workbooks: songjiang-2020.xlsx / -fixed.xlsx (openpyxl) and .xls / -fixed.xls (xlwt).

The published file is 上海市松江区城市运行管理中心 2020年度部门决算. Its text, as extracted from the
publisher's Word document, is transcribed below verbatim, quirks included: figures with and without
thousands separators, trailing ideographic spaces (U+3000), trailing ordinary spaces, cells holding only
U+3000, ``——`` cells, the ``合计了`` label and the indented names. Nothing is corrected there.

The fixed variant is derived from the published data by the explicit replacements in the section
"Fixed variant" (basic-expenditure table and two narrative phrases), after which every identity holds.

The workbooks hold the same data one table per sheet, as finance bureaus publish them (section
"Writing the workbooks"): every figure that a spreadsheet would hold as a number is a numeric cell whose
number format prints exactly the transcribed text; the quirky ones (ideographic or trailing spaces) stay text.

Run from the repository root:  python samples/make_samples.py
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from docx.document import Document as DocxDocument

from jueSuan.fixtures import Paragraph, Row, Table, below, place, wide
from jueSuan.fixtures.word import PUBLISHED, document, save
from jueSuan.fixtures.workbook import Sheet, lines, section_sheet, table_cells, write_xls, write_xlsx

OUT_DIR = Path(__file__).resolve().parent
PUBLISHED_PATH = OUT_DIR / "songjiang-2020.docx"
FIXED_PATH = OUT_DIR / "songjiang-2020-fixed.docx"
PUBLISHED_XLSX = OUT_DIR / "songjiang-2020.xlsx"
FIXED_XLSX = OUT_DIR / "songjiang-2020-fixed.xlsx"
PUBLISHED_XLS = OUT_DIR / "songjiang-2020.xls"
FIXED_XLS = OUT_DIR / "songjiang-2020-fixed.xls"



@dataclass(frozen=True)
class Section:
    """One public table: its title paragraph, the unit line, the table, then the notes."""

    title: str
    table: Table
    notes: tuple[str, ...]


UNIT = "单位：万元"
BLANK = ""
IDEO = "\u3000"  # ideographic space, as printed in many cells of the published tables


# --------------------------------------------------------------------------------------------------
# Published data (seed lines 1-1541 and 1544-1607). Rows are written as the published file prints them.
# --------------------------------------------------------------------------------------------------

# 第一部分 (the leading space of the first line is in the published text)
OVERVIEW_PARAGRAPHS: tuple[str, ...] = (
    " 第一部分    上海市松江区城市运行管理中心概况",
    "一、主要职能",
    "上海市松江区城市运行管理中心（区社会治理联动指挥中心）为区政府直属的全额拨款事业单位，机构规格为相当正处级。",
    "区城市运行管理中心（区社会治理联动指挥中心）负责城市网格化管理职责，统一规划、划分网格，指挥、调度全区社会治理"
    "联动处置工作力量、社会力量，对社会治理事项进行巡查、发现问题及时立案，并将案件派至相关部门和单位进行处置，"
    "对案件处置进行协调和督办，对处置结果进行核查；负责建立全区统一的社会治理联动指挥物理平台和信息化平台，"
    "承担社会治理信息系统的运行维护和相关信息数据的存储共享及分析研判；全面整合和统一各类热线、对接各类条线指挥平台，"
    "承接区大联动工作职责；负责区委、区政府24小时应急值守、突发公共事件应急处置指挥协调等事务工作。",
    "二、机构设置",
    "区城市运行管理中心（区社会治理联动指挥中心）内设6个机构，包括：办公室、指挥处置科、热线服务科、信息管理科、"
    "网格平台科、监督指导科。",
    "从预算单位构成看，上海市松江区城市运行管理中心部门决算包括：上海市松江区城市运行管理中心本级决算。",
    "纳入上海市松江区城市运行管理中心2020年度部门决算编制范围的单位包括：",
)

UNIT_LIST_ROWS: tuple[Row, ...] = (
    ("序号", "单位名称", "备注"),
    ("1", "上海市松江区城市运行管理中心（本级）", ""),
    ("2", "。。。", ""),
    ("3", "。。。", ""),
    ("4", "。。。", ""),
    ("5", "。。。", ""),
    ("6", "。。。", ""),
    ("7", "。。。", ""),
    ("8", "。。。", ""),
)

PART_TWO_HEADINGS: tuple[str, ...] = (
    "第二部分    上海市松江区城市运行管理中心2020年度",
    "部门决算表",
)

# 1. 收入支出决算总表: income label | amount | expenditure label | amount
SUMMARY_BODY: tuple[Row, ...] = (
    ("一、一般公共预算财政拨款收入", "3,998.79", "一、一般公共服务支出", ""),
    ("二、政府性基金预算财政拨款收入", "", "二、外交支出", ""),
    ("三、国有资本经营预算财政拨款收入", "", "三、国防支出", ""),
    ("四、上级补助收入", "", "四、公共安全支出", ""),
    ("五、事业收入", "", "五、教育支出", ""),
    ("六、经营收入", "", "六、科学技术支出", ""),
    ("七、附属单位上缴收入", "", "七、文化旅游体育与传媒支出", ""),
    ("八、其他收入", "", "八、社会保障和就业支出", "148.30"),
    (IDEO, "", "九、卫生健康支出", "56.98"),
    (IDEO, "", "十、节能环保支出", ""),
    (IDEO, "", "十一、城乡社区支出", "3,727.47"),
    (IDEO, "", "十二、农林水支出", ""),
    (IDEO, "", "十三、交通运输支出", ""),
    (IDEO, "", "十四、资源勘探工业信息等支出", ""),
    (IDEO, "", "十五、商业服务业等支出", ""),
    (IDEO, "", "十六、金融支出", ""),
    (IDEO, "", "十七、援助其他地区支出", ""),
    (IDEO, "", "十八、自然资源海洋气象等支出", ""),
    (IDEO, "", "十九、住房保障支出", "51.30"),
    (IDEO, "", "二十、粮油物资储备支出", ""),
    ("", "", "二十一、国有资本经营预算支出", ""),
    ("", "", "二十二、灾害防治及应急管理支出", ""),
    (IDEO, "", "二十三、其他支出", ""),
    ("", "", "二十四、债务还本支出", ""),
    ("", "", "二十五、债务付息支出", ""),
    ("", "", "二十六、抗疫特别国债安排的支出", ""),
    ("本年收入合计", "3,998.79", "本年支出合计", "3,984.05"),
    ("使用非财政拨款结余", "", "结余分配", ""),
    ("年初结转和结余", "9.81", "年末结转和结余", "24.55"),
    ("总计", "4,008.60", "总计", "4,008.60"),
)

# 2. 收入决算表
INCOME_HEADERS: tuple[str, ...] = (
    "本年收入合计",
    "财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
)
INCOME_TOTAL: tuple[str, ...] = ("3,998.79", "3,998.79", "", "", "", "", "")
# code | name | 本年收入合计 | 财政拨款收入 | 上级补助收入 | 事业收入 | 经营收入 | 附属单位上缴收入 | 其他收入
INCOME_BODY: tuple[Row, ...] = (
    ("208", "社会保障和就业支出", "148.30", "148.30", "", "", "", "", ""),
    ("20805", "行政事业单位养老支出", "148.30", "148.30", "", "", "", "", ""),
    ("2080505", "  机关事业单位基本养老保险缴费支出", "99.08", "99.08", "", "", "", "", ""),
    ("2080506", "  机关事业单位职业年金缴费支出", "49.22", "49.22", "", "", "", "", ""),
    ("210", "卫生健康支出", "56.98", "56.98", "", "", "", "", ""),
    ("21011", "行政事业单位医疗", "56.98", "56.98", "", "", "", "", ""),
    ("2101102", "  事业单位医疗", "56.98", "56.98", "", "", "", "", ""),
    ("212", "城乡社区支出", "3,742.21", "3,742.21", "", "", "", "", ""),
    ("21201", "城乡社区管理事务", "3,742.21", "3,742.21", "", "", "", "", ""),
    ("2120199", "  其他城乡社区管理事务支出", "3,742.21", "3,742.21", "", "", "", "", ""),
    ("221", "住房保障支出", "51.30", "51.30", "", "", "", "", ""),
    ("22102", "住房改革支出", "51.30", "51.30", "", "", "", "", ""),
    ("2210201", "  住房公积金", "51.30", "51.30", "", "", "", "", ""),
)

# 3. 支出决算表
EXPENDITURE_HEADERS: tuple[str, ...] = (
    "本年支出合计",
    "基本支出",
    "项目支出",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
)
# The 合计 row carries the 类/款/项 sub-headers, as printed.
EXPENDITURE_TOTAL: Row = ("类", "款", "项", "合计", "3,984.05", "2,026.81", "1,957.24", "", "", "")
# code (spans 类/款/项) | name | 本年支出合计 | 基本支出 | 项目支出 | 上缴上级支出 | 经营支出 | 对附属单位补助支出
EXPENDITURE_BODY: tuple[Row, ...] = (
    ("208", "社会保障和就业支出", "148.30", "148.30", "0.00", "", "", ""),
    ("20805", "行政事业单位养老支出", "148.30", "148.30", "0.00", "", "", ""),
    ("2080505", "  机关事业单位基本养老保险缴费支出", "99.08", "99.08", "0.00", "", "", ""),
    ("2080506", "  机关事业单位职业年金缴费支出", "49.22", "49.22", "0.00", "", "", ""),
    ("210", "卫生健康支出", "56.98", "56.98", "0.00", "", "", ""),
    ("21011", "行政事业单位医疗", "56.98", "56.98", "0.00", "", "", ""),
    ("2101102", "  事业单位医疗", "56.98", "56.98", "0.00", "", "", ""),
    ("212", "城乡社区支出", "3,727.47", "1,770.23", "1,957.24", "", "", ""),
    ("21201", "城乡社区管理事务", "3,727.47", "1,770.23", "1,957.24", "", "", ""),
    ("2120199", "  其他城乡社区管理事务支出", "3,727.47", "1,770.23", "1,957.24", "", "", ""),
    ("221", "住房保障支出", "51.30", "51.30", "0.00", "", "", ""),
    ("22102", "住房改革支出", "51.30", "51.30", "0.00", "", "", ""),
    ("2210201", "  住房公积金", "51.30", "51.30", "0.00", "", "", ""),
)

# 4. 财政拨款收入支出决算总表: income label | 决算数 | expenditure label | 合计 | 一般公共预算 | 政府性基金 | 国资
FISCAL_SUMMARY_HEADER: Row = (
    "项目",
    "决算数",
    "项目",
    "合计",
    "一般公共预算财政拨款",
    "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款",
)
FISCAL_SUMMARY_BODY: tuple[Row, ...] = (
    ("一、一般公共预算财政拨款", "3,998.79\u3000", "一、一般公共服务支出", IDEO, "", "", IDEO),
    ("二、政府性基金预算财政拨款", IDEO, "二、外交支出", IDEO, "", "", IDEO),
    ("三、国有资本经营预算财政拨款", IDEO, "三、国防支出", IDEO, "", "", IDEO),
    (IDEO, IDEO, "四、公共安全支出", IDEO, "", "", IDEO),
    (IDEO, IDEO, "五、教育支出", IDEO, "", "", IDEO),
    (IDEO, IDEO, "六、科学技术支出", IDEO, "", "", IDEO),
    (IDEO, IDEO, "七、文化旅游体育与传媒支出", IDEO, "", "", IDEO),
    (IDEO, IDEO, "八、社会保障和就业支出", "148.30", "148.30", "", IDEO),
    (IDEO, IDEO, "九、卫生健康支出", "56.98", "56.98", "", IDEO),
    (IDEO, IDEO, "十、节能环保支出", "", "", "", IDEO),
    (IDEO, IDEO, "十一、城乡社区支出", "3,727.47", "3,727.47", "", IDEO),
    (IDEO, IDEO, "十二、农林水支出", IDEO, "", "", IDEO),
    (IDEO, IDEO, "十三、交通运输支出", IDEO, "", "", IDEO),
    (IDEO, IDEO, "十四、资源勘探工业信息等支出", IDEO, "", "", IDEO),
    (IDEO, IDEO, "十五、商业服务业等支出", IDEO, "", "", IDEO),
    (IDEO, IDEO, "十六、金融支出", IDEO, "", IDEO, IDEO),
    (IDEO, IDEO, "十七、援助其他地区支出", IDEO, "", IDEO, IDEO),
    (IDEO, IDEO, "十八、自然资源海洋气象等支出", IDEO, "", IDEO, IDEO),
    (IDEO, IDEO, "十九、住房保障支出", "\u300051.30", "51.30", IDEO, IDEO),
    (IDEO, IDEO, "二十、粮油物资储备支出", IDEO, "", IDEO, IDEO),
    (IDEO, IDEO, "二十一、国有资本经营预算支出", IDEO, "", IDEO, IDEO),
    ("", "", "二十二、灾害防治及应急管理支出", "", "", "", ""),
    ("", IDEO, "二十三、其他支出", IDEO, "", IDEO, IDEO),
    ("", IDEO, "二十四、债务还本支出", IDEO, "", IDEO, IDEO),
    ("", "", "二十五、债务付息支出", "", "", "", ""),
    ("", "", "二十六、抗疫特别国债安排的支出", "", "", "", ""),
    ("本年收入合计", "3,998.79\u3000", "本年支出合计", "3984.05", "3984.05", IDEO, IDEO),
    ("年初财政拨款结转和结余", "9.81\u3000", "年末财政拨款结转和结余", "24.55", "24.55", IDEO, IDEO),
    ("一、一般公共预算财政拨款", "9.81", "", "", "", "", ""),
    ("二、政府性基金预算财政拨款", "", "", "", "", "", ""),
    ("三、国有资本经营预算财政拨款", "", "", "", "", "", ""),
    ("总计", "4,008.60\u3000", "总计", "4,008.60", "4,008.60", IDEO, IDEO),
)

# 5. 一般公共预算财政拨款支出决算表: code | name | 合计 | 基本支出 | 项目支出
GENERAL_BUDGET_BODY: tuple[Row, ...] = (
    ("208", "社会保障和就业支出", "148.30", "148.30", "0.00"),
    ("20805", "行政事业单位养老支出", "148.30", "148.30", "0.00"),
    ("2080505", "  机关事业单位基本养老保险缴费支出", "99.08", "99.08", "0.00"),
    ("2080506", "  机关事业单位职业年金缴费支出", "49.22", "49.22", "0.00"),
    ("210", "卫生健康支出", "56.98", "56.98", "0.00"),
    ("21011", "行政事业单位医疗", "56.98", "56.98", "0.00"),
    ("2101102", "  事业单位医疗", "56.98", "56.98", "0.00"),
    ("212", "城乡社区支出", "3,727.47", "1,770.23", "1,957.24"),
    ("21201", "城乡社区管理事务", "3,727.47", "1,770.23", "1,957.24"),
    ("2120199", "  其他城乡社区管理事务支出", "3,727.47", "1,770.23", "1,957.24"),
    ("221", "住房保障支出", "51.30", "51.30", "0.00"),
    ("22102", "住房改革支出", "51.30", "51.30", "0.00"),
    ("2210201", "  住房公积金", "51.30", "51.30", "0.00"),
)
# The total row's label is printed 合计了.
GENERAL_BUDGET_TOTAL: tuple[str, ...] = ("合计了", "3,984.05", "2,026.81", "1,957.24")

# 6. 一般公共预算财政拨款基本支出决算表: two groups side by side, left 301/303, right 302/310.
# left code | left name | 决算数 | right code | right name | 决算数
BASIC_HEADER: Row = ("经济分类科目编码", "科目名称", "决算数", "经济分类\n科目编码", "科目名称", "决算数")
BASIC_BODY: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("301", "工资福利支出", "1,963.09 ", "302", "商品和服务支出", "282.41 "),
    ("30101", "  基本工资", "135.78 ", "30201", "  办公费", "32.56 "),
    ("30102", "  津贴补贴", "74.70 ", "30202", "  印刷费", "1.64 "),
    ("30103", "  奖金", "0.60 ", "30203", "  咨询费", "3.00 "),
    ("30106", "  伙食补助费", "64.64 ", "30204", "  手续费", "0.00 "),
    ("30107", "  绩效工资", "616.17 ", "30205", "  水费", "0.00 "),
    ("30108", "机关事业单位基本养老保险缴费", "99.08 ", "30206", "  电费", "0.00 "),
    ("30109", "职业年金缴费", "49.22 ", "30207", "  邮电费", "38.66 "),
    ("30110", "职工基本医疗保险缴费", "56.98 ", "30208", "  取暖费", "0.00 "),
    ("30111", "公务员医疗补助缴费", "0.00 ", "30209", "  物业管理费", "0.00 "),
    ("30112", "其他社会保障缴费", "16.59 ", "30211", "  差旅费", "0.49 "),
    ("30113", "住房公积金", "51.30 ", "30212", "  因公出国（境）费用", "0.00 "),
    ("30114", "医疗费", "0.00 ", "30213", "  维修（护）费", "118.53 "),
    ("30199", "  其他工资福利支出", "798.02 ", "30214", "  租赁费", "5.45 "),
    ("303", "对个人和家庭的补助", "0.50", "30215", "  会议费", "0.44 "),
    ("30301", "  离休费", "0.00", "30216", "  培训费", "0.00 "),
    ("30302", "  退休费", "0.00", "30217", "  公务接待费", "0.00 "),
    ("30303", "  退职（役）费", "0.00", "30218", "  专用材料费", "0.00 "),
    ("30304", "  抚恤金", "0.00", "30224", "  被装购置费", "0.00 "),
    ("30305", "  生活补助", "0.00", "30225", "  专用燃料费", "0.00 "),
    ("30307", "  医疗费补助", "0.00", "30226", "  劳务费", "1.00 "),
    ("30308", "  助学金", "0.00", "30227", "  委托业务费", "34.58 "),
    ("30309", "  奖励金", "0.38 ", "30228", "  工会经费", "15.38 "),
    ("30310", "个人农业生产补贴", "0.00", "30229", "  福利费", "0.00 "),
    ("30311", "  代缴社会保险费", "0.00", "30231", "  公务用车运行维护费", "0.00 "),
    ("30399", "  其他对个人和家庭的补助", "0.12 ", "30239", "  其他交通费用", "1.41 "),
    ("", "", "", "30240", "  税金及附加费用", "0.00 "),
    ("", "", "", "30299", "  其他商品和服务支出", "29.28 "),
    ("", "", "", "310", "资本性支出", "1,738.05"),
    ("", "", "", "31002", "  办公设备购置", "13.83"),
    ("", "", "", "31003", "  专用设备购置", "933.35"),
    ("", "", "", "31007", "  信息网络及软件购置更新", "276.63"),
    ("", "", "", "31013", "  公务用车购置", ""),
    ("", "", "", "31019", "  其他交通工具购置", ""),
    ("", "", "", "31021", "  文物和陈列品购置", ""),
    ("", "", "", "31022", "  无形资产购置", "25.93"),
    ("", "", "", "31099", "  其他资本性支出", "488.32"),
)
# 人员经费合计 | amount | 公用经费合计 | amount (each label spans code + name)
BASIC_TOTALS: tuple[str, str, str, str] = ("人员经费合计", "1,963.59", "公用经费合计", "2,020.46")

# 7. 一般公共预算财政拨款“三公”经费支出决算表: 合计 | 因公出国（境）费 | 小计 | 购置费 | 运行维护费 | 公务接待费,
# each as 预算数, 决算数
THREE_PUBLIC_FIGURES: tuple[str, ...] = ("0.00",) * 12

# 10. 资产负债情况表: label | 数量 年初数 | 数量 年末数 | 价值 年初数 | 价值 年末数
ASSET_BODY: tuple[Row, ...] = (
    ("一、资产合计", "——", "——", "109.05", "1,921.86"),
    ("   （一）流动资产", "——", "——", "24.54", "26.28"),
    ("   （二）固定资产", "——", "——", "163.48", "365.62"),
    ("          其中：1.房屋（平方米）", IDEO, IDEO, "", ""),
    ("                2.通用设备（台/套/辆）", "\u3000190", "\u3000479", "118.81", "317.70"),
    ("                     其中：（1）车辆（辆）", "\u30001", IDEO, "17.95", ""),
    ("                                 一般公务用车", IDEO, IDEO, "", ""),
    ("                                 执法执勤用车", IDEO, IDEO, "", ""),
    ("                                 特种专业技术用车", IDEO, IDEO, "", ""),
    ("                                 其他用车", IDEO, IDEO, "", ""),
    ("                   （2）单价50万元以上通用设备（不含车辆）", IDEO, IDEO, "", ""),
    ("               3.专用设备（台/套）", "\u30004", "\u30007", "42.15", "43.67"),
    ("                    其中：单价100万元以上专用设备", IDEO, IDEO, "", ""),
    ("               4.其他固定资产", "——", "——", "2.52", "4.25"),
    ("        减：累计折旧及减值准备", "——", "——", "83.55", "226.18"),
    ("   （三）长期股权投资", "——", "——", "", ""),
    ("   （四）长期债券投资", "——", "——", "", ""),
    ("   （五）在建工程", "——", "——", "", "1,724.22"),
    ("   （六）无形资产", "——", "——", "6.70", "41.04"),
    ("        减：累计摊销", "——", "——", "2.12", "9.12"),
    ("   （七）其他资产", "——", "——", "", ""),
    ("二、负债合计", "——", "——", "9.81", "18.15"),
    ("三、净资产合计", "——", "——", "99.24", "1,903.71"),
)

# 第三部分 (one paragraph per published line; note the ASCII "(项)" in item 2 and the trailing space in 八、)
NARRATIVE_PARAGRAPHS: tuple[str, ...] = (
    "第三部分  上海市松江区城市运行管理中心",
    "2020年度部门决算情况说明",
    "一、收入支出决算总体情况说明",
    "上海市松江区城市运行管理中心2020年度收入支出总计3,998.79万元。与2019年度相比，收入支出总计增加1,767.69万元，"
    "增长79.23%。主要原因：本年度新增松江区城运平台信息化建设项目一期项目。",
    "二、收入决算情况说明",
    "本年收入合计3,998.79万元，其中：财政拨款收入3,998.79万元，占100.00%。",
    "三、支出决算情况说明",
    "本年支出合计3,984.05万元，其中：基本支出2,026.81万元，占50.87%；项目支出1,957.24万元，占49.13%。",
    "四、财政拨款收入支出决算总体情况说明",
    "上海市松江区城市运行管理中心2020年度财政拨款收入支出总计4,008.60万元。与2019年度相比，财政拨款收入支出总计"
    "增加1777.50万元，增长79.67%。主要原因：本年度新增松江区城运平台信息化建设项目一期项目。",
    "五、一般公共预算财政拨款支出决算情况说明",
    "（一）一般公共预算财政拨款支出决算总体情况",
    "一般公共预算财政拨款支出3,984.05万元，占本年支出合计的100.00%。与2019年度相比，一般公共预算财政拨款支出增加"
    "1762.78万元，增长79.36%。主要原因：本年度新增松江区城运平台信息化建设项目一期项目。",
    "（二）一般公共预算财政拨款支出决算结构情况",
    "上海市松江区城市运行管理中心2020年度一般公共预算财政拨款支出3,984.05万元，主要用于以下方面：社会保障和就业支出"
    "（类）148.30万元，占3.72%；卫生健康支出（类）56.98万元，占1.43%；城乡社区支出（类）3,727.47万元，占93.56%；"
    "住房保障支出（类）51.30万元，占1.29%。",
    "（三）一般公共预算财政拨款支出决算具体情况",
    "一般公共预算财政拨款支出年初预算为2,640.99万元，支出决算为3,984.05万元，完成年初预算的150.85%。决算数大于预算数"
    "的主要原因：本年度新增松江区城运平台信息化建设项目一期项目。其中：",
    "1、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。主要用于：职工基本"
    "养老保险缴费。年初预算为123.01万元，支出决算为99.08万元。决算数小于预算数的主要原因：2020年交流至外单位及交流回"
    "本单位人员在个人级别及入职时间上有出入导致养老金缴费总金额低于年初预算数，比例下调。",
    "2、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出(项)。主要用于：职工职业年金"
    "缴费。年初预算为61.50万元，支出决算为49.22万元。决算数大于预算数的主要原因：2020年交流至外单位及交流回本单位"
    "人员在个人级别及入职时间上有出入导致职业年金缴费总金额低于年初预算数，比例下调。",
    "3、卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）。主要用于职工医疗保险缴费。年初预算为73.04万元，"
    "支出决算为56.98万元。决算数小于预算数的主要原因：2020年交流至外单位及交流回本单位人员在个人级别及入职时间上有"
    "出入导致职业年金缴费总金额低于年初预算数，比例下调。",
    "4、城乡社区支出（类）城乡社区管理事务（款）其他城乡社区管理事务支出（项）。主要用于：人员工资津贴、福利费、日常"
    "公用经费、宣传与推广、网络运行等。年初预算为2,329.63万元，支出决算为3,727.47万元。决算数大于预算数的主要原因："
    "本年度追加松江区城运平台信息化建设项目一期项目。",
    "5、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于职工住房公积金缴费。年初预算为53.82万元，支出"
    "决算为51.30万元。决算数小于预算数的主要原因：2020年交流至外单位及交流回本单位人员在个人级别及入职时间上有出入"
    "导致职业年金缴费总金额低于年初预算数，比例下调。",
    "六、一般公共预算财政拨款基本支出决算情况说明",
    "一般公共预算财政拨款基本支出2,026.81万元。其中：人员经费1963.59万元，主要包括：基本工资、津贴补贴、奖金、伙食费、"
    "其他社会保障费、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、其他工资福利支出、住房公积金、"
    "其他对个人和家庭的补助；公用经费63.22万元，主要包括：办公费、水费、电费、邮电费、差旅费、维修（护）费、培训费、"
    "工会经费、福利费、其他商品和服务支出、其他资本性支出。",
    "七、一般公共预算财政拨款“三公”经费支出决算情况说明",
    "（一）“三公”经费财政拨款支出决算总体情况说明。",
    "“三公”经费财政拨款支出年初预算为0.00万元，支出决算为0.00万元，完成预算的0.00%，其中：因公出国（境）费决算为"
    "0.00万元，完成预算的0.00%；公务用车购置及运行维护费支出决算为0.00万元，完成预算的0.00%；公务接待费支出决算为"
    "0.00万元，完成预算的0.00%。",
    "2020年度“三公”经费财政拨款支出决算数与上年持平，其中：因公出国（境）费支出决算与上年持平；公务用车购置及运行"
    "维护费支出决算与上年持平；公务接待费支出决算与上年持平。",
    "（二）“三公”经费财政拨款支出决算具体情况说明。",
    "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0.00万元，占0.00%；公务用车购置及运行维护费支出决算"
    "0.00万元，占0.00%；公务接待费支出决算0.00万元，占0.00%。具体情况如下：",
    "1、因公出国（境）费支出0.00万元。全年安排因公出国（境）团组0个、累计0人次。",
    "2、公务用车购置及运行维护费支出0.00万元。其中：",
    "公务用车购置支出为0.00万元。",
    "公务用车运行维护支出0.00万元。2020年，上海市松江区城市运行管理中心所属各预算单位开支财政拨款的公务用车保有量"
    "为0辆。",
    "3、公务接待费支出0.00万元。其中：",
    "国内公务接待支出0.00万（含外宾接待支出0.00万元）。",
    "上海市松江区城市运行管理中心2020年度无“三公”经费财政拨款支出。",
    "八、政府性基金预算财政拨款收入支出决算情况说明",
    "政府性基金预算财政拨款收入0.00万元，支出0.00万元。 ",
    "上海市松江区城市运行管理中心2020年度无政府性基金预算财政拨款收入和支出。",
    "九、国有资本经营预算财政拨款收入支出决算情况说明",
    "国有资本经营预算财政拨款收入0.00万元，支出0.00万元。",
    "上海市松江区城市运行管理中心2020年度无国有资本经营预算财政拨款收入和支出。",
    "十、预算绩效管理情况",
    "上海市松江区城市运行管理中心2020年度预算绩效管理工作开展情况如下：本部门建立了如下预算绩效管理制度：本部门能"
    "认真遵守预算绩效管理相关制度，严格落实按照预算绩效管理工作机制；全过程绩效管理实施情况：编报绩效目标的2020年度"
    "项目7个，涉及预算金额361.81万元；绩效跟踪评价的2020年度项目9个，涉及预算金额1957.28万元；绩效自评的2020年度"
    "项目9个，涉及预算金额1957.28万元，平均得分91分（其中，绩效评级为“优”的项目7个；绩效评级为“良”的项目2个；"
    "绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个。绩效自评中共发现问题0个，已经完成整改的0个，"
    "正在整改的0个）。",
    # 十一 follows the 绩效自评表 appendix in the seed's extraction (lines 2694-2710); the appendix is
    # its own sample (songjiang-2020-appendix.docx), so the section follows 十 here.
    "十一、其他重要事项的情况说明",
    "（一）机关运行经费支出情况",
    "上海市松江区城市运行管理中心2020年度无机关运行经费支出。",
    "（二）政府采购支出情况",
    "上海市松江区城市运行管理中心2020年度政府采购金额（以合同签订为准）为1,728.21万元，其中：货物采购金额1,239.90万元、"
    "工程采购金额0.00万元、服务采购金额488.31万元。",
    "2020年度本部门面向中小企业预留政府采购项目预算金额124.15万元，面向小微企业预留政府采购项目预算金额0.00万元。"
    "在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额1,728.21万元；在面向小微企业预留政府"
    "采购项目中，由小微企业供应商中标或成交的，采购金额3.99万元；在其他政府采购项目中，由中小企业供应商中标或成交的，"
    "采购金额0.00万元。",
    "（三）车辆、房屋特殊占用情况",
    "1、车辆",
    "截至2020年12月31日，上海市松江区城市运行管理中心使用的一般公务用车中，由区机关事务管理局统一实物保障的一般公务用车为0辆。",
    "2、房屋",
    "（1）截至2020年12月31日，上海市松江区城市运行管理中心使用的房屋中由区机关事务管理局拥有产权并统一调配使用的房屋为0.00平方米。",
    "（2）截至2020年12月31日，上海市松江区城市运行管理中心拥有产权的房屋共0.00平方米，其中由区机关事务管理局统一调配的"
    "供其他部门（单位）使用的房屋为0.00平方米。",
    "截至2020年12月31日，上海市松江区城市运行管理中心使用的房屋中由区机关事务管理局统一调配的其他部门（单位）产权的房屋为0.00平方米。",
    "3、上海市松江区城市运行管理中心2020年度无车辆/房屋特殊占用情况说明。",
    "第四部分    名词解释",
    "一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
    "十一、机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
)


# --------------------------------------------------------------------------------------------------
# Table layouts (headers and merges), built from the data above
# --------------------------------------------------------------------------------------------------


def _blank_rows(count: int, row: Row) -> tuple[Row, ...]:
    return (row,) * count


def _code_spanning(row: Row, cols: int) -> Row:
    """The row with its first cell (the subject code) widened over ``cols`` grid columns."""
    first = row[0]
    assert isinstance(first, str)
    return (wide(first, cols), *row[1:])


def unit_list_table() -> Table:
    return Table(UNIT_LIST_ROWS)


def summary_table() -> Table:
    header: tuple[Row, ...] = (
        (wide("收入", 2), wide("支出", 2)),
        ("项目", "决算数", "项目", "决算数"),
    )
    return Table(header + SUMMARY_BODY)


def income_table() -> Table:
    header: tuple[Row, ...] = (
        (wide("项目", 2), *INCOME_HEADERS),
        ("功能分类科目编码", "科目名称", *(below(),) * len(INCOME_HEADERS)),
        ("",) * 9,
        (wide("合计", 2), *INCOME_TOTAL),
    )
    return Table(header + INCOME_BODY)


def expenditure_table() -> Table:
    header: tuple[Row, ...] = (
        (wide("项目", 4), *EXPENDITURE_HEADERS),
        (wide("支出功能分类科目编码", 3), "科目名称", *(below(),) * len(EXPENDITURE_HEADERS)),
        *_blank_rows(2, (wide("", 3), *("",) * 7)),
        EXPENDITURE_TOTAL,
    )
    return Table(header + tuple(_code_spanning(row, 3) for row in EXPENDITURE_BODY))


def fiscal_summary_table() -> Table:
    header: tuple[Row, ...] = ((wide("收入", 2), wide("支出", 5)), FISCAL_SUMMARY_HEADER)
    return Table(header + FISCAL_SUMMARY_BODY)


def general_budget_table() -> Table:
    label, *totals = GENERAL_BUDGET_TOTAL
    header: tuple[Row, ...] = (
        (wide("项目", 2), "合计", "基本支出", "项目支出"),
        ("功能分类科目编码", "科目名称", below(), below(), below()),
        *_blank_rows(2, ("",) * 5),
    )
    return Table((*header, *GENERAL_BUDGET_BODY, (wide(label, 2), *totals)))


def basic_expenditure_table(
    body: tuple[tuple[str, str, str, str, str, str], ...], totals: tuple[str, str, str, str]
) -> Table:
    staff_label, staff_amount, public_label, public_amount = totals
    totals_row: Row = (wide(staff_label, 2), staff_amount, wide(public_label, 2), public_amount)
    return Table((BASIC_HEADER, *body, totals_row))


def three_public_table() -> Table:
    rows: tuple[Row, ...] = (
        (wide("一般公共预算财政拨款“三公”经费", 12),),
        (wide("合计", 2), wide("因公出国\n（境）费", 2), wide("公务用车购置及运行维护费", 6), wide("公务接待费", 2)),
        (below(2), below(2), wide("小计", 2), wide("公务用车\n购置费", 2), wide("公务用车\n运行维护费", 2), below(2)),
        ("预算数", "决算数") * 6,
        THREE_PUBLIC_FIGURES,
    )
    return Table(rows)


def government_fund_table() -> Table:
    """No figures. The first 合计 row carries the 小计/基本支出/项目支出 sub-headers, as printed."""
    rows: tuple[Row, ...] = (
        (wide("项目", 2), "年初结转和结余", "本年收入", wide("本年支出", 3), "年末结转和\n结余"),
        ("功能分类科目编码", "科目名称", below(), below(), below(3), below()),
        (wide("合计", 2), "", "", "小计", "基本支出", "项目支出", ""),
        *_blank_rows(3, ("",) * 8),
        (wide("合计", 2), *("",) * 6),
    )
    return Table(rows)


def state_capital_table() -> Table:
    rows: tuple[Row, ...] = (
        (wide("项目", 2), "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"),
        ("功能分类科目编码", "科目名称", below(), below(), below(), below()),
        (wide("合计", 2), *("",) * 4),
        *_blank_rows(3, ("",) * 6),
        (wide("合计", 2), *("",) * 4),
    )
    return Table(rows)


def asset_table() -> Table:
    """The title and unit line are rows of the table itself, as published."""
    header: tuple[Row, ...] = (
        (wide("资产负债情况表", 5),),
        ("", wide("", 2), wide(UNIT, 2)),
        (IDEO, wide("数量", 2), wide("价值", 2)),
        (below(), "年初数", "年末数", "年初数", "年末数"),
    )
    return Table(header + ASSET_BODY)


FUND_NOTE_GOV = "注：本表反映单位本年度政府性基金预算财政拨款收入支出及结转和结余情况。"
FUND_NOTE_CAPITAL = "注：本表反映单位本年度国有资本经营预算财政拨款收入支出及结转和结余情况。"


def public_sections(basic: Table) -> tuple[Section, ...]:
    """The nine public tables of 第二部分, in published order."""
    return (
        Section("收入支出决算总表", summary_table(), ("注：本表反映部门本年度的总收支和年末结转结余情况。",)),
        Section("收入决算表", income_table(), ("注：本表反映部门本年度取得的各项收入情况。",)),
        Section("支出决算表", expenditure_table(), ("注：本表反映部门本年度各项支出情况。",)),
        Section(
            "财政拨款收入支出决算总表",
            fiscal_summary_table(),
            ("注：本表反映部门本年度财政拨款总收支和结转结余情况。",),
        ),
        Section(
            "一般公共预算财政拨款支出决算表",
            general_budget_table(),
            ("注：本表反映部门本年度一般公共预算财政拨款支出情况。",),
        ),
        Section(
            "2020年度一般公共预算财政拨款基本支出决算表",
            basic,
            ("注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",),
        ),
        Section(
            "一般公共预算财政拨款“三公”经费支出决算表",
            three_public_table(),
            ("注：本表反映部门本年度“三公”经费支出预决算情况。",),
        ),
        Section(
            "政府性基金预算财政拨款收入支出决算表",
            government_fund_table(),
            (
                FUND_NOTE_GOV,
                "说明：上海市松江区城市运行管理中心本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
            ),
        ),
        Section(
            "国有资本经营预算财政拨款收入支出决算表",
            state_capital_table(),
            (
                FUND_NOTE_CAPITAL,
                "说明：上海市松江区城市运行管理中心本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。",
            ),
        ),
    )


@dataclass(frozen=True)
class Disclosure:
    """Everything that goes into one .docx, in body order."""

    sections: tuple[Section, ...]
    narrative: tuple[str, ...]


def published() -> Disclosure:
    return Disclosure(public_sections(basic_expenditure_table(BASIC_BODY, BASIC_TOTALS)), NARRATIVE_PARAGRAPHS)


# --------------------------------------------------------------------------------------------------
# Fixed variant: the published data with these replacements, after which every identity holds.
# Amount strings keep the published cell format (302 cells carry a trailing space, 310 cells do not).
# --------------------------------------------------------------------------------------------------

# 30199 其他工资福利支出 798.02 -> 798.03, so the 301 款 sum to 1,963.09.
FIXED_LEFT_AMOUNTS: Mapping[str, str] = {"30199": "798.03 "}

# 公用经费 = 基本支出 2,026.81 - 人员经费 1,963.59 = 63.22 = 302 (52.92) + 310 (10.30).
FIXED_RIGHT_AMOUNTS: Mapping[str, str] = {
    "302": "52.92 ",  # 商品和服务支出
    "30201": "32.56 ",  # 办公费
    "30202": "1.64 ",  # 印刷费
    "30211": "0.49 ",  # 差旅费
    "30215": "0.44 ",  # 会议费
    "30226": "1.00 ",  # 劳务费
    "30228": "15.38 ",  # 工会经费
    "30239": "1.41 ",  # 其他交通费用
    "310": "10.30",  # 资本性支出
    "31002": "10.30",  # 办公设备购置
}
FIXED_OTHER_302 = "0.00 "  # every other 302 款
FIXED_OTHER_310 = ""  # every other 310 款 is left blank
FIXED_PUBLIC_TOTAL = "63.22"  # 公用经费合计 (人员经费合计 1,963.59 is unchanged)

# (the paragraph starts with, published phrase, corrected phrase)
NARRATIVE_FIXES: tuple[tuple[str, str, str], ...] = (
    # 一、 the total is 4,008.60 (收入支出决算总表 总计), not 3,998.79 (本年收入合计).
    ("上海市松江区城市运行管理中心2020年度收入支出总计", "收入支出总计3,998.79万元", "收入支出总计4,008.60万元"),
    # ... and with the right total, the change and the rate follow from the same previous year
    # (2,231.10, as 四、 states it): 4,008.60 − 2,231.10 = 1,777.50, i.e. 79.67%.
    ("上海市松江区城市运行管理中心2020年度收入支出总计", "增加1,767.69万元，增长79.23%", "增加1,777.50万元，增长79.67%"),
    # 五（三）item 2: 49.22 is below the budget of 61.50.
    ("2、社会保障和就业支出", "决算数大于预算数的主要原因", "决算数小于预算数的主要原因"),
)


def _fixed_right_amount(code: str, amount: str) -> str:
    if code in FIXED_RIGHT_AMOUNTS:
        return FIXED_RIGHT_AMOUNTS[code]
    if code.startswith("302"):
        return FIXED_OTHER_302
    if code.startswith("310"):
        return FIXED_OTHER_310
    return amount


def _fixed_basic_row(row: tuple[str, str, str, str, str, str]) -> tuple[str, str, str, str, str, str]:
    left_code, left_name, left_amount, right_code, right_name, right_amount = row
    return (
        left_code,
        left_name,
        FIXED_LEFT_AMOUNTS.get(left_code, left_amount),
        right_code,
        right_name,
        _fixed_right_amount(right_code, right_amount),
    )


def _fixed_narrative(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    fixed = list(paragraphs)
    for prefix, old, new in NARRATIVE_FIXES:
        [index] = [i for i, text in enumerate(fixed) if text.startswith(prefix)]
        assert fixed[index].count(old) == 1, (prefix, old)
        fixed[index] = fixed[index].replace(old, new)
    return tuple(fixed)


def fixed() -> Disclosure:
    body = tuple(_fixed_basic_row(row) for row in BASIC_BODY)
    staff_label, staff_amount, public_label, _ = BASIC_TOTALS
    totals = (staff_label, staff_amount, public_label, FIXED_PUBLIC_TOTAL)
    base = published()
    return replace(
        base,
        sections=public_sections(basic_expenditure_table(body, totals)),
        narrative=_fixed_narrative(base.narrative),
    )


# --------------------------------------------------------------------------------------------------
# Writing the .docx (jueSuan.fixtures.word, in the publisher's Word look)
# --------------------------------------------------------------------------------------------------

HEADING_MARKS: tuple[str, ...] = (
    "一、",
    "二、",
    "三、",
    "四、",
    "五、",
    "六、",
    "七、",
    "八、",
    "九、",
    "十、",
    "（一）",
    "（二）",
    "（三）",
)


def _is_heading(text: str) -> bool:
    return text.startswith(HEADING_MARKS) or text.lstrip().startswith(("第一部分", "第三部分"))


def text_paragraphs(paragraphs: Iterable[str]) -> list[Paragraph]:
    return [Paragraph(text, 12, _is_heading(text)) for text in paragraphs]


def part_title(text: str) -> Paragraph:
    return Paragraph(text, 16, True, "center")


def section_blocks(section: Section) -> list[Paragraph | Table]:
    return [Paragraph(section.title, 14, True, "center"), Paragraph(UNIT, 10, False, "right"), section.table,
            *(Paragraph(note, 10, False) for note in section.notes)]


def build(disclosure: Disclosure) -> DocxDocument:
    title, subtitle, *narrative = disclosure.narrative
    return document([
        *text_paragraphs(OVERVIEW_PARAGRAPHS),
        unit_list_table(),
        *(part_title(heading) for heading in PART_TWO_HEADINGS),
        *(block for section in disclosure.sections for block in section_blocks(section)),
        asset_table(),
        part_title(title),
        part_title(subtitle),
        *text_paragraphs(narrative),
    ], PUBLISHED)


# --------------------------------------------------------------------------------------------------
# Writing the workbooks (jueSuan.fixtures.workbook): one table per sheet, the overview's unit list on the
# first sheet, the narrative on the last one (one paragraph per row in column A).
# --------------------------------------------------------------------------------------------------

OVERVIEW_SHEET = "部门概况"
ASSET_SHEET = "资产负债情况表"
NARRATIVE_SHEET = "情况说明"


def overview_sheet() -> Sheet:
    """The overview paragraphs, the unit list, then (after a blank row) the headings of 第二部分."""
    table = unit_list_table()
    top = len(OVERVIEW_PARAGRAPHS)
    cells = [*lines(OVERVIEW_PARAGRAPHS), *table_cells(table, top),
             *lines(PART_TWO_HEADINGS, top + len(table.rows) + 1, bold=True)]
    return Sheet(OVERVIEW_SHEET, tuple(cells), place(table)[1])


def asset_sheet() -> Sheet:
    """As published, the title and the unit line are rows of the table itself."""
    table = asset_table()
    return Sheet(ASSET_SHEET, tuple(table_cells(table, 0)), place(table)[1])


def workbook_sheets(disclosure: Disclosure) -> tuple[Sheet, ...]:
    return (
        overview_sheet(),
        *(section_sheet(s.title, s.table, s.title, UNIT, s.notes)[0] for s in disclosure.sections),
        asset_sheet(),
        Sheet(NARRATIVE_SHEET, tuple(lines(disclosure.narrative)), 1),
    )


def main() -> None:
    save(build(published()), PUBLISHED_PATH)
    save(build(fixed()), FIXED_PATH)
    for disclosure, xlsx_path, xls_path in ((published(), PUBLISHED_XLSX, PUBLISHED_XLS),
                                            (fixed(), FIXED_XLSX, FIXED_XLS)):
        sheets = workbook_sheets(disclosure)
        write_xlsx(sheets, xlsx_path)
        write_xls(sheets, xls_path)
    names = (PUBLISHED_PATH, FIXED_PATH, PUBLISHED_XLSX, FIXED_XLSX, PUBLISHED_XLS, FIXED_XLS)
    print(f"wrote {', '.join(p.name for p in names)} in {OUT_DIR}")


if __name__ == "__main__":
    main()
