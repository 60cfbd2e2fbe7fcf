"""Which operation each document of a file is linted as, and why.

Most specific first: the document's own comment (`# mlflow-app-lint: operation=NAME`), the
`--operation` option, the configuration's `per-file-operation` globs, the file name
(`NAME.<command-name>.yaml`; `*.mlflow-app.*` and `mlflow-apps/` mean CreateMlflowApp), the
configuration's `operation`, and last the document's members: the one operation that has every
member it uses and all of its required members, else CreateMlflowApp (so that existing files and
setups keep their meaning).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mlflow_app_lint.base.findings import Span
from mlflow_app_lint.base.limits import shorten
from mlflow_app_lint.base.words import closest
from mlflow_app_lint.operations import DEFAULT, OPERATIONS, Operation, find
from mlflow_app_lint.policy import directives
from mlflow_app_lint.policy.config import Config
from mlflow_app_lint.reading.sources import JSON_SUFFIXES, YAML_SUFFIXES, is_json_name

APP_FOLDER = "mlflow-apps"
"""Any YAML or JSON file under a folder of this name is a CreateMlflowApp request."""
COMMAND_SUFFIX = re.compile(r"\.(?P<command>[a-z]+(?:-[a-z]+)+)\.(?:yaml|yml|json)$")
"""`prod.update-mlflow-app.yaml`: the AWS CLI command name before the extension."""
APP_SUFFIX = "mlflow-app"


@dataclass(frozen=True)
class Selection:
    operation: Operation
    reason: str
    """Why, in words: `comment on line 1`, `--operation`, `file name`, ..."""


@dataclass(frozen=True)
class UnknownOperation:
    """An operation comment naming no operation: reported as a finding of its document."""

    document: int
    span: Span
    message: str


def named(path: str, config: Config, flag: Operation | None = None) -> Selection | None:
    """The operation the setup names for a whole file: the option, a configuration glob, the
    file name or the configuration's `operation`; None when none does."""
    if flag is not None:
        return Selection(flag, "--operation")
    for pattern, name in config.per_file_operation:
        if pattern.matches(path):
            return Selection(OPERATIONS[name], f"per-file-operation '{pattern.text}'")
    by_name = _by_file_name(path)
    if by_name is not None:
        return Selection(by_name, "file name")
    if config.operation is not None:
        return Selection(OPERATIONS[config.operation], "configuration 'operation'")
    return None


def inferred(data: Any) -> Selection:
    """The one operation that has every member of the request and all of its required ones;
    CreateMlflowApp when there is not exactly one."""
    if isinstance(data, dict):
        members = data.keys()
        fitting = [
            operation
            for operation in OPERATIONS.values()
            if members <= operation.members and members >= set(operation.required)
        ]
        if len(fitting) == 1:
            return _selection(fitting[0], "inferred from its members")
    return _selection(DEFAULT, "default")


@functools.cache
def _selection(operation: Operation, reason: str) -> Selection:
    """One object per choice: a stream of a million documents holds a million references."""
    return Selection(operation, reason)


Chooser = Callable[[int, Any], Selection]
"""A document's operation, from its index in the file and its data."""


def given(operation: Operation) -> Chooser:
    """Every document as one operation (for a caller that knows it)."""
    selection = Selection(operation, "given")
    return lambda index, data: selection


def chooser(
    text: str | None, path: str, config: Config, flag: Operation | None = None
) -> tuple[Chooser, list[UnknownOperation]]:
    """How each document of a file (YAML text, or None for JSON) is chosen, and the operation
    comments that name no operation."""
    by_comment, unknown = _comments(text) if text is not None else ({}, [])
    setup = named(path, config, flag)

    def choose(index: int, data: Any) -> Selection:
        return by_comment.get(index) or setup or inferred(data)

    return choose, unknown


def select(text: str, path: str, config: Config, flag: Operation | None = None) -> Selection | None:
    """The operation a file is for when a comment or the setup names one (an editor lints only
    such files: a workflow or a manifest open beside them is no request); None otherwise."""
    by_comment, _ = _comments(text) if not is_json_name(path) else ({}, [])
    return by_comment.get(0) or named(path, config, flag)


def _by_file_name(path: str) -> Operation | None:
    name = os.path.basename(path).lower()
    found = COMMAND_SUFFIX.search(name)
    if found is not None:
        command = found["command"]
        operation = find(command) if command != APP_SUFFIX else DEFAULT
        if operation is not None:
            return operation
    folders = os.path.normpath(os.path.dirname(path)).replace(os.sep, "/").split("/")
    if APP_FOLDER in folders and name.endswith(YAML_SUFFIXES + JSON_SUFFIXES):
        return DEFAULT
    return None


def _comments(text: str) -> tuple[dict[int, Selection], list[UnknownOperation]]:
    if directives.MARKER not in text:
        return {}, []
    comments, starts = directives.scan(text)
    chosen: dict[int, Selection] = {}
    unknown: list[UnknownOperation] = []
    for comment in comments:
        match = directives.OPERATION.match(comment.text.rstrip())
        if match is None:
            continue
        document = directives.document_of(comment, starts)
        line = comment.line + 1
        operation = find(match["name"])
        if operation is None:
            column = comment.column + match.start("name") + 1
            span = Span(line, column, line, column + max(len(match["name"]), 1))
            unknown.append(UnknownOperation(document, span, _unknown(match["name"])))
        elif document not in chosen:
            chosen[document] = Selection(operation, f"comment on line {line}")
    return chosen, unknown


def _unknown(name: str) -> str:
    names = [*OPERATIONS, *(operation.command for operation in OPERATIONS.values())]
    suggestion = closest(name, names)
    hint = (
        f"; did you mean '{suggestion}'?"
        if suggestion
        else "; 'mlflow-app-lint operations' lists them"
    )
    return f"no operation is named '{shorten(name, 60)}'{hint}"
