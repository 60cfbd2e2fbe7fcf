"""Linting against another revision of AWS's service model (`--model`, the `model` key): a team
whose AWS CLI does not know KmsKeyId yet lints against exactly what its client accepts."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import botocore
import pytest
from botocore.loaders import Loader

from .conftest import ROOT

REQUEST = (
    "Name: team-tracking\nArtifactStoreUri: s3://example-mlflow-artifacts/team-tracking\n"
    "RoleArn: arn:aws:iam::123456789012:role/MlflowAppRole\nKmsKeyId: alias/mlflow\n"
)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mlflow_app_lint", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False)


@pytest.fixture(scope="module")
def older_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The installed model as it was before CreateMlflowApp gained KmsKeyId."""
    model = Loader().load_service_model("sagemaker", "service-2")
    del model["shapes"]["CreateMlflowAppRequest"]["members"]["KmsKeyId"]
    path = tmp_path_factory.mktemp("model") / "service-2.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as file:
        json.dump(model, file)
    return path


def _report(*args: str, cwd: Path = ROOT) -> dict:
    done = run("check", "--format", "json", "--no-config", *args, cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_an_older_model_does_not_know_kms_key_id(tmp_path: Path, older_model: Path) -> None:
    request = tmp_path / "app.mlflow-app.yaml"
    request.write_text(REQUEST, encoding="utf-8")
    assert _report(str(request))["findings"] == []  # the shipped model knows it
    report = _report("--model", str(older_model), str(request))
    assert [(f["rule"], f["pointer"]) for f in report["findings"]] == [
        ("unknown-field", "/KmsKeyId")
    ]
    assert report["summary"]["model"] == f"2017-07-24 (file {older_model})"


def test_the_installed_botocore_model(tmp_path: Path) -> None:
    request = tmp_path / "app.mlflow-app.yaml"
    request.write_text(REQUEST, encoding="utf-8")
    report = _report("--model", "installed", str(request))
    assert report["findings"] == []
    assert report["summary"]["model"] == f"2017-07-24 (botocore {botocore.__version__})"


def test_the_configuration_names_the_model_relative_to_itself(
    tmp_path: Path, older_model: Path
) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "service-2.json.gz").write_bytes(older_model.read_bytes())
    (tmp_path / ".mlflow-app-lint.yaml").write_text("model: models/service-2.json.gz\n")
    (tmp_path / "app.mlflow-app.yaml").write_text(REQUEST, encoding="utf-8")
    done = run("check", "--format", "json", "app.mlflow-app.yaml", cwd=tmp_path)
    assert [f["rule"] for f in json.loads(done.stdout)["findings"]] == ["unknown-field"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("/nonexistent/service-2.json", "No such file or directory"),
        ("README.md", "not a service model that can be read"),
    ],
)
def test_a_model_that_cannot_be_read_is_a_usage_error(source: str, message: str) -> None:
    done = run("check", "--model", source, "examples/good.mlflow-app.yaml")
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_version_names_the_model() -> None:
    done = run("--version")
    assert done.stdout.endswith("(AWS service model 2017-07-24 (botocore 1.44.8))\n")
