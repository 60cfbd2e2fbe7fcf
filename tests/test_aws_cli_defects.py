"""Each way the linter read a file otherwise than the AWS CLI does, through the real CLI: files
the CLI refuses that the linter passed, files the CLI sends that the linter flagged, wrong words,
and files that crashed a run. A file that once crashed the linter is linted in one run with a good
file, in a child process with time and memory limits: its finding is reported, and so is the
other file, with no traceback."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from .conftest import ROOT, invoke
from .hostile import lint

REQUEST = (
    "Name: my-app\nArtifactStoreUri: s3://bucket/path\nRoleArn: arn:aws:iam::123456789012:role/r\n"
)
JSON_REQUEST = (
    '{\n  "Name": "my-app",\n  "ArtifactStoreUri": "s3://bucket/path",\n'
    '  "RoleArn": "arn:aws:iam::123456789012:role/r"%s\n}\n'
)
GOOD = ROOT / "examples" / "good.mlflow-app.yaml"


def check(tmp_path: Path, text: str | bytes, name: str = "app.yaml", *args: str):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return invoke("check", "--format", "json", "--no-config", *args, str(path))


def places(outcome) -> list[tuple[int, int, str, str]]:
    return [(f["line"], f["column"], f["severity"], f["rule"]) for f in outcome.findings]


# --- Refused by the CLI, passed by the linter ------------------------------------------------


def test_a_stream_of_two_documents_is_a_multi_document_error_at_the_second(tmp_path) -> None:
    outcome = check(tmp_path, REQUEST + "---\n" + REQUEST.replace("my-app", "other"))
    assert places(outcome) == [(4, 1, "error", "multi-document")]
    finding = outcome.findings[0]
    assert finding["document"] == 1
    assert "the AWS CLI reads one document per file" in finding["message"]
    assert 'ignore = ["multi-document"]' in finding["message"]
    assert outcome.exit_code == 1


def test_a_stream_after_a_document_end_marker_and_a_trailing_start_are_streams(tmp_path) -> None:
    outcome = check(tmp_path, REQUEST + "...\n" + REQUEST)
    assert places(outcome) == [(5, 1, "error", "multi-document")]
    outcome = check(tmp_path, REQUEST + "---\n")
    assert [rule for _, _, _, rule in places(outcome)] == ["empty-document", "multi-document"]


def test_one_document_with_its_markers_is_no_stream(tmp_path) -> None:
    outcome = check(tmp_path, "---\n" + REQUEST + "...\n# the end\n")
    assert outcome.findings == []


def test_multi_document_can_be_turned_off_for_tooling_that_splits_streams(tmp_path) -> None:
    text = REQUEST + "---\n" + REQUEST.replace("my-app", "2024")
    outcome = check(tmp_path, text, "app.yaml", "--ignore", "multi-document")
    assert places(outcome) == [(5, 7, "error", "invalid-type")]  # each document still checked
    (tmp_path / ".mlflow-app-lint.yaml").write_text('ignore: ["multi-document"]\n')
    (tmp_path / "app.yaml").write_text(REQUEST + "---\n" + REQUEST)
    outcome = invoke(
        "check",
        "--format",
        "json",
        "--config",
        str(tmp_path / ".mlflow-app-lint.yaml"),
        str(tmp_path / "app.yaml"),
    )
    assert outcome.findings == [] and outcome.exit_code == 0


def test_two_merge_keys_in_one_mapping_are_refused(tmp_path) -> None:
    text = REQUEST + "Tags:\n  - <<: {Key: team}\n    <<: {Value: forecasting}\n"
    outcome = check(tmp_path, text)
    assert places(outcome) == [(6, 5, "error", "duplicate-key")]
    assert "a second merge key (<<)" in outcome.findings[0]["message"]
    assert "<<: [*a, *b]" in outcome.findings[0]["message"]


@pytest.mark.parametrize("tag", ["!!map", "!!seq"])
def test_a_collection_tag_on_a_scalar_is_refused(tmp_path, tag: str) -> None:
    outcome = check(tmp_path, REQUEST + f"Tags:\n  - Key: team\n    Value: {tag} x\n")
    assert places(outcome) == [(6, 12, "error", "unknown-tag")]
    assert outcome.findings[0]["pointer"] == "/Tags/0/Value"
    assert "and this is a scalar" in outcome.findings[0]["message"]


def test_a_scalar_tag_on_a_collection_is_refused_and_omap_is_a_mapping(tmp_path) -> None:
    outcome = check(tmp_path, REQUEST.replace("Name: my-app", "Name: !!str [my-app]"))
    assert places(outcome) == [(1, 7, "error", "unknown-tag")]
    outcome = check(tmp_path, REQUEST + "Tags:\n  - !!omap [Key: team, Value: forecasting]\n")
    assert outcome.findings == []


def test_json_with_a_byte_order_mark_is_refused(tmp_path) -> None:
    outcome = check(tmp_path, codecs.BOM_UTF8 + (JSON_REQUEST % "").encode(), "app.json")
    assert places(outcome) == [(1, 1, "error", "syntax-error")]
    assert "save the file as UTF-8 without a byte-order mark" in outcome.findings[0]["message"]
    assert check(tmp_path, JSON_REQUEST % "", "app.json").findings == []
    # YAML with a byte-order mark is read by the CLI as it is.
    assert check(tmp_path, codecs.BOM_UTF8 + REQUEST.encode()).findings == []


# --- Sent by the CLI, flagged by the linter ----------------------------------------------------


def test_a_repeated_json_member_is_a_warning_naming_the_value_dropped(tmp_path) -> None:
    outcome = check(tmp_path, JSON_REQUEST % ',\n  "Name": "other-app"', "app.json")
    assert places(outcome) == [(5, 3, "warning", "duplicate-member")]
    assert outcome.findings[0]["message"] == (
        "'Name' is set again here: the AWS CLI sends this value and silently drops 'my-app', "
        "set at line 2; keep one"
    )
    assert outcome.exit_code == 0


def test_a_repeated_key_in_a_yaml_mapping_with_a_merge_key_is_sent_as_ruamel_reads_it(
    tmp_path,
) -> None:
    text = REQUEST + "Tags:\n  - <<: {Key: team}\n    Value: forecasting\n    Value: planning\n"
    outcome = check(tmp_path, text)
    assert places(outcome) == [(7, 5, "warning", "duplicate-member")]
    assert "silently drops 'forecasting'" in outcome.findings[0]["message"]
    assert outcome.exit_code == 0
    # Without a merge key, the CLI's loader refuses a repeated key.
    outcome = check(tmp_path, REQUEST + "Tags:\n  - Key: team\n    Value: a\n    Value: b\n")
    assert places(outcome) == [(7, 5, "error", "duplicate-key")]


@pytest.mark.parametrize(
    ("member", "value", "rules"),
    [
        ("ArtifactStoreUri", "s3://bucket/a\x7fb", []),
        ("ArtifactStoreUri", "s3://bucket/a\x9fb", []),
        ("ArtifactStoreUri", "s3://bucket/a\uffffb", []),
        # Java's `.` matches no line terminator: U+0085, U+2028, U+2029.
        ("ArtifactStoreUri", "s3://bucket/a\x85b", ["pattern-mismatch"]),
        ("ArtifactStoreUri", "s3://bucket/a\u2028b", ["pattern-mismatch"]),
        ("Name", "my\x7fapp", ["pattern-mismatch"]),
    ],
)
def test_raw_control_characters_in_a_json_string_are_judged_by_the_pattern(
    tmp_path, member: str, value: str, rules: list[str]
) -> None:
    text = JSON_REQUEST.replace(f'"{member}": ', f'"{member}": "{value}", "_": ', 1) % ""
    text = text.replace(', "_": "my-app"', "").replace(', "_": "s3://bucket/path"', "")
    json.loads(text)  # valid JSON, as --cli-input-json reads it
    outcome = check(tmp_path, text, "app.json")
    assert [f["rule"] for f in outcome.findings] == rules
    assert all(f["pointer"] == f"/{member}" for f in outcome.findings)


# --- Wrong words -------------------------------------------------------------------------------


@pytest.mark.parametrize(("spelling", "truth"), [("yes", "true"), ("Off", "false"), ("y", "true")])
def test_a_yaml_1_1_boolean_is_named_by_its_truth_and_quoted_as_written(
    tmp_path, spelling: str, truth: str
) -> None:
    outcome = check(tmp_path, "%YAML 1.1\n---\n" + REQUEST.replace("my-app", spelling))
    assert places(outcome) == [(3, 7, "error", "invalid-type")]
    assert outcome.findings[0]["message"] == (
        f'Name must be a string, got the boolean {truth}; quote it: "{spelling}"'
    )


def test_a_yaml_1_2_boolean_keeps_its_spelling_too(tmp_path) -> None:
    outcome = check(tmp_path, REQUEST.replace("my-app", "TRUE"))
    assert outcome.findings[0]["message"] == (
        'Name must be a string, got the boolean true; quote it: "TRUE"'
    )


# --- GitLab: paths relative to the repository ------------------------------------------------


def test_gitlab_paths_are_relative_to_the_repository_for_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = tmp_path / "project"
    (repository / ".git").mkdir(parents=True)
    (repository / "apps").mkdir()
    bad = repository / "apps" / "app.yaml"
    bad.write_text(REQUEST.replace("my-app", "2024"), encoding="utf-8")
    schema = json.loads(
        (ROOT / "tests" / "data" / "report-schemas" / "gitlab-codeclimate.json").read_text()
    )
    validator = Draft7Validator(schema)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    for cwd in (tmp_path, repository / "apps", repository):  # outside, below and at the root
        monkeypatch.chdir(cwd)
        for named in (str(bad), str(bad.relative_to(cwd)) if cwd != tmp_path else str(bad)):
            entries = json.loads(invoke("check", "--format", "gitlab", named).stdout)
            assert [entry["location"]["path"] for entry in entries] == ["apps/app.yaml"]
            assert all(list(validator.iter_errors(entry)) == [] for entry in entries)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI_PROJECT_DIR", str(repository / "apps"))  # GitLab CI names the root
    entries = json.loads(invoke("check", "--format", "gitlab", str(bad)).stdout)
    assert [entry["location"]["path"] for entry in entries] == ["app.yaml"]


def test_the_readmes_first_command_installs_into_a_virtual_environment() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("```sh\n", 1)[1].split("\n", 1)[0]
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install . ")
    assert "mlflow-app-lint check examples/" in first


# --- Crashes: each file's own finding, the other files still reported ------------------------


CRASHES = [
    ("yaml-1.0", b"%YAML 1.0\n---\n" + REQUEST.encode(), "syntax-error", 1, "%YAML 1.0"),
    ("yaml-1.3", b"%YAML 1.3\n---\n" + REQUEST.encode(), "syntax-error", 1, "%YAML 1.3"),
    ("yaml-2.0", b"%YAML 2.0\n---\n" + REQUEST.encode(), "syntax-error", 1, "%YAML 2.0"),
    (
        "yaml-long",
        b"%YAML 1." + b"1" * 5000 + b"\n---\n" + REQUEST.encode(),
        "syntax-error",
        1,
        "a number that long",
    ),
    (
        "yaml-huge",
        b"%YAML 1." + b"9" * 40 + b"\n---\n" + REQUEST.encode(),
        "syntax-error",
        1,
        "a number that long",
    ),
    (
        "escape",
        REQUEST.replace("my-app", '"a\\U00110000"').encode(),
        "syntax-error",
        1,
        "\\U00110000 is beyond U+10FFFF",
    ),
    (
        "escape-max",
        REQUEST.replace("my-app", '"a\\UFFFFFFFF"').encode(),
        "syntax-error",
        1,
        "\\UFFFFFFFF is beyond U+10FFFF",
    ),
    (
        "self-merge",
        (REQUEST + "Tags:\n  - &t\n    <<: *t\n    Key: a\n    Value: b\n").encode(),
        "self-merge",
        6,
        "merges the mapping it is in",
    ),
    (
        "self-merge-list",
        (REQUEST + "Tags:\n  - &t\n    <<: [*t]\n    Key: a\n    Value: b\n").encode(),
        "self-merge",
        6,
        "merges the mapping it is in",
    ),
    (
        "merge-parent",
        (REQUEST + "Tags:\n  - &t\n    Key: a\n    Value: b\n    X:\n      <<: *t\n").encode(),
        "unknown-field",
        8,
        "unknown member 'X'",
    ),
    (
        "map-tag",
        (REQUEST + "Tags:\n  - Key: a\n    Value: !!map x\n").encode(),
        "unknown-tag",
        6,
        "!!map is for a mapping",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "rule", "line", "says"), CRASHES, ids=[case[0] for case in CRASHES]
)
def test_a_file_that_crashed_a_run_is_its_own_finding(
    tmp_path: Path, name: str, content: bytes, rule: str, line: int, says: str
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(REQUEST.replace("my-app", "2024").encode())
    run = lint("--format", "json", path, GOOD, bad)
    mine = [f for f in run.findings if f["path"] == str(path)]
    assert [(f["rule"], f["line"]) for f in mine] == [(rule, line)], mine
    assert says in mine[0]["message"]
    assert [f["rule"] for f in run.findings if f["path"] == str(bad)] == ["invalid-type"]
    assert "Traceback" not in run.stderr


LONE_SURROGATE = b'{"\\ud800": "x", "Name": "a", "ArtifactStoreUri": "s3://b/p", ' + (
    b'"RoleArn": "arn:aws:iam::123456789012:role/r"}\n'
)


@pytest.mark.parametrize("format_name", ["text", "json", "sarif", "gitlab", "github", "junit"])
def test_a_lone_surrogate_member_name_is_escaped_in_every_report(
    tmp_path: Path, format_name: str
) -> None:
    path = tmp_path / "surrogate.json"
    path.write_bytes(LONE_SURROGATE)
    run = lint("--format", format_name, path, GOOD)
    assert run.exit_code == 1
    assert "\\ud800" in run.stdout
    output = tmp_path / f"report.{format_name}"
    run = lint("--format", format_name, "--output", output, path, GOOD)
    assert run.exit_code == 1
    written = output.read_text(encoding="utf-8")  # UTF-8, with the surrogate escaped
    if format_name in ("json", "sarif", "gitlab"):
        document = json.loads(written)
        if format_name == "json":
            assert [f["pointer"] for f in document["findings"]] == ["/\ud800"]


def test_merge_keys_that_multiply_are_an_alias_bomb_in_bounded_memory(tmp_path: Path) -> None:
    """Resolving merge keys copies the merged members, as the loader does: ten merges of ten
    merges of ... would be 10^11 members. The copies count against the same cap as aliases."""
    lines = ["a0: &a0 {k: v}"]
    lines += [f"a{i}: &a{i} {{<<: [{', '.join([f'*a{i - 1}'] * 10)}]}}" for i in range(1, 12)]
    path = tmp_path / "merges.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = lint("--format", "json", path, GOOD)
    assert [(f["rule"], f["line"]) for f in run.findings] == [("alias-bomb", 1)]
