"""Which rules run, how severe they are and which files are read: from a configuration file and
the command line, validated before anything is linted.

The file is `[tool.mlflow-app-lint]` in `pyproject.toml` or `.mlflow-app-lint.yaml`, found by
walking up from the current directory; the first directory holding either wins, and in one
directory `.mlflow-app-lint.yaml` is looked at first (a file of its own is the more deliberate
choice). A `pyproject.toml` without the table does not count: one that never names the tool is
not even parsed, so another tool's table cannot break a run. Command-line values replace the
file's lists and `fail-on`, and are merged into its `severity` and `per-file-ignores` tables entry
by entry. Any mistake is a `ConfigError` naming the file, the line where one is known, and the key.

A YAML file is read by the request files' own exact reader (`reading.documents`), under the same
caps: no tag is constructed, nesting and aliases are bounded, and a syntax error has a line.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from mlflow_app_lint.base.findings import Rule, Severity, Target
from mlflow_app_lint.base.limits import MAX_CONFIG_SIZE, format_size
from mlflow_app_lint.base.terminal import escaped
from mlflow_app_lint.base.values import Scalar
from mlflow_app_lint.base.words import closest
from mlflow_app_lint.operations import OPERATIONS, find
from mlflow_app_lint.policy.catalogue import RULES
from mlflow_app_lint.policy.globs import PathPattern

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

YAML_FILE = ".mlflow-app-lint.yaml"
PYPROJECT = "pyproject.toml"
TABLE = "mlflow-app-lint"
LEVELS: dict[str, Severity | None] = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
    "off": None,
}
FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING}
KEYS = (
    "select",
    "ignore",
    "severity",
    "exclude",
    "per-file-ignores",
    "fail-on",
    "operation",
    "per-file-operation",
    "model",
)


class ConfigError(Exception):
    """A configuration mistake: where it is (file:line, or the option), the key, and what."""

    def __init__(self, where: str, key: str | None, message: str) -> None:
        # Escaped: a key, a value or a file name must not end the line or drive the terminal.
        text = f"{where}: '{key}': {message}" if key else f"{where}: {message}"
        super().__init__(escaped(text))


@dataclass(frozen=True)
class Config:
    select: frozenset[str] | None = None
    """The rules to run (None: all); `ignore` and `severity = off` take rules away from them."""
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)
    """Per-rule severity; None is `off`."""
    exclude: tuple[PathPattern, ...] = ()
    per_file_ignores: tuple[tuple[PathPattern, frozenset[str]], ...] = ()
    fail_on: Severity = Severity.ERROR
    operation: str | None = None
    """The operation of files that nothing more specific names (see `selection`)."""
    per_file_operation: tuple[tuple[PathPattern, str], ...] = ()
    """Glob -> operation (API name), the first matching pattern wins."""
    model: str | None = None
    """`--model`: a service-2.json path (made absolute) or `installed`."""
    force_exclude: bool = False
    """Apply `exclude` to files named on the command line too (a pre-commit hook names them)."""
    source: str | None = None
    """The configuration file the settings came from, as messages name it."""

    def enabled(self, rule: Rule) -> bool:
        if rule.locked:
            return True
        if self.select is not None and rule.id not in self.select:
            return False
        return rule.id not in self.ignore and self.severity_of(rule) is not None

    def severity_of(self, rule: Rule) -> Severity | None:
        return self.severity.get(rule.id, rule.severity) if not rule.locked else rule.severity

    def is_excluded(self, path: str) -> bool:
        return any(pattern.matches(path) for pattern in self.exclude)

    def ignoring(self, rule: Rule, path: str) -> PathPattern | None:
        """The per-file-ignores pattern that turns this rule off for this file, if one does."""
        for pattern, rule_ids in self.per_file_ignores:
            if rule.id in rule_ids and pattern.matches(path):
                return pattern
        return None


@dataclass(frozen=True)
class Overrides:
    """Command-line values, as typed (comma-separated; options may be repeated)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[str, ...] = ()
    fail_on: str | None = None
    force_exclude: bool = False


def load(
    overrides: Overrides = Overrides(),
    config_file: str | None = None,
    use_files: bool = True,
    cwd: str | None = None,
) -> Config:
    """The configuration of one run: the named or discovered file, then the command line."""
    cwd = os.path.abspath(cwd or os.getcwd())
    path = config_file if config_file is not None else (_discover(cwd, cwd) if use_files else None)
    values: dict[str, Any] = {}
    source = None
    if path is not None:
        source = _shown(path, cwd)
        values = _read_file(path, source)
    values = _merge(values, _command_line(overrides, cwd))
    severity = dict(values.get("severity", {}))
    return Config(
        select=frozenset(values["select"]) if "select" in values else None,
        ignore=frozenset(values.get("ignore", ())),
        severity=MappingProxyType(severity),
        exclude=tuple(values.get("exclude", ())),
        per_file_ignores=tuple(values.get("per-file-ignores", {}).values()),
        fail_on=values.get("fail-on", Severity.ERROR),
        operation=values.get("operation"),
        per_file_operation=tuple(values.get("per-file-operation", {}).values()),
        model=values.get("model"),
        force_exclude=overrides.force_exclude,
        source=source,
    )


def _discover(start: str, cwd: str) -> str | None:
    directory = start
    while True:
        candidate = os.path.join(directory, YAML_FILE)
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(directory, PYPROJECT)
        if os.path.isfile(candidate) and _has_table(candidate, _shown(candidate, cwd)):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _has_table(pyproject: str, shown: str) -> bool:
    # Parsed only when it names the tool: another tool's table, however odd, is not ours to read.
    return TABLE in _read_text(pyproject, shown) and (
        _toml_table(pyproject, shown, required=False) is not None
    )


def _shown(path: str, cwd: str) -> str:
    relative = os.path.relpath(os.path.abspath(path), cwd)
    return path if relative.startswith("..") else relative


def _read_text(path: str, shown: str) -> str:
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_CONFIG_SIZE + 1)
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise ConfigError(shown, None, f"cannot read the configuration file: {reason}") from None
    if len(data) > MAX_CONFIG_SIZE:
        limit = format_size(MAX_CONFIG_SIZE)
        raise ConfigError(shown, None, f"larger than {limit}: not read as a configuration file")
    return text


def _read_file(path: str, shown: str) -> dict[str, Any]:
    base = os.path.dirname(os.path.abspath(path))
    if path.endswith(".toml"):
        table = _toml_table(path, shown, required=True)
        text = _read_text(path, shown)
        return _validate(
            table or {}, _Place(shown, lambda at, value: _toml_line(text, at, value)), base
        )
    if path.endswith((".yaml", ".yml")):
        data, line_of = _yaml_data(path, shown)
        return _validate(data, _Place(shown, lambda at, value: line_of(at)), base)
    raise ConfigError(shown, None, "a configuration file is a .toml or a .yaml file")


def _toml_table(path: str, shown: str, required: bool) -> dict[str, Any] | None:
    try:
        document = tomllib.loads(_read_text(path, shown))
    except tomllib.TOMLDecodeError as error:
        raise _toml_error(shown, str(error)) from None
    except ValueError:  # int() refuses thousands of digits; TOML's integers have 64 bits
        raise ConfigError(shown, None, "invalid TOML: an integer too long to be one") from None
    except RecursionError:  # tomllib recurses once per level of arrays and inline tables
        raise ConfigError(shown, None, "cannot read the TOML: nested too deeply") from None
    table = document.get("tool", {}).get(TABLE) if isinstance(document.get("tool"), dict) else None
    if table is None:
        if required:
            raise ConfigError(shown, None, f"no [tool.{TABLE}] table")
        return None
    if not isinstance(table, dict):
        raise ConfigError(shown, f"tool.{TABLE}", f"expected a table, got {_kind(table)}")
    return table


def _toml_error(shown: str, message: str) -> ConfigError:
    """tomllib's message, its '(at line L, column C)' moved to the front as the file's place."""
    found = re.fullmatch(r"(.*) \(at line (\d+), column \d+\)", message)
    if found is None:
        return ConfigError(shown, None, f"invalid TOML: {message}")
    return ConfigError(f"{shown}:{found[2]}", None, f"invalid TOML: {found[1]}")


def _yaml_data(path: str, shown: str) -> tuple[Any, Callable[[tuple], int | None]]:
    """The settings of a YAML file, and where each one is (a line for a path of keys)."""
    from mlflow_app_lint.reading import problems
    from mlflow_app_lint.reading.documents import parse

    documents = parse(_read_text(path, shown), is_json=False)
    document = next(documents)
    if document.problems:
        problem = document.problems[0]
        if problem.issue.rule is problems.EMPTY_DOCUMENT:
            return {}, lambda at: None
        line = problem.span.line
        message = problem.issue.message.removeprefix("invalid YAML: ")
        raise ConfigError(f"{shown}:{line}", None, f"invalid YAML: {message}")
    second = next(documents, None)
    if second is not None:
        line = second.locator.span((), Target.VALUE).line
        raise ConfigError(f"{shown}:{line}", None, "a second document: settings are one mapping")
    if not isinstance(document.data, dict):
        kind = _kind(document.data)
        raise ConfigError(shown, None, f"expected a mapping of settings, got {kind}")
    locator = document.locator
    return document.data, lambda at: locator.span(at, Target.KEY).line


@dataclass(frozen=True)
class _Place:
    """Where values come from, to name in messages: a file (with a line finder) or an option."""

    name: str
    line_of: Callable[[tuple, Any], int | None] | None = None

    def error(self, at: tuple, value: Any, message: str) -> ConfigError:
        if self.line_of is None:
            return ConfigError(self.name, None, message)
        line = self.line_of(at, value)
        where = f"{self.name}:{line}" if line else self.name
        return ConfigError(where, _text(at[0]), message)


def _validate(raw: Mapping[str, Any], place: _Place, base: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in KEYS:
            suggestion = closest(_text(key), KEYS)
            hint = (
                f" (did you mean '{suggestion}'?)" if suggestion else f"; valid: {', '.join(KEYS)}"
            )
            raise place.error((key,), None, f"unknown key{hint}")
        values[key] = _VALIDATORS[key](value, (key,), place, base)
    return values


def _rule_ids(value: Any, at: tuple, place: _Place, base: str, disables: bool = True) -> list[str]:
    items = _strings(value, at, place, "a list of rule ids")
    for index, item in enumerate(items):
        _rule_id(item, (*at, index), place, disables)
    return items


def _selected(value: Any, at: tuple, place: _Place, base: str) -> list[str]:
    return _rule_ids(value, at, place, base, disables=False)


def _rule_id(rule_id: str, at: tuple, place: _Place, disables: bool) -> Rule:
    rule = RULES.get(rule_id)
    if rule is None:
        suggestion = closest(rule_id, RULES)
        hint = (
            f" (did you mean '{suggestion}'?)"
            if suggestion
            else "; 'mlflow-app-lint rules' lists them"
        )
        raise place.error(at, rule_id, f"unknown rule '{rule_id}'{hint}")
    if disables and rule.locked:
        raise place.error(
            at,
            rule_id,
            f"'{rule_id}' cannot be turned off or demoted: it says a file could not be checked",
        )
    return rule


def _severity(value: Any, at: tuple, place: _Place, base: str) -> dict[str, Severity | None]:
    table = _table(value, at, place, "a table of rule = level")
    levels: dict[str, Severity | None] = {}
    for rule_id, level in table.items():
        _rule_id(_text(rule_id), (*at, rule_id), place, disables=True)
        if not isinstance(level, str) or level not in LEVELS:
            shown = f"'{level}'" if isinstance(level, str) else _kind(level)
            raise place.error(
                (*at, rule_id),
                level,
                f"'{rule_id}': {shown} is not a level; use {', '.join(LEVELS)}",
            )
        levels[_text(rule_id)] = LEVELS[level]
    return levels


def _patterns(value: Any, at: tuple, place: _Place, base: str) -> list[PathPattern]:
    return [
        PathPattern(text, base) for text in _strings(value, at, place, "a list of path patterns")
    ]


def _per_file(value: Any, at: tuple, place: _Place, base: str) -> dict[str, tuple]:
    table = _table(value, at, place, "a table of path pattern = [rule ids]")
    entries: dict[str, tuple] = {}
    for glob, rule_ids in table.items():
        ids = _rule_ids(rule_ids, (*at, glob), place, base)
        entries[_text(glob)] = (PathPattern(_text(glob), base), frozenset(ids))
    return entries


def _fail_on(value: Any, at: tuple, place: _Place, base: str) -> Severity:
    if not isinstance(value, str) or value not in FAIL_ON:
        shown = f"'{value}'" if isinstance(value, str) else _kind(value)
        raise place.error(at, value, f"{shown} is not a level; use error or warning")
    return FAIL_ON[value]


def _operation(value: Any, at: tuple, place: _Place, base: str = "") -> str:
    """An operation's API name, from its API name or its AWS CLI command name."""
    if not isinstance(value, str):
        raise place.error(at, value, f"expected an operation name, got {_kind(value)}")
    operation = find(value)
    if operation is None:
        names = [*OPERATIONS, *(known.command for known in OPERATIONS.values())]
        suggestion = closest(value, names)
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        raise place.error(at, value, f"unknown operation '{value}'{hint}")
    return operation.name


def _per_file_operation(value: Any, at: tuple, place: _Place, base: str) -> dict[str, tuple]:
    table = _table(value, at, place, "a table of path pattern = operation")
    return {
        str(glob): (PathPattern(str(glob), base), _operation(name, (*at, glob), place))
        for glob, name in table.items()
    }


def _model(value: Any, at: tuple, place: _Place, base: str) -> str:
    if not isinstance(value, str) or not value:
        raise place.error(at, value, f"expected a path or 'installed', got {_kind(value)}")
    return value if value == "installed" else os.path.join(base, value)


_VALIDATORS: dict[str, Callable[[Any, tuple, _Place, str], Any]] = {
    "select": _selected,
    "ignore": _rule_ids,
    "severity": _severity,
    "exclude": _patterns,
    "per-file-ignores": _per_file,
    "fail-on": _fail_on,
    "operation": _operation,
    "per-file-operation": _per_file_operation,
    "model": _model,
}


def _strings(value: Any, at: tuple, place: _Place, wanted: str) -> list[str]:
    if not isinstance(value, list):
        raise place.error(at, value, f"expected {wanted}, got {_kind(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise place.error((*at, index), item, f"expected {wanted}, got {_kind(item)} in it")
    return [str(item) for item in value]


def _table(value: Any, at: tuple, place: _Place, wanted: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise place.error(at, value, f"expected {wanted}, got {_kind(value)}")
    return value


def _text(key: Any) -> str:
    """A key as written: a number or a date (as the YAML reader keeps them) by its text."""
    return key.text if isinstance(key, Scalar) else str(key)


def _kind(value: Any) -> str:
    if isinstance(value, Scalar):
        return "a date" if value.kind == "date" else "a number"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _command_line(overrides: Overrides, cwd: str) -> dict[str, Any]:
    """The options' values, validated as a file's are, each named by its option in messages."""
    raw: dict[str, tuple[str, Any]] = {}
    if overrides.select:
        raw["select"] = ("--select", _split(overrides.select))
    if overrides.ignore:
        raw["ignore"] = ("--ignore", _split(overrides.ignore))
    if overrides.severity:
        raw["severity"] = ("--severity", _pairs("--severity", overrides.severity, "RULE=LEVEL"))
    if overrides.exclude:
        raw["exclude"] = ("--exclude", _split(overrides.exclude))
    if overrides.per_file_ignores:
        pairs = _pairs("--per-file-ignores", overrides.per_file_ignores, "GLOB=RULES")
        raw["per-file-ignores"] = ("--per-file-ignores", {k: _split([v]) for k, v in pairs.items()})
    if overrides.fail_on is not None:
        raw["fail-on"] = ("--fail-on", overrides.fail_on)
    return {
        key: _VALIDATORS[key](value, (key,), _Place(option), cwd)
        for key, (option, value) in raw.items()
    }


def _split(texts: Iterable[str]) -> list[str]:
    return [item.strip() for text in texts for item in text.split(",") if item.strip()]


def _pairs(option: str, texts: Iterable[str], form: str) -> dict[str, Any]:
    """`a=x,b=y` (or repeated options) as {a: x, b: y}; a comma item without `=` continues the
    previous value, so `legacy/*.json=domain-id,tag-limit` keeps both rules."""
    pairs: dict[str, list[str]] = {}
    last: str | None = None
    for item in _split(texts):
        name, equals, value = item.partition("=")
        if equals:
            last = name.strip()
            pairs.setdefault(last, []).append(value.strip())
        elif last is not None:
            pairs[last].append(item)
        else:
            raise ConfigError(option, None, f"expected {form}, got '{item}'")
    return {name: ",".join(values) for name, values in pairs.items()}


def _merge(file_values: dict[str, Any], cli_values: dict[str, Any]) -> dict[str, Any]:
    merged = dict(file_values)
    for key, value in cli_values.items():
        if isinstance(value, dict):
            merged[key] = {**merged.get(key, {}), **value}
        else:
            merged[key] = value
    return merged


def _toml_line(text: str, at: tuple, value: Any) -> int | None:
    """The line of a TOML setting, when one line alone can be it: tomllib keeps no positions,
    so look for the quoted offending value, else for the key being set."""
    lines = text.splitlines()
    candidates = []
    if isinstance(value, str):
        candidates.append(re.compile(rf"""(["']){re.escape(value)}\1"""))
    for step in reversed(at):
        if isinstance(step, str):
            candidates.append(re.compile(rf"""^\s*(["']?){re.escape(step)}\1\s*="""))
            break
    for candidate in candidates:
        found = [number for number, line in enumerate(lines, 1) if candidate.search(line)]
        if len(found) == 1:
            return found[0]
    return None
