"""Code actions: each fixable finding's proven fix as a quick fix, every proven fix at once as a
"fix all" source action, and, in YAML, a comment that suppresses a finding's rule on its line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from lsprotocol import types

from mlflow_app_lint.base.findings import Edit, Finding, TextEdit
from mlflow_app_lint.base.positions import LINE_BREAK
from mlflow_app_lint.engine.fixes import fix
from mlflow_app_lint.fixing.edits import apply
from mlflow_app_lint.policy.directives import MARKER, Scope
from mlflow_app_lint.server.diagnostics import SOURCE, diagnostic
from mlflow_app_lint.server.linting import Linted
from mlflow_app_lint.server.positions import TextPositions

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"
KINDS = (types.CodeActionKind.QuickFix, FIX_ALL)
MAX_SUPPRESSIONS = 20
"""Suppression comments offered per request: each is proven by a lint, and a request for a
whole hostile file must not queue thousands of them."""


def code_actions(
    linted: Linted,
    positions: TextPositions,
    requested: types.Range,
    only: list[str] | None,
) -> list[types.CodeAction]:
    """The actions for the findings whose range meets `requested`, then "fix all"."""
    start, end = positions.offset(requested.start), positions.offset(requested.end)
    actions: list[types.CodeAction] = []
    if _wanted(types.CodeActionKind.QuickFix, only):
        met = [
            finding
            for finding in linted.result.findings
            if positions.span_offset(finding.span.line, finding.span.column) <= end
            and start <= positions.span_offset(finding.span.end_line, finding.span.end_column)
        ]
        for index, finding in enumerate(met):
            actions.extend(_quick_fixes(linted, positions, finding, index < MAX_SUPPRESSIONS))
    if _wanted(FIX_ALL, only) and any(finding.fixable for finding in linted.result.findings):
        actions.append(_fix_all(linted, positions))
    return actions


def _wanted(kind: str, only: list[str] | None) -> bool:
    return only is None or any(kind == want or kind.startswith(f"{want}.") for want in only)


def _quick_fixes(
    linted: Linted, positions: TextPositions, finding: Finding, offer_suppression: bool
) -> Iterator[types.CodeAction]:
    about = [diagnostic(finding, linted.uri, positions)]
    if finding.fixable:
        yield _action(
            f"{_fix_title(finding)} ({finding.rule.id})",
            types.CodeActionKind.QuickFix,
            linted.uri,
            positions,
            finding.edits,
            about,
            preferred=True,
        )
    suppressing = offer_suppression and not (linted.is_json or finding.rule.locked)
    suppression = suppress(linted, positions, finding) if suppressing else None
    if suppression is not None:
        yield _action(
            f"Suppress {finding.rule.id} on this line",
            types.CodeActionKind.QuickFix,
            linted.uri,
            positions,
            (suppression,),
            about,
        )


def _fix_title(finding: Finding) -> str:
    assert finding.fix is not None
    if finding.fix.edit is Edit.REPLACE_VALUE:
        return f"Write {finding.fix.text!r}"
    if finding.fix.edit is Edit.RENAME_KEY:
        return f"Rename to {finding.fix.text!r}"
    return "Remove this item"


def _fix_all(linted: Linted, positions: TextPositions) -> types.CodeAction:
    fixed = fix(
        linted.text.encode("utf-8", "surrogatepass"),
        path=linted.path,
        operation=linted.operation,
        config=linted.config,
    ).data.decode("utf-8", "surrogatepass")
    return _action(
        "Fix every finding that can be fixed",
        FIX_ALL,
        linted.uri,
        positions,
        (_difference(linted.text, fixed),),
    )


def _difference(before: str, after: str) -> TextEdit:
    """One edit that turns `before` into `after`: the part between their common ends."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return TextEdit(prefix, len(before) - suffix, after[prefix : len(after) - suffix])


def suppress(linted: Linted, positions: TextPositions, finding: Finding) -> TextEdit | None:
    """The comment that suppresses the finding's rule on its line, proven by linting the text
    with it: exactly that line's findings of the rule go, and nothing else changes. A comment
    at the end of the line when that works, else one on the line before."""
    lines = linted.result.lines
    index = finding.span.line - 1
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    line_start = positions.span_offset(finding.span.line, 1)
    indent = line[: len(line) - len(line.lstrip(" "))]
    first_break = LINE_BREAK.search(linted.text)
    line_break = first_break.group() if first_break else "\n"
    rule = finding.rule.id
    line_end = line_start + len(line)
    next_line = f"{indent}# {MARKER}: {Scope.NEXT_LINE.value}={rule}{line_break}"
    candidates = (
        TextEdit(line_end, line_end, f"  # {MARKER}: {Scope.LINE.value}={rule}"),
        TextEdit(line_start, line_start, next_line),
    )
    expected = _rule_counts(linted.result.findings) - Counter(
        f.rule.id for f in linted.result.findings if f.rule.id == rule and f.span.line == index + 1
    )
    for candidate in candidates:
        if _rule_counts(linted.again(apply(linted.text, [candidate])).findings) == expected:
            return candidate
    return None


def _rule_counts(findings: Iterable[Finding]) -> Counter[str]:
    return Counter(finding.rule.id for finding in findings)


def _action(
    title: str,
    kind: str,
    uri: str,
    positions: TextPositions,
    edits: Iterable[TextEdit],
    about: list[types.Diagnostic] | None = None,
    preferred: bool = False,
) -> types.CodeAction:
    changes = [types.TextEdit(positions.range(edit.start, edit.end), edit.text) for edit in edits]
    return types.CodeAction(
        title=title,
        kind=kind,
        diagnostics=about,
        is_preferred=preferred or None,
        edit=types.WorkspaceEdit(changes={uri: changes}),
    )
