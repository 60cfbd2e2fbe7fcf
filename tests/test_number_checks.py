"""Integers, booleans and timestamps of the MLflow family's schemas, as the linter's checking layer
judges them: the compiled quick check and the validator agree, and integer bounds are issues of
their own rules that name the member, the value and the bound."""

from __future__ import annotations

from typing import Any

import pytest

from mlflow_app_lint import schemagen
from mlflow_app_lint.base.values import Scalar
from mlflow_app_lint.checking import validity
from mlflow_app_lint.checking.patterns import matches
from mlflow_app_lint.checking.schema_issues import SchemaCheck

PRESIGNED_URL = schemagen.generate("CreatePresignedMlflowAppUrl")
LIST_APPS = schemagen.generate("ListMlflowApps")
ARN = "arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-abcdef123456"


def issues(schema: dict[str, Any], request: dict[str, Any]) -> list[tuple[str, str]]:
    found = SchemaCheck(schema).issues(request)
    return [(issue.rule.id, issue.message) for issue in found]


def quick_check(schema: dict[str, Any], request: dict[str, Any]) -> bool:
    return validity.compile_schema(schema, matches)(request)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("5", []),
        ("300", []),
        ("0x12C", []),
        ("4", [("too-small", "ExpiresInSeconds is 4; at least 5 allowed")]),
        ("301", [("too-large", "ExpiresInSeconds is 301; at most 300 allowed")]),
        ("-1", [("too-small", "ExpiresInSeconds is -1; at least 5 allowed")]),
        ("9" * 5000, [("too-large", f"ExpiresInSeconds is {'9' * 5000}; at most 300 allowed")]),
    ],
)
def test_integer_bounds(written: str, expected: list[tuple[str, str]]) -> None:
    request = {"Arn": ARN, "ExpiresInSeconds": Scalar(written, "integer")}
    assert issues(PRESIGNED_URL, request) == expected
    assert quick_check(PRESIGNED_URL, request) is (expected == [])


@pytest.mark.parametrize(
    "value",
    [Scalar("60.0", "number"), "60", True, Scalar("2024-01-01", "date")],
    ids=["float", "string", "boolean", "date"],
)
def test_an_integer_member_refuses_what_botocore_refuses(value: Any) -> None:
    request = {"Arn": ARN, "ExpiresInSeconds": value}
    assert [rule for rule, _ in issues(PRESIGNED_URL, request)] == ["invalid-type"]
    assert quick_check(PRESIGNED_URL, request) is False


def test_a_boolean_member_takes_only_a_boolean() -> None:
    schema = schemagen.generate("UpdateMlflowTrackingServer")
    good = {"TrackingServerName": "t", "AutomaticModelRegistration": False}
    bad = {"TrackingServerName": "t", "AutomaticModelRegistration": "false"}
    assert (issues(schema, good), quick_check(schema, good)) == ([], True)
    assert [rule for rule, _ in issues(schema, bad)] == ["invalid-type"]
    assert quick_check(schema, bad) is False


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2024-03-16T01:46:56Z", True),
        (Scalar("1710553616", "integer"), True),
        (Scalar("1710553616.5", "number"), True),
        (Scalar("2024-03-16T01:46:56Z", "date"), True),  # a YAML datetime: botocore takes it
        (Scalar("2024-03-16 01:46:56", "date"), True),
        (Scalar("2024-03-16", "date"), False),  # a YAML date without a time: botocore refuses
        ("2024-03-16", True),  # quoted, botocore parses it
        ("yesterday", False),
        (True, False),
        (None, False),
        ([], False),
    ],
)
def test_a_timestamp_takes_what_botocore_takes(value: Any, valid: bool) -> None:
    request = {"CreatedAfter": value, "MaxResults": Scalar("100", "integer")}
    assert (issues(LIST_APPS, request) == [], quick_check(LIST_APPS, request)) == (valid, valid)


def test_every_family_schema_compiles_into_quick_checks() -> None:
    for schema in schemagen.generate_all().values():
        validity.compile_schema(schema, matches)  # raises Unsupported otherwise
