"""jueSuan over the real published documents and the samples: what it reads, checks and reports.

Run on demand:  python benchmarks/real_corpus.py [--real ../shared/real] [--samples samples] [--json out.json]

Per document: the tables recognised; the 情况说明's quoted figures — how many, how many a rule examined,
the rest unchecked by reason; findings by severity; and, where tests/truth holds a truth file for it,
recall over its entries (table/document entries and narrative entries apart) and the errors no entry
accounts for (false errors).

Narrative coverage: when the report carries a coverage model (``report.coverage``) its counts are printed
as they are. Without one, the counts come from the findings: a quote is *checked* when an identity of a
rule examined its figure (``reconcile(trace=…)``) or a finding of the NR family names it; *unchecked* by the
reason an NR ``unchecked`` finding gives; the rest are quoted and neither checked nor reported — the
silent zero the coverage model is to end. The output says which of the two sources it used.
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
from jueSuan.findings import Findings, Severity  # noqa: E402
from jueSuan.readers import ReadError  # noqa: E402
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


def _reason(message: str) -> str:
    return message.split("未检查：", 1)[-1].split("，", 1)[0][:40] if "未检查：" in message else message[:40]


def narrative_coverage(report: Any, fs: Findings, trace: set[SourceRef]) -> dict[str, Any]:
    model = getattr(report, "coverage", None)
    if model is not None:
        return {"source": "report.coverage", "coverage": str(model)}
    quotes = list(getattr(report, "quotes", ()))
    named = {t.ref for f in fs if f.rule.startswith("NR") and f.severity is not Severity.UNCHECKED for t in f.terms}
    unchecked: Counter[str] = Counter()
    unchecked_refs: set[SourceRef] = set()
    for f in fs:
        if f.rule.startswith("NR") and f.severity is Severity.UNCHECKED:
            unchecked[_reason(f.message)] += 1
            unchecked_refs.update(t.ref for t in f.terms)
    checked = sum(1 for q in quotes if q.ref in trace or q.ref in named)
    silent = sum(1 for q in quotes if q.ref not in trace and q.ref not in named and q.ref not in unchecked_refs)
    return {"source": "findings (no coverage model on this branch)", "quoted": len(quotes), "checked": checked,
            "unchecked": dict(unchecked), "not_checked_not_reported": silent}


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
        "narrative": narrative_coverage(report, fs, trace),
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
    if "quoted" in n:
        lines.append(f"    narrative figures quoted {n['quoted']}, checked {n['checked']}, unchecked "
                     f"{sum(n['unchecked'].values())} {n['unchecked'] or ''}, neither {n['not_checked_not_reported']}"
                     f"  [{n['source']}]")
    else:
        lines.append(f"    narrative coverage [{n['source']}]: {n['coverage']}")
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
