"""Findings as the protocol's diagnostics: range, severity, the rule id as `code` linking to its
documentation, and the earlier place of a duplicate as related information."""

from __future__ import annotations

from lsprotocol import types

from mlflow_app_lint.base.findings import Finding, Severity
from mlflow_app_lint.reporting.ruledocs import DOCS_PAGE
from mlflow_app_lint.reporting.sarif import INFORMATION_URI
from mlflow_app_lint.server.positions import TextPositions

SOURCE = "mlflow-app-lint"
RULES_URL = f"{INFORMATION_URI}/blob/main/{DOCS_PAGE}"
"""The rules' documentation; each rule is the anchor of its id."""

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def diagnostic(finding: Finding, uri: str, positions: TextPositions) -> types.Diagnostic:
    related = None
    if finding.related is not None:
        location = types.Location(uri, positions.span_range(finding.related))
        related = [types.DiagnosticRelatedInformation(location, "first used here")]
    return types.Diagnostic(
        range=positions.span_range(finding.span),
        severity=SEVERITIES[finding.severity],
        code=finding.rule.id,
        code_description=types.CodeDescription(href=f"{RULES_URL}#{finding.rule.id}"),
        source=SOURCE,
        message=finding.message,
        related_information=related,
    )


def is_about(diagnostic: types.Diagnostic, finding: Finding, positions: TextPositions) -> bool:
    """Whether a diagnostic the client sends back is this finding's."""
    return diagnostic.code == finding.rule.id and diagnostic.range == positions.span_range(
        finding.span
    )
