"""SARIF 2.1.0, the format GitHub code scanning and other analysis dashboards import.

Every rule of the catalogue is described in the driver, so a dashboard can show its rationale
next to each result. Paths are URI references relative to %SRCROOT% (the working directory, which
in CI is the repository root), and columns count Unicode code points, as our spans do."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlflow_app_lint import __version__
from mlflow_app_lint.base.findings import Finding, Rule, Severity
from mlflow_app_lint.engine.results import Report
from mlflow_app_lint.policy.catalogue import RULES
from mlflow_app_lint.reporting.fingerprints import fingerprints
from mlflow_app_lint.reporting.locations import relative_path, uri_reference
from mlflow_app_lint.reporting.options import ReportOptions

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/OWNER/mlflow-app-lint"
SOURCE_ROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
RULE_INDEX = {rule_id: index for index, rule_id in enumerate(RULES)}


@dataclass(frozen=True)
class SarifReporter:
    options: ReportOptions

    def render(self, report: Report) -> str:
        findings = report.findings
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "mlflow-app-lint",
                            "version": __version__,
                            "informationUri": INFORMATION_URI,
                            "rules": [rule_descriptor(rule) for rule in RULES.values()],
                        }
                    },
                    "originalUriBaseIds": {SOURCE_ROOT: {"uri": Path.cwd().as_uri() + "/"}},
                    "columnKind": "unicodeCodePoints",
                    "results": [
                        result(finding, fingerprint)
                        for finding, fingerprint in zip(
                            findings, fingerprints(findings), strict=True
                        )
                    ],
                }
            ],
        }
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": "".join(word.capitalize() for word in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": f"{rule.summary}\n\n{rule.rationale}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def result(finding: Finding, fingerprint: str) -> dict[str, Any]:
    span = finding.span
    return {
        "ruleId": finding.rule.id,
        "ruleIndex": RULE_INDEX[finding.rule.id],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(finding.path),
                    "region": {
                        "startLine": span.line,
                        "startColumn": span.column,
                        "endLine": span.end_line,
                        "endColumn": span.end_column,
                    },
                },
                "logicalLocations": [{"fullyQualifiedName": finding.pointer or "/"}],
            }
        ],
        "partialFingerprints": {"mlflowAppLint/v1": fingerprint},
        **({"properties": {"operation": finding.operation}} if finding.operation else {}),
        **({"suppressions": [suppression(finding.suppression)]} if finding.suppression else {}),
    }


def suppression(reason: str) -> dict[str, str]:
    """A finding listed for an audit (--show-suppressed) and what set it aside."""
    kind = "external" if reason.startswith("per-file-ignores") else "inSource"
    return {"kind": kind, "justification": reason}


def artifact_location(shown: str) -> dict[str, str]:
    path = relative_path(shown)
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": uri_reference(path), "uriBaseId": SOURCE_ROOT}
