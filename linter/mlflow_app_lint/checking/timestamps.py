"""Timestamps as botocore reads them in a request: a datetime, a number of seconds since the
epoch, or a string it parses as a date and time.

The AWS CLI's YAML loader makes `2024-03-16T01:46:56Z` a datetime (accepted) and `2024-03-16` a
date (refused: botocore wants a time). Quoted, both are strings that botocore parses. A JSON
Schema type cannot say "a YAML datetime", so the generated schemas mark timestamp members with
the keyword below, which editors ignore and the linter's checks apply instead of `type`.
"""

from __future__ import annotations

from typing import Any

from mlflow_app_lint.base.values import Scalar

KEYWORD = "x-aws-timestamp"
DIGITS = frozenset("0123456789")


def problem(value: Any) -> str | None:
    """Why botocore refuses this value for a timestamp; None when it accepts it."""
    if isinstance(value, bool):
        return "a boolean is no date and time: write one such as 2024-03-16T01:46:56Z"
    if isinstance(value, Scalar):
        if value.kind != "date" or _has_time(value.text):
            return None
        return (
            f"YAML reads {value.text} as a date without a time, which botocore refuses: write "
            f"{value.text}T00:00:00Z, or quote it"
        )
    if isinstance(value, str):
        # dateutil, which botocore parses strings with, reads nearly anything with a number in it.
        if DIGITS.isdisjoint(value):
            return "no date and time: write one such as 2024-03-16T01:46:56Z"
        return None
    return "write a date and time such as 2024-03-16T01:46:56Z, or seconds since 1970"


def _has_time(text: str) -> bool:
    return len(text) > 10
