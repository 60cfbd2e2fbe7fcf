"""The configuration of each folder a buffer is in, as the CLI would find it from there, loaded
again when a configuration file it could have come from appears, changes or goes."""

from __future__ import annotations

import os

from mlflow_app_lint.policy.config import PYPROJECT, YAML_FILE, Config, ConfigError, load

Signature = tuple[tuple[str, int, int], ...]


class Configurations:
    def __init__(self) -> None:
        self._loaded: dict[str, tuple[Signature, Config | ConfigError]] = {}

    def for_folder(self, folder: str) -> Config | ConfigError:
        """The configuration found walking up from `folder`, or what is wrong with it."""
        signature = _signature(folder)
        cached = self._loaded.get(folder)
        if cached is not None and cached[0] == signature:
            return cached[1]
        try:
            config: Config | ConfigError = load(cwd=folder)
        except ConfigError as error:
            config = error
        self._loaded[folder] = (signature, config)
        return config


def _signature(folder: str) -> Signature:
    """Every candidate configuration file from the folder up, with its modification time and
    size: a cheap fingerprint of what `load` would read."""
    found = []
    directory = os.path.abspath(folder)
    while True:
        for name in (YAML_FILE, PYPROJECT):
            try:
                status = os.stat(os.path.join(directory, name))
            except OSError:
                continue
            found.append((os.path.join(directory, name), status.st_mtime_ns, status.st_size))
        parent = os.path.dirname(directory)
        if parent == directory:
            return tuple(found)
        directory = parent
