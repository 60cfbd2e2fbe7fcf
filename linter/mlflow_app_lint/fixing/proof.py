"""Safe autofix: apply the certain fixes rules propose, and prove each one did only that.

A fix is applied only when all of these hold after its edits:
- the file still reads, into the same number of documents, with no new parse problem;
- each document's data is exactly its old data with the fix applied (a renamed key, a replaced
  value, a removed item) and nothing else changed;
- no new error appears. A renamed member's value was never checked before (the value of an
  unknown member is not validated), so findings inside it are revealed by the fix, not made by it.
Each fix is proven alone as its document is linted (`proven_fixes`); fixes applied together in one
pass of `check --fix` are proven together again (`proven_together`).
Only documents without parse problems are fixed. The bytes outside the edited spans, the UTF-8
byte-order mark and the line endings are kept exactly.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mlflow_app_lint.base.findings import Edit, Fix, Issue, Path, Severity, TextEdit
from mlflow_app_lint.checking.request import Checked, request_issues
from mlflow_app_lint.fixing.edits import apply, overlap, text_edits
from mlflow_app_lint.reading import quick
from mlflow_app_lint.reading.documents import Document, Part, parse

OperationOf = Callable[[int, Any], Checked]
"""The operation a document is checked as, from its index in the file and its data."""

ErrorKey = tuple[str, Path]
"""An error's rule id and path: the identity that tells a new error from an old one."""


@dataclass(frozen=True)
class Candidate:
    """A fix proposed for one document of a text, with the edits that carry it out there, and
    the issue that proposed it (when known)."""

    document: int
    fix: Fix
    edits: tuple[TextEdit, ...]
    issue: Issue | None = None


def proven_fixes(
    document: Document, part: Part, issues: list[Issue], operation: Checked
) -> dict[Issue, tuple[TextEdit, ...]]:
    """The fixes of `issues` (those of `document`, checked as `operation`) that are proven safe,
    with their edits in the file's text. Each is proven on the document's own part of the file
    (a stream's documents are independent), where the document is document 0: its marks count
    in the whole text, so the edits are moved to the part's, and back."""
    alone = dataclasses.replace(document, index=0)
    state = _State(part.source, part.is_json, lambda *_: operation, [alone], [issues])
    return {
        candidate.issue: _moved_by(candidate.edits, part.start)
        for candidate in _candidates(state, part)
        if _acceptable(state, [candidate])
    }


def proven_together(
    text: str, is_json: bool, operation: Checked, fixes: list[tuple[Fix, tuple[TextEdit, ...]]]
) -> bool:
    """Whether fixes of a one-document text, proven one by one, are also safe together."""
    state = _State(text, is_json, lambda *_: operation)
    return _acceptable(state, [Candidate(0, fix, edits) for fix, edits in fixes])


def without_overlaps(edits: list[tuple[TextEdit, ...]]) -> list[int]:
    """The indexes of the edit groups kept, in order, when each overlapping a kept one is left."""
    kept: list[int] = []
    for index, group in enumerate(edits):
        if not any(overlap(group, edits[other]) for other in kept):
            kept.append(index)
    return kept


def _moved_by(edits: tuple[TextEdit, ...], shift: int) -> tuple[TextEdit, ...]:
    return tuple(TextEdit(edit.start + shift, edit.end + shift, edit.text) for edit in edits)


class _State:
    """One text, read once: its documents and the errors found in each."""

    def __init__(
        self,
        text: str,
        is_json: bool,
        operation_of: OperationOf,
        documents: list[Document] | None = None,
        issues: list[list[Issue]] | None = None,
    ) -> None:
        """`issues`, when known, are those of `documents`."""
        self.text = text
        self.is_json = is_json
        self.operation_of = operation_of
        self.documents = list(parse(text, is_json)) if documents is None else documents
        self.issues = (
            [
                request_issues(document.data, operation_of(document.index, document.data))
                if document.checkable
                else []
                for document in self.documents
            ]
            if issues is None
            else issues
        )
        self.errors = [_error_keys(document, issues) for document, issues in self.pairs()]

    def pairs(self) -> Iterable[tuple[Document, list[Issue]]]:
        return zip(self.documents, self.issues, strict=True)


def _error_keys(document: Document, issues: list[Issue]) -> set[ErrorKey]:
    found = [problem.issue for problem in document.problems] + issues
    return {(issue.rule.id, issue.path) for issue in found if issue.rule.severity is Severity.ERROR}


def _candidates(state: _State, part: Part | None = None) -> list[Candidate]:
    """The fixes proposed in the state's documents; with `part`, the documents' marks count in
    the part's whole text, of which `state.text` is the part."""
    text, shift = (part.text, part.start) if part is not None else (state.text, 0)
    candidates: list[Candidate] = []
    for document, issues in state.pairs():
        if document.problems or not document.checkable:
            continue  # a duplicate key or an unknown tag: what the data is, is not certain
        seen: set[Fix] = set()
        for issue in issues:
            if issue.fix is None or issue.fix in seen:
                continue
            seen.add(issue.fix)
            edits = text_edits(issue.fix, document.locator, text, state.is_json)
            if edits:
                moved = tuple(TextEdit(e.start - shift, e.end - shift, e.text) for e in edits)
                candidates.append(Candidate(document.index, issue.fix, moved, issue))
    return candidates


def _acceptable(state: _State, chosen: list[Candidate]) -> bool:
    if not chosen:
        return True
    text = apply(state.text, [edit for candidate in chosen for edit in candidate.edits])
    documents = [document.exact_where_needed() for document in quick.read(text, state.is_json)]
    after = _State(text, state.is_json, state.operation_of, documents)
    if len(after.documents) != len(state.documents):
        return False
    for index, (before, now) in enumerate(zip(state.documents, after.documents, strict=True)):
        fixes = [candidate.fix for candidate in chosen if candidate.document == index]
        if len(now.problems) > len(before.problems) or now.checkable != before.checkable:
            return False
        if now.data != _fixed_data(before.data, fixes):
            return False
        if _new_errors(state.errors[index], after.errors[index], fixes):
            return False
    return True


def _fixed_data(data: Any, fixes: list[Fix]) -> Any:
    """What the data must be after the fixes: renames and replacements, then removals from the
    last item back, so that every path still means what it meant before."""
    data = copy.deepcopy(data)
    removals = sorted((fix for fix in fixes if fix.edit is Edit.REMOVE_ITEM), key=_path_order)
    for fix in [fix for fix in fixes if fix.edit is not Edit.REMOVE_ITEM] + removals[::-1]:
        container = data
        for part in fix.path[:-1]:
            container = container[part]
        last = fix.path[-1]
        if fix.edit is Edit.REPLACE_VALUE:
            container[last] = fix.text
        elif fix.edit is Edit.RENAME_KEY:
            container[fix.text] = container.pop(last)
        else:
            del container[last]
    return data


def _path_order(fix: Fix) -> tuple[str, ...]:
    return tuple(f"{part:010d}" if isinstance(part, int) else part for part in fix.path)


def _new_errors(before: set[ErrorKey], after: set[ErrorKey], fixes: list[Fix]) -> set[ErrorKey]:
    moved = {(rule, _moved(path, fixes)) for rule, path in before}
    renamed = [(*fix.path[:-1], fix.text) for fix in fixes if fix.edit is Edit.RENAME_KEY]
    return {
        (rule, path)
        for rule, path in after
        if (rule, path) not in moved and not any(path[: len(r)] == r for r in renamed)
    }


def _moved(path: Path, fixes: list[Fix]) -> Path | None:
    """Where a location is after the fixes (None when its item was removed)."""
    for fix in fixes:
        if fix.edit is Edit.RENAME_KEY and path[: len(fix.path)] == fix.path:
            path = (*fix.path[:-1], fix.text, *path[len(fix.path) :])
    removals = sorted((fix for fix in fixes if fix.edit is Edit.REMOVE_ITEM), key=_path_order)
    for fix in removals[::-1]:
        parent, index = fix.path[:-1], fix.path[-1]
        depth = len(parent)
        if path[:depth] != parent or len(path) <= depth:
            continue
        if path[depth] == index:
            return None
        if isinstance(path[depth], int) and path[depth] > index:
            path = (*parent, path[depth] - 1, *path[depth + 1 :])
    return path
