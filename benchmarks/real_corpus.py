"""jueSuan over the real published documents and the samples: what it reads, checks and reports.

Run on demand:  python benchmarks/real_corpus.py [--real ../shared/real] [--samples samples] [--json out.json]

Per document: the tables recognised; the 情况说明's quoted figures — how many, how many a rule examined,
the rest unchecked by reason; findings by severity; and, where tests/truth holds a truth file for it,
recall over its entries (table/document entries and narrative entries apart) and the errors no entry
accounts for (false errors).

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
from jueSuan.readers import ReadError  # noqa: E402
from jueSuan.render.coverage import coverage_dict, coverage_text  # noqa: E402
from jueSuan.source import SourceRef  # noqa: E402
from tests.test_real_juesuan import score  # noqa: E402

READABLE = (".pdf", ".docx", ".xlsx", ".xls")


def documents(real: Path, samples: Path) -> list[Path]:
    out = sorted(p for p in real.rglob("*") if p.suffix.lower() in READABLE or p.name.endswith(".pages.json"))
    out += sorted(p for p in samples.glob("*") if p.suffix.lower() in READABLE)
    return out


def truths(real: Path) -> dict[Path, dict[str, Any]]:
    out: dict[Path, dict[str, Any]] = {}
    for t in sorted((ROOT / "tests" / "truth").glob("*.json")):
        data = json.loads(t.read_text(encoding="utf-8"))
        out[(real / data["document"]).resolve()] = data
    return out


def narrative_coverage(report: Any) -> dict[str, Any]:
    cov = report.coverage
    quotes = [q for q in report.quotes if q.binding is not None and not q.binding.checked]
    return {"coverage": coverage_dict(cov), "text": coverage_text(cov),
            "table_not_read": sum(1 for q in quotes if "未读到" in q.binding.how),
            "ambiguous": sum(1 for q in quotes if q.binding.how.startswith("绑定不明确"))}


def measure(path: Path, truth: dict[str, Any] | None) -> dict[str, Any]:
    try:
        report = jueSuan.read(path)
    except ReadError as exc:
        return {"file": path.name, "unreadable": f"{exc.reason.value}: {exc.detail}"}
    trace: set[SourceRef] = set()
    fs = jueSuan.reconcile(report, trace=trace)
    row: dict[str, Any] = {
        "file": path.name,
        "tables": [t.kind.short for t in report.tables],
        "narrative": narrative_coverage(report),
        "findings": {s.label: fs.count(s) for s in Severity if fs.count(s)},
        "errors_by_rule": dict(Counter(f.rule for f in fs if f.severity is Severity.ERROR)),
    }
    if truth is not None:
        s = score(truth, fs)
        rt, rn = s["recall_tables"], s["recall_narrative"]
        row["truth"] = {"recall_tables": f"{rt[0]}/{rt[1]}", "recall_narrative": f"{rn[0]}/{rn[1]}",
                        "false_errors": len(s["false_errors"])}
    return row


def show(row: dict[str, Any]) -> str:
    if "unreadable" in row:
        return f"{row['file']}\n    unreadable: {row['unreadable']}"
    n = row["narrative"]
    lines = [row["file"], f"    tables recognised {len(row['tables'])}: {' '.join(row['tables']) or '-'}"]
    lines.append(f"    {n['text']}; table not read {n['table_not_read']}, ambiguous {n['ambiguous']}")
    lines.append(f"    findings {row['findings'] or '{}'}; errors by rule {row['errors_by_rule'] or '{}'}")
    if "truth" in row:
        t = row["truth"]
        lines.append(f"    truth: recall {t['recall_tables']} (tables/document), {t['recall_narrative']} (narrative); "
                     f"false errors {t['false_errors']}")
    return "\n".join(lines)


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
    for path in documents(real, Path(args.samples)):
        row = measure(path, known.get(path.resolve()))
        rows.append(row)
        print(show(row), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
