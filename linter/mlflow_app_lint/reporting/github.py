"""GitHub Actions workflow commands: each finding becomes an annotation on its file and line.

Escaping follows @actions/core (packages/core/src/command.ts): '%', CR and LF in the message;
in property values also ':' and ',', which end a value."""

from __future__ import annotations

from dataclasses import dataclass

from mlflow_app_lint.base.findings import Finding, Severity
from mlflow_app_lint.engine.results import Report
from mlflow_app_lint.reporting.locations import relative_path
from mlflow_app_lint.reporting.options import ReportOptions

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


@dataclass(frozen=True)
class GithubReporter:
    options: ReportOptions

    def render(self, report: Report) -> str:
        return "".join(command(finding) + "\n" for finding in report.reported)


def command(finding: Finding) -> str:
    span = finding.span
    properties = {
        "file": relative_path(finding.path),
        "line": span.line,
        "col": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
        "title": f"mlflow-app-lint [{finding.rule.id}]",
    }
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {listed}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
