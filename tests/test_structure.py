"""The house as docs/architecture.md draws it, checked on the code: every import of jueSuan/ (those inside
functions too) runs down the layers, none closes a cycle, no module is over 500 lines, and the patterns
for years, ordinals and codes are written in jueSuan/text.py only."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "jueSuan"

#: The layers, lowest first; a module's layer is the first whose prefix names it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("text", "numbers", "source", "document", "models", "findings", "config", "atomic", "vocab"),
    ("readers",),
    ("builders",),
    ("rules",),
    ("reconcile", "grouping", "api"),
    ("render", "cli", "batch", "batch_output", "isolate", "pytest_plugin", "testing", "fixtures", "__main__", "__init__"),
)


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """The jueSuan modules ``path`` imports, anywhere in it (relative imports resolved)."""
    here = _module(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.startswith("jueSuan"):
                target = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:  # ``from . import tables`` imports the module tables
                sub = ".".join([*target, alias.name])
                out.add(sub if (PACKAGE / f"{sub.replace('.', '/')}.py").exists()
                        or (PACKAGE / sub.replace(".", "/")).is_dir() else ".".join(target))
        elif isinstance(node, ast.Import):
            out.update(".".join(a.name.split(".")[1:]) for a in node.names if a.name.startswith("jueSuan."))
    return {m for m in out if m}


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def _layer(module: str) -> int:
    top = module.split(".")[0]
    found = [i for i, names in enumerate(LAYERS) if top in names]
    assert found, f"jueSuan/{top}: a module of no layer; place it in LAYERS (and docs/architecture.md)"
    return found[0]


def test_every_import_runs_down_the_layers() -> None:
    upward = sorted(f"{m} → {t}" for m, targets in _graph().items() for t in targets if _layer(t) > _layer(m))
    assert not upward, upward


def test_no_import_cycle_in_jueSuan() -> None:
    """Imports inside functions count: a lazy import that closes a loop (printed.py ↔ recognize.py was one)
    is a cycle all the same. A package importing its own modules (``rules/catalogue`` → ``rules/tables``) is
    not, nor is a module reaching its package's ``__init__`` for what it re-exports."""
    graph = _graph()
    edges = {m: {t for t in ts if t in graph and t != m and not m.startswith(t + ".")} for m, ts in graph.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(edges[m]):
            if state.get(t) == 1:
                cycles.append([*stack[stack.index(t):], t])
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)
    assert not cycles, [" → ".join(c) for c in cycles]


def test_the_import_graph_sees_lazy_imports() -> None:
    """The check above would see a lazy import: a function-level import is in the graph."""
    edges = _graph()
    assert "rules.engine" in edges["render.rules_doc"]  # imported inside ``rule_text`` only
    assert "builders.recognize" in edges["builders.toc"] and "builders.printed" in edges["builders.toc"]
    assert "builders.recognize" not in edges["builders.printed"]


def test_no_module_is_over_500_lines() -> None:
    long = sorted(f"{p.relative_to(PACKAGE)}: {n}" for p in PACKAGE.rglob("*.py")
                  if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500)
    assert not long, long


#: Where a year, ordinal or code pattern may still be spelled out: the text module itself, and the parts
#: others own (the 情况说明's quotes, the PDF reader's rows, the vocabulary's table numbers).
_OWN_PATTERNS = ("text.py", "builders/narrative/", "readers/pdf/", "vocab/", "rules/cases/")
_PATTERNS = {
    "year": re.compile(r"20\\d\{2\}"),
    "ordinal": re.compile(r"\[[(（]\]|\+\[、\.．\]|\+\[\.、．\]"),
    "code": re.compile(r"\[1-9\]\\d\{2\}"),
}


def test_years_ordinals_and_codes_are_spelled_in_text_py_only() -> None:
    found = []
    for p in sorted(PACKAGE.rglob("*.py")):
        rel = p.relative_to(PACKAGE).as_posix()
        if rel.startswith(_OWN_PATTERNS):
            continue
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{rel}:{i} {what}" for what, pat in _PATTERNS.items() if pat.search(line)]
    assert not found, found
    text = (PACKAGE / "text.py").read_text(encoding="utf-8")
    assert all(pat.search(text) for pat in _PATTERNS.values())  # the probes do find the patterns
