"""Which files a run reads, and their text."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
STDIN = "-"


@dataclass(frozen=True)
class Source:
    """A file to lint: where to read it, how to name it in reports, and whether it is JSON."""

    location: str
    shown_as: str
    is_json: bool


@dataclass(frozen=True)
class Unreadable:
    shown_as: str
    reason: str


def _never(path: str) -> bool:
    return False


def collect(
    paths: Sequence[str],
    stdin_name: str | None,
    excluded: Callable[[str], bool] = _never,
    force_exclude: bool = False,
) -> Iterator[Source | Unreadable]:
    """Named files as given; directories walked in sorted order for YAML and JSON files.

    `excluded` skips walked files and directories; a file named on the command line (or the
    name given to standard input) is read anyway unless `force_exclude` is set: naming a file
    is asking for it, except where a tool such as pre-commit names every changed file."""
    for path in paths:
        if path == STDIN:
            name = stdin_name or "<stdin>"
            if not (force_exclude and stdin_name and excluded(stdin_name)):
                yield Source(STDIN, name, name.lower().endswith(JSON_SUFFIXES))
        elif os.path.isdir(path):
            yield from _walk(path, excluded)
        elif os.path.isfile(path):
            if not (force_exclude and excluded(path)):
                yield Source(path, path, path.lower().endswith(JSON_SUFFIXES))
        else:
            yield Unreadable(path, _missing_reason(path))


def _walk(top: str, excluded: Callable[[str], bool]) -> Iterator[Source]:
    for directory, subdirectories, files in os.walk(top):
        # Hidden folders (.git, .venv, ...) hold no requests; sorting makes the order stable.
        subdirectories[:] = sorted(
            d
            for d in subdirectories
            if not d.startswith(".") and not excluded(os.path.join(directory, d))
        )
        for name in sorted(files):
            # Hidden files (.mlflow-app-lint.yaml, .pre-commit-config.yaml, ...) are not requests.
            lowered = name.lower()
            path = os.path.join(directory, name)
            if _is_request_name(lowered) and not excluded(path):
                yield Source(path, path, lowered.endswith(JSON_SUFFIXES))


def _is_request_name(lowered: str) -> bool:
    return not lowered.startswith(".") and lowered.endswith(YAML_SUFFIXES + JSON_SUFFIXES)


def _missing_reason(path: str) -> str:
    if os.path.lexists(path) and not os.path.exists(path):
        return "a broken symbolic link"
    if os.path.exists(path):
        return "not a regular file or directory"
    return "no such file or directory"
