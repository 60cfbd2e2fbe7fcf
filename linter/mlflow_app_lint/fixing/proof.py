"""Safe autofix: apply the certain fixes rules propose, and prove each one did only that.

A fix is applied only when all of these hold after its edits:
- the file still reads, into the same number of documents, with no new parse problem;
- each document's data is exactly its old data with the fix applied (a renamed key, a replaced
  value, a removed item) and nothing else changed;
- no new error appears. A renamed member's value was never checked before (the value of an
  unknown member is not validated), so findings inside it are revealed by the fix, not made by it.
Fixes that pass together in one pass are applied together; otherwise those that pass alone,
together if they pass so, else one per pass. Passes repeat until nothing more applies (a fix can
reveal another), at most MAX_PASSES.
Only documents without parse problems are fixed. The bytes outside the edited spans, the UTF-8
byte-order mark and the line endings are kept exactly.
"""

from __future__ import annotations

import codecs
import copy
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mlflow_app_lint.base.findings import Edit, Fix, Issue, Path, Severity, json_pointer
from mlflow_app_lint.engine.lint import (
    FileResult,
    clean_result,
    configure,
    document_issues,
    lint_documents,
)
from mlflow_app_lint.fixing.edits import TextEdit, apply, overlap, text_edits
from mlflow_app_lint.policy.config import Config
from mlflow_app_lint.reading import quick
from mlflow_app_lint.reading.documents import Document, Part, parse, parse_bytes
from mlflow_app_lint.reading.sources import decoded

MAX_PASSES = 10

ErrorKey = tuple[str, Path]
"""An error's rule id and path: the identity that tells a new error from an old one."""


@dataclass(frozen=True)
class Candidate:
    """A fix proposed for one document of a text, with the edits that carry it out there."""

    document: int
    issue: Issue
    edits: tuple[TextEdit, ...]

    @property
    def fix(self) -> Fix:
        assert self.issue.fix is not None
        return self.issue.fix

    @property
    def pointer(self) -> str:
        return json_pointer(self.issue.path)


@dataclass(frozen=True)
class Fixed:
    """A file after fixing: its bytes, how many fixes were applied, and what remains."""

    data: bytes
    applied: int
    result: FileResult


def check_bytes(data: bytes, path: str, is_json: bool) -> FileResult:
    """Lint a file, marking the findings that `check --fix` would correct."""
    clean = clean_result(data, path, is_json)
    return clean if clean is not None else check_unscreened(data, path, is_json)


def check_unscreened(data: bytes, path: str, is_json: bool) -> FileResult:
    """`check_bytes` of a file the screen did not pass: read with positions."""
    # Read quickly and streamed (memory holds a document); fixes are proven only where needed.
    return lint_documents(parse_bytes(data, is_json, quick.read), path, _Fixable(data, is_json))


class _Fixable:
    """Which fixes of a document would be applied, proven on the text it was read from: its own
    part of a stream when it was read quickly, else (read exactly) the whole file."""

    def __init__(self, data: bytes, is_json: bool) -> None:
        self.data = data
        self.is_json = is_json
        self._whole: tuple[_State, list[Candidate]] | None = None

    def __call__(self, document: Document, part: Part | None, issues: list[Issue]) -> set[Issue]:
        if part is not None:
            # Proven on the part alone, where the document is document 0 (its marks count in
            # the whole text, so the edits are moved to the part's).
            alone = dataclasses.replace(document, index=0)
            state = _State(part.source, self.is_json, [alone], [issues])
            candidates, index = _candidates(state, part), 0
        else:
            state, candidates = self._whole_file()
            index = document.index
        return {c.issue for c in candidates if c.document == index and _acceptable(state, [c])}

    def _whole_file(self) -> tuple[_State, list[Candidate]]:
        if self._whole is None:
            state = _State(decoded(self.data, self.is_json) or "", self.is_json)
            self._whole = state, _candidates(state)
        return self._whole


def fix_bytes(data: bytes, path: str, is_json: bool, config: Config | None = None) -> Fixed:
    """Apply every fix that is proven safe, of the findings the configuration reports (a rule
    turned off or a suppressed finding is left as it is); the result is the lint of the fixed
    file, before configuration."""
    clean = clean_result(data, path, is_json)
    if clean is not None:
        return Fixed(data, 0, clean)
    text = decoded(data, is_json)
    if text is None:
        return Fixed(data, 0, check_unscreened(data, path, is_json))
    fixed, applied = _fix_text(text, is_json, _Reported(path, is_json, config))
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    new_data = bom + fixed.encode("utf-8") if applied else data
    return Fixed(new_data, applied, check_bytes(new_data, path, is_json))


@dataclass(frozen=True)
class _Reported:
    """Which issues of a text the configuration leaves reported, as (document, rule, pointer)."""

    path: str
    is_json: bool
    config: Config | None

    def keys(self, state: _State) -> set[tuple[int, str, str]]:
        result = configure(
            lint_documents(state.documents, self.path),
            state.text.encode("utf-8"),
            self.is_json,
            self.config,
        )
        return {(finding.document, finding.rule.id, finding.pointer) for finding in result.findings}


def _fix_text(text: str, is_json: bool, reported: _Reported) -> tuple[str, int]:
    applied = 0
    for _ in range(MAX_PASSES):
        state = _State(text, is_json)
        keys = reported.keys(state)
        chosen = _without_overlaps(
            [c for c in _candidates(state) if (c.document, c.issue.rule.id, c.pointer) in keys]
        )
        if not _acceptable(state, chosen):
            chosen = [candidate for candidate in chosen if _acceptable(state, [candidate])]
            if not _acceptable(state, chosen):
                chosen = chosen[:1]  # each works alone, not all together: one, then plan again
        if not chosen:
            break
        text = apply(text, [edit for candidate in chosen for edit in candidate.edits])
        applied += len(chosen)
    return text, applied


class _State:
    """One text, read once: its documents and the errors found in each."""

    def __init__(
        self,
        text: str,
        is_json: bool,
        documents: list[Document] | None = None,
        issues: list[list[Issue]] | None = None,
    ) -> None:
        """`issues`, when known, are those of `documents`."""
        self.text = text
        self.is_json = is_json
        self.documents = list(parse(text, is_json)) if documents is None else documents
        self.issues = (
            [_issues(document) for document in self.documents] if issues is None else issues
        )
        self.errors = [_error_keys(document, issues) for document, issues in self.pairs()]

    def pairs(self) -> Iterable[tuple[Document, list[Issue]]]:
        return zip(self.documents, self.issues, strict=True)


def _issues(document: Document) -> list[Issue]:
    return document_issues(document) if document.checkable else []


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
                candidates.append(Candidate(document.index, issue, moved))
    return candidates


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    chosen: list[Candidate] = []
    for candidate in candidates:
        if not any(overlap(candidate.edits, other.edits) for other in chosen):
            chosen.append(candidate)
    return chosen


def _acceptable(state: _State, chosen: list[Candidate]) -> bool:
    if not chosen:
        return True
    text = apply(state.text, [edit for candidate in chosen for edit in candidate.edits])
    after = _State(text, state.is_json, _compared(text, state.is_json))
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


def _compared(text: str, is_json: bool) -> list[Document]:
    """The documents of a fixed text, to compare their data, problems and errors (positions do
    not matter): read quickly, and exactly only where the quick reading found a problem."""
    return [
        document.part.exact()
        if document.part is not None and (document.problems or not document.checkable)
        else document
        for document in quick.read(text, is_json)
    ]


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
