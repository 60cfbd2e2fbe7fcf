"""The one entry point: lint a file's text as a request of an operation.

`lint` reads the text's documents, checks each against the operation's schema and rules, places
every issue, proves the fixes, and applies the configuration and the file's suppression
comments. `check`, `--fix`, `--diff`, the language server, the fuzz targets and the tests all go
through it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from mlflow_app_lint.base.findings import Finding, Issue, Span, TextEdit, json_pointer
from mlflow_app_lint.base.limits import format_size
from mlflow_app_lint.base.positions import Lines, within
from mlflow_app_lint.checking.request import is_clean, request_issues
from mlflow_app_lint.engine.results import FileResult
from mlflow_app_lint.operations import DEFAULT, Operation
from mlflow_app_lint.policy import apply as policy
from mlflow_app_lint.policy.config import Config
from mlflow_app_lint.reading import problems
from mlflow_app_lint.reading.decoding import NotText, decode
from mlflow_app_lint.reading.plain import plain_documents
from mlflow_app_lint.reading.sources import is_json_name

if TYPE_CHECKING:  # the readers with positions are imported only for a file that is not clean
    from mlflow_app_lint.fixing.proof import Proof
    from mlflow_app_lint.reading.documents import Document


def lint(
    source: str | bytes,
    *,
    path: str,
    operation: Operation = DEFAULT,
    config: Config | None = None,
    is_json: bool | None = None,
) -> FileResult:
    """Every finding of one file (its text, or its bytes as read), as the configuration and the
    file's suppression comments leave them; a fixable finding carries its proven edits. JSON or
    YAML is told by the path's suffix unless `is_json` says."""
    if is_json is None:
        is_json = is_json_name(path)
    text = decode(source) if isinstance(source, bytes) else source
    if isinstance(text, NotText):
        from mlflow_app_lint.reading.documents import not_text_document

        assert isinstance(source, bytes)
        result = place([not_text_document(source, text)], path, operation)
        return _configured(result, None, config)
    result = _clean(text, path, is_json, operation) or _unscreened(text, path, is_json, operation)
    return _configured(result, None if is_json else text, config)


def too_large(path: str, size: int | None, cap: int) -> FileResult:
    """The result of a file not read because it is over the size cap."""
    size_text = format_size(size) if size is not None else f"more than {format_size(cap)}"
    message = (
        f"the file is {size_text}, over the --max-file-size cap of {format_size(cap)}; "
        "it was not read (a request is under a kilobyte)"
    )
    issue = Issue(problems.FILE_TOO_LARGE, message)
    return FileResult(path, 0, (_finding(path, 0, issue, Span(1, 1, 1, 1)),))


def screen(text: str, is_json: bool, operation: Operation) -> int | None:
    """The number of documents of a text that surely has nothing to report, read without
    positions (`reading.plain`): a clean file needs none. None when a document may have
    something to report, or when the plain readers cannot vouch for the text."""
    documents = plain_documents(text, is_json)
    if documents is None or not all(is_clean(data, operation) for data in documents):
        return None
    return len(documents)


def _clean(text: str, path: str, is_json: bool, operation: Operation) -> FileResult | None:
    count = screen(text, is_json, operation)
    return None if count is None else FileResult(path, count, (), lines=Lines(text))


def _unscreened(text: str, path: str, is_json: bool, operation: Operation) -> FileResult:
    # The readers with positions, and the fixes' proof, are imported for the first file with
    # something to report: a run of clean files starts without them.
    from mlflow_app_lint.fixing.proof import Proof
    from mlflow_app_lint.reading import quick

    # Read quickly and streamed (memory holds a document); fixes are proven only where needed.
    proof = Proof(text, is_json, operation)
    return place(quick.read(text, is_json), path, operation, proof)


def _configured(result: FileResult, yaml_text: str | None, config: Config | None) -> FileResult:
    """The findings the configuration and the file's suppression comments leave reported."""
    reported, suppressed = policy.apply(result.findings, result.path, yaml_text, config or Config())
    return dataclasses.replace(result, findings=reported, suppressed=suppressed)


def place(
    documents: Iterable[Document], path: str, operation: Operation, proof: Proof | None = None
) -> FileResult:
    """The findings of documents read with positions (before configuration), each fixable one
    with its edits when `proof` is given. `lint` reads with `quick.read`; tests give the exact
    reader's documents too, to compare."""
    findings: list[Finding] = []
    count = 0
    lines: Sequence[str] = ()
    for document in documents:  # one at a time: a long stream never sits in memory whole
        findings.extend(_document_findings(document, path, operation, proof))
        # Every document of a file shares one list of lines: the one its positions were made from.
        lines = lines or document.locator.lines
        count += 1
    findings.sort(key=lambda finding: finding.sort_key)
    return FileResult(path, count, tuple(findings), lines=lines)


def _document_findings(
    document: Document, path: str, operation: Operation, proof: Proof | None
) -> Iterator[Finding]:
    part = document.part
    document = document.exact_where_needed()
    lines = document.locator.lines
    for problem in document.problems:
        yield _finding(path, document.index, problem.issue, within(problem.span, lines))
    if not document.checkable:
        return
    issues = request_issues(document.data, operation)
    fixes: Mapping[Issue, tuple[TextEdit, ...]] = {}
    if proof is not None and any(issue.fix is not None for issue in issues):
        fixes = proof(document, part, issues)
    for issue in issues:
        if _under(issue.path, document.unread):
            continue
        span = within(document.locator.span(issue.path, issue.target), lines)
        edits = fixes.get(issue, ())
        related = None
        if issue.related is not None:
            related = within(document.locator.span(issue.related, issue.target), lines)
            issue = _with_related_line(issue, related.line)
        yield _finding(path, document.index, issue, span, edits, related)


def _under(path: tuple, roots: Collection) -> bool:
    # Prefixes of the path, not every root: a document may have thousands of refused values.
    return any(path[:length] in roots for length in range(len(path) + 1))


def _with_related_line(issue: Issue, line: int) -> Issue:
    message = issue.message.replace("{related}", f"line {line}")
    return dataclasses.replace(issue, message=message)


def _finding(
    path: str,
    document: int,
    issue: Issue,
    span: Span,
    edits: tuple[TextEdit, ...] = (),
    related: Span | None = None,
) -> Finding:
    return Finding(
        path=path,
        document=document,
        span=span,
        rule=issue.rule,
        message=issue.message,
        pointer=json_pointer(issue.path),
        severity=issue.rule.severity,
        fix=issue.fix if edits else None,
        edits=edits,
        related=related,
    )
