"""account-id-number: a 12-digit AWS account ID written as a YAML or JSON number.

The rule's documentation (what and why, with examples) is in its `Rule` definition below.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mlflow_app_lint.base.findings import Fix, Issue, Rule, Severity
from mlflow_app_lint.base.rule_examples import TRACKING_SERVER_REQUEST
from mlflow_app_lint.base.values import Scalar

MEMBER = "S3BucketOwnerAccountId"
DIGITS = frozenset("0123456789")

RULE = Rule(
    "account-id-number",
    Severity.ERROR,
    "An AWS account ID written as a number instead of text.",
    "An account ID is twelve digits of text. Unquoted, YAML reads `012345678901` as the number "
    "12345678901 (its leading zero lost) and JSON has no such number at all; AWS wants a string "
    "and rejects a number. Quote it as written; `check --fix` does, when the written digits are "
    "the ID.",
    bad=TRACKING_SERVER_REQUEST + "S3BucketOwnerAccountId: 012345678901\n",
    good=TRACKING_SERVER_REQUEST + 'S3BucketOwnerAccountId: "012345678901"\n',
    fixable=True,
)
MEMBERS = frozenset({MEMBER})
RULES = (RULE,)
REPLACES = frozenset({"invalid-type"})


def check(request: dict[str, Any]) -> Iterator[Issue]:
    value = request.get(MEMBER)
    if not isinstance(value, Scalar) or value.kind != "integer":
        return
    written = value.text
    if len(written) == 12 and set(written) <= DIGITS:
        message = (
            f'{MEMBER} {written} is read as a number; an account ID is text: quote it: "{written}"'
        )
        if written.startswith("0"):
            message += f" (as a number it would be {int(written)}, its leading zero lost)"
        yield Issue(RULE, message, (MEMBER,), fix=Fix.replace_value((MEMBER,), written))
    else:
        message = (
            f"{MEMBER} {written[:20]} is a number; an account ID is twelve digits of text, quoted"
        )
        yield Issue(RULE, message, (MEMBER,))
