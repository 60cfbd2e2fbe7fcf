"""One run over the paths a user named: read each file, lint it, gather the results."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .autofix import check_bytes, fix_bytes
from .config import Config
from .engine import FileResult, configure, too_large
from .findings import Finding, Severity
from .limits import DEFAULT_MAX_FILE_SIZE
from .sources import STDIN, Source, TooLarge, Unreadable, collect, read, reason


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
    def reported(self) -> tuple[Finding, ...]:
        """The findings a CI service should see: those listed only for an audit left out."""
        return tuple(finding for finding in self.findings if finding.suppression is None)

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

    @property
    def fixed(self) -> int:
        return sum(fix.applied for fix in self.fixes)

    @property
    def fixable(self) -> int:
        return sum(1 for f in self.findings if f.fixable and f.suppression is None)


@dataclass(frozen=True)
class Options:
    """What a run does besides linting: its configuration, an audit of suppressions, fixes."""

    config: Config = field(default_factory=Config)
    show_suppressed: bool = False
    mode: Mode = Mode.CHECK
    write: Writer | None = None
    """With Mode.FIX, given each fixed file (and standard input's text, fixed or not, since its
    reader expects it back)."""
    max_file_size: int = DEFAULT_MAX_FILE_SIZE


def run(
    paths: Sequence[str], stdin_name: str | None = None, options: Options | None = None
) -> Report:
    """Lint every path named, as the options say."""
    options = options or Options()
    config = options.config
    results: list[FileResult] = []
    unreadable: list[Unreadable] = []
    fixes: list[FileFix] = []
    unwritable: list[Unwritable] = []
    for item in collect(paths, stdin_name, config.is_excluded, config.force_exclude):
        if isinstance(item, Unreadable):
            unreadable.append(item)
            continue
        try:
            data = read(item, options.max_file_size)
        except OSError as error:
            unreadable.append(Unreadable(item.shown_as, reason(error, item.location), item.named))
            continue
        if isinstance(data, TooLarge):
            results.append(too_large(item.shown_as, data.size, options.max_file_size))
            continue
        result, change, failure = _process(item, data, options)
        results.append(result)
        fixes += [change] if change else []
        unwritable += [failure] if failure else []
    return Report(tuple(results), tuple(unreadable), tuple(fixes), tuple(unwritable))


def _process(
    source: Source, data: bytes, options: Options
) -> tuple[FileResult, FileFix | None, Unwritable | None]:
    if options.mode is Mode.CHECK:
        return _checked(source, data, options), None, None
    fixed = fix_bytes(data, source.shown_as, source.is_json, options.config)
    change = FileFix(source.shown_as, data, fixed.data, fixed.applied) if fixed.applied else None
    if options.mode is Mode.DIFF:
        return _checked(source, data, options), change, None
    try:
        if options.write is not None and (fixed.applied or source.location == STDIN):
            options.write(source, fixed.data)
    except OSError as error:
        failure = Unwritable(source.shown_as, error.strerror or str(error))
        return _checked(source, data, options), None, failure
    return _configured(fixed.result, fixed.data, source, options), change, None


def _checked(source: Source, data: bytes, options: Options) -> FileResult:
    return _configured(check_bytes(data, source.shown_as, source.is_json), data, source, options)


def _configured(result: FileResult, data: bytes, source: Source, options: Options) -> FileResult:
    result = configure(result, data, source.is_json, options.config)
    if not options.show_suppressed:
        return result
    # An audit lists suppressed findings among the others, each marked with what suppressed it.
    listed = sorted(result.findings + result.suppressed, key=lambda finding: finding.sort_key)
    return dataclasses.replace(result, findings=tuple(listed))
