"""A screen for the usual file, which has nothing to report: its data read without positions.

Most files a linter sees are clean, and a clean file needs no position. The screen reads each
document straight into plain data (`json` for JSON; for YAML the line reader of plain block
style, `block_yaml`, else libyaml's events, `yaml_events`, both typed by the quick reader's
YAML 1.2 resolver), then asks the compiled validity check and the custom rules. Only a file
that surely yields no finding passes; anything else, and anything the screen cannot read exactly
as the exact reader would (a number, a date, null, a tag, an anchor, a duplicate key, a
cap...), is left to the readers that keep positions. Tests compare the screen's data with the
exact reader's on every case (tests/test_speed_paths.py).
"""

from __future__ import annotations

import json
from typing import Any

from mlflow_app_lint.base.limits import MAX_DEPTH, MAX_VALUES
from mlflow_app_lint.checking import schema_issues as schema_check
from mlflow_app_lint.checking.rules import CHECKS
from mlflow_app_lint.reading import libyaml
from mlflow_app_lint.reading import plain_block as block_yaml

MAX_TEXT = MAX_VALUES
"""The longest text screened. A value needs a character, so a shorter text is within the exact
reader's caps; a longer one is mostly a stream, read with positions document by document."""


class _Unsure(Exception):
    """The screen cannot vouch for this file: the readers with positions read it."""


def clean_documents(text: str, is_json: bool) -> int | None:
    """The number of documents in the text when none of them has anything to report; None when
    one may have."""
    documents = plain_documents(text, is_json)
    # A stream of several documents is itself a finding (multi-document).
    if documents is None or len(documents) > 1 or not all(map(_clean, documents)):
        return None
    return len(documents)


def plain_documents(text: str, is_json: bool) -> list[Any] | None:
    """Each document's data, as the exact reader reads it; None when the screen cannot be sure
    of that."""
    if len(text) > MAX_TEXT:
        return None
    try:
        documents = [_json_data(text)] if is_json else _yaml_data(text)
    except (_Unsure, ValueError, RecursionError):
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
    if libyaml.c_parser() is None:
        raise _Unsure("no libyaml on this platform")
    # ruamel.yaml is loaded for the first file the line reader gives up on.
    from mlflow_app_lint.reading import plain_events as yaml_events

    documents = yaml_events.read(text, parts)
    if documents is None:
        raise _Unsure("what libyaml's events give is not plain data")
    return documents
