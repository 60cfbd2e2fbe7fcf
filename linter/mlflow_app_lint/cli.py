"""The command line: options in, a report and an exit status out. Only this module uses click."""

from __future__ import annotations

import os
import sys

import click

from mlflow_app_lint import __version__
from mlflow_app_lint.base.atomic import replace_unchanged, write_atomically, write_report
from mlflow_app_lint.base.findings import Severity
from mlflow_app_lint.base.limits import DEFAULT_MAX_FILE_SIZE, format_size, parse_size
from mlflow_app_lint.base.words import closest, plural
from mlflow_app_lint.engine.results import Report
from mlflow_app_lint.engine.run import Mode, Options, run, usable_cores
from mlflow_app_lint.operations import OPERATIONS, Operation, find, model_revision, use_revision
from mlflow_app_lint.policy.catalogue import RULES
from mlflow_app_lint.policy.config import Config, ConfigError, Overrides, load
from mlflow_app_lint.reading.sources import STDIN, Source
from mlflow_app_lint.reporting import REPORTERS, ReportOptions, encodable

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
JOBS_PER_CORE = 4
AUTO_FORMAT = "auto"


class _Size(click.ParamType):
    name = "size"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_size(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


class _OperationName(click.ParamType):
    name = "operation"

    def convert(self, value, param, ctx) -> Operation:
        if isinstance(value, Operation):
            return value
        operation = find(value)
        if operation is None:
            names = [*OPERATIONS, *(known.command for known in OPERATIONS.values())]
            suggestion = closest(value, names)
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            self.fail(
                f"unknown operation '{value}'{hint} ('mlflow-app-lint operations')", param, ctx
            )
        return operation


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"mlflow-app-lint {__version__} (AWS service model {model_revision()})")
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and the AWS service model revision, and exit.",
)
def main() -> None:
    """Lint SageMaker MLflow request files (YAML or JSON) before AWS rejects them."""


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
@click.option(
    "--max-file-size",
    type=_Size(),
    default=DEFAULT_MAX_FILE_SIZE,
    show_default=format_size(DEFAULT_MAX_FILE_SIZE),
    help="Report larger files without reading them (bytes, or e.g. 10MB, 64MiB).",
)
@click.option(
    "--config",
    "config_file",
    metavar="FILE",
    help="Read settings from this pyproject.toml or .mlflow-app-lint.yaml, not a discovered one.",
)
@click.option("--no-config", is_flag=True, help="Ignore every configuration file.")
@click.option("--select", multiple=True, metavar="RULES", help="Run only these rules.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules.")
@click.option(
    "--severity",
    multiple=True,
    metavar="RULE=LEVEL",
    help="Set a rule's severity: error, warning, info or off.",
)
@click.option("--exclude", multiple=True, metavar="GLOBS", help="Skip these paths in directories.")
@click.option(
    "--per-file-ignores",
    multiple=True,
    metavar="GLOB=RULES",
    help="Suppress these rules in files matching the pattern.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    help="Exit 1 when a finding of this severity or worse is reported.  [default: error]",
)
@click.option(
    "--force-exclude", is_flag=True, help="Apply --exclude to files named on the command line too."
)
@click.option(
    "--show-suppressed", is_flag=True, help="Also list suppressed findings, marked as such."
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
@click.option(
    "--model",
    metavar="PATH|installed",
    help="Lint against this revision of AWS's service model: a service-2.json (or .json.gz) "
    "file, or 'installed' for the importable botocore's.  [default: the shipped one]",
)
@click.option(
    "--operation",
    type=_OperationName(),
    help="Lint every document as this operation (API or AWS CLI name), unless a comment in it "
    "names another.  [default: chosen per file]",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes for many files, at most 4 per usable core.  [default: one per usable "
    "core; 1: no workers]",
)
def check(
    paths: tuple[str, ...],
    format_name: str,
    output: str | None,
    source: bool,
    stdin_filename: str | None,
    color: str,
    config_file: str | None,
    no_config: bool,
    show_suppressed: bool,
    fix: bool,
    show_diff: bool,
    max_file_size: int,
    model: str | None,
    operation: Operation | None,
    jobs: int | None,
    **overrides: tuple[str, ...] | str | bool | None,
) -> None:
    """Check request files. PATHS are files, directories (searched for .yaml, .yml and .json
    files) or '-' for standard input.

    Settings come from [tool.mlflow-app-lint] in pyproject.toml or .mlflow-app-lint.yaml, the
    first found walking up from the current directory; options override them. Lists are
    comma-separated, and options may be repeated.

    Exit status: 0 when no error was found (after --fix: remains), 1 when one was, 2 when a path
    named on the command line could not be read or written, or the command line or configuration
    is wrong. A file found in a directory that cannot be read is reported as a warning on
    standard error and does not change the status."""
    if config_file is not None and no_config:
        raise click.UsageError("--config and --no-config exclude each other")
    if fix and show_diff:
        raise click.UsageError("--fix and --diff cannot be used together")
    try:
        config = load(Overrides(**overrides), config_file, use_files=not no_config)
    except ConfigError as error:
        click.echo(f"mlflow-app-lint: {error}", err=True)
        sys.exit(EXIT_USAGE)
    if model or config.model:
        _use_model(model or config.model)
    mode = Mode.FIX if fix else Mode.DIFF if show_diff else Mode.CHECK
    # More workers than cores only cost memory: each is a whole interpreter.
    jobs = usable_cores() if jobs is None else min(jobs, JOBS_PER_CORE * usable_cores())
    settings = Options(config, show_suppressed, mode, _write_fixed, max_file_size, jobs, operation)
    report = run(paths, stdin_filename, settings)
    if mode is Mode.DIFF:
        # Each command imports what only it needs: `check` starts sooner.
        from mlflow_app_lint.reporting import diffs

        click.echo(diffs.unified(report.fixes), nl=False)
        click.echo(_would_fix(report), err=True)
    else:
        options = ReportOptions(colour=_use_colour(color, output is not None), source=source)
        rendered = encodable(REPORTERS[_resolve_format(format_name)](options).render(report))
        if output is not None:
            _write_report(output, rendered)
        else:
            # With --fix, standard output carries standard input's fixed text.
            click.echo(rendered, nl=False, color=True, err=fix and STDIN in paths)
    for item in report.unreadable:
        what = "cannot read" if item.named else "warning: skipped"
        click.echo(f"mlflow-app-lint: {what} {item.shown_as}: {item.reason}", err=True)
    for item in report.unwritable:
        click.echo(
            f"mlflow-app-lint: cannot write {item.shown_as}: {item.reason}; "
            "it is left unchanged, its findings are reported as they are",
            err=True,
        )
    sys.exit(_exit_status(report, config))


def _use_model(source: str) -> None:
    """Lint against another revision of the model (exit 2 when it cannot be read)."""
    from mlflow_app_lint import schemagen

    try:
        use_revision(schemagen.revision(source))
    except ImportError:
        _usage_error("--model installed: botocore is not importable here")
    except OSError as error:
        _usage_error(f"--model {source}: {error.strerror or error}")
    except (ValueError, KeyError, TypeError) as error:
        _usage_error(f"--model {source}: not a service model that can be read ({error})")


def _usage_error(message: str) -> None:
    click.echo(f"mlflow-app-lint: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _write_fixed(source: Source, before: bytes, after: bytes) -> None:
    if source.location == STDIN:
        sys.stdout.buffer.write(after)
        sys.stdout.buffer.flush()
    else:
        replace_unchanged(source.location, before, after)


def _would_fix(report: Report) -> str:
    files = plural(len(report.fixes), "file")
    return f"mlflow-app-lint: --fix would fix {plural(report.fixed, 'problem')} in {files}."


def _write_report(output: str, rendered: str) -> None:
    try:
        write_report(output, rendered.encode("utf-8"))
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


def _exit_status(report: Report, config: Config) -> int:
    if any(item.named for item in report.unreadable) or report.unwritable:
        return EXIT_USAGE
    failing = [Severity.ERROR] + ([Severity.WARNING] if config.fail_on is Severity.WARNING else [])
    return EXIT_FINDINGS if any(report.count(severity) for severity in failing) else EXIT_CLEAN


@main.command()
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="text: one line per rule; markdown: every rule's documentation (docs/rules.md).",
)
def rules(format_name: str) -> None:
    """List every rule: id, default severity, whether it can fix, summary."""
    from mlflow_app_lint.reporting import ruledocs

    click.echo(ruledocs.markdown() if format_name == "markdown" else ruledocs.listing(), nl=False)


@main.command()
@click.argument("rule_id", metavar="ID")
def rule(rule_id: str) -> None:
    """Print a rule's documentation: what it checks, why, and a bad and a good example."""
    from mlflow_app_lint.reporting import ruledocs

    found = RULES.get(rule_id)
    if found is None:
        suggestion = closest(rule_id, RULES)
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        click.echo(f"mlflow-app-lint: unknown rule '{rule_id}'{hint}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(ruledocs.page(found), nl=False)


@main.command()
@click.option(
    "--operation",
    type=_OperationName(),
    default="CreateMlflowApp",
    show_default=True,
    help="The operation, by API name (UpdateMlflowApp) or AWS CLI name (update-mlflow-app).",
)
@click.option("--check", "check_only", is_flag=True, help="Exit 1 if a shipped schema is stale.")
@click.option(
    "--regenerate", is_flag=True, help="Rewrite every operation's schema in the schema/ folder."
)
@click.option(
    "--output", type=click.Path(dir_okay=False), help="Write the schema to this file, not stdout."
)
def schema(operation: Operation, check_only: bool, regenerate: bool, output: str | None) -> None:
    """Print the JSON Schema of an operation's request, generated from AWS's service model."""
    from mlflow_app_lint import schemagen

    if check_only or regenerate:
        _check_or_regenerate_schemas(regenerate)
        return
    generated = schemagen.render(schemagen.generate(operation.name))
    if output:
        try:
            write_atomically(output, generated.encode("utf-8"))
        except OSError as error:
            click.echo(f"mlflow-app-lint: cannot write {output}: {error.strerror}", err=True)
            sys.exit(EXIT_USAGE)
    else:
        click.echo(generated, nl=False)


@main.command()
def operations() -> None:
    """List the operations: API name, AWS CLI command name, required members, rules."""
    for operation in OPERATIONS.values():
        required = ", ".join(operation.required) or "none"
        rules = ", ".join(rule.id for module in operation.rules for rule in module.RULES)
        click.echo(f"{operation.name} ({operation.command})")
        click.echo(f"  required: {required}")
        click.echo(f"  custom rules: {rules or 'none'}")


def _check_or_regenerate_schemas(regenerate: bool) -> None:
    from mlflow_app_lint import schemagen

    stale = schemagen.stale_files()
    if regenerate:
        folder = schemagen.committed_schema_path().parent
        for name, generated in schemagen.generate_all().items():
            if name in stale:
                write_atomically(str(folder / name), schemagen.render(generated).encode("utf-8"))
                click.echo(f"wrote schema/{name}")
        return
    for name in stale:
        click.echo(
            f"schema/{name} is stale: regenerate it with 'mlflow-app-lint schema --regenerate'",
            err=True,
        )
    if stale:
        sys.exit(EXIT_FINDINGS)
    click.echo(f"the {len(schemagen.operations())} schemas in schema/ are up to date.")


@main.command()
def server() -> None:
    """Run the language server on stdin/stdout, for editors: every finding as you type, quick
    fixes, hover and completion."""
    from mlflow_app_lint.server import serve

    serve()
