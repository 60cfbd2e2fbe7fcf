"""update-changes-nothing: an update request that names what to update and nothing to change.

The rule's documentation (what and why, with examples) is in its `Rule` definition below.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mlflow_app_lint.base.findings import Issue, Rule, Severity

IDENTIFIERS = ("Arn", "TrackingServerName")
"""What an update request names the resource by (UpdateMlflowApp: Arn;
UpdateMlflowTrackingServer: TrackingServerName)."""
APP = "arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-abcdef123456"
COMMENT = "# mlflow-app-lint: operation=UpdateMlflowApp\n"

RULE = Rule(
    "update-changes-nothing",
    Severity.WARNING,
    "An update request that sets nothing but the resource it updates.",
    "UpdateMlflowApp and UpdateMlflowTrackingServer change the members a request sets; a request "
    "with only the app's Arn or the tracking server's name is accepted by AWS and changes "
    "nothing. It is surely a mistake: members left out, or misplaced in another document.",
    bad=f"{COMMENT}Arn: {APP}\n",
    good=f"{COMMENT}Arn: {APP}\nAccountDefaultStatus: ENABLED\n",
)
MEMBERS = frozenset(IDENTIFIERS)
OPERATIONS = frozenset({"UpdateMlflowApp", "UpdateMlflowTrackingServer"})
RULES = (RULE,)
REPLACES: frozenset[str] = frozenset()


def check(request: dict[str, Any]) -> Iterator[Issue]:
    named = [member for member in IDENTIFIERS if member in request]
    if named and set(request) == set(named):
        message = (
            f"the request sets only {named[0]}, which names what to update: it changes nothing; "
            "add the members to change"
        )
        yield Issue(RULE, message, (named[0],))
