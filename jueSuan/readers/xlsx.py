"""Read an .xlsx: every sheet in workbook order, cut into paragraphs and grids by ``sheet``.

openpyxl opens the package in read-only mode (workbook, shared strings, styles); each sheet's XML is
then streamed once through openpyxl's own sheet parser, extended to keep what read-only mode drops:
the merged ranges (``mergeCells``) and, per formula cell, whether a cached value was saved. Values
are the cached ones (``data_only``); a formula saved without one prints "" and is reported as a
``Problem``. Styles are looked up once per style id: the number format (what a number prints as)
and whether the cell has a border (a table cell).
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.formula.translate import Translator
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

from .base import Document, ReadError, Reason
from .safety import CellBudget, check_cells, check_zip
from .sheet import SheetData, WorkbookBuilder, foreign_kind, format_value, read_head

__all__ = ["read_xlsx_package"]


class _SheetParser(WorkSheetParser):
    """openpyxl's streaming sheet parser (cached values), also noting formulas that have none."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.missing: list[tuple[int, int, str]] = []
        self._shared: dict[str, tuple[str, str]] = {}  # shared-formula id -> (formula, its cell)

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell = super().parse_cell(element)
        f = element.find(FORMULA_TAG)
        if f is not None:
            coordinate = element.get("r") or ""
            text = f.text or ""
            if f.get("t") == "shared" and text:
                self._shared[f.get("si", "")] = (text, coordinate)
            v = element.find(VALUE_TAG)
            cached = v is not None and (bool(v.text) or element.get("t") in ("str", "inlineStr"))
            if not cached:
                if not text and f.get("t") == "shared" and f.get("si", "") in self._shared:
                    master, origin = self._shared[f.get("si", "")]
                    try:
                        text = Translator("=" + master, origin).translate_formula(coordinate)[1:]
                    except Exception:  # an untranslatable shared formula: name the master's
                        text = master
                self.missing.append((cell["row"] - 1, cell["column"] - 1, "=" + text))
                cell["value"] = None
        return cell


class _Styles:
    """Per style id of the workbook: (number format, bordered)."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.cache: dict[int, tuple[str, bool]] = {}

    def get(self, style_id: int) -> tuple[str, bool]:
        found = self.cache.get(style_id)
        if found is None:
            try:
                probe = ReadOnlyCell(self.ws, 1, 1, None, "n", style_id)
                fmt = probe.number_format or "General"
                b = probe.border
                bordered = b is not None and any(
                    side is not None and side.style for side in (b.left, b.right, b.top, b.bottom))
            except (IndexError, KeyError, AttributeError, TypeError):
                fmt, bordered = "General", False
            found = self.cache[style_id] = (fmt, bordered)
        return found


def _read_sheet(wb: Any, ws: Any, styles: _Styles, budget: CellBudget) -> SheetData:
    data = SheetData(ws.title)
    with wb._archive.open(ws._worksheet_path) as src:
        parser = _SheetParser(src, ws._shared_strings, data_only=True, epoch=wb.epoch,
                              date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        texts, bordered = data.texts, data.bordered
        for _, row in parser.parse():
            budget.take(len(row))  # the cells written in the sheet's XML, before they are kept
            for cell in row:
                value = cell["value"]
                style_id = cell["style_id"] or 0
                fmt, has_border = styles.get(style_id) if style_id else ("General", False)
                pos = (cell["row"] - 1, cell["column"] - 1)
                if value is not None:
                    text = value if isinstance(value, str) else format_value(value, fmt)
                    if text:
                        texts[pos] = text
                if has_border:
                    bordered.add(pos)
        merged = parser.merged_cells
        if merged is not None:
            for m in merged.mergeCell:
                try:
                    c1, r1, c2, r2 = range_boundaries(m.ref)
                except (ValueError, TypeError):
                    continue
                if None not in (c1, r1, c2, r2):
                    data.merges.append((r1 - 1, c1 - 1, r2 - 1, c2 - 1))
        data.missing.extend(parser.missing)
    return data


def _check_package(path: Path, head: bytes) -> None:
    if not head.startswith(b"PK"):
        raise ReadError(path, Reason.WRONG_FORMAT, f"not an .xlsx workbook ({foreign_kind(head)} saved as .xlsx)")
    names = check_zip(path)
    if any(n.endswith("workbook.xml") for n in names):
        return
    if "xl/workbook.bin" in names:
        raise ReadError(path, Reason.WRONG_FORMAT, "a binary .xlsb workbook named .xlsx (save it as .xlsx)")
    if "word/document.xml" in names:
        raise ReadError(path, Reason.WRONG_FORMAT, "a Word document named .xlsx, not a workbook")
    if "content.xml" in names and "mimetype" in names:
        raise ReadError(path, Reason.WRONG_FORMAT, "an OpenDocument file named .xlsx (save it as .xlsx)")
    raise ReadError(path, Reason.WRONG_FORMAT, "a zip archive but not an Excel workbook (no xl/workbook.xml)")


def read_xlsx_package(path: str | Path) -> Document:
    """Read an .xlsx package (a zip) into a ``Document``; ``ReadError`` for anything unreadable.
    ``workbooks.read_xlsx`` is the entry point: it first sends a legacy .xls renamed .xlsx to the
    .xls reader."""
    p = Path(path)
    head = read_head(p)
    _check_package(p, head)
    try:
        with p.open("rb") as fh, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # a file object: openpyxl then does not insist on the file name's extension
            wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
            try:
                builder = WorkbookBuilder(p.name, p)
                sheets = wb.worksheets
                styles = _Styles(sheets[0]) if sheets else None  # style ids are the workbook's
                budget = CellBudget(p, "cells in the sheets")
                for ws in sheets:
                    builder.add_sheet(_read_sheet(wb, ws, styles, budget))  # type: ignore[arg-type]
            finally:
                wb.close()
    except ReadError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ReadError(p, Reason.TRUNCATED, f"damaged or truncated zip member ({exc})") from None
    except MemoryError:
        raise ReadError(p, Reason.TOO_LARGE, "the workbook does not fit in memory") from None
    except Exception as exc:  # lxml syntax errors, missing parts, bad style tables...
        raise ReadError(p, Reason.MALFORMED, f"not a readable workbook ({type(exc).__name__}: {exc})") from None
    doc = builder.document(str(p), "xlsx")
    check_cells(p, sum(g.n_rows * g.n_cols for g in doc.grids))
    return doc

