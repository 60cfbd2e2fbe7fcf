"""Generate the JSON Schema of a CreateMlflowApp request from the AWS API reference pages.

The pages in ``schema/`` are plain-text copies of AWS API reference pages, with the quirks of such
copies (see ``schema/api-docs-README.md``). Everything the schema says about the request comes
from those pages; ``schema/hints.json`` only adds editor help (examples, plain-word pattern
messages, a snippet) and is checked against the pages so that it cannot silently rot.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

SCHEMA_FILE_NAME = "create-mlflow-app.schema.json"
HINTS_FILE_NAME = "hints.json"
OPERATION_DOCUMENT = "CreateMlflowApp.txt"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"

OPERATION_HEADINGS = (
    "Request Syntax",
    "Request Parameters",
    "Response Syntax",
    "Response Elements",
    "Errors",
    "See Also",
)
DATA_TYPE_HEADINGS = ("Contents", "See Also")
FIELD_LABELS = (
    "Type",
    "Length Constraints",
    "Array Members",
    "Pattern",
    "Valid Values",
    "Required",
    "HTTP Status Code",
)
_LABEL = "|".join(re.escape(label) for label in FIELD_LABELS)
# A field label glued to the text before it ("...disabled.Type: String", "DISABLEDRequired: No").
# `before` is greedy, so the last glued label is split off first.
_GLUED_FIELD = re.compile(rf"(?P<before>.*\S)(?P<field>(?:{_LABEL}):(?: .*)?)")
_FIELD_LINE = re.compile(rf"(?P<label>{_LABEL}):(?: (?P<value>.*))?")
_LENGTH_BOUNDS = re.compile(
    r"(?:Minimum length of (?P<min>\d+)\.)? ?(?:Maximum length of (?P<max>\d+)\.)?"
)
_ITEM_BOUNDS = re.compile(
    r"(?:Minimum number of (?P<min>\d+) items?\.)? ?(?:Maximum number of (?P<max>\d+) items?\.)?"
)
_SCALAR_TYPES = {"String": "string", "Boolean": "boolean", "Integer": "integer", "Long": "integer"}
_ARRAY_OF_STRINGS = "Array of strings"
_ARRAY_OF_OBJECTS = re.compile(r"Array of (?P<name>\w+) objects")
_OBJECT = re.compile(r"(?P<name>\w+) object")
_LOWERCASE_WORD_GLUED_TO_IDENTIFIER = re.compile(r"\b([a-z]+)(?=[A-Z][a-z0-9]+[A-Z])")
_COMMA_GLUED_TO_IDENTIFIER = re.compile(r"(?<=[a-z])([,;])(?=[A-Z])")
# A regular-expression token: a whole character class, an escape, or one other character.
_REGEX_TOKEN = re.compile(r"\[(?:\\.|[^\\\]])*\]|\\.|.", re.DOTALL)


@dataclass(frozen=True)
class Member:
    """A request parameter, response element or data-type member, as the page describes it."""

    name: str
    description: str
    type: str
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class ApiError:
    name: str
    description: str
    http_status: int


@dataclass(frozen=True)
class OperationPage:
    name: str
    summary: str
    request_syntax_keys: tuple[str, ...]
    request: tuple[Member, ...]
    response: tuple[Member, ...]
    errors: tuple[ApiError, ...]


@dataclass(frozen=True)
class DataTypePage:
    name: str
    summary: str
    members: tuple[Member, ...]


@dataclass(frozen=True)
class Hints:
    """Editor help from ``hints.json``; see that file's ``$comment``."""

    pattern_error_messages: dict[str, str] = field(default_factory=dict)
    prose_notes: dict[str, str] = field(default_factory=dict)
    examples: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    default_snippets: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Hints:
        keys = {
            "patternErrorMessages": "pattern_error_messages",
            "proseNotes": "prose_notes",
            "examples": "examples",
            "defaultSnippets": "default_snippets",
        }
        unknown = set(data) - set(keys) - {"$comment"}
        if unknown:
            raise ValueError(f"hints: unknown keys {sorted(unknown)}; expected {sorted(keys)}")
        return cls(**{keys[key]: value for key, value in data.items() if key in keys})


# ---------------------------------------------------------------------------------------------
# Reading the pages


def page_lines(text: str) -> list[str]:
    """The page's non-blank lines, with glued field labels split onto lines of their own."""
    lines = (line.rstrip() for line in text.splitlines())
    return [part for line in lines if line for part in unglue(line)]


def unglue(line: str) -> list[str]:
    match = _GLUED_FIELD.fullmatch(line)
    if match is None:
        return [line]
    return [*unglue(match["before"]), match["field"]]


def split_sections(lines: list[str], headings: tuple[str, ...]) -> dict[str, list[str]]:
    """Map "" (the title and intro lines) and each heading present to the lines under it."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in lines:
        if line in headings:
            if line in sections:
                raise ValueError(f"the page has the heading {line!r} twice")
            current = line
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


def require_section(sections: dict[str, list[str]], heading: str) -> list[str]:
    if heading not in sections:
        raise ValueError(f"the page has no {heading!r} section")
    return sections[heading]


def split_blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Split a section into its ``- Name`` / ``-`` blocks (the lines before the first are intro)."""
    blocks: list[tuple[str, list[str]]] = []
    index = 0
    while index < len(lines):
        if lines[index].startswith("- ") and lines[index + 1 : index + 2] == ["-"]:
            blocks.append((lines[index][2:].strip(), []))
            index += 2
            continue
        if blocks:
            blocks[-1][1].append(lines[index])
        index += 1
    return blocks


def read_fields(name: str, lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """Split a block into its prose lines and its ``Label: value`` fields.

    ``Pattern:`` and ``Valid Values:`` have their value on the next line; the value is taken
    verbatim from there.
    """
    prose: list[str] = []
    fields: dict[str, str] = {}
    waiting_label: str | None = None
    for line in lines:
        if waiting_label is not None:
            fields[waiting_label] = line
            waiting_label = None
            continue
        match = _FIELD_LINE.fullmatch(line)
        if match is None:
            if fields:
                raise ValueError(f"{name}: unexpected line after its fields: {line!r}")
            prose.append(line)
        elif match["label"] in fields:
            raise ValueError(f"{name}: the field {match['label']!r} appears twice")
        elif match["value"]:
            fields[match["label"]] = match["value"]
        else:
            waiting_label = match["label"]
    if waiting_label is not None:
        raise ValueError(f"{name}: the field {waiting_label!r} has no value")
    return prose, fields


def parse_bounds(
    name: str, text: str | None, grammar: re.Pattern[str]
) -> tuple[int | None, int | None]:
    if text is None:
        return None, None
    match = grammar.fullmatch(text)
    if not text or match is None:
        raise ValueError(f"{name}: cannot read the bounds {text!r}")
    return _optional_int(match["min"]), _optional_int(match["max"])


def _optional_int(digits: str | None) -> int | None:
    return None if digits is None else int(digits)


def parse_valid_values(text: str | None) -> tuple[str, ...]:
    return () if text is None else tuple(re.split(r"\s*\|\s*", text.strip()))


def parse_required(name: str, text: str) -> bool:
    if text not in ("Yes", "No"):
        raise ValueError(f"{name}: 'Required' must be Yes or No, not {text!r}")
    return text == "Yes"


def parse_member(name: str, lines: list[str]) -> Member:
    prose, fields = read_fields(name, lines)
    if "Type" not in fields:
        raise ValueError(f"{name}: no 'Type' field")
    min_length, max_length = parse_bounds(
        name, fields.pop("Length Constraints", None), _LENGTH_BOUNDS
    )
    min_items, max_items = parse_bounds(name, fields.pop("Array Members", None), _ITEM_BOUNDS)
    member = Member(
        name=name,
        description=clean_prose(prose),
        type=fields.pop("Type"),
        min_length=min_length,
        max_length=max_length,
        min_items=min_items,
        max_items=max_items,
        pattern=fields.pop("Pattern", None),
        enum=parse_valid_values(fields.pop("Valid Values", None)),
        required=parse_required(name, fields.pop("Required", "No")),
    )
    if fields:
        raise ValueError(f"{name}: fields that do not belong to a member: {sorted(fields)}")
    return member


def parse_error(name: str, lines: list[str]) -> ApiError:
    prose, fields = read_fields(name, lines)
    status = fields.pop("HTTP Status Code", "")
    if not status.isdigit() or fields:
        raise ValueError(f"{name}: an error needs exactly an 'HTTP Status Code' field")
    return ApiError(name=name, description=clean_prose(prose), http_status=int(status))


def clean_prose(lines: list[str]) -> str:
    """Join prose lines and put back the spaces lost around inline code in the copy."""
    text = re.sub(r"\s+", " ", " ".join(lines)).strip()
    text = _LOWERCASE_WORD_GLUED_TO_IDENTIFIER.sub(r"\1 ", text)
    return _COMMA_GLUED_TO_IDENTIFIER.sub(r"\1 ", text)


def title_and_summary(name_of_page: str, intro: list[str]) -> tuple[str, str]:
    if len(intro) < 2:
        raise ValueError(f"{name_of_page}: the page must start with its name and a summary")
    return intro[0].strip(), clean_prose(intro[1:])


def request_syntax_keys(lines: list[str]) -> tuple[str, ...]:
    """The top-level member names of the request syntax, a JSON sketch with "string" values."""
    try:
        sketch = json.loads("\n".join(lines))
    except json.JSONDecodeError as error:
        raise ValueError(f"the Request Syntax is not a JSON sketch: {error}") from error
    return tuple(sketch)


def parse_operation_page(text: str) -> OperationPage:
    sections = split_sections(page_lines(text), OPERATION_HEADINGS)
    name, summary = title_and_summary("operation page", sections[""])
    request = tuple(
        parse_member(member, lines)
        for member, lines in split_blocks(require_section(sections, "Request Parameters"))
    )
    page = OperationPage(
        name=name,
        summary=summary,
        request_syntax_keys=request_syntax_keys(require_section(sections, "Request Syntax")),
        request=request,
        response=tuple(
            parse_member(member, lines)
            for member, lines in split_blocks(sections.get("Response Elements", []))
        ),
        errors=tuple(
            parse_error(error, lines) for error, lines in split_blocks(sections.get("Errors", []))
        ),
    )
    check_request_syntax(page)
    return page


def check_request_syntax(page: OperationPage) -> None:
    parameters = {member.name for member in page.request}
    if set(page.request_syntax_keys) != parameters:
        raise ValueError(
            f"{page.name}: the Request Syntax names {sorted(page.request_syntax_keys)} "
            f"but the Request Parameters are {sorted(parameters)}"
        )


def parse_data_type_page(text: str) -> DataTypePage:
    sections = split_sections(page_lines(text), DATA_TYPE_HEADINGS)
    name, summary = title_and_summary("data-type page", sections[""])
    members = tuple(
        parse_member(member, lines)
        for member, lines in split_blocks(require_section(sections, "Contents"))
    )
    return DataTypePage(name=name, summary=summary, members=members)


# ---------------------------------------------------------------------------------------------
# Building the schema


def referenced_type(member: Member) -> str | None:
    """The data type an ``Array of X objects`` or ``X object`` member refers to."""
    for grammar in (_ARRAY_OF_OBJECTS, _OBJECT):
        match = grammar.fullmatch(member.type)
        if match:
            return match["name"]
    return None


def anchored_pattern(document_pattern: str) -> str:
    r"""The document pattern as a whole-value ECMAScript pattern that compiles in ``u`` mode.

    In ``u`` mode ``\-`` is only legal inside a character class, so outside one it becomes ``-``.
    """
    tokens = _REGEX_TOKEN.findall(document_pattern)
    return "^(?:" + "".join("-" if token == "\\-" else token for token in tokens) + ")$"


def value_schema(member: Member, hints: Hints) -> dict[str, Any]:
    """The schema of a scalar value: the property's, or each item's for an array of strings."""
    scalar_type = "String" if member.type == _ARRAY_OF_STRINGS else member.type
    schema: dict[str, Any] = {"type": _SCALAR_TYPES[scalar_type]}
    if member.min_length is not None:
        schema["minLength"] = member.min_length
    if member.max_length is not None:
        schema["maxLength"] = member.max_length
    if member.pattern is not None:
        schema["pattern"] = anchored_pattern(member.pattern)
        if member.pattern in hints.pattern_error_messages:
            schema["patternErrorMessage"] = hints.pattern_error_messages[member.pattern]
    if member.enum:
        schema["enum"] = list(member.enum)
    return schema


def is_array(member: Member) -> bool:
    return member.type.startswith("Array of ")


def check_type(member: Member) -> None:
    """Refuse a type or a combination of constraints that the schema would not express."""
    data_type = referenced_type(member)
    if data_type is None and member.type not in (*_SCALAR_TYPES, _ARRAY_OF_STRINGS):
        raise ValueError(f"{member.name}: unsupported type {member.type!r}")
    has_value_constraints = (
        member.min_length is not None
        or member.max_length is not None
        or member.pattern is not None
        or bool(member.enum)
    )
    if data_type is not None and has_value_constraints:
        raise ValueError(f"{member.name}: value constraints on the object type {data_type}")
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


def value_constraints_in_words(member: Member) -> list[str]:
    words = [count_in_words(member.min_length, member.max_length, "characters")]
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
    elif member.type == _ARRAY_OF_STRINGS:
        words.append("each item: " + "; ".join(value_constraints_in_words(member)))
    else:
        words.extend(value_constraints_in_words(member))
    described = "; ".join(word for word in words if word)
    requirement = "Required." if member.required else "Optional."
    return f"{requirement} {described[:1].upper()}{described[1:]}." if described else requirement


def looks_like_code(word: str) -> bool:
    return sum(char.isupper() for char in word) >= 2


def in_backticks(prose: str, identifiers: set[str]) -> str:
    """Prose with the page's identifiers (member names, valid values) marked as code."""
    code_words = sorted(filter(looks_like_code, identifiers), key=len, reverse=True)
    if not code_words:
        return prose
    alternatives = "|".join(re.escape(word) for word in code_words)
    return re.sub(rf"(?<![\w`])({alternatives})(?![\w`])", r"`\1`", prose)


def property_schema(
    member: Member, page: str, identifiers: set[str], hints: Hints
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
    examples = hints.examples.get(page, {}).get(member.name)
    if examples:
        schema["examples"] = examples
    return schema


def page_identifiers(members: tuple[Member, ...], type_names: set[str]) -> set[str]:
    names = {member.name for member in members}
    values = {value for member in members for value in member.enum}
    return names | values | type_names


def object_schema(
    page: str, members: tuple[Member, ...], type_names: set[str], hints: Hints
) -> dict[str, Any]:
    identifiers = page_identifiers(members, type_names)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [member.name for member in members if member.required],
        "properties": {
            member.name: property_schema(member, page, identifiers, hints) for member in members
        },
    }


def data_type_pages(
    operation: OperationPage, type_texts: dict[str, str]
) -> dict[str, DataTypePage]:
    """The pages of the data types the operation refers to, directly or through other types."""
    pages: dict[str, DataTypePage] = {}
    waiting = [referenced_type(member) for member in operation.request]
    while waiting:
        name = waiting.pop(0)
        if name is None or name in pages:
            continue
        if name not in type_texts:
            raise ValueError(f"{operation.name} refers to the data type {name}, but no page for it")
        page = parse_data_type_page(type_texts[name])
        if page.name != name:
            raise ValueError(f"the page given for the data type {name} describes {page.name}")
        pages[name] = page
        waiting.extend(referenced_type(member) for member in page.members)
    return pages


def check_hints(operation: OperationPage, types: dict[str, DataTypePage], hints: Hints) -> None:
    """Refuse hints for members the pages do not have, so that hints cannot silently rot."""
    members = {operation.name: {member.name for member in operation.request}}
    members.update({name: {member.name for member in page.members} for name, page in types.items()})
    for page, examples in hints.examples.items():
        if page not in members:
            raise ValueError(f"hints: examples for {page}, which is no page of the schema")
        for name in examples:
            if name not in members[page]:
                raise ValueError(f"hints: examples for {page}.{name}, which the page does not have")
    for snippet in hints.default_snippets:
        for name in snippet.get("body", {}):
            if name not in members[operation.name]:
                raise ValueError(
                    f"hints: the snippet {snippet.get('label')!r} sets {name}, "
                    f"which {operation.name} does not have"
                )


def build_schema(
    operation_text: str, type_texts: dict[str, str], hints: Hints | None = None
) -> dict[str, Any]:
    """The JSON Schema (draft-07) of the operation's request, from the text of its pages."""
    hints = hints or Hints()
    operation = parse_operation_page(operation_text)
    types = data_type_pages(operation, type_texts)
    check_hints(operation, types, hints)
    type_names = set(types)
    schema: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": f"{operation.name} request",
        "description": operation.summary,
        **object_schema(operation.name, operation.request, type_names, hints),
    }
    if types:
        schema["definitions"] = {
            name: {
                "title": name,
                "description": page.summary,
                **object_schema(name, page.members, type_names, hints),
            }
            for name, page in types.items()
        }
    if hints.default_snippets:
        schema["defaultSnippets"] = hints.default_snippets
    return schema


# ---------------------------------------------------------------------------------------------
# The packaged documents


def schema_folder() -> Traversable:
    return resources.files("mlflow_app_lint.schema")


def generate() -> dict[str, Any]:
    folder = schema_folder()
    type_texts = {
        entry.name.removesuffix(".txt"): entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".txt") and entry.name != OPERATION_DOCUMENT
    }
    hints = Hints.from_json(json.loads((folder / HINTS_FILE_NAME).read_text(encoding="utf-8")))
    return build_schema(
        (folder / OPERATION_DOCUMENT).read_text(encoding="utf-8"), type_texts, hints
    )


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def committed_schema_path() -> Path:
    return Path(str(schema_folder() / SCHEMA_FILE_NAME))


def read_committed() -> str:
    return (schema_folder() / SCHEMA_FILE_NAME).read_text(encoding="utf-8")
