"""Which operation a document is linted as, and why: every path and their precedence (the
comment, --operation, per-file-operation globs, the file name, the configuration's operation,
the members), through the CLI on real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import invoke

APP_ARN = "arn:aws:sagemaker:us-east-1:123456789012:mlflow-app/app-abcdef123456"
UPDATE_APP = f"Arn: {APP_ARN}\nName: renamed-app\n"
"""Only UpdateMlflowApp has both members and needs no other: inferred as it."""
SERVER = "TrackingServerName: team-tracking\n"
"""Fits several tracking-server operations: no single one is inferred."""


def _documents(tmp_path: Path, name: str, text: str, *options: str) -> list[tuple[str, str]]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    outcome = invoke("check", "--format", "json", "--no-config", *options, str(path))
    assert outcome.exit_code in (0, 1), outcome.stderr
    [file] = outcome.report["files"]
    return [(document["operation"], document["why"]) for document in file["documents"]]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("prod.update-mlflow-app.yaml", "UpdateMlflowApp"),
        ("team.create-mlflow-tracking-server.json", "CreateMlflowTrackingServer"),
        ("x.stop-mlflow-tracking-server.yml", "StopMlflowTrackingServer"),
        ("team.mlflow-app.yaml", "CreateMlflowApp"),
        ("mlflow-apps/team.yaml", "CreateMlflowApp"),
    ],
)
def test_the_file_name(tmp_path: Path, name: str, expected: str) -> None:
    text = SERVER if name.endswith(".yaml") or name.endswith(".yml") else '{"Arn": "x"}'
    assert _documents(tmp_path, name, text) == [(expected, "file name")]


def test_the_members_when_nothing_names_it(tmp_path: Path) -> None:
    assert _documents(tmp_path, "a.yaml", UPDATE_APP) == [
        ("UpdateMlflowApp", "inferred from its members")
    ]
    assert _documents(tmp_path, "b.yaml", SERVER) == [("CreateMlflowApp", "default")]


def test_a_comment_per_document_of_a_stream(tmp_path: Path) -> None:
    text = (
        "# mlflow-app-lint: operation=UpdateMlflowTrackingServer\n"
        + SERVER
        + "---\n# mlflow-app-lint: operation=stop-mlflow-tracking-server\n"
        + SERVER
        + "---\n"
        + SERVER
    )
    assert _documents(tmp_path, "stream.update-mlflow-app.yaml", text) == [
        ("UpdateMlflowTrackingServer", "comment on line 1"),
        ("StopMlflowTrackingServer", "comment on line 4"),
        ("UpdateMlflowApp", "file name"),
    ]


def test_precedence(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mlflow-app-lint]\noperation = "DeleteMlflowTrackingServer"\n'
        "[tool.mlflow-app-lint.per-file-operation]\n"
        '"servers/*.yaml" = "StartMlflowTrackingServer"\n',
        encoding="utf-8",
    )
    config = ("--config", str(tmp_path / "pyproject.toml"))

    def chosen(name: str, text: str = SERVER, *options: str) -> tuple[str, str]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        outcome = invoke("check", "--format", "json", *config, *options, str(path))
        [document] = outcome.report["files"][0]["documents"]
        return document["operation"], document["why"]

    comment = "# mlflow-app-lint: operation=DescribeMlflowTrackingServer\n" + SERVER
    flag = ("--operation", "UpdateMlflowTrackingServer")
    glob = "per-file-operation 'servers/*.yaml'"
    # The configuration's operation is the last word before the members.
    assert chosen("plain.yaml") == ("DeleteMlflowTrackingServer", "configuration 'operation'")
    # The file name beats it; a glob beats the file name; the option beats a glob; a comment all.
    assert chosen("a.stop-mlflow-tracking-server.yaml")[0] == "StopMlflowTrackingServer"
    assert chosen("servers/a.stop-mlflow-tracking-server.yaml") == (
        "StartMlflowTrackingServer",
        glob,
    )
    assert chosen("servers/a.yaml", SERVER, *flag) == ("UpdateMlflowTrackingServer", "--operation")
    assert chosen("servers/b.yaml", comment, *flag) == (
        "DescribeMlflowTrackingServer",
        "comment on line 1",
    )


def test_an_unknown_name_in_a_comment_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "a.update-mlflow-app.yaml"
    path.write_text("# mlflow-app-lint: operation=UpdateMlflowAp\n" + UPDATE_APP, encoding="utf-8")
    outcome = invoke("check", "--format", "json", "--no-config", str(path))
    [finding] = outcome.findings
    assert finding["rule"] == "unknown-operation"
    assert (finding["line"], finding["column"]) == (1, 30)
    assert "did you mean 'UpdateMlflowApp'?" in finding["message"]
    # ... and the document is linted as the rest of the setup says.
    assert outcome.report["files"][0]["documents"][0]["operation"] == "UpdateMlflowApp"


@pytest.mark.parametrize(
    "options",
    [
        ("--operation", "UpdateMlflowAp"),
        ("--config", "{config}"),
    ],
)
def test_an_unknown_name_in_the_options_or_configuration_is_a_usage_error(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    config = tmp_path / ".mlflow-app-lint.yaml"
    config.write_text("operation: update-mlflow-ap\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(UPDATE_APP, encoding="utf-8")
    args = [option.format(config=config) for option in options]
    outcome = invoke("check", *args, str(tmp_path / "a.yaml"))
    assert outcome.exit_code == 2
    assert "did you mean 'update-mlflow-app'" in outcome.stderr or (
        "did you mean 'UpdateMlflowApp'" in outcome.stderr
    )


def test_every_finding_carries_its_operation(tmp_path: Path) -> None:
    path = tmp_path / "a.update-mlflow-app.yaml"
    path.write_text(f"Arn: {APP_ARN}\nRoleArn: x\n", encoding="utf-8")
    outcome = invoke("check", "--format", "json", "--no-config", str(path))
    assert {finding["operation"] for finding in outcome.findings} == {"UpdateMlflowApp"}
    sarif = invoke("check", "--format", "sarif", "--no-config", str(path)).report
    results = sarif["runs"][0]["results"]
    assert {result["properties"]["operation"] for result in results} == {"UpdateMlflowApp"}
