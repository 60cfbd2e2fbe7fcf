"""The values of a request's data besides strings, lists, mappings, booleans and null."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scalar:
    """A number or date as written: its exact text, and the kind of value YAML or JSON reads."""

    text: str
    kind: str  # "integer", "number" or "date"
