"""Configuration: which rules run, at what severity, and how much tolerance rounding gets.

Read from ``jueSuan.toml`` (top level) or ``[tool.jueSuan]`` in ``pyproject.toml``, found in the
current folder or its parents, or from a file given with ``--config``; the CLI's ``--select`` and
``--ignore`` come on top. Example::

    [tool.jueSuan]
    select = ["SU", "CL", "XT007"]      # rule ids, id prefixes (families) or dotted names
    ignore = ["DC001", "narrative.unmatched"]
    fail-on = "warning"
    [tool.jueSuan.severity]
    NR004 = "info"
    timeout = 120                         # seconds per report (0: none); memory-mb = 2048 likewise
    [tool.jueSuan.tolerance]
    rounding = "printed"                 # "printed" (half a unit of each printed digit) or "none"
    extra = "0.00"                        # an absolute allowance added to every bound
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from .findings import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


class ConfigError(ValueError):
    """A configuration that cannot be used: the message names the file and the key."""


FAIL_ON = ("error", "warning", "rounding", "info", "unchecked", "never")
"""What ``fail-on`` accepts: a severity (that one and every worse one fail) or "never"."""


@attrs.frozen
class Tolerance:
    """How much a printed identity may miss: ``rounding`` "printed" gives each figure half a unit
    of its last printed digit; "none" demands exact equality. ``extra`` is added to every bound."""

    rounding: str = "printed"
    extra: Decimal = Decimal(0)

    @property
    def multiplier(self) -> Decimal:
        return Decimal(1) if self.rounding == "printed" else Decimal(0)


@attrs.frozen
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: str = "error"
    tolerance: Tolerance = Tolerance()
    source: str = ""
    timeout: float | None = None  # seconds per report (isolate.py; None: the default)
    memory_mb: int | None = None  # memory limit in MB (None: the default)

    def severities(self) -> dict[str, Severity]:
        """Severity overrides by rule id (ids as given in any case: keys are upper-cased)."""
        return {k.upper(): v for k, v in self.severity}

    def with_cli(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Config:
        sel = tuple(select)
        return attrs.evolve(self, select=sel or self.select, ignore=self.ignore + tuple(ignore))


def _matches(pattern: str, rule_id: str, name: str) -> bool:
    """Ids and id prefixes (families) match case-insensitively (xt007, Xt), as do dotted names."""
    p = pattern.strip().upper()
    rid, nm = rule_id.upper(), name.upper()
    return bool(p) and (rid == p or rid.startswith(p) or nm == p or nm.startswith(p + "."))


def unknown_patterns(config: Config, rules: Iterable[tuple[str, str]]) -> list[str]:
    """The select/ignore patterns and severity keys that name no rule of ``rules`` ((id, name) pairs),
    each with where it was given — a usage error, never a silent no-op."""
    known = list(rules)
    bad: list[str] = []
    for where, patterns in (("select", config.select), ("ignore", config.ignore)):
        bad += [f"{where} {p!r}" for p in patterns if not any(_matches(p, i, n) for i, n in known)]
    ids = {i.upper() for i, _ in known}
    bad += [f"severity {rule_id!r}" for rule_id, _ in config.severity if rule_id.upper() not in ids]
    return bad


def selected(config: Config, rule_id: str, name: str) -> bool:
    """Whether a rule runs under ``config``: selected (or nothing selected) and not ignored."""
    if config.select and not any(_matches(p, rule_id, name) for p in config.select):
        return False
    return not any(_matches(p, rule_id, name) for p in config.ignore)


def _list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: 应为规则编号列表 expected a list of rule ids")


def from_mapping(data: dict[str, Any], source: str) -> Config:
    known = {"select", "ignore", "severity", "fail-on", "fail_on", "tolerance", "timeout", "memory-mb", "memory_mb"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{source}: 未知的配置项 unknown key(s) {', '.join(sorted(unknown))}")
    sev: list[tuple[str, Severity]] = []
    for rule_id, label in (data.get("severity") or {}).items():
        try:
            sev.append((rule_id, Severity.parse(str(label))))
        except ValueError:
            raise ConfigError(f"{source}: severity.{rule_id} = {label!r} 不是有效级别 is not one of "
                              f"{', '.join(s.label for s in Severity)}") from None
    fail_on = str(data.get("fail-on", data.get("fail_on", "error"))).lower()
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{source}: fail-on 须为 must be one of {', '.join(FAIL_ON)}")
    tol = data.get("tolerance") or {}
    rounding = str(tol.get("rounding", "printed"))
    if rounding not in ("printed", "none"):
        raise ConfigError(f"{source}: tolerance.rounding 须为 must be 'printed' or 'none'")
    try:
        extra = Decimal(str(tol.get("extra", "0")))
    except InvalidOperation:
        raise ConfigError(f"{source}: tolerance.extra 须为数字 must be a number") from None
    return Config(_list(data.get("select", []), f"{source}: select"), _list(data.get("ignore", []), f"{source}: ignore"),
                  tuple(sev), fail_on, Tolerance(rounding, extra), source, *_work_limits(data, source))


def _work_limits(data: dict[str, Any], source: str) -> tuple[float | None, int | None]:
    """``timeout`` (seconds) and ``memory-mb`` of a reconcile run; 0 means none."""
    timeout, memory = data.get("timeout"), data.get("memory-mb", data.get("memory_mb"))
    for key, value in (("timeout", timeout), ("memory-mb", memory)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
            raise ConfigError(f"{source}: {key} must be a number, 0 or more")
    return (None if timeout is None else float(timeout)), (None if memory is None else int(memory))


def load(path: str | Path | None = None, start: str | Path | None = None) -> Config:
    """The configuration in ``path``, else the nearest jueSuan.toml or pyproject.toml with a
    [tool.jueSuan] table above ``start`` (default: the current folder); else the defaults."""
    if path is not None:
        p = Path(path)
        return _load_file(p, required=True) or Config(source=str(p))
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in ("jueSuan.toml", "pyproject.toml"):
            found = _load_file(folder / name, required=False)
            if found is not None:
                return found
    return Config()


def _load_file(p: Path, required: bool) -> Config | None:
    if not p.is_file():
        if required:
            raise ConfigError(f"{p}: 配置文件不存在 no such configuration file")
        return None
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: 不是有效的 TOML not valid TOML ({exc})") from None
    if p.name == "pyproject.toml":
        table = data.get("tool", {}).get("jueSuan")
        if table is None:
            return None if not required else Config(source=str(p))
        return from_mapping(table, f"{p} [tool.jueSuan]")
    return from_mapping(data, str(p))
