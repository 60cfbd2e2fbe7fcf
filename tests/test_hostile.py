"""Hostile and broken input: each gives a clear finding or a clear error, never a traceback, in
bounded time and memory. Every case runs the real CLI in a child process (see hostile.py)."""

from __future__ import annotations

import codecs
import functools
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT
from .hostile import lint

GOOD = (ROOT / "examples" / "good.mlflow-app.yaml").read_bytes()
GOOD_JSON = (ROOT / "examples" / "good.mlflow-app.json").read_bytes()


def nested_flow(depth: int) -> bytes:
    return b"Name: " + b"[" * depth + b"]" * depth + b"\n"


def billion_laughs() -> bytes:
    lines = [b'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        aliases = b", ".join([b"*a%d" % (level - 1)] * 9)
        lines.append(b"a%d: &a%d [%s]" % (level, level, aliases))
    return b"\n".join(lines) + b"\n"


def alias_chain(length: int) -> bytes:
    """Each anchor holds the previous one: small to compose, `length` levels deep expanded."""
    lines = [b"a0: &a0 [x]"] + [b"a%d: &a%d [*a%d]" % (i, i, i - 1) for i in range(1, length)]
    return b"\n".join(lines) + b"\n"


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    rule: str
    line: int
    column: int
    says: str

    def __str__(self) -> str:
        return self.name


CASES = [
    # Malformed YAML: reported where the parser stopped.
    Case("unclosed-quote.yaml", b'Name: "abc\n', "syntax-error", 1, 7, "end of stream"),
    Case("unclosed-bracket.yaml", b"Name: [a, b\n", "syntax-error", 1, 7, "expected ',' or ']'"),
    Case("tab-indent.yaml", b"Name: x\nTags:\n\t- Key: a\n", "syntax-error", 3, 1, "'\\t'"),
    Case("bad-escape.yaml", b'Name: "a\\qb"\n', "syntax-error", 1, 10, "unknown escape"),
    Case("alias-at-end.yaml", b"Name: *", "syntax-error", 1, 8, "the end of the file"),
    Case("undefined-alias.yaml", b"Name: *nowhere\n", "syntax-error", 1, 7, "undefined alias"),
    Case("control-char.yaml", b"Name: a\x07b\n", "syntax-error", 1, 8, "U+0007"),
    # Malformed JSON: strict, as `--cli-input-json` reads it.
    Case("trailing-comma.json", b'{"Name": "a",}\n', "syntax-error", 1, 13, "trailing comma"),
    Case("comment.json", b'{\n // hi\n "Name": "a"}\n', "syntax-error", 2, 2, "comments"),
    Case("bad-escape.json", b'{"Name": "a\\qb"}\n', "syntax-error", 1, 12, "invalid escape"),
    Case("unclosed-string.json", b'{"Name": "abc\n', "syntax-error", 1, 14, "line break"),
    Case("unclosed-object.json", b'{"Name": "a"\n', "syntax-error", 1, 13, "closing bracket"),
    Case("single-quotes.json", b"{'Name': 'a'}\n", "syntax-error", 1, 2, "double quotes"),
    Case("extra-data.json", b'{"Name": "a"} x\n', "syntax-error", 1, 15, "after the end"),
    # Size and shape caps: refused without expanding or recursing.
    Case("billion-laughs.yaml", billion_laughs(), "alias-bomb", 1, 1, "100,000 values"),
    Case(
        "alias-fan-out.yaml",
        b"a: &a x\nb: [" + b"*a, " * 101_000 + b"]\n",
        "too-many-values",
        2,
        399_985,
        "more than 100,000 values",
    ),
    Case(
        "alias-expansion.yaml",
        b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [" + b"*a, " * 20_000 + b"]\n",
        "alias-bomb",
        1,
        1,
        "through aliases",
    ),
    Case("deep-flow.yaml", nested_flow(10_000), "too-deep", 1, 106, "more than 100 levels"),
    Case(
        "deep-block.yaml",
        b"\n".join(b" " * i + b"a:" for i in range(1_000)) + b"\n",
        "too-deep",
        100,
        100,
        "more than 100 levels",
    ),
    Case("deep.json", b"[" * 10_000 + b"]" * 10_000, "too-deep", 1, 101, "100 levels"),
    Case("alias-chain.yaml", alias_chain(300), "too-deep", 1, 10, "100 levels"),
    # Not text.
    Case("binary.yaml", bytes(range(256)) * 4, "not-text", 1, 1, "NUL byte"),
    Case("nul.yaml", b"Name: a\x00b\n", "not-text", 1, 8, "NUL byte"),
    Case("latin-1.yaml", "Name: équipe\n".encode("latin-1"), "not-text", 1, 7, "byte 0xe9"),
    Case(
        "utf-16.yaml",
        codecs.BOM_UTF16_LE + "Name: x\n".encode("utf-16-le"),
        "not-text",
        1,
        1,
        "UTF-16 text; save the file as UTF-8",
    ),
    Case(
        "utf-16-no-mark.json",
        '{"Name": "x"}'.encode("utf-16-be"),
        "not-text",
        1,
        1,
        "UTF-16 (no byte-order mark) text",
    ),
    Case("utf-32.yaml", "Name: x\n".encode("utf-32"), "not-text", 1, 1, "UTF-32 text"),
    # Nothing to lint: surely a mistake.
    Case("empty.yaml", b"", "empty-document", 1, 1, "the file is empty"),
    Case("empty.json", b" \n", "empty-document", 1, 1, "the file is empty"),
    Case("comments.yaml", b"# only\n# comments\n", "empty-document", 1, 1, "only comments"),
    Case("dashes.yaml", b"---\n", "empty-document", 1, 1, "the document is empty"),
    # Tags: never constructed.
    Case(
        "python-tag.yaml",
        b'Name: !!python/object/apply:os.system ["touch PWNED"]\n',
        "unknown-tag",
        1,
        7,
        "!!python/object/apply:os.system is not allowed",
    ),
    Case("local-tag.yaml", b"Name: !foo x\n", "unknown-tag", 1, 7, "!foo is not allowed"),
    # Pathological values.
    Case(
        "long-name.yaml",
        b"Name: a" + b"-" * 100_000 + b"!\n",
        "too-long",
        1,
        7,
        "100002 characters long; at most 256",
    ),
    Case(
        "long-domain-id.yaml",
        b"DefaultDomainIdList: [d-" + b"-" * 100_000 + b"!]\n",
        "domain-id",
        1,
        23,
        "at most 63 allowed",
    ),
    Case(
        "long-tag-value.yaml",
        b"Tags: [{Key: k, Value: '" + b"a" * 100_000 + b"!'}]\n",
        "too-long",
        1,
        24,
        "at most 256 allowed",
    ),
    Case("huge-number.json", b'{"Name": ' + b"1" * 5000 + b"}", "invalid-type", 1, 10, "integer"),
    Case(
        "huge-hour.yaml",
        b"WeeklyMaintenanceWindowStart: 'Tue:" + b"1" * 5000 + b":00'\n",
        "maintenance-window",
        1,
        31,
        "does not exist",
    ),
    Case(
        "long-tag.yaml",
        b"Name: !" + b"x" * 100_000 + b" a\n",
        "unknown-tag",
        1,
        7,
        "is not allowed",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_file_gives_a_clear_finding(tmp_path: Path, case: Case) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.content)
    run = lint("--format", "json", path, cwd=tmp_path)
    assert run.exit_code == 1, run.stderr
    found = [f for f in run.findings if f["rule"] == case.rule]
    assert found, run.findings
    assert (found[0]["line"], found[0]["column"]) == (case.line, case.column)
    assert case.says in found[0]["message"]
    assert all(len(f["message"]) < 600 for f in run.findings)  # a message quotes, never dumps


def test_a_python_tag_is_never_executed(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_bytes(b'Name: !!python/object/apply:os.system ["touch PWNED"]\n')
    lint(tmp_path / "r.yaml", cwd=tmp_path)
    assert not (tmp_path / "PWNED").exists()


def test_an_empty_document_in_a_stream_is_reported_at_its_marker(tmp_path: Path) -> None:
    path = tmp_path / "stream.yaml"
    path.write_bytes(GOOD + b"---\n---\n" + GOOD)
    run = lint("--format", "json", path)
    assert [(f["document"], f["line"], f["rule"]) for f in run.findings] == [
        (1, 19, "empty-document"),
        (1, 19, "multi-document"),
    ]


def test_a_file_over_the_size_cap_is_reported_without_being_read(tmp_path: Path) -> None:
    # Sparse: 8 GiB on paper, nothing on disk. Reading it whole would break the memory limit.
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(8 * 1024**3)
    run = lint(path)
    assert run.exit_code == 1
    assert (
        "huge.yaml:1:1: error [file-too-large] the file is 8 GiB, over the --max-file-size "
        "cap of 16 MiB; it was not read"
    ) in run.stdout


def test_the_size_cap_is_set_with_units(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(GOOD + b"#" * 1_000_000 + b"\n")
    assert lint("--max-file-size", "2MB", path).exit_code == 0
    run = lint("--max-file-size", "1MB", path)
    assert run.exit_code == 1
    assert "over the --max-file-size cap of 1,000,000 bytes" in run.stdout


def test_standard_input_over_the_cap_is_read_no_further(tmp_path: Path) -> None:
    run = lint("--max-file-size", "1KiB", "-", stdin=GOOD * 10)
    assert run.exit_code == 1
    assert "the file is more than 1 KiB, over the --max-file-size cap of 1 KiB" in run.stdout


def test_a_size_that_is_not_one_is_a_usage_error() -> None:
    run = lint("--max-file-size", "ten", "x.yaml")
    assert run.exit_code == 2
    assert "'ten' is not a size" in run.stderr


def test_a_long_stream_is_linted(tmp_path: Path) -> None:
    # 10,000 documents take 40 s (docs/limits.md): a twentieth of that keeps the suite fast.
    path = tmp_path / "stream.yaml"
    path.write_bytes(b"---\n".join([GOOD] * 500))
    run = lint("--ignore", "multi-document", path)  # a team whose tooling sends each document
    assert run.exit_code == 0
    assert "Checked 1 file, 500 documents: no problems found." in run.stdout


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    run = lint(tmp_path / "missing.yaml")
    assert run.exit_code == 2
    assert run.stderr.endswith("missing.yaml: no such file or directory\n")
    assert "cannot read" in run.stderr


def test_a_directory_named_like_a_file_is_walked(tmp_path: Path) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    (folder / "request.yaml").write_bytes(GOOD)
    run = lint(folder)
    assert (run.exit_code, run.stderr) == (0, "")
    assert "Checked 1 file, 1 document" in run.stdout


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root reads a file whatever its mode (see the FIFO and link tests)"
)
def test_an_unreadable_named_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_bytes(GOOD)
    path.chmod(0)
    run = lint(path, tmp_path / "missing.yaml")
    assert run.exit_code == 2
    assert "secret.yaml: permission denied" in run.stderr


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link_loop(path: Path) -> None:
    path.symlink_to(path)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_fifo, "not a regular file or directory"),  # refused without hanging on the pipe
        (_link_loop, "a symbolic link loop"),
    ],
    ids=["fifo", "symlink-loop"],
)
def test_a_named_path_that_is_no_readable_file_is_a_usage_error(
    tmp_path: Path, make, reason: str
) -> None:
    path = tmp_path / "request.yaml"
    make(path)
    run = lint(path)
    assert run.exit_code == 2
    assert f"request.yaml: {reason}" in run.stderr


def test_what_a_walk_cannot_read_is_a_warning_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_bytes(GOOD)
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "broken.json").symlink_to(tmp_path / "nowhere.json")
    (tmp_path / "back").symlink_to(tmp_path, target_is_directory=True)  # not followed
    os.mkfifo(tmp_path / "pipe.yml")
    run = lint(tmp_path)
    assert run.exit_code == 0
    assert "Checked 1 file, 1 document: no problems found." in run.stdout
    warnings = run.stderr.splitlines()
    assert warnings == [
        f"mlflow-app-lint: warning: skipped {tmp_path}/broken.json: a broken symbolic link",
        f"mlflow-app-lint: warning: skipped {tmp_path}/loop.yaml: a symbolic link loop",
        f"mlflow-app-lint: warning: skipped {tmp_path}/pipe.yml: not a regular file",
    ]


def test_names_with_spaces_and_other_scripts_are_reported_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "équipe prévisions 予測.yaml"
    path.write_bytes(b"Name: x\n")
    run = lint(path)
    assert run.exit_code == 1
    assert f"{path}:1:1: error [missing-required]" in run.stdout


def test_a_name_that_is_not_utf8_is_escaped(tmp_path: Path) -> None:
    os.makedirs(tmp_path / "d")
    with open(os.path.join(os.fsencode(tmp_path / "d"), b"\xff\n.yaml"), "wb") as file:
        file.write(b"Name: x\n")
    run = lint(tmp_path / "d")
    assert run.exit_code == 1
    assert f"{tmp_path}/d/\\xff\\n.yaml:1:1: error [missing-required]" in run.stdout


def test_a_file_that_grew_after_its_size_was_read_is_read_to_the_cap(tmp_path: Path) -> None:
    """The first read asks for the size seen; what follows is read too, never past the cap."""
    from mlflow_app_lint.reading.sources import _read_at_most

    path = tmp_path / "grown.yaml"
    path.write_bytes(b"x" * 5000)
    descriptor = os.open(path, os.O_RDONLY)
    try:
        assert _read_at_most(functools.partial(os.read, descriptor), 4001, 11) == b"x" * 4001
        os.lseek(descriptor, 0, os.SEEK_SET)
        assert _read_at_most(functools.partial(os.read, descriptor), 10**6, 11) == b"x" * 5000
    finally:
        os.close(descriptor)
