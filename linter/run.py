"""One run over the paths a user named: read each file, lint it, gather the results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .engine import FileResult, lint_bytes, too_large
from .findings import Finding, Severity
from .limits import DEFAULT_MAX_FILE_SIZE
from .sources import Source, TooLarge, Unreadable, collect, read, reason


@dataclass(frozen=True)
class Report:
    files: tuple[FileResult, ...]
    unreadable: tuple[Unreadable, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(finding for result in self.files for finding in result.findings)

    @property
    def documents(self) -> int:
        return sum(result.documents for result in self.files)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)


def run(
    paths: Sequence[str],
    stdin_name: str | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
) -> Report:
    results: list[FileResult] = []
    unreadable: list[Unreadable] = []
    for item in collect(paths, stdin_name):
        outcome = item if isinstance(item, Unreadable) else _lint(item, max_file_size)
        (unreadable if isinstance(outcome, Unreadable) else results).append(outcome)
    return Report(tuple(results), tuple(unreadable))


def _lint(source: Source, max_file_size: int) -> FileResult | Unreadable:
    try:
        data = read(source, max_file_size)
    except OSError as error:
        return Unreadable(source.shown_as, reason(error, source.location), source.named)
    if isinstance(data, TooLarge):
        return too_large(source.shown_as, data.size, max_file_size)
    return lint_bytes(data, source.shown_as, source.is_json)
