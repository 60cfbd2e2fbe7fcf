"""The command line: options in, a report and an exit status out. Only this module uses click."""

from __future__ import annotations

import os
import sys

import click

from . import __version__, diffs, schemagen
from .atomic import write_atomically
from .findings import Severity
from .reporters import REPORTERS, ReportOptions
from .run import Mode, Report, run
from .sources import STDIN, Source
from .words import plural

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="mlflow-app-lint")
def main() -> None:
    """Lint SageMaker CreateMlflowApp request files (YAML or JSON) before AWS rejects them."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option("--stdin-filename", help="Name to report for standard input ('-').")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report (auto: on a terminal, unless NO_COLOR is set).",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Correct in place what has one certain correction, then report what remains. With '-', "
    "print the fixed text and write the report to standard error.",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print the corrections --fix would make as a unified diff; change nothing.",
)
def check(
    paths: tuple[str, ...],
    format_name: str,
    stdin_filename: str | None,
    color: str,
    fix: bool,
    show_diff: bool,
) -> None:
    """Check request files. PATHS are files, directories (searched for .yaml, .yml and .json
    files) or '-' for standard input.

    Exit status: 0 when no error was found (after --fix: remains), 1 when one was, 2 when a path
    could not be read or written or the command line is wrong."""
    if fix and show_diff:
        raise click.UsageError("--fix and --diff cannot be used together")
    mode = Mode.FIX if fix else Mode.DIFF if show_diff else Mode.CHECK
    report = run(paths, stdin_filename, mode, _write_fixed)
    if mode is Mode.DIFF:
        click.echo(diffs.unified(report.fixes), nl=False)
        click.echo(_would_fix(report), err=True)
    else:
        reporter = REPORTERS[format_name](ReportOptions(colour=_use_colour(color)))
        # With --fix, standard output carries standard input's fixed text.
        click.echo(reporter.render(report), nl=False, color=True, err=fix and STDIN in paths)
    for item in report.unreadable:
        click.echo(f"mlflow-app-lint: cannot read {item.shown_as}: {item.reason}", err=True)
    for item in report.unwritable:
        click.echo(
            f"mlflow-app-lint: cannot write {item.shown_as}: {item.reason}; "
            "it is left unchanged, its findings are reported as they are",
            err=True,
        )
    sys.exit(_exit_status(report))


def _write_fixed(source: Source, data: bytes) -> None:
    if source.location == STDIN:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomically(source.location, data)


def _would_fix(report: Report) -> str:
    files = plural(len(report.fixes), "file")
    return f"mlflow-app-lint: --fix would fix {plural(report.fixed, 'problem')} in {files}."


def _use_colour(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _exit_status(report: Report) -> int:
    if report.unreadable or report.unwritable:
        return EXIT_USAGE
    return EXIT_FINDINGS if report.count(Severity.ERROR) else EXIT_CLEAN


@main.command()
@click.option("--check", "check_only", is_flag=True, help="Exit 1 if the shipped schema is stale.")
@click.option(
    "--output", type=click.Path(dir_okay=False), help="Write the schema to this file, not stdout."
)
def schema(check_only: bool, output: str | None) -> None:
    """Print the JSON Schema generated from the API reference documents."""
    generated = schemagen.render(schemagen.generate())
    if check_only:
        if generated != schemagen.read_committed():
            click.echo(
                f"schema/{schemagen.SCHEMA_FILE_NAME} is stale: regenerate it with "
                f"'mlflow-app-lint schema --output schema/{schemagen.SCHEMA_FILE_NAME}'",
                err=True,
            )
            sys.exit(EXIT_FINDINGS)
        click.echo(f"schema/{schemagen.SCHEMA_FILE_NAME} is up to date.")
    elif output:
        try:
            write_atomically(output, generated.encode("utf-8"))
        except OSError as error:
            raise click.FileError(output, error.strerror) from error
    else:
        click.echo(generated, nl=False)
