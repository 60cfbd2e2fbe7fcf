"""mlflow-version: MlflowVersion written as the version numbers SageMaker runs.

The rule's documentation (what and why, with examples) is in its `Rule` definition below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mlflow_app_lint.base.findings import Fix, Issue, Rule, Severity
from mlflow_app_lint.base.rule_examples import TRACKING_SERVER_REQUEST
from mlflow_app_lint.base.words import show

MEMBER = "MlflowVersion"
VERSION = re.compile(r"[0-9]+\.[0-9]+(\.[0-9]+)?")
PREFIXED = re.compile(r"[vV]([0-9]+\.[0-9]+(\.[0-9]+)?)")

RULE = Rule(
    "mlflow-version",
    Severity.ERROR,
    "MlflowVersion must be a version number such as 2.16 or 2.16.2.",
    "AWS's pattern for MlflowVersion, `[0-9]*.[0-9]*.[0-9]*`, is looser than it looks: its dots "
    "match any character and every number may be empty, so `2-16-2` or `..` pass it, and AWS "
    "then refuses the version it does not run. A version is MAJOR.MINOR or MAJOR.MINOR.PATCH "
    "in digits. The rule also says what to write for a `v` prefix (`v2.16.2`), which the pattern "
    "rejects; `check --fix` removes the prefix.",
    bad=TRACKING_SERVER_REQUEST + "MlflowVersion: v2.16.2\n",
    good=TRACKING_SERVER_REQUEST + 'MlflowVersion: "2.16.2"\n',
    fixable=True,
)
MEMBERS = frozenset({MEMBER})
OPERATIONS = frozenset({"CreateMlflowTrackingServer"})
"""Where MlflowVersion says what to run (the list operations filter by it, as written)."""
RULES = (RULE,)
REPLACES = frozenset({"pattern-mismatch"})


def check(request: dict[str, Any]) -> Iterator[Issue]:
    value = request.get(MEMBER)
    if not isinstance(value, str) or VERSION.fullmatch(value):
        return
    path = (MEMBER,)
    prefixed = PREFIXED.fullmatch(value)
    if prefixed:
        number = prefixed[1]
        message = f"{MEMBER} {show(value)} has a 'v' prefix; write the number alone: '{number}'"
        yield Issue(RULE, message, path, fix=Fix.replace_value(path, number))
        return
    message = (
        f"{MEMBER} {show(value)} is no version number: write MAJOR.MINOR or MAJOR.MINOR.PATCH "
        "in digits, such as 2.16.2"
    )
    yield Issue(RULE, message, path)
