"""tag-limit, duplicate-tag-key, reserved-tag-key: what AWS requires of a resource's tags.

A SageMaker resource carries at most 50 tags, each key at most once (keys are case-sensitive), and
keys beginning with `aws:` (in any case) are reserved for AWS's own use: a request may not create
one. The schema cannot say "unique keys" or "no prefix in any case" in a way editors show well,
so these are checked here, each at the tag that breaks the rule. A later tag that is an exact copy
of an earlier one (same key, same value) says nothing new: `check --fix` removes it.

Bad:  Tags: [{Key: team, Value: a}, {Key: team, Value: b}, {Key: AWS:owner, Value: me}]
Good: Tags: [{Key: team, Value: a}, {Key: owner, Value: me}]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..findings import Fix, Issue, Rule, Severity
from ..words import plural, show

MEMBER = "Tags"
MAX_TAGS = 50
RESERVED_PREFIX = "aws:"

TAG_LIMIT = Rule(
    "tag-limit", Severity.ERROR, f"More than {MAX_TAGS} tags on one resource.", __doc__
)
DUPLICATE_TAG_KEY = Rule(
    "duplicate-tag-key", Severity.ERROR, "Two tags with the same key.", __doc__, fixable=True
)
RESERVED_TAG_KEY = Rule(
    "reserved-tag-key",
    Severity.ERROR,
    "A tag key beginning with the reserved aws: prefix.",
    __doc__,
)
RULES = (TAG_LIMIT, DUPLICATE_TAG_KEY, RESERVED_TAG_KEY)
REPLACES = frozenset({"too-many-items"})


def check(request: dict[str, Any]) -> Iterator[Issue]:
    tags = request.get(MEMBER)
    if not isinstance(tags, list):
        return
    if len(tags) > MAX_TAGS:
        message = (
            f"{plural(len(tags), 'tag')}; AWS allows at most {MAX_TAGS} on one resource: "
            f"remove {len(tags) - MAX_TAGS}"
        )
        yield Issue(TAG_LIMIT, message, (MEMBER,))
    first_index: dict[str, int] = {}
    for index, tag in enumerate(tags):
        copy = tag in tags[:index]
        key = tag.get("Key") if isinstance(tag, dict) else None
        if not isinstance(key, str):
            continue
        path = (MEMBER, index, "Key")
        if key.lower().startswith(RESERVED_PREFIX):
            message = f"tag key {show(key)} begins with '{key[:4]}', which is reserved for AWS"
            yield Issue(RESERVED_TAG_KEY, message + "; choose another key", path)
        if key in first_index:
            message = (
                f"tag key {show(key)} is already used at {{related}}; each key may appear once"
            )
            related = (MEMBER, first_index[key], "Key")
            fix = Fix.remove_item((MEMBER, index)) if copy else None
            yield Issue(DUPLICATE_TAG_KEY, message, path, related=related, fix=fix)
        else:
            first_index[key] = index
