"""One run over the paths a user named: read each file, lint it, gather the results."""

from __future__ import annotations

import dataclasses
import enum
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from mlflow_app_lint.base.limits import DEFAULT_MAX_FILE_SIZE
from mlflow_app_lint.engine.lint import crashed, lint, too_large
from mlflow_app_lint.engine.results import FileFix, FileResult, Report, Unwritable
from mlflow_app_lint.operations import Operation
from mlflow_app_lint.policy.config import Config
from mlflow_app_lint.reading.sources import (
    STDIN,
    Source,
    TooLarge,
    Unreadable,
    collect,
    read,
    reason,
)


class Mode(enum.Enum):
    CHECK = "check"
    DIFF = "diff"
    """Compute the fixes, write nothing; the findings are those of the files as they are."""
    FIX = "fix"
    """Write the fixed files; the findings are those that remain."""


Writer = Callable[[Source, bytes, bytes], None]
"""Writes a fixed file, given its bytes as read and as fixed (or, for standard input, prints
them); raises OSError when it cannot."""


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
    jobs: int = 1
    """Worker processes linting the files (1: all in this process)."""
    operation: Operation | None = None
    """`--operation`: the operation of every document that no comment names another for."""


Outcome = tuple[FileResult | Unreadable, FileFix | None, Unwritable | None]
"""What became of one file: its result (or why it could not be read), its fixes, a failed write."""

MIN_FILES_PER_WORKER = 16
"""Fewer files than this per worker do not repay starting the workers."""


def run(
    paths: Sequence[str], stdin_name: str | None = None, options: Options | None = None
) -> Report:
    """Lint every path named, as the options say. The report is the same whatever
    `options.jobs` is: the files keep their order."""
    options = options or Options()
    config = options.config
    items = list(collect(paths, stdin_name, config.is_excluded, config.force_exclude))
    results: list[FileResult] = []
    unreadable: list[Unreadable] = []
    fixes: list[FileFix] = []
    unwritable: list[Unwritable] = []
    for result, change, failure in _outcomes(items, options):
        (unreadable if isinstance(result, Unreadable) else results).append(result)
        fixes += [change] if change else []
        unwritable += [failure] if failure else []
    return Report(tuple(results), tuple(unreadable), tuple(fixes), tuple(unwritable))


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _outcomes(items: list[Source | Unreadable], options: Options) -> Iterable[Outcome]:
    workers = min(options.jobs, len(items) // MIN_FILES_PER_WORKER)
    reads_stdin = any(isinstance(item, Source) and item.location == STDIN for item in items)
    if workers < 2 or reads_stdin:
        return (_outcome(item, options) for item in items)
    import multiprocessing  # only now: a run of a few files starts sooner without it

    # Forked workers inherit the options (a writer, compiled patterns) instead of pickling them.
    if "fork" not in multiprocessing.get_all_start_methods():
        return (_outcome(item, options) for item in items)
    return _in_workers(multiprocessing.get_context("fork"), items, options, workers)


def _in_workers(
    context: Any, items: list[Source | Unreadable], options: Options, workers: int
) -> Iterator[Outcome]:
    """The outcomes, in the files' order, from worker processes. Should a worker die (killed
    for its memory, say), the files not yet reported are linted in this process: a run never
    waits for a worker that is gone, and never loses a file."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Chunks big enough to keep the hand-over per file cheap, small enough to share the load.
    chunk = max(1, min(64, len(items) // (workers * 8)))
    done = 0
    try:
        with ProcessPoolExecutor(
            workers, context, initializer=_set_worker_options, initargs=(options,)
        ) as pool:
            for outcome in pool.map(_worker_outcome, items, chunksize=chunk):
                yield outcome
                done += 1
    except BrokenProcessPool:
        yield from (_outcome(item, options) for item in items[done:])


_worker_options = Options()


def _set_worker_options(options: Options) -> None:
    global _worker_options
    _worker_options = options


def _worker_outcome(item: Source | Unreadable) -> Outcome:
    return _outcome(item, _worker_options)


def _outcome(item: Source | Unreadable, options: Options) -> Outcome:
    if isinstance(item, Unreadable):
        return item, None, None
    try:
        data = read(item, options.max_file_size)
    except OSError as error:
        return Unreadable(item.shown_as, reason(error, item.location), item.named), None, None
    if isinstance(data, TooLarge):
        return too_large(item.shown_as, data.size, options.max_file_size), None, None
    try:
        return _process(item, data, options)
    except Exception as error:  # a bug on one file must not cost the others their report
        return crashed(item.shown_as, error), None, None


def _process(
    source: Source, data: bytes, options: Options
) -> tuple[FileResult, FileFix | None, Unwritable | None]:
    if options.mode is Mode.CHECK:
        return _checked(source, data, options), None, None
    from mlflow_app_lint.engine.fixes import fix

    fixed = fix(
        data,
        path=source.shown_as,
        operation=options.operation,
        config=options.config,
        is_json=source.is_json,
    )
    change = FileFix(source.shown_as, data, fixed.data, fixed.applied) if fixed.applied else None
    if options.mode is Mode.DIFF:
        return _checked(source, data, options), change, None
    try:
        if options.write is not None and (fixed.applied or source.location == STDIN):
            options.write(source, data, fixed.data)
    except OSError as error:
        failure = Unwritable(source.shown_as, error.strerror or str(error))
        return _checked(source, data, options), None, failure
    return _audited(fixed.result, options), change, None


def _checked(source: Source, data: bytes, options: Options) -> FileResult:
    result = lint(
        data,
        path=source.shown_as,
        operation=options.operation,
        config=options.config,
        is_json=source.is_json,
    )
    return _audited(result, options)


def _audited(result: FileResult, options: Options) -> FileResult:
    if not options.show_suppressed:
        return result
    # An audit lists suppressed findings among the others, each marked with what suppressed it.
    listed = sorted(result.findings + result.suppressed, key=lambda finding: finding.sort_key)
    return dataclasses.replace(result, findings=tuple(listed))
