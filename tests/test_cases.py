"""Example files in, findings out: every file under cases/bad/ has a sidecar `<name>.expected`
listing its findings as `document:line:column severity rule pointer`, one per line, in report
order. A new case needs a file and its sidecar, no code. Review a new sidecar by hand; to write
the first draft of one, run with MLFLOW_APP_LINT_WRITE_EXPECTED=1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import ROOT, invoke

CASES = Path(__file__).parent / "cases"
BAD = sorted(p for p in (CASES / "bad").iterdir() if p.suffix != ".expected")
GOOD = sorted((CASES / "good").iterdir()) + sorted((ROOT / "examples").glob("good.*"))


def expected_lines(case: Path) -> list[str]:
    sidecar = case.with_name(case.name + ".expected")
    return sidecar.read_text(encoding="utf-8").splitlines()


def actual_lines(case: Path) -> list[str]:
    outcome = invoke("check", "--format", "json", str(case))
    assert outcome.exit_code in (0, 1), outcome.stderr
    return [
        f"{d}:{line}:{column} {severity} {rule} {pointer}".rstrip()
        for d, line, column, severity, rule, pointer in outcome.places()
    ]


@pytest.mark.parametrize("case", BAD, ids=lambda p: p.name)
def test_bad_case_gives_exactly_the_expected_findings(case: Path) -> None:
    actual = actual_lines(case)
    if os.environ.get("MLFLOW_APP_LINT_WRITE_EXPECTED"):
        case.with_name(case.name + ".expected").write_text("\n".join(actual) + "\n")
    assert actual == expected_lines(case)


@pytest.mark.parametrize("case", GOOD, ids=lambda p: p.name)
def test_good_case_gives_no_finding(case: Path) -> None:
    outcome = invoke("check", "--format", "json", str(case))
    assert outcome.findings == []
    assert outcome.exit_code == 0
