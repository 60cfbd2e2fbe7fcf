"""Turn the text of a request file into documents: plain data, positions, and parse problems.

YAML goes through ruamel.yaml's composer only: nodes carry exact positions, and no tag is ever
constructed into an object, so nothing in a file can execute. JSON is first checked by the strict
`json` module (as `aws --cli-input-json` reads it), then composed the same way for positions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import parse_rules
from .findings import Issue, Path, Span, Target
from .positions import Locator, mark_span

YAML_TAG = "tag:yaml.org,2002:"
SCALAR_TAGS = {YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
COLLECTION_TAGS = {YAML_TAG + "map", YAML_TAG + "seq"}
MAX_NODES = 100_000
"""Nodes one document may expand to (aliases counted each time they are used)."""


@dataclass(frozen=True)
class LocatedIssue:
    """A problem found while reading, which knows its place already."""

    issue: Issue
    span: Span


@dataclass
class Document:
    index: int
    data: Any
    locator: Locator
    problems: list[LocatedIssue] = field(default_factory=list)
    checkable: bool = True
    """False when the data is incomplete (a syntax error or an alias bomb): rules would cry wolf."""
    unread: frozenset[Path] = frozenset()
    """Locations whose value was refused (an unknown tag): nothing else is said about them."""


class _TooLarge(Exception):
    pass


def parse_bytes(data: bytes, is_json: bool) -> list[Document]:
    """Decode a file's bytes (UTF-8, with or without a byte-order mark) and parse them."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return [_broken(0, [], _not_text(data, error.start, f"byte 0x{data[error.start]:02x}"))]
    if "\x00" in text:
        return [_broken(0, [], _not_text(data, data.index(b"\x00"), "a NUL byte"))]
    return parse(text, is_json)


def _not_text(data: bytes, offset: int, what: str) -> LocatedIssue:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    message = f"not UTF-8 text: {what} cannot be read; save the file as UTF-8"
    return LocatedIssue(Issue(parse_rules.NOT_TEXT, message), Span(line, column, line, column + 1))


def parse(text: str, is_json: bool) -> list[Document]:
    """All documents of a file, each with its problems; a syntax error ends the list."""
    lines = text.splitlines()
    if is_json:
        syntax = _json_syntax_error(text)
        if syntax is not None:
            return [_broken(0, lines, syntax)]
    documents: list[Document] = []
    try:
        for node in _compose_all(text):
            documents.append(_build(len(documents), node, lines, is_json))
    except MarkedYAMLError as error:
        documents.append(_broken(len(documents), lines, _yaml_syntax_error(error, lines)))
    except (YAMLError, RecursionError) as error:
        message = _nesting_message() if isinstance(error, RecursionError) else str(error)
        issue = Issue(parse_rules.SYNTAX_ERROR, message)
        documents.append(_broken(len(documents), lines, LocatedIssue(issue, Span(1, 1, 1, 1))))
    return documents


def _compose_all(text: str) -> Iterator[Node | None]:
    yaml = YAML(typ="rt", pure=True)
    yield from yaml.compose_all(text)


def _broken(index: int, lines: list[str], problem: LocatedIssue) -> Document:
    return Document(index, None, Locator(lines), [problem], checkable=False)


def _nesting_message() -> str:
    return "the document is nested too deeply to read"


def _json_syntax_error(text: str) -> LocatedIssue | None:
    try:
        json.loads(text, object_pairs_hook=list)
    except json.JSONDecodeError as error:
        offset, message = _explain_json_error(text, error)
        line = text.count("\n", 0, offset) + 1
        column = offset - text.rfind("\n", 0, offset)
        issue = Issue(parse_rules.SYNTAX_ERROR, f"invalid JSON: {message}")
        return LocatedIssue(issue, Span(line, column, line, column + 1))
    except RecursionError:
        return LocatedIssue(Issue(parse_rules.SYNTAX_ERROR, _nesting_message()), Span(1, 1, 1, 1))
    return None


def _explain_json_error(text: str, error: json.JSONDecodeError) -> tuple[int, str]:
    """Where the error is and what it is, in the words of the usual mistakes YAML habits make."""
    offset = error.pos
    if text.startswith(("//", "/*"), offset):
        return offset, "comments are not allowed in JSON; remove it"
    if text.startswith("'", offset):
        return offset, "JSON strings and member names are written in double quotes"
    previous = len(text[:offset].rstrip()) - 1
    if text.startswith(("}", "]"), offset) and previous >= 0 and text[previous] == ",":
        return previous, f"trailing comma before '{text[offset]}'; remove it"
    return offset, error.msg


def _yaml_syntax_error(error: MarkedYAMLError, lines: list[str]) -> LocatedIssue:
    mark = error.problem_mark or error.context_mark
    if mark is not None and mark.line >= len(lines) and error.context_mark is not None:
        mark = error.context_mark  # at the end of the file, the place it started says more
    problem = error.problem or error.context or "invalid YAML"
    message = f"invalid YAML: {problem}"
    if error.context and error.problem and error.context_mark is not None:
        message += f" ({error.context} at line {error.context_mark.line + 1})"
    issue = Issue(parse_rules.SYNTAX_ERROR, message)
    if mark is None:
        return LocatedIssue(issue, Span(1, 1, 1, 1))
    return LocatedIssue(issue, Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2))


def _build(index: int, root: Node | None, lines: list[str], is_json: bool) -> Document:
    builder = _Builder(Locator(lines), is_json)
    if root is None:
        return Document(index, None, builder.locator)
    try:
        data = builder.build(root, ())
    except _TooLarge:
        issue = Issue(
            parse_rules.ALIAS_BOMB,
            f"the document expands to more than {MAX_NODES:,} values through aliases; "
            "write the request out plainly",
        )
        problem = LocatedIssue(issue, mark_span(root.start_mark, root.start_mark))
        return Document(index, None, builder.locator, [problem], checkable=False)
    return Document(
        index, data, builder.locator, builder.problems, unread=frozenset(builder.unread)
    )


class _Builder:
    """Builds plain data from nodes, recording every location and the problems of the source."""

    def __init__(self, locator: Locator, is_json: bool) -> None:
        self.locator = locator
        self.is_json = is_json
        self.problems: list[LocatedIssue] = []
        self.unread: set[Path] = set()
        self.nodes_seen = 0

    def build(self, node: Node, path: Path, key: Node | None = None) -> Any:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            raise _TooLarge
        self.locator.add(path, key, node)
        if not self._tag_allowed(node, path):
            self.unread.add(path)
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self._key_text(key_node)
            if not isinstance(key_node, ScalarNode):
                self.unread.add((*path, key))  # reported as complex-key, and nothing more
            if key in first_seen:
                self._duplicate_key((*path, key), key_node, first_seen[key])
            else:
                first_seen[key] = key_node
            result[key] = self.build(value_node, (*path, key), key_node)
        return result

    def _key_text(self, node: Node) -> str:
        if isinstance(node, ScalarNode):
            return json.loads(self._source(node)) if self.is_json else str(node.value)
        self.problems.append(
            LocatedIssue(
                Issue(parse_rules.COMPLEX_KEY, "a key must be a plain string, not a collection"),
                mark_span(node.start_mark, node.end_mark),
            )
        )
        return f"<{node.id} at line {node.start_mark.line + 1}>"

    def _duplicate_key(self, path: Path, node: Node, earlier: Node) -> None:
        message = (
            f"'{path[-1]}' is already set at line {earlier.start_mark.line + 1}; "
            "AWS rejects a request with a repeated member: keep one"
        )
        self.problems.append(
            LocatedIssue(
                Issue(parse_rules.DUPLICATE_KEY, message, path, Target.KEY),
                mark_span(node.start_mark, node.end_mark),
            )
        )

    def _tag_allowed(self, node: Node, path: Path) -> bool:
        tag = node.tag
        if tag in SCALAR_TAGS or tag in COLLECTION_TAGS or tag in (None, "?", "!"):
            return True
        shown = tag.replace(YAML_TAG, "!!")
        self.problems.append(
            LocatedIssue(
                Issue(
                    parse_rules.UNKNOWN_TAG,
                    f"the YAML tag {shown} is not allowed: a request is plain data; remove it",
                    path,
                ),
                mark_span(node.start_mark, node.end_mark),
            )
        )
        return False

    def _scalar(self, node: ScalarNode) -> Any:
        if self.is_json:
            return json_scalar(self._source(node))
        return yaml_scalar(node)

    def _source(self, node: Node) -> str:
        start, end = node.start_mark, node.end_mark
        if start.line == end.line:
            return self.locator.lines[start.line][start.column : end.column]
        parts = [self.locator.lines[start.line][start.column :]]
        parts += self.locator.lines[start.line + 1 : end.line]
        parts.append(self.locator.lines[end.line][: end.column])
        return "\n".join(parts)


def yaml_scalar(node: ScalarNode) -> Any:
    """The value of a YAML 1.2 scalar, typed as the AWS CLI's YAML loader would type it."""
    tag, text = node.tag, node.value
    if tag == YAML_TAG + "null":
        return None
    if tag == YAML_TAG + "bool":
        return text.lower() == "true"
    if tag in NON_STRING_KINDS:
        return Scalar(text, NON_STRING_KINDS[tag])
    return text


def json_scalar(source: str) -> Any:
    value = json.loads(source)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Scalar(source, "integer" if isinstance(value, int) else "number")
    return value


@dataclass(frozen=True)
class Scalar:
    """A number or date as written: its exact text, and the kind of value YAML or JSON reads."""

    text: str
    kind: str  # "integer", "number" or "date"


NON_STRING_KINDS = {
    YAML_TAG + "int": "integer",
    YAML_TAG + "float": "number",
    YAML_TAG + "timestamp": "date",
}
