"""Turn the text of a request file into documents: plain data, positions, and parse problems.

YAML goes through ruamel.yaml's composer only: nodes carry exact positions, and no tag is ever
constructed into an object, so nothing in a file can execute. JSON is first checked by the strict
`json` module (as `aws --cli-input-json` reads it), then composed the same way for positions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, StreamMark, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from mlflow_app_lint.base.findings import Issue, Path, Span, Target
from mlflow_app_lint.base.limits import MAX_DEPTH, MAX_VALUES, shorten
from mlflow_app_lint.base.positions import Lines, mark_span, offset_position
from mlflow_app_lint.reading import problems as parse_rules
from mlflow_app_lint.reading.composer import ComposedDocument, LimitExceeded, compose_all
from mlflow_app_lint.reading.decoding import NotText, decode
from mlflow_app_lint.reading.locator import Locator
from mlflow_app_lint.reading.scalars import JSON_NUMBERS, typed

YAML_TAG = "tag:yaml.org,2002:"
SCALAR_TAGS = {YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
COLLECTION_TAGS = {YAML_TAG + "map", YAML_TAG + "seq"}


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
    part: Part | None = None
    """Set by a quick reading (see `quick`): where to read this document again, exactly, should
    it have a parse problem."""
    final: bool = False
    """A syntax error or a cap ended the stream here: no document follows."""

    def exact_where_needed(self) -> Document:
        """This document, or, when a quick reading found a parse problem in it, the same document
        read again exactly: the exact reader says what the problem is and where."""
        if self.part is not None and (self.problems or not self.checkable):
            return self.part.exact()
        return self


@dataclass(eq=False)
class Part:
    """The text a document was read from, which can be read again on its own: the whole text
    of a one-document file, or one `---` part of a stream (a stream's parts are independent)."""

    text: str
    """The whole file's text."""
    start: int
    end: int
    first_line: int
    """0-based, in the whole file."""
    index: int
    """The index of its (first) document in the file."""
    lines: Sequence[str]
    is_json: bool
    _exact: Document | None = None

    @property
    def source(self) -> str:
        return self.text[self.start : self.end]

    def exact(self) -> Document:
        """The (first) document of this part read exactly, placed in the whole file."""
        if self._exact is None:
            self._exact = next(self.documents())
        return self._exact

    def documents(self) -> Iterator[Document]:
        """Every document of this part, read exactly and placed in the whole file."""
        return _documents(self.source, self.lines, self.is_json, self.first_line, self.index)

    @property
    def ended_stream(self) -> bool:
        """Its exact reading ended the stream: the exact reader reads no document after it."""
        return self._exact is not None and self._exact.final


Reader = Callable[[str, bool], Iterator[Document]]
"""Reads a file's text into documents: `parse`, or `quick.read`."""


def parse_bytes(data: bytes, is_json: bool, read: Reader | None = None) -> Iterator[Document]:
    """Decode a file's bytes (see `decoding`) and parse them (with `read` when given, `parse`
    otherwise); bytes that are not UTF-8 text give one document with the not-text problem."""
    text = decode(data)
    if isinstance(text, NotText):
        return iter([not_text_document(data, text)])
    return (read or parse)(text, is_json)


def not_text_document(data: bytes, problem: NotText) -> Document:
    """The one document of bytes that are not text: the problem, placed where it is."""
    text = data.decode("utf-8", errors="replace")
    before = data[: problem.offset].decode("utf-8", errors="replace")
    line, column = offset_position(before, len(before))
    issue = Issue(parse_rules.NOT_TEXT, problem.message)
    return _broken(0, Lines(text), LocatedIssue(issue, Span(line, column, line, column + 1)))


def parse(text: str, is_json: bool) -> Iterator[Document]:
    """Each document of a file with its problems, one at a time (memory holds one document, not
    a whole stream); a syntax error or a cap ends them."""
    return _documents(text, Lines(text), is_json)


def _documents(
    text: str, lines: Sequence[str], is_json: bool, first_line: int = 0, first_index: int = 0
) -> Iterator[Document]:
    """The documents of `text`, which starts at line `first_line` of a file whose documents
    before it number `first_index` (and whose lines are `lines`)."""
    if is_json:
        problem = _empty_file(text) if not text.strip() else _json_syntax_error(text)
        if problem is not None:
            yield _broken(0, lines, problem)
            return
    count = first_index
    try:
        for composed in compose_all(text, first_line):
            yield build(count, composed, text, lines, is_json)
            count += 1
    except LimitExceeded as error:
        yield _broken(count, lines, _over_limit(error.kind, error.mark))
    except MarkedYAMLError as error:
        yield _broken(count, lines, _yaml_syntax_error(error, lines, is_json))
    except ReaderError as error:
        yield _broken(count, lines, _unreadable_character(error, text, first_line))
    except YAMLError as error:
        issue = Issue(parse_rules.SYNTAX_ERROR, f"invalid YAML: {shorten(str(error))}")
        yield _broken(count, lines, LocatedIssue(issue, Span(1, 1, 1, 1)))
    else:
        if count == first_index:
            yield _broken(count, lines, _empty_file(text))


def _broken(index: int, lines: Sequence[str], problem: LocatedIssue) -> Document:
    return Document(index, None, Locator(lines), [problem], checkable=False, final=True)


def _empty_file(text: str) -> LocatedIssue:
    what = "is empty" if not text.strip() else "holds only comments"
    message = f"the file {what}: a request file holds one request, a mapping of its members"
    return LocatedIssue(Issue(parse_rules.EMPTY_DOCUMENT, message), Span(1, 1, 1, 1))


def _over_limit(kind: str, mark: StreamMark) -> LocatedIssue:
    if kind == "depth":
        rule = parse_rules.TOO_DEEP
        message = f"nested more than {MAX_DEPTH} levels deep (a request is 3 levels deep)"
    elif kind == "values":
        rule = parse_rules.TOO_MANY_VALUES
        message = f"the document has more than {MAX_VALUES:,} values (a request has a few dozen)"
    else:
        rule = parse_rules.ALIAS_BOMB
        message = (
            f"the document expands to more than {MAX_VALUES:,} values through aliases; "
            "write the request out plainly"
        )
    message += "; the rest of the file was not read" if kind != "aliases" else ""
    return LocatedIssue(Issue(rule, message), mark_span(mark, mark))


def _json_syntax_error(text: str) -> LocatedIssue | None:
    try:
        json.loads(text, object_pairs_hook=list, parse_int=str, parse_float=str)
    except json.JSONDecodeError as error:
        offset, message = _explain_json_error(text, error)
        line, column = offset_position(text, offset)
        issue = Issue(parse_rules.SYNTAX_ERROR, f"invalid JSON: {message}")
        return LocatedIssue(issue, Span(line, column, line, column + 1))
    except RecursionError:
        return None  # nested too deeply to check here: composing reports where it crosses the cap
    return None


JSON_MESSAGES = {
    "Expecting value": "expected a value (a string, number, object, array, true, false or null)",
    "Expecting property name enclosed in double quotes": "expected a member name in double quotes",
    "Expecting ',' delimiter": "expected ',' or the closing bracket",
    "Expecting ':' delimiter": "expected ':' after the member name",
    "Unterminated string starting at": "unterminated string: the closing '\"' is missing",
    "Invalid control character at": (
        "a string cannot hold a line break or control character: end the string with '\"' or "
        "write the character escaped (\\n, \\t, ...)"
    ),
    "Invalid \\escape": (
        'invalid escape: JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; '
        "write a backslash as \\\\"
    ),
    "Invalid \\uXXXX escape": "invalid escape: \\u is followed by four hexadecimal digits",
    "Extra data": "unexpected text after the end of the JSON value",
}


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
    return offset, JSON_MESSAGES.get(error.msg, error.msg)


def _yaml_syntax_error(error: MarkedYAMLError, lines: Sequence[str], is_json: bool) -> LocatedIssue:
    mark = error.problem_mark or error.context_mark
    if mark is not None and mark.line >= len(lines) and error.context_mark is not None:
        mark = error.context_mark  # at the end of the file, the place it started says more
    problem = error.problem or error.context or "invalid YAML"
    problem = shorten(problem.replace("'\\x00'", "the end of the file"))
    # Strict JSON the YAML reader refuses (a member name over 1024 characters): not the user's
    # syntax, but still nothing this linter can check.
    message = f"cannot read this JSON: {problem}" if is_json else f"invalid YAML: {problem}"
    if error.context and error.problem and error.context_mark is not None:
        message += f" ({error.context} at line {error.context_mark.line + 1})"
    issue = Issue(parse_rules.SYNTAX_ERROR, message)
    if mark is None:
        return LocatedIssue(issue, Span(1, 1, 1, 1))
    return LocatedIssue(issue, Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2))


def _unreadable_character(error: ReaderError, text: str, first_line: int = 0) -> LocatedIssue:
    """A character YAML does not allow in a file (a control character, say), where it is."""
    line, column = offset_position(text, error.position)
    line += first_line
    character = f"U+{error.character:04X}" if isinstance(error.character, int) else "a character"
    message = f"invalid YAML: {character} is not allowed in YAML text ({error.reason}); remove it"
    return LocatedIssue(
        Issue(parse_rules.SYNTAX_ERROR, message), Span(line, column, line, column + 1)
    )


def build(
    index: int, composed: ComposedDocument, text: str, lines: Sequence[str], is_json: bool
) -> Document:
    """One document's data, locations and problems, from its nodes (those of either reader)."""
    builder = _Builder(text, Locator(lines), is_json)
    root = composed.root
    if _is_empty(root):
        message = "the document is empty: write the request, or remove the '---' that starts it"
        problem = LocatedIssue(
            Issue(parse_rules.EMPTY_DOCUMENT, message), mark_span(*[composed.start] * 2)
        )
        return Document(index, None, builder.locator, [problem], checkable=False)
    try:
        data = builder.build(root, ())
    except LimitExceeded as error:
        problem = _over_limit(error.kind, error.mark)
        return Document(index, None, builder.locator, [problem], checkable=False)
    return Document(
        index, data, builder.locator, builder.problems, unread=frozenset(builder.unread)
    )


def _is_empty(node: Node) -> bool:
    """Nothing at all was written (not even `null` or `~`)."""
    return (
        isinstance(node, ScalarNode)
        and node.tag == YAML_TAG + "null"
        and node.value == ""
        and node.style is None
    )


class _Builder:
    """Builds plain data from nodes, recording every location and the problems of the source.

    Aliases are expanded here, so the caps are checked again: a chain of aliases can nest deeper,
    and expand larger, than any single node the composer saw."""

    def __init__(self, text: str, locator: Locator, is_json: bool) -> None:
        self.text = text
        self.locator = locator
        self.is_json = is_json
        self.problems: list[LocatedIssue] = []
        self.unread: set[Path] = set()
        self.values = 0

    def build(self, node: Node, path: Path, key: Node | None = None) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise LimitExceeded("aliases", self.locator.entries[()].value.start_mark)
        if len(path) > MAX_DEPTH:
            raise LimitExceeded("depth", node.start_mark)
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
        explicit = []
        for key_node, value_node in node.value:
            if self._is_merge(key_node):
                result.update(self._merged(value_node, path))
            else:
                explicit.append((key_node, value_node))
        first_seen: dict[str, Node] = {}
        for key_node, value_node in explicit:  # a member written out overrides a merged one
            key = self._key_text(key_node)
            if not isinstance(key_node, ScalarNode):
                self.unread.add((*path, key))  # reported as complex-key, and nothing more
            if key in first_seen:
                self._duplicate_key((*path, key), key_node, first_seen[key])
            else:
                first_seen[key] = key_node
            result[key] = self.build(value_node, (*path, key), key_node)
        return result

    def _is_merge(self, key_node: Node) -> bool:
        return not self.is_json and key_node.tag == MERGE_TAG

    def _merged(self, value_node: Node, path: Path) -> dict[str, Any]:
        """The members a YAML merge key (`<<: *base`) brings in, as the AWS CLI's loader merges
        them: from a mapping, or from a list of mappings where the earlier ones win."""
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        if not all(isinstance(source, MappingNode) for source in sources):
            message = "a merge key (<<) takes a mapping or a list of mappings"
            span = mark_span(value_node.start_mark, value_node.end_mark)
            self.problems.append(LocatedIssue(Issue(parse_rules.SYNTAX_ERROR, message), span))
            return {}
        merged: dict[str, Any] = {}
        for source in reversed(sources):
            merged.update(self._mapping(source, path))
        return merged

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
            f"'{shorten(str(path[-1]), 40)}' is already set at line {earlier.start_mark.line + 1}; "
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
        shown = shorten(tag.replace(YAML_TAG, "!!"))
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
        return self.text[node.start_mark.index : node.end_mark.index]


def yaml_scalar(node: ScalarNode) -> Any:
    """The value of a YAML scalar, typed as the AWS CLI's YAML loader would type it."""
    return typed(node.tag, node.value)


def json_scalar(source: str) -> Any:
    """The value of a JSON scalar; numbers keep their text."""
    return json.loads(source, **JSON_NUMBERS)


MERGE_TAG = YAML_TAG + "merge"
