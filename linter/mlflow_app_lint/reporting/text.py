"""path:line:col: severity [rule] message, each with the offending line quoted, then a summary."""

from __future__ import annotations

from dataclasses import dataclass

from mlflow_app_lint.base.findings import Finding, Severity
from mlflow_app_lint.base.words import plural
from mlflow_app_lint.engine.results import FileResult, Report
from mlflow_app_lint.reporting.excerpt import Excerpt, excerpt
from mlflow_app_lint.reporting.options import ReportOptions

COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


@dataclass(frozen=True)
class TextReporter:
    options: ReportOptions

    def render(self, report: Report) -> str:
        blocks = [
            self._block(finding, result) for result in report.files for finding in result.findings
        ]
        blocks.append(self._summary(report))
        separator = "\n\n" if self.options.source else "\n"
        return separator.join(blocks) + "\n"

    def _block(self, finding: Finding, result: FileResult) -> str:
        heading = headline(finding, self.options.colour)
        quoted = excerpt(result.lines, finding.span) if self.options.source else None
        if quoted is None:
            return heading
        return "\n".join([heading, *self._excerpt_lines(quoted, finding.severity)])

    def _excerpt_lines(self, quoted: Excerpt, severity: Severity) -> list[str]:
        number = str(quoted.number)
        blank = " " * len(number) + " |"
        carets = "^" * quoted.underline_width
        if self.options.colour:
            blank, carets = DIM + blank + RESET, COLOURS[severity] + carets + RESET
        gutter = f"{DIM}{number} |{RESET}" if self.options.colour else f"{number} |"
        text = f" {quoted.text}" if quoted.text else ""
        return [blank, gutter + text, f"{blank} {' ' * quoted.underline_start}{carets}"]

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


def headline(finding: Finding, colour: bool = False) -> str:
    """path:line:col: severity [rule] message (and what suppressed it, in an audit)"""
    place = f"{finding.path}:{finding.span.line}:{finding.span.column}:"
    severity = finding.severity.value
    rule = f"[{finding.rule.id}]"
    if colour:
        place = BOLD + place + RESET
        severity = COLOURS[finding.severity] + severity + RESET
        rule = DIM + rule + RESET
    line = f"{place} {severity} {rule} {finding.message}"
    return line if finding.suppression is None else f"{line} (suppressed by {finding.suppression})"
