"""The first front end: read AWS API reference pages into the intermediate form.

The pages are plain-text copies of AWS API reference pages, with the quirks of such copies (see
``schema/api-docs-README.md``): field labels glued to the text before them, patterns on the line
after their label, spaces lost around inline code. An operation page and the pages of the data
types it uses make one request.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from mlflow_app_lint.schemagen.intermediate import DataType, Member, Request, referenced_type

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
    "Valid Range",
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
_VALUE_BOUNDS = re.compile(
    r"(?:Minimum value of (?P<min>-?\d+)\.)? ?(?:Maximum value of (?P<max>-?\d+)\.)?"
)
_LOWERCASE_WORD_GLUED_TO_IDENTIFIER = re.compile(r"\b([a-z]+)(?=[A-Z][a-z0-9]+[A-Z])")
_COMMA_GLUED_TO_IDENTIFIER = re.compile(r"(?<=[a-z])([,;])(?=[A-Z])")


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
    min_value, max_value = parse_bounds(name, fields.pop("Valid Range", None), _VALUE_BOUNDS)
    member = Member(
        name=name,
        description=clean_prose(prose),
        type=fields.pop("Type"),
        min_length=min_length,
        max_length=max_length,
        min_items=min_items,
        max_items=max_items,
        min_value=min_value,
        max_value=max_value,
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


def parse_data_type_page(text: str) -> DataType:
    sections = split_sections(page_lines(text), DATA_TYPE_HEADINGS)
    name, summary = title_and_summary("data-type page", sections[""])
    members = tuple(
        parse_member(member, lines)
        for member, lines in split_blocks(require_section(sections, "Contents"))
    )
    return DataType(name=name, summary=summary, members=members)


def data_types(operation: OperationPage, type_texts: dict[str, str]) -> dict[str, DataType]:
    """The data types the operation refers to, directly or through other types, from their pages
    in ``type_texts`` (page name -> text; pages no member refers to are left unread)."""
    types: dict[str, DataType] = {}
    waiting = [referenced_type(member) for member in operation.request]
    while waiting:
        name = waiting.pop(0)
        if name is None or name in types:
            continue
        if name not in type_texts:
            raise ValueError(f"{operation.name} refers to the data type {name}, but no page for it")
        page = parse_data_type_page(type_texts[name])
        if page.name != name:
            raise ValueError(f"the page given for the data type {name} describes {page.name}")
        types[name] = page
        waiting.extend(referenced_type(member) for member in page.members)
    return types


def read_request(operation_text: str, type_texts: dict[str, str]) -> Request:
    """The request of the operation page ``operation_text``, with the data-type pages it uses."""
    operation = parse_operation_page(operation_text)
    return Request(
        operation=operation.name,
        summary=operation.summary,
        members=operation.request,
        types=data_types(operation, type_texts),
    )
