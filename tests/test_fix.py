"""check --fix and --diff through the real CLI: the exact bytes written, byte for byte.

Every case runs in five spellings of the same file: LF, CRLF, with a UTF-8 byte-order mark,
both, and without a final line break. The fixed file must be the expected text in that same
spelling, and a second --fix must change nothing.
"""

from __future__ import annotations

import codecs
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from .conftest import ROOT, invoke

REQUEST = (
    "Name: app\nArtifactStoreUri: s3://bucket/mlflow\nRoleArn: arn:aws:iam::123456789012:role/R\n"
)
JSON_HEAD = (
    '{\n  "Name": "app",\n  "ArtifactStoreUri": "s3://bucket/mlflow",\n'
    '  "RoleArn": "arn:aws:iam::123456789012:role/R",\n'
)

SPELLINGS: dict[str, Callable[[str], bytes]] = {
    "lf": lambda text: text.encode(),
    "crlf": lambda text: text.replace("\n", "\r\n").encode(),
    "bom": lambda text: codecs.BOM_UTF8 + text.encode(),
    "bom-crlf": lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode(),
    "no-final-newline": lambda text: text.rstrip("\n").encode(),
}

# (name, file name, text before, text after --fix)
FIXED = [
    (
        "window-block",
        "app.yaml",
        REQUEST + "# weekly, in UTC\nWeeklyMaintenanceWindowStart: TUE:3:30  # keep me\n",
        REQUEST + "# weekly, in UTC\nWeeklyMaintenanceWindowStart: Tue:03:30  # keep me\n",
    ),
    (
        "window-single-quoted",
        "app.yaml",
        REQUEST + "WeeklyMaintenanceWindowStart: 'tuesday:03:5'\n",
        REQUEST + "WeeklyMaintenanceWindowStart: 'Tue:03:05'\n",
    ),
    (
        "window-double-quoted",
        "app.yaml",
        REQUEST + 'WeeklyMaintenanceWindowStart: "tue:3:30"\n',
        REQUEST + 'WeeklyMaintenanceWindowStart: "Tue:03:30"\n',
    ),
    (
        "window-flow",
        "app.yaml",
        "{Name: app, ArtifactStoreUri: 's3://b/p', RoleArn: 'arn:aws:iam::123456789012:role/R',"
        " WeeklyMaintenanceWindowStart: Tuesday:3:30}  # one line\n",
        "{Name: app, ArtifactStoreUri: 's3://b/p', RoleArn: 'arn:aws:iam::123456789012:role/R',"
        " WeeklyMaintenanceWindowStart: Tue:03:30}  # one line\n",
    ),
    (
        "window-json",
        "app.json",
        JSON_HEAD + '  "WeeklyMaintenanceWindowStart": "TUE:3:30"\n}\n',
        JSON_HEAD + '  "WeeklyMaintenanceWindowStart": "Tue:03:30"\n}\n',
    ),
    (
        "enum-block",
        "app.yaml",
        REQUEST + "AccountDefaultStatus: enabled # on\nModelRegistrationMode: "
        "automodelregistrationenabled\n",
        REQUEST + "AccountDefaultStatus: ENABLED # on\nModelRegistrationMode: "
        "AutoModelRegistrationEnabled\n",
    ),
    (
        "enum-flow",
        "app.yaml",
        "{Name: app, ArtifactStoreUri: s3://b/p, RoleArn: "
        "'arn:aws:iam::123456789012:role/R', AccountDefaultStatus: 'Disabled'}\n",
        "{Name: app, ArtifactStoreUri: s3://b/p, RoleArn: "
        "'arn:aws:iam::123456789012:role/R', AccountDefaultStatus: 'DISABLED'}\n",
    ),
    (
        "enum-json",
        "app.json",
        JSON_HEAD + '  "AccountDefaultStatus": "enabled"\n}\n',
        JSON_HEAD + '  "AccountDefaultStatus": "ENABLED"\n}\n',
    ),
    (
        "field-name-block",
        "app.yaml",
        "# the app\nname: app  # its name\nArtifactStoreURI: s3://b/p\n"
        "RoleArn: arn:aws:iam::123456789012:role/R\nTags:\n  - key: team\n    Value: ml\n",
        "# the app\nName: app  # its name\nArtifactStoreUri: s3://b/p\n"
        "RoleArn: arn:aws:iam::123456789012:role/R\nTags:\n  - Key: team\n    Value: ml\n",
    ),
    (
        "field-name-flow",
        "app.yaml",
        "{'name': app, ArtifactStoreUri: s3://b/p, RoleArn: 'arn:aws:iam::123456789012:role/R',"
        " Tags: [{Key: team, VALUE: ml}]}\n",
        "{'Name': app, ArtifactStoreUri: s3://b/p, RoleArn: 'arn:aws:iam::123456789012:role/R',"
        " Tags: [{Key: team, Value: ml}]}\n",
    ),
    (
        "field-name-json",
        "app.json",
        '{\n  "name": "app",\n  "artifactStoreUri": "s3://b/p",\n'
        '  "RoleArn": "arn:aws:iam::123456789012:role/R"\n}\n',
        '{\n  "Name": "app",\n  "ArtifactStoreUri": "s3://b/p",\n'
        '  "RoleArn": "arn:aws:iam::123456789012:role/R"\n}\n',
    ),
    (
        "number-block",
        "app.yaml",
        "Name: 2024 # year\nArtifactStoreUri: s3://b/p\nRoleArn: arn:aws:iam::123456789012:role/R\n"
        "Tags:\n  - Key: version\n    Value: 1.5\n  - Key: offset\n    Value: -3\n",
        'Name: "2024" # year\nArtifactStoreUri: s3://b/p\n'
        "RoleArn: arn:aws:iam::123456789012:role/R\n"
        'Tags:\n  - Key: version\n    Value: "1.5"\n  - Key: offset\n    Value: "-3"\n',
    ),
    (
        "number-flow",
        "app.yaml",
        "{Name: 2024, ArtifactStoreUri: s3://b/p, RoleArn: 'arn:aws:iam::123456789012:role/R'}\n",
        '{Name: "2024", ArtifactStoreUri: s3://b/p, '
        "RoleArn: 'arn:aws:iam::123456789012:role/R'}\n",
    ),
    (
        "number-json",
        "app.json",
        '{\n  "Name": 2024,\n  "ArtifactStoreUri": "s3://b/p",\n'
        '  "RoleArn": "arn:aws:iam::123456789012:role/R"\n}\n',
        '{\n  "Name": "2024",\n  "ArtifactStoreUri": "s3://b/p",\n'
        '  "RoleArn": "arn:aws:iam::123456789012:role/R"\n}\n',
    ),
    (
        "renamed-then-quoted",
        "app.yaml",
        "name: 2024\nArtifactStoreUri: s3://b/p\nRoleArn: arn:aws:iam::123456789012:role/R\n",
        'Name: "2024"\nArtifactStoreUri: s3://b/p\nRoleArn: arn:aws:iam::123456789012:role/R\n',
    ),
    (
        "domain-id-block",
        "app.yaml",
        REQUEST + "DefaultDomainIdList:\n  - D-ABC123 # prod\n  - d-def456\n",
        REQUEST + "DefaultDomainIdList:\n  - d-abc123 # prod\n  - d-def456\n",
    ),
    (
        "domain-id-flow",
        "app.yaml",
        REQUEST + "DefaultDomainIdList: [d-def456, 'D-Abc123']  # two\n",
        REQUEST + "DefaultDomainIdList: [d-def456, 'd-abc123']  # two\n",
    ),
    (
        "domain-id-json",
        "app.json",
        JSON_HEAD + '  "DefaultDomainIdList": ["D-ABC123"]\n}\n',
        JSON_HEAD + '  "DefaultDomainIdList": ["d-abc123"]\n}\n',
    ),
    (
        "tag-copy-block",
        "app.yaml",
        REQUEST + "Tags:\n  # who owns it\n  - Key: team  # the team\n    Value: ml\n"
        "  # a copy\n  - Key: team  # again\n    Value: ml\n  - Key: env\n    Value: prod\n"
        "# end\n",
        REQUEST + "Tags:\n  # who owns it\n  - Key: team  # the team\n    Value: ml\n"
        "  # a copy\n  - Key: env\n    Value: prod\n# end\n",
    ),
    (
        "tag-copy-block-last",
        "app.yaml",
        REQUEST + "Tags:\n  - {Key: team, Value: ml}\n  - {Key: team, Value: ml}  # copy\n",
        REQUEST + "Tags:\n  - {Key: team, Value: ml}\n",
    ),
    (
        "tag-copy-flow",
        "app.yaml",
        REQUEST + "Tags: [{Key: team, Value: ml}, {Key: team, Value: ml}, {Key: env, Value: x}]\n",
        REQUEST + "Tags: [{Key: team, Value: ml}, {Key: env, Value: x}]\n",
    ),
    (
        "tag-copies-flow-lines",
        "app.yaml",
        REQUEST + "Tags: [\n  {Key: team, Value: ml},  # first\n  {Key: env, Value: x},\n"
        "  {Key: team, Value: ml},  # copy\n  {Key: team, Value: ml}\n]\n",
        REQUEST + "Tags: [\n  {Key: team, Value: ml},  # first\n  {Key: env, Value: x}\n]\n",
    ),
    (
        "tag-copy-json-middle",
        "app.json",
        JSON_HEAD + '  "Tags": [\n    {"Key": "team", "Value": "ml"},\n'
        '    {"Key": "team", "Value": "ml"},\n    {"Key": "env", "Value": "x"}\n  ]\n}\n',
        JSON_HEAD + '  "Tags": [\n    {"Key": "team", "Value": "ml"},\n'
        '    {"Key": "env", "Value": "x"}\n  ]\n}\n',
    ),
    (
        "tag-copy-json-last",
        "app.json",
        JSON_HEAD + '  "Tags": [\n    {"Key": "team", "Value": "ml"},\n'
        '    {"Key": "team", "Value": "ml"}\n  ]\n}\n',
        JSON_HEAD + '  "Tags": [\n    {"Key": "team", "Value": "ml"}\n  ]\n}\n',
    ),
    (
        "tag-copy-json-inline",
        "app.json",
        JSON_HEAD + '  "Tags": [{"Key": "a", "Value": "b"}, {"Key": "a", "Value": "b"}]\n}\n',
        JSON_HEAD + '  "Tags": [{"Key": "a", "Value": "b"}]\n}\n',
    ),
    (
        "many-fixes-beside-a-refused-one",
        "app.yaml",
        REQUEST.replace("app", "1.5")
        + "Tags:\n"
        + "".join(f"  - key: k{i}\n    Value: v\n" for i in range(12)),
        REQUEST.replace("app", "1.5")
        + "Tags:\n"
        + "".join(f"  - Key: k{i}\n    Value: v\n" for i in range(12)),
    ),
    (
        "stream-second-document",
        "app.yaml",
        REQUEST + "---\n" + REQUEST + "AccountDefaultStatus: enabled\n",
        REQUEST + "---\n" + REQUEST + "AccountDefaultStatus: ENABLED\n",
    ),
]

# (name, file name, text that --fix must leave exactly as it is)
UNFIXED = [
    ("close-spelling-only", "app.yaml", REQUEST + "ModelRegistrationMode: AutoModelRegistration\n"),
    ("hex", "app.yaml", "Name: 0x10\nArtifactStoreUri: s3://b/p\nRoleArn: r\n"),
    ("exponent", "app.yaml", REQUEST + "Tags:\n  - Key: k\n    Value: 1e3\n"),
    ("leading-zero", "app.yaml", REQUEST + "Tags:\n  - Key: k\n    Value: 007\n"),
    ("trailing-zero", "app.yaml", REQUEST + "Tags:\n  - Key: k\n    Value: 1.10\n"),
    ("explicit-tag", "app.yaml", REQUEST + "Tags:\n  - Key: k\n    Value: !!int 5\n"),
    ("quoting-would-break-the-pattern", "app.yaml", REQUEST.replace("app", "1.5")),
    ("name-already-there", "app.yaml", REQUEST + "name: other\n"),
    ("missing-prefix", "app.yaml", REQUEST + "DefaultDomainIdList: [abc123]\n"),
    (
        "same-key-other-value",
        "app.yaml",
        REQUEST + "Tags: [{Key: a, Value: b}, {Key: a, Value: c}]\n",
    ),
    ("anchored", "app.yaml", REQUEST + "WeeklyMaintenanceWindowStart: &w TUE:03:30\n"),
    ("block-scalar", "app.yaml", REQUEST + "WeeklyMaintenanceWindowStart: |-\n  TUE:03:30\n"),
    ("duplicate-key", "app.yaml", REQUEST + "AccountDefaultStatus: enabled\nName: app\n"),
    ("syntax-error", "app.json", JSON_HEAD + '  "AccountDefaultStatus": "enabled",\n}\n'),
]


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """The real program in a process of its own: standard output as the bytes it wrote."""
    command = [sys.executable, "-m", "mlflow_app_lint", *args]
    return subprocess.run(command, input=stdin, capture_output=True, cwd=ROOT, check=False)


def fix(path: Path, *extra: str):
    return invoke("check", "--fix", "--color", "never", *extra, str(path))


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize(("name", "file_name", "before", "after"), FIXED, ids=[c[0] for c in FIXED])
def test_fix_writes_exactly_the_expected_bytes(
    tmp_path: Path, spelling: str, name: str, file_name: str, before: str, after: str
) -> None:
    encode = SPELLINGS[spelling]
    path = tmp_path / file_name
    path.write_bytes(encode(before))
    if file_name.endswith(".json") and spelling.startswith("bom"):
        # --cli-input-json refuses a byte-order mark: a syntax error, and nothing is fixed.
        outcome = invoke("check", "--fix", "--format", "json", str(path))
        assert path.read_bytes() == encode(before)
        assert [f["rule"] for f in outcome.findings] == ["syntax-error"]
        return
    first = fix(path)
    assert path.read_bytes() == encode(after), first.stdout
    assert "fixed " in first.stdout.splitlines()[-1]
    second = fix(path)
    assert path.read_bytes() == encode(after)
    assert "fixed" not in second.stdout, "a second --fix changed something"


@pytest.mark.parametrize("spelling", ["lf", "bom-crlf"])
@pytest.mark.parametrize(("name", "file_name", "text"), UNFIXED, ids=[c[0] for c in UNFIXED])
def test_uncertain_corrections_are_left_alone(
    tmp_path: Path, spelling: str, name: str, file_name: str, text: str
) -> None:
    path = tmp_path / file_name
    path.write_bytes(SPELLINGS[spelling](text))
    outcome = invoke("check", "--fix", "--format", "json", str(path))
    assert path.read_bytes() == SPELLINGS[spelling](text)
    assert outcome.report["summary"]["fixed"] == 0
    assert outcome.findings, "each of these cases has a finding that stays"
    assert not any(finding["fixable"] for finding in outcome.findings)
    assert outcome.exit_code == 1


BAD = (
    "# owner: ml\r\nName: 2024\r\nArtifactStoreUri: s3://b/p\r\n"
    "RoleArn: arn:aws:iam::123456789012:role/R\r\nAccountDefaultStatus: enabled"
)
BAD_FIXED = BAD.replace("2024", '"2024"').replace("enabled", "ENABLED")


def test_diff_prints_a_unified_diff_that_patch_applies_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "app.yaml"
    path.write_bytes(codecs.BOM_UTF8 + BAD.encode())
    outcome = run_cli("check", "--diff", str(path))
    assert path.read_bytes() == codecs.BOM_UTF8 + BAD.encode()
    assert outcome.stdout.decode() == (
        f"--- {path}\n+++ {path}\n@@ -1,5 +1,5 @@\n # owner: ml\r\n"
        '-Name: 2024\r\n+Name: "2024"\r\n'
        " ArtifactStoreUri: s3://b/p\r\n RoleArn: arn:aws:iam::123456789012:role/R\r\n"
        "-AccountDefaultStatus: enabled\n\\ No newline at end of file\n"
        "+AccountDefaultStatus: ENABLED\n\\ No newline at end of file\n"
    )
    assert outcome.stderr == b"mlflow-app-lint: --fix would fix 2 problems in 1 file.\n"
    assert outcome.returncode == 1, "as check: the file as it is has errors"
    patched = tmp_path / "patched.yaml"
    patched.write_bytes(path.read_bytes())
    diff = outcome.stdout.replace(str(path).encode(), str(patched).encode())
    subprocess.run(["patch", "-s", "-p0", str(patched)], input=diff, check=True)
    assert patched.read_bytes() == codecs.BOM_UTF8 + BAD_FIXED.encode()


def test_diff_of_a_clean_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "app.yaml"
    path.write_text(REQUEST)
    outcome = invoke("check", "--diff", str(path))
    assert (outcome.stdout, outcome.exit_code) == ("", 0)


def test_fix_and_diff_together_are_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "app.yaml"
    path.write_bytes(BAD.encode())
    outcome = invoke("check", "--fix", "--diff", str(path))
    assert outcome.exit_code == 2
    assert "--fix and --diff cannot be used together" in outcome.stderr
    assert path.read_bytes() == BAD.encode()


def test_fix_reports_what_remains_and_exits_on_it(tmp_path: Path) -> None:
    path = tmp_path / "app.yaml"
    path.write_text(REQUEST + "AccountDefaultStatus: enabled\nTags: [{Key: aws:x, Value: y}]\n")
    outcome = fix(path)
    assert outcome.stdout.splitlines()[-1] == (
        "Checked 1 file, 1 document: fixed 1 problem in 1 file; 1 error, 0 warnings remain."
    )
    assert "[reserved-tag-key]" in outcome.stdout and "[invalid-enum]" not in outcome.stdout
    assert outcome.exit_code == 1
    path.write_text(REQUEST + "AccountDefaultStatus: enabled\n")
    outcome = fix(path)
    assert outcome.stdout == (
        "Checked 1 file, 1 document: fixed 1 problem in 1 file; no problems remain.\n"
    )
    assert outcome.exit_code == 0


def test_json_report_marks_each_finding_fixable_or_not(tmp_path: Path) -> None:
    path = tmp_path / "app.yaml"
    path.write_text(REQUEST + "AccountDefaultStatus: enabled\nModelRegistrationMode: Auto\n")
    outcome = invoke("check", "--format", "json", str(path))
    assert {f["pointer"]: f["fixable"] for f in outcome.findings} == {
        "/AccountDefaultStatus": True,
        "/ModelRegistrationMode": False,
    }
    assert outcome.report["summary"]["fixed"] == 0
    text = invoke("check", str(path)).stdout
    assert text.splitlines()[-1] == (
        "Checked 1 file, 1 document: 2 errors, 0 warnings (1 fixable with --fix)."
    )


def test_fix_on_standard_input_prints_the_fixed_text_and_reports_on_stderr() -> None:
    data = codecs.BOM_UTF8 + BAD.encode()
    outcome = run_cli("check", "--fix", "--stdin-filename", "app.yaml", "-", stdin=data)
    assert outcome.stdout == codecs.BOM_UTF8 + BAD_FIXED.encode()
    assert outcome.stderr.endswith(b"fixed 2 problems in 1 file; no problems remain.\n")
    assert outcome.returncode == 0


def test_fix_on_clean_standard_input_prints_it_unchanged() -> None:
    outcome = invoke("check", "--fix", "-", stdin=REQUEST.encode())
    assert outcome.stdout == REQUEST
    assert outcome.exit_code == 0


def test_fix_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "app.yaml"
    path.write_bytes(BAD.encode())
    path.chmod(0o640)
    fix(path)
    assert path.read_bytes() == BAD_FIXED.encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["app.yaml"], "no temporary file is left"


@pytest.fixture
def immutable(tmp_path: Path):
    """Mark a path immutable with chattr +i, which stops even root from replacing it."""
    marked: list[Path] = []

    def mark(path: Path) -> None:
        result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if result.returncode != 0:
            pytest.skip(f"chattr +i is not available here: {result.stderr.decode().strip()}")
        marked.append(path)

    yield mark
    for path in marked:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.parametrize("what", ["file", "directory"])
def test_an_unwritable_file_is_left_unchanged_and_reported(
    tmp_path: Path, immutable, what: str
) -> None:
    folder = tmp_path / "requests"
    folder.mkdir()
    path = folder / "app.yaml"
    path.write_bytes(BAD.encode())
    immutable(path if what == "file" else folder)
    outcome = invoke("check", "--fix", "--color", "never", str(path))
    assert path.read_bytes() == BAD.encode()
    assert sorted(p.name for p in folder.iterdir()) == ["app.yaml"]
    assert outcome.stderr == (
        f"mlflow-app-lint: cannot write {path}: Operation not permitted; it is left unchanged, "
        "its findings are reported as they are\n"
    )
    assert "[invalid-type]" in outcome.stdout and "[invalid-enum]" in outcome.stdout
    assert outcome.stdout.splitlines()[-1].endswith("(2 fixable with --fix).")
    assert outcome.exit_code == 2


def test_examples_bad_request_fixes_to_the_committed_diff(tmp_path: Path) -> None:
    copy = tmp_path / "bad.mlflow-app.yaml"
    original = (ROOT / "examples" / "bad.mlflow-app.yaml").read_bytes()
    copy.write_bytes(original)
    outcome = fix(copy)
    changed = [
        (before, after)
        for before, after in zip(
            original.decode().splitlines(), copy.read_text().splitlines(), strict=True
        )
        if before != after
    ]
    assert changed == [
        ("Name: 2024", 'Name: "2024"'),
        (
            "ArtifactStoreURI: s3://example-mlflow-artifacts/team-tracking",
            "ArtifactStoreUri: s3://example-mlflow-artifacts/team-tracking",
        ),
        ("AccountDefaultStatus: enabled", "AccountDefaultStatus: ENABLED"),
        ("WeeklyMaintenanceWindowStart: TUE:3:30", "WeeklyMaintenanceWindowStart: Tue:03:30"),
        ("  - D-ABC123DEF456", "  - d-abc123def456"),
    ]
    assert outcome.exit_code == 1


def test_pre_commit_offers_a_checking_hook_and_a_fixing_hook() -> None:
    hooks = {hook["id"]: hook for hook in YAML(typ="safe").load(ROOT / ".pre-commit-hooks.yaml")}
    assert hooks["mlflow-app-lint"]["entry"] == "mlflow-app-lint check"
    assert hooks["mlflow-app-lint-fix"]["entry"] == "mlflow-app-lint check --fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        files = re.compile(hook["files"])
        for name in ("app.mlflow-app.yaml", "a/b.mlflow-app.json", "mlflow-apps/team/app.yml"):
            assert files.search(name), name
        for name in ("app.yaml", "mlflow-apps.yaml", "not-mlflow-apps/app.yaml"):
            assert not files.search(name), name


def test_fix_leaves_suppressed_findings_and_ignored_rules_alone(tmp_path: Path) -> None:
    text = (
        "Name: app\nArtifactStoreUri: s3://b\nRoleArn: arn:aws:iam::123456789012:role/r\n"
        "AccountDefaultStatus: enabled  # mlflow-app-lint: disable=invalid-enum\n"
        "WeeklyMaintenanceWindowStart: TUE:03:30\n"
    )
    request = tmp_path / "app.yaml"
    request.write_text(text)
    outcome = invoke("check", "--fix", "--ignore", "maintenance-window", str(request))
    assert outcome.exit_code == 0, outcome.stdout
    assert request.read_text() == text
