"""Write the small workbooks the reader tests use (not samples: made-up data that exercises the reader).

Run from the repository root:  python tests/make_test_data.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.styles import Border, Font, Side

DATA_DIR = Path(__file__).resolve().parent / "data"
TWO_TABLES_ONE_SHEET = DATA_DIR / "two_tables_one_sheet.xlsx"

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def make_two_tables_one_sheet(path: Path = TWO_TABLES_ONE_SHEET) -> Path:
    """One sheet (default name ``Sheet1``) holding two tables:

    rows 1-2   title ``表一　测试收入决算表`` merged over A:C, unit line ``单位：元`` in C2;
    rows 3-5   a bordered 3×3 table: header ``项目`` | ``金额`` merged over B:C; ``1,234.50``
               (``#,##0.00``), ``99.87%`` (``0.00%``); ``合计`` | ``=B4`` (a formula: openpyxl saves
               it without a cached value) | -12.5 as ``(12.50)`` (``#,##0.00_);(#,##0.00)``);
    rows 6-7   blank;
    row 8      title ``表二　测试支出情况表``;
    rows 9-13  an unbordered table with one blank row inside (row 11): 190 (``0``), ``——``, 0.1
               (General), a date, a boolean;
    row 14     a note ``注：测试用数据。``.
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws["A1"] = "表一　测试收入决算表"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:C1")
    ws["C2"] = "单位：元"
    table_one = {
        "A3": ("项目", "General"), "B3": ("金额", "General"), "C3": (None, "General"),
        "A4": ("甲", "General"), "B4": (1234.5, "#,##0.00"), "C4": (0.9987, "0.00%"),
        "A5": ("合计", "General"), "B5": ("=B4", "#,##0.00"), "C5": (-12.5, "#,##0.00_);(#,##0.00)"),
    }
    for name, (value, number_format) in table_one.items():
        cell = ws[name]
        cell.value = value
        cell.number_format = number_format
        cell.border = _BORDER
    ws.merge_cells("B3:C3")
    ws["A8"] = "表二　测试支出情况表"
    table_two = {
        "A9": ("科目", "General"), "B9": ("数额", "General"), "C9": ("备注", "General"),
        "A10": ("房屋", "General"), "B10": (190, "0"), "C10": ("——", "@"),
        "A12": ("车辆", "General"), "B12": (0.1, "General"),
        "A13": ("日期", "General"), "B13": (dt.datetime(2020, 12, 31), "yyyy-mm-dd"), "C13": (True, "General"),
    }
    for name, (value, number_format) in table_two.items():
        ws[name] = value
        ws[name].number_format = number_format
    ws["A14"] = "注：测试用数据。"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path


def main() -> None:
    print(f"wrote {make_two_tables_one_sheet()}")


if __name__ == "__main__":
    main()
