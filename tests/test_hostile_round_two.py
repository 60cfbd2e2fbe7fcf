"""Hostile configurations, options and names, policy in linear time, and writes that keep what a
file is (issue 13), each through the real CLI in a child process (see hostile.py)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mlflow_app_lint.base.atomic import Refused, replace_unchanged

from .hostile import lint

REQUEST = (
    b"Name: app\nArtifactStoreUri: s3://bucket/mlflow\nRoleArn: arn:aws:iam::123456789012:role/R\n"
)
FIXABLE = REQUEST + b"WeeklyMaintenanceWindowStart: TUE:3:30\n"
FIXED = REQUEST + b"WeeklyMaintenanceWindowStart: Tue:03:30\n"
DEEP = "[" * 3000 + "]" * 3000


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


YAML_CONFIG, TOML_CONFIG = ".mlflow-app-lint.yaml", "pyproject.toml"
OURS = "[tool.mlflow-app-lint]\nselect = []\n"
HOSTILE_CONFIGS = [
    (YAML_CONFIG, f"select: {DEEP}\n", ":1: invalid YAML: nested more than 100"),
    (YAML_CONFIG, "select: !!python/name:os.system x\n", ":1: invalid YAML: the YAML tag"),
    (YAML_CONFIG, "%YAML 9.9\n---\nselect: []\n", ":1: invalid YAML: %YAML 9.9: the AWS CLI"),
    (YAML_CONFIG, "a: &a\n  <<: *a\n", ":1: 'a': unknown key"),
    (YAML_CONFIG, 'select: ["\\U00110000"]\n', ":1: invalid YAML"),
    (YAML_CONFIG, '"a\\nb\\e[2J": 1\n', ":1: 'a\\nb\\x1b[2J': unknown key"),
    (YAML_CONFIG, "select: []\n---\nignore: []\n", ":3: a second document"),
    (TOML_CONFIG, OURS + "[tool.other]\nx = " + "9" * 5000, ": invalid TOML: an integer too long"),
    (TOML_CONFIG, OURS + f"[tool.other]\nx = {DEEP}\n", ": cannot read the TOML: nested too"),
    (TOML_CONFIG, "[tool.mlflow-app-lint]\nselect = [\n", ": invalid TOML: "),
    (TOML_CONFIG, OURS + "x = 1 = 2\n", ":3: invalid TOML: "),
]


@pytest.mark.parametrize(("name", "content", "says"), HOSTILE_CONFIGS)
def test_a_hostile_configuration_is_one_line_and_exit_2(
    tmp_path: Path, name: str, content: str, says: str
) -> None:
    (tmp_path / name).write_text(content)
    (tmp_path / "app.yaml").write_bytes(REQUEST)
    for arguments in (["app.yaml"], ["--config", name, "app.yaml"]):
        run = lint(*arguments, cwd=tmp_path)
        assert run.exit_code == 2
        assert one_error_line(run.stderr).startswith(f"mlflow-app-lint: {name}{says}")


@pytest.mark.parametrize(
    "other",
    [f"x = {DEEP}", "x = " + "9" * 5000, "x = [1, 'a', {a = {b = []}}]"],
    ids=["deep", "long-integer", "odd"],
)
def test_another_tools_table_never_breaks_a_run(tmp_path: Path, other: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[project]\nname = 'p'\n[tool.other]\n{other}\n")
    (tmp_path / "app.yaml").write_bytes(REQUEST)
    run = lint("app.yaml", cwd=tmp_path)
    assert (run.exit_code, run.stderr) == (0, "")


def test_many_suppression_comments_and_starry_excludes_take_linear_time(tmp_path: Path) -> None:
    line = b"Name: app  # mlflow-app-lint: disable=invalid-type\n"
    (tmp_path / "stream.yaml").write_bytes(b"---\n".join([line] * 3000))
    deep = tmp_path.joinpath("a", *["d"] * 30)
    deep.mkdir(parents=True)
    (deep / "y.yaml").write_bytes(REQUEST)
    patterns = ["a/" + "**/" * 30 + "x", "a/" + "*d" * 30 + "*e"]
    started = time.monotonic()
    run = lint("--format", "json", *(f"--exclude={p}" for p in patterns), ".", cwd=tmp_path)
    assert time.monotonic() - started < 60  # before: hours for the patterns, minutes the stream
    assert run.rules().count("unused-suppression") == 3000
    assert run.exit_code == 1


def test_fix_through_a_symbolic_link_fixes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real" / "app.yaml"
    target.parent.mkdir()
    target.write_bytes(FIXABLE)
    (tmp_path / "walked").mkdir()
    for link in (tmp_path / "link.yaml", tmp_path / "walked" / "link.yaml"):
        target.write_bytes(FIXABLE)
        link.symlink_to(target)
        inode = link.lstat().st_ino
        run = lint("--fix", link if link.parent == tmp_path else link.parent)
        assert run.exit_code == 0, run.stdout
        assert link.is_symlink() and link.lstat().st_ino == inode
        assert os.readlink(link) == str(target) and target.read_bytes() == FIXED


def test_fix_refuses_a_hard_linked_file_and_leaves_every_name_as_it_was(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_bytes(FIXABLE)
    os.link(first, second)
    run = lint("--fix", first)
    assert run.exit_code == 2
    assert f"cannot write {first}: it has 2 hard links" in run.stderr
    assert first.read_bytes() == second.read_bytes() == FIXABLE
    assert first.stat().st_ino == second.stat().st_ino


@pytest.mark.skipif(os.geteuid() != 0, reason="gives a file to another owner: needs root")
def test_fix_keeps_owner_group_and_mode(tmp_path: Path) -> None:
    app = tmp_path / "app.yaml"
    app.write_bytes(FIXABLE)
    os.chown(app, 4321, 4322)
    os.chmod(app, 0o6640)
    run = lint("--fix", app)
    assert run.exit_code == 0, run.stderr
    status = app.stat()
    assert (status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (4321, 4322, 0o6640)
    assert app.read_bytes() == FIXED


def test_a_file_changed_since_it_was_read_is_left_alone(tmp_path: Path) -> None:
    app = tmp_path / "app.yaml"
    app.write_bytes(FIXABLE + b"# added meanwhile\n")
    with pytest.raises(Refused, match="changed since it was read"):
        replace_unchanged(str(app), FIXABLE, FIXED)
    assert app.read_bytes() == FIXABLE + b"# added meanwhile\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="makes a device node: needs root")
def test_output_to_a_device_writes_to_it_and_keeps_it(tmp_path: Path) -> None:
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # our own /dev/null
    (tmp_path / "app.yaml").write_bytes(REQUEST)
    run = lint("--output", device, tmp_path / "app.yaml")
    assert run.exit_code == 0, run.stderr
    status = device.stat()
    assert stat.S_ISCHR(status.st_mode) and status.st_rdev == os.makedev(1, 3)


def test_output_to_a_fifo_and_to_dev_stdout_writes_through(tmp_path: Path) -> None:
    fifo = tmp_path / "report"
    os.mkfifo(fifo)
    (tmp_path / "app.yaml").write_bytes(REQUEST)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    run = lint("--output", fifo, tmp_path / "app.yaml")
    reader.join(timeout=60)
    assert run.exit_code == 0 and stat.S_ISFIFO(fifo.stat().st_mode)
    assert received == [b"Checked 1 file, 1 document: no problems found.\n"]
    run = lint("--output", "/dev/stdout", tmp_path / "app.yaml")
    assert run.stdout == "Checked 1 file, 1 document: no problems found.\n"


def test_a_name_or_a_value_cannot_drive_the_terminal(tmp_path: Path) -> None:
    name = "a\x1b[2J\nforged.yaml"
    request = REQUEST.replace(b"Name: app", "Name: ap\u202ep\u2066".encode())
    for format_name in ("text", "github", "json", "gitlab"):
        run = lint("--format", format_name, "--stdin-filename", name, "-", stdin=request)
        assert "\x1b" not in run.stdout and "forged" not in run.stdout.replace("\\nforged", "")
        assert "\u202e" not in run.stdout and "\u2066" not in run.stdout
    assert (
        "a\\x1b[2J\\nforged.yaml:1:7:" in lint("--stdin-filename", name, "-", stdin=request).stdout
    )


def test_jobs_are_capped_and_a_size_too_large_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_bytes(REQUEST)
    assert lint("--jobs", "100000", tmp_path / "app.yaml").exit_code == 0
    run = lint("--max-file-size", "9" * 5000, "-", stdin=REQUEST)
    assert run.exit_code == 2 and "is too large: at most 1,024 GiB" in run.stderr


def test_a_large_cap_on_standard_input_allocates_nothing_up_front() -> None:
    # 900 MiB of cap under the harness's 1 GiB address-space limit: one read of the cap fails.
    run = lint("--max-file-size", "900MiB", "-", stdin=REQUEST)
    assert run.exit_code == 0, run.stderr


def test_dev_stdout_is_not_replaced_when_standard_output_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_bytes(REQUEST)
    out = tmp_path / "out.txt"
    out.write_bytes(b"kept\n")
    with open(out, "ab") as appended:
        subprocess.run(
            [sys.executable, "-m", "mlflow_app_lint", "check", "--output", "/dev/stdout",
             str(tmp_path / "app.yaml")],
            stdout=appended, check=True, timeout=120,
        )  # fmt: skip
    assert out.read_bytes() == b"kept\nChecked 1 file, 1 document: no problems found.\n"


def test_a_stream_of_many_tiny_documents_stops_at_the_findings_cap(tmp_path: Path) -> None:
    """Over a million documents fit under the size cap; their findings would not fit in memory:
    past 10,000 findings the rest of the file is not checked (time and memory bounded)."""
    stream = tmp_path / "tiny.mlflow-app.yaml"
    stream.write_bytes(b"---\na: 1\n" * 1_200_000)  # 10.8 MB
    done = lint("--format", "json", stream)
    assert done.exit_code == 1, done.stderr
    assert done.rules().count("too-many-findings") == 1
    assert len(done.findings) <= 10_002


def test_a_stream_of_documents_expanding_through_aliases_takes_time_linear_in_its_size(
    tmp_path: Path,
) -> None:
    """Each document expands to 30,000 values, under the per-document cap: the file's budget
    (its characters and 100,000 more) stops the reading, and no fix is proven on a document its
    aliases amplify (a proof reads it again)."""
    levels = "x0: &a0 [1,1,1,1,1,1,1,1,1,1]\nx1: &a1 [" + ",".join(["*a0"] * 10) + "]\n"
    levels += "x2: &a2 [" + ",".join(["*a1"] * 10) + "]\nx3: [" + ",".join(["*a2"] * 30) + "]\n"
    document = "---\n" + REQUEST.decode().replace("Name: app", "Name: 2024") + levels
    stream = tmp_path / "aliases.mlflow-app.yaml"
    stream.write_text(document * 130, encoding="utf-8")  # 59 KB
    done = lint("--format", "json", "--ignore", "multi-document", stream)
    assert done.exit_code == 1, done.stderr
    bomb = [f for f in done.findings if f["rule"] == "alias-bomb"]
    assert len(bomb) == 1 and "the rest of the file was not read" in bomb[0]["message"]
    lint("--fix", "--ignore", "multi-document", stream)  # in the time and memory limits


def test_fix_of_a_long_stream_holds_one_document_at_a_time(tmp_path: Path) -> None:
    """Every document of a 2.4 MB stream has a fix: each is proven on its own part of the file,
    and fixes of different documents are applied together without reading the whole stream."""
    document = "---\n" + REQUEST.decode().replace("Name: app", "Name: 2024")
    stream = tmp_path / "many.mlflow-app.yaml"
    stream.write_text(document * (2_400_000 // len(document)), encoding="utf-8")
    done = lint("--fix", "--ignore", "multi-document", stream)
    assert done.exit_code == 0, done.stdout + done.stderr
    assert "Name: 2024" not in stream.read_text(encoding="utf-8")
