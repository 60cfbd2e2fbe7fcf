"""Check one request's data: its operation's schema, then its custom rules, one issue per defect.

Every rule call is guarded here, on every path (the screen's and the readers with positions): a
rule that raises becomes an `internal-error` issue for that document, and the other rules' issues
are still reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import Any, Protocol

from mlflow_app_lint.base.findings import Issue, Rule, Severity
from mlflow_app_lint.checking.schema_issues import SchemaCheck

INTERNAL_ERROR = Rule(
    "internal-error",
    Severity.ERROR,
    "A rule failed on this document.",
    "A bug in mlflow-app-lint, not in your file: the rest of the document was still checked. "
    "Please report it with the file that caused it.",
    locked=True,
)


class Checked(Protocol):
    """What a request is checked against: an operation (see `operations`)."""

    @property
    def schema_check(self) -> SchemaCheck: ...

    @property
    def rules(self) -> Sequence[ModuleType]: ...


def request_issues(data: Any, operation: Checked) -> list[Issue]:
    """Schema issues and custom rule issues, one per defect: a rule's explanation replaces the
    schema's generic message at the same place."""
    custom: list[Issue] = []
    replaced: set[tuple[object, str]] = set()
    if isinstance(data, dict):
        for module in operation.rules:
            for issue in _guarded(module, data):
                custom.append(issue)
                replaced.update((issue.path, rule_id) for rule_id in module.REPLACES)
    schema_issues = [
        issue
        for issue in operation.schema_check.issues(data)
        if (issue.path, issue.rule.id) not in replaced
    ]
    return schema_issues + custom


def is_clean(data: Any, operation: Checked) -> bool:
    """The request has nothing to report (a quick answer, for the screen)."""
    return (
        isinstance(data, dict)
        and operation.schema_check.valid(data)
        and not any(any(True for _ in _guarded(module, data)) for module in operation.rules)
    )


def _guarded(module: ModuleType, data: dict) -> Iterator[Issue]:
    try:
        issues = list(module.check(data))
    except Exception as error:  # a bug in one rule must not hide the others' findings
        name = module.__name__.rsplit(".", 1)[-1]
        issues = [Issue(INTERNAL_ERROR, f"the {name} rules failed: {error!r}")]
    yield from issues
