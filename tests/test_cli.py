"""The command line as a user and a CI job meet it: exit statuses, formats, inputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mlflow_app_lint import __version__

from .conftest import ROOT, invoke

GOOD_YAML = ROOT / "examples" / "good.mlflow-app.yaml"
GOOD_JSON = ROOT / "examples" / "good.mlflow-app.json"
BAD_YAML = ROOT / "examples" / "bad.mlflow-app.yaml"


def test_clean_files_exit_zero_with_a_summary() -> None:
    outcome = invoke("check", str(GOOD_YAML), str(GOOD_JSON))
    assert outcome.exit_code == 0
    assert outcome.stdout == "Checked 2 files, 2 documents: no problems found.\n"


def test_errors_exit_one_and_each_finding_is_path_line_col_severity_rule_message() -> None:
    outcome = invoke("check", "--color", "never", str(BAD_YAML))
    assert outcome.exit_code == 1
    lines = outcome.stdout.splitlines()
    message = 'Name must be a string, got the integer 2024; quote it: "2024"'
    assert f"{BAD_YAML}:4:7: error [invalid-type] {message}" in lines
    assert lines[-1].startswith("Checked 1 file, 1 document: ")


def test_warnings_alone_exit_zero(tmp_path: Path) -> None:
    request = tmp_path / "app.yaml"
    text = GOOD_YAML.read_text().replace(
        "  - d-abc123def456\n", "  - d-abc123def456\n  - d-abc123def456\n"
    )
    request.write_text(text)
    outcome = invoke("check", "--format", "json", str(request))
    assert [f["rule"] for f in outcome.findings] == ["duplicate-domain-id"]
    assert outcome.exit_code == 0


def test_json_report_is_the_documented_contract() -> None:
    outcome = invoke("check", "--format", "json", str(BAD_YAML), str(GOOD_JSON))
    report = outcome.report
    assert report["version"] == 1
    summary_keys = {"files", "documents", "errors", "warnings", "fixed", "model"}
    assert set(report["summary"]) == summary_keys
    assert report["files"] == [
        {
            "path": str(BAD_YAML),
            "documents": [{"operation": "CreateMlflowApp", "why": "file name"}],
        },
        {
            "path": str(GOOD_JSON),
            "documents": [{"operation": "CreateMlflowApp", "why": "file name"}],
        },
    ]
    assert report["summary"]["files"] == 2
    assert report["summary"]["errors"] == sum(f["severity"] == "error" for f in report["findings"])
    name = next(f for f in report["findings"] if f["pointer"] == "/Name")
    assert name == {
        "path": str(BAD_YAML),
        "document": 0,
        "line": 4,
        "column": 7,
        "end_line": 4,
        "end_column": 11,
        "severity": "error",
        "rule": "invalid-type",
        "message": 'Name must be a string, got the integer 2024; quote it: "2024"',
        "pointer": "/Name",
        "fixable": True,
        "operation": "CreateMlflowApp",
    }


def test_findings_are_sorted_by_position() -> None:
    findings = invoke("check", "--format", "json", str(BAD_YAML)).findings
    positions = [(f["line"], f["column"]) for f in findings]
    assert positions == sorted(positions)


def test_missing_member_pointer_names_the_member_and_points_at_its_mapping(lint_source) -> None:
    outcome = lint_source("# a comment\nName: app\nArtifactStoreUri: s3://b\n")
    [finding] = outcome.findings
    assert (finding["pointer"], finding["line"], finding["column"]) == ("/RoleArn", 2, 1)


def test_directories_are_walked_in_sorted_order_for_yaml_and_json_only(tmp_path: Path) -> None:
    for name in ("b.yml", "a.json", "c.yaml", "notes.txt", ".hidden/x.yaml"):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("Name: [")
    outcome = invoke("check", "--format", "json", str(tmp_path))
    assert [Path(f["path"]).name for f in outcome.findings] == ["a.json", "b.yml", "c.yaml"]


def test_stdin_is_read_with_the_name_given() -> None:
    outcome = invoke(
        "check",
        "--format",
        "json",
        "--stdin-filename",
        "apps/prod.json",
        "-",
        stdin=b'{"Name": "x", "Name": "y"}',
    )
    found = [(f["path"], f["rule"]) for f in outcome.findings]
    assert ("apps/prod.json", "duplicate-member") in found


def test_json_read_from_stdin_named_json_is_strict() -> None:
    outcome = invoke(
        "check", "--format", "json", "--stdin-filename", "app.json", "-", stdin=b"{'Name': 'x'}"
    )
    assert outcome.findings[0]["rule"] == "syntax-error"


def test_a_path_that_cannot_be_read_exits_two_after_checking_the_rest(tmp_path: Path) -> None:
    outcome = invoke("check", str(tmp_path / "missing.yaml"), str(GOOD_YAML))
    assert outcome.exit_code == 2
    assert outcome.stderr == (
        f"mlflow-app-lint: cannot read {tmp_path / 'missing.yaml'}: no such file or directory\n"
    )
    assert "Checked 1 file, 1 document" in outcome.stdout


def test_check_without_paths_is_a_usage_error() -> None:
    assert invoke("check").exit_code == 2


def test_version() -> None:
    outcome = invoke("--version")
    assert outcome.stdout.startswith(f"mlflow-app-lint {__version__} (AWS service model 2017-07-24")


def test_colour_only_when_asked_or_on_a_terminal() -> None:
    plain = invoke("check", str(BAD_YAML)).stdout  # CliRunner's stdout is not a terminal
    coloured = invoke("check", "--color", "always", str(BAD_YAML)).stdout
    assert "\033[" not in plain
    assert "\033[31merror" in coloured


def test_no_color_environment_variable_turns_colour_off_on_a_terminal() -> None:
    script = (
        "import sys, mlflow_app_lint.cli as c; sys.stdout.isatty = lambda: True; "
        "print(c._use_colour('auto'))"
    )
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_installed_entry_point_runs_as_a_separate_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mlflow_app_lint", "check", "--format", "json", str(BAD_YAML)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["summary"]["errors"] > 10


def test_schema_check_passes_on_the_committed_schema() -> None:
    outcome = invoke("schema", "--check")
    assert outcome.exit_code == 0, outcome.stderr


def test_schema_prints_the_committed_schema() -> None:
    committed = (ROOT / "schema" / "create-mlflow-app.schema.json").read_text(encoding="utf-8")
    assert invoke("schema").stdout == committed
