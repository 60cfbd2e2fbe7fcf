"""Validate a request against the generated JSON Schema, the way AWS applies its constraints.

Patterns run on the `regex` module (Unicode classes such as \\p{L}), match the whole value with no
trailing newline tolerated, read \\d as ASCII digits only and `.` as Java does, and give up after a
time limit. Each
failed keyword becomes an issue of its own rule, with a message that says what to write instead.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import regex

from mlflow_app_lint.base.findings import Fix, Issue, Path, Rule, Severity, Target
from mlflow_app_lint.base.rule_examples import REQUEST
from mlflow_app_lint.base.values import Scalar
from mlflow_app_lint.base.words import (
    BOOLEAN_WORDS,
    MAX_SHOWN,
    closest,
    describe,
    name_of,
    one_of,
    plural,
    show,
)
from mlflow_app_lint.checking import timestamps, validity
from mlflow_app_lint.checking.patterns import could_match, matches

if TYPE_CHECKING:  # jsonschema is imported only when a request is not valid: a quicker start
    from jsonschema import Draft7Validator, ValidationError

INVALID_TYPE = Rule(
    "invalid-type",
    Severity.ERROR,
    "A member has the wrong kind of value (a number where a string is needed, ...).",
    "AWS validates every parameter's type. YAML reads unquoted 2024, true or 2024-01-01 as a "
    "number, a boolean or a date, not as text: quote such values.",
    bad=REQUEST.replace("Name: my-app", "Name: 2024"),
    good=REQUEST.replace("Name: my-app", 'Name: "2024"'),
    fixable=True,
)
MISSING_REQUIRED = Rule(
    "missing-required",
    Severity.ERROR,
    "A required member is missing.",
    "The API reference marks Name, ArtifactStoreUri and RoleArn (and each tag's Key and Value) "
    "as required; AWS rejects a request without them.",
    bad=REQUEST.replace("RoleArn: arn:aws:iam::123456789012:role/r\n", ""),
    good=REQUEST,
)
UNKNOWN_FIELD = Rule(
    "unknown-field",
    Severity.ERROR,
    "A member the operation does not have.",
    "AWS rejects a request with an unknown parameter. Names are case-sensitive; the message "
    "suggests the closest valid name.",
    bad=REQUEST.replace("ArtifactStoreUri", "ArtifactStoreURI"),
    good=REQUEST,
    fixable=True,
)
SCHEMA_MEMBER = Rule(
    "schema-member",
    Severity.ERROR,
    "A `$schema` member inside the request.",
    "Editors read `$schema`, but AWS sees an unknown parameter and rejects the request. Associate "
    "the schema with a `# yaml-language-server: $schema=...` modeline or your editor's settings.",
    bad="$schema: ./create-mlflow-app.schema.json\n" + REQUEST,
    good="# yaml-language-server: $schema=./create-mlflow-app.schema.json\n" + REQUEST,
)
INVALID_ENUM = Rule(
    "invalid-enum",
    Severity.ERROR,
    "A value that is not one of the member's valid values.",
    "Enumerated parameters accept only the listed values, spelled and cased exactly.",
    bad=REQUEST + "AccountDefaultStatus: enabled\n",
    good=REQUEST + "AccountDefaultStatus: ENABLED\n",
    fixable=True,
)
PATTERN_MISMATCH = Rule(
    "pattern-mismatch",
    Severity.ERROR,
    "A value that does not match the member's pattern.",
    "AWS matches the pattern against the whole value: no extra characters, no trailing newline, "
    "and \\d means the ASCII digits 0-9 only.",
    bad=REQUEST.replace("s3://", "ftp://"),
    good=REQUEST,
)
TOO_SHORT = Rule(
    "too-short",
    Severity.ERROR,
    "A value shorter than the member's minimum length.",
    "Some members have a minimum length: a Name and a tag key at least 1 character, a RoleArn at "
    "least 20. AWS rejects a shorter value; lengths count characters (Unicode code points), as "
    "AWS counts them.",
    bad=REQUEST + 'Tags:\n  - Key: ""\n    Value: forecasting\n',
    good=REQUEST + "Tags:\n  - Key: team\n    Value: forecasting\n",
)
TOO_LONG = Rule(
    "too-long",
    Severity.ERROR,
    "A value longer than the member's maximum length.",
    "AWS bounds every string member: a Name at 256 characters, ArtifactStoreUri at 1024, a tag "
    "key at 128 and a tag value at 256. Lengths count characters (Unicode code points), not "
    "bytes, as AWS counts them.",
    bad=REQUEST + "Tags:\n  - Key: " + "k" * 129 + "\n    Value: forecasting\n",
    good=REQUEST + "Tags:\n  - Key: team\n    Value: forecasting\n",
)
TOO_FEW_ITEMS = Rule(
    "too-few-items",
    Severity.ERROR,
    "A list with fewer items than the member's minimum.",
    "The API reference bounds the number of items of some lists. No list of CreateMlflowApp has a "
    "minimum above zero today, so this rule has no example; it guards a future revision.",
)
TOO_MANY_ITEMS = Rule(
    "too-many-items",
    Severity.ERROR,
    "A list with more items than the member's maximum.",
    "The API reference bounds the number of items of some lists. The one bounded list of "
    "CreateMlflowApp, Tags, is reported as tag-limit, so this rule has no example; it guards a "
    "future revision.",
)
TOO_SMALL = Rule(
    "too-small",
    Severity.ERROR,
    "A number below the member's minimum.",
    "Some integer members of the MLflow operations have a range: ExpiresInSeconds 5-300, "
    "MaxResults 1-100, SessionExpirationDurationInSeconds 1800-43200. AWS rejects a smaller "
    "value. No member of CreateMlflowApp is a number, so this rule has no example here.",
)
TOO_LARGE = Rule(
    "too-large",
    Severity.ERROR,
    "A number above the member's maximum.",
    "Some integer members of the MLflow operations have a range: ExpiresInSeconds 5-300, "
    "MaxResults 1-100, SessionExpirationDurationInSeconds 1800-43200. AWS rejects a larger "
    "value. No member of CreateMlflowApp is a number, so this rule has no example here.",
)
ALL = (
    INVALID_TYPE,
    MISSING_REQUIRED,
    UNKNOWN_FIELD,
    SCHEMA_MEMBER,
    INVALID_ENUM,
    PATTERN_MISMATCH,
    TOO_SHORT,
    TOO_LONG,
    TOO_FEW_ITEMS,
    TOO_MANY_ITEMS,
    TOO_SMALL,
    TOO_LARGE,
)

TYPE_WORDS = {
    "string": "a string",
    "array": "a list",
    "object": "a mapping",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
}


class SchemaCheck:
    """One operation's schema, checked two ways: a quick yes ("valid") from the schema compiled
    into plain checks, and, only for a request that is not valid, jsonschema's errors explained
    as issues, one per defect."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema

    @functools.cached_property
    def compiled(self) -> validity.Compiler | None:
        """The schema compiled into quick checks; None if it uses a keyword they do not know."""
        compiler = validity.Compiler(self.schema, matches)
        try:
            compiler.compile(compiler.root)
        except validity.Unsupported:
            return None
        return compiler

    @functools.cached_property
    def validator(self) -> Draft7Validator:
        from mlflow_app_lint.checking.jsonschema_errors import validator_for

        return validator_for(self.schema)

    def valid(self, data: Any) -> bool:
        """True only when the validator would find nothing (the compiled check says so)."""
        checks = self.compiled
        return checks is not None and checks.compile(checks.root)(data)

    def issues(self, data: Any) -> list[Issue]:
        """Issues of one request, from every keyword of the schema it fails, one per defect."""
        if self.valid(data):
            return []  # the usual case: jsonschema need not run (nor even be imported)
        issues = dict.fromkeys(issue for error in self._errors(data) for issue in _issues(error))
        # A value of the wrong type fails its other keywords too; the type is the one defect.
        mistyped = {issue.path for issue in issues if issue.rule is INVALID_TYPE}
        # An unknown member whose suggestion is a missing required one is a misspelling, one
        # defect: the unknown-field message already names the right spelling.
        misspelt = {
            (*issue.path[:-1], issue.suggestion) for issue in issues if issue.rule is UNKNOWN_FIELD
        }
        return [
            issue
            for issue in issues
            if not (issue.rule is MISSING_REQUIRED and issue.path in misspelt)
            and not (issue.rule is not INVALID_TYPE and issue.path in mistyped)
        ]

    def _errors(self, data: Any) -> Iterator[ValidationError]:
        from mlflow_app_lint.checking.jsonschema_errors import narrowed_errors

        if self.compiled is None:
            return self.validator.iter_errors(data)
        return narrowed_errors(self.validator, self.compiled, data)


def _issues(error: ValidationError) -> Iterator[Issue]:
    path: Path = tuple(error.absolute_path)
    explain = _EXPLAINERS.get(str(error.validator))
    if explain is None:
        yield Issue(INVALID_TYPE, error.message, path)
        return
    yield from explain(error, path)


def _type(error: ValidationError, path: Path) -> Iterator[Issue]:
    expected = error.validator_value
    wanted = TYPE_WORDS.get(expected, expected) if isinstance(expected, str) else "another type"
    message = f"{name_of(path)} must be {wanted}, got {describe(error.instance)}"
    if "enum" in error.schema:
        message += f"; write one of {one_of(str(value) for value in error.schema['enum'])}"
    elif expected == "string" and _quotable(error.instance):
        text = _text(error.instance)
        message += f'; quote it: "{text}"' if len(text) <= MAX_SHOWN else "; quote it"
    elif error.instance is None:
        message += "; give it a value or remove it"
    elif expected == "boolean":
        message += _boolean_hint(error.instance)
    elif expected == "integer":
        message += _integer_hint(error.instance)
    fix = None
    if expected == "string" and _canonical_number(error.instance):
        fix = Fix.replace_value(path, error.instance.text)
    yield Issue(INVALID_TYPE, message, path, fix=fix)


INTEGER_TEXT = regex.compile(r"[-+]?[0-9]+")


def _boolean_hint(value: Any) -> str:
    word = value.strip().lower() if isinstance(value, str) else None
    if word in BOOLEAN_WORDS:
        meant = str(BOOLEAN_WORDS[word]).lower()
        if word in ("true", "false"):
            return f"; write {meant} without quotes"
        return f"; YAML 1.2 (as the AWS CLI reads it) reads {show(value)} as text: write {meant}"
    if isinstance(value, Scalar) and value.text in ("0", "1"):
        return f"; write {'true' if value.text == '1' else 'false'}"
    return "; write true or false"


def _integer_hint(value: Any) -> str:
    if isinstance(value, str) and INTEGER_TEXT.fullmatch(value.strip()):
        return f"; write it without quotes: {value.strip()}"
    if isinstance(value, Scalar) and value.kind == "number":
        return "; write a whole number, without a decimal point or exponent"
    if isinstance(value, bool):
        return "; a boolean is no number: write the number of the setting"
    return "; write a whole number"


CANONICAL_DECIMAL = regex.compile(r"-?[0-9]+(\.[0-9]+)?")


def _canonical_number(value: Any) -> bool:
    """A number written the one way a reader writes it back (2024, 1.5): its text is then surely
    the string the user meant. Other spellings (0x10, 1e3, 007, 1.10, +1) could mean another
    text or the number itself, so they are not quoted automatically."""
    if not isinstance(value, Scalar) or len(value.text) > MAX_SHOWN:
        return False  # a number that long is no name a person meant to type
    if not CANONICAL_DECIMAL.fullmatch(value.text):
        return False
    if value.kind == "integer":
        return str(int(value.text)) == value.text
    return value.kind == "number" and repr(float(value.text)) == value.text


def _quotable(value: Any) -> bool:
    return isinstance(value, Scalar | bool)


def _text(value: Any) -> str:
    return value.text if isinstance(value, Scalar) else str(value).lower()


def _required(error: ValidationError, path: Path) -> Iterator[Issue]:
    properties = error.schema.get("properties", {})
    for name in error.validator_value:
        if isinstance(error.instance, dict) and name not in error.instance:
            message = f"missing required member '{name}'"
            example = properties.get(name, {}).get("examples", [None])[0]
            if example is not None:
                message += f", for example {name}: {example}"
            yield Issue(MISSING_REQUIRED, message, (*path, name), Target.MISSING)


def _additional(error: ValidationError, path: Path) -> Iterator[Issue]:
    known = list(error.schema.get("properties", {}))
    for name in error.instance:
        if name in known:
            continue
        if name == "$schema":
            message = (
                "'$schema' is not a request member: AWS rejects unknown parameters; associate the "
                "schema with a '# yaml-language-server: $schema=...' comment or editor settings"
            )
            yield Issue(SCHEMA_MEMBER, message, (*path, name), Target.KEY)
            continue
        message = f"unknown member {show(name)}"
        suggestion = closest(name, (k for k in known if k not in error.instance))
        message += f"; did you mean '{suggestion}'?" if suggestion else f"; valid: {one_of(known)}"
        right = _same_but_case(name, known)
        # The right name already set: renaming would make a duplicate, which needs a person.
        fix = None
        if right is not None and right not in error.instance:
            fix = Fix.rename_key((*path, name), right)
        yield Issue(
            UNKNOWN_FIELD, message, (*path, name), Target.KEY, suggestion=suggestion, fix=fix
        )


def _enum(error: ValidationError, path: Path) -> Iterator[Issue]:
    values = [str(value) for value in error.validator_value]
    message = f"{name_of(path)} is {show(error.instance)}, not one of {one_of(values)}"
    suggestion = closest(str(error.instance), values) if isinstance(error.instance, str) else None
    if suggestion:
        message += f"; did you mean '{suggestion}'?"
    right = _same_but_case(error.instance, values) if isinstance(error.instance, str) else None
    fix = Fix.replace_value(path, right) if right else None
    yield Issue(INVALID_ENUM, message, path, fix=fix)


def _same_but_case(word: str, candidates: list[str]) -> str | None:
    """The one candidate that differs from `word` only in case; None when none or several do."""
    matches = [candidate for candidate in candidates if candidate.lower() == word.lower()]
    return matches[0] if len(matches) == 1 else None


def _pattern(error: ValidationError, path: Path) -> Iterator[Issue]:
    if validity.CHECKED_BY in error.schema:
        return  # a rule reports it (reserved-tag-key), not as a generic mismatch
    value: str = error.instance
    limit = error.schema.get("maxLength")
    # Past maxLength the position does not matter: searching no further bounds the work.
    culprit = _first_unmatchable(
        error.validator_value, value[: None if limit is None else limit + 1]
    )
    if limit is not None and culprit >= limit:
        return  # only its length is wrong, and the maxLength issue says so
    if culprit == len(value) < error.schema.get("minLength", 0):
        return  # too short to be complete, and the minLength issue says so
    message = (
        f"{name_of(path)} {show(value)} {_why_unmatched(error.validator_value, value, culprit)}"
    )
    hint = error.schema.get("patternErrorMessage")
    message += f"; expected: {hint}" if hint else f"; expected the pattern {error.validator_value}"
    yield Issue(PATTERN_MISMATCH, message, path)


def _first_unmatchable(pattern: str, value: str) -> int:
    """Index of the first character no matching value could have there (len(value) when the
    value could still be completed), by binary search over partial matches of prefixes."""
    good, bad = 0, len(value) + 1  # the longest prefix that can still match lies in [good, bad)
    while bad - good > 1:
        middle = (good + bad) // 2
        if could_match(pattern, value[:middle]):
            good = middle
        else:
            bad = middle
    return good


def _why_unmatched(pattern: str, value: str, culprit: int) -> str:
    if value != value.strip() and matches(pattern, value.strip()):
        return "has leading or trailing white space"
    if culprit == len(value):
        return "is incomplete"
    return f"has {show(value[culprit])} at position {culprit + 1}, which is not allowed there"


def _length(rule: Rule, relation: str) -> Callable[[ValidationError, Path], Iterator[Issue]]:
    def explain(error: ValidationError, path: Path) -> Iterator[Issue]:
        size, bound = len(error.instance), error.validator_value
        if rule is TOO_SHORT and size == 0:
            message = f"{name_of(path)} must not be empty"
        else:
            message = f"{name_of(path)} {show(error.instance)} is {plural(size, 'character')} long"
            message += f"; {relation} {bound} allowed"
        yield Issue(rule, message, path)

    return explain


def _items(rule: Rule, relation: str) -> Callable[[ValidationError, Path], Iterator[Issue]]:
    def explain(error: ValidationError, path: Path) -> Iterator[Issue]:
        size, bound = len(error.instance), error.validator_value
        message = f"{name_of(path)} has {plural(size, 'item')}; {relation} {bound} allowed"
        yield Issue(rule, message, path)

    return explain


def _bound(rule: Rule, relation: str) -> Callable[[ValidationError, Path], Iterator[Issue]]:
    def explain(error: ValidationError, path: Path) -> Iterator[Issue]:
        written = _text(error.instance)
        message = f"{name_of(path)} is {written}; {relation} {error.validator_value} allowed"
        yield Issue(rule, message, path)

    return explain


def _timestamp(error: ValidationError, path: Path) -> Iterator[Issue]:
    message = f"{name_of(path)} must be a date and time, got {describe(error.instance)}: "
    yield Issue(INVALID_TYPE, message + error.message, path)


_EXPLAINERS: dict[str, Callable[[ValidationError, Path], Iterator[Issue]]] = {
    timestamps.KEYWORD: _timestamp,
    "type": _type,
    "required": _required,
    "additionalProperties": _additional,
    "enum": _enum,
    "pattern": _pattern,
    "minLength": _length(TOO_SHORT, "at least"),
    "maxLength": _length(TOO_LONG, "at most"),
    "minItems": _items(TOO_FEW_ITEMS, "at least"),
    "maxItems": _items(TOO_MANY_ITEMS, "at most"),
    "minimum": _bound(TOO_SMALL, "at least"),
    "maximum": _bound(TOO_LARGE, "at most"),
}
