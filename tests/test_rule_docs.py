"""The rule catalogue: every rule documented from one source, its examples true, and the generated
docs/rules.md and README table current. MLFLOW_APP_LINT_WRITE_DOCS=1 rewrites the generated text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mlflow_app_lint.base.findings import Rule
from mlflow_app_lint.policy.catalogue import RULES
from mlflow_app_lint.reporting import ruledocs

from .conftest import ROOT, invoke

WITHOUT_EXAMPLES = {
    "internal-error": "only a bug in mlflow-app-lint produces it",
    "too-few-items": "no list of the request has a minimum above zero",
    "too-many-items": "the one bounded list, Tags, is reported as tag-limit",
    "too-many-values": "its example would hold 100,000 values",
    "too-small": "no member of CreateMlflowApp is a number (the examples lint as CreateMlflowApp)",
    "too-large": "no member of CreateMlflowApp is a number (the examples lint as CreateMlflowApp)",
    "file-too-large": "its example would be 16 MiB",
    "too-many-findings": "its example would hold over 10,000 findings",
}
ENCODINGS = {"not-text": "latin-1"}
"""The one rule whose example is about the bytes, not the text."""

DOCUMENTED = [rule for rule in RULES.values() if rule.id not in WITHOUT_EXAMPLES]


def lint_example(tmp_path: Path, rule: Rule, text: str, encoding: str = "utf-8") -> list[str]:
    path = tmp_path / f"{rule.id}.yaml"
    path.write_bytes(text.encode(encoding))
    outcome = invoke("check", "--format", "json", "--no-config", str(path))
    assert outcome.exit_code in (0, 1), outcome.stderr
    return [finding["rule"] for finding in outcome.findings]


@pytest.mark.parametrize("rule", DOCUMENTED, ids=lambda rule: rule.id)
def test_the_bad_example_breaks_the_rule_and_only_it(tmp_path: Path, rule: Rule) -> None:
    assert rule.bad is not None
    found = lint_example(tmp_path, rule, rule.bad, ENCODINGS.get(rule.id, "utf-8"))
    assert found
    assert set(found) == {rule.id}


@pytest.mark.parametrize("rule", DOCUMENTED, ids=lambda rule: rule.id)
def test_the_good_example_is_a_clean_request(tmp_path: Path, rule: Rule) -> None:
    assert rule.good is not None
    assert lint_example(tmp_path, rule, rule.good) == []


def test_only_the_listed_rules_have_no_examples() -> None:
    missing = {rule.id for rule in RULES.values() if rule.bad is None or rule.good is None}
    assert missing == set(WITHOUT_EXAMPLES)


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda rule: rule.id)
def test_every_rule_says_what_and_why_in_its_own_words(rule: Rule) -> None:
    assert rule.summary.endswith(".") and "\n" not in rule.summary
    assert len(rule.rationale) > len(rule.summary)
    others = [other.rationale for other in RULES.values() if other is not rule]
    # One source, no copies: a rule's explanation is its own (not a shared module docstring).
    assert rule.rationale not in others


def test_rules_lists_every_rule_with_severity_fixability_and_summary() -> None:
    outcome = invoke("rules")
    assert outcome.exit_code == 0
    lines = outcome.stdout.splitlines()
    assert lines[0].split() == ["RULE", "SEVERITY", "FIX", "SUMMARY"]
    assert [line.split()[0] for line in lines[1:]] == list(RULES)
    domain = next(line for line in lines if line.startswith("duplicate-domain-id "))
    assert domain.split(None, 3) == [
        "duplicate-domain-id",
        "warning",
        "no",
        RULES["duplicate-domain-id"].summary,
    ]


def test_rule_prints_the_full_documentation() -> None:
    outcome = invoke("rule", "maintenance-window")
    assert outcome.exit_code == 0
    rule = RULES["maintenance-window"]
    assert outcome.stdout.startswith("maintenance-window (default severity error, can fix)\n")
    assert "Bad:\n    Name: my-app\n" in outcome.stdout
    assert "    WeeklyMaintenanceWindowStart: Tue:03:30\n" in outcome.stdout
    assert " ".join(rule.rationale.split()) in " ".join(outcome.stdout.split())


def test_an_unknown_rule_is_a_usage_error_with_a_suggestion() -> None:
    outcome = invoke("rule", "domain-idd")
    assert outcome.exit_code == 2
    assert (
        outcome.stderr == "mlflow-app-lint: unknown rule 'domain-idd' (did you mean 'domain-id'?)\n"
    )


def _current(path: Path, generated: str) -> None:
    if os.environ.get("MLFLOW_APP_LINT_WRITE_DOCS"):
        path.write_text(generated, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == generated, (
        f"{path.relative_to(ROOT)} is stale: run MLFLOW_APP_LINT_WRITE_DOCS=1 pytest "
        "tests/test_rule_docs.py"
    )


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    generated = invoke("rules", "--format", "markdown").stdout
    assert all(f"## `{rule_id}`" in generated for rule_id in RULES)
    _current(ROOT / ruledocs.DOCS_PAGE, generated)


def test_readme_rules_table_is_generated_from_the_rules() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ruledocs.README_START in readme and ruledocs.README_END in readme
    _current(ROOT / "README.md", ruledocs.with_readme_table(readme))
