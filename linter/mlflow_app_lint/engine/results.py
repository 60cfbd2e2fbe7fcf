"""What a run found: plain data that the reports read (no behaviour, so reporters depend on
nothing but this)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mlflow_app_lint.base.findings import Finding, Severity
from mlflow_app_lint.policy.selection import Selection
from mlflow_app_lint.reading.sources import Unreadable


@dataclass(frozen=True)
class FileResult:
    path: str
    documents: int
    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...] = ()
    """Findings a suppression comment or per-file-ignores set aside (for --show-suppressed)."""
    lines: Sequence[str] = field(default=(), repr=False)
    """The text the findings were placed in, so that reports can quote it without reading the
    file again (standard input cannot be read twice, and a file may change in between)."""
    selections: tuple[Selection, ...] = ()
    """Each document's operation, and why it was chosen."""


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
