"""Cases of the document rules: DC."""

from __future__ import annotations

from .model import Case

FIXED = "songjiang-2020-fixed.docx"  # the 松江 2020 决算, every table consistent with the others
TOC = ("目录", "第一部分 上海市松江区城市运行管理中心概况", "第二部分 上海市松江区城市运行管理中心2020年度部门决算表",
       "第三部分 上海市松江区城市运行管理中心2020年度部门决算情况说明", "第四部分 名词解释")

CASES: tuple[Case, ...] = (
    Case('DC001', '一致的决算：所有表相互一致', (), FIXED),
    Case('DC002', '一致的决算：所有表相互一致', (), FIXED),
    Case('DC003', '一致的决算：所有表相互一致', (), FIXED),
    Case('DC010', '一致的决算：所有表相互一致', (), FIXED),
    Case('DC011', '一致的决算：所有表相互一致', (), FIXED),
    Case('DC012', '一致的决算：所有表相互一致', (), FIXED),
    Case('DC013', '一致的决算：所有表相互一致', (), FIXED),
    Case('DC014', '一致的决算：所有表相互一致', (), FIXED),
    Case('DC003', '基本支出决算表「工资福利支出」的编码 301 改为 302：科目 302 同时名为「商品和服务支出」', ('warning',), FIXED,
         cells=((6, 1, 0, '302'),)),
    Case('DC001', '缺少“三公”经费支出决算表', ('warning',), FIXED, drop=(7,)),
    Case('DC002', '一张表的标题年度写成 2019', ('warning',), FIXED,
         texts=(('2020年度一般公共预算财政拨款基本支出决算表', '2019年度一般公共预算财政拨款基本支出决算表'),)),
    Case('DC011', '模板占位符 XX 未替换', ('error',), FIXED, texts=(('内设6个机构', '内设XX个机构'),)),
    Case('DC012', '模板的备选表述“增加（减少）”未选定', ('error',), FIXED,
         texts=(('收入支出总计增加1,777.50万元', '收入支出总计增加（减少）1,777.50万元'),)),
    Case('DC013', '一处标题把自身年度写成 2019 年度', ('error',), FIXED,
         texts=(('2020年度部门决算情况说明', '2019年度部门决算情况说明'),)),
    Case('DC014', '一句“说明：单位本年度没有…”的单位名称漏了区名（上海市城市运行管理中心）', ('error',), FIXED,
         texts=(('说明：上海市松江区城市运行管理中心本年度没有国有', '说明：上海市城市运行管理中心本年度没有国有'),)),
    Case('DC010', '目录的四个部分在正文中都有', (), FIXED, insert=TOC),
    Case('DC010', '目录列出“第五部分 附件”，正文没有', ('error',), FIXED, insert=(*TOC, "第五部分 附件")),
)
