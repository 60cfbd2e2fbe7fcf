"""A buffer's text to its lint: which operation selects it, its folder's configuration, the CLI's
size cap, and `engine.lint.lint`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from mlflow_app_lint.base.limits import DEFAULT_MAX_FILE_SIZE
from mlflow_app_lint.engine.lint import lint, too_large
from mlflow_app_lint.engine.results import FileResult
from mlflow_app_lint.operations import Operation
from mlflow_app_lint.policy.config import Config, ConfigError
from mlflow_app_lint.policy.selection import select
from mlflow_app_lint.reading.sources import is_json_name
from mlflow_app_lint.server.configs import Configurations


@dataclass(frozen=True)
class Linted:
    """The lint of one version of a buffer."""

    uri: str
    version: int | None
    text: str
    path: str
    operation: Operation
    """What selected the buffer names (hover and completion use it); each document is linted as
    `lint` chooses, exactly as the CLI lints the file."""
    config: Config
    result: FileResult

    @property
    def is_json(self) -> bool:
        return is_json_name(self.path)

    def again(self, text: str) -> FileResult:
        """The lint of another text of the same buffer, with the same setup."""
        return lint(text, path=self.path, config=self.config)


@dataclass(frozen=True)
class Unselected:
    """A buffer that nothing selects as a request: it gets no diagnostics."""

    uri: str
    version: int | None


@dataclass(frozen=True)
class ConfigProblem:
    """A buffer whose folder's configuration is wrong: the message says where."""

    uri: str
    version: int | None
    message: str


Outcome = Linted | Unselected | ConfigProblem


def lint_buffer(
    uri: str, version: int | None, text: str, configurations: Configurations
) -> Outcome:
    path = path_of(uri)
    config = configurations.for_folder(os.path.dirname(path) or os.getcwd())
    if isinstance(config, ConfigError):
        return ConfigProblem(uri, version, str(config))
    selection = select(text, path, config)
    if selection is None or config.is_excluded(path):
        return Unselected(uri, version)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > DEFAULT_MAX_FILE_SIZE:
        result = too_large(path, size, DEFAULT_MAX_FILE_SIZE)
    else:
        result = lint(text, path=path, config=config)
    return Linted(uri, version, text, path, selection.operation, config, result)


def path_of(uri: str) -> str:
    """The file path of a `file:` URI; for another scheme (an unsaved buffer), its path part,
    which still has the name the conventions look at."""
    parsed = urlparse(uri)
    path = unquote(parsed.path)
    if parsed.scheme == "file" and os.name == "nt":  # pragma: no cover - Windows
        path = path.lstrip("/")
    return os.path.abspath(path) if parsed.scheme == "file" else path
