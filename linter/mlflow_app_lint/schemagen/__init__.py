"""Generate the JSON Schema of each SageMaker MLflow request from AWS's own documents.

Two front ends read an operation's sources into one intermediate form (``intermediate``): the
service model (``model``: the extract of botocore's model committed in ``schema/``, what ships) and
the API reference pages (``pages``: the plain-text pages in ``schema/``, kept to prove the two
agree). One writer (``writer``) makes every schema; ``schema/hints.json`` adds editor help, and
one constraint only the service knows (a reserved prefix, for editors to show: see ``writer``).
"""

from __future__ import annotations

import gzip
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlflow_app_lint.operations import Revision, command_name, revision_name
from mlflow_app_lint.schemagen import extract, model, pages
from mlflow_app_lint.schemagen.writer import Hints, build_schema, render

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "DEFAULT_OPERATION",
    "Hints",
    "command_name",
    "generate",
    "generate_all",
    "generate_from_pages",
    "render",
]

MODEL_FILE_NAME = "sagemaker-mlflow.model.json"
INSTALLED = "installed"
"""`--model installed`: the model of the botocore importable where the linter runs."""
HINTS_FILE_NAME = "hints.json"
DEFAULT_OPERATION = "CreateMlflowApp"
PAGE_FILES = {"CreateMlflowApp": "CreateMlflowApp.txt", "Tag": "Tag.txt"}
"""The API reference pages in ``schema/``: the operation page and the data-type page it uses."""


def schema_folder() -> Traversable:
    return resources.files("mlflow_app_lint.schema")


def schema_file_name(operation: str) -> str:
    return f"{command_name(operation)}.schema.json"


def load_model() -> dict[str, Any]:
    """The committed extract of the service model (``schema/sagemaker-mlflow.model.json``)."""
    return json.loads((schema_folder() / MODEL_FILE_NAME).read_text(encoding="utf-8"))


def load_hints() -> Hints:
    return Hints.from_json(json.loads((schema_folder() / HINTS_FILE_NAME).read_text("utf-8")))


def model_revision(service_model: dict[str, Any]) -> str:
    """Which model revision: ``2017-07-24 (botocore 1.44.8)``."""
    return revision_name(service_model)


def revision(source: str) -> Revision:
    """Another revision of the model to lint against (``check --model``): ``installed`` for the
    importable botocore's, or the path of a ``service-2.json`` (or ``.json.gz``). Raises
    OSError, ValueError (not a service model) or ImportError (no botocore)."""
    if source == INSTALLED:
        extracted = extract.extract(*extract.installed_model())
    else:
        opener = gzip.open if source.endswith(".gz") else open
        with opener(source, "rt", encoding="utf-8") as file:
            whole = json.load(file)
        if not isinstance(whole, dict) or not {"metadata", "operations", "shapes"} <= whole.keys():
            raise ValueError(
                "not a service model (service-2.json): no metadata, operations, shapes"
            )
        extracted = extract.extract(whole, source, package="file")
    hints = load_hints()
    schemas = {
        name: build_schema(model.read_request(extracted, name), hints)
        for name in model.operation_names(extracted)
    }
    return Revision(schemas, revision_name(extracted))


def operations(service_model: dict[str, Any] | None = None) -> list[str]:
    return model.operation_names(load_model() if service_model is None else service_model)


def resolve_operation(name: str, service_model: dict[str, Any] | None = None) -> str:
    """The API name of an operation given by its API name or its AWS CLI command name."""
    for operation in operations(service_model):
        if name in (operation, command_name(operation)):
            return operation
    raise ValueError(f"unknown operation {name!r}")


def generate(
    operation: str = DEFAULT_OPERATION,
    service_model: dict[str, Any] | None = None,
    hints: Hints | None = None,
) -> dict[str, Any]:
    """The schema of an operation's request, from the service model (the committed extract
    unless another is given)."""
    source = load_model() if service_model is None else service_model
    request = model.read_request(source, operation)
    return build_schema(request, load_hints() if hints is None else hints)


def generate_from_pages(
    operation_text: str, type_texts: dict[str, str], hints: Hints | None = None
) -> dict[str, Any]:
    """The schema of the request described by an operation page and its data types' pages."""
    return build_schema(pages.read_request(operation_text, type_texts), hints)


def committed_pages() -> tuple[str, dict[str, str]]:
    """The text of the operation page in ``schema/`` and of its data-type pages, by name."""
    texts = {
        name: (schema_folder() / file).read_text(encoding="utf-8")
        for name, file in PAGE_FILES.items()
    }
    return texts.pop(DEFAULT_OPERATION), texts


def generate_all(
    service_model: dict[str, Any] | None = None, hints: Hints | None = None
) -> dict[str, dict[str, Any]]:
    """Every operation's schema, by file name; refuses hints that no schema can use."""
    source = load_model() if service_model is None else service_model
    hints = load_hints() if hints is None else hints
    requests = [model.read_request(source, operation) for operation in operations(source)]
    owners = {request.operation for request in requests}
    owners |= {name for request in requests for name in request.types}
    for kind, keyed in (
        ("examples", hints.examples),
        ("defaultSnippets", hints.default_snippets),
        ("reservedPrefixes", hints.reserved_prefixes),
    ):
        unused = sorted(set(keyed) - owners)
        if unused:
            raise ValueError(f"hints: {kind} for {unused}, which no operation has")
    return {
        schema_file_name(request.operation): build_schema(request, hints) for request in requests
    }


def committed_schema_path(operation: str = DEFAULT_OPERATION) -> Path:
    return Path(str(schema_folder() / schema_file_name(operation)))


def read_committed(file_name: str) -> str | None:
    """A committed schema's text; None when there is no such file."""
    path = schema_folder() / file_name
    return path.read_text(encoding="utf-8") if path.is_file() else None


def stale_files(service_model: dict[str, Any] | None = None) -> list[str]:
    """The schema files in ``schema/`` that are missing or not what the generator makes now."""
    return [
        name
        for name, schema in generate_all(service_model).items()
        if read_committed(name) != render(schema)
    ]
