"""The PDFium reader returns what the pdfplumber/pdfminer reader returned, on every PDF we have.

``tests/data/pdf_snapshots`` holds what the old reader read from each PDF of samples/, tests/data/pdf
and ../shared/real (recorded by ``tests/pdf_snapshots.py`` before the reader changed): the blocks in
order (grids cell by cell with their merge origins, paragraphs), the problems, and the findings of a
reconcile. Each file is read again and compared. A difference is a failure unless it is listed in
``EXPLAINED`` with the reason the new reading is the right one.
"""

from __future__ import annotations

import gzip
import json

import pytest

from .pdf_snapshots import REAL, SNAPSHOTS, pdf_files, snapshot_name, summarise

#: snapshot key → why the new reader's output differs and is right (none today: every file is identical)
EXPLAINED: dict[str, str] = {}

INDEX = json.loads((SNAPSHOTS / "index.json").read_text(encoding="utf-8"))
FILES = dict(pdf_files())


def test_every_snapshot_has_its_file_or_a_reason() -> None:
    missing = [k for k in INDEX if k not in FILES and not k.startswith("real/")]
    assert not missing, f"snapshots without their PDF: {missing}"
    assert len([k for k in INDEX if not k.startswith("real/")]) >= 20


@pytest.mark.parametrize("key", sorted(INDEX))
def test_same_as_the_old_reader(key: str) -> None:
    if key not in FILES:
        pytest.skip(f"{key}: ../shared/real is not here ({REAL})")
    old = json.loads(gzip.decompress((SNAPSHOTS / snapshot_name(key)).read_bytes()))
    # The reader's equivalence is its Document: blocks and problems. The snapshots' findings were equal too
    # when the PDFium reader replaced the old one; the rules have changed them since (new rules, budgets).
    new = {"key": key, **summarise(FILES[key], findings=False)}
    old.pop("findings", None)
    old.pop("findings_error", None)
    if key in EXPLAINED:
        assert new != old, f"{key} is listed as different ({EXPLAINED[key]}) but reads the same: unlist it"
        return
    assert new.get("error") == old.get("error"), f"{key}: read error {old.get('error')} → {new.get('error')}"
    if "error" in old:
        return
    for i, (a, b) in enumerate(zip(old["blocks"], new["blocks"], strict=False)):
        assert a == b, f"{key}: block {i} differs:\n  old {json.dumps(a, ensure_ascii=False)[:400]}\n  new {json.dumps(b, ensure_ascii=False)[:400]}"
    assert len(new["blocks"]) == len(old["blocks"]), f"{key}: {len(old['blocks'])} blocks → {len(new['blocks'])}"
    assert new["problems"] == old["problems"], f"{key}: problems differ"
