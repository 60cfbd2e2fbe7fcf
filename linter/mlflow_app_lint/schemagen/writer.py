"""The one writer: the JSON Schema (draft-07) of a request in the intermediate form, whichever
front end read it, with the editor help of ``schema/hints.json``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from mlflow_app_lint.checking import timestamps
from mlflow_app_lint.checking.validity import CHECKED_BY
from mlflow_app_lint.schemagen.intermediate import (
    ARRAY_OF_STRINGS,
    SCALAR_TYPES,
    Member,
    Request,
    is_array,
    referenced_type,
)

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

TIMESTAMP_TYPES = ["string", "number"]
"""A timestamp as the AWS CLI and botocore accept it in a request file: a string they parse as a
date and time (ISO 8601, such as 2024-03-16T01:46:56Z) or a number of seconds since the epoch."""
_JSON_TYPES: dict[str, Any] = {
    "String": "string",
    "Boolean": "boolean",
    "Integer": "integer",
    "Long": "integer",
    "Timestamp": TIMESTAMP_TYPES,
}
_NUMBER_TYPES = ("Integer", "Long")
_STRING_TYPES = ("String", ARRAY_OF_STRINGS)
# A regular-expression token: a whole character class, an escape, or one other character.
_REGEX_TOKEN = re.compile(r"\[(?:\\.|[^\\\]])*\]|\\.|.", re.DOTALL)


@dataclass(frozen=True)
class Hints:
    """Editor help from ``hints.json``; see that file's ``$comment``."""

    pattern_error_messages: dict[str, str] = field(default_factory=dict)
    prose_notes: dict[str, str] = field(default_factory=dict)
    reserved_prefixes: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    examples: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    default_snippets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Hints:
        keys = {
            "patternErrorMessages": "pattern_error_messages",
            "proseNotes": "prose_notes",
            "reservedPrefixes": "reserved_prefixes",
            "examples": "examples",
            "defaultSnippets": "default_snippets",
        }
        unknown = set(data) - set(keys) - {"$comment"}
        if unknown:
            raise ValueError(f"hints: unknown keys {sorted(unknown)}; expected {sorted(keys)}")
        return cls(**{keys[key]: value for key, value in data.items() if key in keys})


def anchored_pattern(document_pattern: str) -> str:
    r"""The document pattern as a whole-value ECMAScript pattern that compiles in ``u`` mode.

    In ``u`` mode ``\-`` is only legal inside a character class, so outside one it becomes ``-``.
    """
    tokens = _REGEX_TOKEN.findall(document_pattern)
    return "^(?:" + "".join("-" if token == "\\-" else token for token in tokens) + ")$"


_ECMASCRIPT_SYNTAX = frozenset("^$\\.*+?()[]{}|/")
"""The characters a `u`-mode pattern may escape (escaping any other is an error there)."""


def excluded_prefix_pattern(prefix: str) -> str:
    """A whole-value pattern of every value that does not begin with `prefix` in any case (ASCII
    letters), valid in ECMAScript's `u` mode and in Python's `regex`: for ``aws:``,
    ``^(?![aA][wW][sS]:)[\\s\\S]*$`` (``[\\s\\S]`` is any character, line breaks too)."""
    parts = [
        f"[{char.lower()}{char.upper()}]"
        if char.isascii() and char.isalpha()
        else ("\\" + char if char in _ECMASCRIPT_SYNTAX else char)
        for char in prefix
    ]
    return "^(?!" + "".join(parts) + ")[\\s\\S]*$"


def reserved_prefix_schema(reserved: dict[str, str]) -> dict[str, Any]:
    """The `allOf` that tells editors, in plain words, of a prefix the service refuses in any case.

    The model's own `pattern` stays as it is (it allows the prefix); this is a second one, in a
    subschema of its own so that the editors show its message. The linter leaves its failure to
    the rule named by `CHECKED_BY`, which reports it with the value's own words."""
    return {
        "allOf": [
            {
                "pattern": excluded_prefix_pattern(reserved["prefix"]),
                "patternErrorMessage": reserved["message"],
                CHECKED_BY: reserved["rule"],
            }
        ]
    }


def value_schema(member: Member, hints: Hints) -> dict[str, Any]:
    """The schema of a scalar value: the property's, or each item's for an array of strings."""
    scalar_type = "String" if member.type == ARRAY_OF_STRINGS else member.type
    schema: dict[str, Any] = {"type": _JSON_TYPES[scalar_type]}
    if scalar_type == "Timestamp":
        schema[timestamps.KEYWORD] = True  # the linter's checks apply it; editors ignore it
    bounds = {
        "minLength": member.min_length,
        "maxLength": member.max_length,
        "minimum": member.min_value,
        "maximum": member.max_value,
    }
    schema.update({keyword: bound for keyword, bound in bounds.items() if bound is not None})
    if member.pattern is not None:
        schema["pattern"] = anchored_pattern(member.pattern)
        if member.pattern in hints.pattern_error_messages:
            schema["patternErrorMessage"] = hints.pattern_error_messages[member.pattern]
    if member.enum:
        schema["enum"] = list(member.enum)
    return schema


def check_type(member: Member) -> None:
    """Refuse a type or a combination of constraints that the schema would not express."""
    if referenced_type(member) is None and member.type not in (*SCALAR_TYPES, ARRAY_OF_STRINGS):
        raise ValueError(f"{member.name}: unsupported type {member.type!r}")
    has_string_constraints = (
        member.min_length is not None
        or member.max_length is not None
        or member.pattern is not None
        or bool(member.enum)
    )
    if has_string_constraints and member.type not in _STRING_TYPES:
        raise ValueError(f"{member.name}: string constraints on the type {member.type!r}")
    has_value_bounds = member.min_value is not None or member.max_value is not None
    if has_value_bounds and member.type not in _NUMBER_TYPES:
        raise ValueError(f"{member.name}: a value range on the type {member.type!r}")
    has_item_bounds = member.min_items is not None or member.max_items is not None
    if has_item_bounds and not is_array(member):
        raise ValueError(f"{member.name}: 'Array Members' on the non-array type {member.type!r}")


def type_schema(member: Member, hints: Hints) -> dict[str, Any]:
    check_type(member)
    data_type = referenced_type(member)
    item = (
        value_schema(member, hints) if data_type is None else {"$ref": f"#/definitions/{data_type}"}
    )
    if not is_array(member):
        return item
    schema: dict[str, Any] = {"type": "array"}
    if member.min_items is not None:
        schema["minItems"] = member.min_items
    if member.max_items is not None:
        schema["maxItems"] = member.max_items
    schema["items"] = item
    return schema


def code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    padding = " " if fence == "``" else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def count_in_words(low: int | None, high: int | None, unit: str) -> str | None:
    if low is not None and high is not None:
        return f"{low}-{high} {unit}"
    if low is not None:
        return f"at least {low} {unit}"
    if high is not None:
        return f"at most {high} {unit}"
    return None


def whole_number_in_words(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"a whole number from {low} to {high}"
    if low is not None:
        return f"a whole number, at least {low}"
    if high is not None:
        return f"a whole number, at most {high}"
    return "a whole number"


_TYPE_IN_WORDS = {
    "Boolean": "`true` or `false`",
    "Timestamp": (
        "a date and time: an ISO 8601 string such as `2024-03-16T01:46:56Z`, "
        "or a number of seconds since 1970-01-01 UTC such as `1710553616`"
    ),
}


def value_constraints_in_words(member: Member) -> list[str]:
    words = [
        _TYPE_IN_WORDS.get(member.type),
        count_in_words(member.min_length, member.max_length, "characters"),
    ]
    if member.type in _NUMBER_TYPES:
        words.append(whole_number_in_words(member.min_value, member.max_value))
    if member.pattern is not None:
        words.append(f"pattern {code(member.pattern)}")
    if member.enum:
        words.append("one of " + ", ".join(code(value) for value in member.enum))
    return [word for word in words if word]


def constraints_in_words(member: Member) -> str:
    """One line such as ``Required. 1-256 characters; pattern `...`.``"""
    words = [count_in_words(member.min_items, member.max_items, "items")]
    data_type = referenced_type(member)
    if data_type is not None:
        words.append(f"each item a {code(data_type)} object")
    elif member.type == ARRAY_OF_STRINGS:
        words.append("each item: " + "; ".join(value_constraints_in_words(member)))
    else:
        words.extend(value_constraints_in_words(member))
    described = "; ".join(word for word in words if word)
    requirement = "Required." if member.required else "Optional."
    return f"{requirement} {described[:1].upper()}{described[1:]}." if described else requirement


def looks_like_code(word: str) -> bool:
    return sum(char.isupper() for char in word) >= 2


def in_backticks(prose: str, identifiers: set[str]) -> str:
    """Prose with the request's identifiers (member names, valid values) marked as code."""
    code_words = sorted(filter(looks_like_code, identifiers), key=len, reverse=True)
    if not code_words:
        return prose
    alternatives = "|".join(re.escape(word) for word in code_words)
    return re.sub(rf"(?<![\w`])({alternatives})(?![\w`])", r"`\1`", prose)


def property_schema(
    member: Member, owner: str, identifiers: set[str], hints: Hints
) -> dict[str, Any]:
    notes = [note for text, note in hints.prose_notes.items() if text in member.description]
    description = " ".join([member.description, *notes])
    markdown = [in_backticks(member.description, identifiers), *notes, constraints_in_words(member)]
    schema: dict[str, Any] = {
        "title": member.name,
        "description": description,
        "markdownDescription": "\n\n".join(markdown),
        **type_schema(member, hints),
    }
    reserved = hints.reserved_prefixes.get(owner, {}).get(member.name)
    if reserved is not None:
        if schema.get("type") != "string":
            raise ValueError(f"hints: a reserved prefix for {owner}.{member.name}, not a string")
        schema["markdownDescription"] += f"\n\n{reserved['message']}."
        schema.update(reserved_prefix_schema(reserved))
    examples = hints.examples.get(owner, {}).get(member.name)
    if examples:
        schema["examples"] = examples
    return schema


def identifiers_of(members: tuple[Member, ...], type_names: set[str]) -> set[str]:
    names = {member.name for member in members}
    values = {value for member in members for value in member.enum}
    return names | values | type_names


def object_schema(
    owner: str, members: tuple[Member, ...], type_names: set[str], hints: Hints
) -> dict[str, Any]:
    identifiers = identifiers_of(members, type_names)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [member.name for member in members if member.required],
        "properties": {
            member.name: property_schema(member, owner, identifiers, hints) for member in members
        },
    }


def check_hints(request: Request, hints: Hints) -> None:
    """Refuse hints for members this request's operation or types do not have, so that hints
    cannot silently rot (hints for other operations' pages are not this request's business)."""
    members = {request.operation: {member.name for member in request.members}}
    members.update(
        {name: {member.name for member in data.members} for name, data in request.types.items()}
    )
    for section, by_owner in (
        ("examples", hints.examples),
        ("reserved prefixes", hints.reserved_prefixes),
    ):
        for owner, by_member in by_owner.items():
            for name in by_member:
                if owner in members and name not in members[owner]:
                    raise ValueError(
                        f"hints: {section} for {owner}.{name}, which {owner} does not have"
                    )
    for snippet in hints.default_snippets.get(request.operation, []):
        for name in snippet.get("body", {}):
            if name not in members[request.operation]:
                raise ValueError(
                    f"hints: the snippet {snippet.get('label')!r} sets {name}, "
                    f"which {request.operation} does not have"
                )


def build_schema(request: Request, hints: Hints | None = None) -> dict[str, Any]:
    """The JSON Schema (draft-07) of the request."""
    hints = hints or Hints()
    check_hints(request, hints)
    type_names = set(request.types)
    schema: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": f"{request.operation} request",
        "description": request.summary,
        **object_schema(request.operation, request.members, type_names, hints),
    }
    if request.types:
        schema["definitions"] = {
            name: {
                "title": name,
                "description": data.summary,
                **object_schema(name, data.members, type_names, hints),
            }
            for name, data in request.types.items()
        }
    if hints.default_snippets.get(request.operation):
        schema["defaultSnippets"] = hints.default_snippets[request.operation]
    return schema


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
