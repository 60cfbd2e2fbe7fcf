"""tag-limit, duplicate-tag-key, reserved-tag-key: what AWS requires of a resource's tags.

The schema cannot say "unique keys" or "no prefix in any case" in a way editors show well, so these
are checked here, each at the tag that breaks the rule. The rules' documentation (what and why,
with examples) is in their `Rule` definitions below.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mlflow_app_lint.base.findings import Fix, Issue, Rule, Severity
from mlflow_app_lint.base.rule_examples import REQUEST
from mlflow_app_lint.base.words import plural, show

MEMBER = "Tags"
MAX_TAGS = 50
RESERVED_PREFIX = "aws:"


def _tags(*pairs: tuple[str, str]) -> str:
    """An example request with these tags, in flow style, five to a line."""
    items = [f"{{Key: {key}, Value: {value}}}" for key, value in pairs]
    rows = [", ".join(items[start : start + 5]) for start in range(0, len(items), 5)]
    return REQUEST + "Tags: [" + ",\n  ".join(rows) + "]\n"


TAG_LIMIT = Rule(
    "tag-limit",
    Severity.ERROR,
    f"More than {MAX_TAGS} tags on one resource.",
    f"A SageMaker resource carries at most {MAX_TAGS} tags; AWS rejects a request with more. The "
    "message says how many to remove.",
    bad=_tags(*((f"k{index}", "v") for index in range(MAX_TAGS + 1))),
    good=_tags(*((f"k{index}", "v") for index in range(MAX_TAGS))),
)
DUPLICATE_TAG_KEY = Rule(
    "duplicate-tag-key",
    Severity.ERROR,
    "Two tags with the same key (names the line of the first).",
    "Each tag key may appear once on a resource, and keys are case-sensitive (`Team` and `team` "
    "are two keys). AWS rejects a request that repeats one. Reported at the second key. A later "
    "tag that is an exact copy of an earlier one (same key, same value) says nothing new: "
    "`check --fix` removes it. The service decides this: neither the AWS CLI nor botocore's "
    "validator nor the API model knows it, so the CLI sends such a request and the service "
    "refuses it.",
    bad=_tags(("team", "a"), ("team", "b")),
    good=_tags(("team", "a"), ("owner", "b")),
    fixable=True,
)
RESERVED_TAG_KEY = Rule(
    "reserved-tag-key",
    Severity.ERROR,
    "A tag key beginning with aws: in any case.",
    "Keys beginning with `aws:` are reserved for AWS's own tags, and the prefix is reserved in "
    "any case (`AWS:`, `Aws:`): a request may not create one. The service decides this: the "
    "tag key pattern of the API model allows such a key, so neither the AWS CLI nor botocore's "
    "validator can know it; the CLI sends the request and the service refuses it.",
    bad=_tags(("AWS:owner", "me")),
    good=_tags(("owner", "me")),
)
MEMBERS = frozenset({MEMBER})
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
