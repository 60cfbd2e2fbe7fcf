"""Which files a run reads, and their text."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
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


def collect(paths: Sequence[str], stdin_name: str | None) -> Iterator[Source | Unreadable]:
    """Named files as given; directories walked in sorted order for YAML and JSON files."""
    for path in paths:
        if path == STDIN:
            name = stdin_name or "<stdin>"
            yield Source(STDIN, name, name.lower().endswith(JSON_SUFFIXES))
        elif os.path.isdir(path):
            yield from _walk(path)
        elif os.path.isfile(path):
            yield Source(path, path, path.lower().endswith(JSON_SUFFIXES))
        else:
            yield Unreadable(path, _missing_reason(path))


def _walk(top: str) -> Iterator[Source]:
    for directory, subdirectories, files in os.walk(top):
        # Hidden folders (.git, .venv, ...) hold no requests; sorting makes the order stable.
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        for name in sorted(files):
            lowered = name.lower()
            if lowered.endswith(YAML_SUFFIXES + JSON_SUFFIXES):
                path = os.path.join(directory, name)
                yield Source(path, path, lowered.endswith(JSON_SUFFIXES))


def _missing_reason(path: str) -> str:
    if os.path.lexists(path) and not os.path.exists(path):
        return "a broken symbolic link"
    if os.path.exists(path):
        return "not a regular file or directory"
    return "no such file or directory"
