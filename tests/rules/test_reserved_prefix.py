"""The reserved `aws:` tag-key prefix, in the schema (for editors) and in the rule (for the CLI):
one finding per defect, and a genuine pattern mismatch of the same key is still reported."""

from __future__ import annotations

import pytest

from mlflow_app_lint.checking import validity
from mlflow_app_lint.checking.request import request_issues
from mlflow_app_lint.checking.rules import tags
from mlflow_app_lint.operations import OPERATIONS

TAGGED = ("CreateMlflowApp", "CreateMlflowTrackingServer")
BASE = {
    "CreateMlflowApp": {
        "Name": "team",
        "ArtifactStoreUri": "s3://bucket/x",
        "RoleArn": "arn:aws:iam::123456789012:role/r",
    },
    "CreateMlflowTrackingServer": {
        "TrackingServerName": "team",
        "ArtifactStoreUri": "s3://bucket/x",
        "RoleArn": "arn:aws:iam::123456789012:role/r",
    },
}
KEY = ("Tags", 0, "Key")


def _request(operation: str, key: str) -> dict:
    return {**BASE[operation], "Tags": [{"Key": key, "Value": "v"}]}


def _found(operation: str, key: str) -> list[tuple[str, tuple]]:
    issues = request_issues(_request(operation, key), OPERATIONS[operation])
    return sorted((issue.rule.id, issue.path) for issue in issues)


@pytest.mark.parametrize("operation", TAGGED)
@pytest.mark.parametrize("key", ["aws:owner", "AWS:owner", "Aws:", "aWs:x y"])
def test_a_reserved_key_is_one_finding_of_the_rule(operation: str, key: str) -> None:
    check = OPERATIONS[operation].schema_check
    request = _request(operation, key)
    # The schema says it (editors show it) and the quick check applies it as jsonschema does ...
    assert not check.valid(request)
    [error] = check.validator.iter_errors(request)
    assert error.schema.get(validity.CHECKED_BY) == tags.RESERVED_TAG_KEY.id
    # ... but the CLI reports it once, as the rule, in the key's own words.
    assert check.issues(request) == []
    assert _found(operation, key) == [("reserved-tag-key", KEY)]


@pytest.mark.parametrize("operation", TAGGED)
def test_a_reserved_key_that_also_breaks_the_models_pattern_gets_both(operation: str) -> None:
    # Not REPLACES: a pattern-mismatch at the key's path may be a genuine defect of its own.
    assert "pattern-mismatch" not in tags.REPLACES
    assert _found(operation, "aws:bad key!") == [
        ("pattern-mismatch", KEY),
        ("reserved-tag-key", KEY),
    ]
    [mismatch] = [
        issue
        for issue in request_issues(_request(operation, "aws:bad key!"), OPERATIONS[operation])
        if issue.rule.id == "pattern-mismatch"
    ]
    assert "'!' at position 12" in mismatch.message


@pytest.mark.parametrize("operation", TAGGED)
@pytest.mark.parametrize("key", ["team", "aws-owner", "aws", "xaws:y", "my aws:x"])
def test_keys_that_only_look_reserved_pass(operation: str, key: str) -> None:
    assert OPERATIONS[operation].schema_check.valid(_request(operation, key))
    assert _found(operation, key) == []


def test_allof_compiles_as_jsonschema_applies_it() -> None:
    def matches(pattern: str, value: str) -> bool:
        return value.startswith(pattern)

    both = {"type": "string", "allOf": [{"pattern": "a"}, {"pattern": "ab"}]}
    check = validity.compile_schema(both, matches)
    assert [check(value) for value in ("abc", "ac", "x", 5)] == [True, False, False, False]
    with pytest.raises(validity.Unsupported):  # _narrowed would not go into its members
        validity.compile_schema({"allOf": [{"properties": {"a": True}}]}, matches)
