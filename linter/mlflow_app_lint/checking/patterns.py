"""Patterns as AWS applies them: against the whole value, with no trailing newline tolerated,
\\d as the ASCII digits only, `.` excluding every line terminator (as in Java), Unicode classes
through the `regex` module, and a time limit on every match."""

from __future__ import annotations

import functools

import regex

from mlflow_app_lint.base.limits import PATTERN_TIMEOUT_SECONDS


def matches(pattern: str, value: str) -> bool:
    """`value` matches `pattern` whole, as AWS reads the pattern (False after the time limit)."""
    if len(value) <= REMEMBERED_LENGTH:
        return _remembered_match(pattern, value)
    return _match(pattern, value)


REMEMBERED_LENGTH = 256
"""Short values' answers are remembered: tag keys, roles and buckets repeat across a repository's
files, and a match under a time limit costs a few microseconds."""


@functools.lru_cache(maxsize=8192)
def _remembered_match(pattern: str, value: str) -> bool:
    return _match(pattern, value)


def _match(pattern: str, value: str) -> bool:
    try:
        return _compiled(pattern).fullmatch(value, timeout=PATTERN_TIMEOUT_SECONDS) is not None
    except TimeoutError:
        return False


@functools.cache
def _compiled(pattern: str) -> regex.Pattern:
    return regex.compile(as_aws_reads_it(pattern))


JAVA_DOT = r"[^\n\r\u0085\u2028\u2029]"
"""Java's `.`: any character but a line terminator (Python's `.` excludes only a newline)."""


def as_aws_reads_it(pattern: str) -> str:
    """Rewrite a pattern so that Python's `regex` reads it as Java does: \\d (and \\D) as ASCII
    digits only, and `.` excluding every line terminator."""
    out: list[str] = []
    in_class = False
    chars = iter(pattern)
    for char in chars:
        if char == "\\":
            escaped = next(chars, "")
            if escaped == "d":
                out.append("0-9" if in_class else "[0-9]")
            elif escaped == "D" and not in_class:
                out.append("[^0-9]")
            else:
                out.append("\\" + escaped)
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "." and not in_class:
            char = JAVA_DOT
        out.append(char)
    return "".join(out)


def could_match(pattern: str, prefix: str) -> bool:
    """Some value that starts with `prefix` could match `pattern` (False after the time limit)."""
    try:
        compiled = _compiled(pattern)
        return compiled.fullmatch(prefix, partial=True, timeout=PATTERN_TIMEOUT_SECONDS) is not None
    except TimeoutError:
        return False
