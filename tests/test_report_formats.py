"""Every CI report format, checked by the independent validator of its consumer's schema, on the
bad example and on a run over many files (several documents, syntax errors, JSON and YAML)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, Draft7Validator
from lxml import etree

from mlflow_app_lint.cli import AUTO_FORMAT
from mlflow_app_lint.policy.catalogue import RULES
from mlflow_app_lint.reporting import REPORTERS
from mlflow_app_lint.reporting.github import escape_data, escape_property

from .conftest import ROOT, invoke

SCHEMAS = ROOT / "tests" / "data" / "report-schemas"
BAD = "examples/bad.mlflow-app.yaml"
MANY = ("examples", "tests/cases")
RUNS = {"bad example": (BAD,), "many files": MANY}
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture(autouse=True)
def in_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports name files relative to the working directory, as CI runs in the repository."""
    monkeypatch.chdir(ROOT)


def report(format_name: str, *paths: str) -> str:
    outcome = invoke("check", "--format", format_name, *paths)
    assert outcome.exit_code == 1, outcome.stderr
    return outcome.stdout


def json_findings(*paths: str) -> list[dict]:
    return invoke("check", "--format", "json", *paths).findings


@pytest.mark.parametrize("paths", RUNS.values(), ids=RUNS.keys())
def test_sarif_validates_against_the_sarif_2_1_0_schema(paths: tuple[str, ...]) -> None:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    log = json.loads(report("sarif", *paths))
    errors = [error.message for error in Draft4Validator(schema).iter_errors(log)]
    assert errors == []
    (run,) = log["runs"]
    assert len(run["results"]) == len(json_findings(*paths))


def test_sarif_describes_every_rule_and_places_results_on_their_lines() -> None:
    (run,) = json.loads(report("sarif", BAD))["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("mlflow-app-lint", "0.1.0")
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    for descriptor in driver["rules"]:
        rule = RULES[descriptor["id"]]
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.rationale
        assert rule.rationale in descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
    invalid_type = next(r for r in run["results"] if r["ruleId"] == "invalid-type")
    assert driver["rules"][invalid_type["ruleIndex"]]["id"] == "invalid-type"
    assert invalid_type["level"] == "error"
    assert invalid_type["message"]["text"].startswith("Name must be a string")
    location = invalid_type["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": BAD, "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 4, "startColumn": 7, "endLine": 4, "endColumn": 11}
    warning = next(r for r in run["results"] if r["ruleId"] == "duplicate-domain-id")
    assert warning["level"] == "warning"


def test_sarif_uris_are_percent_encoded_references(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "my apps"
    folder.mkdir()
    (folder / "équipe:1 100%.mlflow-app.yaml").write_text("Name: 2024\n", encoding="utf-8")
    (run,) = json.loads(invoke("check", "--format", "sarif", "my apps").stdout)["runs"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"my%20apps/%C3%A9quipe%3A1%20100%25.mlflow-app.yaml"}


@pytest.mark.parametrize("paths", RUNS.values(), ids=RUNS.keys())
def test_junit_validates_against_the_jenkins_junit_schema(paths: tuple[str, ...]) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "JUnit.xsd")))
    document = etree.fromstring(report("junit", *paths).encode("utf-8"))
    assert schema.validate(document), schema.error_log
    findings = json_findings(*paths)
    documents = invoke("check", "--format", "json", *paths).report["summary"]["documents"]
    assert len(document.findall("testsuite/testcase")) == documents
    failing = {(f["path"], f["document"]) for f in findings if f["severity"] == "error"}
    assert len(document.findall("testsuite/testcase/failure")) == len(failing)


def test_junit_has_one_case_per_document_failing_with_every_error() -> None:
    document = etree.fromstring(report("junit", "tests/cases/bad/tags.yaml", BAD).encode())
    suites = document.findall("testsuite")
    assert [suite.get("name") for suite in suites] == ["tests/cases/bad/tags.yaml", BAD]
    assert [suite.get("id") for suite in suites] == ["0", "1"]
    (case,) = suites[1].findall("testcase")
    assert case.get("name") == f"{BAD} document 1"
    failure = case.find("failure")
    errors = [f for f in json_findings(BAD) if f["severity"] == "error"]
    assert failure.get("message").split("\n") == [f["message"] for f in errors]
    assert f"{BAD}:4:7: error [invalid-type] Name must be a string" in failure.text
    assert "[duplicate-domain-id]" in suites[1].find("system-out").text  # the warning
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", suites[1].get("timestamp"))


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command the way the Actions runner does, undoing its escapes."""
    match = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
    assert match, line
    name, listed, data = match.groups()
    properties = dict(item.split("=", 1) for item in listed.split(","))

    def unescape(text: str) -> str:
        for escaped, plain in (
            ("%0D", "\r"),
            ("%0A", "\n"),
            ("%3A", ":"),
            ("%2C", ","),
            ("%25", "%"),
        ):
            text = text.replace(escaped, plain)
        return text

    return name, {key: unescape(value) for key, value in properties.items()}, unescape(data)


@pytest.mark.parametrize("paths", RUNS.values(), ids=RUNS.keys())
def test_github_prints_one_annotation_per_finding(paths: tuple[str, ...]) -> None:
    lines = report("github", *paths).splitlines()
    findings = json_findings(*paths)
    assert len(lines) == len(findings)
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    for line, finding in zip(lines, findings, strict=True):
        name, properties, message = parse_command(line)
        assert name == levels[finding["severity"]]
        assert properties == {
            "file": finding["path"],
            "line": str(finding["line"]),
            "col": str(finding["column"]),
            "endLine": str(finding["end_line"]),
            "endColumn": str(finding["end_column"]),
            "title": f"mlflow-app-lint [{finding['rule']}]",
        }
        assert message == finding["message"]


def test_github_escapes_percent_comma_colon(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = "a,b:c 100%.mlflow-app.yaml"
    # A value with '%', ',' and ':' quoted in the message.
    (tmp_path / name).write_text('Name: "50%,a:b"\n', encoding="utf-8")
    output = invoke("check", "--format", "github", name).stdout
    lines = output.splitlines()
    pattern = next(line for line in lines if "[pattern-mismatch]" in line)
    assert "file=a%2Cb%3Ac 100%25.mlflow-app.yaml," in pattern
    data = pattern.split("::", 2)[2]
    assert "'50%25,a:b'" in data  # data escapes '%' only, of these three
    for line in lines:
        _, properties, _ = parse_command(line)
        assert properties["file"] == name


def test_github_escapes_line_breaks_so_a_message_stays_one_command() -> None:
    # No message of ours holds a line break today (values are shown escaped); the escaping is
    # what keeps a future one from ending the command early.
    assert escape_data("a\r\nb%") == "a%0D%0Ab%25"
    assert escape_property("x\n:y,z") == "x%0A%3Ay%2Cz"


def test_gitlab_entries_validate_and_meet_gitlabs_documented_requirements() -> None:
    schema = json.loads((SCHEMAS / "gitlab-codeclimate.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    validator = Draft7Validator(schema)
    for paths in RUNS.values():
        entries = json.loads(report("gitlab", *paths))
        assert isinstance(entries, list)
        assert len(entries) == len(json_findings(*paths))
        for entry in entries:
            assert list(validator.iter_errors(entry)) == []
            assert entry["check_name"] in RULES
            assert entry["severity"] in GITLAB_SEVERITIES
            assert entry["description"]
            path = entry["location"]["path"]
            assert not path.startswith(("./", "/")) and "\\" not in path
            assert isinstance(entry["location"]["lines"]["begin"], int)
        fingerprints = [entry["fingerprint"] for entry in entries]
        assert len(set(fingerprints)) == len(fingerprints)


def test_gitlab_fingerprints_survive_a_line_inserted_above(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    original = (ROOT / BAD).read_text(encoding="utf-8")
    request = tmp_path / "app.mlflow-app.yaml"
    request.write_text(original, encoding="utf-8")
    before = json.loads(invoke("check", "--format", "gitlab", request.name).stdout)
    request.write_text("# owned by the platform team\n" + original, encoding="utf-8")
    after = json.loads(invoke("check", "--format", "gitlab", request.name).stdout)
    assert [e["location"]["lines"]["begin"] + 1 for e in before] == [
        e["location"]["lines"]["begin"] for e in after
    ]
    # Messages that quote another line ("already used at line 16") moved too.
    assert [e["description"] for e in before] != [e["description"] for e in after]
    assert [e["fingerprint"] for e in before] == [e["fingerprint"] for e in after]
    request.write_text(original.replace("Name: 2024", "Name: 2025"), encoding="utf-8")
    changed = json.loads(invoke("check", "--format", "gitlab", request.name).stdout)
    assert changed[2]["fingerprint"] != before[2]["fingerprint"]  # a different defect


def test_gitlab_fingerprints_tell_identical_findings_apart(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "twice.yaml").write_text("Name: 2024\n---\nName: 2024\n", encoding="utf-8")
    entries = json.loads(
        invoke("check", "--format", "gitlab", "--ignore", "multi-document", "twice.yaml").stdout
    )
    assert len(entries) == 6  # per document: Name's type, two missing members
    assert len({entry["fingerprint"] for entry in entries}) == 6


@pytest.mark.parametrize("format_name", sorted(REPORTERS))
def test_output_writes_the_report_to_a_file_and_nothing_to_stdout(
    format_name: str, tmp_path: Path
) -> None:
    target = tmp_path / f"report.{format_name}"
    outcome = invoke("check", "--format", format_name, "--output", str(target), BAD)
    assert outcome.exit_code == 1
    assert outcome.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert written
    if format_name not in ("junit",):  # junit carries a timestamp
        assert written == report(format_name, BAD)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_output_to_an_unwritable_place_is_a_usage_error(tmp_path: Path) -> None:
    outcome = invoke("check", "--output", str(tmp_path / "missing" / "report.txt"), BAD)
    assert outcome.exit_code == 2
    assert "Traceback" not in outcome.stderr


def run_cli(*args: str, github_actions: str | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    if github_actions is not None:
        env["GITHUB_ACTIONS"] = github_actions
    command = [sys.executable, "-m", "mlflow_app_lint", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def test_auto_is_the_default_and_picks_github_inside_github_actions() -> None:
    inside = run_cli("check", BAD, github_actions="true")
    assert inside.returncode == 1
    assert inside.stdout == report("github", BAD)
    for elsewhere in (None, "false"):
        outside = run_cli("check", BAD, github_actions=elsewhere)
        assert outside.returncode == 1
        assert outside.stdout == report("text", BAD)
    explicit = run_cli("check", "--format", "text", BAD, github_actions="true")
    assert explicit.stdout == outside.stdout


def test_format_choices_are_the_reporters_and_auto() -> None:
    help_text = invoke("check", "--help").stdout
    choices = re.search(r"\[([a-z|]+)\]", help_text.replace("\n", " ").replace(" ", "")).group(1)
    assert choices.split("|") == [AUTO_FORMAT, *sorted(REPORTERS)]


def test_audited_suppressions_are_marked_in_sarif_and_left_out_of_ci_annotations(
    tmp_path: Path,
) -> None:
    request = tmp_path / "app.yaml"
    request.write_text(
        "Name: app\nArtifactStoreUri: s3://b\nRoleArn: arn:aws:iam::123456789012:role/r\n"
        "AccountDefaultStatus: enabled  # mlflow-app-lint: disable=invalid-enum\n"
    )
    audit = invoke("check", "--show-suppressed", "--format", "sarif", str(request))
    sarif = json.loads(audit.stdout)
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert [error.message for error in Draft4Validator(schema).iter_errors(sarif)] == []
    [result] = sarif["runs"][0]["results"]
    assert result["suppressions"] == [
        {"kind": "inSource", "justification": "'disable' comment on line 4"}
    ]
    for name in ("github", "gitlab"):
        outcome = invoke("check", "--show-suppressed", "--format", name, str(request))
        assert "invalid-enum" not in outcome.stdout
        assert outcome.exit_code == 0
