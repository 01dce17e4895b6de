"""Snapshots of what the PDF reader returns, for the equivalence test (tests/test_pdf_equivalence.py).

Each PDF of samples/, tests/data/pdf/ and ../shared/real is read and summarised as JSON: the blocks in
order (a grid as its rows of texts with merge origins marked, a paragraph as its text, each with its
page), the problems, and the findings of a reconcile (rule, severity, table, line). The snapshots were
recorded with the pdfplumber/pdfminer reader before the PDFium reader replaced it; the test compares
the current reader with them.

Record (only when a reader change is meant to change the output, and say why in the commit):
    python tests/pdf_snapshots.py [--only NAME]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "data" / "pdf_snapshots"
REAL = ROOT.parent / "shared" / "real"


def pdf_files() -> list[tuple[str, Path]]:
    """(snapshot key, path) of every PDF the snapshots cover; the real ones only where present."""
    out = [(f"samples/{p.name}", p) for p in sorted((ROOT / "samples").glob("*.pdf"))]
    out += [(f"tests/{p.name}", p) for p in sorted((ROOT / "tests" / "data" / "pdf").glob("*.pdf"))]
    if REAL.is_dir():
        out += [(f"real/{p.relative_to(REAL).as_posix()}", p) for p in sorted(REAL.rglob("*.pdf"))]
    return out


def snapshot_name(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:16] + ".json.gz"


def summarise(path: Path, findings: bool = True) -> dict[str, Any]:
    """What the reader gives for ``path`` (blocks and problems) and, with ``findings``, what the rules then find."""
    from jueSuan.builders import build_report
    from jueSuan.readers import Grid, ReadError, read_document
    from jueSuan.reconcile import reconcile

    try:
        doc = read_document(path)
    except ReadError as exc:
        return {"error": exc.reason.value}
    blocks: list[dict[str, Any]] = []
    for b in doc.blocks:
        if isinstance(b, Grid):
            rows = [[c.text if c.origin is None else ["@", *c.origin] for c in row] for row in b.rows]
            blocks.append({"grid": rows, "page": b.ref.page})
        else:
            blocks.append({"para": b.text, "page": b.ref.page})
    out: dict[str, Any] = {"blocks": blocks, "problems": sorted(p.reason for p in doc.problems)}
    if not findings:
        return out
    try:
        findings = reconcile(build_report([doc]))
        out["findings"] = sorted(f"{f.rule} {f.severity.name} {f.table} | {f.line}" for f in findings)
    except Exception as exc:
        out["findings_error"] = f"{type(exc).__name__}: {exc}"
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", help="record only the files whose key contains this")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    index: dict[str, str] = {}
    for key, path in pdf_files():
        index[key] = snapshot_name(key)
        if args.only and args.only not in key:
            continue
        data = {"key": key, **summarise(path)}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (SNAPSHOTS / snapshot_name(key)).write_bytes(gzip.compress(text.encode(), mtime=0))
        print(key, ("error" in data and data["error"]) or f"{len(data['blocks'])} blocks")
    (SNAPSHOTS / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                          encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
