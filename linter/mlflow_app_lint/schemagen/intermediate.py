"""The intermediate form of an operation's request: what both front ends (the API reference pages
and botocore's service model) read their sources into, and what the one writer turns into JSON
Schema.

Types are named as the API reference pages name them: ``String``, ``Boolean``, ``Integer``,
``Long``, ``Timestamp``, ``Array of strings``, ``Array of X objects`` and ``X object``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCALAR_TYPES = ("String", "Boolean", "Integer", "Long", "Timestamp")
ARRAY_OF_STRINGS = "Array of strings"
_ARRAY_OF_OBJECTS = re.compile(r"Array of (?P<name>\w+) objects")
_OBJECT = re.compile(r"(?P<name>\w+) object")


@dataclass(frozen=True)
class Member:
    """A request parameter, response element or data-type member, with its constraints."""

    name: str
    description: str
    type: str
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class DataType:
    """A structure that members refer to (``Tag``), with its members."""

    name: str
    summary: str
    members: tuple[Member, ...]


@dataclass(frozen=True)
class Request:
    """An operation's request: its members and every data type they use, directly or not."""

    operation: str
    summary: str
    members: tuple[Member, ...]
    types: dict[str, DataType]


def referenced_type(member: Member) -> str | None:
    """The data type an ``Array of X objects`` or ``X object`` member refers to."""
    for grammar in (_ARRAY_OF_OBJECTS, _OBJECT):
        match = grammar.fullmatch(member.type)
        if match:
            return match["name"]
    return None


def is_array(member: Member) -> bool:
    return member.type.startswith("Array of ")
