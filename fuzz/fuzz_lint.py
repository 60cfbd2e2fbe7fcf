"""Coverage-guided fuzzing of the reader and the linter with atheris (not part of the tests).

Every input is linted as YAML and as JSON, the way `check` lints a file (the quick reading, exact
re-reading where needed, and the proof of each fixable finding's fix). A crash is any exception
escaping it, or a finding placed outside the file. Run it with `fuzz/run.sh SECONDS`; crashing
inputs are written to fuzz/crashes/ (add each one to tests/test_hostile.py as a regression case).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["linter", "ruamel"]):
    from linter.autofix import check_bytes
    from linter.positions import split_lines


def check_positions(data: bytes, result) -> None:
    lines = split_lines(data.decode("utf-8-sig", errors="replace"))
    for finding in result.findings:
        span = finding.span
        if not 1 <= span.line <= max(len(lines), 1):
            raise AssertionError(f"line {span.line} outside {len(lines)} lines: {finding}")
        length = len(lines[span.line - 1]) if lines else 0
        if not 1 <= span.column <= length + 1:
            raise AssertionError(f"column {span.column} outside a line of {length}: {finding}")


def test_one_input(data: bytes) -> None:
    for is_json in (False, True):
        check_positions(data, check_bytes(data, "fuzz", is_json))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
