"""Completion of member names not yet written (required ones first) and of valid values (an
enum's, or a boolean), in YAML and JSON.

A buffer being typed into is rarely a valid request, so the word at the cursor is replaced with a
placeholder (as a key, or as a value) until the text reads; where the placeholder then stands says
what is completed: a key of some mapping, or the value of some member.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lsprotocol import types

from mlflow_app_lint.operations import Operation
from mlflow_app_lint.server.members import Place, places, schema_at
from mlflow_app_lint.server.positions import TextPositions

PLACEHOLDER = "mlflow_app_lint_completion_here"
WORD_BEFORE = re.compile(r"""["']?[\w$.:/@+=-]*\Z""")
WORD_AFTER = re.compile(r"""[\w$.:/@+=-]*["']?""")


@dataclass(frozen=True)
class Word:
    """The text at the cursor that a completion replaces, quotes included."""

    start: int
    end: int
    line_before: str
    """The line's text before the word."""


def complete(
    text: str,
    is_json: bool,
    operation: Operation,
    positions: TextPositions,
    position: types.Position,
) -> list[types.CompletionItem]:
    word = _word(text, positions.offset(position))
    replaced = positions.range(word.start, word.end)
    for variant in _variants(word, is_json):
        place = _placeholder(text[: word.start] + variant + text[word.end :])
        if place is None:
            continue
        if place.on_key:
            return list(_members(place, operation, is_json, replaced))
        return list(_values(schema_at(operation.schema, place.path), is_json, replaced))
    return []


def _word(text: str, offset: int) -> Word:
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    before = WORD_BEFORE.search(text, line_start, offset)
    start = before.start() if before else offset
    after = WORD_AFTER.match(text, offset)
    end = after.end() if after else offset
    if text[start:end].rstrip("\"'").endswith(":"):  # `Name:` typed so far: the word ends there
        end = start + text[start:end].rstrip("\"'").rindex(":")
    return Word(start, end, text[line_start:start])


def _variants(word: Word, is_json: bool) -> Iterator[str]:
    """What to put in the word's place: a key first where a key may stand, else a value."""
    at_value = word.line_before.rstrip().endswith(":")
    if is_json:
        yield f'"{PLACEHOLDER}"' if at_value else f'"{PLACEHOLDER}": null'
        if not at_value:
            yield f'"{PLACEHOLDER}": null,'
    else:
        if not at_value:
            yield f"{PLACEHOLDER}:"
        yield PLACEHOLDER


def _placeholder(text: str) -> Place | None:
    return next(
        (place for place in places(text) if getattr(place.node, "value", None) == PLACEHOLDER),
        None,
    )


def _members(
    place: Place, operation: Operation, is_json: bool, replaced: types.Range
) -> Iterator[types.CompletionItem]:
    parent_path = place.path[:-1]
    schema = schema_at(operation.schema, parent_path)
    if schema is None:
        return
    parent = place.document.locator.entries.get(parent_path)
    written = {key.value for key, _ in getattr(parent.value, "value", ())} if parent else set()
    required = set(schema.get("required", ()))
    for name in schema.get("properties", {}):
        if name in written:
            continue
        member = schema_at(operation.schema, (*parent_path, name)) or {}
        text = f'"{name}": ' if is_json else f"{name}: "
        yield types.CompletionItem(
            label=name,
            kind=types.CompletionItemKind.Property,
            detail="required" if name in required else "optional",
            documentation=_documentation(member),
            sort_text=("0" if name in required else "1") + name,
            text_edit=types.TextEdit(replaced, text),
        )


def _values(
    schema: dict[str, Any] | None, is_json: bool, replaced: types.Range
) -> Iterator[types.CompletionItem]:
    if schema is None:
        return
    values = schema.get("enum") or ([True, False] if schema.get("type") == "boolean" else [])
    for value in values:
        label = str(value).lower() if isinstance(value, bool) else str(value)
        text = f'"{label}"' if is_json and isinstance(value, str) else label
        yield types.CompletionItem(
            label=label,
            kind=types.CompletionItemKind.EnumMember,
            documentation=_documentation(schema),
            text_edit=types.TextEdit(replaced, text),
        )


def _documentation(schema: dict[str, Any]) -> types.MarkupContent | None:
    text = schema.get("markdownDescription") or schema.get("description")
    return types.MarkupContent(types.MarkupKind.Markdown, text) if text else None
