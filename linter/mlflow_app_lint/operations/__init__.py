"""The AWS operations a request file can be for: each with its schema, its rules and an example.

An `Operation` is everything the pipeline needs to know per operation; nothing outside this
package's data and the rule modules names an operation's members.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from mlflow_app_lint import schema
from mlflow_app_lint.base.rule_examples import REQUEST
from mlflow_app_lint.checking import rules
from mlflow_app_lint.checking.schema_issues import SchemaCheck


@dataclass(frozen=True)
class Operation:
    name: str
    """The API name, e.g. CreateMlflowApp."""
    command: str
    """The AWS CLI command name, e.g. create-mlflow-app."""
    example: str
    """A valid request, in YAML."""
    documents: tuple[str, ...]
    """The API reference pages (in schema/) the schema is generated from: the operation's page
    first, then the pages of the data types it uses."""

    @property
    def schema_file(self) -> str:
        """The generated schema's file name, in schema/."""
        return f"{self.command}.schema.json"

    @functools.cached_property
    def schema(self) -> dict[str, Any]:
        """The committed, generated schema that ships with the package (a plain read:
        importlib.resources costs a tenth of a small run's start-up)."""
        with open(os.path.join(schema.FOLDER, self.schema_file), encoding="utf-8") as file:
            return json.load(file)

    @functools.cached_property
    def schema_check(self) -> SchemaCheck:
        return SchemaCheck(self.schema)

    @functools.cached_property
    def members(self) -> frozenset[str]:
        return frozenset(self.schema.get("properties", ()))

    @functools.cached_property
    def rules(self) -> tuple[ModuleType, ...]:
        """The custom rule modules that look at a member this operation has."""
        return tuple(module for module in rules.ALL if module.MEMBERS & self.members)


CREATE_MLFLOW_APP = Operation(
    name="CreateMlflowApp",
    command="create-mlflow-app",
    example=REQUEST,
    documents=("CreateMlflowApp.txt", "Tag.txt"),
)

OPERATIONS: dict[str, Operation] = {operation.name: operation for operation in (CREATE_MLFLOW_APP,)}
DEFAULT = CREATE_MLFLOW_APP
"""The operation of a file that names none: existing files and setups keep their meaning."""
