"""The values of a request's data besides strings, lists, mappings, booleans and null."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scalar:
    """A number, date or YAML boolean as written: its exact text (the spelling a message quotes),
    and the kind of value YAML or JSON reads."""

    text: str
    kind: str  # "integer", "number", "date" or "boolean"
