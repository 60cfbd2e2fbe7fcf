"""Report formats, by the name `--format` takes."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Protocol

from mlflow_app_lint.reporting.options import ReportOptions

if TYPE_CHECKING:
    from mlflow_app_lint.engine.results import Report


class Reporter(Protocol):
    def __init__(self, options: ReportOptions) -> None: ...

    def render(self, report: Report) -> str: ...


class _Formats(Mapping[str, "type[Reporter]"]):
    """Format name -> reporter class, each module imported when its format is asked for: a run
    pays for the one format it writes (XML for JUnit, say, is a slow import)."""

    def __init__(self, classes: dict[str, str]) -> None:
        self._classes = classes

    def __getitem__(self, name: str) -> type[Reporter]:
        module, _, class_name = self._classes[name].rpartition(".")
        return getattr(importlib.import_module(module, __name__), class_name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._classes)

    def __len__(self) -> int:
        return len(self._classes)


REPORTERS: Mapping[str, type[Reporter]] = _Formats(
    {
        "text": ".text.TextReporter",
        "json": ".json_format.JsonReporter",
        "sarif": ".sarif.SarifReporter",
        "junit": ".junit.JunitReporter",
        "github": ".github.GithubReporter",
        "gitlab": ".gitlab.GitlabReporter",
    }
)

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(rendered: str) -> str:
    """A rendered report as UTF-8 can carry it: a lone surrogate (a JSON member name such as
    "\\ud800" holds one) written as the escape \\ud800, which in a JSON report is the JSON escape
    of that very surrogate, and in a text report its spelling."""
    if not LONE_SURROGATE.search(rendered):
        return rendered
    return LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", rendered)


__all__ = ["REPORTERS", "ReportOptions", "Reporter", "encodable"]
