"""What of a file's findings is reported: the run's configuration and the file's suppression
comments, applied in this one place (reporters only ever see the outcome).

In order: a rule the configuration turns off (`select`, `ignore`, `severity = off`) yields
nothing; `severity` sets the level of the rest; a finding that a suppression comment or
`per-file-ignores` covers is set aside as suppressed (listed only with `--show-suppressed`); then
malformed comments and comments that suppressed nothing become findings of their own, under the
same configuration.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable

from mlflow_app_lint.base.findings import Finding, Rule, Span
from mlflow_app_lint.policy.catalogue import RULES
from mlflow_app_lint.policy.config import Config
from mlflow_app_lint.policy.directives import (
    INVALID_SUPPRESSION,
    MARKER,
    UNUSED_SUPPRESSION,
    Directive,
    Malformed,
    Scope,
    find,
)


def apply(
    findings: Iterable[Finding], path: str, text: str | None, config: Config
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """(reported, suppressed) findings of one file; `text` is its YAML text (None for JSON)."""
    has_comments = text is not None and MARKER in text
    directives, malformed = find(text, RULES) if has_comments else ([], [])
    claims = _Claims(directives)
    reported: list[Finding] = []
    suppressed: list[Finding] = []
    findings = list(findings)
    # A locked rule's finding says (part of) the document could not be read, so not checked.
    unchecked = {finding.document for finding in findings if finding.rule.locked}
    for finding in findings:
        if not config.enabled(finding.rule):
            continue
        finding = dataclasses.replace(finding, severity=config.severity_of(finding.rule))
        reason = claims.claim(finding) or _ignored_by(config, finding, path)
        if reason:
            suppressed.append(dataclasses.replace(finding, suppression=reason))
        else:
            reported.append(finding)
    for finding in _about_comments(path, malformed, claims, config, unchecked):
        if config.enabled(finding.rule):
            reason = _ignored_by(config, finding, path)
            finding = dataclasses.replace(
                finding, severity=config.severity_of(finding.rule), suppression=reason
            )
            (suppressed if reason else reported).append(finding)
    return _sorted(reported), _sorted(suppressed)


class _Claims:
    """Which directive covers which finding, and which of their rule ids were ever used.

    Directives are indexed by what they cover, and a place is marked used once: the time is
    linear in the number of findings and comments, however many comments name one rule."""

    def __init__(self, directives: list[Directive]) -> None:
        self.directives = directives
        self.covering: dict[tuple, list[Directive]] = defaultdict(list)
        for directive in directives:
            for rule_id, _ in directive.rule_ids:
                self.covering[_place(directive, rule_id)].append(directive)
        self.claimed: set[tuple] = set()
        self.used: set[tuple[Directive, str]] = set()

    def claim(self, finding: Finding) -> str | None:
        rule_id = finding.rule.id
        places = ((finding.document, finding.span.line, rule_id), (finding.document, rule_id))
        covering = [directive for place in places for directive in self.covering.get(place, ())]
        if not covering:
            return None
        for place in places:
            if place not in self.claimed:
                self.claimed.add(place)
                self.used.update((directive, rule_id) for directive in self.covering.get(place, ()))
        first = covering[0]
        return f"'{first.scope.value}' comment on line {first.rule_ids[0][1].line}"

    def unused(self) -> Iterable[tuple[Directive, str, Span]]:
        for directive in self.directives:
            for rule_id, span in directive.rule_ids:
                if (directive, rule_id) not in self.used:
                    yield directive, rule_id, span


def _place(directive: Directive, rule_id: str) -> tuple:
    """What a directive covers for one rule: a line of a document, or the whole document."""
    if directive.scope is Scope.FILE:
        return directive.document, rule_id
    return directive.document, directive.line, rule_id


def _ignored_by(config: Config, finding: Finding, path: str) -> str | None:
    pattern = config.ignoring(finding.rule, path)
    return f"per-file-ignores '{pattern.text}'" if pattern else None


def _about_comments(
    path: str,
    malformed: list[Malformed],
    claims: _Claims,
    config: Config,
    unchecked: set[int],
) -> Iterable[Finding]:
    for problem in malformed:
        yield _finding(path, problem.document, problem.span, INVALID_SUPPRESSION, problem.message)
    for directive, rule_id, span in claims.unused():
        if directive.document in unchecked:
            continue  # what the document's findings would have been is unknown
        where = {
            Scope.LINE: "on this line",
            Scope.NEXT_LINE: f"on line {directive.line}",
            Scope.FILE: "in this document",
        }[directive.scope]
        message = f"'{directive.scope.value}={rule_id}' suppressed nothing {where}"
        if not config.enabled(RULES[rule_id]):
            message += f": the configuration turns '{rule_id}' off"
        yield _finding(path, directive.document, span, UNUSED_SUPPRESSION, message + "; remove it")


def _finding(path: str, document: int, span: Span, rule: Rule, message: str) -> Finding:
    return Finding(path, document, span, rule, message, pointer="", severity=rule.severity)


def _sorted(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda finding: finding.sort_key))
