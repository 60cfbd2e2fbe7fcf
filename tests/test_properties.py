"""Properties over many generated inputs (hypothesis): mutated good files never crash the linter
and every position it reports exists in the file; whatever botocore's own client-side
validation rejects, the linter rejects too."""

from __future__ import annotations

import functools
import json

import botocore.session
from botocore.validate import ParamValidator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlflow_app_lint.base.findings import Severity
from mlflow_app_lint.base.positions import LINE_BREAK
from mlflow_app_lint.engine.lint import lint

from .conftest import ROOT

SEEDS = [
    path.read_bytes()
    for path in (
        ROOT / "examples" / "good.mlflow-app.yaml",
        ROOT / "examples" / "good.mlflow-app.json",
        ROOT / "tests" / "cases" / "bad" / "multi-document.yaml",
    )
]
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YAML_PIECES = [
    b"\n",
    b"\t",
    b" ",
    b"  ",
    b":",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b'"',
    b"'",
    b"&a ",
    b"*a",
    b"!!python/name:os.system ",
    b"!x ",
    b"---\n",
    b"...\n",
    b"#",
    b"\\",
    b"\x00",
    b"\xff",
    b"\xe2\x80\xa8",
    b"\r",
    b"? ",
    b"|\n",
    b">-\n",
    b"%YAML 1.1\n",
]


@st.composite
def mutated(draw) -> bytes:
    """A good file with bytes and YAML/JSON punctuation inserted, deleted, replaced, or lines
    shuffled."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "byte", "lines"]))
        if action == "insert":
            data[at:at] = draw(st.sampled_from(YAML_PIECES) | st.binary(max_size=4))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif action == "byte" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "lines":
            lines = bytes(data).split(b"\n")
            data = bytearray(b"\n".join(draw(st.permutations(lines))))
    return bytes(data)


def assert_positions_inside(data: bytes, is_json: bool) -> None:
    text = data.decode("utf-8-sig", errors="replace")
    lines = LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    for finding in lint(data, path=f"mutated.mlflow-app.{'json' if is_json else 'yaml'}").findings:
        span = finding.span
        assert 1 <= span.line <= max(len(lines), 1), finding
        length = len(lines[span.line - 1]) if lines else 0
        assert 1 <= span.column <= length + 1, finding
        assert (span.line, span.column) <= (span.end_line, span.end_column), finding


@SETTINGS
@given(mutated())
def test_a_mutated_file_never_crashes_and_positions_lie_inside_it(data: bytes) -> None:
    assert_positions_inside(data, is_json=False)
    assert_positions_inside(data, is_json=True)


@functools.cache
def _input_shape():
    session = botocore.session.get_session()
    return session.get_service_model("sagemaker").operation_model("CreateMlflowApp").input_shape


def _wrong() -> st.SearchStrategy:
    return st.none() | st.booleans() | st.integers() | st.lists(st.integers(), max_size=2)


def _string(valid: list[str]) -> st.SearchStrategy:
    return st.sampled_from(valid) | st.text(max_size=300) | _wrong()


TAG = (
    st.fixed_dictionaries(
        {},
        optional={
            "Key": _string(["team", "aws:x", ""]),
            "Value": _string(["v", ""]),
            "Extra": st.just("x"),
        },
    )
    | _wrong()
)
REQUEST = st.fixed_dictionaries(
    {},
    optional={
        "Name": _string(["team-tracking", "a", "a--b", "-a", "a" * 257]),
        "ArtifactStoreUri": _string(["s3://bucket/path", "https://h/p", "ftp://h"]),
        "RoleArn": _string(["arn:aws:iam::123456789012:role/R", "arn:aws:iam::1:role/R"]),
        "ModelRegistrationMode": _string(["AutoModelRegistrationEnabled", "enabled"]),
        "WeeklyMaintenanceWindowStart": _string(["Tue:03:30", "TUE:03:30", "Tue:3:30"]),
        "AccountDefaultStatus": _string(["ENABLED", "DISABLED", "enabled"]),
        "DefaultDomainIdList": st.lists(_string(["d-abc123", "D-ABC"]), max_size=3) | _wrong(),
        "Tags": st.lists(TAG, max_size=55) | _wrong(),
        "Unknown": st.text(max_size=5),
    },
)


@SETTINGS
@given(REQUEST)
def test_whatever_botocore_rejects_the_linter_rejects(request: dict) -> None:
    report = ParamValidator().validate(request, _input_shape())
    findings = lint(json.dumps(request).encode(), path="request.mlflow-app.json").findings
    if report.has_errors():
        assert any(f.severity is Severity.ERROR for f in findings), report.generate_report()
