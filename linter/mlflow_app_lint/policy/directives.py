"""Directive comments in YAML request files, found by ruamel.yaml's own scanner: suppressions,
and the operation a document is for (read in `selection`).

    # mlflow-app-lint: operation=UpdateMlflowApp
    Name: 2024  # mlflow-app-lint: disable=invalid-type -- the reason, if you like
    # mlflow-app-lint: disable-next-line=domain-id,duplicate-domain-id
    # mlflow-app-lint: disable-file=maintenance-window

The scanner decides what a comment is, exactly as it does when it reads the request: a `#` inside
a quoted scalar, a plain scalar (`a#b`) or a block scalar's text is not a comment, and a comment
after a block scalar or in its header is. A regular expression over raw lines cannot know that.
Only named rules can be suppressed; a malformed directive or an unknown rule id is an
`invalid-suppression` finding, so a typo never silently stops suppressing (or hides) anything.
"""

from __future__ import annotations

import bisect
import enum
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mlflow_app_lint.base.findings import Rule, Severity, Span
from mlflow_app_lint.base.rule_examples import REQUEST
from mlflow_app_lint.base.words import closest

MARKER = "mlflow-app-lint"
_DIRECTIVE = re.compile(
    r"#\s*mlflow-app-lint\s*:\s*(?P<kind>[\w-]+)\s*=\s*"
    r"(?P<ids>[^\s,]+(?:\s*,\s*[^\s,]+)*)\s*(?:--.*)?$"
)
_ATTEMPT = re.compile(r"#\s*mlflow-app-lint(\s*:|\s+(disable|enable))")
OPERATION = re.compile(r"#\s*mlflow-app-lint\s*:\s*operation\s*=\s*(?P<name>\S*)\s*$")
"""The operation comment; `selection` reads it, and it is no malformed suppression."""
"""A comment meant as a directive, even a malformed one (`# mlflow-app-lint check x` is not)."""
_RULE_ID = re.compile(r"[^\s,]+")

UNKNOWN_OPERATION = Rule(
    "unknown-operation",
    Severity.ERROR,
    "An operation comment that names no operation of the SageMaker MLflow family.",
    "`# mlflow-app-lint: operation=NAME` says which request a document is: NAME is an API name "
    "(UpdateMlflowApp) or an AWS CLI command name (update-mlflow-app); "
    "`mlflow-app-lint operations` lists them. With an unknown name, the document is linted as "
    "the rest of the setup says (the option, the configuration, the file name, its members).",
    bad="# mlflow-app-lint: operation=UpdateMlflowAp\n" + REQUEST,
    good="# mlflow-app-lint: operation=CreateMlflowApp\n" + REQUEST,
)
INVALID_SUPPRESSION = Rule(
    "invalid-suppression",
    Severity.ERROR,
    "A suppression comment that is malformed or names an unknown rule.",
    "A comment starting `# mlflow-app-lint` must read `disable=`, `disable-next-line=` or "
    "`disable-file=` followed by rule ids separated by commas (and optionally ` -- a reason`). "
    "There is no blanket disable: a comment names what it suppresses. A misspelt directive or rule "
    "id would otherwise suppress nothing without anyone noticing, so it is reported. `disable=` "
    "belongs at the end of the line it suppresses and `disable-next-line=` on a line of its own. "
    "Rules that say a file could not be checked (syntax-error, ...) cannot be suppressed.",
    bad=(
        "Name: my-app\n"
        "ArtifactStoreUri: s3://bucket/path  # mlflow-app-lint: disable=pattern-mismatc\n"
        "RoleArn: arn:aws:iam::123456789012:role/r\n"
    ),
    good=(
        "Name: my-app\n"
        "ArtifactStoreUri: s3://bucket/path\n"
        "RoleArn: arn:aws:iam::123456789012:role/r\n"
    ),
)
UNUSED_SUPPRESSION = Rule(
    "unused-suppression",
    Severity.WARNING,
    "A suppression comment that suppressed nothing.",
    "A suppression outlives the defect it was written for: the value gets fixed, the line moves, "
    "the rule is turned off in the configuration. A stale comment would then hide the next real "
    "defect on that line, so every rule id of a comment that suppressed no finding is reported "
    "(as ruff reports unused `noqa`). Remove it, or move it to where the finding is.",
    bad=(
        "Name: my-app  # mlflow-app-lint: disable=invalid-type\n"
        "ArtifactStoreUri: s3://bucket/path\n"
        "RoleArn: arn:aws:iam::123456789012:role/r\n"
    ),
    good=(
        "Name: my-app\n"
        "ArtifactStoreUri: s3://bucket/path\n"
        "RoleArn: arn:aws:iam::123456789012:role/r\n"
    ),
)
ALL = (INVALID_SUPPRESSION, UNUSED_SUPPRESSION, UNKNOWN_OPERATION)


class Scope(enum.Enum):
    LINE = "disable"
    NEXT_LINE = "disable-next-line"
    FILE = "disable-file"


@dataclass(frozen=True)
class Directive:
    """One suppression comment: the document it is in, the line it covers, and its rule ids."""

    document: int
    scope: Scope
    line: int
    """The 1-based line whose findings it suppresses (unused for disable-file)."""
    rule_ids: tuple[tuple[str, Span], ...]
    """Each named rule id with its place in the comment (for unused-suppression)."""


@dataclass(frozen=True)
class Malformed:
    """A comment that tries to be a directive and is not one."""

    document: int
    span: Span
    message: str
    rule_id: str | None = None
    """The unknown or unsuppressable rule id, when only that part is wrong."""


@dataclass(frozen=True)
class Comment:
    text: str
    line: int  # 0-based, as the scanner counts
    column: int


@functools.cache
def _comment_scanner() -> type:
    """ruamel's round-trip scanner, keeping every comment it passes with its position (made when
    first wanted: a run whose files hold no suppression comment loads none of ruamel.yaml)."""
    from ruamel.yaml.scanner import RoundTripScanner

    class CommentScanner(RoundTripScanner):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.seen: list[Comment] = []

        def scan_to_next_token(self) -> Any:
            comment = super().scan_to_next_token()
            if comment is not None and comment[0].startswith("#"):
                value, start, _ = comment
                self.seen.append(Comment(value.splitlines()[0], start.line, start.column))
            return comment

        def scan_block_scalar_ignored_line(self, start_mark: Any) -> Any:
            # A block scalar's header comment (`key: |  # ...`) is read here, not as a token.
            mark = self.reader.get_mark()
            comment = super().scan_block_scalar_ignored_line(start_mark)
            if comment is not None:
                indent = len(comment) - len(comment.lstrip(" "))
                self.seen.append(Comment(comment.lstrip(" "), mark.line, mark.column + indent))
            return comment

    return CommentScanner


def find(text: str, known: dict[str, Rule]) -> tuple[list[Directive], list[Malformed]]:
    """Every suppression directive of a YAML text, and every malformed one."""
    if MARKER not in text:
        return [], []
    comments, starts = scan(text)
    lines = text.splitlines()
    directives: list[Directive] = []
    malformed: list[Malformed] = []
    for comment in comments:
        if not _ATTEMPT.match(comment.text) or OPERATION.match(comment.text):
            continue
        document = document_of(comment, starts)
        for item in _read(comment, document, lines, known):
            (directives if isinstance(item, Directive) else malformed).append(item)
    return directives, malformed


def document_of(comment: Comment, starts: list[tuple[int, int]]) -> int:
    """The index of the document a comment belongs to (`starts` as `scan` gives them): those
    that start at or before it, less the first (bisection: a stream of many documents with a
    comment each costs no more than its length)."""
    return max(bisect.bisect_right(starts, (comment.line, comment.column)) - 1, 0)


@functools.lru_cache(maxsize=2)
def scan(text: str) -> tuple[list[Comment], list[tuple[int, int]]]:
    """The comments, and where each document begins: at its start, or right after the `...`
    that ended the one before (comments between `...` and `---` belong to the next one).
    Remembered for the last texts: suppressions and the operation comment read the same."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import DocumentEndEvent, DocumentStartEvent

    yaml = YAML(typ="rt", pure=True)
    yaml.Scanner = _comment_scanner()
    starts: list[tuple[int, int]] = []
    ended_at: tuple[int, int] | None = None
    try:
        for event in yaml.parse(text):
            if isinstance(event, DocumentStartEvent):
                mark = event.start_mark
                starts.append(ended_at or (mark.line, mark.column))
                ended_at = None
            elif isinstance(event, DocumentEndEvent) and event.explicit:
                ended_at = (event.end_mark.line, event.end_mark.column)
    except YAMLError:
        pass  # a syntax error is reported by the reader; the comments before it still count
    return yaml.scanner.seen, starts


def _read(
    comment: Comment, document: int, lines: list[str], known: dict[str, Rule]
) -> Iterator[Directive | Malformed]:
    line = comment.line + 1
    whole = Span(line, comment.column + 1, line, comment.column + 1 + len(comment.text))
    match = _DIRECTIVE.match(comment.text.rstrip())
    kinds = {scope.value: scope for scope in Scope}
    if match is None or match["kind"] not in kinds:
        yield Malformed(
            document,
            whole,
            "not a suppression: write '# mlflow-app-lint: disable=RULE[,RULE...]' (or "
            "disable-next-line= or disable-file=), naming the rules to suppress",
        )
        return
    scope = kinds[match["kind"]]
    alone = not lines[comment.line][: comment.column].strip()
    if scope is Scope.LINE and alone:
        yield Malformed(
            document,
            whole,
            "'disable=' suppresses findings on its own line, and this line has nothing else; "
            "use 'disable-next-line=' to suppress the next line",
        )
        return
    if scope is Scope.NEXT_LINE and not alone:
        yield Malformed(
            document,
            whole,
            "'disable-next-line=' belongs on a line of its own, above the line it suppresses; "
            "use 'disable=' to suppress this line",
        )
        return
    rule_ids: list[tuple[str, Span]] = []
    named: set[str] = set()
    for found in _RULE_ID.finditer(match["ids"]):
        rule_id = found.group()
        column = comment.column + match.start("ids") + found.start() + 1
        span = Span(line, column, line, column + len(rule_id))
        problem = _unsuppressable(rule_id, known)
        if problem:
            yield Malformed(document, span, problem, rule_id)
        elif rule_id not in named:
            named.add(rule_id)
            rule_ids.append((rule_id, span))
    if rule_ids:
        target = line + 1 if scope is Scope.NEXT_LINE else line
        yield Directive(document, scope, target, tuple(rule_ids))


def _unsuppressable(rule_id: str, known: dict[str, Rule]) -> str | None:
    rule = known.get(rule_id)
    if rule is None:
        suggestion = closest(rule_id, known)
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        return f"unknown rule '{rule_id}'{hint}"
    if rule.locked:
        return f"'{rule_id}' cannot be suppressed: it says the file could not be checked"
    if rule in ALL:
        return f"'{rule_id}' cannot be suppressed by a comment; turn it off in the configuration"
    return None
