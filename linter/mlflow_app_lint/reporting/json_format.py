"""A stable JSON contract: {"version": 1, "findings": [...], "files": [...], "summary": {...}}.

Keys may be added within a version, never removed or changed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from mlflow_app_lint.base.findings import Finding, Severity
from mlflow_app_lint.engine.results import Report
from mlflow_app_lint.operations import model_revision
from mlflow_app_lint.reporting.options import ReportOptions

FORMAT_VERSION = 1


@dataclass(frozen=True)
class JsonReporter:
    options: ReportOptions

    def render(self, report: Report) -> str:
        document = {
            "version": FORMAT_VERSION,
            "findings": [finding_dict(finding) for finding in report.findings],
            "files": [
                {
                    "path": result.path,
                    "documents": [
                        {"operation": selection.operation.name, "why": selection.reason}
                        for selection in result.selections
                    ],
                }
                for result in report.files
            ],
            "summary": {
                "files": len(report.files),
                "documents": report.documents,
                "errors": report.count(Severity.ERROR),
                "warnings": report.count(Severity.WARNING),
                "fixed": report.fixed,
                "model": model_revision(),
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def finding_dict(finding: Finding) -> dict[str, Any]:
    """A finding; one listed by --show-suppressed also has `suppressed`: what suppressed it."""
    entry = {
        "path": finding.path,
        "document": finding.document,
        "line": finding.span.line,
        "column": finding.span.column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "severity": finding.severity.value,
        "rule": finding.rule.id,
        "message": finding.message,
        "pointer": finding.pointer,
        "fixable": finding.fixable,
        "operation": finding.operation,
    }
    if finding.suppression is not None:
        entry["suppressed"] = finding.suppression
    return entry
