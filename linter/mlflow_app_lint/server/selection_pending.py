"""A stand-in for `engine.selection` (being added on main), with its contract: which operation a
file is a request of, if the user's setup says it is one.

Until that module lands, this answers for the operation comment and the file-name conventions
(`*.mlflow-app.yaml|yml|json`, a folder `mlflow-apps/`), always with the default operation, and
never infers from members (the server asks with `infer=False`). The server imports `select` from
here only, so that the real one replaces it in one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from mlflow_app_lint.operations import DEFAULT, Operation
from mlflow_app_lint.policy.config import Config

OPERATION_COMMENT = re.compile(r"^\s*#\s*mlflow-app-lint\s*:\s*operation\s*=\s*(\S+)", re.MULTILINE)
SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Selection:
    operation: Operation
    reason: str


def select(
    text: str, path: str, config: Config, *, flag: str | None = None, infer: bool = True
) -> Selection | None:
    """The operation of a file, and why; None when nothing selects it (and `infer` is off)."""
    if flag is not None:
        return Selection(DEFAULT, f"--operation {flag}")
    comment = OPERATION_COMMENT.search(text)
    if comment is not None:
        return Selection(DEFAULT, f"the comment 'operation={comment.group(1)}'")
    name = PurePath(path)
    if name.suffix.lower() in SUFFIXES:
        if name.stem.lower().endswith(".mlflow-app"):
            return Selection(DEFAULT, "the file name *.mlflow-app.*")
        if "mlflow-apps" in name.parts[:-1]:
            return Selection(DEFAULT, "the folder mlflow-apps/")
    return Selection(DEFAULT, "inferred") if infer else None
