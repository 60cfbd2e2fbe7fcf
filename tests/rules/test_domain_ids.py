import pytest

from mlflow_app_lint.checking.rules.domain_ids import diagnose


@pytest.mark.parametrize("value", ["d-abc123def456", "d-a", "d-a-b", "d--a", "d-" + "a" * 61])
def test_valid_domain_ids(value: str) -> None:
    assert diagnose(value) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("D-ABC123", "must be lower case: write 'd-abc123'"),
        ("abc123", "must start with 'd-': write 'd-abc123'"),
        ("x-abc123", "must start with 'd-'"),
        ("d-abc-", "must not end with a hyphen"),
        ("d-", "needs letters or digits after 'd-'"),
        ("d-a_b", "may contain only lower-case letters a-z, digits 0-9 and hyphens"),
        ("d-" + "a" * 62, "is 64 characters long; at most 63 allowed"),
    ],
)
def test_invalid_domain_ids_say_why(value: str, problem: str) -> None:
    assert diagnose(value) == problem
