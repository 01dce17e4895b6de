"""The words of a table's layout: header words, 行次/栏次 numbering, code and label columns.

Used by builders/layout.py to find where the header ends and what each column is, whatever the
table. The national 决算 formats number their lines (行次) and columns (栏次); Shanghai's template
does not: both are read by the same words, so there is no region profile here.
"""

from __future__ import annotations

from . import Term, Vocabulary, vocabulary

HEADER_WORDS = vocabulary("layout.header", "表头的词：一行中有之而无数字即为表头行", (
    Term("exact", "项目", ("项目", "数量", "价值", "小计", "类", "款", "项", "收入", "支出", "决算数", "预算数", "年初数",
                          "年末数", "金额", "科目名称", "名称", "行次", "栏次", "序号"), note="整格"),
    Term("in", "科目编码", ("科目编码", "科目名称", "基本支出", "项目支出", "本年收入", "本年支出", "结转和结余", "决算数",
                           "预算数", "年初数", "年末数", "财政拨款收入", "上级补助收入", "经营收入", "其他收入", "事业收入",
                           "上缴上级支出", "对附属单位补助支出", "经营支出", "附属单位上缴收入"), note="含于格中"),
))

COLUMN_ROLES = vocabulary("layout.columns", "列的种类：行次/栏次列 (编号，不是数字)、科目编码列、名称列", (
    Term("index", "行次", ("行次", "栏次", "序号", "行号"), note="整格：表头最上或最下一层；全国格式的行次/栏次"),
    Term("numbering", "栏次", ("栏次",), note="整格：给各列编号的栏次行 (1 2 3 …) 属于表头"),
    Term("code_part", "类", ("类", "款", "项"), note="整格：分开印的类|款|项编码列"),
    Term("code", "编码", ("编码", "代码"), note="表头含之"),
    Term("label", "名称", ("名称",), note="表头含之"),
    Term("label_exact", "项目", ("项目", "科目"), note="表头最后一层整格"),
))

BODY_LABELS = vocabulary("layout.body", "只有标签的表体行：以合计/总计开头或结尾", (
    Term("total", "合计", ("合计", "总计")),
))

VOCABULARIES: tuple[Vocabulary, ...] = (HEADER_WORDS, COLUMN_ROLES, BODY_LABELS)
