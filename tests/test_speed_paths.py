"""The quick paths give exactly what the exact ones give.

The quick reader (libyaml, json) must find the same findings as the position-keeping reader for
every file; the compiled validity check must say "valid" exactly when the validator yields no
error; `--jobs` must not change a byte of the report.
"""

from __future__ import annotations

import copy
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mlflow_app_lint.base.limits import MAX_DEPTH
from mlflow_app_lint.base.values import Scalar
from mlflow_app_lint.checking import validity
from mlflow_app_lint.checking.jsonschema_errors import validator_for
from mlflow_app_lint.engine.lint import place, screen
from mlflow_app_lint.engine.results import FileResult
from mlflow_app_lint.operations import DEFAULT
from mlflow_app_lint.policy.selection import given
from mlflow_app_lint.reading import libyaml, quick, scalars
from mlflow_app_lint.reading import plain_block as block_yaml
from mlflow_app_lint.reading.decoding import decode
from mlflow_app_lint.reading.documents import parse, parse_bytes
from mlflow_app_lint.reading.plain import plain_documents

from .conftest import ROOT

CASES = sorted(
    p for p in (ROOT / "tests" / "cases").rglob("*") if p.is_file() and p.suffix != ".expected"
)
EXAMPLES = sorted((ROOT / "examples").iterdir())

GOOD = (ROOT / "examples" / "good.mlflow-app.yaml").read_text(encoding="utf-8")
EDGE_CASES = {
    "yaml-1.1-booleans": "Name: yes\nArtifactStoreUri: on\nRoleArn: off\n",
    "sexagesimal": "Name: x\nWeeklyMaintenanceWindowStart: 03:30\n",
    "numbers": "Name: 0o7\nArtifactStoreUri: .inf\nRoleArn: 1_0\nTags: [{Key: 0x1f, Value: 1e3}]\n",
    "null-and-empty": "Name: ~\nArtifactStoreUri:\nRoleArn: ''\nTags:\n  -\n  - Key:\n",
    "dates": "Name: 2024-01-01\nArtifactStoreUri: 2024-01-01T10:00:00Z\n",
    "tags": "Name: !!str 2024\nRoleArn: !!int abc\nArtifactStoreUri: !custom x\n",
    "python-tag": "Name: !!python/object:os.system ls\n",
    "duplicate": "Name: a\nName: b\nTags:\n  - {Key: a, Key: b}\n",
    "complex-key": "? [a, b]\n: c\nName: x\n",
    "anchors": "Name: &n team\nArtifactStoreUri: *n\nTags: [&t {Key: a, Value: b}, *t]\n",
    "alias-bomb": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcd", "bcde", strict=True)
    ),
    "block-scalars": "Name: |\n  team\nArtifactStoreUri: >-\n  s3://b/\n  x\n",
    "quoted": "Name: \"te\\u0061m\"\nRoleArn: 'arn:aws:iam::123456789012:role/x'\n",
    "crlf": GOOD.replace("\n", "\r\n"),
    "bom": "\ufeff" + GOOD,
    "directive": "%YAML 1.1\n---\nName: yes\n",
    "document-end": GOOD + "...\n" + GOOD,
    "stream": "---\n" + GOOD + "---\n---\n# only a comment\n" + "---\nName: [x\n",
    "stream-with-findings": "\n".join(["---\n" + GOOD, "---\nName: 5\n", "---\n" + GOOD]),
    "first-document-bare": GOOD + "---\nName: x\n---\n" + GOOD.replace("team", "Team!"),
    "syntax-error-later": GOOD + "---\nName: x\n---\nName: [\n",
    "tabs": "Name:\tteam\n",
    "deep-flow": "Name: " + "[" * 6000 + "]" * 6000 + "\n",
    "deep-block": "Name:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 1200)),
    "at-the-depth-cap": "Name: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n",
    "over-the-depth-cap": "Name: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n",
    "deep-then-good": "---\nName: " + "[" * 150 + "]" * 150 + "\n---\n" + GOOD,
    "many-values-then-good": "---\n[" + ",".join(["0"] * 100_001) + "]\n---\n" + GOOD,
    "control-character-later": GOOD + "---\nName: a\x07b\n",
    "fixable-in-a-stream": "---\n" + GOOD + "---\n" + GOOD.replace("Tags:", "Tagz:"),
    "quoted-fix-in-a-stream": "---\n" + GOOD + "---\nName: 2024\n",
    "merge-key-inline": "<<: {Name: team, RoleArn: x}\nName: other\n",
    "merge-key-list": "<<: [{Name: a}, {Name: b, Tags: []}]\n",
    "merge-key-scalar": "<<: text\nName: x\n",
    "comment-before-first": "# top\n\n---\n" + GOOD,
    "separator-with-content": "--- " + GOOD.replace("\n", "\n  ", 0) + "--- text\n",
    "not-a-mapping": "- Name: x\n",
    "empty": "",
    "only-comments": "# nothing\n",
    "scalar-document": "just text\n",
    "unicode": "Name: équipe\nTags: [{Key: Équipe, Value: prévisions}]\n",
    "long-line": "Name: " + "x" * 3000 + "\n",
}
JSON_EDGE_CASES = {
    "numbers": '{"Name": 5, "RoleArn": -0.5e3, "Tags": [{"Key": 1e999, "Value": 123456789012345}]}',
    "constants": '{"Name": NaN, "RoleArn": Infinity, "ArtifactStoreUri": -Infinity}',
    "duplicate": '{"Name": "a", "Name": "b"}',
    "nested-duplicate": '{"Tags": [{"Key": "a", "Key": "b", "Value": "c"}]}',
    "escapes": '{"Name": "te\\u0061m", "RoleArn": "a\\/b"}',
    "trailing-comma": '{"Name": "a",}',
    "literals": '{"Name": true, "RoleArn": null, "ArtifactStoreUri": false}',
    "scalar": '"text"',
    "deep": "[" * 5000 + "]" * 5000,
    "many-values": "[" + ",".join(["0"] * 100_001) + "]",
    "tabs": '{\t"Name":\t"team"}',
}


def _same_as_exact(text: str | bytes, is_json: bool) -> None:
    """The same findings, fixable marks included (each proven on its document's part)."""
    data = text.encode() if isinstance(text, str) else text
    quick_documents = parse_bytes(data, is_json, quick.read)
    quick_result = place(quick_documents, "f", given(DEFAULT), prove=True)
    exact_documents = parse_bytes(data, is_json)
    exact_result = place(exact_documents, "f", given(DEFAULT), prove=True)
    assert quick_result == exact_result
    _screen_agrees(data, is_json, exact_result)


def _screen_agrees(data: bytes, is_json: bool, exact_result: FileResult) -> None:
    """What the screen reads is what the exact reader reads, and it passes only clean files."""
    text = decode(data, is_json)
    if not isinstance(text, str):
        return
    plain = plain_documents(text, is_json)
    if plain is not None:
        assert plain == [document.data for document in parse(text, is_json)]
    selections = screen(text, is_json, given(DEFAULT))
    if selections is not None:
        assert (exact_result.findings, exact_result.documents) == ((), len(selections))


@pytest.mark.parametrize("path", CASES + EXAMPLES, ids=lambda p: p.name)
def test_quick_reading_finds_what_the_exact_reading_finds(path: Path) -> None:
    _same_as_exact(path.read_bytes(), path.suffix == ".json")


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_quick_reading_of_yaml_edge_cases(name: str) -> None:
    _same_as_exact(EDGE_CASES[name], False)


@pytest.mark.parametrize("name", sorted(JSON_EDGE_CASES))
def test_quick_reading_of_json_edge_cases(name: str) -> None:
    _same_as_exact(JSON_EDGE_CASES[name], True)


def test_all_cases_as_one_stream_read_part_by_part() -> None:
    """Every YAML case as one stream: documents with findings are re-read part by part."""
    parts = [
        p.read_bytes().decode("utf-8-sig", "replace")
        for p in CASES + EXAMPLES
        if p.suffix == ".yaml"
    ]
    parts = [text for text in parts if "Name: [" not in text]  # a syntax error ends a stream
    _same_as_exact("".join("---\n" + text for text in parts), False)


MUTATION_CHARACTERS = list(":-[]{},#&*!|>'\"%@`?\n\t ~.0aZ\\é")


def test_quick_reading_of_mutated_files() -> None:
    """Random small edits (seeded) of the examples, one stream among them: libyaml and
    ruamel.yaml must agree on every one, or the quick reader must leave it to the exact one."""
    good_json = (ROOT / "examples" / "good.mlflow-app.json").read_text(encoding="utf-8")
    bases = [(GOOD, False), (good_json, True), ("---\n" + GOOD + "---\n" + GOOD, False)]
    rng = random.Random(7)
    for _ in range(300):
        base, is_json = rng.choice(bases)
        characters = list(base)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(characters))
            edit = rng.choice(["insert", "delete", "replace"])
            if edit == "insert":
                characters.insert(at, rng.choice(MUTATION_CHARACTERS))
            elif edit == "delete":
                del characters[at]
            else:
                characters[at] = rng.choice(MUTATION_CHARACTERS)
        _same_as_exact("".join(characters), is_json)


def test_plain_strings_are_those_ruamel_yaml_resolves_as_strings() -> None:
    """scalars.plain_string answers most values without ruamel.yaml's resolver: the same answers."""
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    resolver = VersionedResolver(version=None)
    rng = random.Random(5)
    alphabet = "tTfFnNyYoO~<=!&*-+.0123456789eE_:xXbaZul sr"
    samples = [
        *scalars.NON_STRING_WORDS,
        *("yes", "no", "on", "off", "y", "n", "tRue", "nul", "~a", "<<<", "==", ".inf", "-.Inf"),
        *("1_0", "0x1F", "0o17", "2024-01-01", "12:30", "team", "Tue:03:30", "=x", "!x"),
        *("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for _ in range(20000)),
    ]
    for value in samples:
        tag = resolver.resolve(ScalarNode, value, (True, False))
        assert scalars.plain_string(value) == (tag == resolver.DEFAULT_SCALAR_TAG), value


def test_unprintable_characters_are_those_ruamel_yaml_refuses() -> None:
    from ruamel.yaml.reader import Reader

    every_character = "".join(map(chr, range(0x110000)))
    assert libyaml.UNPRINTABLE.findall(every_character) == Reader.NON_PRINTABLE.findall(
        every_character
    )


def test_the_screen_passes_clean_files() -> None:
    """Guards the comparisons: the screen reads clean files, and so is compared at all."""
    good_json = (ROOT / "examples" / "good.mlflow-app.json").read_text(encoding="utf-8")
    assert len(screen(GOOD, False, given(DEFAULT))) == 1
    # A stream is read, but never passed: a second document is a finding (multi-document).
    assert len(plain_documents("---\n" + GOOD + "---\n" + GOOD, False) or []) == 2
    assert len(plain_documents("# top\n" + GOOD + "---\n" + GOOD, False) or []) == 2
    assert screen("---\n" + GOOD + "---\n" + GOOD, False, given(DEFAULT)) is None
    assert len(screen(good_json, True, given(DEFAULT))) == 1
    assert len(screen(good_json.replace("  ", "\t"), True, given(DEFAULT))) == 1
    assert screen(GOOD.replace("team", "Team!"), False, given(DEFAULT)) is None


BLOCK_STYLES = [
    GOOD,
    "---\n" + GOOD + "--- # second\n" + GOOD.replace("Tags:\n", "Tags: []\nX:\n"),
    "Name: 'it''s' # c\nTags:\n- Key: \"k: #v\"\n  Value: a b  \n-   Key: x\n    Value: y\n",
    "  Name: x\n  DefaultDomainIdList:\n  - d-abc\n  - 'd-def'\n  Tags:\n    - Key: k\n",
    "Tags:\n  - Key:\n    - a\n    Value: b\nName: s3://b/x#y\n",
]


def _line_mutation(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    edit = rng.choice(["indent", "dedent", "duplicate", "swap", "join", "character", "delete"])
    if edit == "indent":
        lines[at] = " " * rng.randint(1, 3) + lines[at]
    elif edit == "dedent":
        lines[at] = lines[at][rng.randint(1, 2) :]
    elif edit == "duplicate":
        lines.insert(at, lines[at])
    elif edit == "swap":
        other = rng.randrange(len(lines))
        lines[at], lines[other] = lines[other], lines[at]
    elif edit == "join" and at + 1 < len(lines):
        lines[at : at + 2] = [lines[at] + rng.choice(["", " ", ": ", " #"]) + lines[at + 1]]
    elif edit == "character" and lines[at]:
        position = rng.randrange(len(lines[at]) + 1)
        character = rng.choice(MUTATION_CHARACTERS)
        lines[at] = lines[at][:position] + character + lines[at][position:]
    else:
        del lines[at]
    return "\n".join(lines)


def test_the_line_reader_reads_what_the_exact_reader_reads() -> None:
    """Thousands of seeded edits to the lines of block-style files: whenever the line reader
    does not give up, it reads the data the exact reader reads, with no parse problem."""
    rng = random.Random(11)
    read = 0
    for _ in range(3000):
        text = rng.choice(BLOCK_STYLES)
        for _ in range(rng.randint(1, 3)):
            text = _line_mutation(rng, text)
        try:
            documents = block_yaml.read(text)
        except block_yaml.GiveUp:
            continue
        if libyaml.parts(text, False) is None:
            continue  # the screen never asks it
        read += 1
        exact = list(parse(text, False))
        assert all(not document.problems for document in exact), text
        assert documents == [document.data for document in exact], text
    assert read > 500  # the comparison ran on many files


def test_quick_reading_is_used_for_plain_files() -> None:
    """Guards the equivalence tests: they compare two readings only if the quick one runs."""
    stream = "---\n" + GOOD + "---\n" + GOOD
    assert all(document.part is not None for document in quick.read(stream, False))
    json_text = (ROOT / "examples" / "good.mlflow-app.json").read_text(encoding="utf-8")
    assert all(document.part is not None for document in quick.read(json_text, True))


def _mutations() -> list[object]:
    base = {
        "Name": "team",
        "ArtifactStoreUri": "s3://bucket/x",
        "RoleArn": "arn:aws:iam::123456789012:role/r",
        "AccountDefaultStatus": "ENABLED",
        "WeeklyMaintenanceWindowStart": "Tue:03:30",
        "DefaultDomainIdList": ["d-abc123"],
        "Tags": [{"Key": "k", "Value": "v"}],
    }
    values = [
        None, True, False, "", "x", "ENABLED", "enabled", "d-abc", " s3://b", "x" * 2000,
        Scalar("5", "integer"), Scalar("1.5", "number"), Scalar("2024-01-01", "date"),
        "aws:x", "AWS:x", "aws:bad key!",
        [], ["d-abc123"] * 20, [{"Key": "k"}], {}, {"Key": "k", "Value": "v", "Extra": 1},
    ]  # fmt: skip
    mutated: list[object] = [base, {}, [], "text", None, Scalar("1", "integer")]
    for key in [*base, "Unknown", "$schema"]:
        for value in values:
            request = copy.deepcopy(base)
            request[key] = value
            mutated.append(request)
        without = copy.deepcopy(base)
        without.pop(key, None)
        mutated.append(without)
    for value in values:
        request = copy.deepcopy(base)
        request["Tags"] = [{"Key": value, "Value": value}, value]
        mutated.append(request)
    return mutated


def test_validity_check_agrees_with_the_validator() -> None:
    checks = DEFAULT.schema_check.compiled
    assert checks is not None, "the schema uses a keyword validity.py does not compile"
    quick_check = checks.compile(checks.root)
    validator = DEFAULT.schema_check.validator
    for data in _mutations():
        assert quick_check(data) == (not list(validator.iter_errors(data))), data


def test_basic_types_are_the_validators_types() -> None:
    checker = validator_for({}).TYPE_CHECKER
    for value in [None, True, 0, 1.5, "s", [], {}, Scalar("1", "integer")]:
        for name, test in validity.BASIC_TYPES.items():
            assert test(value) == checker.is_type(value, name), (value, name)


def _report(folder: Path, *options: str) -> bytes:
    command = [
        sys.executable,
        "-m",
        "mlflow_app_lint",
        "check",
        "--color",
        "never",
        *options,
        str(folder),
    ]
    return subprocess.run(command, capture_output=True, cwd=ROOT, check=False).stdout


def test_jobs_do_not_change_the_report(tmp_path: Path) -> None:
    sources = [p for p in CASES + EXAMPLES if p.suffix in (".yaml", ".json")]
    for copy_number in range(8):  # enough files that two workers really run
        folder = tmp_path / f"batch-{copy_number}"
        folder.mkdir()
        for source in sources:
            shutil.copy(source, folder / source.name)
    for format_name in ("json", "sarif", "text"):
        in_process = _report(tmp_path, "--format", format_name, "--jobs", "1")
        assert b"duplicate-key" in in_process
        assert _report(tmp_path, "--format", format_name, "--jobs", "2") == in_process
        assert _report(tmp_path, "--format", format_name, "--jobs", "3") == in_process
        assert _report(tmp_path, "--format", format_name) == in_process


def test_narrowed_validation_finds_what_the_validator_finds() -> None:
    """jsonschema run only on the invalid parts yields the errors it yields on the whole."""
    from mlflow_app_lint.checking.jsonschema_errors import narrowed_errors

    checks = DEFAULT.schema_check.compiled
    validator = DEFAULT.schema_check.validator

    def seen(errors) -> list[tuple]:
        return sorted(
            (tuple(map(str, e.absolute_path)), str(e.validator), e.message, id(e.schema))
            for e in errors
        )

    for data in _mutations():
        expected = seen(validator.iter_errors(data))
        assert seen(narrowed_errors(validator, checks, data)) == expected, data
