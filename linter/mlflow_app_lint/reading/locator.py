"""Where each part of a request stands in its source text: the nodes of every path, kept by the
readers with positions (ruamel.yaml's nodes, with their marks)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mlflow_app_lint.base.findings import Path, Span, Target
from mlflow_app_lint.base.positions import mark_span


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
