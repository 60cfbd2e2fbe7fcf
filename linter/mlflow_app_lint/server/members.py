"""Which member of a request a position is on, and what the operation's schema says of it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.nodes import Node, ScalarNode

from mlflow_app_lint.base.findings import Path
from mlflow_app_lint.reading.documents import Document, parse


@dataclass(frozen=True)
class Place:
    """A request location under a position: on its key (a member's name) or on its value."""

    path: Path
    on_key: bool
    node: Node
    document: Document


def place_at(text: str, line: int, column: int) -> Place | None:
    """The deepest location whose key or value spans the 0-based YAML line and column (a
    scalar's end counts: the cursor just after a word is on it). JSON is read as the YAML it is,
    so that a buffer being edited is read as far as it can be."""
    best: Place | None = None
    for place in places(text):
        if _spans(place.node, line, column) and (best is None or _rank(place) > _rank(best)):
            best = place
    return best


def places(text: str) -> Iterator[Place]:
    """Every key and value of every document of the text."""
    for document in parse(text, is_json=False):
        for path, entry in document.locator.entries.items():
            if entry.key is not None:
                yield Place(path, True, entry.key, document)
            yield Place(path, False, entry.value, document)


def schema_at(schema: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """The schema of the location at `path` (a member, or a list's item), or None when the
    schema does not have it."""
    node: dict[str, Any] | None = _resolved(schema, schema)
    for part in path:
        if node is None:
            return None
        child = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
        node = _resolved(schema, child) if isinstance(child, dict) else None
    return node


def member_name(path: Path) -> str | None:
    """The name of the member a path is in (a list item's is its list's)."""
    return next((part for part in reversed(path) if isinstance(part, str)), None)


def _resolved(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any] | None:
    seen = 0
    while "$ref" in node and seen < 10:  # only local references (#/definitions/Name) are made
        target: Any = root
        for part in str(node["$ref"]).lstrip("#/").split("/"):
            target = target.get(part) if isinstance(target, dict) else None
        if not isinstance(target, dict):
            return None
        node, seen = target, seen + 1
    return node


def _spans(node: Node, line: int, column: int) -> bool:
    start, end = node.start_mark, node.end_mark
    return (start.line, start.column) <= (line, column) <= (end.line, end.column)


def _rank(place: Place) -> tuple[int, bool]:
    return len(place.path), isinstance(place.node, ScalarNode)
