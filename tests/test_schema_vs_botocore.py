"""Property test: for the create and update operations, a request botocore's own parameter
validator refuses is refused by the generated schema too (botocore checks types, required
members and minimums; the schema also checks what AWS checks on its side: maximums, patterns)."""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest
from botocore.validate import ParamValidator
from hypothesis import given, settings
from hypothesis import strategies as st

from mlflow_app_lint import schemagen
from mlflow_app_lint.base.values import Scalar
from mlflow_app_lint.checking.jsonschema_errors import validator_for

MODEL = botocore.session.get_session().get_service_model("sagemaker")
CREATE_AND_UPDATE = [
    "CreateMlflowApp",
    "UpdateMlflowApp",
    "CreateMlflowTrackingServer",
    "UpdateMlflowTrackingServer",
]

# Each value as botocore receives it (the AWS CLI's YAML/JSON loader) and as the linter reads it.
VALUES = st.one_of(
    st.text(max_size=12).map(lambda text: (text, text)),
    st.integers(-10, 400).map(lambda number: (number, Scalar(str(number), "integer"))),
    st.floats(-10, 10, allow_nan=False).map(lambda n: (n, Scalar(repr(n), "number"))),
    st.booleans().map(lambda flag: (flag, flag)),
    st.lists(st.text(max_size=6), max_size=3).map(lambda items: (items, items)),
    st.just(({"Key": "k", "Value": "v"}, {"Key": "k", "Value": "v"})),
    st.just(([{"Key": "k", "Value": "v"}], [{"Key": "k", "Value": "v"}])),
)


def requests(operation: str) -> st.SearchStrategy[tuple[dict[str, Any], dict[str, Any]]]:
    members = sorted(MODEL.operation_model(operation).input_shape.members)
    return st.dictionaries(st.sampled_from(members), VALUES, max_size=len(members)).map(
        lambda chosen: (
            {name: pair[0] for name, pair in chosen.items()},
            {name: pair[1] for name, pair in chosen.items()},
        )
    )


@pytest.mark.parametrize("operation", CREATE_AND_UPDATE)
def test_what_botocore_refuses_the_schema_refuses(operation: str) -> None:
    shape = MODEL.operation_model(operation).input_shape
    validator = validator_for(schemagen.generate(operation))

    @settings(max_examples=150, deadline=None)
    @given(requests(operation))
    def check(pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
        as_botocore_sees_it, as_the_linter_reads_it = pair
        refused = ParamValidator().validate(as_botocore_sees_it, shape).has_errors()
        schema_errors = list(validator.iter_errors(as_the_linter_reads_it))
        if refused:
            assert schema_errors, as_botocore_sees_it

    check()
