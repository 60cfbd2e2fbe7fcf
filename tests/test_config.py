"""Configuration end to end, through the real CLI: discovery, every key, the command line's
precedence over the file, and every kind of mistake in a configuration (exit 2, one line)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from .conftest import ROOT, Outcome, invoke

REQUEST = "Name: my-app\nArtifactStoreUri: s3://bucket/path\nRoleArn: arn:aws:iam::1:role/r\n"
REQUEST = REQUEST.replace("1:role", "123456789012:role")
ROLE = "arn:aws:iam::123456789012:role/r"
WITH_WARNING = REQUEST + "DefaultDomainIdList: [d-abc123, d-abc123]\n"  # duplicate-domain-id
WITH_ERRORS = REQUEST.replace("my-app", "2024") + "AccountDefaultStatus: enabled\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory, made the current directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def check(*args: str) -> Outcome:
    return invoke("check", "--format", "json", *args)


def rules_of(outcome: Outcome) -> list[str]:
    return [finding["rule"] for finding in outcome.findings]


def usage_error(outcome: Outcome) -> str:
    """The one-line message of a usage error (and that it is one: exit 2, no report)."""
    assert outcome.exit_code == 2, outcome.stdout
    assert outcome.stdout == ""
    assert "Traceback" not in outcome.stderr
    assert outcome.stderr.count("\n") == 1
    return outcome.stderr.rstrip("\n")


# Discovery


def test_pyproject_table_is_found_in_a_parent_directory(project: Path) -> None:
    write(project, "pyproject.toml", '[tool.mlflow-app-lint]\nignore = ["invalid-enum"]\n')
    write(project, "apps/app.yaml", WITH_ERRORS)
    outcome = check("apps/app.yaml")
    assert rules_of(outcome) == ["invalid-type"]


def test_a_pyproject_without_the_table_does_not_count(project: Path, monkeypatch) -> None:
    write(project, ".mlflow-app-lint.yaml", "ignore: [invalid-enum]\n")
    write(project, "apps/pyproject.toml", "[project]\nname = 'other'\n")
    write(project, "apps/app.yaml", WITH_ERRORS)
    monkeypatch.chdir(project / "apps")
    assert rules_of(check("app.yaml")) == ["invalid-type"]


def test_the_nearest_directory_wins(project: Path, monkeypatch) -> None:
    write(project, ".mlflow-app-lint.yaml", "ignore: [invalid-enum]\n")
    write(project, "apps/pyproject.toml", '[tool.mlflow-app-lint]\nignore = ["invalid-type"]\n')
    write(project, "apps/app.yaml", WITH_ERRORS)
    monkeypatch.chdir(project / "apps")
    assert rules_of(check("app.yaml")) == ["invalid-enum"]


def test_in_one_directory_the_yaml_file_is_read_before_pyproject(project: Path) -> None:
    write(project, ".mlflow-app-lint.yaml", "ignore: [invalid-enum]\n")
    write(project, "pyproject.toml", '[tool.mlflow-app-lint]\nignore = ["invalid-type"]\n')
    write(project, "app.yaml", WITH_ERRORS)
    assert rules_of(check("app.yaml")) == ["invalid-type"]


def test_config_names_the_file_and_no_config_ignores_all(project: Path) -> None:
    write(project, ".mlflow-app-lint.yaml", "ignore: [invalid-enum]\n")
    write(project, "ci/lint.toml", '[tool.mlflow-app-lint]\nignore = ["invalid-type"]\n')
    write(project, "app.yaml", WITH_ERRORS)
    assert rules_of(check("--config", "ci/lint.toml", "app.yaml")) == ["invalid-enum"]
    assert rules_of(check("--no-config", "app.yaml")) == ["invalid-type", "invalid-enum"]


# Keys


def test_select_runs_only_the_named_rules_but_never_hides_unreadable_files(project) -> None:
    write(project, ".mlflow-app-lint.yaml", "select: [invalid-enum]\n")
    write(project, "a.yaml", WITH_ERRORS)
    write(project, "b.yaml", "Name: [unclosed\n")
    outcome = check("a.yaml", "b.yaml")
    assert rules_of(outcome) == ["invalid-enum", "syntax-error"]


def test_ignore_turns_rules_off(project: Path) -> None:
    write(project, ".mlflow-app-lint.yaml", "ignore: [invalid-type, invalid-enum]\n")
    write(project, "app.yaml", WITH_ERRORS)
    outcome = check("app.yaml")
    assert outcome.findings == []
    assert outcome.exit_code == 0


def test_severity_changes_levels_and_off_turns_a_rule_off(project: Path) -> None:
    write(
        project,
        "pyproject.toml",
        """\
        [tool.mlflow-app-lint.severity]
        invalid-type = "warning"
        invalid-enum = "off"
        duplicate-domain-id = "error"
        """,
    )
    write(project, "a.yaml", WITH_ERRORS)
    write(project, "b.yaml", WITH_WARNING)
    outcome = check("a.yaml")
    assert [(f["rule"], f["severity"]) for f in outcome.findings] == [("invalid-type", "warning")]
    assert outcome.exit_code == 0
    outcome = check("b.yaml")
    assert [(f["rule"], f["severity"]) for f in outcome.findings] == [
        ("duplicate-domain-id", "error")
    ]
    assert outcome.exit_code == 1


def test_info_findings_are_reported_and_never_fail(project: Path) -> None:
    write(
        project,
        ".mlflow-app-lint.yaml",
        "severity: {duplicate-domain-id: info}\nfail-on: warning\n",
    )
    write(project, "app.yaml", WITH_WARNING)
    outcome = check("app.yaml")
    assert [f["severity"] for f in outcome.findings] == ["info"]
    assert outcome.exit_code == 0


def test_fail_on_warning_makes_warnings_fail(project: Path) -> None:
    write(project, "app.yaml", WITH_WARNING)
    assert check("app.yaml").exit_code == 0
    write(project, ".mlflow-app-lint.yaml", "fail-on: warning\n")
    assert check("app.yaml").exit_code == 1


def test_exclude_skips_walked_files_relative_to_the_config_directory(project, monkeypatch) -> None:
    write(project, ".mlflow-app-lint.yaml", "exclude: ['apps/legacy/*.yaml', 'drafts']\n")
    write(project, "apps/legacy/old.yaml", WITH_ERRORS)
    write(project, "apps/legacy/nested/kept.yaml", WITH_ERRORS)
    write(project, "apps/drafts/new.yaml", WITH_ERRORS)
    write(project, "apps/app.yaml", REQUEST)
    monkeypatch.chdir(project / "apps")  # patterns stay relative to the configuration file
    outcome = check(".")
    assert sorted({f["path"] for f in outcome.findings}) == ["./legacy/nested/kept.yaml"]
    assert outcome.report["summary"]["files"] == 2


def test_a_named_file_is_checked_unless_force_exclude(project: Path) -> None:
    write(project, ".mlflow-app-lint.yaml", "exclude: [legacy]\n")
    write(project, "legacy/old.yaml", WITH_ERRORS)
    assert check("legacy/old.yaml").exit_code == 1
    outcome = check("--force-exclude", "legacy/old.yaml")
    assert outcome.report["summary"]["files"] == 0
    assert outcome.exit_code == 0
    stdin = check("--force-exclude", "--stdin-filename", "legacy/x.yaml", "-")
    assert stdin.report["summary"]["files"] == 0


def test_per_file_ignores_suppress_rules_in_matching_files_such_as_json(project: Path) -> None:
    write(
        project,
        "pyproject.toml",
        """\
        [tool.mlflow-app-lint.per-file-ignores]
        "legacy/*.json" = ["invalid-type"]
        """,
    )
    request = f'{{"Name": 2024, "ArtifactStoreUri": "s3://b/p", "RoleArn": "{ROLE}"}}'
    write(project, "legacy/old.json", request)
    write(project, "new.json", request)
    outcome = check("legacy/old.json", "new.json")
    assert [(f["path"], f["rule"]) for f in outcome.findings] == [("new.json", "invalid-type")]
    audit = check("--show-suppressed", "legacy/old.json")
    assert [(f["rule"], f["suppressed"]) for f in audit.findings] == [
        ("invalid-type", "per-file-ignores 'legacy/*.json'")
    ]
    assert audit.report["summary"]["errors"] == 0
    assert audit.exit_code == 0


# The command line over the file


def test_command_line_lists_replace_the_files_lists(project: Path) -> None:
    write(project, ".mlflow-app-lint.yaml", "ignore: [invalid-enum]\nselect: [invalid-enum]\n")
    write(project, "app.yaml", WITH_ERRORS)
    assert rules_of(check("app.yaml")) == []
    assert rules_of(check("--select", "invalid-type,invalid-enum", "app.yaml")) == ["invalid-type"]
    outcome = check(
        "--select",
        "invalid-type",
        "--select",
        "invalid-enum",
        "--ignore",
        "invalid-type",
        "app.yaml",
    )
    assert rules_of(outcome) == ["invalid-enum"]


def test_command_line_severity_and_per_file_ignores_merge_entry_by_entry(project: Path) -> None:
    write(
        project,
        ".mlflow-app-lint.yaml",
        """\
        severity: {invalid-type: warning, invalid-enum: warning}
        per-file-ignores: {"a.yaml": [invalid-type]}
        """,
    )
    write(project, "a.yaml", WITH_ERRORS)
    write(project, "b.yaml", WITH_ERRORS)
    outcome = check("--severity", "invalid-enum=error", "a.yaml")
    assert [(f["rule"], f["severity"]) for f in outcome.findings] == [("invalid-enum", "error")]
    outcome = check("--per-file-ignores", "b.yaml=invalid-type,invalid-enum", "a.yaml", "b.yaml")
    assert [(f["path"], f["rule"]) for f in outcome.findings] == [("a.yaml", "invalid-enum")]


def test_command_line_fail_on_and_exclude_override_the_file(project: Path) -> None:
    write(project, ".mlflow-app-lint.yaml", "fail-on: warning\nexclude: [a.yaml]\n")
    write(project, "a.yaml", WITH_WARNING)
    write(project, "b.yaml", WITH_WARNING)
    assert check(".").report["summary"]["files"] == 1
    assert check(".").exit_code == 1
    assert check("--fail-on", "error", ".").exit_code == 0
    assert check("--exclude", "b.yaml", ".").findings[0]["path"] == "./a.yaml"


# Mistakes


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "select: [invalid-type]\nignore:\n  - domain-id\n  - domain-idd\n",
            ".mlflow-app-lint.yaml:4: 'ignore': unknown rule 'domain-idd' (did you mean"
            " 'domain-id'?)",
        ),
        (
            "selct: [domain-id]\n",
            ".mlflow-app-lint.yaml:1: 'selct': unknown key (did you mean 'select'?)",
        ),
        (
            "ignore: domain-id\n",
            ".mlflow-app-lint.yaml:1: 'ignore': expected a list of rule ids, got a string",
        ),
        (
            "severity:\n  domain-id: loud\n",
            ".mlflow-app-lint.yaml:2: 'severity': 'domain-id': 'loud' is not a level; use"
            " error, warning, info, off",
        ),
        (
            "fail-on: 1\n",
            ".mlflow-app-lint.yaml:1: 'fail-on': a number is not a level; use error or warning",
        ),
        (
            "exclude: [1]\n",
            ".mlflow-app-lint.yaml:1: 'exclude': expected a list of path patterns, got a"
            " number in it",
        ),
        (
            "per-file-ignores: [a.json]\n",
            ".mlflow-app-lint.yaml:1: 'per-file-ignores': expected a table of path pattern ="
            " [rule ids], got a list",
        ),
        (
            "ignore: [syntax-error]\n",
            ".mlflow-app-lint.yaml:1: 'ignore': 'syntax-error' cannot be turned off or"
            " demoted: it says a file could not be checked",
        ),
        (
            "[ignore\n",
            ".mlflow-app-lint.yaml:1: invalid YAML: expected ',' or ']', but got '<stream end>' "
            "(while parsing a flow sequence at line 1)",
        ),
        ("- ignore\n", ".mlflow-app-lint.yaml: expected a mapping of settings, got a list"),
    ],
    ids=[
        "unknown-rule",
        "unknown-key",
        "type",
        "level",
        "fail-on",
        "item-type",
        "table",
        "locked",
        "syntax",
        "top",
    ],
)
def test_yaml_config_errors_name_file_line_and_key(
    project: Path, config: str, message: str
) -> None:
    write(project, ".mlflow-app-lint.yaml", config)
    write(project, "app.yaml", REQUEST)
    assert usage_error(check("app.yaml")) == f"mlflow-app-lint: {message}"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            'select = ["invalid-type"]\nignore = [\n  "domain-id",\n  "domain-idd",\n]\n',
            "pyproject.toml:7: 'ignore': unknown rule 'domain-idd' (did you mean 'domain-id'?)",
        ),
        (
            "fail_on = 'warning'\n",
            "pyproject.toml:4: 'fail_on': unknown key (did you mean 'fail-on'?)",
        ),
        (
            "[tool.mlflow-app-lint.severity]\ntag-limits = 'off'\n",
            "pyproject.toml:5: 'severity': unknown rule 'tag-limits' (did you mean 'tag-limit'?)",
        ),
        ("ignore = [\n", "pyproject.toml: invalid TOML: Invalid value (at end of document)"),
    ],
    ids=["unknown-rule", "unknown-key", "subtable", "syntax"],
)
def test_toml_config_errors_name_file_line_and_key(project: Path, table: str, message: str) -> None:
    write(project, "pyproject.toml", "[project]\nname = 'x'\n[tool.mlflow-app-lint]\n" + table)
    write(project, "app.yaml", REQUEST)
    assert usage_error(check("app.yaml")) == f"mlflow-app-lint: {message}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--select", "domain-id,tag-limt"],
            "--select: unknown rule 'tag-limt' (did you mean 'tag-limit'?)",
        ),
        (["--severity", "domain-id"], "--severity: expected RULE=LEVEL, got 'domain-id'"),
        (
            ["--severity", "domain-id=loud"],
            "--severity: 'domain-id': 'loud' is not a level; use error, warning, info, off",
        ),
        (
            ["--per-file-ignores", "*.json=internal-error"],
            "--per-file-ignores: 'internal-error' cannot be turned off or demoted: it says a"
            " file could not be checked",
        ),
        (
            ["--config", "missing.toml"],
            "missing.toml: cannot read the configuration file: No such file or directory",
        ),
        (["--config", "setup.cfg"], "setup.cfg: a configuration file is a .toml or a .yaml file"),
        (["--config", "other.toml"], "other.toml: no [tool.mlflow-app-lint] table"),
    ],
    ids=["select", "severity-form", "severity-level", "locked", "missing", "extension", "no-table"],
)
def test_command_line_errors_name_the_option(project: Path, args: list[str], message: str) -> None:
    write(project, "app.yaml", REQUEST)
    write(project, "setup.cfg", "[x]\n")
    write(project, "other.toml", "[tool.other]\n")
    assert usage_error(check(*args, "app.yaml")) == f"mlflow-app-lint: {message}"


def test_config_and_no_config_exclude_each_other(project: Path) -> None:
    write(project, "app.yaml", REQUEST)
    outcome = check("--config", "x.toml", "--no-config", "app.yaml")
    assert outcome.exit_code == 2
    assert "--config and --no-config exclude each other" in outcome.stderr


def test_the_readme_sample_configuration_is_valid(project: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = re.search(r"## Configuration\n.*?```toml\n(.*?)```", readme, re.S)
    assert sample
    write(project, "pyproject.toml", sample.group(1))
    write(project, "legacy/old.json", '{"Name": "x", "ArtifactStoreUri": "ftp://b", "RoleArn": 1}')
    outcome = check("legacy/old.json")
    assert [(f["rule"], f["severity"]) for f in outcome.findings] == [("invalid-type", "error")]
