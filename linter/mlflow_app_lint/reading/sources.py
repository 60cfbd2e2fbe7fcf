"""Which files a run reads, and reading them safely.

Directories are walked in sorted order for .yaml, .yml and .json files, skipping hidden folders.
Symbolic links to files are read; symbolic links to directories are not followed, so no link
loop can trap the walk. Only regular files are opened for reading, and without blocking, so a
FIFO or a device named `x.yaml` can never hang a run; a file larger than the cap is not read.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
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
    named: bool = True
    """The user named this file (rather than a walk finding it)."""


@dataclass(frozen=True)
class Unreadable:
    shown_as: str
    reason: str
    named: bool = True
    """A path the user named cannot be read (exit 2); one a walk found is a warning only."""


@dataclass(frozen=True)
class TooLarge:
    """A file over the size cap: `size` bytes, or None when only 'more than the cap' is known."""

    size: int | None


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
                yield Source(path, printable(path), path.lower().endswith(JSON_SUFFIXES))
        else:
            yield Unreadable(printable(path), _missing_reason(path))


def _walk(top: str, excluded: Callable[[str], bool]) -> Iterator[Source | Unreadable]:
    errors: list[OSError] = []
    for directory, subdirectories, files in os.walk(top, onerror=errors.append):
        yield from _walk_errors(errors, top)
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
                yield Source(path, printable(path), lowered.endswith(JSON_SUFFIXES), named=False)
    yield from _walk_errors(errors, top)


def _walk_errors(errors: list[OSError], top: str) -> Iterator[Unreadable]:
    while errors:
        error = errors.pop(0)
        path = error.filename or top
        yield Unreadable(printable(path), reason(error, path), named=path == top)


def read(source: Source, max_size: int) -> bytes | TooLarge:
    """The file's bytes, reading at most `max_size` + 1 of them; OSError when it cannot be."""
    if source.location == STDIN:
        data = sys.stdin.buffer.read(max_size + 1)
    else:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(source.location, flags)
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                raise OSError(errno.EINVAL, "not a regular file", source.location)
            if status.st_size > max_size:
                return TooLarge(status.st_size)
            data = _read_at_most(descriptor, max_size + 1, status.st_size + 1)
        finally:
            os.close(descriptor)
    return TooLarge(None) if len(data) > max_size else data


READ_CHUNK = 1 << 20


def _read_at_most(descriptor: int, limit: int, expected: int) -> bytes:
    """Up to `limit` bytes, asking first for the `expected` number (the size, and one more to
    see the end): a buffer of the whole cap for every small file costs more than the read."""
    chunks = []
    want = expected
    while limit > 0:
        chunk = os.read(descriptor, min(want, limit))
        if not chunk:
            break
        chunks.append(chunk)
        limit -= len(chunk)
        want = READ_CHUNK  # the file grew as it was read: go on to the cap
    return b"".join(chunks)


def reason(error: OSError, path: str) -> str:
    """Why a path cannot be read, in words."""
    if error.errno == errno.ELOOP:
        return "a symbolic link loop"
    if error.errno == errno.ENOENT and os.path.islink(path):
        return "a broken symbolic link"
    return (error.strerror or str(error)).lower()


def printable(path: str) -> str:
    """A path as reports show it: undecodable bytes and control characters escaped, so a file
    name cannot break a report line or the output encoding."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _is_request_name(lowered: str) -> bool:
    return not lowered.startswith(".") and lowered.endswith(YAML_SUFFIXES + JSON_SUFFIXES)


def _missing_reason(path: str) -> str:
    try:
        os.stat(path)
    except OSError as error:
        return reason(error, path)
    return "not a regular file or directory"


def decoded(data: bytes, is_json: bool = False) -> str | None:
    """The text of a file's bytes, as the reader (`document.parse_bytes`) decodes it; None when
    the reader reports them as not text, or (for JSON) as starting with a byte-order mark."""
    if is_json and data.startswith(codecs.BOM_UTF8):
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text
