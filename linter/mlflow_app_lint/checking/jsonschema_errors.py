"""The jsonschema validator that explains what is wrong with a request.

Draft 7, with the `pattern` keyword on the `regex` module as AWS reads patterns, and YAML's and
JSON's numbers and YAML's booleans (`Scalar`) typed by what they were written as. Only imported
when a request is not valid (see `validity`): jsonschema is the slowest import a run could make.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from jsonschema import Draft7Validator, ValidationError, validators
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

from mlflow_app_lint.base.values import Scalar
from mlflow_app_lint.checking import timestamps
from mlflow_app_lint.checking.patterns import matches
from mlflow_app_lint.checking.validity import BASIC_TYPES, numeric_value


def validator_for(schema: dict[str, Any]) -> Draft7Validator:
    """Our validator for a schema, resolving `$ref` only inside it (jsonschema adds the bundled
    metaschemas).

    Without a registry, jsonschema still fetches a remote `$ref` over the network (with a
    deprecation warning): a linter in CI must never do that."""
    return _Validator(schema, registry=LOCAL_ONLY)


class Checks(Protocol):
    """The compiled checks of a schema's parts (validity.Compiler)."""

    def compile(self, schema: Any) -> Any: ...
    def resolve(self, schema: Any) -> Any: ...


def narrowed_errors(
    validator: Draft7Validator, checks: Checks, instance: Any
) -> Iterator[ValidationError]:
    """The validator's errors, found by running it only on the parts of the instance that the
    compiled checks find invalid, one level at a time: jsonschema is slow, and a request with
    one wrong tag need not have every tag walked by it. The same errors as `iter_errors`."""
    shallow = _Shallow(validator.schema, registry=LOCAL_ONLY)
    return _narrowed(shallow, checks, validator.schema, instance, ())


def _narrowed(
    shallow: Draft7Validator, checks: Checks, schema: Any, instance: Any, path: tuple
) -> Iterator[ValidationError]:
    schema = checks.resolve(schema)
    if checks.compile(schema)(instance):
        return
    # evolve() would pick the class the root's `$schema` names, which is not ours.
    level = shallow if schema is shallow.schema else shallow.evolve(schema=schema)
    for error in level.iter_errors(instance):
        error.path.extendleft(reversed(path))
        yield error
    if not isinstance(schema, dict):
        return
    if isinstance(instance, dict) and "properties" in schema:
        for name, value in instance.items():
            if name in schema["properties"]:
                yield from _narrowed(
                    shallow, checks, schema["properties"][name], value, (*path, name)
                )
    if isinstance(instance, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(instance):
            yield from _narrowed(shallow, checks, schema["items"], item, (*path, index))


def _one_level(validator, value: Any, instance: Any, schema: dict) -> Iterator:
    """`properties` and `items` of the shallow validator: `_narrowed` goes into them itself."""
    return iter(())


def _refuse_retrieval(uri: str) -> Resource:
    raise NoSuchResource(ref=uri)


LOCAL_ONLY: Registry = Registry(retrieve=_refuse_retrieval)


def _pattern_keyword(validator, pattern: str, instance: Any, schema: dict) -> Iterator:
    if validator.is_type(instance, "string") and not matches(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _minimum_keyword(validator, minimum: Any, instance: Any, schema: dict) -> Iterator:
    if validator.is_type(instance, "number") and numeric_value(instance) < minimum:
        yield ValidationError(f"{_written(instance)} is less than the minimum of {minimum}")


def _maximum_keyword(validator, maximum: Any, instance: Any, schema: dict) -> Iterator:
    if validator.is_type(instance, "number") and numeric_value(instance) > maximum:
        yield ValidationError(f"{_written(instance)} is greater than the maximum of {maximum}")


def _type_keyword(validator, types: Any, instance: Any, schema: dict) -> Iterator:
    if not schema.get(timestamps.KEYWORD):  # a timestamp's own keyword judges its type
        yield from Draft7Validator.VALIDATORS["type"](validator, types, instance, schema)


def _timestamp_keyword(validator, value: Any, instance: Any, schema: dict) -> Iterator:
    problem = timestamps.problem(instance) if value else None
    if problem is not None:
        yield ValidationError(problem)


def _written(instance: Any) -> str:
    return instance.text if isinstance(instance, Scalar) else repr(instance)


_Validator = validators.extend(
    Draft7Validator,
    validators={
        "pattern": _pattern_keyword,
        "minimum": _minimum_keyword,
        "maximum": _maximum_keyword,
        "type": _type_keyword,
        timestamps.KEYWORD: _timestamp_keyword,
    },
    type_checker=Draft7Validator.TYPE_CHECKER.redefine_many(
        {
            name: lambda checker, instance, test=test: test(instance)
            for name, test in BASIC_TYPES.items()
            if name in ("integer", "number", "boolean")
        }
    ),
)

_Shallow = validators.extend(_Validator, validators={"properties": _one_level, "items": _one_level})
"""Checks one level of an instance (the members' and items' own schemas are left out)."""
