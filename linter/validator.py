"""The jsonschema validator that explains what is wrong with a request.

Draft 7, with the `pattern` keyword on the `regex` module as AWS reads patterns, and YAML's and
JSON's numbers (`Scalar`) typed by what they were written as. Only imported when a request is not
valid (see `validity`): jsonschema is the slowest import a run could make.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema import Draft7Validator, ValidationError, validators
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

from .document import Scalar
from .schema_check import matches


def validator_for(schema: dict[str, Any]) -> Draft7Validator:
    """Our validator for a schema, resolving `$ref` only inside it (jsonschema adds the bundled
    metaschemas).

    Without a registry, jsonschema still fetches a remote `$ref` over the network (with a
    deprecation warning): a linter in CI must never do that."""
    return _Validator(schema, registry=LOCAL_ONLY)


def _refuse_retrieval(uri: str) -> Resource:
    raise NoSuchResource(ref=uri)


LOCAL_ONLY: Registry = Registry(retrieve=_refuse_retrieval)


def _pattern_keyword(validator, pattern: str, instance: Any, schema: dict) -> Iterator:
    if validator.is_type(instance, "string") and not matches(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _is_integer(checker, instance: Any) -> bool:
    if isinstance(instance, Scalar):
        return instance.kind == "integer"
    return Draft7Validator.TYPE_CHECKER.is_type(instance, "integer")


def _is_number(checker, instance: Any) -> bool:
    if isinstance(instance, Scalar):
        return instance.kind in ("integer", "number")
    return Draft7Validator.TYPE_CHECKER.is_type(instance, "number")


_Validator = validators.extend(
    Draft7Validator,
    validators={"pattern": _pattern_keyword},
    type_checker=Draft7Validator.TYPE_CHECKER.redefine_many(
        {"integer": _is_integer, "number": _is_number}
    ),
)
