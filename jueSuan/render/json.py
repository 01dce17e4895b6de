"""JSON output (schema ``jueSuan/findings``, version 1): documented in docs/json.md."""

from __future__ import annotations

import json
from typing import Any

from ..findings import Severity
from . import Outcome
from .coverage import coverage_dict

SCHEMA = "jueSuan/findings"
VERSION = 1
REVISION = "1.2"  # 1.1 added the printed locations (source.printed, figure.where, table number); 1.2 the
# narrative's coverage; nothing removed


def outcome_dict(o: Outcome) -> dict[str, Any]:
    if o.error is not None:
        return {"label": o.label, "error": {"file": o.error.path, "reason": o.error.reason.value,
                                            "message": o.error.detail}}
    assert o.report is not None and o.findings is not None
    r = o.report
    return {
        "label": o.label,
        "sources": list(r.sources),
        "unit_name": r.unit_name,
        "document_kind": r.kind.value if r.kind else None,
        "document_kind_evidence": r.kind_evidence,
        "missing_parts": list(r.missing_parts),
        "year": r.year,
        "unit": r.unit.label if r.unit else None,
        "tables": [{"kind": t.kind.short, "title": t.display_title, "unit": t.unit.label if t.unit else None,
                    "source": t.ref.to_dict(), "number": t.number, "printed": t.printed_name} for t in r.tables],
        "findings": o.findings.to_dicts(),
        "not_applicable": [{"rule": n.rule, "reason": n.reason} for n in o.findings.not_applicable],
        "unplaced": [{"what": u.what, "reason": u.reason, "text": u.text, "source": u.ref.to_dict(), "where": u.ref.where()}
                     for u in r.unplaced],
        "summary": {s.label: o.findings.count(s) for s in Severity},
        "coverage": coverage_dict(r.coverage),
    }


def render_json(outcomes: list[Outcome]) -> str:
    doc = {"schema": SCHEMA, "version": VERSION, "revision": REVISION, "reports": [outcome_dict(o) for o in outcomes]}
    return json.dumps(doc, ensure_ascii=False, indent=2)
