"""pytest plugin: ``pytest --juesuan PATH...`` collects each disclosure file as a test item.

A folder contributes every readable file in it. An item passes when the disclosure has no
finding at or above ``--juesuan-fail-on`` (default: the configuration's ``fail-on``, else error); it
fails with the table of findings; a file that cannot be read fails with its one-line reason (in
Chinese). The configuration is the CLI's: ``[tool.jueSuan]`` / ``jueSuan.toml`` found from each
file's folder upward (or ``--juesuan-config``). When ``--juesuan`` is given, only these items run
(the project's own tests are deselected).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

READABLE = {".docx", ".xlsx", ".xls", ".pdf"}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("juesuan", "reconcile 部门决算 disclosures")
    group.addoption("--juesuan", nargs="+", default=None, metavar="PATH",
                    help="disclosure files or folders to reconcile, one test item per file")
    group.addoption("--juesuan-fail-on", default=None,
                    choices=("error", "warning", "rounding", "info", "unchecked", "never"),
                    help="lowest severity that fails an item (default: the configuration's fail-on, else error)")
    group.addoption("--juesuan-ignore", default="", metavar="RULES", help="comma-separated rule ids not to run")
    group.addoption("--juesuan-config", default=None, metavar="FILE",
                    help="a jueSuan.toml or pyproject.toml to use instead of the nearest one to each file")


def pytest_report_header(config: pytest.Config) -> list[str] | None:
    if not config.getoption("juesuan", None):
        return None
    from . import __version__

    fail_on = config.getoption("juesuan_fail_on") or "配置文件或 error (the configuration's, else error)"
    chosen = config.getoption("juesuan_config") or "各文件所在目录向上查找 (nearest to each file)"
    return [f"jueSuan {__version__} 决算核对：每个文件一个测试项；失败阈值 fail-on：{fail_on}；配置 config：{chosen}"]


def _files(paths: list[str]) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(c for c in p.rglob("*") if c.is_file() and c.suffix.lower() in READABLE)
        else:
            yield p


class DisclosureItem(pytest.Item):
    def __init__(self, *, path: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.disclosure = path

    def runtest(self) -> None:
        from .config import ConfigError
        from .config import load as load_config
        from .readers import ReadError
        from .render import read_error_text
        from .testing import assert_reconciled

        opts = self.config.option
        ignore = [r.strip() for r in (opts.juesuan_ignore or "").split(",") if r.strip()]
        try:
            config = load_config(opts.juesuan_config) if opts.juesuan_config else None
            assert_reconciled(self.disclosure, ignore=ignore, fail_on=opts.juesuan_fail_on, config=config)
        except ReadError as exc:
            raise AssertionError(read_error_text(exc)) from None
        except ConfigError as exc:
            raise AssertionError(f"配置错误 configuration error: {exc}") from None

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if excinfo.errisinstance(AssertionError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)  # type: ignore[return-value]

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.disclosure, 0, f"juesuan: {self.disclosure}"


class DisclosureCollector(pytest.Collector):
    def __init__(self, *, paths: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.paths = paths

    def collect(self) -> list[pytest.Item]:
        return [DisclosureItem.from_parent(self, name=str(p), path=p) for p in _files(self.paths)]


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    paths = config.getoption("juesuan")
    if not paths:
        return
    collector = DisclosureCollector.from_parent(session, name="juesuan", paths=paths)
    config.hook.pytest_deselected(items=list(items))
    items[:] = collector.collect()
