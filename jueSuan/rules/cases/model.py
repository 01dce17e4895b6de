"""The record of one rule case, and the document it describes (built from data and real readers)."""

from __future__ import annotations

from pathlib import Path

import attrs

from ...document import Cell, Document, Grid, Paragraph, make_grid
from ...source import SourceRef

Rows = tuple[tuple[str, ...], ...]
Block = str | Rows  # a paragraph, or a grid as rows of printed cells


@attrs.frozen
class Case:
    """One case of one rule: the document (``blocks``, or ``base`` with edits) and the severities
    of the findings the rule must give on it (``expect``; empty: the rule runs and stays silent)."""

    rule: str
    shows: str  # one line: what the case shows
    expect: tuple[str, ...] = ()
    base: str = ""  # a file under samples/, read by the real reader
    cells: tuple[tuple[int, int, int, str], ...] = ()  # (grid index, row, column, new printed text)
    texts: tuple[tuple[str, str], ...] = ()  # (old, new): in every paragraph holding ``old``
    drop: tuple[int, ...] = ()  # grid indexes removed
    keep: tuple[int, ...] | None = None  # paragraph indexes kept (None: all)
    insert: tuple[str, ...] = ()  # paragraphs printed before the first one (a 目录, a cover line)
    blocks: tuple[Block, ...] = ()
    also: tuple[str, ...] = ()  # more samples, read by the real readers into the same report (unedited)
    with_budget: tuple[Block, ...] = ()  # a 预算 written as data, given as the report's --budget
    with_previous: tuple[Block, ...] = ()  # last year's 决算 written as data, given as the report's --previous

    @property
    def fires(self) -> bool:
        return bool(self.expect)

    def line(self) -> str:
        """The case in one line, for docs/rules.md and ``jueSuan rule``."""
        what = f"`{self.base}`" + ("（改动后）" if self.cells or self.texts or self.drop or self.insert or self.keep is not None
                                   else "") if self.base else "数据构造的文档"
        got = "、".join(self.expect) if self.expect else "无（不报）"
        return f"{'触发' if self.fires else '不报'} — {self.shows}（{what}）→ {got}"


def from_blocks(blocks: tuple[Block, ...], name: str = "case.docx") -> Document:
    """A ``Document`` from blocks written as data, every cell and paragraph located as a reader would."""
    out: list[Paragraph | Grid] = []
    n_grid = n_par = 0
    for b in blocks:
        if isinstance(b, str):
            out.append(Paragraph(n_par, b, SourceRef(name, paragraph=n_par)))
            n_par += 1
            continue
        ref = SourceRef(name, table=n_grid)
        out.append(make_grid(n_grid, [[Cell(t, ref.at(r, c)) for c, t in enumerate(row)] for r, row in enumerate(b)],
                             ref))
        n_grid += 1
    return Document(name, tuple(out), "docx")


def edited(doc: Document, case: Case) -> Document:
    """``doc`` with the case's edits: cells set, paragraph text replaced, grids dropped, paragraphs kept."""
    cells = {(g, r, c): t for g, r, c, t in case.cells}
    blocks: list[Paragraph | Grid] = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            if case.keep is not None and b.index not in case.keep:
                continue
            text = b.text
            for old, new in case.texts:
                text = text.replace(old, new)
            blocks.append(attrs.evolve(b, text=text))
            continue
        if b.index in case.drop:
            continue
        rows = tuple(tuple(attrs.evolve(x, text=cells[(b.index, r, c)]) if (b.index, r, c) in cells
                           else attrs.evolve(x, text=cells[(b.index, *x.origin)])
                           if x.origin is not None and (b.index, *x.origin) in cells else x
                           for c, x in enumerate(row)) for r, row in enumerate(b.rows))
        blocks.append(attrs.evolve(b, rows=rows))
    if case.insert:
        at = next((k for k, b in enumerate(blocks) if isinstance(b, Paragraph)), 0)
        blocks[at:at] = [Paragraph(-1, text, SourceRef(doc.path)) for text in case.insert]
        blocks = _numbered(blocks)
    return attrs.evolve(doc, blocks=tuple(blocks))


def _numbered(blocks: list[Paragraph | Grid]) -> list[Paragraph | Grid]:
    """Paragraphs numbered again in reading order (after some were inserted)."""
    out: list[Paragraph | Grid] = []
    n = 0
    for b in blocks:
        if isinstance(b, Paragraph):
            b = attrs.evolve(b, index=n, ref=attrs.evolve(b.ref, paragraph=n))
            n += 1
        out.append(b)
    return out


def documents(case: Case, samples: Path) -> list[Document]:
    """The case's documents: its blocks, or its sample read by the real reader and edited; then the
    other samples it names."""
    from ...readers import read_document

    first = edited(read_document(samples / case.base), case) if case.base else from_blocks(case.blocks)
    return [first, *(read_document(samples / name) for name in case.also)]
