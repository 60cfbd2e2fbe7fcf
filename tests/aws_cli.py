"""The AWS CLI's reading of a request file, reproduced, and a corpus to compare the linter with it.

The oracle is what happens to a file sent with `aws sagemaker create-mlflow-app --cli-input-yaml
file://...` (or `--cli-input-json`) by the AWS CLI v2 (awscli/customizations/cliinput.py,
awscli/paramfile.py), then by botocore and the service:

1. The file is opened as text: UTF-8 (not utf-8-sig: a byte-order mark stays a character), with
   universal newlines.
2. YAML: `YAML(typ='safe', pure=True).load(text)`, ruamel.yaml as the CLI bundles it (0.19.1 in
   2.35 and later): one document, YAML 1.2 unless `%YAML 1.1`. JSON: `json.loads(text)`.
   Any exception refuses the file ("Invalid YAML received", or an error the CLI prints).
3. Anything but a mapping is refused ("Invalid type: expecting map").
4. botocore's client-side validator (ParamValidator: required members, unknown members, types,
   minimum lengths) on the model's input shape.
5. What the service checks with the same model: maximum lengths and list sizes, enums, and
   patterns (whole value, Java semantics: `\\d` is ASCII, `.` is no line terminator).

The result names the members it refuses by JSON pointer (steps 3-5), or the line where loading
failed (steps 1-2), or nothing (accepted). The reserved `aws:` tag prefix and unique tag keys are
the service's own decisions, which no model states: the corpus does not test them.
"""

from __future__ import annotations

import functools
import io
import json
import warnings
from dataclasses import dataclass, field
from typing import Any

import regex

OPERATION = ("sagemaker", "CreateMlflowApp")


@dataclass(frozen=True)
class Verdict:
    """What the AWS CLI, botocore and the service make of a file."""

    loaded: bool
    """The CLI's loader read it (into a mapping or not)."""
    pointers: frozenset[str] = frozenset()
    """Members refused after loading (the root, "", when it is no mapping)."""
    line: int | None = None
    """For a file the loader refused: the 1-based line it names, when it names one."""
    reason: str = ""

    @property
    def accepted(self) -> bool:
        return self.loaded and not self.pointers


def cli_text(data: bytes) -> str:
    """The file's text as `compat_open(path, 'r')` reads it: UTF-8, universal newlines."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()


def cli_load(data: bytes, is_json: bool) -> Any:
    """The request as the AWS CLI v2 loads it; raises what the CLI would fail with."""
    text = cli_text(data)
    if is_json:
        return json.loads(text)
    from ruamel.yaml import YAML

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ruamel warns of YAML 1.1 floats such as 1e3
        return YAML(typ="safe", pure=True).load(text)


def verdict(data: bytes, is_json: bool) -> Verdict:
    try:
        request = cli_load(data, is_json)
    except Exception as error:  # the CLI refuses the file, whatever the exception
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        if isinstance(error, json.JSONDecodeError):
            line = error.lineno
        return Verdict(False, line=line, reason=f"{type(error).__name__}: {error}"[:200])
    if not isinstance(request, dict):
        return Verdict(True, frozenset({""}), reason="not a mapping")
    return Verdict(True, frozenset(refused_members(request)))


@functools.cache
def input_shape() -> Any:
    import botocore.session

    service, operation = OPERATION
    model = botocore.session.get_session().get_service_model(service)
    return model.operation_model(operation).input_shape


def refused_members(request: dict) -> set[str]:
    """JSON pointers of the members botocore's validator or the service's model checks refuse."""
    from botocore.validate import ParamValidator

    report = ParamValidator().validate(request, input_shape())
    pointers = {_pointer(name, details) for _, name, details in report._errors}
    _service_checks(request, input_shape(), "", pointers)
    return pointers


def _pointer(name: str, details: dict) -> str:
    """botocore's '.Tags[0].Key' (and the member a missing or unknown error names) as a pointer."""
    path = name.replace("[", ".").replace("]", "").lstrip(".")
    parts = [part for part in path.split(".") if part] if path else []
    for extra in ("required_name", "unknown_param"):
        if extra in details:
            name = details[extra]
            # A key that is no string (null, a number, a list) has no one spelling: any key.
            parts.append(name if isinstance(name, str) else "*")
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def _service_checks(value: Any, shape: Any, pointer: str, pointers: set[str]) -> None:
    """Maximum lengths, list sizes, enums and patterns, on values of the right type only (a
    wrong type is botocore's error already)."""
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                _service_checks(value[name], member, f"{pointer}/{_escape(name)}", pointers)
    elif kind == "list" and isinstance(value, list | tuple):
        if "max" in shape.metadata and len(value) > shape.metadata["max"]:
            pointers.add(pointer)
        for index, item in enumerate(value):
            _service_checks(item, shape.member, f"{pointer}/{index}", pointers)
    elif kind == "string" and isinstance(value, str):
        maximum = shape.metadata.get("max")
        pattern = shape.metadata.get("pattern")
        if (
            (maximum is not None and len(value) > maximum)
            or (shape.enum and value not in shape.enum)
            or (pattern is not None and not java_matches(pattern, value))
        ):
            pointers.add(pointer)


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


JAVA_LINE_TERMINATORS = "\n\r\u0085\u2028\u2029"


@functools.cache
def _java_pattern(pattern: str) -> regex.Pattern:
    """A Java pattern for `regex`: `.` matches no line terminator, `\\d` only ASCII digits
    (Java's defaults); `\\p{L}` and the other classes read the same. The model's patterns use
    nothing else that the two engines read differently."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            out.append(
                "0-9" if char == "d" and in_class else "[0-9]" if char == "d" else "\\" + char
            )
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "]":
            in_class = False
            out.append(char)
        elif char == "." and not in_class:
            out.append(f"[^{JAVA_LINE_TERMINATORS}]")
        else:
            out.append(char)
    return regex.compile("".join(out))


def java_matches(pattern: str, value: str) -> bool:
    """Java's `Pattern.matches`: the whole value."""
    return _java_pattern(pattern).fullmatch(value) is not None


# ---------------------------------------------------------------------------------------------
# The corpus: a valid request with one member spelled many ways.


@dataclass(frozen=True)
class Slot:
    """A member of the request where a spelling is put."""

    name: str
    pointer: str


NAME = Slot("Name", "/Name")
TAG_VALUE = Slot("Tags[0].Value", "/Tags/0/Value")
DOMAIN_ID = Slot("DefaultDomainIdList[0]", "/DefaultDomainIdList/0")
STATUS = Slot("AccountDefaultStatus", "/AccountDefaultStatus")
SLOTS = (NAME, TAG_VALUE, DOMAIN_ID, STATUS)

GOOD = {
    NAME: "my-app",
    TAG_VALUE: "forecasting",
    DOMAIN_ID: "d-abc123",
    STATUS: "ENABLED",
}


@dataclass(frozen=True)
class Case:
    """One corpus file: its name, bytes, whether it is JSON, and where the spelling is."""

    name: str
    data: bytes
    is_json: bool
    pointer: str = ""
    """The member the spelling was put in ("" for a case about the whole file)."""
    line: int = 1
    """The (1-based) line the spelling starts on."""
    tags: tuple[str, ...] = field(default=())


def block_request(slot: Slot | None = None, spelling: str = "", before: str = "") -> Case:
    """The request in block style, with `spelling` (one line, or several: the first follows the
    key, the others are indented under it) as the value of `slot`."""
    values = {s: GOOD[s] for s in SLOTS}
    lines = before.splitlines()
    first, *rest = spelling.split("\n") if slot is not None else [""]

    def put(key_line: str, indent: int, slot_here: Slot) -> None:
        if slot is slot_here:
            lines.append(key_line + first)
            at[0] = len(lines)
            lines.extend(" " * (indent + 2) + line if line else "" for line in rest)
        else:
            lines.append(key_line + values[slot_here])

    at = [0]
    put("Name: ", 0, NAME)
    lines.append("ArtifactStoreUri: s3://bucket/path")
    lines.append("RoleArn: arn:aws:iam::123456789012:role/r")
    put("AccountDefaultStatus: ", 0, STATUS)
    lines.append("DefaultDomainIdList:")
    put("  - ", 2, DOMAIN_ID)
    lines.append("Tags:")
    lines.append("  - Key: team")
    put("    Value: ", 4, TAG_VALUE)
    text = "\n".join(lines) + "\n"
    return Case("", text.encode("utf-8"), False, slot.pointer if slot else "", at[0])


def flow_request(slot: Slot, spelling: str) -> Case:
    """The request in flow style, on one line."""
    values = {s: GOOD[s] for s in SLOTS}
    values[slot] = spelling
    text = (
        f"{{Name: {values[NAME]}, ArtifactStoreUri: s3://bucket/path, "
        f'RoleArn: "arn:aws:iam::123456789012:role/r", '
        f"AccountDefaultStatus: {values[STATUS]}, DefaultDomainIdList: [{values[DOMAIN_ID]}], "
        f"Tags: [{{Key: team, Value: {values[TAG_VALUE]}}}]}}\n"
    )
    return Case("", text.encode("utf-8"), False, slot.pointer, 1)


def json_request(slot: Slot, spelling: str) -> Case:
    values = {s: json.dumps(GOOD[s]) for s in SLOTS}
    values[slot] = spelling
    text = (
        "{\n"
        f'  "Name": {values[NAME]},\n'
        '  "ArtifactStoreUri": "s3://bucket/path",\n'
        '  "RoleArn": "arn:aws:iam::123456789012:role/r",\n'
        f'  "AccountDefaultStatus": {values[STATUS]},\n'
        f'  "DefaultDomainIdList": [{values[DOMAIN_ID]}],\n'
        f'  "Tags": [{{"Key": "team", "Value": {values[TAG_VALUE]}}}]\n'
        "}\n"
    )
    line = {NAME: 2, STATUS: 5, DOMAIN_ID: 6, TAG_VALUE: 7}[slot]
    return Case("", text.encode("utf-8"), True, slot.pointer, line)


BOOLEANS = "true True TRUE tRue false False FALSE yes Yes YES no No NO on On ON off Off OFF y Y n N"
NULLS = "~ null Null NULL nULL"
INTEGERS = (
    "0 7 -7 +7 007 08 0o17 0o8 0x1F 0x1f 0xG 0b101 0b2 1_000 _1 -_ +_ 0_ 0x_ 0b_ 0o_ 1__0 "
    "12345678901234567890 -0 +0"
)
FLOATS = (
    "1.5 -1.5 .5 1. 1e3 1E3 1.0e+3 1e-3 1.0e3 +1.5 .inf -.inf +.inf .Inf .INF .nan .NaN .NAN "
    "1_0.5 6.8523015e+5 685.230_15e+03 190:20:30.15 -. ."
)
SEXAGESIMAL = "1:20 190:20:30 -1:20 1:60 0:0"
DATES = (
    "2024-01-01 2024-1-1 2024-01-1 2024-13-45 2024-02-30 0000-00-00 2002-12-14 "
    "2001-12-14t21:59:43.10-05:00 2001-12-15T02:59:43.1Z 2024-01-01T10:00:00 "
    "2024-01-01T25:00:00 12:30 Tue:03:30 2024-01-01T10:00:00+01:00"
)
WORDS = (
    "1.2.3 1e 0x 0o 1_e3 -- . .. = < << ?x a:b a#b x%y @x `x \U0001d7d9 é 🚀 Équipe ml-platform "
    "d-abc123 d-ABC ENABLED enabled DISABLED a/b s3://x"
)
PLAIN = " ".join((BOOLEANS, NULLS, INTEGERS, FLOATS, SEXAGESIMAL, DATES, WORDS)).split()

QUOTED = [
    '"true"',
    "'yes'",
    '"2024"',
    "''",
    '""',
    '"null"',
    "'It''s'",
    '"~"',
    "'2024-01-01'",
    '"1:20"',
    "'0o17'",
    '"Tue:03:30"',
    '" padded "',
    '"a #b"',
    "'a: b'",
]
ESCAPES = [
    r'"\x41"',
    r'"\x7f"',
    r'"\x85"',
    r'"\xa0"',
    r'"\u00e9"',
    r'"\u2028"',
    r'"\u2029"',
    r'"\uffff"',
    r'"\ufffe"',
    r'"\ud800"',
    r'"\udc00"',
    r'"\U0001F600"',
    r'"\U0010FFFF"',
    r'"\U00110000"',
    r'"\UFFFFFFFF"',
    r'"\N"',
    r'"\_"',
    r'"\L"',
    r'"\P"',
    r'"\t"',
    r'"\n"',
    r'"\r"',
    r'"\0"',
    r'"\a"',
    r'"\b"',
    r'"\e"',
    r'"\f"',
    r'"\v"',
    r'"\ "',
    r'"\/"',
    r'"\""',
    r'"\\"',
    r'"\q"',
    r'"\x4"',
    r'"\u12"',
    r"""'\n'""",
    r'"a\tb"',
    r'"d-abc\x2d1"',
]
TAGGED = [
    "!!str 2024",
    "!!str yes",
    '!!str ""',
    "!!str",
    "!!int 7",
    "!!int abc",
    "!!int 0x1F",
    "!!bool yes",
    "!!bool maybe",
    "!!bool true",
    "!!float 1",
    "!!float abc",
    "!!null x",
    '!!null ""',
    "!!map x",
    "!!seq x",
    "!!map {}",
    "!!seq []",
    "!!map",
    "!!timestamp 2024-01-01",
    "!!timestamp x",
    "!!binary aGVsbG8=",
    "!!set {a}",
    "!!omap [a: b]",
    "!!pairs [a: b]",
    "!custom x",
    "! x",
    "! 2024",
    "!<tag:yaml.org,2002:str> x",
    "!<x> y",
    "!!str {a: b}",
    "!!str [a]",
    "!!python/name:os.system x",
    "!!merge x",
    "!!value x",
    "!!str &a x",
    "&a !!str x",
    "!!map {Key: a}",
]
NODES = [
    "&a x",
    "*a",
    "&a &b x",
    "[]",
    "{}",
    "[a]",
    "{a: b}",
    "[a, b]",
    "[x",
    "{a",
    "x]",
    "x # c",
    "x#c",
    '"x" #c',
    "'x'#c",
    "",
    "- a",
    "? a",
    ": a",
    "a: b",
    "&a [*a]",
]
MULTI_LINE = [
    "\na",
    "\n- a",
    "\nKey: a",
    "a\nb",
    "a\n\nb",
    '"a\nb"',
    '"a\\\nb"',
    "'a\n\nb'",
    "|\na",
    "|-\na",
    "|+\na\n",
    "|\na\nb",
    ">\na\nb",
    ">-\na\nb",
    ">+\na\n",
    "|2\n  a",
    "|1\n a",
    ">\n a\nb",
    "|\n\na",
    "|-\n",
    "|x\na",
    "| # c\na",
]
RAW = [
    "a\x7fb",
    "a\x85b",
    "a\u2028b",
    "a\ufffeb",
    "a\uffffb",
    "a\u00a0b",
    "a\tb",
    "\ufeffx",
    "a\u200bb",
    "a\x9fb",
]

DIRECTIVES_11 = PLAIN + QUOTED[:6] + ["!!bool yes", "!!int 010", "010", "0b101", "1_000", "1:20"]

JSON_VALUES = [
    "true",
    "false",
    "null",
    "0",
    "1",
    "-1",
    "1.5",
    "1e3",
    "1E400",
    "-0",
    "NaN",
    "Infinity",
    "-Infinity",
    '""',
    '"x"',
    '"\\u00e9"',
    '"\\ud800"',
    '"\\udc00"',
    '"\\ud83d\\ude00"',
    '"\\u0000"',
    '"\\/"',
    '"\\u2028"',
    '"\\u0085"',
    "[]",
    "{}",
    '["x"]',
    '{"a": "b"}',
    '"a\x7fb"',
    '"a\x85b"',
    '"a\u2028b"',
    '"a\uffffb"',
    '"a\ufffeb"',
    '"a\x9fb"',
    '"a\tb"',
    '"ENABLED"',
    '"d-abc123"',
    '"ml-platform"',
    "1" * 5000,
    "1.5e-400",
    "'x'",
    "x",
    '"\\x41"',
    '"\\U0001F600"',
    '"\U0001f600"',
    '"a\\nb"',
]


def _structural() -> list[tuple[str, str, str, int]]:
    """Whole YAML files: (name, text, pointer, line) about streams, directives, merge keys,
    anchors, duplicate keys and byte-order marks."""
    request = (
        "Name: my-app\nArtifactStoreUri: s3://bucket/path\n"
        "RoleArn: arn:aws:iam::123456789012:role/r\n"
    )
    tag = "Tags:\n  - Key: team\n    Value: forecasting\n"
    cases = [
        ("stream", request + "---\n" + request, "", 4),
        ("stream-leading-start", "---\n" + request, "", 1),
        ("stream-trailing-start", request + "---\n", "", 4),
        ("stream-document-end", request + "...\n", "", 1),
        ("stream-after-end", request + "...\n" + request, "", 5),
        ("stream-end-comment", request + "...\n# done\n", "", 1),
        ("stream-empty-pair", "---\n---\n", "", 2),
        ("yaml-1.1", "%YAML 1.1\n---\n" + request, "", 1),
        ("yaml-1.2", "%YAML 1.2\n---\n" + request, "", 1),
        ("yaml-1.0", "%YAML 1.0\n---\n" + request, "", 1),
        ("yaml-1.3", "%YAML 1.3\n---\n" + request, "", 1),
        ("yaml-2.0", "%YAML 2.0\n---\n" + request, "", 1),
        ("yaml-long", "%YAML 1." + "1" * 5000 + "\n---\n" + request, "", 1),
        ("yaml-huge", "%YAML 1." + "9" * 40 + "\n---\n" + request, "", 1),
        ("yaml-twice", "%YAML 1.2\n%YAML 1.2\n---\n" + request, "", 2),
        ("yaml-no-start", "%YAML 1.2\n" + request, "", 2),
        (
            "tag-directive",
            "%TAG !e! tag:yaml.org,2002:\n---\n" + request + "Tags:\n"
            "  - Key: team\n    Value: !e!str 2024\n",
            "",
            7,
        ),
        (
            "tag-directive-other",
            "%TAG !e! tag:example.com,2000:\n---\n"
            + request
            + "Tags:\n  - Key: team\n    Value: !e!x a\n",
            "/Tags/0/Value",
            7,
        ),
        ("merge", "base: &t {Key: team, Value: forecasting}\n", "", 1),
        (
            "merge-tag",
            request + "Tags:\n  - &t {Key: team, Value: forecasting}\n  - <<: *t\n    Key: other\n",
            "",
            5,
        ),
        (
            "merge-two-keys",
            request + "Tags:\n  - &a {Key: team}\n  - &b {Value: x}\n  - <<: *a\n    <<: *b\n",
            "",
            8,
        ),
        (
            "merge-two-keys-first-empty",
            request + "Tags:\n  - &b {Key: k, Value: x}\n  - <<: {}\n    <<: *b\n    Key: k2\n",
            "",
            6,
        ),
        (
            "merge-list",
            request
            + "Tags:\n  - &a {Key: a1, Value: x}\n  - &b {Key: b1, Value: y}\n"
            + "  - <<: [*a, *b]\n    Key: c1\n",
            "",
            7,
        ),
        (
            "merge-duplicate",
            request + "Tags:\n  - &a {Key: team, Value: x}\n  - <<: *a\n    Key: k\n    Key: j\n",
            "",
            8,
        ),
        ("merge-root-duplicate", "<<: {Name: base}\n" + request + "Name: again\n", "", 5),
        ("merge-self", request + "Tags:\n  - &t\n    <<: *t\n    Key: team\n    Value: x\n", "", 6),
        (
            "merge-self-list",
            request + "Tags:\n  - &t\n    <<: [*t]\n    Key: team\n    Value: x\n",
            "",
            6,
        ),
        ("merge-self-only", request + "Tags:\n  - &t\n    <<: *t\n", "/Tags/0", 5),
        (
            "merge-parent",
            request + "Tags:\n  - &t\n    Key: team\n    Value: x\n    Extra:\n      <<: *t\n",
            "/Tags/0/Extra",
            8,
        ),
        ("merge-root", "&r\n" + request + "Tags:\n  - <<: *r\n", "/Tags/0", 5),
        ("merge-scalar", request + "Tags:\n  - <<: x\n    Key: a\n    Value: b\n", "", 5),
        ("merge-list-scalar", request + "Tags:\n  - <<: [x]\n    Key: a\n    Value: b\n", "", 5),
        (
            "merge-inline-duplicates",
            request + "Tags:\n  - <<: {Key: a, Key: b}\n    Value: v\n",
            "",
            5,
        ),
        (
            "merge-dropped-bad",
            request + "Tags:\n  - <<: {Value: !!int abc}\n    Key: a\n    Value: b\n",
            "/Tags/0/Value",
            5,
        ),
        (
            "merge-dropped-map-tag",
            request + "Tags:\n  - <<: {Value: !!map x}\n    Key: a\n    Value: b\n",
            "",
            5,
        ),
        (
            "merge-nested",
            request
            + "Tags:\n  - &a {Key: a1, Value: x}\n  - &b {<<: *a, Key: b1}\n"
            + "  - <<: *b\n    Key: c1\n",
            "",
            7,
        ),
        (
            "merge-override",
            request + "Tags:\n  - <<: {Key: a1, Value: 1}\n    Value: one\n",
            "",
            5,
        ),
        ("merge-value-key", request + "Tags:\n  - {Key: team, =: x, Value: y}\n", "", 5),
        (
            "anchor-alias",
            "Name: &n my-app\nArtifactStoreUri: s3://bucket/path\n"
            "RoleArn: arn:aws:iam::123456789012:role/r\nTags:\n  - Key: app\n    Value: *n\n",
            "",
            6,
        ),
        ("anchor-list-item", request + "DefaultDomainIdList: [&d d-abc123, *d]\n", "", 4),
        ("anchor-recursive", request + "Tags: &l\n  - *l\n", "/Tags/0", 5),
        (
            "anchor-recursive-map",
            request + "Tags:\n  - &t\n    Key: a\n    Value: *t\n",
            "/Tags/0/Value",
            7,
        ),
        ("anchor-undefined", request + "Tags:\n  - Key: a\n    Value: *nowhere\n", "", 6),
        (
            "anchor-reused",
            request.replace("my-app", "&a my-app") + "Tags:\n  - Key: &a k\n    Value: *a\n",
            "",
            6,
        ),
        ("duplicate-root", request + "Name: again\n", "", 4),
        ("duplicate-tag", request + "Tags:\n  - Key: a\n    Value: b\n    Value: c\n", "", 7),
        (
            "duplicate-typed",
            request + "Tags:\n  - Key: a\n    Value: b\n    ? !!str Value\n    : c\n",
            "",
            7,
        ),
        ("duplicate-int-str", request + "1: a\n'1': b\n", "/1", 4),
        ("duplicate-bool", request + "true: a\nTrue: b\n", "", 5),
        ("key-quoted", request.replace("Name:", '"Name":'), "", 1),
        ("key-int", request + "2024: x\n", "/2024", 4),
        ("key-null", request + "~: x\n", "/null", 4),
        ("key-complex", request + "? [a]\n: x\n", "", 4),
        ("root-list", "- " + request.replace("\n", "\n  ").rstrip() + "\n", "", 1),
        ("root-scalar", "my-app\n", "", 1),
        ("root-null", "~\n", "", 1),
        (
            "root-tagged-omap",
            "!!omap\n- Name: my-app\n- ArtifactStoreUri: s3://bucket/path\n"
            "- RoleArn: arn:aws:iam::123456789012:role/r\n",
            "",
            1,
        ),
        ("empty", "", "", 1),
        ("comment-only", "# nothing\n", "", 1),
        ("bom", "\ufeff" + request, "", 1),
        ("crlf", (request + tag).replace("\n", "\r\n"), "", 1),
        ("cr", (request + tag).replace("\n", "\r"), "", 1),
        ("tabs", request + "Tags:\n\t- Key: a\n", "", 5),
        ("deep", request + "Tags: " + "[" * 120 + "]" * 120 + "\n", "/Tags", 4),
    ]
    return cases


def corpus() -> list[Case]:
    """Every case, with a unique name (a file name a run can report)."""
    cases: list[Case] = []

    def add(case: Case, name: str, tags: tuple[str, ...]) -> None:
        cases.append(Case(name, case.data, case.is_json, case.pointer, case.line, tags))

    one_line = PLAIN + QUOTED + ESCAPES + TAGGED + NODES + RAW
    for number, spelling in enumerate(one_line + MULTI_LINE):
        for slot in SLOTS:
            add(block_request(slot, spelling), f"b{number:03d}-{slot.name}.yaml", ("block",))
            if "\n" not in spelling:
                add(flow_request(slot, spelling), f"f{number:03d}-{slot.name}.yaml", ("flow",))
    for number, spelling in enumerate(DIRECTIVES_11):
        case = block_request(TAG_VALUE, spelling, before="%YAML 1.1\n---")
        add(case, f"v{number:03d}-yaml11.yaml", ("directive",))
    for number, spelling in enumerate(JSON_VALUES):
        for slot in SLOTS:
            add(json_request(slot, spelling), f"j{number:03d}-{slot.name}.json", ("json",))
    for name, text, pointer, line in _structural():
        cases.append(Case(f"s-{name}.yaml", text.encode("utf-8"), False, pointer, line, ("yaml",)))
    json_good = json_request(NAME, '"my-app"').data
    json_cases = [
        ("bom", b"\xef\xbb\xbf" + json_good, "", 1),
        ("duplicate", json_good.replace(b'  "RoleArn"', b'  "Name": "other",\n  "RoleArn"'), "", 3),
        ("duplicate-bad-first", json_good.replace(b"{\n", b'{\n  "Name": 1,\n', 1), "", 2),
        ("duplicate-bad-last", json_good.replace(b"\n}", b',\n  "Name": 1\n}'), "/Name", 8),
        ("surrogate-key", json_good.replace(b"{\n", b'{\n  "\\ud800": "x",\n', 1), "/\ud800", 2),
        (
            "long-key",
            json_good.replace(b"{\n", b'{\n  "' + b"k" * 1100 + b'": "x",\n', 1),
            "/" + "k" * 1100,
            2,
        ),
        ("crlf", json_good.replace(b"\n", b"\r\n"), "", 1),
        ("root-list", b"[" + json_good + b"]", "", 1),
        ("root-string", b'"x"\n', "", 1),
        ("empty", b"", "", 1),
        ("tab-indent", json_good.replace(b"  ", b"\t"), "", 1),
        ("nan-key", json_good.replace(b"{\n", b'{\n  "NaN": NaN,\n', 1), "/NaN", 2),
        ("colon-next-line", json_good.replace(b'"Name":', b'"Name"\n  :'), "", 2),
        (
            "no-spaces",
            json_good.replace(b": ", b":").replace(b", ", b",").replace(b"\n", b""),
            "",
            1,
        ),
    ]
    for name, data, pointer, line in json_cases:
        cases.append(Case(f"s-{name}.json", data, True, pointer, line, ("json",)))
    return cases
