"""The linter reads every file as the AWS CLI does: a differential test against the CLI's own
loader (reproduced exactly, see aws_cli.py), botocore's validator and the model's constraints.

Over the corpus (a valid request with one member spelled several hundred ways, in block and flow
YAML, under %YAML 1.1, in JSON, and whole files about streams, directives, merge keys, anchors
and duplicate keys), the linter reports an error exactly when the oracle refuses the file, and
where: at the members the oracle names (the same JSON pointers), or, for a file the CLI cannot
load, at the line its loader names or at the member the spelling was put in.

`python -m tests.test_aws_cli_reading` prints the agreement and every disagreement.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from .aws_cli import Case, Verdict, corpus, verdict

Errors = list[tuple[str, int, str]]
"""A file's errors as (pointer, line, rule)."""


def lint_files(paths: Sequence[str]) -> dict[str, Errors | None]:
    """Each file's errors, by the linter's own run (None: it failed on that file)."""
    from mlflow_app_lint.engine.run import Options, run
    from mlflow_app_lint.policy.config import Config

    def errors(report) -> dict[str, Errors]:
        found: dict[str, Errors] = {result.path: [] for result in report.files}
        for finding in report.findings:
            if finding.severity.value == "error" and finding.suppression is None:
                found[finding.path].append((finding.pointer, finding.span.line, finding.rule.id))
        return found

    try:
        return errors(run(list(paths), options=Options(config=Config())))
    except Exception:  # one file broke the run: lint each alone, to say which
        results: dict[str, Errors | None] = {}
        for path in paths:
            try:
                results.update(errors(run([path], options=Options(config=Config()))))
            except Exception:
                results[path] = None
        return results


def disagreement(case: Case, oracle: Verdict, errors: Errors | None) -> str | None:
    """Why the linter's errors do not match the oracle's verdict (None when they do)."""
    if errors is None:
        return "the linter failed on the file (a traceback)"
    pointers = {pointer for pointer, _, _ in errors}
    lines = {line for _, line, _ in errors}
    found = ", ".join(f"{rule} {pointer or '(root)'} line {line}" for pointer, line, rule in errors)
    if oracle.accepted:
        return f"the CLI accepts it; the linter reports {found}" if errors else None
    if not errors:
        return (
            f"the CLI refuses it ({oracle.reason or sorted(oracle.pointers)}); the linter passes it"
        )
    if oracle.loaded:
        if not _same_members(oracle.pointers, pointers):
            return f"the CLI refuses {sorted(oracle.pointers)}; the linter reports {found}"
        return None
    if oracle.line in lines or case.pointer in pointers or case.line in lines:
        return None
    return (
        f"the CLI's loader refuses it at line {oracle.line} ({oracle.reason}); the linter: {found}"
    )


def _same_members(oracle: frozenset[str], linter: set[str]) -> bool:
    """Every pointer matches one of the other side's, where the oracle's '*' (a key that is no
    string) matches any one key."""

    def match(pattern: str, pointer: str) -> bool:
        wanted, got = pattern.split("/"), pointer.split("/")
        if len(wanted) != len(got):
            return False
        return all(w in ("*", g) for w, g in zip(wanted, got, strict=True))

    return all(any(match(o, p) for p in linter) for o in oracle) and all(
        any(match(o, p) for o in oracle) for p in linter
    )


def compare(cases: list[Case] | None = None) -> tuple[int, list[tuple[Case, str]]]:
    """The number of cases, and each disagreement with its reason."""
    cases = corpus() if cases is None else cases
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for case in cases:
            path = Path(folder) / case.name
            path.write_bytes(case.data)
            paths.append(str(path))
        results = lint_files(paths)
        disagreements = []
        for case, path in zip(cases, paths, strict=True):
            reason = disagreement(case, verdict(case.data, case.is_json), results.get(path))
            if reason is not None:
                disagreements.append((case, reason))
    return len(cases), disagreements


KNOWN_DISAGREEMENTS: dict[str, str] = {
    "s-deep.yaml": (
        "120 nested lists as Tags: the linter's nesting cap (too-deep, 100 levels, so that a "
        "hostile file cannot exhaust the stack) refuses the file where the CLI refuses Tags[0] "
        "for not being a Tag; both refuse it"
    ),
}
"""Cases where the linter knowingly differs from the oracle, with the reason."""


@pytest.fixture(scope="module")
def comparison() -> tuple[int, list[tuple[Case, str]]]:
    return compare()


def test_the_corpus_is_a_few_hundred_spellings_in_every_form(comparison) -> None:
    cases = corpus()
    assert len({case.name for case in cases}) == len(cases)
    kinds = {tag for case in cases for tag in case.tags}
    assert kinds == {"block", "flow", "directive", "json", "yaml"}
    total, _ = comparison
    assert total >= 1000


def test_the_linter_reports_an_error_exactly_where_the_aws_cli_refuses(comparison) -> None:
    _, disagreements = comparison
    unexpected = [
        f"{case.name}: {reason}"
        for case, reason in disagreements
        if case.name not in KNOWN_DISAGREEMENTS
    ]
    assert unexpected == []


def test_the_known_disagreements_are_still_disagreements(comparison) -> None:
    _, disagreements = comparison
    assert {case.name for case, _ in disagreements} >= set(KNOWN_DISAGREEMENTS)


def main() -> None:
    total, disagreements = compare()
    agreeing = total - len(disagreements)
    print(f"{agreeing} of {total} files agree ({100 * agreeing / total:.1f} %)")
    for case, reason in disagreements:
        print(f"  {case.name}: {reason}".encode("unicode_escape").decode()[:300])
    sys.exit(0)


if __name__ == "__main__":
    main()
