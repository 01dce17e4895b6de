"""Run the rules over a report: findings sorted by where they are, rules not applicable listed."""

from __future__ import annotations

from collections.abc import Iterable

from .config import Config, ConfigError, selected, unknown_patterns
from .findings import Finding, Findings, NotApplicable, Severity
from .models import Report
from .rules.catalogue import registry
from .rules.engine import Check, Rule
from .rules.misaligned import demote
from .source import SourceRef


def default_rules() -> tuple[Rule, ...]:
    return tuple(sorted(registry().values(), key=lambda r: r.id))


def check_config(config: Config) -> None:
    """Refuse a configuration that names rules that do not exist (in select, ignore or severity):
    ``ConfigError`` naming each of them, so that a typo never runs nothing and passes."""
    bad = unknown_patterns(config, ((r.id, r.name) for r in default_rules()))
    if bad:
        where = f"{config.source}: " if config.source else ""
        raise ConfigError(f"{where}未知的规则 unknown rule id(s) or prefix(es): {', '.join(bad)}")


def kind_not_applicable(r: Rule, report: Report) -> str:
    """Why ``r`` does not apply to a document of ``report``'s kind ("" when it does, or the kind is
    unknown): 决算 rules on a 预算, 预算 rules on a 决算."""
    kind = report.kind
    if kind is None or r.documents == "any":
        return ""
    if kind.is_budget and r.documents == "budget" and report.missing_parts and not report.tables:
        return f"未提供{'、'.join(report.missing_parts)}（只给了说明文件）"
    if kind.is_budget and r.documents == "final":
        return f"{kind.value}不适用决算规则"
    if not kind.is_budget and r.documents == "budget":
        return f"{kind.value}不适用预算规则"
    return ""


def run_rule(r: Rule, check: Check) -> list[Finding]:
    """The findings of one rule. A rule that raises does not sink the report: what it found before
    the fault is kept, and an ``internal`` finding names the rule and the exception in one line."""
    found: list[Finding] = []
    try:
        found.extend(r.check(check))
    except Exception as exc:  # any defect of one rule: the other rules still run
        what = " ".join(f"{type(exc).__name__}: {exc}".split())
        found.append(Finding(r.id, r.name, Severity.INTERNAL, "", "", f"规则 {r.id} 内部错误，未完成检查：{what}"))
    return found


def reconcile(
    report: Report,
    config: Config | None = None,
    *,
    rules: Iterable[Rule] | None = None,
    severities: dict[str, Severity] | None = None,
    trace: set[SourceRef] | None = None,
) -> Findings:
    """Run the rules over ``report``: all of them, or those ``config`` selects (and ``rules``, when
    given, narrows further), at the severities ``config`` and ``severities`` set, with the
    configured tolerance. ``trace``, when given, receives the source of every figure an equality
    identity examined (coverage). A configuration naming an unknown rule raises ``ConfigError``."""
    config = config or Config()
    check_config(config)
    sev = {**config.severities(), **{k.upper(): v for k, v in (severities or {}).items()}}
    rules = tuple(rules) if rules is not None else None
    given = {r.id.upper() for r in rules} if rules is not None else set()
    unknown = sorted(k for k in sev if k not in registry() and k not in given)
    if unknown:
        raise ConfigError(f"未知的规则 unknown rule id(s) in severities: {', '.join(unknown)}")
    items: list[Finding] = []
    skipped: list[NotApplicable] = []
    chosen = [r for r in (rules if rules is not None else default_rules()) if selected(config, r.id, r.name)]
    for r in chosen:
        reason = kind_not_applicable(r, report)
        if reason:
            skipped.append(NotApplicable(r.id, reason))
            continue
        missing = [k for k in r.requires if report.table(k) is None]
        if missing:
            names = "、".join(k.canonical_title for k in missing)
            skipped.append(NotApplicable(r.id, f"缺少{names}"))
            continue
        if r.needs == "evaluations" and not report.evaluations:
            skipped.append(NotApplicable(r.id, "没有财政项目支出绩效自评表"))
            continue
        if r.needs == "budget" and report.budget is None:
            skipped.append(NotApplicable(r.id, "未提供同年的预算文件（--budget）"))
            continue
        if r.needs == "previous" and report.previous is None:
            skipped.append(NotApplicable(r.id, "未提供上年决算（--previous）"))
            continue
        if r.needs == "targets" and not report.targets:
            skipped.append(NotApplicable(r.id, "没有财政项目支出绩效目标表"))
            continue
        if r.needs == "narrative" and not report.narrative:
            skipped.append(NotApplicable(r.id, "没有情况说明"))
            continue
        items.extend(run_rule(r, Check(r, report, sev.get(r.id), trace, config.tolerance)))
    items = demote(items, report)  # findings on a table printed with its amounts off their codes
    items.sort(key=lambda f: (f.order, f.rule))
    return Findings(tuple(items), tuple(skipped))
