"""A fresh install: every import declared, start-up loads only what a file needs, the documented examples run."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from pathlib import Path

import pytest

import jueSuan

ROOT = Path(__file__).resolve().parent.parent
FORMAT_LIBRARIES = ("pdfplumber", "pdfminer", "pypdfium2", "openpyxl", "xlrd", "docx", "PIL")


def _loaded_after(code: str) -> set[str]:
    """The format libraries in sys.modules after running ``code`` in a fresh interpreter."""
    probe = code + (
        "\nimport sys\n"
        f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({FORMAT_LIBRARIES!r}))))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


def test_import_loads_no_format_library() -> None:
    assert _loaded_after("import jueSuan") == set()


def test_help_loads_no_format_library() -> None:
    code = ("import contextlib, io\nfrom jueSuan.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n        main(['--help'])\n    except SystemExit:\n        pass\n")
    assert _loaded_after(code) == set()


def test_docx_run_loads_only_python_docx() -> None:
    code = ("import contextlib, io\nfrom jueSuan.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    rc = main(['reconcile', 'samples/songjiang-2020.docx'])\n"
            "assert rc == 1, rc\n")
    assert _loaded_after(code) == {"docx"}


def test_pdf_reader_loads_on_first_pdf() -> None:
    """PDFium and nothing else: pdfplumber and pdfminer are not the reader's any more (their word
    and table algorithms are ported in jueSuan.readers.pdf, run on PDFium's objects)."""
    code = "import jueSuan\njueSuan.read('samples/songjiang-2020-appendix.pdf')\n"
    assert _loaded_after(code) == {"pypdfium2"}


def test_package_doctest() -> None:
    """The example in jueSuan/__init__.py's docstring is true of the sample."""
    result = doctest.testmod(jueSuan, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.attempted > 0
    assert result.failed == 0


def test_readme_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """README's Python example runs as printed, from the repository root."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks, "README has no Python example"
    import os

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        for block in blocks:
            exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    finally:
        os.chdir(here)
    assert "XT007" in capsys.readouterr().out


def test_every_import_is_declared() -> None:
    """The project's own version of shared/tools/check_deps.py: an undeclared import fails the suite."""
    out = subprocess.run([sys.executable, str(ROOT / "tests" / "check_deps.py"), str(ROOT)],
                         capture_output=True, text=True, timeout=120)
    # an undeclared import in a fresh environment is not installed at all: the check can only note it, so
    # a note is a failure here unless the import is an optional one (inside try/except ImportError)
    problems = [line for line in out.stdout.splitlines()
                if not line.startswith("note") or not line.endswith("(optional import)")]
    assert problems == [], "\n".join(problems)
    assert out.returncode == 0
