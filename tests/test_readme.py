"""The README shows real output: its sample of the main command is what the command prints."""

import os
import re

from .conftest import ROOT, invoke


def test_readme_sample_output_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = re.search(r"`mlflow-app-lint check examples/`:\n\n```\n(.*?)```", readme, re.S)
    assert sample, "README lost its sample output section"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        outcome = invoke("check", "--color", "never", "examples/")
    finally:
        os.chdir(cwd)
    assert outcome.stdout == sample.group(1)
