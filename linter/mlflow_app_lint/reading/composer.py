"""ruamel.yaml's composer, with the caps on nesting and size checked as each node is read.

ruamel composes recursively, a few Python frames per level: a file of 10,000 nested brackets
would exhaust the stack. Counting depth and values as events arrive refuses such a file at the
place it crosses the cap, in bounded memory, before any recursion gets deep.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import StreamMark
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import Node
from ruamel.yaml.reader import Reader

from mlflow_app_lint.base.limits import MAX_DEPTH, MAX_VALUES


class LimitExceeded(Exception):
    """A document crossed a cap at `mark`: `kind` is "depth" or "values"."""

    def __init__(self, kind: str, mark: StreamMark) -> None:
        super().__init__(kind)
        self.kind = kind
        self.mark = mark


@dataclass(frozen=True)
class ComposedDocument:
    """One document's root node, and where the document starts (its `---`, or first token)."""

    root: Node
    start: StreamMark


class _GuardedComposer(Composer):
    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False  # a reused anchor is valid YAML; never print from here
        self._nesting = 0
        self._values = 0

    def compose_document(self) -> ComposedDocument:
        self._nesting = 0
        self._values = 0
        start = self.parser.peek_event().start_mark
        return ComposedDocument(super().compose_document(), start)

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        self._values += 1  # an alias counts too: a million `*a` is a million values
        if self._values > MAX_VALUES:
            raise LimitExceeded("values", event.start_mark)
        if isinstance(event, AliasEvent):
            return super().compose_node(parent, index)
        self._nesting += 1
        if self._nesting > MAX_DEPTH:
            raise LimitExceeded("depth", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._nesting -= 1


def compose_all(text: str, first_line: int = 0) -> Iterator[ComposedDocument]:
    """Each document of a YAML (or JSON) text as nodes with positions; nothing is constructed.
    `first_line` is the line the text starts at in its file (a part of a stream), so that the
    positions are the file's."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Composer = _GuardedComposer
    yaml.Reader = Reader  # what compose_all would choose; made here to set its first line
    yaml.reader.line = first_line
    yield from yaml.compose_all(text)
