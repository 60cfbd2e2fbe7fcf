"""The command line: options in, a report and an exit status out. Only this module uses click."""

from __future__ import annotations

import os
import sys

import click

from . import __version__, schemagen
from .atomic import write_atomically
from .findings import Severity
from .reporters import REPORTERS, ReportOptions
from .run import Report, run

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
AUTO_FORMAT = "auto"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="mlflow-app-lint")
def main() -> None:
    """Lint SageMaker CreateMlflowApp request files (YAML or JSON) before AWS rejects them."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "format_name",
    type=click.Choice([AUTO_FORMAT, *sorted(REPORTERS)]),
    default=AUTO_FORMAT,
    show_default=True,
    help="Report format (auto: github inside GitHub Actions, text elsewhere).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the report to this file, not stdout.",
)
@click.option(
    "--source/--no-source",
    default=True,
    show_default=True,
    help="Quote the offending line under each finding in the text report.",
)
@click.option("--stdin-filename", help="Name to report for standard input ('-').")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report (auto: on a terminal, unless NO_COLOR is set).",
)
def check(
    paths: tuple[str, ...],
    format_name: str,
    output: str | None,
    source: bool,
    stdin_filename: str | None,
    color: str,
) -> None:
    """Check request files. PATHS are files, directories (searched for .yaml, .yml and .json
    files) or '-' for standard input.

    Exit status: 0 when no error was found, 1 when one was, 2 when a path could not be read or the
    command line is wrong."""
    report = run(paths, stdin_filename)
    options = ReportOptions(colour=_use_colour(color, to_file=output is not None), source=source)
    rendered = REPORTERS[_resolve_format(format_name)](options).render(report)
    if output is None:
        click.echo(rendered, nl=False, color=True)
    else:
        _write_report(output, rendered)
    for item in report.unreadable:
        click.echo(f"mlflow-app-lint: cannot read {item.shown_as}: {item.reason}", err=True)
    sys.exit(_exit_status(report))


def _write_report(output: str, rendered: str) -> None:
    try:
        write_atomically(output, rendered.encode("utf-8"))
    except OSError as error:
        failure = click.FileError(output, error.strerror)
        failure.exit_code = EXIT_USAGE  # 1 would read as "the files have errors"
        raise failure from error


def _resolve_format(name: str) -> str:
    if name != AUTO_FORMAT:
        return name
    # GitHub sets GITHUB_ACTIONS=true in every workflow step: annotate the pull request there.
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _use_colour(choice: str, to_file: bool = False) -> bool:
    if choice != "auto":
        return choice == "always"
    return not to_file and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _exit_status(report: Report) -> int:
    if report.unreadable:
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
