"""path:line:col: severity [rule] message, one per line, then a summary line."""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Finding, Severity
from ..run import Report
from ..words import plural
from .options import ReportOptions

COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


@dataclass(frozen=True)
class TextReporter:
    options: ReportOptions

    def render(self, report: Report) -> str:
        lines = [self._line(finding) for finding in report.findings]
        lines.append(self._summary(report))
        return "\n".join(lines) + "\n"

    def _line(self, finding: Finding) -> str:
        place = f"{finding.path}:{finding.span.line}:{finding.span.column}:"
        severity = finding.severity.value
        rule = f"[{finding.rule.id}]"
        if self.options.colour:
            place = BOLD + place + RESET
            severity = COLOURS[finding.severity] + severity + RESET
            rule = DIM + rule + RESET
        line = f"{place} {severity} {rule} {finding.message}"
        return (
            line if finding.suppression is None else f"{line} (suppressed by {finding.suppression})"
        )

    def _summary(self, report: Report) -> str:
        errors = report.count(Severity.ERROR)
        warnings = report.count(Severity.WARNING)
        checked = (
            f"Checked {plural(len(report.files), 'file')}, {plural(report.documents, 'document')}"
        )
        found = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
        if report.fixes:
            fixed = (
                f"fixed {plural(report.fixed, 'problem')} in {plural(len(report.fixes), 'file')}"
            )
            remain = f"{found} remain" if errors or warnings else "no problems remain"
            return f"{checked}: {fixed}; {remain}."
        if not errors and not warnings:
            return f"{checked}: no problems found."
        fixable = f" ({report.fixable} fixable with --fix)" if report.fixable else ""
        return f"{checked}: {found}{fixable}."
