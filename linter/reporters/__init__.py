"""Report formats, by the name `--format` takes."""

from __future__ import annotations

from typing import Protocol

from ..run import Report
from .github import GithubReporter
from .gitlab import GitlabReporter
from .json_format import JsonReporter
from .junit import JunitReporter
from .options import ReportOptions
from .sarif import SarifReporter
from .text import TextReporter


class Reporter(Protocol):
    def __init__(self, options: ReportOptions) -> None: ...

    def render(self, report: Report) -> str: ...


REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "junit": JunitReporter,
    "github": GithubReporter,
    "gitlab": GitlabReporter,
}
