"""The text report quotes the offending line and underlines the value, as ruff and actionlint do."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlflow_app_lint.base.findings import Span
from mlflow_app_lint.reporting.excerpt import excerpt

from .conftest import invoke

REST = "ArtifactStoreUri: s3://bucket/path\nRoleArn: arn:aws:iam::123456789012:role/r\n"
"""The other required members, valid."""


def text_report(tmp_path: Path, source: str, *options: str) -> list[str]:
    path = tmp_path / "app.yaml"
    path.write_text(source, encoding="utf-8")
    outcome = invoke("check", "--format", "text", *options, str(path))
    assert outcome.exit_code == 1
    return outcome.stdout.replace(str(path), "app.yaml").splitlines()


def block(lines: list[str], rule: str) -> list[str]:
    """The heading of the finding of `rule` and the three lines of its excerpt."""
    start = next(i for i, line in enumerate(lines) if f"[{rule}]" in line)
    return lines[start : start + 4]


def test_the_caret_underline_spans_the_value(tmp_path: Path) -> None:
    lines = text_report(tmp_path, "Name: 2024\n" + REST)
    assert block(lines, "invalid-type") == [
        "app.yaml:1:7: error [invalid-type] Name must be a string, got the integer 2024; "
        'quote it: "2024"',
        "  |",
        "1 | Name: 2024",
        "  |       ^^^^",
    ]


def test_the_gutter_widens_with_the_line_number(tmp_path: Path) -> None:
    source = "# comment\n" * 9 + "Name: 2024\n" + REST
    assert block(text_report(tmp_path, source), "invalid-type")[1:] == [
        "   |",
        "10 | Name: 2024",
        "   |       ^^^^",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Wide characters take two carets.
        ('"名前"', ['1 | Name: "名前"', "  |       ^^^^^^"]),
        # Tabs are expanded (to the next stop of 4) and underlined alike.
        ('"a\tb"', ['1 | Name: "a    b"', "  |       ^^^^^^^^"]),
        # A value running over lines is underlined to the end of its first.
        ('"my\n  app"', ['1 | Name: "my', "  |       ^^^"]),
    ],
    ids=["wide-characters", "tabs", "over-lines"],
)
def test_the_underline_follows_what_the_terminal_shows(
    tmp_path: Path, name: str, expected: list[str]
) -> None:
    source = f"Name: {name}\n" + REST
    assert block(text_report(tmp_path, source), "pattern-mismatch")[2:] == expected


def test_no_source_prints_one_line_per_finding(tmp_path: Path) -> None:
    lines = text_report(tmp_path, "Name: 2024\n" + REST, "--no-source")
    assert lines == [
        "app.yaml:1:7: error [invalid-type] Name must be a string, got the integer 2024; "
        'quote it: "2024"',
        "Checked 1 file, 1 document: 1 error, 0 warnings (1 fixable with --fix).",
    ]


def test_control_characters_never_reach_the_terminal() -> None:
    quoted = excerpt(["a\x1b[31mb"], Span(1, 2, 1, 3))
    assert quoted is not None
    assert "\x1b" not in quoted.text
    assert (quoted.underline_start, quoted.underline_width) == (1, 1)


def test_a_place_past_the_end_of_the_line_still_gets_a_caret() -> None:
    quoted = excerpt(["Tags:"], Span(1, 8, 1, 8))
    assert quoted is not None
    assert (quoted.underline_start, quoted.underline_width) == (7, 1)


def test_a_line_outside_the_text_gives_no_excerpt() -> None:
    assert excerpt(["Name: x"], Span(3, 1, 3, 2)) is None
    assert excerpt([], Span(1, 1, 1, 1)) is None
