"""One run over the paths a user named: read each file, lint it, gather the results."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from .config import Config
from .engine import FileResult, lint_bytes
from .findings import Finding, Severity
from .sources import STDIN, Source, Unreadable, collect


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
        """Reported findings of a severity (suppressed ones listed for an audit do not count)."""
        return sum(
            1
            for finding in self.findings
            if finding.severity is severity and finding.suppression is None
        )


def run(
    paths: Sequence[str],
    stdin_name: str | None = None,
    config: Config | None = None,
    show_suppressed: bool = False,
) -> Report:
    config = config or Config()
    results: list[FileResult] = []
    unreadable: list[Unreadable] = []
    for item in collect(paths, stdin_name, config.is_excluded, config.force_exclude):
        outcome = item if isinstance(item, Unreadable) else _lint(item, config, show_suppressed)
        (unreadable if isinstance(outcome, Unreadable) else results).append(outcome)
    return Report(tuple(results), tuple(unreadable))


def _lint(source: Source, config: Config, show_suppressed: bool) -> FileResult | Unreadable:
    try:
        data = _read(source)
    except OSError as error:
        return Unreadable(source.shown_as, error.strerror or str(error))
    result = lint_bytes(data, source.shown_as, source.is_json, config)
    if not show_suppressed:
        return result
    # An audit lists suppressed findings among the others, each marked with what suppressed it.
    listed = sorted(result.findings + result.suppressed, key=lambda finding: finding.sort_key)
    return FileResult(result.path, result.documents, tuple(listed), result.suppressed)


def _read(source: Source) -> bytes:
    if source.location == STDIN:
        return sys.stdin.buffer.read()
    with open(source.location, "rb") as file:
        return file.read()
