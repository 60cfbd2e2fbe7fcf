"""Coverage-guided fuzzing, with atheris, of what `fuzz_lint.py` does not reach: the
configuration loader, the reporters, the option parser and the fix path (not part of the tests).

    python fuzz/fuzz_surfaces.py TARGET [libFuzzer options] CORPUS

TARGET is one of:

- `config`: the bytes as `.mlflow-app-lint.yaml` and as `pyproject.toml`, named with `--config`
  and discovered by walking up; a crash is any exception but `ConfigError`, or a `ConfigError`
  whose message is not one printable line.
- `reports`: the bytes linted (as YAML and JSON, under a name taken from them, as
  `--stdin-filename` gives one), then rendered in every format, with and without colour; a crash
  is an exception, a text line holding a control character (other than the report's own colours),
  or a line-oriented format (github) whose records are not one line each.
- `options`: the bytes split into command-line arguments for `check`, run on a small file; a
  crash is an exception other than the exit click and the command make.
- `fix`: the bytes fixed, written with `write_atomically` and read back; a crash is an exception,
  bytes that differ from the fix, or a second fix that still changes something.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile

import atheris

with atheris.instrument_imports(include=["mlflow_app_lint", "ruamel", "click"]):
    import click

    from mlflow_app_lint import cli
    from mlflow_app_lint.base.atomic import write_atomically
    from mlflow_app_lint.base.terminal import is_unsafe
    from mlflow_app_lint.engine.fixes import fix
    from mlflow_app_lint.engine.lint import lint
    from mlflow_app_lint.engine.results import Report
    from mlflow_app_lint.policy.config import ConfigError, load
    from mlflow_app_lint.reading.sources import printable
    from mlflow_app_lint.reporting import REPORTERS, ReportOptions

WORK = tempfile.mkdtemp(prefix="mlflow-app-lint-fuzz-")
NESTED = os.path.join(WORK, "project", "deeper")
os.makedirs(NESTED)
os.chdir(WORK)  # relative paths the options name stay in here


def _one_line(message: str) -> None:
    if any(map(is_unsafe, message)):
        raise AssertionError(f"not one printable line: {message!r}")


def fuzz_config(data: bytes) -> None:
    for name in (".mlflow-app-lint.yaml", "pyproject.toml"):
        path = os.path.join(WORK, "project", name)
        with open(path, "wb") as file:
            file.write(data)
        for named in (path, None):
            try:
                load(config_file=named, cwd=NESTED)
            except ConfigError as error:
                _one_line(str(error))
        os.unlink(path)


def _name(provider: atheris.FuzzedDataProvider) -> str:
    return printable(provider.ConsumeUnicodeNoSurrogates(provider.ConsumeIntInRange(0, 40)))


def fuzz_reports(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    name = _name(provider)
    content = provider.ConsumeBytes(provider.remaining_bytes())
    for is_json in (False, True):
        result = lint(content, path=name, is_json=is_json)
        report = Report((result,), ())
        for format_name in REPORTERS:
            for colour in (False, True):
                rendered = REPORTERS[format_name](ReportOptions(colour=colour)).render(report)
                _check_rendered(format_name, rendered, colour)


def _check_rendered(format_name: str, rendered: str, colour: bool) -> None:
    if format_name in ("json", "sarif", "gitlab"):
        json.loads(rendered)
    text = rendered.replace("\033[", "") if colour else rendered
    for line in text.split("\n"):
        if any(is_unsafe(character) for character in line.replace("\t", " ")):
            raise AssertionError(f"{format_name}: a control character in {line!r}")
    if format_name == "github":
        for line in rendered.splitlines():
            if line and not line.startswith("::"):
                raise AssertionError(f"github: a line that is no command: {line!r}")


SMALL_FILE = os.path.join(WORK, "app.yaml")
with open(SMALL_FILE, "wb") as _file:
    _file.write(b"Name: x\nTags: [{Key: a}]\n")


OPTIONS = (
    "--format", "--source", "--no-source", "--stdin-filename", "--color", "--max-file-size",
    "--config", "--no-config", "--select", "--ignore", "--severity", "--exclude",
    "--per-file-ignores", "--fail-on", "--force-exclude", "--show-suppressed", "--jobs", "-j",
    "--operation", "--model",
)  # fmt: skip
"""Every option of `check` but those that write (--fix, --output) or only show (--diff)."""


def fuzz_options(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    arguments = []
    for _ in range(provider.ConsumeIntInRange(0, 8)):
        if provider.ConsumeBool():
            arguments.append(provider.PickValueInList(list(OPTIONS)))
        else:
            arguments.append(provider.ConsumeUnicodeNoSurrogates(provider.ConsumeIntInRange(0, 30)))
    # No NUL (no argument a program is given can hold one), not standard input ('-'), and no
    # path out of the work directory (a walk of '/' would take the fuzzer's whole timeout).
    arguments = [
        a
        for a in arguments
        if "\0" not in a and a != "-" and not a.startswith("/") and ".." not in a
    ]
    with contextlib.suppress(click.ClickException, click.exceptions.Exit, SystemExit):
        cli.main.main(["check", *arguments, SMALL_FILE], standalone_mode=False)


FIXED_FILE = os.path.join(WORK, "fixed.yaml")


def fuzz_fix(data: bytes) -> None:
    for is_json in (False, True):
        fixed = fix(data, path="fuzz", is_json=is_json)
        write_atomically(FIXED_FILE, fixed.data)
        with open(FIXED_FILE, "rb") as file:
            if file.read() != fixed.data:
                raise AssertionError("the written file differs from the fix")
        again = fix(fixed.data, path="fuzz", is_json=is_json)
        if again.applied:
            raise AssertionError(f"a second fix changed {again.applied} more things")


TARGETS = {"config": fuzz_config, "reports": fuzz_reports, "options": fuzz_options, "fix": fuzz_fix}


def main() -> None:
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
