"""Identities of findings that survive edits elsewhere in the file, for CI services that track
a finding from one run to the next (GitLab Code Quality, GitHub code scanning)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from mlflow_app_lint.base.findings import Finding
from mlflow_app_lint.reporting.locations import repository_path

LINE_REFERENCE = re.compile(r"\bline \d+")


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One hex digest per finding, in order, unique within the sequence.

    Built from the file, rule, pointer and message, never from the finding's own line, so
    inserting or removing unrelated lines above leaves it unchanged; line numbers quoted in a
    message ("already set at line 13") are masked for the same reason. Identical findings (the
    same defect in two documents of one file) are told apart by their order of appearance."""
    seen: Counter[tuple[str, ...]] = Counter()
    digests = []
    for finding in findings:
        identity = (
            repository_path(finding.path),
            finding.rule.id,
            finding.pointer,
            LINE_REFERENCE.sub("line ?", finding.message),
        )
        occurrence = seen[identity]
        seen[identity] += 1
        text = "\0".join((*identity, str(occurrence)))
        # A lone surrogate (from a JSON member name) is hashed as its code unit.
        digests.append(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return digests
