"""Shared helpers: run the real CLI in-process on real files and read its JSON report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlflow_app_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def report(self) -> dict:
        return json.loads(self.stdout)

    @property
    def findings(self) -> list[dict]:
        return self.report["findings"]

    def places(self) -> list[tuple[int, int, int, str, str, str]]:
        """(document, line, column, severity, rule, pointer) of every finding, in report order."""
        return [
            (f["document"], f["line"], f["column"], f["severity"], f["rule"], f["pointer"])
            for f in self.findings
        ]


def invoke(*args: str, stdin: bytes | None = None) -> Outcome:
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    return Outcome(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def lint_source(tmp_path: Path):
    """Write `text` to a file named `name` and lint it; returns the JSON report's outcome."""

    def lint(text: str, name: str = "request.yaml") -> Outcome:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return invoke("check", "--format", "json", str(path))

    return lint
