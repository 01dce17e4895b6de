"""Which files make one report: a disclosure may come as several files (Jiangsu publishes the
预算 narrative, …公开文件.pdf, and its tables, …公开表.pdf, as two), and several disclosures may be
given at once. Files are one report when they are of the same unit, year and kind (or the caller
says so); a file that does not tell its unit, year or kind goes with the others, as before.

Used by the CLI (``reconcile a b``) and by ``batch`` (which pairs a budget's narrative file with its
tables file in a folder).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .models import DocumentKind, Report
from .readers import ReadError


@attrs.frozen
class Identity:
    """What a file says it is: unit, year, kind, and which part (``tables``, ``narrative``, ``both``)."""

    unit: str | None
    year: int | None
    kind: DocumentKind | None
    part: str

    @classmethod
    def of(cls, report: Report) -> Identity:
        has_tables = bool(report.tables or report.evaluations)
        has_text = len(report.narrative) > 20
        part = "both" if has_tables and has_text else "tables" if has_tables else "narrative"
        return cls(report.unit_name, report.year, report.kind, part)


def _short_name(name: str) -> str:
    return name.replace("中国共产党", "中共").replace("委员会", "委").replace(" ", "")


def same_unit(a: str | None, b: str | None) -> bool:
    """Unit names name the same unit: equal, or one within the other once the long forms are
    shortened (江苏省委办公厅 / 中共江苏省委办公厅 / 中国共产党江苏省委员会办公厅). Unknown matches anything."""
    if not a or not b:
        return True
    a, b = _short_name(a), _short_name(b)
    return a == b or a in b or b in a


def same_report(a: Identity, b: Identity) -> bool:
    """Two files are parts of one report: nothing they state differs."""
    if a.kind is not None and b.kind is not None and a.kind is not b.kind:
        return False
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    return same_unit(a.unit, b.unit)


def group(identities: Sequence[Identity]) -> list[list[int]]:
    """Indexes of the files, grouped into reports, in the order given (first file first)."""
    groups: list[list[int]] = []
    for i, ident in enumerate(identities):
        for g in groups:
            if all(same_report(identities[j], ident) for j in g):
                g.append(i)
                break
        else:
            groups.append([i])
    return groups


def pair_parts(identities: Sequence[Identity]) -> list[list[int]]:
    """Batch pairing: a narrative-only file joins a tables-only file of the same unit, year and kind
    when its unit, year and kind are all known (a folder holds many reports: nothing is guessed);
    every other file is its own report."""
    groups: list[list[int]] = [[i] for i in range(len(identities))]
    used: set[int] = set()
    for i, a in enumerate(identities):
        if a.part != "narrative" or None in (a.unit, a.year, a.kind):
            continue
        for j, b in enumerate(identities):
            if j in used or j == i or b.part != "tables" or b.kind is not a.kind or b.year not in (a.year, None):
                continue
            if b.unit and same_unit(a.unit, b.unit):
                used.update((i, j))
                groups[i] = [i, j]
                groups[j] = []
                break
    return [g for g in groups if g]


def describe(paths: Sequence[str], identity: Identity) -> str:
    """One line naming what was grouped and why: 'a + b（同一单位、年度、类型：…）'."""
    what = " · ".join(x for x in (identity.unit, f"{identity.year}年" if identity.year else None,
                                  identity.kind.value if identity.kind else None) if x)
    return f"{' + '.join(paths)}（合并为一份报告：{what or '未能判断单位、年度、类型'}）"


def read_grouped(files: Sequence[str], one_report: bool = False) -> list[tuple[str, Report | ReadError]]:
    """Read ``files`` and make reports of them: all in one with ``one_report`` (or when there is only
    one), else grouped by unit, year and kind. Each entry is (label, report) or (label, the error);
    the label of a group of several files names them all and what they were grouped by."""
    from .api import report_of
    from .builders import build_report
    from .readers import Document, read_document

    docs: list[Document] = []
    out: list[tuple[str, Report | ReadError]] = []
    for f in files:
        try:
            docs.append(read_document(f))
        except ReadError as exc:
            out.append((f, exc))
    if not docs:
        return out
    if one_report or len(docs) == 1:
        groups = [list(range(len(docs)))]
    else:
        groups = group([Identity.of(build_report([d])) for d in docs])
    for g in groups:
        part = [docs[i] for i in g]
        names = [str(d.path) for d in part]
        try:
            report = report_of(part)
        except ReadError as exc:
            out.append((" + ".join(names), exc))
            continue
        out.append((names[0] if len(names) == 1 else describe(names, Identity.of(report)), report))
    return out


def reconcile_files(files: Sequence[str], config: object = None, one_report: bool = False,
                    budget_file: str | None = None, previous_file: str | None = None,
                    keep_documents: bool = True) -> list[tuple[str, Report | ReadError, object]]:
    """The whole work of ``reconcile`` on the files given together: read them into reports (grouped by
    unit, year and kind unless ``one_report``), give each 决算 its 预算 (``budget_file``, or a 预算 of the
    same unit and year given beside it) and last year's 决算 (``previous_file``), reconcile each.

    Returns (label, report, findings) per report, or (label, ReadError, None) for a file that could not
    be read. A ``budget_file`` or ``previous_file`` that cannot be read raises its ``ReadError``.
    Without ``keep_documents`` the reports come back without the documents as read (every cell of every
    grid), which only the html and xlsx outputs show: half the cost of sending them from a child."""
    from .api import read
    from .reconcile import reconcile

    if len(files) > 1:
        got = read_grouped(files, one_report)
    else:
        try:
            got = [(files[0], read(*files))]
        except ReadError as exc:
            got = [(files[0], exc)]
    budget = read(budget_file) if budget_file else None
    previous = read(previous_file) if previous_file else None
    budgets = [budget] if budget is not None else [r for _, r in got if isinstance(r, Report) and r.is_budget]
    out: list[tuple[str, Report | ReadError, object]] = []
    for name, r in got:
        if isinstance(r, ReadError):
            out.append((name, r, None))
            continue
        if not r.is_budget and r.kind is not None:
            match = next((b for b in budgets
                          if budget is not None or (b.year == r.year and same_unit(b.unit_name, r.unit_name))), None)
            if match is not None:
                r = attrs.evolve(r, budget=match)
        if previous is not None and not r.is_budget:
            r = attrs.evolve(r, previous=previous)
        findings = reconcile(r, config)  # type: ignore[arg-type]
        if not keep_documents:
            r = _without_documents(r)
        out.append((name, r, findings))
    return out


def _without_documents(r: Report) -> Report:
    slim = {"documents": ()}
    if r.budget is not None:
        slim["budget"] = attrs.evolve(r.budget, documents=())  # type: ignore[assignment]
    if r.previous is not None:
        slim["previous"] = attrs.evolve(r.previous, documents=())  # type: ignore[assignment]
    return attrs.evolve(r, **slim)
