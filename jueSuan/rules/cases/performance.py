"""Cases of the 绩效自评表 rules: PF."""

from __future__ import annotations

from .model import Case

FIXED = "songjiang-2020-fixed.docx"  # the 松江 2020 决算, every table consistent with the others
APPENDIX = "songjiang-2020-appendix.docx"  # its 9 绩效自评表, amounts in 元 under a 万元 header
PERF = "huating-perf-2024.docx"  # 华亭 2024 绩效自评表, every identity holding

CASES: tuple[Case, ...] = (
    Case('PF001', '一致的绩效自评表（华亭2024）', (), PERF),
    Case('PF002', '一致的绩效自评表（华亭2024）', (), PERF),
    Case('PF003', '一致的绩效自评表（华亭2024）', (), PERF),
    Case('PF004', '一致的绩效自评表（华亭2024）', (), PERF),
    Case('PF005', '一致的绩效自评表（华亭2024）', (), PERF),
    Case('PF006', '一致的绩效自评表（华亭2024）', (), PERF),
    Case('PF007', '一致的绩效自评表（华亭2024）', (), PERF),
    Case('PF008', '一致的绩效自评表（华亭2024）', (), PERF),
    Case('PF009', '一致的绩效自评表（华亭2024）', (), PERF),
    Case('PF010', '一致的绩效自评表（华亭2024）', (), PERF),
    Case('PF001', '「其他专项工作经费」年度资金总额 年初预算数 476.00 改为 576.00：≠ 当年财政拨款 + 上年结转 + 其他资金', ('error',), PERF,
         cells=((0, 3, 2, '576.00'),)),
    Case('PF002', '「其他专项工作经费」全年预算数 553.40 改为 653.40：执行率 98.24 ≠ 543.69 / 653.40', ('error',), PERF,
         cells=((0, 3, 3, '653.40'),)),
    Case('PF003', '「其他专项工作经费」资金分数 10.00 改为 110.00：资金得分 9.82 ≠ 110.00 × 98.24%', ('error',), PERF,
         cells=((0, 3, 5, '110.00'),)),
    Case('PF004', '「其他专项工作经费」资金分数 10.00 改为 110.00：分值合计不为 100', ('error',), PERF, cells=((0, 3, 5, '110.00'),)),
    Case('PF005', '「其他专项工作经费」资金得分 9.82 改为 109.82：总分 99.82 ≠ 各项得分之和', ('error',), PERF,
         cells=((0, 3, 7, '109.82'),)),
    Case('PF006', '「其他专项工作经费」总分 99.82 改为 85.00，评级仍为“优”', ('error',), PERF, cells=((0, 18, 6, '85.00'),)),
    Case('PF007', '「其他专项工作经费」特保队员服务采购成本 得分 20.00 改为 18.00，未写偏差原因', ('warning',), PERF,
         cells=((0, 10, 6, '18.00'),)),
    Case('PF008', '「政府聘用辅助人员经费」平均成本 实际完成值 0.00 远低于指标 17500，得分 5.00 改为满分 10.00', ('warning',), PERF,
         cells=((3, 10, 6, '10.00'),)),
    Case('PF009', '松江2020附件：表头“万元”，金额却是元', ('warning',), APPENDIX),
    Case('PF010', '决算与其附件：Σ全年执行数 1,957.28 与 项目支出 1,957.24 接近而不等', ('warning',), FIXED, also=(APPENDIX,)),
    Case('PF010', '支出决算表与一般公共预算表的项目支出改为 1,957.28：与 Σ全年执行数 相等', (), FIXED, also=(APPENDIX,),
         cells=((3, 4, 6, '1,957.28'), (5, 17, 4, '1,957.28'))),
)
