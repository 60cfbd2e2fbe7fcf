"""Documents read without positions, for the screen of clean files (`engine.lint`).

Most files a linter sees are clean, and a clean file needs no position. These readers read each
document straight into plain data: `json` for JSON; for YAML the line reader of plain block
style (`plain_block`), else libyaml's events (`plain_events`), both typed by the quick reader's
YAML 1.2 resolver (`scalars`). Anything they cannot read exactly as the exact reader would (a
tag, an anchor, a merge key, a duplicate key, a cap...) gives None: the readers that keep
positions read it. Tests compare this data with the exact reader's on every case
(tests/test_speed_paths.py).
"""

from __future__ import annotations

import json
from typing import Any

from mlflow_app_lint.base.limits import MAX_DEPTH, MAX_VALUES
from mlflow_app_lint.reading import libyaml, plain_block
from mlflow_app_lint.reading.scalars import JSON_NUMBERS

MAX_TEXT = MAX_VALUES
"""The longest text screened. A value needs a character, so a shorter text is within the exact
reader's caps; a longer one is mostly a stream, read with positions document by document."""


class _Unsure(Exception):
    """These readers cannot vouch for this text: the readers with positions read it."""


def plain_documents(text: str, is_json: bool) -> list[Any] | None:
    """Each document's data, as the exact reader reads it; None when these readers cannot be
    sure of that."""
    if len(text) > MAX_TEXT:
        return None
    try:
        documents = [_json_data(text)] if is_json else _yaml_data(text)
    except (_Unsure, ValueError, RecursionError):
        return None
    return documents or None  # no document at all: the exact reader explains


def _json_data(text: str) -> Any:
    if libyaml.unreadable_character(text):
        raise _Unsure("a character the exact reader refuses")
    if text.count("[") + text.count("{") >= MAX_DEPTH:
        raise _Unsure("perhaps deeper than the exact reader reads")
    return json.loads(
        text,
        object_pairs_hook=_unique_members,
        **JSON_NUMBERS,
    )


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    members = dict(pairs)
    if len(members) != len(pairs):
        raise _Unsure("a duplicate key")
    return members


def _yaml_data(text: str) -> list[Any]:
    parts = libyaml.parts(text, False)
    if parts is None or "\ufeff" in text:
        raise _Unsure("a file the quick reader leaves to the exact one")
    try:
        return plain_block.read(text)
    except plain_block.GiveUp:
        pass
    if libyaml.c_parser() is None:
        raise _Unsure("no libyaml on this platform")
    # ruamel.yaml is loaded for the first file the line reader gives up on.
    from mlflow_app_lint.reading import plain_events

    documents = plain_events.read(text, parts)
    if documents is None:
        raise _Unsure("what libyaml's events give is not plain data")
    return documents
