"""Turn the text of a request file into documents: plain data, positions, and parse problems.

YAML goes through ruamel.yaml's composer only: nodes carry exact positions, and no tag is ever
constructed into an object, so nothing in a file can execute. JSON is first checked by the strict
`json` module (as `aws --cli-input-json` reads it), then composed the same way for positions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, StreamMark, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from mlflow_app_lint.base.findings import Issue, Path, Span, Target
from mlflow_app_lint.base.limits import MAX_DEPTH, MAX_VALUES, shorten
from mlflow_app_lint.base.positions import Lines, mark_span, offset_position
from mlflow_app_lint.base.values import Scalar
from mlflow_app_lint.base.words import describe, show
from mlflow_app_lint.reading import problems as parse_rules
from mlflow_app_lint.reading.composer import ComposedDocument, LimitExceeded, compose_all
from mlflow_app_lint.reading.decoding import NotText, decode
from mlflow_app_lint.reading.locator import Locator
from mlflow_app_lint.reading.scalars import JSON_NUMBERS, typed

YAML_TAG = "tag:yaml.org,2002:"


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
    amplified: bool = False
    """Its aliases make it much larger than its text: its fixes are not proven (a proof reads
    it again, and the time of a run would grow with the expansion, not with the file)."""
    notes: list[LocatedIssue] = field(default_factory=list)
    """Findings of the reading that leave the data certain (a value the loader silently drops,
    a merge that brings nothing, a second document in the file): not parse problems, so the
    document is still read quickly and can still be fixed."""

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
        return _documents(
            self.source,
            self.lines,
            self.is_json,
            self.first_line,
            self.index,
            (self.text, self.start),
        )

    @property
    def ended_stream(self) -> bool:
        """Its exact reading ended the stream: the exact reader reads no document after it."""
        return self._exact is not None and self._exact.final


Reader = Callable[[str, bool], Iterator[Document]]
"""Reads a file's text into documents: `parse`, or `quick.read`."""


def parse_bytes(data: bytes, is_json: bool, read: Reader | None = None) -> Iterator[Document]:
    """Decode a file's bytes (see `decoding`) and parse them (with `read` when given, `parse`
    otherwise); bytes that are not UTF-8 text give one document with the not-text problem."""
    text = decode(data, is_json)
    if isinstance(text, NotText):
        return iter([not_text_document(data, text)])
    return (read or parse)(text, is_json)


def not_text_document(data: bytes, problem: NotText) -> Document:
    """The one document of bytes that are not text: the problem, placed where it is."""
    text = data.decode("utf-8", errors="replace")
    before = data[: problem.offset].decode("utf-8", errors="replace")
    line, column = offset_position(before, len(before))
    issue = Issue(problem.rule, problem.message)
    return _broken(0, Lines(text), LocatedIssue(issue, Span(line, column, line, column + 1)))


def parse(text: str, is_json: bool) -> Iterator[Document]:
    """Each document of a file with its problems, one at a time (memory holds one document, not
    a whole stream); a syntax error or a cap ends them."""
    return _documents(text, Lines(text), is_json)


def _documents(
    text: str,
    lines: Sequence[str],
    is_json: bool,
    first_line: int = 0,
    first_index: int = 0,
    within: tuple[str, int] | None = None,
) -> Iterator[Document]:
    """The documents of `text`, which starts at line `first_line` of a file whose documents
    before it number `first_index` (and whose lines are `lines`); `text` is the whole file's
    text, or begins at an offset of it (`within`: the whole text and the offset). Each document
    read knows its part of the file (from the end of the one before to the end of its own), where
    its fixes are proven."""
    whole, offset = within or (text, 0)
    if is_json:
        problem = _empty_file(text) if not text.strip() else _json_syntax_error(text)
        if problem is not None:
            yield _broken(0, lines, problem)
            return
    count = first_index
    try:
        start, start_line = offset, first_line
        budget = FileBudget(text)
        for composed in compose_all(_composable(text) if is_json else text, first_line, is_json):
            document = build(count, composed, text, lines, is_json, budget)
            if count == 1:
                document.notes.append(_second_document(composed.start))
            end = composed.root.end_mark
            if document.checkable:
                part = Part(whole, start, offset + end.index, start_line, count, lines, is_json)
                part._exact = document  # read exactly already
                document.part = part
            start, start_line = offset + end.index, end.line
            yield document
            if document.final:
                return
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


def _composable(text: str) -> str:
    """Strict JSON as ruamel.yaml's reader accepts it, with the same offsets: the characters
    YAML refuses in a file (U+007F, C1 controls, U+FFFE, U+FFFF), which strict JSON allows in
    strings, replaced. Values are read from the original text, so only positions come from here."""
    return REFUSED_IN_YAML.sub("x", text) if REFUSED_IN_YAML.search(text) else text


REFUSED_IN_YAML = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")


def second_document(line: int, column: int) -> LocatedIssue:
    """The multi-document finding, at the start of a file's second document."""
    message = (
        "a second YAML document starts here: the AWS CLI reads one document per file "
        "(--cli-input-yaml refuses a stream); put each request in a file of its own, or, if "
        'your tooling sends each document, turn this rule off: ignore = ["multi-document"]'
    )
    issue = Issue(parse_rules.MULTI_DOCUMENT, message)
    return LocatedIssue(issue, Span(line, column, line, column + 3))


def _second_document(start: StreamMark) -> LocatedIssue:
    return second_document(start.line + 1, start.column + 1)


def _broken(index: int, lines: Sequence[str], problem: LocatedIssue) -> Document:
    return Document(index, None, Locator(lines), [problem], checkable=False, final=True)


def _empty_file(text: str) -> LocatedIssue:
    what = "is empty" if not text.strip() else "holds only comments"
    message = f"the file {what}: a request file holds one request, a mapping of its members"
    return LocatedIssue(Issue(parse_rules.EMPTY_DOCUMENT, message), Span(1, 1, 1, 1))


def _over_limit(kind: str, mark: StreamMark) -> LocatedIssue:
    if kind == "file":
        message = (
            "the file expands through aliases to more values than it has characters (and "
            f"{MAX_VALUES:,} more); write the requests out plainly; the rest of the file was "
            "not read"
        )
        return LocatedIssue(Issue(parse_rules.ALIAS_BOMB, message), mark_span(mark, mark))
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


AMPLIFIED_SLACK = 1_000
"""Values a document may build beyond twice its text's length before it counts as amplified."""


def _length(root: Node) -> int:
    return root.end_mark.index - root.start_mark.index


class FileBudget:
    """The values one reading of a file may build: its characters, and MAX_VALUES more. Only
    aliases make more values than characters, and this keeps the time of reading a stream of
    documents that each expand under the per-document cap linear in the file's size."""

    def __init__(self, text: str) -> None:
        self.remaining = len(text) + MAX_VALUES


def build(
    index: int,
    composed: ComposedDocument,
    text: str,
    lines: Sequence[str],
    is_json: bool,
    budget: FileBudget | None = None,
) -> Document:
    """One document's data, locations and problems, from its nodes (those of either reader);
    `budget` is the file's, when it has several documents."""
    builder = _Builder(text, Locator(lines), is_json, budget or FileBudget(text))
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
        final = error.kind == "file"
        return Document(index, None, builder.locator, [problem], checkable=False, final=final)
    # A node read twice at one place (a merged pair its own mapping repeats) says it once.
    return Document(
        index,
        data,
        builder.locator,
        list(dict.fromkeys(builder.problems)),
        unread=frozenset(builder.unread),
        notes=list(dict.fromkeys(builder.notes)),
        amplified=builder.values > 2 * _length(root) + AMPLIFIED_SLACK,
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
    """Builds plain data from nodes, recording every location and the problems of the source,
    as the AWS CLI's loader (ruamel.yaml's SafeConstructor) would construct them.

    Aliases are expanded here, so the caps are checked again: a chain of aliases can nest deeper,
    and expand larger, than any single node the composer saw. A collection that contains itself
    (through an alias to an enclosing node) is unrolled once, then cut off empty: the loader
    builds an endless value, and a check never looks deeper than the first repetition, which is
    always in a place the request has no such member (a request is three levels deep)."""

    def __init__(self, text: str, locator: Locator, is_json: bool, budget: FileBudget) -> None:
        self.text = text
        self.locator = locator
        self.is_json = is_json
        self.problems: list[LocatedIssue] = []
        self.notes: list[LocatedIssue] = []
        self.unread: set[Path] = set()
        self.values = 0
        self.budget = budget
        self._pairs: dict[int, list[tuple[Node, Node]]] = {}
        """Each mapping's pairs once its merge keys are resolved (ruamel's `flatten_mapping`,
        which rewrites `node.value`; here on the side, so that the nodes keep their source)."""
        self._merged: dict[int, int] = {}
        """Mappings whose merge keys brought members: the number of their own (explicit) pairs,
        which follow the merged ones. The loader checks no repeated key in such a mapping."""
        self._flattening: set[int] = set()
        self._building: dict[int, int] = {}
        self._dropped = 0
        """> 0 while building a value a later key replaces."""

    def build(self, node: Node, path: Path, key: Node | None = None) -> Any:
        self._count(1)
        if len(path) > MAX_DEPTH:
            raise LimitExceeded("depth", node.start_mark)
        self.locator.add(path, key, node)
        if not self._tag_allowed(node, path):
            self.unread.add(path)
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        entered = self._building.get(id(node), 0)
        if entered >= 2:  # the second repetition of a value inside itself: cut off
            return {} if isinstance(node, MappingNode) else []
        self._building[id(node)] = entered + 1
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            if node.tag == OMAP_TAG:
                return self._ordered_map(node, path)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self._building[id(node)] = entered

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        pairs = self._flatten(node)
        explicit = self._merged.get(id(node))
        checked = explicit is None and not self.is_json  # the loader refuses repeated keys
        last: dict[str, int] = {}
        keys = []
        for index, (key_node, _) in enumerate(pairs):
            key = self._key_text(key_node, path)
            keys.append(key)
            last[key] = index
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for index, ((key_node, value_node), key) in enumerate(zip(pairs, keys, strict=True)):
            if not isinstance(key_node, ScalarNode):
                self.unread.add((*path, key))  # reported as complex-key, and nothing more
            own = explicit is None or index >= len(pairs) - explicit
            if key in first_seen and own:
                earlier = pairs[first_seen[key]]
                if checked:
                    self._duplicate_key((*path, key), key_node, earlier[0])
                else:  # the earlier value is silently dropped
                    self._dropped_member((*path, key), key_node, earlier, result.get(key))
            if own and key not in first_seen:
                first_seen[key] = index
            dropped = last[key] != index
            self._dropped += dropped
            try:
                result[key] = self.build(value_node, (*path, key), key_node)
            finally:
                self._dropped -= dropped
        return result

    def _flatten(self, node: MappingNode) -> list[tuple[Node, Node]]:
        """The mapping's pairs with its merge keys resolved, exactly as the AWS CLI's loader
        resolves them (ruamel.yaml 0.17.21 to 0.19.1, `SafeConstructor.flatten_mapping`): a merge
        key is taken out before the mapping it names is resolved in turn (so a mapping merging
        itself gains nothing), merged members come first and a mapping's own override them, of
        several merged mappings the earlier win, and a second merge key is refused once the
        first brought members."""
        if self.is_json:
            return node.value
        key = id(node)
        if key not in self._pairs:
            if not any(key_node.tag == MERGE_TAG for key_node, _ in node.value):
                return node.value  # the usual mapping: nothing to resolve, nothing to copy
            self._pairs[key] = list(node.value)
        merge: list[tuple[Node, Node]] = []
        self._flattening.add(key)
        try:
            index = 0
            while index < len(self._pairs[key]):
                key_node, value_node = self._pairs[key][index]
                if key_node.tag != MERGE_TAG:
                    index += 1
                    continue
                del self._pairs[key][index]
                if merge:
                    message = (
                        "a second merge key (<<) in this mapping: the AWS CLI's YAML loader "
                        "refuses it; merge several mappings with one key: <<: [*a, *b]"
                    )
                    span = mark_span(key_node.start_mark, key_node.end_mark)
                    issue = Issue(parse_rules.DUPLICATE_KEY, message, target=Target.KEY)
                    self.problems.append(LocatedIssue(issue, span))
                    # Merged all the same, as meant: what is missing then is not missing.
                merge.extend(self._merged_pairs(key_node, value_node))
        finally:
            self._flattening.discard(key)
        if merge:
            self._merged[key] = len(self._pairs[key])
            self._pairs[key] = merge + self._pairs[key]
        return self._pairs[key]

    def _merged_pairs(self, key_node: Node, value_node: Node) -> list[tuple[Node, Node]]:
        """The pairs one merge key brings: of a mapping, or of a list of mappings (the earlier
        ones win, so they come last)."""
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        if not isinstance(value_node, MappingNode | SequenceNode) or not all(
            isinstance(source, MappingNode) for source in sources
        ):
            message = "a merge key (<<) takes a mapping or a list of mappings"
            span = mark_span(value_node.start_mark, value_node.end_mark)
            self.problems.append(LocatedIssue(Issue(parse_rules.SYNTAX_ERROR, message), span))
            return []
        merged: list[tuple[Node, Node]] = []
        for source in reversed(sources):
            if id(source) in self._flattening:
                self._self_merge(key_node)
            pairs = self._flatten(source)
            self._count(len(pairs))
            merged.extend(pairs)
        return merged

    def _self_merge(self, key_node: Node) -> None:
        message = (
            "this merge key merges the mapping it is in (or one that merges this one): the AWS "
            "CLI reads the mapping as if this merge were not there; remove it"
        )
        span = mark_span(key_node.start_mark, key_node.end_mark)
        issue = Issue(parse_rules.SELF_MERGE, message, target=Target.KEY)
        self.notes.append(LocatedIssue(issue, span))

    def _ordered_map(self, node: SequenceNode, path: Path) -> dict[str, Any]:
        """`!!omap`: a list of one-member mappings, which the loader reads as a mapping."""
        pairs = [item.value[0] for item in node.value]
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in pairs:
            key = self._key_text(key_node, path)
            if key in first_seen:
                self._duplicate_key((*path, key), key_node, first_seen[key])
            else:
                first_seen[key] = key_node
            result[key] = self.build(value_node, (*path, key), key_node)
        return result

    def _count(self, values: int) -> None:
        """Count values built, against the document's cap and the file's budget."""
        self.values += values
        self.budget.remaining -= values
        if self.values > MAX_VALUES:
            raise LimitExceeded("aliases", self.locator.entries[()].value.start_mark)
        if self.budget.remaining < 0:
            raise LimitExceeded("file", self.locator.entries[()].value.start_mark)

    def _key_text(self, node: Node, path: Path) -> str:
        if isinstance(node, ScalarNode):
            return json.loads(self._source(node)) if self.is_json else str(node.value)
        key = f"<{node.id} at line {node.start_mark.line + 1}>"
        self.problems.append(
            LocatedIssue(
                Issue(
                    parse_rules.COMPLEX_KEY,
                    "a key must be a plain string, not a collection",
                    (*path, key),
                    Target.KEY,
                ),
                mark_span(node.start_mark, node.end_mark),
            )
        )
        return key

    def _duplicate_key(self, path: Path, node: Node, earlier: Node) -> None:
        message = (
            f"'{shorten(str(path[-1]), 40)}' is already set at line {earlier.start_mark.line + 1}; "
            "the AWS CLI's YAML loader refuses a mapping with a repeated key: keep one"
        )
        self.problems.append(
            LocatedIssue(
                Issue(parse_rules.DUPLICATE_KEY, message, path, Target.KEY),
                mark_span(node.start_mark, node.end_mark),
            )
        )

    def _dropped_member(
        self, path: Path, node: Node, earlier: tuple[Node, Node], value: Any
    ) -> None:
        name = shorten(str(path[-1]), 40)
        where = earlier[0].start_mark.line + 1
        shown = show(value) if isinstance(value, str | Scalar) else describe(value)
        message = (
            f"'{name}' is set again here: the AWS CLI sends this value and silently drops "
            f"{shown}, set at line {where}; keep one"
        )
        issue = Issue(parse_rules.DUPLICATE_MEMBER, message, path, Target.KEY)
        self.notes.append(LocatedIssue(issue, mark_span(node.start_mark, node.end_mark)))

    def _tag_allowed(self, node: Node, path: Path) -> bool:
        tag = node.tag
        kind = TAG_KINDS.get(tag)
        if kind is None and tag in (None, "?", "!"):
            return True
        shown = shorten(str(tag).replace(YAML_TAG, "!!"))
        if kind is None:
            message = f"the YAML tag {shown} is not allowed: a request is plain data; remove it"
        elif not isinstance(node, kind) or (tag == OMAP_TAG and not _one_member_maps(node)):
            wanted = "a list of one-member mappings" if tag == OMAP_TAG else NODE_WORDS[kind]
            message = (
                f"the YAML tag {shown} is for {wanted}, and this is {NODE_WORDS[type(node)]}: "
                "the AWS CLI's YAML loader refuses it; remove the tag"
            )
        else:
            return True
        self.problems.append(
            LocatedIssue(
                Issue(parse_rules.UNKNOWN_TAG, message, path),
                mark_span(node.start_mark, node.end_mark),
            )
        )
        return False

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        if self.is_json:
            return json_scalar(self._source(node))
        value = yaml_scalar(node)
        if self._dropped and isinstance(value, Scalar) and not _constructs(node):
            # A value the loader fails on is refused even where a later key replaces it (where
            # it is kept, it is no string, which invalid-type explains).
            message = (
                f"the AWS CLI's YAML loader cannot read {show(value)} as the "
                f"{value.kind} it looks like, and refuses the file, although a later key "
                "replaces this value; quote it or remove it"
            )
            span = mark_span(node.start_mark, node.end_mark)
            self.problems.append(LocatedIssue(Issue(parse_rules.SYNTAX_ERROR, message, path), span))
        return value

    def _source(self, node: Node) -> str:
        return self.text[node.start_mark.index : node.end_mark.index]


def _one_member_maps(node: Node) -> bool:
    return isinstance(node, SequenceNode) and all(
        isinstance(item, MappingNode) and len(item.value) == 1 for item in node.value
    )


def _constructs(node: ScalarNode) -> bool:
    """Whether ruamel's SafeConstructor makes a value of this scalar without failing (read as
    YAML 1.2: the version changes only which octal numbers it reads, not whether it fails)."""
    import warnings
    from types import SimpleNamespace

    from ruamel.yaml.constructor import SafeConstructor

    loader = SimpleNamespace(_resolver=SimpleNamespace(processing_version=(1, 2)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ruamel warns of YAML 1.1 floats such as 1e3
            SafeConstructor(loader=loader).construct_object(node, deep=True)
    except Exception:  # the loader fails on it, with whatever exception
        return False
    return True


def yaml_scalar(node: ScalarNode) -> Any:
    """The value of a YAML scalar, typed as the AWS CLI's YAML loader types it (YAML 1.2, or 1.1
    under `%YAML 1.1`): a boolean, number or date keeps the spelling it was written in."""
    return typed(node.tag, node.value)


def json_scalar(source: str) -> Any:
    """The value of a JSON scalar; numbers keep their text."""
    return json.loads(source, **JSON_NUMBERS)


MERGE_TAG = YAML_TAG + "merge"
OMAP_TAG = YAML_TAG + "omap"

TAG_KINDS: dict[Any, type] = {
    **{YAML_TAG + name: ScalarNode for name in ("str", "int", "float", "bool", "null")},
    YAML_TAG + "timestamp": ScalarNode,
    YAML_TAG + "map": MappingNode,
    YAML_TAG + "seq": SequenceNode,
    OMAP_TAG: SequenceNode,
}
"""The standard tags a request can hold, and the kind of node each is for: the AWS CLI's loader
refuses one on another kind (`Value: !!map x`). `!!omap` is read as the mapping it is."""
NODE_WORDS = {ScalarNode: "a scalar", MappingNode: "a mapping", SequenceNode: "a list"}
