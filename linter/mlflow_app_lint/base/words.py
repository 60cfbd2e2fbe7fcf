"""How values and suggestions are written in messages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mlflow_app_lint.base.findings import Path
from mlflow_app_lint.base.values import Scalar

MAX_SHOWN = 40
BOOLEAN_WORDS = {
    "true": True,
    "false": False,
    "yes": True,
    "no": False,
    "y": True,
    "n": False,
    "on": True,
    "off": False,
}
"""The booleans' spellings (any case) and their truth, as the AWS CLI's YAML loader reads them
(`yes`, `on`, `y` and their opposites only under `%YAML 1.1`)."""


def show(value: Any) -> str:
    """A value as a message quotes it: strings in single quotes, shortened when long."""
    if isinstance(value, Scalar):
        text = value.text
    elif isinstance(value, str):
        text = value
    else:
        text = describe(value)
        return text
    text = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    if len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 1] + "…"
    return f"'{text}'"


def describe(value: Any) -> str:
    """What kind of value this is, in words: 'the integer 2024', 'a list', 'nothing (null)'."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, Scalar) and value.kind == "boolean":
        return f"the boolean {str(BOOLEAN_WORDS.get(value.text.lower(), True)).lower()}"
    if isinstance(value, Scalar):
        text = value.text if len(value.text) <= MAX_SHOWN else value.text[: MAX_SHOWN - 1] + "…"
        return f"the {value.kind} {text}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the string {show(value)}"


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a typo most likely meant: same letters ignoring case, else a close spelling."""
    candidates = list(candidates)
    for candidate in candidates:
        if candidate.lower() == word.lower():
            return candidate
    by_lower = {candidate.lower(): candidate for candidate in candidates}
    import difflib  # only when a suggestion is wanted: a clean run starts sooner

    matches = difflib.get_close_matches(word.lower(), by_lower, n=1, cutoff=0.75)
    return by_lower[matches[0]] if matches else None


def one_of(values: Iterable[str]) -> str:
    values = list(values)
    return ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else values[0]


def plural(size: int, noun: str) -> str:
    return f"{size} {noun}" + ("" if size == 1 else "s")


def name_of(path: Path) -> str:
    """How a message names a location: 'Tags[2].Key', or 'the request' for the root."""
    if not path:
        return "the request"
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else ("." if text else "") + str(part)
    return text
