"""Plain data from libyaml's events, for the screen: mappings, sequences and scalars that the
quick reader's YAML 1.2 resolver types as strings. Anything else (a number, null, a tag, an
anchor, a complex or duplicate key, a cap, documents not one per `---` part) gives up, and the
readers with positions read the file.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from mlflow_app_lint.base.limits import MAX_DEPTH, MAX_VALUES
from mlflow_app_lint.reading.libyaml import Bounds, bare_start, c_composer_class, part_number
from mlflow_app_lint.reading.scalars import plain_value


class _GiveUp(Exception):
    pass


def read(text: str, parts: list[Bounds]) -> list[Any] | None:
    """Each document's data, one per part (`libyaml.parts`); None when it gives up."""
    parser = c_composer_class()(text)
    try:
        return _Events(parser, parts, bare_start(text, parts)).documents()
    except (_GiveUp, YAMLError):
        return None
    finally:
        parser.dispose()


class _Events:
    """Plain data from libyaml's events: mappings, sequences and scalars typed as strings.
    Anything else makes the screen unsure."""

    def __init__(self, parser: Any, parts: list[Bounds], bare: bool) -> None:
        self.parser = parser
        self.parts = parts
        self.bare = bare

    def documents(self) -> list[Any]:
        get_event = self.parser.get_event
        documents: list[Any] = []
        stack: list[Any] = []  # the collections being read, innermost last
        keys: list[Any] = []  # for each, the key read and awaiting its value (None: none)
        next_part = values = 0
        root_line = -1
        while True:
            event = get_event()
            kind = type(event)
            values += 1
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _GiveUp("an anchor or a tag")
                value = plain_value(event.value) if event.implicit[0] else event.value
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                    raise _GiveUp("an anchor, a tag or a deep nesting")
                if not stack:
                    root_line = event.start_mark.line
                stack.append({} if kind is MappingStartEvent else [])
                keys.append(None)
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                keys.pop()
                value = stack.pop()
            elif kind in (StreamStartEvent, DocumentStartEvent, DocumentEndEvent):
                continue
            elif kind is StreamEndEvent:
                return documents
            else:
                raise _GiveUp(f"an event the screen does not read: {kind.__name__}")
            if values > MAX_VALUES:
                raise _GiveUp("more values than the exact reader reads")
            if not stack:
                if kind is ScalarEvent:
                    raise _GiveUp("a document that is a scalar")
                number = part_number(self.parts, self.bare, next_part, root_line)
                if number is None:
                    raise _GiveUp("documents not one per part")
                next_part = number + 1
                documents.append(value)
                continue
            container = stack[-1]
            if type(container) is list:
                container.append(value)
            elif keys[-1] is None:
                if type(value) is not str:  # the exact reader names other keys by their text
                    raise _GiveUp("a key that is no string: a collection, a number, null")
                keys[-1] = value
            else:
                key = keys[-1]
                if key in container:
                    raise _GiveUp("a duplicate key")
                container[key] = value
                keys[-1] = None
