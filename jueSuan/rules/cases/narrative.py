"""Cases of the 情况说明 rules: NR."""

from __future__ import annotations

from .budget import budget
from .model import Block, Case

FIXED = "songjiang-2020-fixed.docx"  # the 松江 2020 决算, every table consistent with the others
APPENDIX = "songjiang-2020-appendix.docx"  # its 9 绩效自评表

CASES: tuple[Case, ...] = (
    Case('NR001', '一致的决算：所有表相互一致', (), FIXED),
    Case('NR002', '一致的决算：所有表相互一致', (), FIXED),
    Case('NR003', '一致的决算：所有表相互一致', (), FIXED),
    Case('NR005', '一致的决算：所有表相互一致', (), FIXED),
    Case('NR006', '一致的决算：所有表相互一致', (), FIXED),
    Case('NR007', '一致的决算：所有表相互一致', (), FIXED),
    Case('NR008', '一致的决算：所有表相互一致', (), FIXED),
    Case('NR010', '一致的决算：所有表相互一致', (), FIXED),
    Case('NR001', '情况说明，因「本年收入合计」收入决算数 3,998.79 改为 4,098.79', ('error',), FIXED, cells=((1, 28, 1, '4,098.79'),)),
    Case('NR002', '情况说明，因「本年支出合计」支出决算数 3,984.05 改为 4,084.05', ('error',), FIXED, cells=((1, 28, 3, '4,084.05'),)),
    Case('NR003', '收入支出总计的增长率与增减额不符：增长79.67% 改为 89.67%', ('error',), FIXED,
         texts=(('收入支出总计增加1,777.50万元，增长79.67%', '收入支出总计增加1,777.50万元，增长89.67%'),)),
    Case('NR005', '年初预算123.01、决算99.08，文中却说“决算数大于预算数”', ('error',), FIXED,
         texts=(('支出决算为99.08万元。决算数小于预算数', '支出决算为99.08万元。决算数大于预算数'),)),
    Case('NR006', '政府采购总额 1,828.21 ≠ 货物 1,239.90 + 工程 0.00 + 服务 488.31', ('error',), FIXED,
         texts=(('政府采购金额（以合同签订为准）为1,728.21万元', '政府采购金额（以合同签订为准）为1,828.21万元'),)),
    Case('NR007', '机关运行经费 100.00 大于 基本支出决算表 公用经费合计 63.22', ('error',), FIXED,
         texts=(('2020年度无机关运行经费支出。', '2020年度机关运行经费支出100.00万元。'),)),
    Case('NR004', '年初预算为零时文中仍写完成率 0.00%', ('warning',), FIXED),
    Case('NR004', '因公出国（境）费年初预算改为 -1.00：完成率 0.00% 与 决算/预算 不符（其余各项仍为零预算的警告）',
         ('error', 'warning'), FIXED, cells=((7, 4, 2, '-1.00'),)),
    Case('NR004', '“三公”经费段不写完成率', (), FIXED,
         texts=(('，完成预算的0.00%', ''),)),
    Case('NR009', '情况说明中不在表中的数（团组数、采购金额…）：列出，未检查', ('info',), FIXED),
    Case('NR009', '情况说明只有收入、支出两段，其数都在表中', (), FIXED, keep=tuple(range(47))),
    Case('NR010', '情况说明只剩车辆、房屋段：引用的数字表中都没有，无一被检查', ('unchecked',), FIXED, keep=(*range(41), 92, 94, 95, 96)),
    Case('NR008', '绩效自评项目 9 个，评级“良”的写成 3 个：7 + 3 ≠ 9', ('error',), FIXED,
         texts=(('绩效评级为“良”的项目2个', '绩效评级为“良”的项目3个'),)),
    Case('NR008', '所附 9 张绩效自评表与情况说明所写的项目数、金额一致', (), FIXED, also=(APPENDIX,)),
    Case('NR008', '附上 9 张绩效自评表，情况说明却写自评项目 8 个（优 7、良 1）', ('warning',), FIXED, also=(APPENDIX,),
         texts=(('绩效自评的2020年度项目9个', '绩效自评的2020年度项目8个'), ('“良”的项目2个', '“良”的项目1个'))),
)


def _budget_text(*edits: tuple[str, str]) -> tuple[Block, ...]:
    """The consistent 2025 部门预算 of 上海市普陀区示例局 (tables in 元, the 三公 table in 万元) with its
    预算编制说明 before the tables and its 其他相关情况说明 after them, as Shanghai prints them (in 万元)."""
    text = (
        "2025年部门预算编制说明",
        "2025年，上海市普陀区示例局收入预算总计100.00万元，其中：财政拨款收入100.00万元，比2024年预算执行数增加10.00万元。",
        "2025年，上海市普陀区示例局基本支出70.00万元，项目支出30.00万元。",
    )
    other = (
        "其他相关情况说明",
        "一、2025年“三公”经费预算情况说明",
        "2025年“三公”经费预算数为3.00万元。",
        "二、机关运行经费预算",
        "2025年上海市普陀区示例局财政拨款的机关运行经费预算为10.00万元。",
        "三、收支预算总体情况",
        "本部门2025年收入预算总计100.00万元。",
    )

    def edit(s: Block) -> Block:
        for old, new in edits:
            s = s.replace(old, new) if isinstance(s, str) else s
        return s

    good = budget()
    return tuple(edit(b) for b in (*good[:2], *text, *good[2:], *other))


CASES += (
    Case('NR001', '预算：预算编制说明所写的基本支出 70.00万元 = 支出预算总表 700,000.00元（元对万元，按文中位数）', (),
         blocks=_budget_text()),
    Case('NR001', '预算：预算编制说明写基本支出 75.00万元，支出预算总表为 700,000.00元', ('error',),
         blocks=_budget_text(("基本支出70.00万元", "基本支出75.00万元"))),
    Case('NR011', '预算：收入预算总计在文中两处都写 100.00万元', (), blocks=_budget_text()),
    Case('NR011', '预算：收入预算总计先写 100.00万元，其他相关情况说明中又写 110.00万元', ('error',),
         blocks=_budget_text(("本部门2025年收入预算总计100.00万元", "本部门2025年收入预算总计110.00万元"))),
)
