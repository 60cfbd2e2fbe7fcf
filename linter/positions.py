"""Where each part of a request stands in its source text.

Line and column become 1-based here and nowhere else.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import overload

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .findings import Path, Span, Target

LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""What YAML (and so ruamel's marks) counts as the end of a line."""


def split_lines(text: str) -> list[str]:
    """The lines of a text as YAML counts them (not str.splitlines, which also breaks at \f)."""
    lines = LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


BREAK_CHARACTERS = "\r\n\x85\u2028\u2029"


class Lines(Sequence[str]):
    """The lines of a text as YAML counts them (as `split_lines` gives them), each cut out of the
    text only when asked for: a 20 MB stream costs its text and one offset per line, not a string
    per line. The offsets are found the first time a line is asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: array | None = None

    @property
    def starts(self) -> array:
        """Where each line starts, and the end of the text after the last one."""
        if self._starts is None:
            starts = array("q", [0])
            starts.extend(match.end() for match in LINE_BREAK.finditer(self.text))
            if starts[-1] != len(self.text):
                starts.append(len(self.text))
            self._starts = starts
        return self._starts

    def __len__(self) -> int:
        return len(self.starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("line index out of range")
        starts = self.starts
        return self.text[starts[index] : starts[index + 1]].rstrip(BREAK_CHARACTERS)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Lines):
            return self.text == other.text
        return isinstance(other, Sequence) and list(self) == list(other)

    def __hash__(self) -> int:
        return hash(self.text)

    def __getstate__(self) -> str:
        return self.text  # the offsets are quicker found again than sent to another process

    def __setstate__(self, text: str) -> None:
        self.__init__(text)


def offset_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, counting lines as YAML does."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, match.end()
    return line, offset - start + 1


def within(span: Span, lines: Sequence[str]) -> Span:
    """The span moved inside the text, so that every reported position exists: a mark at the end
    of the stream (after the last line) becomes the end of the last line."""

    def place(line: int, column: int) -> tuple[int, int]:
        if not lines:
            return 1, 1
        if line > len(lines):
            return len(lines), len(lines[-1]) + 1
        line = max(line, 1)
        return line, min(max(column, 1), len(lines[line - 1]) + 1)

    line, column = place(span.line, span.column)
    end_line, end_column = place(span.end_line, span.end_column)
    if (end_line, end_column) < (line, column):
        end_line, end_column = line, column
    return Span(line, column, end_line, end_column)


def mark_span(start, end) -> Span:
    """Span of two ruamel marks (0-based line and column; end exclusive)."""
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


@dataclass(frozen=True)
class Entry:
    """The nodes of one location: the key that names it (None for sequence items) and its value."""

    key: Node | None
    value: Node


@dataclass
class Locator:
    """Maps request paths to source spans, for one document."""

    lines: Sequence[str]
    entries: dict[Path, Entry] = field(default_factory=dict)

    def add(self, path: Path, key: Node | None, value: Node) -> None:
        self.entries[path] = Entry(key, value)

    def span(self, path: Path, target: Target) -> Span:
        if target is Target.MISSING:
            # The mapping that lacks the member: its first character, not a line of other members.
            head = self._head_span(self._nearest(path[:-1]))
            return Span(head.line, head.column, head.line, head.column + 1)
        path = self._nearest_path(path)
        entry = self.entries.get(path)
        if entry is None:
            return Span(1, 1, 1, 1)
        if target is Target.KEY and entry.key is not None:
            return self._node_span(entry.key)
        if _is_empty_null(entry.value) and entry.key is not None:
            # `Name:` with nothing after it: the empty value's marks lie on the next line.
            return self._node_span(entry.key)
        return self._node_span(entry.value)

    def _nearest_path(self, path: Path) -> Path:
        while path and path not in self.entries:
            path = path[:-1]
        return path

    def _nearest(self, path: Path) -> Entry | None:
        return self.entries.get(self._nearest_path(path))

    def _node_span(self, node: Node) -> Span:
        if isinstance(node, ScalarNode):
            return mark_span(node.start_mark, node.end_mark)
        return self._head_span(Entry(None, node))

    def _head_span(self, entry: Entry | None) -> Span:
        """A collection's first line: its start up to the end of that line's text."""
        if entry is None:
            return Span(1, 1, 1, 1)
        node = entry.value
        if isinstance(node, MappingNode | SequenceNode) and node.value and node.flow_style is False:
            # A block collection starts at its first key or item, which is the useful place.
            first = node.value[0][0] if isinstance(node, MappingNode) else node.value[0]
            start = first.start_mark
        else:
            start = node.start_mark
        text = self.lines[start.line] if start.line < len(self.lines) else ""
        end_column = max(len(text.rstrip()), start.column + 1)
        return Span(start.line + 1, start.column + 1, start.line + 1, end_column + 1)


def _is_empty_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.value == "" and node.style is None
