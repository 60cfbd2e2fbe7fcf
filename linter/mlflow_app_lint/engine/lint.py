"""Lint one file's text: read its documents, run the schema and the rules, place every issue."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mlflow_app_lint.base.findings import Finding, Issue, Span, json_pointer
from mlflow_app_lint.base.limits import format_size
from mlflow_app_lint.base.positions import Lines, within
from mlflow_app_lint.checking import schema_issues as schema_check
from mlflow_app_lint.checking.rules import CHECKS
from mlflow_app_lint.engine import screen
from mlflow_app_lint.policy import apply as policy
from mlflow_app_lint.policy.catalogue import INTERNAL_ERROR
from mlflow_app_lint.policy.config import Config
from mlflow_app_lint.reading import problems as parse_rules
from mlflow_app_lint.reading.sources import decoded

if TYPE_CHECKING:  # the readers with positions are imported only for a file that is not clean
    from mlflow_app_lint.reading.documents import Document, Part


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


Fixable = Callable[["Document", "Part | None", list[Issue]], Collection[Issue]]
"""Which of a document's issues (the list given) `check --fix` would fix. The document was read
exactly; `Part` is where it was read from, if read quickly first."""


def lint_bytes(data: bytes, path: str, is_json: bool, config: Config | None = None) -> FileResult:
    result = clean_result(data, path, is_json)
    if result is None:
        from mlflow_app_lint.reading import quick
        from mlflow_app_lint.reading.documents import parse_bytes

        result = lint_documents(parse_bytes(data, is_json, quick.read), path)
    return configure(result, data, is_json, config or Config())


def clean_result(data: bytes, path: str, is_json: bool) -> FileResult | None:
    """The result of a file the screen finds clean: no finding, so no position is needed. None
    when the readers that keep positions must read it."""
    if len(data) > screen.MAX_TEXT:
        return None  # not decoded twice: read with positions from the start
    text = decoded(data, is_json)
    count = None if text is None else screen.clean_documents(text, is_json)
    return None if count is None else FileResult(path, count, (), lines=Lines(text))


def too_large(path: str, size: int | None, cap: int) -> FileResult:
    """The result of a file not read because it is over the size cap."""
    size_text = format_size(size) if size is not None else f"more than {format_size(cap)}"
    message = (
        f"the file is {size_text}, over the --max-file-size cap of {format_size(cap)}; "
        "it was not read (a request is under a kilobyte)"
    )
    span = Span(1, 1, 1, 1)
    return FileResult(
        path, 0, (_finding(path, 0, Issue(parse_rules.FILE_TOO_LARGE, message), span),)
    )


def configure(result: FileResult, data: bytes, is_json: bool, config: Config | None) -> FileResult:
    """The findings the configuration and the file's suppression comments leave reported."""
    text = policy.yaml_text(data, is_json)
    reported, suppressed = policy.apply(result.findings, result.path, text, config or Config())
    return dataclasses.replace(result, findings=reported, suppressed=suppressed)


def lint_documents(
    documents: Iterable[Document], path: str, fixable: Fixable | None = None
) -> FileResult:
    findings: list[Finding] = []
    count = 0
    lines: Sequence[str] = ()
    for document in documents:  # one at a time: a long stream never sits in memory whole
        findings.extend(_lint_document(document, path, fixable))
        # Every document of a file shares one list of lines: the one its positions were made from.
        lines = lines or document.locator.lines
        count += 1
    findings.sort(key=lambda finding: finding.sort_key)
    return FileResult(path, count, tuple(findings), lines=lines)


def _lint_document(document: Document, path: str, fixable: Fixable | None) -> Iterator[Finding]:
    part = document.part
    if part is not None and (document.problems or not document.checkable):
        document = part.exact()  # a parse problem: the exact reader says what and where
    lines = document.locator.lines
    for problem in document.problems + document.notes:
        span = within(problem.span, lines)
        yield _finding(path, document.index, problem.issue, span)
    if not document.checkable:
        return
    issues = document_issues(document)
    can_fix: Collection[Issue] = ()
    if fixable is not None and any(issue.rule.fixable for issue in issues):
        can_fix = fixable(document, part, issues)
    for issue in issues:
        if _under(issue.path, document.unread):
            continue
        span = within(document.locator.span(issue.path, issue.target), lines)
        if issue.related is not None:
            related = document.locator.span(issue.related, issue.target)
            issue = _with_related_line(issue, related.line)
        yield _finding(path, document.index, issue, span, issue in can_fix)


def document_issues(document: Document) -> list[Issue]:
    """Schema issues and custom rule issues, one per defect: a rule's explanation replaces the
    schema's generic message at the same place."""
    custom: list[Issue] = []
    replaced: set[tuple[object, str]] = set()
    if isinstance(document.data, dict):
        for module in CHECKS:
            for issue in _run_check(module, document.data):
                custom.append(issue)
                replaced.update((issue.path, rule_id) for rule_id in module.REPLACES)
    schema_issues = [
        issue
        for issue in schema_check.check(document.data)
        if (issue.path, issue.rule.id) not in replaced
    ]
    return schema_issues + custom


def _under(path: tuple, roots: frozenset) -> bool:
    # Prefixes of the path, not every root: a document may have thousands of refused values.
    return any(path[:length] in roots for length in range(len(path) + 1))


def _run_check(module, data: dict) -> list[Issue]:
    try:
        return list(module.check(data))
    except Exception as error:  # a bug in one rule must not hide the others' findings
        name = module.__name__.rsplit(".", 1)[-1]
        return [Issue(INTERNAL_ERROR, f"the {name} rules failed: {error!r}")]


def _with_related_line(issue: Issue, line: int) -> Issue:
    message = issue.message.replace("{related}", f"line {line}")
    return dataclasses.replace(issue, message=message)


def _finding(path: str, document: int, issue: Issue, span: Span, fixable: bool = False) -> Finding:
    return Finding(
        path=path,
        document=document,
        span=span,
        rule=issue.rule,
        message=issue.message,
        pointer=json_pointer(issue.path),
        severity=issue.rule.severity,
        fixable=fixable,
    )
