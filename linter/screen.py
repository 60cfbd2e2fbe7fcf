"""A screen for the usual file, which has nothing to report: its data read without positions.

Most files a linter sees are clean, and a clean file needs no position. The screen reads each
document straight into plain data (`json` for JSON; libyaml's events for YAML, typed by the
same YAML 1.2 resolver as the quick reader), then asks the compiled validity check and the
custom rules. Only a file that surely yields no finding passes; anything else, and anything the
screen cannot read exactly as the exact reader would (a number, a date, null, a tag, an anchor,
a duplicate key, a cap...), is left to the readers that keep positions. Tests compare the
screen's data with the exact reader's on every case (tests/test_speed_paths.py).
"""

from __future__ import annotations

import json
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
from ruamel.yaml.nodes import ScalarNode

from . import block_yaml, libyaml, schema_check
from .limits import MAX_DEPTH, MAX_VALUES
from .rules import CHECKS

MAX_TEXT = MAX_VALUES
"""The longest text screened. A value needs a character, so a shorter text is within the exact
reader's caps; a longer one is mostly a stream, read with positions document by document."""


class _Unsure(Exception):
    """The screen cannot vouch for this file: the readers with positions read it."""


def clean_documents(text: str, is_json: bool) -> int | None:
    """The number of documents in the text when none of them has anything to report; None when
    one may have."""
    documents = plain_documents(text, is_json)
    if documents is None or not all(map(_clean, documents)):
        return None
    return len(documents)


def plain_documents(text: str, is_json: bool) -> list[Any] | None:
    """Each document's data, as the exact reader reads it; None when the screen cannot be sure
    of that."""
    if len(text) > MAX_TEXT:
        return None
    try:
        documents = [_json_data(text)] if is_json else _yaml_data(text)
    except (_Unsure, ValueError, RecursionError, YAMLError):
        return None
    return documents or None  # no document at all: the exact reader explains


def _clean(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and schema_check.valid(data)
        and not any(any(True for _ in module.check(data)) for module in CHECKS)
    )


def _json_data(text: str) -> Any:
    if libyaml.unreadable_character(text):
        raise _Unsure("a character the exact reader refuses")
    if text.count("[") + text.count("{") >= MAX_DEPTH:
        raise _Unsure("perhaps deeper than the exact reader reads")
    return json.loads(
        text,
        object_pairs_hook=_unique_members,
        parse_int=_number,
        parse_float=_number,
        parse_constant=_number,
    )


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    members = dict(pairs)
    if len(members) != len(pairs):
        raise _Unsure("a duplicate key")
    return members


def _number(text: str) -> Any:
    raise _Unsure("a number, which the exact reader keeps as written")


def _yaml_data(text: str) -> list[Any]:
    parts = libyaml.parts(text, False)
    if parts is None or "\ufeff" in text:
        raise _Unsure("a file the quick reader leaves to the exact one")
    try:
        return block_yaml.read(text)
    except block_yaml.GiveUp:
        pass
    parser = libyaml.c_composer_class()(text)
    try:
        return _Events(parser, parts, libyaml.bare_start(text, parts)).documents()
    finally:
        parser.dispose()


class _Events:
    """Plain data from libyaml's events: mappings, sequences and scalars typed as strings.
    Anything else makes the screen unsure."""

    def __init__(self, parser: Any, parts: list[libyaml.Bounds], bare: bool) -> None:
        self.parser = parser
        self.parts = parts
        self.bare = bare

    def documents(self) -> list[Any]:
        get_event, resolve = self.parser.get_event, self.parser.resolve
        string_tag = self.parser.DEFAULT_SCALAR_TAG
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
                    raise _Unsure("an anchor or a tag")
                if event.implicit[0] and resolve(ScalarNode, event.value, event.implicit) is not (
                    string_tag
                ):
                    raise _Unsure("a plain scalar that is not a string")
                value = event.value
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                    raise _Unsure("an anchor, a tag or a deep nesting")
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
                raise _Unsure(f"an event the screen does not read: {kind.__name__}")
            if values > MAX_VALUES:
                raise _Unsure("more values than the exact reader reads")
            if not stack:
                if kind is ScalarEvent:
                    raise _Unsure("a document that is a scalar")
                number = libyaml.part_number(self.parts, self.bare, next_part, root_line)
                if number is None:
                    raise _Unsure("documents not one per part")
                next_part = number + 1
                documents.append(value)
                continue
            container = stack[-1]
            if type(container) is list:
                container.append(value)
            elif keys[-1] is None:
                if kind is not ScalarEvent:
                    raise _Unsure("a complex key")
                keys[-1] = value
            else:
                key = keys[-1]
                if key in container:
                    raise _Unsure("a duplicate key")
                container[key] = value
                keys[-1] = None
