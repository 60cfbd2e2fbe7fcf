"""maintenance-window: WeeklyMaintenanceWindowStart must be written Ddd:HH:MM in UTC.

The rule's documentation (what and why, with examples) is in its `Rule` definition below.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mlflow_app_lint.base.findings import Fix, Issue, Rule, Severity
from mlflow_app_lint.base.rule_examples import REQUEST
from mlflow_app_lint.base.words import show

MEMBER = "WeeklyMaintenanceWindowStart"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ASCII_DIGITS = frozenset("0123456789")

RULE = Rule(
    "maintenance-window",
    Severity.ERROR,
    "WeeklyMaintenanceWindowStart must be Ddd:HH:MM (Tue:03:30, not the document's TUE:03:30).",
    "AWS matches `(Mon|Tue|Wed|Thu|Fri|Sat|Sun):([01]\\d|2[0-3]):([0-5]\\d)` against the whole "
    "value: the day in exactly that spelling and case, a two-digit hour from 00 to 23 and a "
    "two-digit minute from 00 to 59, in UTC. The API reference's own example, `TUE:03:30`, is "
    "rejected. This rule says which part is wrong and, when the intent is clear, the value to "
    "write instead; `check --fix` writes it (the day's spelling and case, a one-digit hour or "
    "minute padded with a zero).",
    bad=REQUEST + "WeeklyMaintenanceWindowStart: TUE:3:30\n",
    good=REQUEST + "WeeklyMaintenanceWindowStart: Tue:03:30\n",
    fixable=True,
)
MEMBERS = frozenset({MEMBER})
RULES = (RULE,)
REPLACES = frozenset({"pattern-mismatch", "too-long"})


def check(request: dict[str, Any]) -> Iterator[Issue]:
    value = request.get(MEMBER)
    if not isinstance(value, str):
        return
    problems, corrected = diagnose(value)
    if not problems:
        return
    message = f"{MEMBER} {show(value)}: " + "; ".join(problems)
    fix = None
    if corrected is not None:
        message += f"; write '{corrected}'"
        fix = Fix.replace_value((MEMBER,), corrected)
    yield Issue(RULE, message, (MEMBER,), fix=fix)


def diagnose(value: str) -> tuple[list[str], str | None]:
    """What is wrong with a window, and the corrected value when every part has one."""
    parts = value.split(":")
    if len(parts) != 3:
        return ["expected Ddd:HH:MM in UTC, such as Tue:03:30"], None
    day, day_problem = _day(parts[0])
    hour, hour_problem = _number(parts[1], "hour", 23)
    minute, minute_problem = _number(parts[2], "minute", 59)
    problems = [p for p in (day_problem, hour_problem, minute_problem) if p]
    fixed = None if None in (day, hour, minute) else f"{day}:{hour}:{minute}"
    return problems, fixed


def _day(text: str) -> tuple[str | None, str | None]:
    if text in DAYS:
        return text, None
    for day, full in zip(DAYS, FULL_DAYS, strict=True):
        if text.lower() in (day.lower(), full):
            return day, f"the day is written '{day}', not '{text}'"
    return None, f"unknown day {show(text)}: use {', '.join(DAYS)}"


def _number(text: str, unit: str, largest: int) -> tuple[str | None, str | None]:
    if not text or not set(text) <= ASCII_DIGITS:
        return None, f"the {unit} {show(text)} is not a number from 00 to {largest}"
    if len(text.lstrip("0")) > 2 or int(text) > largest:
        return None, f"{unit} {show(text)} does not exist: use 00 to {largest}"
    if len(text) != 2:
        padded = f"{int(text):02d}"
        return padded, f"the {unit} is written with two digits: '{padded}'"
    return text, None
