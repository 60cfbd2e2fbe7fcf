"""The rules the SageMaker MLflow family brought: each finds its defect, and only that."""

from __future__ import annotations

import pytest

from mlflow_app_lint.base.values import Scalar
from mlflow_app_lint.checking.rules import account_id, mlflow_version, update_changes_nothing
from mlflow_app_lint.operations import OPERATIONS


def _ids(module, request: dict) -> list[tuple[str, str]]:
    return [(issue.rule.id, issue.message) for issue in module.check(request)]


@pytest.mark.parametrize(
    ("request_", "reported"),
    [
        ({"Arn": "arn"}, True),
        ({"TrackingServerName": "t"}, True),
        ({"Arn": "arn", "Name": "x"}, False),
        ({"TrackingServerName": "t", "TrackingServerSize": "Small"}, False),
        ({}, False),
    ],
)
def test_update_changes_nothing(request_: dict, reported: bool) -> None:
    assert bool(_ids(update_changes_nothing, request_)) is reported


def test_update_rule_runs_for_the_update_operations_only() -> None:
    having = {name for name, op in OPERATIONS.items() if update_changes_nothing in op.rules}
    assert having == {"UpdateMlflowApp", "UpdateMlflowTrackingServer"}


def test_account_id_written_as_a_number_is_quoted_as_written() -> None:
    [issue] = account_id.check({"S3BucketOwnerAccountId": Scalar("012345678901", "integer")})
    assert issue.fix is not None and issue.fix.text == "012345678901"
    assert "leading zero lost" in issue.message
    [short] = account_id.check({"S3BucketOwnerAccountId": Scalar("1234", "integer")})
    assert short.fix is None
    assert not list(account_id.check({"S3BucketOwnerAccountId": "012345678901"}))


@pytest.mark.parametrize(
    ("value", "fixed"),
    [("v2.16.2", "2.16.2"), ("V2.16", "2.16"), ("2-16-2", None), ("..", None), ("2", None)],
)
def test_mlflow_version(value: str, fixed: str | None) -> None:
    [issue] = mlflow_version.check({"MlflowVersion": value})
    assert (issue.fix.text if issue.fix else None) == fixed


@pytest.mark.parametrize("value", ["2.16.2", "2.16", "3.0.1"])
def test_mlflow_version_accepts_versions(value: str) -> None:
    assert not list(mlflow_version.check({"MlflowVersion": value}))
