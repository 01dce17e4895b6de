"""Ruled tables from a page's edges: pdfplumber's table algorithm ("lines" strategies), ported.

The steps and their arithmetic are pdfplumber's (``pdfplumber.table``, MIT licence), so the tables
found are the ones ``page.find_tables`` found on the same edges: edges shorter than a point are
dropped; vertical edges within ``snap_tolerance`` of one another (by ``x0``, chained) are moved to
their mean, horizontal ones likewise by ``top``; edges on one line are joined across gaps up to
``join_tolerance``; edges shorter than ``edge_min_length`` are dropped; every crossing of a vertical
and a horizontal edge (within ``intersection_tolerance``) is a point; a cell is the smallest
rectangle of four points joined by shared edges; cells touching at a corner are one table, and a
table is two cells or more. Only the data structures differ (the points each point can see are
looked up rather than searched, and an edge's box is a tuple made once), which is where pdfplumber
spends its time; pdfplumber itself (and pdfminer with it) is not imported.
"""

from __future__ import annotations

import itertools
from operator import itemgetter
from typing import Any

Box = tuple[float, float, float, float]
Edge = dict[str, Any]


def _cluster(objs: list[Edge], key: str, tolerance: float) -> list[list[Edge]]:
    """pdfplumber's ``cluster_objects``: values chained within ``tolerance``, objects in their order."""
    values = sorted({o[key] for o in objs})
    index: dict[float, int] = {}
    group, last = 0, None
    for v in values:
        if last is not None and not (tolerance and v <= last + tolerance):
            group += 1
        index[v] = group
        last = v
    tagged = sorted(((o, index[o[key]]) for o in objs), key=itemgetter(1))
    return [[o for o, _ in g] for _, g in itertools.groupby(tagged, key=itemgetter(1))]


def _snap(objs: list[Edge], attr: str, tolerance: float) -> list[Edge]:
    moved = ("x0", "x1") if attr in ("x0", "x1") else ("top", "bottom", "doctop")
    out: list[Edge] = []
    for cluster in _cluster(objs, attr, tolerance):
        avg = sum(o[attr] for o in cluster) / len(cluster)
        for o in cluster:
            d = avg - o[attr]
            new = dict(o)
            for k in moved:
                if k in new:
                    new[k] = o[k] + d
            out.append(new)
    return out


def _join(edges: list[Edge], orientation: str, tolerance: float) -> list[Edge]:
    lo, hi = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(edges, key=itemgetter(lo))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[lo] <= last[hi] + tolerance:
            if e[hi] > last[hi]:
                new = dict(last)
                new[hi] = e[hi]
                if hi == "x1":
                    new["width"] = e[hi] - last["x0"]
                else:
                    new["height"] = last["height"] + (e[hi] - last["bottom"])
                joined[-1] = new
        else:
            joined.append(e)
    return joined


def merged_edges(edges: list[Edge], snap: float, join: float, min_length: float) -> list[Edge]:
    """The edges after snapping and joining, as ``TableFinder.get_edges`` leaves them."""
    v = [e for e in edges if e["orientation"] == "v" and e["height"] >= 1]
    h = [e for e in edges if e["orientation"] == "h" and e["width"] >= 1]
    snapped = _snap(v, "x0", snap) + _snap(h, "top", snap)

    def group(e: Edge) -> tuple[str, float]:
        return ("h", e["top"]) if e["orientation"] == "h" else ("v", e["x0"])

    out: list[Edge] = []
    for k, items in itertools.groupby(sorted(snapped, key=group), key=group):
        out.extend(_join(list(items), k[0], join))
    return [e for e in out if e["height" if e["orientation"] == "v" else "width"] >= min_length]


def _intersections(edges: list[Edge], tol: float) -> dict[tuple[float, float], tuple[set[Box], set[Box]]]:
    """Each crossing point → the boxes of the vertical and of the horizontal edges through it."""
    v_edges = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    h_edges = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    hs = [(h["top"], h["x0"], h["x1"], (h["x0"], h["top"], h["x1"], h["bottom"])) for h in h_edges]
    out: dict[tuple[float, float], tuple[set[Box], set[Box]]] = {}
    for v in v_edges:
        vx, vtop, vbottom = v["x0"], v["top"], v["bottom"]
        vbox = (v["x0"], v["top"], v["x1"], v["bottom"])
        for htop, hx0, hx1, hbox in hs:
            if vtop <= htop + tol and vbottom >= htop - tol and vx >= hx0 - tol and vx <= hx1 + tol:
                point = (vx, htop)
                entry = out.get(point)
                if entry is None:
                    entry = out[point] = (set(), set())
                entry[0].add(vbox)
                entry[1].add(hbox)
    return out


def _cells(points: dict[tuple[float, float], tuple[set[Box], set[Box]]]) -> list[Box]:
    ordered = sorted(points)
    below_of: dict[float, list[tuple[float, float]]] = {}
    right_of: dict[float, list[tuple[float, float]]] = {}
    for p in ordered:  # in sorted order: a column top to bottom, a row left to right
        below_of.setdefault(p[0], []).append(p)
        right_of.setdefault(p[1], []).append(p)

    def connects(p1: tuple[float, float], p2: tuple[float, float]) -> bool:
        if p1[0] == p2[0] and not points[p1][0].isdisjoint(points[p2][0]):
            return True
        return p1[1] == p2[1] and not points[p1][1].isdisjoint(points[p2][1])

    cells: list[Box] = []
    for pt in ordered:
        below = [p for p in below_of[pt[0]] if p > pt]
        right = [p for p in right_of[pt[1]] if p > pt]
        found = None
        for b in below:
            if not connects(pt, b):
                continue
            for r in right:
                if not connects(pt, r):
                    continue
                corner = (r[0], b[1])
                if corner in points and connects(corner, r) and connects(corner, b):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _tables(cells: list[Box]) -> list[list[Box]]:
    """Cells touching at a corner, grouped as pdfplumber's ``cells_to_tables`` groups them."""
    remaining = list(cells)
    corners: set[tuple[float, float]] = set()
    current: list[Box] = []
    tables: list[list[Box]] = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            cc = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in cc):
                corners.update(cc)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def find_tables(edges: list[Edge], settings: dict[str, Any]) -> list[list[Box]]:
    """The cell boxes of each ruled table, in pdfplumber's order."""
    merged = merged_edges(edges, settings["snap_tolerance"], settings["join_tolerance"], settings["edge_min_length"])
    points = _intersections(merged, settings["intersection_tolerance"])
    return _tables(_cells(points))
