"""Suppression comments end to end, through the real CLI: each form, unused and malformed ones,
multi-document streams, comments the YAML scanner does not see as comments, and audits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT, Outcome, invoke

REQUEST = "ArtifactStoreUri: s3://bucket/path\nRoleArn: arn:aws:iam::123456789012:role/r\n"
STREAMS = ("--ignore", "multi-document")
"""For a team whose own tooling sends each document of a stream."""


@pytest.fixture
def lint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Lint `text` as app.yaml with no configuration file; (line, rule) of every finding."""
    monkeypatch.chdir(tmp_path)

    def run(text: str, *args: str) -> Outcome:
        (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
        return invoke("check", "--format", "json", "--no-config", *args, "app.yaml")

    return run


def places(outcome: Outcome) -> list[tuple[int, int, str]]:
    return [(f["document"], f["line"], f["rule"]) for f in outcome.findings]


def test_disable_at_the_end_of_a_line_suppresses_that_line_only(lint) -> None:
    text = (
        "Name: 2024  # mlflow-app-lint: disable=invalid-type\n"
        + REQUEST
        + "Tags: [{Key: 1, Value: a}]\n"
    )
    outcome = lint(text)
    assert places(outcome) == [(0, 4, "invalid-type")]
    assert outcome.exit_code == 1


def test_disable_names_several_rules_and_may_give_a_reason(lint) -> None:
    text = (
        "Name: my-app\n"
        + REQUEST
        + "DefaultDomainIdList: [d-x, d-x]  "
        + "# mlflow-app-lint: disable=duplicate-domain-id, domain-id -- both legacy\n"
    )
    outcome = lint(text)
    assert places(outcome) == [(0, 4, "unused-suppression")]
    assert outcome.findings[0]["column"] == text.splitlines()[3].index("domain-id --") + 1
    assert "'disable=domain-id' suppressed nothing on this line" in outcome.findings[0]["message"]


def test_disable_next_line_suppresses_the_next_line(lint) -> None:
    text = "# mlflow-app-lint: disable-next-line=invalid-type\nName: 2024\n" + REQUEST
    assert places(lint(text)) == []


def test_disable_file_suppresses_a_rule_in_its_document_only(lint) -> None:
    first = "Name: 2024\n" + REQUEST + "Tags: [{Key: 1, Value: a}]\n"
    second = "# mlflow-app-lint: disable-file=invalid-type\n" + first
    outcome = lint(first + "---\n" + second, *STREAMS)
    assert places(outcome) == [(0, 1, "invalid-type"), (0, 4, "invalid-type")]


def test_a_suppression_in_the_second_document_of_a_stream(lint) -> None:
    document = "Name: 2024\n" + REQUEST
    second = "Name: 2024  # mlflow-app-lint: disable=invalid-type\n" + REQUEST
    outcome = lint(document + "---\n" + second, *STREAMS)
    assert places(outcome) == [(0, 1, "invalid-type")]


def test_comments_between_documents_belong_to_the_next_after_an_explicit_end(lint) -> None:
    first = "Name: 2024\n" + REQUEST + "...\n# mlflow-app-lint: disable-file=invalid-type\n"
    outcome = lint(first + "---\nName: 2025\n" + REQUEST, *STREAMS)
    assert places(outcome) == [(0, 1, "invalid-type")]


def test_a_suppression_that_suppresses_nothing_is_reported(lint) -> None:
    text = "# mlflow-app-lint: disable-next-line=invalid-type\nName: my-app\n" + REQUEST
    outcome = lint(text)
    assert places(outcome) == [(0, 1, "unused-suppression")]
    finding = outcome.findings[0]
    assert finding["severity"] == "warning"
    assert finding["message"] == (
        "'disable-next-line=invalid-type' suppressed nothing on line 2; remove it"
    )
    assert (finding["column"], finding["end_column"]) == (38, 50)
    assert outcome.exit_code == 0


def test_a_suppression_of_a_rule_the_configuration_turns_off_is_unused(lint) -> None:
    text = "Name: 2024  # mlflow-app-lint: disable=invalid-type\n" + REQUEST
    outcome = lint(text, "--ignore", "invalid-type")
    assert places(outcome) == [(0, 1, "unused-suppression")]
    assert "the configuration turns 'invalid-type' off" in outcome.findings[0]["message"]


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("disable=invalid-typo", "unknown rule 'invalid-typo'; did you mean 'invalid-type'?"),
        ("disable", "not a suppression: write '# mlflow-app-lint: disable=RULE[,RULE...]'"),
        ("enable=invalid-type", "not a suppression"),
        ("disable=invalid-type unknown-field", "not a suppression"),
        ("disable=syntax-error", "'syntax-error' cannot be suppressed"),
        ("disable=unused-suppression", "turn it off in the configuration"),
        ("disable-next-line=invalid-type", "'disable-next-line=' belongs on a line of its own"),
    ],
)
def test_malformed_suppressions_are_findings(lint, comment: str, message: str) -> None:
    outcome = lint(f"Name: 2024  # mlflow-app-lint: {comment}\n" + REQUEST)
    invalid = [f for f in outcome.findings if f["rule"] == "invalid-suppression"]
    assert len(invalid) == 1
    assert message in invalid[0]["message"]
    assert invalid[0]["line"] == 1


def test_disable_on_a_line_of_its_own_is_malformed(lint) -> None:
    outcome = lint("# mlflow-app-lint: disable=invalid-type\nName: 2024\n" + REQUEST)
    assert places(outcome) == [(0, 1, "invalid-suppression"), (0, 2, "invalid-type")]


def test_a_hash_in_a_string_is_not_a_comment(lint) -> None:
    text = (
        "Name: 2024\n"
        + REQUEST
        + "Tags:\n"
        + "  - Key: '# mlflow-app-lint: disable-file=invalid-type'\n"
        + "    Value: a#mlflow-app-lint:disable=x\n"
        + "  - Key: note\n"
        + "    Value: |\n"
        + "      # mlflow-app-lint: disable-file=invalid-type\n"
    )
    assert places(lint(text)) == [
        (0, 1, "invalid-type"),
        (0, 5, "pattern-mismatch"),
        (0, 6, "pattern-mismatch"),
        (0, 8, "pattern-mismatch"),
    ]


def test_comments_after_a_block_scalar_and_in_its_header_are_read(lint) -> None:
    text = (
        "Tags:\n"
        + "  - Key: note\n"
        + "    Value: |-  # mlflow-app-lint: disable=unknown-field\n"
        + "      text\n"
        + "# mlflow-app-lint: disable-next-line=invalid-type\n"
        + "Name: 2024\n"
        + REQUEST
    )
    outcome = lint(text)
    assert places(outcome) == [(0, 3, "unused-suppression")]


def test_suppressed_findings_are_listed_for_an_audit_and_never_counted(lint) -> None:
    text = "Name: 2024  # mlflow-app-lint: disable=invalid-type\n" + REQUEST
    assert lint(text).findings == []
    audit = lint(text, "--show-suppressed")
    assert [(f["rule"], f["suppressed"]) for f in audit.findings] == [
        ("invalid-type", "'disable' comment on line 1")
    ]
    assert audit.report["summary"]["errors"] == 0
    assert audit.exit_code == 0
    shown = lint(text, "--show-suppressed", "--format", "text").stdout.splitlines()
    assert shown[0].endswith("(suppressed by 'disable' comment on line 1)")
    assert shown[-1] == "Checked 1 file, 1 document: no problems found."


def test_no_suppression_is_called_unused_in_a_document_that_could_not_be_checked(lint) -> None:
    text = "Name: 2024  # mlflow-app-lint: disable=invalid-type\nTags: [\n"
    assert [rule for _, _, rule in places(lint(text))] == ["syntax-error"]


def test_the_readme_example_suppresses_every_finding_it_means_to(lint) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Suppressing findings") :]
    example = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert example
    assert lint(example.group(1)).findings == []
    audit = lint(example.group(1), "--show-suppressed")
    assert [(f["line"], f["rule"]) for f in audit.findings] == [
        (5, "invalid-enum"),
        (7, "domain-id"),
        (7, "domain-id"),
        (7, "duplicate-domain-id"),
        (8, "maintenance-window"),
    ]
