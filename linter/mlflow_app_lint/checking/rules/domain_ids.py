"""domain-id, duplicate-domain-id: DefaultDomainIdList holds SageMaker domain IDs.

The rules' documentation (what and why, with examples) is in their `Rule` definitions below.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mlflow_app_lint.base.findings import Fix, Issue, Rule, Severity
from mlflow_app_lint.base.rule_examples import REQUEST
from mlflow_app_lint.base.words import show

MEMBER = "DefaultDomainIdList"
PREFIX = "d-"
MAX_LENGTH = 63
BODY_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")

DOMAIN_ID = Rule(
    "domain-id",
    Severity.ERROR,
    "A SageMaker domain ID must be d- followed by lower-case letters, digits and inner hyphens.",
    "A domain ID in DefaultDomainIdList is `d-` followed by lower-case letters and digits, "
    "hyphens allowed between them but not at the end, at most 63 characters (AWS's pattern "
    "`d-(-*[a-z0-9]){1,61}`). The console and the CLI print them as `d-xxxxxxxxxxxx`. AWS rejects "
    "upper case, a missing `d-` prefix or a trailing hyphen; this rule says which it is, and the "
    "value to write when that is clear. `check --fix` lower-cases an ID whose only defect is "
    "upper case; other defects need a person.",
    bad=REQUEST + "DefaultDomainIdList: [D-ABC123, abc123, d-abc123-]\n",
    good=REQUEST + "DefaultDomainIdList: [d-abc123, d-def456]\n",
    fixable=True,
)
DUPLICATE_DOMAIN_ID = Rule(
    "duplicate-domain-id",
    Severity.WARNING,
    "The same domain ID listed twice in DefaultDomainIdList.",
    "AWS accepts a domain listed twice, but it is surely a mistake: a copy-paste, or one domain "
    "meant to be another. Reported at the second occurrence, naming the line of the first.",
    bad=REQUEST + "DefaultDomainIdList: [d-abc123, d-abc123]\n",
    good=REQUEST + "DefaultDomainIdList: [d-abc123, d-def456]\n",
)
MEMBERS = frozenset({MEMBER})
RULES = (DOMAIN_ID, DUPLICATE_DOMAIN_ID)
REPLACES = frozenset({"pattern-mismatch", "too-long"})


def check(request: dict[str, Any]) -> Iterator[Issue]:
    ids = request.get(MEMBER)
    if not isinstance(ids, list):
        return
    first_index: dict[str, int] = {}
    for index, value in enumerate(ids):
        if not isinstance(value, str):
            continue
        path = (MEMBER, index)
        problem = diagnose(value)
        if problem:
            fix = Fix.replace_value(path, value.lower()) if _only_case(value) else None
            yield Issue(DOMAIN_ID, f"domain ID {show(value)} {problem}", path, fix=fix)
        if value in first_index:
            message = f"domain ID {show(value)} is already listed at {{related}}; list it once"
            yield Issue(DUPLICATE_DOMAIN_ID, message, path, related=(MEMBER, first_index[value]))
        else:
            first_index[value] = index


def diagnose(value: str) -> str | None:
    """Why a domain ID is invalid, in words, or None when it is valid."""
    if _only_case(value):
        return f"must be lower case: write '{value.lower()}'"
    if not value.startswith(PREFIX):
        # Only a bare body (letters and digits, as in d-abc123) surely lacks just the prefix.
        hint = f": write '{PREFIX}{value}'" if value.isalnum() and _is_valid(PREFIX + value) else ""
        return f"must start with '{PREFIX}'{hint}"
    if len(value) > MAX_LENGTH:
        return f"is {len(value)} characters long; at most {MAX_LENGTH} allowed"
    body = value[len(PREFIX) :]
    if not body.strip("-"):
        return f"needs letters or digits after '{PREFIX}'"
    if not set(body) <= BODY_CHARACTERS:
        return "may contain only lower-case letters a-z, digits 0-9 and hyphens"
    if body.endswith("-"):
        return "must not end with a hyphen"
    return None


def _only_case(value: str) -> bool:
    """Upper case is the one defect: the lower-case ID is certainly the one meant."""
    return value != value.lower() and _is_valid(value.lower())


def _is_valid(value: str) -> bool:
    return diagnose(value) is None
