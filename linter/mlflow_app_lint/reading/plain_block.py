"""The plain block YAML most request files are written in, read line by line.

    Name: team-forecast          # a comment
    DefaultDomainIdList:
      - d-0a1b2c3d4e5f
    Tags:
    - Key: "team"
      Value: 'ml platform'

Block mappings with alphanumeric keys, block sequences, `[]`, and one-line scalars: plain (typed
by the quick reader's YAML 1.2 resolver, and only strings are read), single-quoted, or
double-quoted without escapes; `---` between documents. Anything else (a flow collection, a
scalar over several lines, an escape, a complex key, a null, a number...) makes it give up, and
libyaml reads the file. The screen asks it first: it reads such a file several times faster than
libyaml's events reach Python. Tests compare what it reads with the exact reader on every case
and on thousands of mutated files (tests/test_speed_paths.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mlflow_app_lint.reading.scalars import NotAValue, plain_value


class GiveUp(Exception):
    """Not the plain block YAML this reader knows: libyaml reads the file."""


LINE = re.compile(r"( *)(?:-( +|$))?(?:([A-Za-z][A-Za-z0-9]*):(?: +|$))?(.*)")
"""Indentation, a sequence entry's dash and the spaces after it, a mapping key, and the rest."""
SKIPPED = re.compile(r" *(?:#.*)?")
"""A blank line or a comment line."""
AFTER = r"(?: +(?:#.*)?)?"
"""What may follow a scalar on its line: spaces, then a comment."""
DOCUMENT_START = re.compile("---" + AFTER)
DOUBLE_QUOTED = re.compile(r'"([^"\\]*)"' + AFTER)
SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'" + AFTER)
EMPTY_LIST = re.compile(r"\[\]" + AFTER)
INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Characters a plain scalar cannot begin with (or, for - ? :, only in forms left to libyaml)."""


@dataclass
class _Token:
    column: int
    line: int
    dash: bool = False
    key: str | None = None
    value: Any = None
    nested: bool = False
    """A key with nothing after it on its line: its value is the block below."""


def read(text: str) -> list[Any]:
    """The data of each document (raises GiveUp)."""
    documents: list[list[_Token]] = [[]]
    for number, line in enumerate(text.split("\n")):
        line = line.removesuffix("\r")
        if SKIPPED.fullmatch(line):
            continue
        if line.startswith("---"):
            if not DOCUMENT_START.fullmatch(line):
                raise GiveUp("content after ---")
            documents.append([])
            continue
        _add_tokens(documents[-1], line, number)
    if not documents[0] and len(documents) > 1:
        del documents[0]  # only comments before the first ---: no document there
    return [_Document(tokens).read() for tokens in documents]


def _add_tokens(tokens: list[_Token], line: str, number: int) -> None:
    match = LINE.fullmatch(line)
    assert match is not None  # every group is optional
    indent, gap, key, rest = match.groups()
    column = len(indent)
    if gap is not None:
        tokens.append(_Token(column, number, dash=True))
        column += 1 + len(gap)
    if key is not None:
        nested = rest == "" or rest.startswith("#")
        value = None if nested else _scalar(rest)
        tokens.append(_Token(column, number, key=key, value=value, nested=nested))
    elif gap is not None and rest and not rest.startswith("#"):
        tokens.append(_Token(column, number, value=_scalar(rest)))
    else:
        raise GiveUp("a line that is no key and no sequence entry with a value")


def _scalar(text: str) -> Any:
    """A scalar written on one line, with what may follow it (spaces, a comment)."""
    first = text[0]
    if first == '"' or first == "'":
        quoted = (DOUBLE_QUOTED if first == '"' else SINGLE_QUOTED).fullmatch(text)
        if quoted is None:
            raise GiveUp("an escape, a quoted scalar over several lines or text after one")
        return quoted.group(1) if first == '"' else quoted.group(1).replace("''", "'")
    if first == "[" and EMPTY_LIST.fullmatch(text):
        return []
    if first in INDICATORS:
        raise GiveUp("a flow collection or an indicator")
    comment = text.find(" #")
    value = (text if comment < 0 else text[:comment]).rstrip(" ")
    if ": " in value or value.endswith(":"):
        raise GiveUp("a mapping in a plain scalar")
    try:
        return plain_value(value)
    except NotAValue:
        raise GiveUp("a plain scalar that is no value: a merge key") from None


class _Document:
    """Block structure from the tokens' columns, as YAML reads indentation."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def read(self) -> Any:
        if not self.tokens or self.tokens[0].key is None:
            raise GiveUp("an empty document, or one that is not a mapping")
        data = self._mapping(self.tokens[0].column)
        if self.at != len(self.tokens):
            raise GiveUp("text after the document's mapping")
        return data

    def _next(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _mapping(self, column: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while (token := self._next()) is not None and token.column == column and token.key:
            self.at += 1
            value = self._nested(token) if token.nested else token.value
            if token.key in result:
                raise GiveUp("a duplicate key")
            result[token.key] = value
        if token is not None and token.column >= column:
            raise GiveUp("a line indented where no mapping entry can be")
        return result

    def _nested(self, key: _Token) -> Any:
        token = self._next()
        if token is None or token.column < key.column:
            raise GiveUp("a key with no value (null)")
        if token.dash and token.column >= key.column:
            return self._sequence(token.column)
        if token.column > key.column and token.key is not None:
            return self._mapping(token.column)
        raise GiveUp("a key with no value (null)")

    def _sequence(self, column: int) -> list[Any]:
        result: list[Any] = []
        while (token := self._next()) is not None and token.column == column and token.dash:
            item = self.tokens[self.at + 1] if self.at + 1 < len(self.tokens) else None
            if item is None or item.line != token.line:
                raise GiveUp("a sequence entry with its value below it")
            self.at += 1
            if item.key is not None:
                result.append(self._mapping(item.column))
            else:
                self.at += 1
                result.append(item.value)
        if token is not None and token.column > column:
            raise GiveUp("a line indented where no sequence entry can be")
        return result
