"""The vocabulary shared by every part: rules, positionless issues, and located findings."""

from __future__ import annotations

import enum
from dataclasses import dataclass

Path = tuple[str | int, ...]
"""A location inside a request: mapping keys and sequence indexes from the root."""


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Target(enum.Enum):
    """Which part of the source an issue points at."""

    VALUE = "value"
    KEY = "key"
    # A member that is not there: the pointer names it, the position is the mapping lacking it.
    MISSING = "missing"


@dataclass(frozen=True)
class Rule:
    """A rule's identity and documentation; the single source for every listing of rules."""

    id: str
    severity: Severity
    summary: str
    """One line: what the rule finds."""
    rationale: str
    """What it checks in detail and why: the API's constraint or the AWS behaviour behind it."""
    bad: str | None = None
    """A request file that breaks the rule (only this rule); checked by a test."""
    good: str | None = None
    """The same request written correctly (no finding at all); checked by a test."""
    fixable: bool = False
    """True when `check --fix` can correct some of its findings (only where the right value is
    certain)."""
    locked: bool = False
    """Says a file (or part of it) could not be checked at all: configuration and suppression
    comments cannot disable or demote it, or an unreadable file would pass unchecked."""


class Edit(enum.Enum):
    """What a fix does to the request, said without file positions."""

    REPLACE_VALUE = "replace-value"  # the scalar at the path becomes the string `text`
    RENAME_KEY = "rename-key"  # the member at the path is renamed to `text`
    REMOVE_ITEM = "remove-item"  # the list item at the path is removed


@dataclass(frozen=True)
class Fix:
    """A correction whose right value is certain; the fixer turns it into an exact text edit."""

    edit: Edit
    path: Path
    text: str | None = None

    @classmethod
    def replace_value(cls, path: Path, text: str) -> Fix:
        return cls(Edit.REPLACE_VALUE, path, text)

    @classmethod
    def rename_key(cls, path: Path, name: str) -> Fix:
        return cls(Edit.RENAME_KEY, path, name)

    @classmethod
    def remove_item(cls, path: Path) -> Fix:
        return cls(Edit.REMOVE_ITEM, path)


@dataclass(frozen=True)
class TextEdit:
    """Replace text[start:end] (character offsets in the file's text) with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Issue:
    """What a check found, before it is placed in a file."""

    rule: Rule
    message: str
    path: Path = ()
    target: Target = Target.VALUE
    related: Path | None = None
    """Another location the message refers to; `{related}` in the message becomes its line."""
    suggestion: str | None = None
    """The value or name the user most likely meant, when the issue has one."""
    fix: Fix | None = None
    """The certain correction, when there is one."""


@dataclass(frozen=True)
class Span:
    """1-based line and column of the first character, and of the position after the last."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Finding:
    """An issue placed in a file and a document of it."""

    path: str
    document: int
    span: Span
    rule: Rule
    message: str
    pointer: str
    severity: Severity
    suppression: str | None = None
    """What suppressed this finding (a comment or per-file-ignores); None when it is reported."""
    fix: Fix | None = None
    """What the proven fix does, said without positions (None when there is none)."""
    operation: str | None = None
    """The API name of the operation the document was linted as (None: not read as one)."""
    edits: tuple[TextEdit, ...] = ()
    """The fix, proven safe, as edits of the file's text: what `check --fix` writes (and an
    editor's quick fix). Empty when the finding has no certain fix."""
    related: Span | None = None
    """The earlier place the message refers to (the first of two duplicates), when it has one."""

    @property
    def fixable(self) -> bool:
        return bool(self.edits)

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.document, self.span.line, self.span.column, self.rule.id)


def json_pointer(path: Path) -> str:
    """RFC 6901 pointer of a path ("" for the root)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)
