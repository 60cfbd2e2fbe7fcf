"""`check --fix`: apply every fix that `lint` proves safe, pass after pass.

Each pass lints the text (the findings the configuration reports carry their proven edits) and
takes the fixes whose edits do not overlap. Each was proven alone, and a stream's documents are
independent: fixes in different documents are applied together as they are. Several fixes in
one document are applied together when they are proven safe together, else the first alone; in
a stream, one per document and pass (a proof reads the whole text: memory would grow with the
stream). Passes repeat until nothing more applies (a fix can reveal
another), at most MAX_PASSES. The bytes outside the edited spans, the UTF-8 byte-order mark and
the line endings are kept exactly.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from mlflow_app_lint.base.findings import Finding
from mlflow_app_lint.engine.lint import lint
from mlflow_app_lint.engine.results import FileResult
from mlflow_app_lint.fixing.edits import apply
from mlflow_app_lint.fixing.proof import proven_together, without_overlaps
from mlflow_app_lint.operations import Operation
from mlflow_app_lint.policy.config import Config
from mlflow_app_lint.reading.decoding import NotText, decode
from mlflow_app_lint.reading.sources import is_json_name

MAX_PASSES = 10


@dataclass(frozen=True)
class Fixed:
    """A file after fixing: its bytes, how many fixes were applied, and what remains."""

    data: bytes
    applied: int
    result: FileResult


def fix(
    data: bytes,
    *,
    path: str,
    operation: Operation | None = None,
    config: Config | None = None,
    is_json: bool | None = None,
) -> Fixed:
    """The file with every proven fix of the findings the configuration reports applied (a rule
    turned off or a suppressed finding is left as it is), and the lint of the result."""
    if is_json is None:
        is_json = is_json_name(path)
    text = decode(data, is_json)
    result = lint(data, path=path, operation=operation, config=config, is_json=is_json)
    if isinstance(text, NotText):
        return Fixed(data, 0, result)
    applied = 0
    for _ in range(MAX_PASSES):
        chosen = _chosen(result.findings)
        if not chosen:
            break
        if result.documents > 1:
            chosen = _one_per_document(chosen)
        elif len(chosen) > 1 and not proven_together(
            text,
            is_json,
            result.selections[0].operation,
            [(finding.fix, finding.edits) for finding in chosen],
        ):
            chosen = chosen[:1]  # each works alone, not all together: one, then plan again
        text = apply(text, [edit for finding in chosen for edit in finding.edits])
        applied += len(chosen)
        result = lint(text, path=path, operation=operation, config=config, is_json=is_json)
    if not applied:
        return Fixed(data, 0, result)
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    return Fixed(bom + text.encode("utf-8"), applied, result)


def _chosen(findings: tuple[Finding, ...]) -> list[Finding]:
    # One finding per fix: two findings may propose the same correction.
    fixable = _first_of_each([finding for finding in findings if finding.edits], _edits)
    return [fixable[index] for index in without_overlaps([f.edits for f in fixable])]


def _one_per_document(findings: list[Finding]) -> list[Finding]:
    return _first_of_each(findings, _document)


def _first_of_each(findings: list[Finding], key: Callable[[Finding], Hashable]) -> list[Finding]:
    """The findings in order, leaving out each whose key an earlier one had."""
    seen: set[Hashable] = set()
    kept = []
    for finding in findings:
        if key(finding) not in seen:
            seen.add(key(finding))
            kept.append(finding)
    return kept


def _edits(finding: Finding) -> Hashable:
    return finding.edits


def _document(finding: Finding) -> Hashable:
    return finding.document
