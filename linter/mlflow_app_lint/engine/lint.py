"""The one entry point: lint a file's text as a request of an operation.

`lint` reads the text's documents, checks each against the operation's schema and rules, places
every issue, proves the fixes, and applies the configuration and the file's suppression
comments. `check`, `--fix`, `--diff`, the language server, the fuzz targets and the tests all go
through it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from mlflow_app_lint.base.findings import Finding, Issue, Rule, Span, TextEdit, json_pointer
from mlflow_app_lint.base.limits import MAX_FINDINGS, format_size, shorten
from mlflow_app_lint.base.positions import Lines, within
from mlflow_app_lint.checking.request import INTERNAL_ERROR, is_clean, request_issues
from mlflow_app_lint.engine.results import FileResult
from mlflow_app_lint.operations import Operation
from mlflow_app_lint.policy import apply as policy
from mlflow_app_lint.policy.config import Config
from mlflow_app_lint.policy.directives import UNKNOWN_OPERATION
from mlflow_app_lint.policy.selection import Chooser, Selection, UnknownOperation, chooser
from mlflow_app_lint.reading import problems
from mlflow_app_lint.reading.decoding import NotText, decode
from mlflow_app_lint.reading.plain import plain_documents
from mlflow_app_lint.reading.sources import is_json_name

if TYPE_CHECKING:  # the readers with positions are imported only for a file that is not clean
    from mlflow_app_lint.reading.documents import Document, Part


def lint(
    source: str | bytes,
    *,
    path: str,
    operation: Operation | None = None,
    config: Config | None = None,
    is_json: bool | None = None,
) -> FileResult:
    """Every finding of one file (its text, or its bytes as read), as the configuration and the
    file's suppression comments leave them; a fixable finding carries its proven edits. JSON or
    YAML is told by the path's suffix unless `is_json` says. Each document is linted as the
    operation `selection` chooses for it, `operation` standing for `--operation`."""
    config = config or Config()
    if is_json is None:
        is_json = is_json_name(path)
    text = decode(source, is_json) if isinstance(source, bytes) else source
    if isinstance(text, NotText):
        from mlflow_app_lint.reading.documents import not_text_document

        assert isinstance(source, bytes)
        choose = chooser(None, path, config, operation)[0]
        result = place([not_text_document(source, text)], path, choose)
        return _configured(result, None, config)
    yaml_text = None if is_json else text
    choose, unknown = chooser(yaml_text, path, config, operation)
    result = _clean(text, path, is_json, choose) or _unscreened(
        text, path, is_json, choose, config.enabled
    )
    if unknown:
        result = _with_unknown_operations(result, unknown)
    return _configured(result, yaml_text, config)


def too_large(path: str, size: int | None, cap: int) -> FileResult:
    """The result of a file not read because it is over the size cap."""
    size_text = format_size(size) if size is not None else f"more than {format_size(cap)}"
    message = (
        f"the file is {size_text}, over the --max-file-size cap of {format_size(cap)}; "
        "it was not read (a request is under a kilobyte)"
    )
    issue = Issue(problems.FILE_TOO_LARGE, message)
    return FileResult(path, 0, (_finding(path, 0, issue, Span(1, 1, 1, 1)),))


def crashed(path: str, error: Exception) -> FileResult:
    """The result of a file that mlflow-app-lint failed on: an internal-error for it, so that
    the run goes on and reports the others."""
    message = (
        f"mlflow-app-lint failed on this file ({shorten(repr(error), 200)}); it was not checked, "
        "the other files were. Please report it with the file"
    )
    issue = Issue(INTERNAL_ERROR, message)
    return FileResult(path, 0, (_finding(path, 0, issue, Span(1, 1, 1, 1)),))


def screen(text: str, is_json: bool, choose: Chooser) -> tuple[Selection, ...] | None:
    """The operation of each document of a text that surely has nothing to report, read without
    positions (`reading.plain`): a clean file needs none. None when a document may have
    something to report, or when the plain readers cannot vouch for the text."""
    documents = plain_documents(text, is_json)
    # A stream of several documents is itself a finding (multi-document).
    if documents is None or len(documents) > 1:
        return None
    selections = tuple(choose(index, data) for index, data in enumerate(documents))
    if not all(map(is_clean, documents, (s.operation for s in selections))):
        return None
    return selections


def _clean(text: str, path: str, is_json: bool, choose: Chooser) -> FileResult | None:
    selections = screen(text, is_json, choose)
    if selections is None:
        return None
    return FileResult(path, len(selections), (), lines=Lines(text), selections=selections)


def _unscreened(
    text: str, path: str, is_json: bool, choose: Chooser, enabled: Callable[[Rule], bool]
) -> FileResult:
    # The readers with positions, and the fixes' proof, are imported for the first file with
    # something to report: a run of clean files starts without them.
    from mlflow_app_lint.reading import quick

    # Read quickly and streamed (memory holds a document); fixes are proven only where needed.
    return place(quick.read(text, is_json), path, choose, True, enabled)


def _with_unknown_operations(result: FileResult, unknown: list[UnknownOperation]) -> FileResult:
    issues = [(item, Issue(UNKNOWN_OPERATION, item.message)) for item in unknown]
    found = [_finding(result.path, item.document, issue, item.span) for item, issue in issues]
    findings = tuple(sorted(result.findings + tuple(found), key=lambda f: f.sort_key))
    return dataclasses.replace(result, findings=findings)


def _configured(result: FileResult, yaml_text: str | None, config: Config | None) -> FileResult:
    """The findings the configuration and the file's suppression comments leave reported."""
    reported, suppressed = policy.apply(result.findings, result.path, yaml_text, config or Config())
    return dataclasses.replace(result, findings=reported, suppressed=suppressed)


def place(
    documents: Iterable[Document],
    path: str,
    choose: Chooser,
    prove: bool = False,
    enabled: Callable[[Rule], bool] = lambda rule: True,
) -> FileResult:
    """The findings of documents read with positions (before configuration: only the rules
    `enabled` keeps are kept), each fixable one with its proven edits when `prove` is set. `lint`
    reads with `quick.read`; tests give the exact reader's documents too, to compare. Past
    MAX_FINDINGS, the rest of the file is not checked."""
    findings: list[Finding] = []
    selections: list[Selection] = []
    lines: Sequence[str] = ()
    for document in documents:  # one at a time: a long stream never sits in memory whole
        part = document.part  # where a quick reading read it, kept to prove its fixes there
        document = document.exact_where_needed()
        selection = choose(document.index, document.data)
        found = _document_findings(document, part, path, selection, prove)
        findings.extend(finding for finding in found if enabled(finding.rule))
        selections.append(selection)
        # Every document of a file shares one list of lines: the one its positions were made from.
        lines = lines or document.locator.lines
        if len(findings) > MAX_FINDINGS:
            findings.append(_too_many_findings(path, document.index, findings[-1].span))
            break
    findings.sort(key=lambda finding: finding.sort_key)
    return FileResult(
        path, len(selections), tuple(findings), lines=lines, selections=tuple(selections)
    )


def _document_findings(
    document: Document, part: Part | None, path: str, selection: Selection, prove: bool
) -> Iterator[Finding]:
    operation = selection.operation
    lines = document.locator.lines
    for problem in document.problems + document.notes:
        span = within(problem.span, lines)
        yield _finding(path, document.index, problem.issue, span, operation)
    if not document.checkable:
        return
    issues = request_issues(document.data, operation)
    fixes: Mapping[Issue, tuple[TextEdit, ...]] = {}
    provable = prove and part is not None and not document.amplified
    if provable and any(issue.fix is not None for issue in issues):
        from mlflow_app_lint.fixing.proof import proven_fixes  # only for a file with a fix

        fixes = proven_fixes(document, part, issues, operation)
    for issue in issues:
        if _under(issue.path, document.unread):
            continue
        span = within(document.locator.span(issue.path, issue.target), lines)
        edits = fixes.get(issue, ())
        related = None
        if issue.related is not None:
            related = within(document.locator.span(issue.related, issue.target), lines)
            issue = _with_related_line(issue, related.line)
        yield _finding(path, document.index, issue, span, operation, edits, related)


def _too_many_findings(path: str, document: int, span: Span) -> Finding:
    message = (
        f"more than {MAX_FINDINGS:,} findings: the rest of the file was not checked; fix these, "
        "then lint it again"
    )
    return _finding(path, document, Issue(problems.TOO_MANY_FINDINGS, message), span)


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
    operation: Operation | None = None,
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
        operation=operation.name if operation is not None else None,
        related=related,
    )
