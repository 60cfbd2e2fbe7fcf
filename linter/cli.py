"""The command line: options in, a report and an exit status out. Only this module uses click."""

from __future__ import annotations

import os
import sys

import click

from . import __version__, schemagen
from .atomic import write_atomically
from .findings import Severity
from .limits import DEFAULT_MAX_FILE_SIZE, format_size, parse_size
from .reporters import REPORTERS, ReportOptions
from .run import Report, run

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Size(click.ParamType):
    name = "size"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_size(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


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
    "--max-file-size",
    type=_Size(),
    default=DEFAULT_MAX_FILE_SIZE,
    show_default=format_size(DEFAULT_MAX_FILE_SIZE),
    help="Report larger files without reading them (bytes, or e.g. 10MB, 64MiB).",
)
def check(
    paths: tuple[str, ...],
    format_name: str,
    stdin_filename: str | None,
    color: str,
    max_file_size: int,
) -> None:
    """Check request files. PATHS are files, directories (searched for .yaml, .yml and .json
    files) or '-' for standard input.

    Exit status: 0 when no error was found, 1 when one was, 2 when a path named on the command
    line could not be read or the command line is wrong. A file found in a directory that cannot
    be read is reported as a warning on standard error and does not change the status."""
    report = run(paths, stdin_filename, max_file_size)
    reporter = REPORTERS[format_name](ReportOptions(colour=_use_colour(color)))
    click.echo(reporter.render(report), nl=False)
    for item in report.unreadable:
        what = "cannot read" if item.named else "warning: skipped"
        click.echo(f"mlflow-app-lint: {what} {item.shown_as}: {item.reason}", err=True)
    sys.exit(_exit_status(report))


def _use_colour(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _exit_status(report: Report) -> int:
    if any(item.named for item in report.unreadable):
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
