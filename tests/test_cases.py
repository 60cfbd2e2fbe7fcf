"""Example files in, findings out: every file under cases/bad/ has a sidecar `<name>.expected`
listing its findings as `document:line:column severity rule pointer`, one per line, in report
order. cases/bad and cases/good are linted as the file names say (CreateMlflowApp);
cases/operations/<command-name>/bad and good with `--operation <command-name>`. A new case needs a
file and its sidecar, no code. Review a new sidecar by hand; to write the first draft of one, run
with MLFLOW_APP_LINT_WRITE_EXPECTED=1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import ROOT, invoke

CASES = Path(__file__).parent / "cases"
FOLDERS = [CASES, *sorted((CASES / "operations").iterdir())]
BAD = [p for f in FOLDERS for p in sorted((f / "bad").iterdir()) if p.suffix != ".expected"]
GOOD = [p for f in FOLDERS for p in sorted((f / "good").iterdir())]
GOOD += sorted((ROOT / "examples").glob("good.*"))


def _options(case: Path) -> list[str]:
    """`--operation` for a case under cases/operations/<command-name>/."""
    folder = case.parent.parent
    return ["--operation", folder.name] if folder.parent.name == "operations" else []


def _case_id(case: Path) -> str:
    return str(case.relative_to(CASES)) if case.is_relative_to(CASES) else case.name


def expected_lines(case: Path) -> list[str]:
    sidecar = case.with_name(case.name + ".expected")
    return sidecar.read_text(encoding="utf-8").splitlines()


def actual_lines(case: Path) -> list[str]:
    outcome = invoke("check", "--format", "json", *_options(case), str(case))
    assert outcome.exit_code in (0, 1), outcome.stderr
    return [
        f"{d}:{line}:{column} {severity} {rule} {pointer}".rstrip()
        for d, line, column, severity, rule, pointer in outcome.places()
    ]


@pytest.mark.parametrize("case", BAD, ids=_case_id)
def test_bad_case_gives_exactly_the_expected_findings(case: Path) -> None:
    actual = actual_lines(case)
    if os.environ.get("MLFLOW_APP_LINT_WRITE_EXPECTED"):
        case.with_name(case.name + ".expected").write_text("\n".join(actual) + "\n")
    assert actual == expected_lines(case)


@pytest.mark.parametrize("case", GOOD, ids=_case_id)
def test_good_case_gives_no_finding(case: Path) -> None:
    outcome = invoke("check", "--format", "json", *_options(case), str(case))
    assert outcome.findings == []
    assert outcome.exit_code == 0
