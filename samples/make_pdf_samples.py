"""Write the PDF samples: the Songjiang disclosure as a Word-style export, and one small PDF per
publisher quirk that the PDF reader handles.

* ``samples/songjiang-2020.pdf`` and ``samples/songjiang-2020-fixed.pdf``: the two .docx samples
  converted by LibreOffice (``soffice --headless --convert-to pdf``), a Word-style export in which
  tables break across pages (one row even breaks in the middle of its label).
* ``tests/data/pdf/q1-baseline.pdf`` … ``q8-three-public.pdf``: one quirk each, drawn with
  reportlab and the WenQuanYi Zen Hei font (embedded, so the text extracts as proper characters),
  figures from the Songjiang seed; plus ``scan.pdf`` (an image, no text), ``partly-scanned.pdf``
  (a text page, then a scanned one), ``encrypted.pdf`` (a user password), ``encrypted-open.pdf``
  (an owner password only: readable), ``truncated.pdf`` (a file cut in half) and
  ``no-unicode.pdf`` (a font without its ToUnicode map: the text cannot be decoded).

The generated files are committed: CI has neither LibreOffice nor the font. Where a tool is
missing, this script says so and keeps the committed files.

Run from the repository root:  python samples/make_pdf_samples.py
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import make_samples  # the seed's figures, transcribed once (the script's folder is on the path)

from jueSuan.fixtures import Cell, CellSpec, Table
from jueSuan.fixtures.pdf import BOTTOM, LEFT, PAGE_H, PAGE_W, RIGHT, TOP, PdfDocument, register_font

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
QUIRKS = ROOT / "tests" / "data" / "pdf"
FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def fig(text: str, **kw: object) -> Cell:
    return Cell(text, align="right", **kw)  # type: ignore[arg-type]


def mid(text: str, **kw: object) -> Cell:
    return Cell(text, align="center", **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------
# Figures from the Songjiang seed
# --------------------------------------------------------------------------------------------------

UNIT = "单位：万元"

# the summary table's lines that carry a label on the income side or a figure (the quirk samples
# need no empty 类 lines), taken from the sample writer's transcription of the seed
SUMMARY_ROWS: list[tuple[str, str, str, str]] = [
    (left.strip("\u3000"), a, right, b) for left, a, right, b in make_samples.SUMMARY_BODY
    if left.strip("\u3000") or b
]

# code, name, 合计, 基本支出, 项目支出 (the names without their indent)
GPB_ROWS: list[tuple[str, ...]] = [(code, name.strip(), *figs) for code, name, *figs in make_samples.GENERAL_BUDGET_BODY]
GPB_TOTAL = make_samples.GENERAL_BUDGET_TOTAL[1:]
EXP_HEADERS = make_samples.EXPENDITURE_HEADERS
INCOME_HEADERS = make_samples.INCOME_HEADERS
INCOME_ROWS = [(code, name, total, total) for code, name, total, _, _ in GPB_ROWS]
INCOME_ROWS[7:10] = [(code, name, "3,742.21", "3,742.21") for code, name, *_ in GPB_ROWS[7:10]]


def _summary_header() -> list[list[CellSpec]]:
    return [[mid("收入", cols=2), mid("支出", cols=2)], [mid("项目"), mid("决算数"), mid("项目"), mid("决算数")]]


# --------------------------------------------------------------------------------------------------
# The quirk samples
# --------------------------------------------------------------------------------------------------


def q1_baseline(path: Path) -> None:
    """(1) Figures printed 3.5pt above their row label's baseline (a figure font with another
    ascent, as WPS exports do): plain text extraction puts each figure on the line above."""
    d = PdfDocument(path)
    d.para("收入支出决算总表", size=16, align="center")
    d.para(UNIT, size=10.5, align="right")
    rows = _summary_header()
    for a, b, c, e in SUMMARY_ROWS:
        rows.append([a, fig(b, dy=3.5), c, fig(e, dy=3.5)])
    d.table(Table(rows, [130, 70, 181, 70]), min_row=20)
    d.para("注：本表反映部门本年度的总收支和年末结转结余情况。", size=10.5)
    d.save()


def q2_rect_rules(path: Path) -> None:
    """(2) Rules drawn as thin filled rectangles, cell by cell, and a shaded header (ONLYOFFICE/WPS
    style); the only stroked shape is a second frame around the table (a double outer border)."""
    d = PdfDocument(path)
    d.para("一般公共预算财政拨款支出决算表", size=16, align="center")
    d.para(UNIT, size=10.5, align="right")
    rows: list[list[CellSpec]] = [
        [mid("项目", cols=2), mid("合计", rows=2), mid("基本支出", rows=2), mid("项目支出", rows=2)],
        [mid("功能分类科目编码"), mid("科目名称")],
    ]
    for code, name, *figs in GPB_ROWS:
        rows.append([code, name, *(fig(f) for f in figs)])
    rows.append([mid("合计", cols=2), *(fig(f) for f in GPB_TOTAL)])
    d.table(Table(rows, [80, 161, 70, 70, 70]), style="rects", shade_header=2, double_frame=True)
    d.para("注：本表反映部门本年度一般公共预算财政拨款支出情况。", size=10.5)
    d.save()


def q3_no_rules(path: Path) -> None:
    """(3) Tables printed with no rules at all, between paragraphs of prose full of figures: the
    一般公共预算财政拨款支出决算表 (figures aligned in columns, long names wrapped with their code
    and figures beside the middle), and on page 2 the two-sided 收入支出决算总表 set tight."""
    d = PdfDocument(path)
    d.para("（二）一般公共预算财政拨款支出决算结构情况", size=12)
    d.para("上海市松江区城市运行管理中心 2020 年度一般公共预算财政拨款支出 3,984.05 万元，主要用于以下方面："
           "社会保障和就业支出（类）148.30 万元，占 3.72%；卫生健康支出（类）56.98 万元，占 1.43%；城乡社区支出"
           "（类）3,727.47 万元，占 93.56%；住房保障支出（类）51.30 万元，占 1.29%。", indent=21)
    d.para("一般公共预算财政拨款支出年初预算为 2,640.99 万元，支出决算为 3,984.05 万元，完成年初预算的 150.85%。"
           "其中：基本支出 2,026.81 万元，项目支出 1,957.24 万元。", indent=21)
    d.gap(12)
    d.para("一般公共预算财政拨款支出决算表", size=16, align="center")
    d.para(UNIT, size=10.5, align="right")
    rows: list[list[CellSpec]] = [[Cell("功能分类科目编码"), Cell("科目名称"), fig("合计"), fig("基本支出"), fig("项目支出")]]
    for code, name, *figs in GPB_ROWS:
        rows.append([code, name, *(fig(f) for f in figs)])
    rows.append([Cell("合计", cols=2), *(fig(f) for f in GPB_TOTAL)])
    d.table(Table(rows, [85, 110, 85, 85, 85]), style="none", valign="middle", min_row=16, pad=3)
    d.para("注：本表反映部门本年度一般公共预算财政拨款支出情况。", size=10.5)
    d.para("以上支出中，基本支出 2,026.81 万元，占 50.87%；项目支出 1,957.24 万元，占 49.13%。"
           "与 2019 年度相比，支出增加 1,762.78 万元，增长 79.36%。主要原因：本年度新增松江区城运平台信息化建设项目一期项目。",
           indent=21)
    # page 2: the two-sided 收入支出决算总表, no rules, cells padded tight (a figure 4pt from the
    # next column's label), wrapped labels top-aligned
    d.new_page()
    d.para("收入支出决算总表", size=16, align="center")
    d.para(UNIT, size=10.5, align="right")
    rows = [[mid("收入", cols=2), mid("支出", cols=2)], [Cell("项目"), fig("决算数"), Cell("项目"), fig("决算数")]]
    for a, b, c, e in SUMMARY_ROWS:
        rows.append([a, fig(b), c, fig(e)])
    d.table(Table(rows, [130, 70, 181, 70]), style="none", min_row=15, pad=2)
    d.para("注：本表反映部门本年度的总收支和年末结转结余情况。", size=10.5)
    d.save()


def q4_two_sided(path: Path) -> None:
    """(4) The 财政拨款收入支出决算总表: income on the left, expenditure on the right, and
    ``一、一般公共预算财政拨款`` printed twice in the income column (and once more as a header);
    the 总计 row in a fake bold (every character drawn twice, a quarter point apart)."""
    d = PdfDocument(path)
    d.para("财政拨款收入支出决算总表", size=16, align="center")
    d.para(UNIT, size=10.5, align="right")
    rows: list[list[CellSpec]] = [
        [mid("收入", cols=2), mid("支出", cols=5)],
        [mid("项目"), mid("决算数"), mid("项目"), mid("合计"), mid("一般公共预算财政拨款"), mid("政府性基金预算财政拨款"),
         mid("国有资本经营预算财政拨款")],
        ["一、一般公共预算财政拨款", fig("3,998.79"), "一、一般公共服务支出", "", "", "", ""],
        ["二、政府性基金预算财政拨款", "", "二、外交支出", "", "", "", ""],
        ["三、国有资本经营预算财政拨款", "", "三、国防支出", "", "", "", ""],
        ["", "", "八、社会保障和就业支出", fig("148.30"), fig("148.30"), "", ""],
        ["", "", "九、卫生健康支出", fig("56.98"), fig("56.98"), "", ""],
        ["", "", "十一、城乡社区支出", fig("3,727.47"), fig("3,727.47"), "", ""],
        ["", "", "十九、住房保障支出", fig("51.30"), fig("51.30"), "", ""],
        ["本年收入合计", fig("3,998.79"), "本年支出合计", fig("3984.05"), fig("3984.05"), "", ""],
        ["年初财政拨款结转和结余", fig("9.81"), "年末财政拨款结转和结余", fig("24.55"), fig("24.55"), "", ""],
        ["一、一般公共预算财政拨款", fig("9.81"), "", "", "", "", ""],
        ["二、政府性基金预算财政拨款", "", "", "", "", "", ""],
        ["三、国有资本经营预算财政拨款", "", "", "", "", "", ""],
        [Cell("总计", bold=True), fig("4,008.60", bold=True), Cell("总计", bold=True), fig("4,008.60", bold=True),
         fig("4,008.60", bold=True), "", ""],
    ]
    d.table(Table(rows, [72, 54, 72, 54, 66, 66, 67.28]), valign="middle")
    d.para("注：本表反映部门本年度财政拨款总收支和结转结余情况。", size=10.5)
    d.save()


def _expenditure_header() -> list[list[CellSpec]]:
    return [
        [mid("项目", cols=4), *(mid(h, rows=3) for h in EXP_HEADERS)],
        [mid("支出功能分类科目编码", cols=3), mid("科目名称", rows=2)],
        [mid("类"), mid("款"), mid("项")],
    ]


def q5_split_codes(path: Path) -> None:
    """(5) 支出决算表 with the code split into 类|款|项 cells, names too long for their column
    wrapping over three lines, the code and figures centred beside the middle line (WPS)."""
    d = PdfDocument(path)
    d.para("支出决算表", size=16, align="center")
    d.para(UNIT, size=10.5, align="right")
    rows = _expenditure_header()
    rows.append([mid("合计", cols=4), *(fig(f) for f in GPB_TOTAL), "", "", ""])
    for code, name, *figs in GPB_ROWS:
        parts = [code[:3], code[3:5], code[5:7]]
        rows.append([mid(parts[0]), mid(parts[1]), mid(parts[2]), name, *(fig(f) for f in figs), "", "", ""])
    d.table(Table(rows, [30, 24, 24, 62, 60, 56, 56, 50, 44, 45.28], size=8.5), valign="middle")
    d.para("注：本表反映部门本年度各项支出情况。", size=10.5)
    d.save()


def q6_page_break(path: Path) -> None:
    """(6) Tables broken across pages: the 总计 row alone at the top of page 2, the 支出决算表
    continued on page 3 with no header (and without the 类|款|项 split, so with fewer column
    rules), its row 2120199 broken in the middle of its name; page numbers in the margins."""
    d = PdfDocument(path, header=lambda n: f"第 {n} 页 共 3 页", footer=lambda n: {1: "- 1 -", 2: "2"}.get(n, "— 3 —"))
    d.para("收入支出决算总表", size=16, align="center")
    d.para(UNIT, size=10.5, align="right")
    rows = _summary_header()
    for a, b, c, e in SUMMARY_ROWS:
        rows.append([a, fig(b), c, fig(e)])
    d.table(Table(rows, [130, 70, 181, 70]), breaks={len(rows) - 1: None})
    d.para("注：本表反映部门本年度的总收支和年末结转结余情况。", size=10.5)
    d.gap(10)
    d.para("支出决算表", size=16, align="center")
    d.para(UNIT, size=10.5, align="right")
    rows = _expenditure_header()
    rows.append([Cell("合计", cols=4), *(fig(f) for f in GPB_TOTAL), "", "", ""])
    for code, name, *figs in GPB_ROWS:
        rows.append([Cell(code, cols=3), name, *(fig(f) for f in figs), "", "", ""])
    split = 3 + 1 + 9  # 2120199 其他城乡社区管理事务支出: its first line on page 2, the rest on page 3
    d.table(Table(rows, [30, 24, 24, 62, 60, 56, 56, 50, 44, 45.28], size=8.5), min_row=14, breaks={split: 1})
    d.para("注：本表反映部门本年度各项支出情况。", size=10.5)
    d.save()


def q6_broken_merged_row(path: Path) -> None:
    """(6) A 绩效自评表 (Jiading seed) whose row ``其中：当年财政拨款`` breaks over the page,
    ``其中：当年财政`` at the foot of page 1 and ``拨款`` at the top of page 2, beside an empty cell
    merged down the four 项目资金 rows, which goes on over the break."""
    d = PdfDocument(path, footer=lambda n: f"- {n} -")
    for _ in range(14):
        d.para("为提高热线工单和“一网统管”工作处理效率，积极探索创新举措做法，健全热线网格联动机制、预警提示工作机制、"
               "联审联报等机制。", indent=21)
    d.para("财政项目支出绩效自评表", size=16, align="center")
    d.para("（2024年度）", size=12, align="center")
    rows: list[list[CellSpec]] = [
        [mid("项目名称", cols=2), Cell("嘉定城运中心视觉中枢（城市之眼）项目", cols=6)],
        [mid("主管部门", cols=2), Cell("上海市嘉定区城市运行管理中心（汇总）", cols=2), mid("实施单位", cols=2),
         Cell("上海市嘉定区城市运行管理中心", cols=2)],
        [mid("项目资金（万元）", cols=2), *(mid(h) for h in ("年初预算数", "全年预算数", "全年执行数", "分数", "执行率(%)", "得分"))],
        [Cell("", rows=4), "年度资金总额：", *(fig(f) for f in ("47.45", "35.00", "33.43", "10.00", "95.51", "9.55"))],
        ["其中：当年财政拨款", fig("59.31"), fig("35.00"), fig("33.43"), mid("-"), fig("95.51"), mid("-")],
        ["上年结转资金", fig("0.00"), fig("0.00"), fig("0.00"), mid("-"), fig("0.00"), mid("-")],
        ["其他资金", fig("0.00"), fig("0.00"), fig("0.00"), mid("-"), fig("0.00"), mid("-")],
        [mid(h) for h in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")],
        [mid("产出指标", rows=2), mid("数量指标", rows=2), "平台并发能力", "=1500.00(路)", "1500.00(路)", fig("10.00"),
         fig("10.00"), ""],
        ["建设完成率", "=100.00(%)", "100.00(%)", fig("10.00"), fig("10.00"), ""],
    ]
    d.table(Table(rows, [36, 72, 58, 58, 58, 48, 58, 63.28]), valign="middle", breaks={4: 1})
    d.save()


def q7_letter_spaced(path: Path) -> None:
    """(7) Letter-spaced title, unit and labels: with spaces typed between the characters
    (``项    目``, ``合    计``) and with character spacing (``收 入 决 算 表``, Tc operator)."""
    d = PdfDocument(path)
    d.para("收入决算表", size=16, align="center", tc=12)
    d.para("单 位 ： 万 元", size=10.5, align="right")
    rows: list[list[CellSpec]] = [
        [mid("项    目", cols=2), *(mid(h, rows=2) for h in INCOME_HEADERS)],
        [mid("功能分类科目编码"), mid("科目名称")],
        [mid("合    计", cols=2), fig("3,998.79"), fig("3,998.79"), "", "", "", "", ""],
    ]
    for code, name, total, fiscal in INCOME_ROWS:
        rows.append([code, name, fig(total), fig(fiscal), "", "", "", "", ""])
    rows[0][1] = mid("本 年 收 入 合 计", rows=2)
    d.table(Table(rows, [52, 88, 52, 48, 44, 40, 40, 44, 43.28], size=8.5), valign="middle")
    d.para("注：本表反映部门本年度取得的各项收入情况。", size=10.5)
    d.save()


def q8_three_public(path: Path) -> None:
    """(8) The 三公 table's three-level merged header: a title row over 12 columns, then 合计 /
    因公出国（境）费 / 公务用车购置及运行维护费 (over 6) / 公务接待费, then 小计 / 购置费 / 运行维护费,
    then 预算数/决算数 six times."""
    d = PdfDocument(path)
    d.para("一般公共预算财政拨款“三公”经费支出决算表", size=16, align="center")
    d.para(UNIT, size=10.5, align="right")
    rows: list[list[CellSpec]] = [
        [mid("一般公共预算财政拨款“三公”经费", cols=12)],
        [mid("合计", cols=2, rows=2), mid("因公出国（境）费", cols=2, rows=2), mid("公务用车购置及运行维护费", cols=6),
         mid("公务接待费", cols=2, rows=2)],
        [mid("小计", cols=2), mid("公务用车购置费", cols=2), mid("公务用车运行维护费", cols=2)],
        [mid(t) for _ in range(6) for t in ("预算数", "决算数")],
        [fig("0.00") for _ in range(12)],
    ]
    d.table(Table(rows, [37.6] * 11 + [37.68], size=8.5), valign="middle")
    d.para("注：本表反映部门本年度“三公”经费支出预决算情况。", size=10.5)
    d.save()


def _scan_image():  # type: ignore[no-untyped-def]
    """A picture of a ruled table (what a scanner produces), as an ImageReader."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (420, 594), 255)
    draw = ImageDraw.Draw(img)
    for y in range(80, 520, 22):
        draw.line((40, y, 380, y), fill=0)
    for x in (40, 180, 260, 320, 380):
        draw.line((x, 80, x, 520), fill=0)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    buf.seek(0)
    return ImageReader(buf)


def scan(path: Path) -> None:
    """A scanned page: one image, no text at all."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.drawImage(_scan_image(), 0, 0, PAGE_W, PAGE_H)
    c.showPage()
    c.save()


def partly_scanned(path: Path) -> None:
    """A text page with its table, then a page that is a scan (a table pasted as a picture)."""
    d = PdfDocument(path)
    d.para("收入支出决算总表", size=16, align="center")
    d.para(UNIT, size=10.5, align="right")
    rows = _summary_header()
    for a, b, c, e in SUMMARY_ROWS:
        rows.append([a, fig(b), c, fig(e)])
    d.table(Table(rows, [130, 70, 181, 70]))
    d.new_page()
    d.c.drawImage(_scan_image(), LEFT, BOTTOM, PAGE_W - LEFT - RIGHT, PAGE_H - TOP - BOTTOM)
    d.save()


def no_unicode(source: Path, path: Path) -> None:
    """``source`` with its font's ToUnicode map taken away (the key renamed): every character
    comes out as a (cid:N) code, as from old exporters that embed fonts without the map."""
    data = source.read_bytes()
    assert data.count(b"/ToUnicode") >= 1
    path.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))


def encrypted(path: Path, user: str) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    d = PdfDocument(path, encrypt=StandardEncryption(user, ownerPassword="owner-secret", canPrint=1, canCopy=0))
    d.para("收入支出决算总表", size=16, align="center")
    d.para(UNIT, size=10.5, align="right")
    rows = _summary_header()
    for a, b, c, e in SUMMARY_ROWS[-4:]:
        rows.append([a, fig(b), c, fig(e)])
    d.table(Table(rows, [130, 70, 181, 70]))
    d.save()


def truncated(source: Path, path: Path) -> None:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])


# --------------------------------------------------------------------------------------------------


def convert_docx() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("soffice (LibreOffice) not found: keeping the committed samples/*.pdf")
        return
    # the 部门决算 samples and the 绩效自评表 samples, as a Word export prints them (cells wrap,
    # tables run over pages)
    for name in ("songjiang-2020", "songjiang-2020-fixed", "songjiang-2020-appendix", "jiading-perf-2024",
                 "huating-perf-2024", "pujin-perf-2023"):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(SAMPLES / f"{name}.docx")],
                           check=True, capture_output=True, timeout=300)
            shutil.copyfile(Path(tmp) / f"{name}.pdf", SAMPLES / f"{name}.pdf")
        print(f"wrote samples/{name}.pdf")


def make_quirks() -> None:
    try:
        import reportlab  # noqa: F401
    except ImportError:
        print("reportlab not installed: keeping the committed tests/data/pdf/*.pdf")
        return
    if not register_font(FONT_PATH):
        print(f"font {FONT_PATH} not found: keeping the committed tests/data/pdf/*.pdf")
        return
    QUIRKS.mkdir(parents=True, exist_ok=True)
    makers: list[tuple[str, Callable[[Path], None]]] = [
        ("q1-baseline.pdf", q1_baseline),
        ("q2-rect-rules.pdf", q2_rect_rules),
        ("q3-no-rules.pdf", q3_no_rules),
        ("q4-two-sided.pdf", q4_two_sided),
        ("q5-split-codes.pdf", q5_split_codes),
        ("q6-page-break.pdf", q6_page_break),
        ("q6-broken-merged-row.pdf", q6_broken_merged_row),
        ("q7-letter-spaced.pdf", q7_letter_spaced),
        ("q8-three-public.pdf", q8_three_public),
        ("scan.pdf", scan),
        ("partly-scanned.pdf", partly_scanned),
        ("encrypted.pdf", lambda p: encrypted(p, "secret")),
        ("encrypted-open.pdf", lambda p: encrypted(p, "")),
    ]
    for name, make in makers:
        make(QUIRKS / name)
        print(f"wrote tests/data/pdf/{name}")
    truncated(QUIRKS / "q4-two-sided.pdf", QUIRKS / "truncated.pdf")
    print("wrote tests/data/pdf/truncated.pdf")
    no_unicode(QUIRKS / "q8-three-public.pdf", QUIRKS / "no-unicode.pdf")
    print("wrote tests/data/pdf/no-unicode.pdf")


def main(argv: list[str]) -> int:
    if "--quirks-only" not in argv:
        convert_docx()
    if "--docx-only" not in argv:
        make_quirks()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
