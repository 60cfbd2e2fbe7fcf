"""A quick yes to "is this request valid?": the schema compiled into plain Python checks.

jsonschema walks a schema generically and builds an error object for every failure; for the
usual request, which has none, that is most of the linter's time. This compiles the keywords the
generated schema uses into closures that answer True exactly when the validator would yield no
error, using the validator's own type checker and pattern matcher. Only a True answer is trusted:
on False (or for a schema using a keyword not compiled here) the validator runs and explains.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from mlflow_app_lint.base.values import Scalar
from mlflow_app_lint.checking import timestamps

Check = Callable[[Any], bool]

CHECKED_BY = "x-checked-by"
"""A subschema's keyword naming the linter rule that reports its failure itself, in words of the
value's own (the editors, which ignore the keyword, show the subschema's patternErrorMessage). It
never changes whether a value is valid: the failure still sends the request to the validator."""

ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "title",
        "description",
        "markdownDescription",
        "examples",
        "default",
        "defaultSnippets",
        "patternErrorMessage",
        "definitions",
        CHECKED_BY,
    }
)
"""Keywords that never make a value invalid."""


def is_integer(instance: Any) -> bool:
    """An integer as written (YAML and JSON numbers are `Scalar`s); a boolean is none."""
    if isinstance(instance, Scalar):
        return instance.kind == "integer"
    return isinstance(instance, int) and not isinstance(instance, bool)


def is_number(instance: Any) -> bool:
    if isinstance(instance, Scalar):
        return instance.kind in ("integer", "number")
    return isinstance(instance, int | float) and not isinstance(instance, bool)


BASIC_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda instance: isinstance(instance, str),
    "object": lambda instance: isinstance(instance, dict),
    "array": lambda instance: isinstance(instance, list),
    "boolean": lambda instance: (
        isinstance(instance, bool) or (isinstance(instance, Scalar) and instance.kind == "boolean")
    ),
    "null": lambda instance: instance is None,
    "integer": is_integer,
    "number": is_number,
}
"""Draft 7's tests for these types (jsonschema's _types.py), without importing jsonschema, with
numbers typed by what they were written as (the validator's type checker does the same), and
YAML's booleans, which keep their spelling (`Scalar`)."""


def numeric_value(instance: Any) -> int | float:
    return instance.number() if isinstance(instance, Scalar) else instance


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not know: use the validator alone."""


def compile_schema(
    schema: dict[str, Any],
    matches: Callable[[str, str], bool],
    types: dict[str, Check] = BASIC_TYPES,
) -> Check:
    """A predicate equal to "the Draft 7 validator yields no error" for this schema, with the
    validator's own type tests (`types`) and pattern matcher (`matches`)."""
    return Compiler(schema, matches, types).compile(schema)


class Compiler:
    """Compiles a schema's subschemas (`$ref`s resolved in its root), each once: the checks
    of the parts of a request, to tell which of them the validator need look at."""

    def __init__(
        self, root: dict[str, Any], matches: Callable[[str, str], bool], types=BASIC_TYPES
    ) -> None:
        self.root = root
        self.matches = matches
        self.types = types
        self.references: dict[str, Check] = {}
        self.compiled: dict[int, Check] = {}

    def compile(self, schema: Any) -> Check:
        """The check of a subschema of the root (raises Unsupported)."""
        if id(schema) not in self.compiled:
            self.compiled[id(schema)] = self._compile(schema)
        return self.compiled[id(schema)]

    def resolve(self, schema: Any) -> Any:
        """The subschema a `$ref` points to (itself when it is no reference)."""
        while isinstance(schema, dict) and "$ref" in schema:
            schema = self._target(schema["$ref"])
        return schema

    def _compile(self, schema: Any) -> Check:
        if schema is True:
            return _always
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        if "$ref" in schema:  # Draft 7: the siblings of $ref are ignored
            return self._reference(schema["$ref"])
        if schema.get(timestamps.KEYWORD):  # it judges the type, the one other keyword
            return lambda instance: timestamps.problem(instance) is None
        # With one "type", it is tested first and once: the other keywords may then assume it.
        known = schema["type"] if isinstance(schema.get("type"), str) else None
        keywords = sorted(
            (k for k in schema if k not in ANNOTATIONS),
            key=lambda keyword: (keyword != "type", keyword in _COSTLY),
        )
        return _all(
            [self._keyword(keyword, schema[keyword], schema, known) for keyword in keywords]
        )

    def _type(self, name: str, known: str | None = None) -> Check:
        if name == known:
            return _always
        if name not in self.types:
            raise Unsupported(f"type {name}")
        return self.types[name]

    def _reference(self, reference: str) -> Check:
        if reference not in self.references:
            self.references[reference] = _always  # a placeholder while it compiles (no cycles)
            self.references[reference] = self.compile(self._target(reference))
        return self.references[reference]

    def _target(self, reference: str) -> Any:
        prefix = "#/definitions/"
        target = self.root.get("definitions", {}).get(reference.removeprefix(prefix))
        if not reference.startswith(prefix) or target is None:
            raise Unsupported(reference)
        return target

    def _keyword(
        self, keyword: str, value: Any, schema: dict[str, Any], known: str | None
    ) -> Check:
        if keyword == "type":
            tests = [self._type(name) for name in ([value] if isinstance(value, str) else value)]
            if len(tests) == 1:
                return tests[0]
            return lambda instance: any(test(instance) for test in tests)
        if keyword == "enum":
            if not all(isinstance(item, str) for item in value):
                raise Unsupported("enum of non-strings")
            return lambda instance: isinstance(instance, str) and instance in value
        if keyword == "allOf":
            # _narrowed (jsonschema_errors) goes into "properties" and "items" only, not into
            # those of an allOf's subschemas: such a subschema would be explained incompletely.
            parts = [self.resolve(sub) for sub in value]
            if any(isinstance(p, dict) and ("properties" in p or "items" in p) for p in parts):
                raise Unsupported("allOf with properties or items")
            return _all([self.compile(sub) for sub in value])
        if keyword == "pattern":
            is_string, matches = self._type("string", known), self.matches
            return lambda instance: not is_string(instance) or matches(value, instance)
        if keyword in _VALUE_BOUNDS:
            holds = _VALUE_BOUNDS[keyword]
            is_numeric = self._type("number", "number" if known == "integer" else known)
            return lambda instance: (
                not is_numeric(instance) or holds(numeric_value(instance), value)
            )
        if keyword in _BOUNDS:
            kind, holds = _BOUNDS[keyword]
            is_kind = self._type(kind, known)
            if is_kind is _always:
                return lambda instance: holds(len(instance), value)
            return lambda instance: not is_kind(instance) or holds(len(instance), value)
        if keyword == "items":
            if isinstance(value, list):
                raise Unsupported("items as a list")
            is_array, item = self._type("array", known), self.compile(value)
            return lambda instance: not is_array(instance) or all(map(item, instance))
        is_object = self._type("object", known)
        if keyword == "required":
            required = frozenset(value)
            return lambda instance: not is_object(instance) or required <= instance.keys()
        if keyword == "properties":
            members = {name: self.compile(sub) for name, sub in value.items()}

            def properties(instance: Any) -> bool:
                if not is_object(instance):
                    return True
                for name, member in instance.items():
                    check = members.get(name)
                    if check is not None and not check(member):
                        return False
                return True

            return properties
        if keyword == "additionalProperties":
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            known_names = frozenset(schema.get("properties", {}))
            if value is False:
                return lambda instance: not is_object(instance) or known_names.issuperset(instance)
            extra = self.compile(value)
            return lambda instance: (
                not is_object(instance)
                or all(extra(instance[name]) for name in instance if name not in known_names)
            )
        raise Unsupported(keyword)


_BOUNDS: dict[str, tuple[str, Callable[[int, int], bool]]] = {
    "minLength": ("string", operator.ge),
    "maxLength": ("string", operator.le),
    "minItems": ("array", operator.ge),
    "maxItems": ("array", operator.le),
}


_VALUE_BOUNDS: dict[str, Callable[[Any, Any], bool]] = {
    "minimum": operator.ge,
    "maximum": operator.le,
}


_COSTLY = ("pattern", "allOf")
"""Keywords checked last: a pattern match costs more than the others."""


def _always(instance: Any) -> bool:
    return True


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]

    def every(instance: Any) -> bool:
        for check in checks:  # noqa: SIM110 - a loop is quicker than all(generator)
            if not check(instance):
                return False
        return True

    return every
