"""Coverage-guided fuzzing of the reader and the linter with atheris (not part of the tests).

Every input is linted as YAML and as JSON, the way `check` lints a file (the screen, the quick
reading, exact re-reading where needed, and the proof of each fixable finding's fix). A crash is
any exception escaping it, a finding placed outside the file, or the screen reading data other
than the exact reader's (or passing a file the exact reading finds something in). Run it with
`fuzz/run.sh SECONDS`; crashing inputs are written to fuzz/crashes/ (add each one to
tests/test_hostile.py as a regression case).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["mlflow_app_lint", "ruamel"]):
    from mlflow_app_lint.base.positions import split_lines
    from mlflow_app_lint.engine.lint import lint, place, screen
    from mlflow_app_lint.operations import DEFAULT
    from mlflow_app_lint.policy.selection import given
    from mlflow_app_lint.reading.decoding import decode
    from mlflow_app_lint.reading.documents import parse
    from mlflow_app_lint.reading.plain import plain_documents


def check_positions(data: bytes, result) -> None:
    lines = split_lines(data.decode("utf-8-sig", errors="replace"))
    for finding in result.findings:
        span = finding.span
        if not 1 <= span.line <= max(len(lines), 1):
            raise AssertionError(f"line {span.line} outside {len(lines)} lines: {finding}")
        length = len(lines[span.line - 1]) if lines else 0
        if not 1 <= span.column <= length + 1:
            raise AssertionError(f"column {span.column} outside a line of {length}: {finding}")


def check_screen(data: bytes, is_json: bool) -> None:
    text = decode(data, is_json)
    plain = plain_documents(text, is_json) if isinstance(text, str) else None
    if plain is None:
        return
    exact = list(parse(text, is_json))
    if plain != [document.data for document in exact]:
        raise AssertionError(f"the screen read {plain!r}, the exact reader something else")
    if screen(text, is_json, given(DEFAULT)) is not None:
        findings = place(iter(exact), "fuzz", given(DEFAULT)).findings
        if findings:
            raise AssertionError(f"the screen passed a file with findings: {findings}")


def test_one_input(data: bytes) -> None:
    for is_json in (False, True):
        check_positions(data, lint(data, path="fuzz", is_json=is_json))
        check_screen(data, is_json)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
