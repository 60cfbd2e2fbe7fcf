"""Extract from botocore's SageMaker model what the linter needs, and commit it as package data.

    python -m mlflow_app_lint.schemagen.extract

writes ``schema/sagemaker-mlflow.model.json``: the operations whose name contains ``Mlflow``
(their name, HTTP binding, input and documentation), every shape their inputs use, directly or
not, the model's metadata, and the botocore version it came from. The linter reads that file and
never imports botocore; only this command and the tests do.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

FAMILY = "Mlflow"
OPERATION_KEYS = ("name", "http", "input", "documentation")


def family(model: dict[str, Any]) -> list[str]:
    """The operations of the SageMaker MLflow family: every one whose name contains Mlflow."""
    return sorted(name for name in model["operations"] if FAMILY in name)


def shapes_used(shapes: dict[str, Any], roots: list[str]) -> list[str]:
    """The names of the shapes ``roots`` are made of, themselves included."""
    used: set[str] = set()
    waiting = list(roots)
    while waiting:
        name = waiting.pop()
        if name in used:
            continue
        used.add(name)
        shape = shapes[name]
        waiting.extend(shape[key]["shape"] for key in ("member", "key", "value") if key in shape)
        waiting.extend(member["shape"] for member in shape.get("members", {}).values())
    return sorted(used)


def extract(model: dict[str, Any], version: str, package: str = "botocore") -> dict[str, Any]:
    """The family's part of ``model`` (a decoded service-2.json), in the same format; its source
    is ``package`` at ``version`` (botocore's, or a file and its path)."""
    operations = {
        name: {key: model["operations"][name][key] for key in OPERATION_KEYS}
        for name in family(model)
    }
    inputs = [operation["input"]["shape"] for operation in operations.values()]
    return {
        "source": {"package": package, "version": version},
        "metadata": model["metadata"],
        "operations": operations,
        "shapes": {name: model["shapes"][name] for name in shapes_used(model["shapes"], inputs)},
    }


def installed_model() -> tuple[dict[str, Any], str]:
    """The SageMaker model of the installed botocore, and botocore's version."""
    import botocore
    from botocore.loaders import Loader

    return Loader().load_service_model("sagemaker", "service-2"), botocore.__version__


def installed_extract() -> dict[str, Any]:
    return extract(*installed_model())


def render(extracted: dict[str, Any]) -> str:
    return json.dumps(extracted, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    from mlflow_app_lint import schema
    from mlflow_app_lint.schemagen import MODEL_FILE_NAME

    target = Path(schema.FOLDER) / MODEL_FILE_NAME
    target.write_text(render(installed_extract()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
