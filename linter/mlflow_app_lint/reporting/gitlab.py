"""GitLab Code Quality (a Code Climate subset): a JSON array of issues, shown in merge requests.

GitLab needs description, check_name, a fingerprint unique in the report, one of its own
severities, location.path relative to the repository, and location.lines.begin."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from mlflow_app_lint.base.findings import Finding, Severity
from mlflow_app_lint.engine.results import Report
from mlflow_app_lint.reporting.fingerprints import fingerprints
from mlflow_app_lint.reporting.locations import repository_path
from mlflow_app_lint.reporting.options import ReportOptions

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


@dataclass(frozen=True)
class GitlabReporter:
    options: ReportOptions

    def render(self, report: Report) -> str:
        findings = report.reported
        issues = [
            issue(finding, fingerprint)
            for finding, fingerprint in zip(findings, fingerprints(findings), strict=True)
        ]
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    span = finding.span
    return {
        "check_name": finding.rule.id,
        "description": finding.message,
        "severity": SEVERITIES[finding.severity],
        "fingerprint": fingerprint,
        "location": {
            "path": repository_path(finding.path),
            # Code Climate allows lines or positions, not both; GitLab shows only the line.
            "lines": {"begin": span.line, "end": span.end_line},
        },
    }
