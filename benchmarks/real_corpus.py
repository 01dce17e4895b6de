"""jueSuan over the real published documents and the samples: what it reads, checks and reports.

Run on demand:  python benchmarks/real_corpus.py [--real ../shared/real] [--samples samples] [--json out.json]

Per report (a document, or a budget's narrative file and tables file paired as ``batch`` pairs them in
their folder): its kind, the tables recognised (ids), the files paired; the 情况说明's quoted figures — how
many, how many a rule examined, the rest unchecked by reason; findings by severity and errors by rule;
and, where tests/truth (决算) or tests/truth/budgets (预算) holds a truth file for it, recall over its
entries (table/document entries and narrative entries apart) and the errors no entry accounts for (false
errors). The totals close the output.

Narrative coverage is ``report.coverage`` as every output prints it (render/coverage.py), with the
figures it leaves unchecked because a table, line or column it names was not read (``未读到``: a table-backed
figure the reading missed) and those whose binding was ambiguous counted apart: both should be 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jueSuan  # noqa: E402
from jueSuan.findings import Severity  # noqa: E402
from jueSuan.grouping import Identity, pair_parts  # noqa: E402
from jueSuan.readers import ReadError  # noqa: E402
from jueSuan.render.coverage import coverage_dict, coverage_text  # noqa: E402
from jueSuan.source import SourceRef  # noqa: E402
from tests.test_budget_truth import score as budget_score  # noqa: E402
from tests.test_real_juesuan import score  # noqa: E402

READABLE = (".pdf", ".docx", ".xlsx", ".xls")


def documents(real: Path, samples: Path) -> list[Path]:
    out = sorted(p for p in real.rglob("*") if p.suffix.lower() in READABLE or p.name.endswith(".pages.json"))
    out += sorted(p for p in samples.glob("*") if p.suffix.lower() in READABLE)
    return out


def truths(real: Path) -> dict[tuple[Path, ...], dict[str, Any]]:
    """The truth files by the files of the report they describe (决算: one document; 预算: one or two)."""
    out: dict[tuple[Path, ...], dict[str, Any]] = {}
    for t in sorted((ROOT / "tests" / "truth").glob("*.json")):
        data = json.loads(t.read_text(encoding="utf-8"))
        out[((real / data["document"]).resolve(),)] = data
    for t in sorted((ROOT / "tests" / "truth" / "budgets").glob("*.json")):
        data = {**json.loads(t.read_text(encoding="utf-8")), "budget": True}
        out[tuple(sorted((real / f).resolve() for f in data.get("files", [data.get("file")])))] = data
    return out


def reports(paths: list[Path]) -> list[list[Path]]:
    """The files as reports: in each folder, a narrative-only file joins the tables-only file of the same
    unit, year and kind (``batch``'s pairing); every other file is its own report."""
    out: list[list[Path]] = []
    folders: dict[Path, list[Path]] = {}
    for p in paths:
        folders.setdefault(p.parent, []).append(p)
    for files in folders.values():
        idents: list[Identity] = []
        for p in files:
            try:
                idents.append(Identity.of(jueSuan.read(p)))
            except ReadError:
                idents.append(Identity(None, None, None, "unreadable"))
        out += [[files[i] for i in g] for g in pair_parts(idents)]
    return out


def narrative_coverage(report: Any) -> dict[str, Any]:
    cov = report.coverage
    quotes = [q for q in report.quotes if q.binding is not None and not q.binding.checked]
    return {"coverage": coverage_dict(cov), "text": coverage_text(cov),
            "table_not_read": sum(1 for q in quotes if "未读到" in q.binding.how),
            "ambiguous": sum(1 for q in quotes if q.binding.how.startswith("绑定不明确"))}


def measure(paths: list[Path], truth: dict[str, Any] | None) -> dict[str, Any]:
    name = " + ".join(p.name for p in paths)
    try:
        report = jueSuan.read(*paths)
    except ReadError as exc:
        return {"file": name, "unreadable": f"{exc.reason.value}: {exc.detail}"}
    trace: set[SourceRef] = set()
    fs = jueSuan.reconcile(report, trace=trace)
    row: dict[str, Any] = {
        "file": name,
        "files": len(paths),
        "kind": report.kind.value if report.kind is not None else None,
        "tables": [t.kind.short for t in report.tables],
        "narrative": narrative_coverage(report),
        "findings": {s.label: fs.count(s) for s in Severity if fs.count(s)},
        "errors_by_rule": dict(Counter(f.rule for f in fs if f.severity is Severity.ERROR)),
    }
    if truth is not None:
        s = budget_score(truth, fs) if truth.get("budget") else score(truth, fs)
        rt, rn = s["recall_tables"], s["recall_narrative"]
        row["truth"] = {"recall_tables": list(rt), "recall_narrative": list(rn),
                        "false_errors": len(s["false_errors"])}
    return row


def show(row: dict[str, Any]) -> str:
    if "unreadable" in row:
        return f"{row['file']}\n    unreadable: {row['unreadable']}"
    n = row["narrative"]
    paired = f"; paired {row['files']} files as one report" if row["files"] > 1 else ""
    lines = [row["file"], f"    kind {row['kind'] or '未能判断'}{paired}",
             f"    tables recognised {len(row['tables'])}: {' '.join(row['tables']) or '-'}"]
    lines.append(f"    {n['text']}; table not read {n['table_not_read']}, ambiguous {n['ambiguous']}")
    lines.append(f"    findings {row['findings'] or '{}'}; errors by rule {row['errors_by_rule'] or '{}'}")
    if "truth" in row:
        t = row["truth"]
        rt, rn = t["recall_tables"], t["recall_narrative"]
        lines.append(f"    truth: recall {rt[0]}/{rt[1]} (tables/document), {rn[0]}/{rn[1]} (narrative); "
                     f"false errors {t['false_errors']}")
    return "\n".join(lines)


def totals(rows: list[dict[str, Any]]) -> str:
    """The closing note: reports (budgets apart, paired ones counted), tables, findings, recall, false errors."""
    read = [r for r in rows if "unreadable" not in r]
    budgets = [r for r in read if r["kind"] in ("部门预算", "单位预算")]
    sev: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    for r in read:
        sev.update(r["findings"])
        by_rule.update(r["errors_by_rule"])
    judged = [r["truth"] for r in read if "truth" in r]
    rt = [sum(t["recall_tables"][i] for t in judged) for i in (0, 1)]
    rn = [sum(t["recall_narrative"][i] for t in judged) for i in (0, 1)]
    out = [f"TOTAL {len(rows)} reports ({len(rows) - len(read)} unreadable), {len(budgets)} budgets "
           f"({sum(1 for r in budgets if r['files'] > 1)} of them two files paired), "
           f"{sum(len(r['tables']) for r in read)} tables recognised "
           f"({sum(len(r['tables']) for r in budgets)} in budgets)",
           f"    kinds {dict(Counter(r['kind'] or '未能判断' for r in read))}",
           f"    findings {dict(sev)}; errors by rule {dict(by_rule)}",
           f"    truth ({len(judged)} reports): recall {rt[0]}/{rt[1]} (tables/document), {rn[0]}/{rn[1]} (narrative); "
           f"false errors {sum(t['false_errors'] for t in judged)}"]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "real"))
    ap.add_argument("--samples", default=str(ROOT / "samples"))
    ap.add_argument("--json", help="also write the rows as JSON here")
    args = ap.parse_args(argv)
    real = Path(args.real)
    if not real.exists():
        print(f"{real} is absent: nothing to measure", file=sys.stderr)
        return 2
    known = truths(real)
    rows = []
    for paths in reports(documents(real, Path(args.samples))):
        row = measure(paths, known.get(tuple(sorted(p.resolve() for p in paths))))
        rows.append(row)
        print(show(row), flush=True)
    print(totals(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
