"""domain-id, duplicate-domain-id: DefaultDomainIdList holds SageMaker domain IDs.

A domain ID is `d-` followed by lower-case letters and digits, hyphens allowed between them but
not at the end, at most 63 characters (AWS's pattern `d-(-*[a-z0-9]){1,61}`). The console and the
CLI print them as `d-xxxxxxxxxxxx`. Upper case, a missing `d-` prefix or a trailing hyphen are
rejected; this rule says which. Listing the same domain twice is accepted by the schema but is
surely a mistake (a copy-paste, or one domain meant to be another): a warning.

Bad:  DefaultDomainIdList: [D-ABC123, abc123, d-abc123-, d-abc123, d-abc123]
Good: DefaultDomainIdList: [d-abc123, d-def456]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..findings import Issue, Rule, Severity
from ..words import show

MEMBER = "DefaultDomainIdList"
PREFIX = "d-"
MAX_LENGTH = 63
BODY_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")

DOMAIN_ID = Rule(
    "domain-id",
    Severity.ERROR,
    "A domain ID must be d- followed by lower-case letters, digits and inner hyphens.",
    __doc__,
)
DUPLICATE_DOMAIN_ID = Rule(
    "duplicate-domain-id",
    Severity.WARNING,
    "The same domain ID appears twice in DefaultDomainIdList.",
    __doc__,
)
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
            yield Issue(DOMAIN_ID, f"domain ID {show(value)} {problem}", path)
        if value in first_index:
            message = f"domain ID {show(value)} is already listed at {{related}}; list it once"
            yield Issue(DUPLICATE_DOMAIN_ID, message, path, related=(MEMBER, first_index[value]))
        else:
            first_index[value] = index


def diagnose(value: str) -> str | None:
    """Why a domain ID is invalid, in words, or None when it is valid."""
    if value != value.lower() and _is_valid(value.lower()):
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


def _is_valid(value: str) -> bool:
    return diagnose(value) is None
