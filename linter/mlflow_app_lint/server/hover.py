"""Hover: a member's description and constraints from the operation's schema, and, over a
finding, its rule's rationale."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from mlflow_app_lint.base.findings import Finding
from mlflow_app_lint.server.diagnostics import RULES_URL
from mlflow_app_lint.server.linting import Linted
from mlflow_app_lint.server.members import member_name, place_at, schema_at
from mlflow_app_lint.server.positions import TextPositions


def hover(linted: Linted, positions: TextPositions, position: types.Position) -> types.Hover | None:
    offset = positions.offset(position)
    parts = [_rule(finding) for finding in _findings_at(linted, positions, offset)]
    place = place_at(linted.text, *positions.yaml_position(offset))
    hovered = None
    if place is not None:
        schema = schema_at(linted.operation.schema, place.path)
        name = member_name(place.path)
        if schema is not None and name is not None:
            parts.insert(0, describe(name, schema))
            start, end = place.node.start_mark, place.node.end_mark
            hovered = positions.range(
                positions.span_offset(start.line + 1, start.column + 1),
                positions.span_offset(end.line + 1, end.column + 1),
            )
    if not parts:
        return None
    contents = types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(parts))
    return types.Hover(contents, hovered)


def describe(name: str, schema: dict[str, Any]) -> str:
    """A member in plain words: its name and type, its description and its constraints (the
    generated schema's `markdownDescription` has them both)."""
    kind = schema.get("type", "object" if "properties" in schema else None)
    heading = f"**{name}**" + (f" ({kind})" if kind else "")
    text = schema.get("markdownDescription") or schema.get("description") or ""
    return f"{heading}\n\n{text}".strip()


def _findings_at(linted: Linted, positions: TextPositions, offset: int) -> list[Finding]:
    found = []
    for finding in linted.result.findings:
        span = finding.span
        start = positions.span_offset(span.line, span.column)
        end = positions.span_offset(span.end_line, span.end_column)
        if start <= offset <= end:
            found.append(finding)
    return found


def _rule(finding: Finding) -> str:
    rule = finding.rule
    return (
        f"**{rule.id}** ({finding.severity.value}): {rule.summary}\n\n{rule.rationale}\n\n"
        f"[Documentation]({RULES_URL}#{rule.id})"
    )
