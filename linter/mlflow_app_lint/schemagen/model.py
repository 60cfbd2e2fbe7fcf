"""The second front end: read AWS's service model (botocore's ``service-2.json`` format) into the
intermediate form.

The model is what the API reference pages are rendered from: shapes with their constraints
(``min``/``max`` as lengths for strings and lists and as values for numbers, ``pattern``,
``enum``, the structures' ``required``) and HTML documentation, turned here into plain text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from mlflow_app_lint.schemagen.intermediate import (
    ARRAY_OF_STRINGS,
    DataType,
    Member,
    Request,
    referenced_type,
)

_SCALAR_TYPES = {
    "string": "String",
    "boolean": "Boolean",
    "integer": "Integer",
    "long": "Long",
    "timestamp": "Timestamp",
}
_NUMBER_TYPES = ("integer", "long")


def operation_names(model: dict[str, Any]) -> list[str]:
    return sorted(model["operations"])


def read_request(model: dict[str, Any], operation: str) -> Request:
    """The request of ``operation`` in the service model ``model`` (a decoded service-2.json)."""
    if operation not in model["operations"]:
        raise ValueError(f"the model has no operation {operation}")
    details = model["operations"][operation]
    shapes = model["shapes"]
    members = structure_members(shapes, details["input"]["shape"])
    types: dict[str, DataType] = {}
    waiting = [referenced_type(member) for member in members]
    while waiting:
        name = waiting.pop(0)
        if name is None or name in types:
            continue
        data = DataType(
            name=name,
            summary=html_to_text(shapes[name].get("documentation", "")),
            members=structure_members(shapes, name),
        )
        types[name] = data
        waiting.extend(referenced_type(member) for member in data.members)
    return Request(
        operation=operation,
        summary=html_to_text(details.get("documentation", "")),
        members=members,
        types=types,
    )


def structure_members(shapes: dict[str, Any], name: str) -> tuple[Member, ...]:
    """A structure's members in the order of the API reference pages: by name."""
    structure = shapes[name]
    if structure["type"] != "structure":
        raise ValueError(f"{name} is a {structure['type']}, not a structure")
    required = set(structure.get("required", ()))
    return tuple(
        member(shapes, member_name, structure["members"][member_name], member_name in required)
        for member_name in sorted(structure["members"])
    )


def member(shapes: dict[str, Any], name: str, reference: dict[str, Any], required: bool) -> Member:
    """A structure's member: the constraints of the shape it refers to, and its documentation
    (the member's own, else the shape's)."""
    shape_name = reference["shape"]
    shape = shapes[shape_name]
    documentation = reference.get("documentation", shape.get("documentation", ""))
    common = {"name": name, "description": html_to_text(documentation), "required": required}
    if shape["type"] == "structure":
        return Member(type=f"{shape_name} object", **common)
    if shape["type"] != "list":
        return Member(type=scalar_type(shape_name, shape), **value_constraints(shape), **common)
    item_name = shape["member"]["shape"]
    item = shapes[item_name]
    item_bounds = {"min_items": shape.get("min"), "max_items": shape.get("max")}
    if item["type"] == "structure":
        return Member(type=f"Array of {item_name} objects", **item_bounds, **common)
    if item["type"] == "string":
        return Member(type=ARRAY_OF_STRINGS, **value_constraints(item), **item_bounds, **common)
    raise ValueError(f"{name}: unsupported list of {item['type']} ({item_name})")


def scalar_type(name: str, shape: dict[str, Any]) -> str:
    if shape["type"] not in _SCALAR_TYPES:
        raise ValueError(f"{name}: unsupported shape type {shape['type']!r}")
    return _SCALAR_TYPES[shape["type"]]


def value_constraints(shape: dict[str, Any]) -> dict[str, Any]:
    """A scalar shape's constraints as Member fields: ``min``/``max`` bound a string's length and
    a number's value."""
    if shape["type"] in _NUMBER_TYPES:
        return {"min_value": shape.get("min"), "max_value": shape.get("max")}
    if shape["type"] != "string":
        return {}
    return {
        "min_length": shape.get("min"),
        "max_length": shape.get("max"),
        "pattern": shape.get("pattern"),
        "enum": tuple(shape.get("enum", ())),
    }


# ---------------------------------------------------------------------------------------------
# The documentation: HTML to plain text

_BLOCKS = frozenset({"p", "li", "note", "important", "ul", "ol", "dl", "dt", "dd", "br"})


class _PlainText(HTMLParser):
    """Collects the text of documentation HTML in blocks: one per paragraph or list item (list
    items start with ``- ``); a link keeps its text and adds its address in parentheses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.in_item = False  # the next block is a list item's (its text may be in a <p>)
        self.link: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.close_block()
        if tag == "li":
            self.in_item = True
        if tag == "a":
            self.link = dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.close_block()
        if tag == "a" and self.link:
            self.current.append(f" ({self.link})")
            self.link = None

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def close_block(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            self.blocks.append(f"- {text}" if self.in_item else text)
            self.in_item = False
        self.current = []


def html_to_text(html: str) -> str:
    """The documentation as plain text: paragraphs apart by a blank line, list items by a line."""
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    parser.close_block()
    text = ""
    for block in parser.blocks:
        if text:
            text += "\n" if block.startswith("- ") else "\n\n"
        text += block
    return text
