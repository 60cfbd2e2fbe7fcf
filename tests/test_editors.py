"""The generated schema in the language servers that editors run: yaml-language-server (VS Code's
YAML extension, Neovim's yamlls, ...) and vscode-json-languageservice (VS Code's JSON support,
vscode-json-languageserver), pinned in tests/editors/package-lock.json and installed by `npm ci`
into tests/.cache/editors. One node process validates every document here, offline: the schema is
handed to the servers as text, with the file associations that the README's editor settings use.

The probes below are one-defect requests; whether the servers flag each one is the README's table
of what an editor enforces through the schema and what only the CLI finds."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from mlflow_app_lint.policy.catalogue import RULES

from .conftest import ROOT, invoke

NODE, NPM = shutil.which("node"), shutil.which("npm")

EDITORS = Path(__file__).parent / "editors"
INSTALL = Path(__file__).parent / ".cache" / "editors"
MANIFESTS = ("package.json", "package-lock.json")
SCHEMA = ROOT / "schema" / "create-mlflow-app.schema.json"
# The associations the README gives for every editor.
YAML_FILE_MATCH = ("*.mlflow-app.yaml", "*.mlflow-app.yml")
JSON_FILE_MATCH = ("*.mlflow-app.json",)

BAD_YAML = ROOT / "examples" / "bad.mlflow-app.yaml"
GOOD = (ROOT / "examples" / "good.mlflow-app.yaml", ROOT / "examples" / "good.mlflow-app.json")
# Documents that exist only here live, by name, beside the schema, so that a `$schema` member
# naming the schema file resolves to it as it would in a checkout.
VIRTUAL = SCHEMA.parent

REQUEST = """\
Name: team-tracking
ArtifactStoreUri: s3://example-mlflow-artifacts/team-tracking
RoleArn: arn:aws:iam::123456789012:role/MlflowAppRole
"""
REQUEST_JSON = """\
{
  "Name": "team-tracking",
  "ArtifactStoreUri": "s3://example-mlflow-artifacts/team-tracking",
  "RoleArn": "arn:aws:iam::123456789012:role/MlflowAppRole"%s
}
"""


def tags(*pairs: tuple[str, str]) -> str:
    return "Tags:\n" + "".join(f"  - Key: {key}\n    Value: {value}\n" for key, value in pairs)


@dataclass(frozen=True)
class Probe:
    """A request with one defect, found by the CLI as `rule`; `in_editor` is what the servers do."""

    rule: str
    defect: str
    text: str
    in_editor: bool
    suffix: str = ".yaml"

    @property
    def path(self) -> Path:
        return VIRTUAL / f"probe-{self.rule}-{PROBES.index(self)}.mlflow-app{self.suffix}"


PROBES: tuple[Probe, ...] = (
    Probe("syntax-error", "an unclosed quote", REQUEST + 'Tags:\n  - Key: "team\n', True),
    Probe("syntax-error", "a comment in JSON", REQUEST_JSON % " // the role", True, ".json"),
    Probe("syntax-error", "a trailing comma in JSON", REQUEST_JSON % ",", True, ".json"),
    Probe("duplicate-key", "a member set twice", REQUEST + "Name: other-name\n", True),
    Probe(
        "duplicate-member",
        "a member set twice in JSON",
        REQUEST_JSON % ',\n  "Name": "x"',
        True,
        ".json",
    ),
    Probe(
        "multi-document",
        "a second document",
        REQUEST + "---\n" + REQUEST.replace("team-tracking", "other-tracking"),
        False,
    ),
    Probe(
        "self-merge",
        "a mapping that merges itself",
        REQUEST + "Tags:\n  - &t\n    <<: *t\n    Key: team\n    Value: x\n",
        False,
    ),
    Probe("unknown-tag", "a custom tag", REQUEST.replace("Name: ", "Name: !vault "), True),
    Probe("complex-key", "a list as a key", REQUEST + "? [Key, Value]\n: team\n", True),
    Probe("invalid-type", "a number for a string", REQUEST.replace("team-tracking", "2024"), True),
    Probe("invalid-type", "null for a string", REQUEST + tags(("team", "~")), True),
    Probe("invalid-type", "a date for a string", REQUEST + tags(("since", "2024-01-01")), False),
    Probe("missing-required", "no RoleArn", REQUEST.split("RoleArn")[0], True),
    Probe("unknown-field", "a misspelt member", REQUEST + "Descripton: x\n", True),
    Probe("schema-member", "a $schema member", "$schema: " + SCHEMA.name + "\n" + REQUEST, True),
    Probe(
        "schema-member",
        "a $schema member in JSON",
        REQUEST_JSON.replace("{", '{\n  "$schema": "' + SCHEMA.name + '",', 1) % "",
        True,
        ".json",
    ),
    Probe("invalid-enum", "a wrong-case value", REQUEST + "AccountDefaultStatus: enabled\n", True),
    Probe(
        "pattern-mismatch",
        "a role ARN without an account",
        REQUEST.replace("123456789012", "x"),
        True,
    ),
    Probe("too-short", "an empty tag key", REQUEST + tags(('""', "x")), True),
    Probe("too-long", "a 257-character name", REQUEST.replace("team-tracking", "n" * 257), True),
    Probe(
        "maintenance-window",
        "TUE:03:30",
        REQUEST + "WeeklyMaintenanceWindowStart: TUE:03:30\n",
        True,
    ),
    Probe(
        "domain-id",
        "an upper-case domain ID",
        REQUEST + "DefaultDomainIdList: [D-ABC123DEF456]\n",
        True,
    ),
    Probe(
        "duplicate-domain-id",
        "a domain ID listed twice",
        REQUEST + "DefaultDomainIdList: [d-abc123def456, d-abc123def456]\n",
        False,
    ),
    Probe("tag-limit", "51 tags", REQUEST + tags(*((f"k{i}", "v") for i in range(51))), True),
    Probe(
        "duplicate-tag-key",
        "a tag key used twice",
        REQUEST + tags(("team", "a"), ("team", "b")),
        False,
    ),
    Probe("reserved-tag-key", "an aws: tag key", REQUEST + tags(("aws:owner", "me")), True),
    Probe("reserved-tag-key", "an AWS: tag key", REQUEST + tags(("AWS:owner", "me")), True),
    Probe(
        "reserved-tag-key",
        "an Aws: tag key in JSON",
        REQUEST_JSON % ',\n  "Tags": [{"Key": "Aws:owner", "Value": "me"}]',
        True,
        ".json",
    ),
)

# Rules no probe can show: the reason is the README's.
NOT_PROBED = {
    "not-text": "an editor decodes the file before any server sees it",
    "alias-bomb": "a bomb needs members the request does not have",
    "too-few-items": "no member of CreateMlflowApp has a minimum item count",
    "too-many-items": "the only maximum (50 tags) is reported as tag-limit",
    "too-small": "no member of CreateMlflowApp is a number",
    "too-large": "no member of CreateMlflowApp is a number",
    "internal-error": "a bug in mlflow-app-lint",
    "file-too-large": "a size cap of the CLI's, which reads files unattended",
    "too-many-findings": "a cap of the CLI's, which reads files unattended",
    "too-deep": "a nesting cap of the CLI's, which reads files unattended",
    "too-many-values": "a size cap of the CLI's, which reads files unattended",
    "empty-document": "an editor shows an empty file as it is: nothing to diagnose",
    "invalid-suppression": "suppression comments are read by the CLI only",
    "unused-suppression": "suppression comments are read by the CLI only",
    "unknown-operation": "operation comments are read by the CLI only",
    "update-changes-nothing": "a request of valid members only: no schema can say it",
    "account-id-number": "a member of CreateMlflowTrackingServer, not of these probes' schema",
    "mlflow-version": "a member of CreateMlflowTrackingServer, not of these probes' schema",
}

# A bad JSON request; the CLI and the servers must agree on where its defects are.
BAD_JSON = VIRTUAL / "bad-request.mlflow-app.json"
BAD_JSON_TEXT = """\
{
  "Name": 2024,
  "ArtifactStoreURI": "s3://example-mlflow-artifacts/team-tracking",
  "RoleArn": "arn:aws:iam::123456789012:role/MlflowAppRole",
  "ModelRegistrationMode": "AutoModelRegistration",
  "AccountDefaultStatus": "enabled",
  "WeeklyMaintenanceWindowStart": "TUE:3:30",
  "DefaultDomainIdList": ["D-ABC123DEF456", "d-0a1b2c3d4e5f", "d-0a1b2c3d4e5f"],
  "Tags": [
    {"Key": "team", "Value": "a"},
    {"Key": "team", "Value": "b"},
    {"Key": "aws:owner", "Value": "me"},
    {"Key": "emoji", "Value": "rocket \U0001f680"},
    {"Key": "owner"}
  ]
}
"""

# Tag keys and values are Unicode letters, numbers and spaces (\\p{L}, \\p{N}, \\p{Z}): accented
# letters and a no-break space pass, an emoji does not.
UNICODE_TAGS = REQUEST + tags(
    ("Équipe", "prévisions"), ("Coût\u00a0total", '"12\u00a0000"'), ("emoji", '"rocket \U0001f680"')
)
UNICODE_YAML = VIRTUAL / "unicode-tags.mlflow-app.yaml"
UNICODE_JSON = VIRTUAL / "unicode-tags.mlflow-app.json"


def unicode_json_text() -> str:
    pairs = [("Équipe", "prévisions"), ("Coût\u00a0total", "12\u00a0000"), ("emoji", "rocket 🚀")]
    items = ",\n".join(f'    {{"Key": "{key}", "Value": "{value}"}}' for key, value in pairs)
    return REQUEST_JSON % f',\n  "Tags": [\n{items}\n  ]'


DOCUMENTS: dict[Path, str] = {
    BAD_YAML: BAD_YAML.read_text(encoding="utf-8"),
    **{path: path.read_text(encoding="utf-8") for path in GOOD},
    BAD_JSON: BAD_JSON_TEXT,
    UNICODE_YAML: UNICODE_TAGS,
    UNICODE_JSON: unicode_json_text(),
    **{probe.path: probe.text for probe in PROBES},
}


@dataclass(frozen=True)
class Diagnostic:
    """One server diagnostic, 1-based like the CLI's findings."""

    line: int
    column: int
    severity: int  # LSP: 1 error, 2 warning
    message: str


@dataclass(frozen=True)
class Found:
    line: int
    column: int
    rule: str


def installed_servers() -> Path:
    """tests/.cache/editors with node_modules from the committed lock file, installing if stale."""
    stamp = INSTALL / "installed-from.sha256"
    wanted = hashlib.sha256(
        b"".join((EDITORS / name).read_bytes() for name in MANIFESTS)
    ).hexdigest()
    if (INSTALL / "node_modules").is_dir() and stamp.is_file() and stamp.read_text() == wanted:
        return INSTALL
    INSTALL.mkdir(parents=True, exist_ok=True)
    for name in MANIFESTS:
        shutil.copyfile(EDITORS / name, INSTALL / name)
    command = [NPM, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    done = subprocess.run(command, cwd=INSTALL, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"npm ci failed:\n{done.stdout}\n{done.stderr}"
    stamp.write_text(wanted)
    return INSTALL


@pytest.fixture(scope="module")
def diagnostics() -> dict[Path, list[Diagnostic]]:
    return run_servers(SCHEMA, YAML_FILE_MATCH, JSON_FILE_MATCH, DOCUMENTS)


def run_servers(schema: Path, yaml_match, json_match, documents: dict[Path, str]) -> dict:
    """What the two servers report for each document, with `schema` associated by file name."""
    if not (NODE and NPM):
        pytest.skip("node and npm are needed to run the editors' language servers")
    job = {
        "schemaUri": schema.as_uri(),
        "schemaText": schema.read_text(encoding="utf-8"),
        "yamlFileMatch": list(yaml_match),
        "jsonFileMatch": list(json_match),
        "documents": [
            {"name": str(path), "uri": path.as_uri(), "language": language(path), "text": text}
            for path, text in documents.items()
        ],
    }
    done = subprocess.run(
        [NODE, str(EDITORS / "diagnose.mjs"), str(installed_servers())],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return {
        Path(name): [
            Diagnostic(d["line"] + 1, d["character"] + 1, d["severity"], d["message"])
            for d in found
        ]
        for name, found in json.loads(done.stdout).items()
    }


def language(path: Path) -> str:
    return "json" if path.suffix == ".json" else "yaml"


def cli_findings(path: Path) -> list[Found]:
    """What `mlflow-app-lint check` reports for one of DOCUMENTS (read from stdin if virtual)."""
    if path.exists():
        outcome = invoke("check", "--format", "json", str(path))
    else:
        data = DOCUMENTS[path].encode("utf-8")
        outcome = invoke(
            "check", "--format", "json", "--stdin-filename", path.name, "-", stdin=data
        )
    return [Found(f["line"], f["column"], f["rule"]) for f in outcome.findings]


def places(found: Iterable[Diagnostic | Found]) -> set[tuple[int, int]]:
    return {(item.line, item.column) for item in found}


def verdicts() -> dict[str, str]:
    """Per rule: 'yes' if the servers flag every probe of it, 'no' if none, else 'partly'."""
    seen: dict[str, set[bool]] = {}
    for probe in PROBES:
        seen.setdefault(probe.rule, set()).add(probe.in_editor)
    names = {frozenset({True}): "yes", frozenset({False}): "no"}
    return {rule: names.get(frozenset(found), "partly") for rule, found in seen.items()}


EDITOR_RULES = {rule for rule, verdict in verdicts().items() if verdict != "no"}


def pattern_error_message(*path: str) -> str:
    node = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return node["patternErrorMessage"]


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: f"{p.rule}: {p.defect}")
def test_the_servers_flag_a_defect_exactly_when_the_table_says(
    probe: Probe, diagnostics: dict[Path, list[Diagnostic]]
) -> None:
    found = cli_findings(probe.path)
    assert {f.rule for f in found} == {probe.rule}, "the probe must have that one defect"
    # With one defect in the document, any diagnostic is about it.
    assert bool(diagnostics[probe.path]) == probe.in_editor, diagnostics[probe.path]
    # ... and sits on the CLI's line, but for YAML syntax: yaml-language-server shows an unclosed
    # quote where the parser gave up (the end of the file), the CLI where the quote opened.
    yaml_syntax = probe.rule == "syntax-error" and probe.suffix == ".yaml"
    if probe.in_editor and not yaml_syntax:
        assert {f.line for f in found} <= {d.line for d in diagnostics[probe.path]}


def test_every_rule_is_probed_or_says_why_not() -> None:
    assert set(verdicts()) | set(NOT_PROBED) == set(RULES)
    assert not set(verdicts()) & set(NOT_PROBED)


def test_bad_yaml_example_is_diagnosed_where_the_cli_finds_its_schema_defects(
    diagnostics: dict[Path, list[Diagnostic]],
) -> None:
    found = cli_findings(BAD_YAML)
    in_editor = [f for f in found if f.rule in EDITOR_RULES]
    cli_only = [f for f in found if f.rule not in EDITOR_RULES]
    assert places(diagnostics[BAD_YAML]) == places(in_editor)
    assert {f.rule for f in cli_only} == {"duplicate-domain-id", "duplicate-tag-key"}
    assert not {f.line for f in cli_only} & {d.line for d in diagnostics[BAD_YAML]}


def test_bad_json_request_is_diagnosed_where_the_cli_finds_its_schema_defects(
    diagnostics: dict[Path, list[Diagnostic]],
) -> None:
    in_editor = [f for f in cli_findings(BAD_JSON) if f.rule in EDITOR_RULES]
    # The JSON server also reports the misspelt "ArtifactStoreURI" as a missing ArtifactStoreUri,
    # at the opening brace; the CLI reports that defect once, as unknown-field with "did you mean".
    assert places(diagnostics[BAD_JSON]) == places(in_editor) | {(1, 1)}
    assert any(d.message == 'Missing property "ArtifactStoreUri".' for d in diagnostics[BAD_JSON])


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_examples_get_no_diagnostic(
    path: Path, diagnostics: dict[Path, list[Diagnostic]]
) -> None:
    assert diagnostics[path] == []


@pytest.mark.parametrize("path", [UNICODE_YAML, UNICODE_JSON], ids=lambda p: p.suffix)
def test_unicode_tag_letters_pass_and_an_emoji_does_not(
    path: Path, diagnostics: dict[Path, list[Diagnostic]]
) -> None:
    message = pattern_error_message("definitions", "Tag", "properties", "Value")
    [emoji] = [f for f in cli_findings(path) if f.rule == "pattern-mismatch"]
    assert [(d.line, d.column, d.message) for d in diagnostics[path]] == [
        (emoji.line, emoji.column, message)
    ]


def test_yaml_server_shows_the_pattern_error_messages(
    diagnostics: dict[Path, list[Diagnostic]],
) -> None:
    messages = {d.message for d in diagnostics[BAD_YAML]}
    assert {
        pattern_error_message("properties", "WeeklyMaintenanceWindowStart"),
        pattern_error_message("properties", "DefaultDomainIdList", "items"),
        pattern_error_message("definitions", "Tag", "properties", "Value"),
    } <= messages


def test_both_servers_show_the_reserved_prefix_in_plain_words(
    diagnostics: dict[Path, list[Diagnostic]],
) -> None:
    """Only the prefix's own message, once, at the key: not the model pattern's, which the key
    meets (yaml-language-server and vscode-json-languageservice show the failing subschema's
    patternErrorMessage)."""
    [reserved] = json.loads(SCHEMA.read_text(encoding="utf-8"))["definitions"]["Tag"]["properties"][
        "Key"
    ]["allOf"]
    message = reserved["patternErrorMessage"]
    assert message.startswith("A tag key must not begin with aws: in any case")
    for probe in PROBES:
        if probe.rule == "reserved-tag-key":
            [key] = cli_findings(probe.path)
            assert [(d.line, d.column, d.message) for d in diagnostics[probe.path]] == [
                (key.line, key.column, message)
            ], probe.defect


def test_readme_table_says_what_the_probes_found() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use it in your editor", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (\w+)", section, re.M))
    assert rows == verdicts()
    for glob in (*YAML_FILE_MATCH, *JSON_FILE_MATCH):
        assert glob in section


FAMILY_EXAMPLES = (
    "update-mlflow-app",
    "create-mlflow-tracking-server",
    "update-mlflow-tracking-server",
)
SCHEMA_RULES = {
    "invalid-type",
    "invalid-enum",
    "pattern-mismatch",
    "missing-required",
    "unknown-field",
    "maintenance-window",
    "domain-id",
    "account-id-number",
    "mlflow-version",
}
"""Rules whose findings in these examples the schema alone can show."""


@pytest.mark.parametrize("command", FAMILY_EXAMPLES)
def test_each_operations_schema_in_the_servers(command: str) -> None:
    """With the README's associations (NAME.<command-name>.yaml|json), the servers find the
    bad example's schema defects on the CLI's lines, and nothing in the good example."""
    examples = sorted((ROOT / "examples").glob(f"*.{command}.*"))
    found = run_servers(
        ROOT / "schema" / f"{command}.schema.json",
        (f"*.{command}.yaml", f"*.{command}.yml"),
        (f"*.{command}.json",),
        {path: path.read_text(encoding="utf-8") for path in examples},
    )
    for path in examples:
        lines = {d.line for d in found[path]}
        if path.name.startswith("good."):
            assert found[path] == [], path
            continue
        expected = {f.line for f in cli_findings(path) if f.rule in SCHEMA_RULES}
        assert expected, path
        assert expected <= lines, (path, found[path])
        assert lines <= {f.line for f in cli_findings(path)}, (path, found[path])
