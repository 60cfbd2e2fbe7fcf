"""One run over the paths a user named: read each file, lint it, gather the results."""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .autofix import check_bytes, fix_bytes
from .engine import FileResult
from .findings import Finding, Severity
from .sources import STDIN, Source, Unreadable, collect


class Mode(enum.Enum):
    CHECK = "check"
    DIFF = "diff"
    """Compute the fixes, write nothing; the findings are those of the files as they are."""
    FIX = "fix"
    """Write the fixed files; the findings are those that remain."""


Writer = Callable[[Source, bytes], None]
"""Writes a fixed file (or, for standard input, prints it); raises OSError when it cannot."""


@dataclass(frozen=True)
class FileFix:
    """The fixes of one file: its bytes before and after, and how many fixes were applied."""

    shown_as: str
    before: bytes
    after: bytes
    applied: int


@dataclass(frozen=True)
class Unwritable:
    shown_as: str
    reason: str


@dataclass(frozen=True)
class Report:
    files: tuple[FileResult, ...]
    unreadable: tuple[Unreadable, ...]
    fixes: tuple[FileFix, ...] = ()
    """Fixes written (`--fix`) or that would be (`--diff`)."""
    unwritable: tuple[Unwritable, ...] = ()
    """Files whose fixes could not be written: left unchanged, and reported as they are."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(finding for result in self.files for finding in result.findings)

    @property
    def documents(self) -> int:
        return sum(result.documents for result in self.files)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    @property
    def fixed(self) -> int:
        return sum(fix.applied for fix in self.fixes)

    @property
    def fixable(self) -> int:
        return sum(1 for finding in self.findings if finding.fixable)


def run(
    paths: Sequence[str],
    stdin_name: str | None = None,
    mode: Mode = Mode.CHECK,
    write: Writer | None = None,
) -> Report:
    """Lint every path; with Mode.FIX, `write` is given each fixed file (and standard input's
    text, fixed or not, since its reader expects it back)."""
    results: list[FileResult] = []
    unreadable: list[Unreadable] = []
    fixes: list[FileFix] = []
    unwritable: list[Unwritable] = []
    for item in collect(paths, stdin_name):
        if isinstance(item, Unreadable):
            unreadable.append(item)
            continue
        try:
            data = _read(item)
        except OSError as error:
            unreadable.append(Unreadable(item.shown_as, error.strerror or str(error)))
            continue
        result, change, failure = _process(item, data, mode, write)
        results.append(result)
        fixes += [change] if change else []
        unwritable += [failure] if failure else []
    return Report(tuple(results), tuple(unreadable), tuple(fixes), tuple(unwritable))


def _process(
    source: Source, data: bytes, mode: Mode, write: Writer | None
) -> tuple[FileResult, FileFix | None, Unwritable | None]:
    if mode is Mode.CHECK:
        return check_bytes(data, source.shown_as, source.is_json), None, None
    fixed = fix_bytes(data, source.shown_as, source.is_json)
    change = FileFix(source.shown_as, data, fixed.data, fixed.applied) if fixed.applied else None
    if mode is Mode.DIFF:
        return check_bytes(data, source.shown_as, source.is_json), change, None
    try:
        if write is not None and (fixed.applied or source.location == STDIN):
            write(source, fixed.data)
    except OSError as error:
        failure = Unwritable(source.shown_as, error.strerror or str(error))
        return check_bytes(data, source.shown_as, source.is_json), None, failure
    return fixed.result, change, None


def _read(source: Source) -> bytes:
    if source.location == STDIN:
        return sys.stdin.buffer.read()
    with open(source.location, "rb") as file:
        return file.read()
