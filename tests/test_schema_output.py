"""`mlflow-app-lint schema --output PATH`, the command the README gives teams that vendor the
schema for their editors, writes exactly the committed file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

COMMITTED = ROOT / "schema" / "create-mlflow-app.schema.json"


def write_schema(target: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mlflow_app_lint", "schema", "--output", str(target)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_output_writes_exactly_the_committed_schema(tmp_path: Path) -> None:
    target = tmp_path / "create-mlflow-app.schema.json"
    done = write_schema(target)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert target.read_bytes() == COMMITTED.read_bytes()


def test_output_replaces_a_stale_vendored_copy(tmp_path: Path) -> None:
    target = tmp_path / "create-mlflow-app.schema.json"
    target.write_text('{"title": "an old schema"}\n', encoding="utf-8")
    assert write_schema(target).returncode == 0
    assert target.read_bytes() == COMMITTED.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_output_into_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "schema.json"
    done = write_schema(target)
    assert done.returncode == 2
    assert done.stderr == f"mlflow-app-lint: cannot write {target}: No such file or directory\n"


def run_schema(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mlflow_app_lint", "schema", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_operation_by_api_or_cli_name_prints_its_committed_schema() -> None:
    committed = (ROOT / "schema" / "update-mlflow-tracking-server.schema.json").read_text("utf-8")
    for name in ("UpdateMlflowTrackingServer", "update-mlflow-tracking-server"):
        done = run_schema("--operation", name)
        assert (done.returncode, done.stdout, done.stderr) == (0, committed, "")


def test_an_unknown_operation_is_a_usage_error_with_a_suggestion() -> None:
    done = run_schema("--operation", "update-mlflow-ap")
    assert done.returncode == 2
    assert done.stderr.endswith(
        "Error: Invalid value for '--operation': unknown operation 'update-mlflow-ap'; "
        "did you mean 'update-mlflow-app'? ('mlflow-app-lint operations')\n"
    )


def test_check_covers_every_operation() -> None:
    done = run_schema("--check")
    assert (done.returncode, done.stdout) == (0, "the 14 schemas in schema/ are up to date.\n")
