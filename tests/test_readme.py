"""The README shows real output: its sample of the main command is what the command prints."""

import re

import pytest

from .conftest import ROOT, invoke


def test_readme_sample_output_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = re.search(
        r"`mlflow-app-lint check examples/bad.mlflow-app.yaml`:\n\n```\n(.*?)```", readme, re.S
    )
    assert sample, "README lost its sample output section"
    monkeypatch.chdir(ROOT)
    outcome = invoke("check", "--color", "never", "examples/bad.mlflow-app.yaml")
    assert outcome.stdout == sample.group(1)
