"""The AWS operations a request file can be for: the SageMaker MLflow family, each with its
generated schema and the rules that apply to it.

An `Operation` is everything the pipeline needs to know per operation; nothing outside this
package's data, the generated schemas and the rule modules names an operation's members.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from mlflow_app_lint import schema
from mlflow_app_lint.checking import rules
from mlflow_app_lint.checking.schema_issues import SchemaCheck

_WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def command_name(name: str) -> str:
    """The AWS CLI's name of an operation: CreateMlflowApp -> create-mlflow-app."""
    return _WORD_START.sub("-", name).lower()


@dataclass(frozen=True)
class Operation:
    name: str
    """The API name, e.g. CreateMlflowApp."""

    @property
    def command(self) -> str:
        """The AWS CLI command name, e.g. create-mlflow-app."""
        return command_name(self.name)

    @property
    def schema_file(self) -> str:
        """The generated schema's file name, in schema/."""
        return f"{self.command}.schema.json"

    @functools.cached_property
    def schema(self) -> dict[str, Any]:
        """The committed, generated schema that ships with the package (a plain read:
        importlib.resources costs a tenth of a small run's start-up), or the one made from
        another revision of the model (`use_revision`)."""
        if _revision is not None:
            return _revision.schemas[self.name]
        with open(os.path.join(schema.FOLDER, self.schema_file), encoding="utf-8") as file:
            return json.load(file)

    @functools.cached_property
    def schema_check(self) -> SchemaCheck:
        return SchemaCheck(self.schema)

    @functools.cached_property
    def members(self) -> frozenset[str]:
        return frozenset(self.schema.get("properties", ()))

    @functools.cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(self.schema.get("required", ()))

    @functools.cached_property
    def rules(self) -> tuple[ModuleType, ...]:
        """The custom rule modules that look at a member this operation has (and, for a module
        limited to some operations, only those)."""
        return tuple(
            module
            for module in rules.ALL
            if module.MEMBERS & self.members
            and self.name in getattr(module, "OPERATIONS", (self.name,))
        )

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # Sent to and from worker processes by name: one Operation per name, in every process.
        return find, (self.name,)


NAMES = (
    "CreateMlflowApp",
    "UpdateMlflowApp",
    "DeleteMlflowApp",
    "DescribeMlflowApp",
    "ListMlflowApps",
    "CreatePresignedMlflowAppUrl",
    "CreateMlflowTrackingServer",
    "UpdateMlflowTrackingServer",
    "DeleteMlflowTrackingServer",
    "DescribeMlflowTrackingServer",
    "ListMlflowTrackingServers",
    "StartMlflowTrackingServer",
    "StopMlflowTrackingServer",
    "CreatePresignedMlflowTrackingServerUrl",
)
"""Every sagemaker operation whose name contains Mlflow (a test compares them with the model)."""

OPERATIONS: dict[str, Operation] = {name: Operation(name) for name in NAMES}
DEFAULT = OPERATIONS["CreateMlflowApp"]
"""The operation of a file that says nothing else: existing files and setups keep their meaning."""


def find(name: str) -> Operation | None:
    """The operation of an API name (CreateMlflowApp) or an AWS CLI command name
    (create-mlflow-app); None when there is none."""
    found = OPERATIONS.get(name)
    if found is not None:
        return found
    return next((op for op in OPERATIONS.values() if op.command == name), None)


MODEL_FILE = "sagemaker-mlflow.model.json"
"""The extract of AWS's service model the schemas are generated from (see `schemagen`)."""


@dataclass(frozen=True)
class Revision:
    """Another revision of the service model than the shipped one (`check --model`)."""

    schemas: dict[str, dict[str, Any]]
    """Each operation's schema, made from it, by API name."""
    name: str
    """Which revision, in words: `2017-07-24 (botocore 1.43.11)`."""


_revision: Revision | None = None


def use_revision(revision: Revision) -> None:
    """Lint against `revision` from now on, in this process and the workers it starts: its
    operations and their schemas. Called once, before anything is linted. An operation the
    revision lacks is no longer known; CreateMlflowApp, the default, must be there."""
    global _revision
    if DEFAULT.name not in revision.schemas:
        raise ValueError(f"the model has no {DEFAULT.name}, the operation of unnamed files")
    _revision = revision
    for name in [name for name in OPERATIONS if name not in revision.schemas]:
        del OPERATIONS[name]


def model_revision() -> str:
    """The service model's API version and where it came from: `2017-07-24 (botocore 1.44.8)`."""
    return _revision.name if _revision is not None else _shipped_revision()


@functools.cache
def _shipped_revision() -> str:
    with open(os.path.join(schema.FOLDER, MODEL_FILE), encoding="utf-8") as file:
        return revision_name(json.load(file))


def revision_name(model: dict[str, Any]) -> str:
    """`2017-07-24 (botocore 1.44.8)`: a model extract's API version and its source."""
    revision = model["metadata"]["apiVersion"]
    source = model.get("source")
    return f"{revision} ({source['package']} {source['version']})" if source else revision
