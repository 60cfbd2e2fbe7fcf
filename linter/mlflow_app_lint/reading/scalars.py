"""The values of YAML scalars as the AWS CLI's loader types them (YAML 1.2): the one place that
decides them, for the readers with and without positions, the quick reader's composer and the
fixes.

Most values are answered from YAML 1.2's fixed words; ruamel.yaml's resolver is asked (and
imported) only for a value that begins like a number or a date.
"""

from __future__ import annotations

import functools
from typing import Any

from mlflow_app_lint.base.values import Scalar

YAML_TAG = "tag:yaml.org,2002:"
NULL, BOOL, STRING = (YAML_TAG + name for name in ("null", "bool", "str"))
NON_STRING_KINDS = {
    YAML_TAG + "int": "integer",
    YAML_TAG + "float": "number",
    YAML_TAG + "bool": "boolean",
    YAML_TAG + "timestamp": "date",
}
"""Values that keep their spelling (`Scalar`): a message quotes what was written (`yes` under
`%YAML 1.1` is the boolean true, written `yes`)."""

NUMBER_START = frozenset("-+0123456789.")
"""What a YAML 1.2 number or date begins with, in ruamel.yaml's resolver."""
NON_STRING_WORDS = frozenset(
    {"true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~", ""}
    | {"<<", "=", "!", "&", "*"}
)
"""The other plain scalars ruamel.yaml's YAML 1.2 resolver types as no string: booleans, nulls,
and the merge key `<<` with its `value` and `yaml` oddities. A test checks both sets against the
resolver, which is otherwise loaded only for a value that begins like a number."""


def plain_string(value: str) -> bool:
    """Whether a plain scalar is a string to the exact reader (not a number, null, a date...)."""
    if value[:1] not in NUMBER_START:
        return value not in NON_STRING_WORDS
    from ruamel.yaml.nodes import ScalarNode

    yaml_1_2, _ = resolver()
    return yaml_1_2.resolve(ScalarNode, value, (True, False)) == yaml_1_2.DEFAULT_SCALAR_TAG


@functools.cache
def resolver() -> tuple[Any, frozenset[str] | None]:
    """ruamel's YAML 1.2 resolver, and the characters an implicitly typed plain scalar (a
    number, a boolean, null...) can start with: resolve() finds any other plain scalar a string
    only after a search."""
    from ruamel.yaml.resolver import VersionedResolver

    resolver = VersionedResolver(version=None)
    implicit_types = resolver.versioned_resolver
    return resolver, None if None in implicit_types else frozenset(implicit_types)


JSON_NUMBERS = {
    "parse_int": lambda text: Scalar(text, "integer"),
    "parse_float": lambda text: Scalar(text, "number"),
    "parse_constant": lambda text: Scalar(text, "number"),
}
"""`json.loads` hooks that keep numbers as written (never converted: 10,000 digits are no reason
to fail), as the readers with and without positions both read them."""


class NotAValue(ValueError):
    """A plain scalar that YAML reads as no value (a merge key `<<`, and its `=` oddity)."""


def typed(tag: str, text: str) -> Any:
    """The value of a scalar of this tag: booleans, numbers and dates keep their text."""
    if tag == NULL:
        return None
    kind = NON_STRING_KINDS.get(tag)
    return text if kind is None else Scalar(text, kind)


def plain_value(text: str) -> Any:
    """The value of a plain scalar (unquoted, no tag), as the exact reader reads it."""
    if plain_string(text):
        return text
    from ruamel.yaml.nodes import ScalarNode

    yaml_1_2, _ = resolver()
    tag = str(yaml_1_2.resolve(ScalarNode, text, (True, False)))  # a ruamel Tag: hash its text
    if tag not in (NULL, BOOL, STRING, *NON_STRING_KINDS):
        raise NotAValue(text)
    return typed(tag, text)
