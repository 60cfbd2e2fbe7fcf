"""Every rule call is guarded: a rule that raises becomes an internal-error finding for that
document, on the screen's path as on the readers' with positions, and the others still report."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from mlflow_app_lint.base.findings import Issue
from mlflow_app_lint.checking.rules import maintenance_window
from mlflow_app_lint.engine.lint import lint, screen
from mlflow_app_lint.operations import DEFAULT
from mlflow_app_lint.policy.selection import given

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _failing_check(request: dict) -> list[Issue]:
    raise KeyError("a bug in a rule")


BROKEN_RULE = SimpleNamespace(
    __name__="tests.broken_rule",
    MEMBERS=frozenset({"Name"}),
    RULES=(),
    REPLACES=frozenset(),
    check=_failing_check,
)
OPERATION = SimpleNamespace(
    name="CreateMlflowApp",
    schema_check=DEFAULT.schema_check,
    rules=(BROKEN_RULE, maintenance_window),
)


@pytest.mark.parametrize("name", ["good.mlflow-app.yaml", "good.mlflow-app.json"])
def test_a_failing_rule_on_a_file_the_screen_reads(name: str) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert len(screen(text, name.endswith(".json"), given(DEFAULT))) == 1  # the screen reads it
    result = lint(text, path=name, operation=OPERATION)
    assert [(f.rule.id, f.document) for f in result.findings] == [("internal-error", 0)]
    assert "the broken_rule rules failed: KeyError('a bug in a rule')" in result.findings[0].message


def test_a_failing_rule_beside_other_findings() -> None:
    text = (EXAMPLES / "bad.mlflow-app.yaml").read_text(encoding="utf-8")
    result = lint(text, path="bad.mlflow-app.yaml", operation=OPERATION)
    rules = {finding.rule.id for finding in result.findings}
    assert "internal-error" in rules
    assert {"maintenance-window", "invalid-enum", "unknown-field"} <= rules


def test_a_failure_on_one_file_is_that_files_finding_and_the_run_goes_on(tmp_path) -> None:
    """Anything that raises while a file is processed (here the writer of `--fix`, a public
    hook of the run) becomes that file's internal-error; the other files are reported."""
    from mlflow_app_lint.engine.run import Mode, Options, run

    bad = tmp_path / "a.mlflow-app.yaml"
    bad.write_text(
        "Name: 2024\nArtifactStoreUri: s3://b/p\nRoleArn: arn:aws:iam::123456789012:role/r\n"
    )
    good = tmp_path / "b.mlflow-app.yaml"
    good.write_text((EXAMPLES / "good.mlflow-app.yaml").read_text(encoding="utf-8"))

    def failing_writer(source, before: bytes, after: bytes) -> None:
        raise ValueError("a bug in a writer")

    report = run([str(bad), str(good)], options=Options(mode=Mode.FIX, write=failing_writer))
    first, second = report.files
    assert [finding.rule.id for finding in first.findings] == ["internal-error"]
    assert "ValueError('a bug in a writer')" in first.findings[0].message
    assert (second.path, second.findings, second.documents) == (str(good), (), 1)
