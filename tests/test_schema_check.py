"""Patterns as AWS applies them: whole value, ASCII digits, no trailing newline, Unicode classes."""

import pytest

from mlflow_app_lint.checking.patterns import JAVA_DOT, as_aws_reads_it
from mlflow_app_lint.operations import DEFAULT


@pytest.mark.parametrize(
    ("pattern", "rewritten"),
    [
        (r"\d{12}", "[0-9]{12}"),
        (r"[\d_]", "[0-9_]"),
        (r"\\d", r"\\d"),
        (r"\D", "[^0-9]"),
        (r"[a-z\-]", r"[a-z\-]"),
        ("(.*)", f"({JAVA_DOT}*)"),
        ("[.]", "[.]"),
        (r"\.", r"\."),
    ],
)
def test_patterns_are_rewritten_to_java_semantics(pattern: str, rewritten: str) -> None:
    assert as_aws_reads_it(pattern) == rewritten


def rules_for(request: dict) -> list[tuple[str, tuple]]:
    return [(issue.rule.id, issue.path) for issue in DEFAULT.schema_check.issues(request)]


VALID = {
    "Name": "app",
    "ArtifactStoreUri": "s3://bucket",
    "RoleArn": "arn:aws:iam::123456789012:role/r",
}


def test_a_valid_request_has_no_issue() -> None:
    assert rules_for(VALID) == []


@pytest.mark.parametrize("name", ["app\n", "app ", "٣app", "app!"])
def test_patterns_match_the_whole_value(name: str) -> None:
    assert rules_for({**VALID, "Name": name}) == [("pattern-mismatch", ("Name",))]


def test_arabic_indic_digits_are_not_digits_for_aws() -> None:
    request = {**VALID, "RoleArn": "arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:role/r"}
    assert rules_for(request) == [("pattern-mismatch", ("RoleArn",))]


def test_unicode_letters_and_numbers_are_allowed_in_tags() -> None:
    request = {**VALID, "Tags": [{"Key": "Équipe ١٢", "Value": "prévisions"}]}
    assert rules_for(request) == []


@pytest.mark.parametrize("separator", ["\r", "\u0085", "\u2028", "\u2029"])
def test_dot_does_not_match_line_terminators_as_in_java(separator: str) -> None:
    request = {**VALID, "ArtifactStoreUri": f"s3://bucket/a{separator}b"}
    assert rules_for(request) == [("pattern-mismatch", ("ArtifactStoreUri",))]


def test_a_pathological_value_is_checked_in_bounded_time() -> None:
    request = {**VALID, "Name": "a" + "-" * 100_000 + "!"}
    assert ("too-long", ("Name",)) in rules_for(request)


def test_an_empty_value_is_one_defect_too_short() -> None:
    assert rules_for({**VALID, "Name": ""}) == [("too-short", ("Name",))]
