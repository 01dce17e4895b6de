"""Where a figure came from: file, sheet or page, table, row, column (or paragraph and span)."""

from __future__ import annotations

import attrs


def _col_letters(col: int) -> str:
    """0-based column index to Excel letters (0 → A, 26 → AA)."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@attrs.frozen
class Printed:
    """A location as a person reads it in the document: the table as titled and numbered, the line as
    printed (code and name, or 行次), the column as headed (and its 栏次); for running text the section
    and the sentence, and the words quoted. Filled by the builders; every part may be empty."""

    number: str = ""  # the table's number as the document prints it: 表六, 公开05表, 附表1
    title: str = ""  # the table's title as printed
    line: str = ""  # 30101 基本工资 / 人员经费合计 / 第16行
    column: str = ""  # 决算数 / 支出/合计 (栏次 1)
    section: str = ""  # 情况说明 五（二）
    sentence: int | None = None  # 1-based, within the section
    quote: str = ""  # the words quoted: 3,998.79万元

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in attrs.asdict(self).items() if v not in ("", None)}


@attrs.frozen(order=True)
class SourceRef:
    """A location in an input file. Rows and columns are 0-based in the grid as read.

    ``table`` is the index of the table in the file (in body order), ``sheet`` and ``page`` are set
    by the readers that have them, ``cell`` is the native cell name where the format has one
    (``Sheet1!C7``), ``bbox`` the box on a PDF page, ``paragraph``/``span`` a place in running text.
    """

    file: str
    table: int | None = None
    row: int | None = None
    col: int | None = None
    sheet: str | None = None
    page: int | None = None
    cell: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    paragraph: int | None = None
    span: tuple[int, int] | None = None
    # how a person finds it (table, line, column as printed); not part of the location's identity
    printed: Printed | None = attrs.field(default=None, eq=False, order=False, repr=False)

    def at(self, row: int, col: int, cell: str | None = None) -> SourceRef:
        return attrs.evolve(self, row=row, col=col, cell=cell)

    def short(self) -> str:
        """A compact human form: ``表格#3 R12C4`` / ``Sheet1!C7`` / ``p.4 表2 R3C2`` / ``段12[4:10]``."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.cell:
            parts.append(self.cell)
        else:
            if self.sheet is not None:
                parts.append(f"{self.sheet}!")
            if self.table is not None:
                parts.append(f"表格#{self.table + 1}")
            if self.row is not None and self.col is not None:
                parts.append(f"R{self.row + 1}C{self.col + 1}")
        if self.paragraph is not None:
            parts.append(f"段{self.paragraph + 1}")
            if self.span is not None:
                parts.append(f"[{self.span[0]}:{self.span[1]}]")
        return " ".join(parts)

    def to_dict(self) -> dict[str, object]:
        out = {k: v for k, v in attrs.asdict(self, recurse=False).items() if v is not None and k != "printed"}
        if self.printed is not None:
            out["printed"] = self.printed.to_dict()
        return out

    def where(self) -> str:
        """The location for people: 表六 一般公共预算财政拨款基本支出决算表 · 人员经费合计 · 决算数 · 第16页;
        情况说明 五（二） 第2句「3,998.79万元」. Without a printed location, the short grid form."""
        return describe(self)


def describe(ref: SourceRef) -> str:
    """Format a location for people (see ``SourceRef.where``)."""
    p = ref.printed
    page = f"第{ref.page}页" if ref.page is not None else ""
    if p is None:  # not placed in a model: the grid position, said in words
        parts0 = [f"工作表「{ref.sheet}」" if ref.sheet else "", f"第{ref.table + 1}个表格" if ref.table is not None else ""]
        if ref.cell:
            parts0.append(f"单元格{ref.cell.split('!')[-1]}")
        elif ref.row is not None and ref.col is not None:
            parts0.append(f"第{ref.row + 1}行第{ref.col + 1}列")
        if ref.paragraph is not None:
            parts0.append(f"第{ref.paragraph + 1}段")
        text = " ".join(x for x in parts0 if x)
        return " · ".join(x for x in (text, page) if x) or ref.file
    parts: list[str] = []
    if p.title or p.number:
        parts.append(" ".join(x for x in (p.number, p.title) if x))
    if p.section or p.sentence is not None:
        text = p.section or "情况说明"
        if p.sentence is not None:
            text += f" 第{p.sentence}句"
        if p.quote:
            text += f"「{p.quote}」"
        parts.append(text)
    parts += [x for x in (p.line, p.column, page) if x]
    if ref.sheet and not page:  # a workbook: the sheet (when the title does not name it) and the cell
        sheet = "" if ref.sheet in (p.title, p.section.removeprefix("情况说明 ")) else f"工作表「{ref.sheet}」"
        cell = f"单元格{ref.cell.split('!')[-1]}" if ref.cell else ""
        parts.append(" ".join(x for x in (sheet, cell) if x) or f"工作表「{ref.sheet}」")
    return " · ".join(parts) if parts else ref.short()


col_letters = _col_letters
