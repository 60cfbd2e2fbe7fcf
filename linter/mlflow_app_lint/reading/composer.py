"""ruamel.yaml's composer, with the caps on nesting and size checked as each node is read.

ruamel composes recursively, a few Python frames per level: a file of 10,000 nested brackets
would exhaust the stack. Counting depth and values as events arrive refuses such a file at the
place it crosses the cap, in bounded memory, before any recursion gets deep.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, StreamMark, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import Node
from ruamel.yaml.reader import Reader
from ruamel.yaml.scanner import Scanner, ScannerError

from mlflow_app_lint.base.limits import MAX_DEPTH, MAX_VALUES


class LimitExceeded(Exception):
    """A document crossed a cap at `mark`: `kind` is "depth" or "values"."""

    def __init__(self, kind: str, mark: StreamMark) -> None:
        super().__init__(kind)
        self.kind = kind
        self.mark = mark


@dataclass(frozen=True)
class ComposedDocument:
    """One document's root node, and where the document starts (its `---`, or first token)."""

    root: Node
    start: StreamMark


class _GuardedComposer(Composer):
    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False  # a reused anchor is valid YAML; never print from here
        self._nesting = 0
        self._values = 0

    def compose_document(self) -> ComposedDocument:
        self._nesting = 0
        self._values = 0
        start = self.parser.peek_event().start_mark
        return ComposedDocument(super().compose_document(), start)

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        self._values += 1  # an alias counts too: a million `*a` is a million values
        if self._values > MAX_VALUES:
            raise LimitExceeded("values", event.start_mark)
        if isinstance(event, AliasEvent):
            return super().compose_node(parent, index)
        self._nesting += 1
        if self._nesting > MAX_DEPTH:
            raise LimitExceeded("depth", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._nesting -= 1


YAML_VERSIONS = ((1, 1), (1, 2))
"""The versions the AWS CLI's YAML loader reads: ruamel.yaml fails on any other `%YAML`."""
MAX_VERSION_DIGITS = 9


class _GuardedScanner(Scanner):
    """ruamel.yaml's scanner, with an error of its own where ruamel.yaml fails with another
    exception (the AWS CLI then refuses the file all the same): a `%YAML` version other than 1.1
    or 1.2, and a `\\U` escape beyond the last Unicode character."""

    def scan_yaml_directive_number(self, start_mark: Any) -> Any:
        length = 0
        while length <= MAX_VERSION_DIGITS and "0" <= self.reader.peek(length) <= "9":
            length += 1
        if length > MAX_VERSION_DIGITS:
            raise ScannerError(None, None, _version_message("a number that long"), start_mark)
        return super().scan_yaml_directive_number(start_mark)

    def scan_yaml_directive_value(self, start_mark: Any) -> Any:
        version = super().scan_yaml_directive_value(start_mark)
        if version not in YAML_VERSIONS:
            raise ScannerError(None, None, _version_message("{}.{}".format(*version)), start_mark)
        return version

    def scan_flow_scalar_non_spaces(self, double: Any, start_mark: Any) -> Any:
        try:
            return super().scan_flow_scalar_non_spaces(double, start_mark)
        except (ValueError, OverflowError):  # chr() of an escape's code: past U+10FFFF
            mark = self.reader.get_mark()
            escape = self.reader.prefix(8)
            at = StreamMark(mark.name, mark.index - 2, mark.line, max(mark.column - 2, 0))
            message = (
                f"the escape \\U{escape} is beyond U+10FFFF, the last Unicode character; "
                "the AWS CLI's YAML loader fails on it"
            )
            raise ScannerError(None, None, message, at) from None


def _version_message(version: str) -> str:
    return (
        f"%YAML {version}: the AWS CLI's YAML loader reads only versions 1.1 and 1.2, and fails "
        "on this directive; remove it (the file is then read as YAML 1.2) or write %YAML 1.1"
    )


class _JsonScanner(_GuardedScanner):
    """For strict JSON: a member name may be longer than 1,024 characters, and its ':' on the
    next line; YAML's limits on simple keys would refuse such valid JSON."""

    def stale_possible_simple_keys(self) -> None:
        pass  # in flow context (all of JSON) a simple key is never required: nothing to check


class ReadingFailed(MarkedYAMLError):
    """ruamel.yaml failed with an exception of its own (not a YAMLError): the AWS CLI fails
    on such a file too. Where the reader was, and what the exception said."""


def compose_all(
    text: str, first_line: int = 0, is_json: bool = False
) -> Iterator[ComposedDocument]:
    """Each document of a YAML (or JSON) text as nodes with positions; nothing is constructed.
    `first_line` is the line the text starts at in its file (a part of a stream), so that the
    positions are the file's."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Composer = _GuardedComposer
    yaml.Scanner = _JsonScanner if is_json else _GuardedScanner
    yaml.Reader = Reader  # what compose_all would choose; made here to set its first line
    yaml.reader.line = first_line
    try:
        yield from yaml.compose_all(text)
    except (YAMLError, LimitExceeded):
        raise
    except (ValueError, AssertionError, OverflowError, KeyError, IndexError, TypeError) as error:
        message = f"the AWS CLI's YAML loader fails here ({type(error).__name__}: {error})"
        raise ReadingFailed(None, None, message, yaml.reader.get_mark()) from error
