"""Read an .xlsx: every sheet in workbook order, cut into paragraphs and grids by ``sheet``.

openpyxl opens the package in read-only mode (workbook, shared strings, styles); each sheet's XML is
then streamed once through openpyxl's own sheet parser, extended to keep what read-only mode drops:
the merged ranges (``mergeCells``) and, per formula cell, whether a cached value was saved. Values
are the cached ones (``data_only``); a formula saved without one prints "" and is reported as a
``Problem``. Styles are looked up once per style id: the number format (what a number prints as)
and whether the cell has a border (a table cell).
"""

from __future__ import annotations

import math
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

from ..source import SourceRef
from .base import Document, Problem, ReadError, Reason
from .numfmt import CELL_ERROR, OUTSIDE_SHEET, format_value
from .safety import CellBudget, TextBudget, check_cells, check_zip
from .sheet import SheetData, WorkbookBuilder
from .sniff import foreign_kind, read_head

__all__ = ["read_xlsx_package"]


class _SheetParser(WorkSheetParser):
    """openpyxl's streaming sheet parser (cached values), also noting formulas that have none."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.missing: list[tuple[int, int, str]] = []
        self.errors: list[tuple[int, int, str, str]] = []
        self._shared: dict[str, tuple[str, str]] = {}  # shared-formula id -> (formula, its cell)

    def parse_cell(self, element: Any) -> dict[str, Any]:
        v = element.find(VALUE_TAG)
        raw = None
        if element.get("t", "n") == "n" and v is not None and v.text and not _finite_number(v.text):
            raw, v.text = v.text.strip(), None  # NaN, inf, or not a number at all: kept as printed, reported
        cell = super().parse_cell(element)
        if raw is not None:
            cell["value"] = raw
            self.errors.append((cell["row"] - 1, cell["column"] - 1, raw, CELL_ERROR))
        elif cell.get("data_type") == "e" and cell["value"] is not None:
            self.errors.append((cell["row"] - 1, cell["column"] - 1, str(cell["value"]), CELL_ERROR))
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


def _finite_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


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


def _read_sheet(wb: Any, ws: Any, styles: _Styles, budget: CellBudget, text_budget: TextBudget) -> SheetData:
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
                    text_budget.take(len(text))
                    if text and (pos[0] < 0 or pos[1] < 0):  # addressed A0: reported with its text
                        data.errors.append((pos[0], pos[1], text, OUTSIDE_SHEET))
                        continue
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
        data.errors.extend(parser.errors)
    return data


_ABSENT_SHEET = "a sheet listed in the workbook whose part is missing from the package: not read"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _absent_sheets(wb: Any) -> list[str]:
    """Sheets that xl/workbook.xml lists but openpyxl did not load (their part is missing: openpyxl
    skips such a sheet without a word)."""
    from openpyxl.xml.functions import fromstring  # defusedxml's parser when it is installed

    archive = wb._archive
    names = [n for n in archive.namelist() if n.lower().endswith("workbook.xml")]
    part = "xl/workbook.xml" if "xl/workbook.xml" in names else (names[0] if names else None)
    if part is None:
        return []
    try:
        root = fromstring(archive.read(part))
    except Exception:  # already parsed once by openpyxl: nothing more to learn here
        return []
    loaded = set(wb.sheetnames)
    return [name for el in root.iter(f"{_MAIN}sheet") if (name := el.get("name")) and name not in loaded]


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
                text_budget = TextBudget(p)
                absent = _absent_sheets(wb)
                if absent and not sheets:
                    raise ReadError(p, Reason.MALFORMED, f"the workbook lists {len(absent)} sheet(s) but holds none "
                                                         f"of them ({', '.join(absent[:5])})")
                for ws in sheets:
                    builder.add_sheet(_read_sheet(wb, ws, styles, budget, text_budget))  # type: ignore[arg-type]
                for name in absent:
                    builder.problems.append(Problem(SourceRef(p.name, sheet=name), _ABSENT_SHEET, name))
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

