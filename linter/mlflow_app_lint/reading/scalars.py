"""Which plain YAML scalars are strings, as the AWS CLI's loader types them (YAML 1.2): the one
place that decides it, for the plain readers, the quick reader's composer and the fixes.

Most values are answered from YAML 1.2's fixed words; ruamel.yaml's resolver is asked (and
imported) only for a value that begins like a number or a date.
"""

from __future__ import annotations

import functools
from typing import Any

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
