"""Path patterns of `exclude` and `per-file-ignores`, matched as ruff matches its own.

A pattern without a slash names a file or directory anywhere below the base (`generated`,
`*.json`); a pattern with a slash is matched against the path relative to the base directory
(`legacy/*.yaml`, `apps/**/draft-*.yaml`), where `*` and `?` stay within one path segment and
`**` spans any number of them. A pattern that matches a directory matches everything in it.

Matching never backtracks: a path is matched against the pattern's segments as a set of states
advanced one path segment at a time, and a segment against its glob by the classic wildcard
algorithm that resumes at the last `*` only. The time is at most the product of the pattern's
and the path's lengths, whatever the number of `**` and `*` (a regular expression of them
backtracks exponentially, and a configuration file can hold any pattern).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

ANY_SEGMENTS = "**"


@dataclass(frozen=True)
class PathPattern:
    text: str
    base: str
    """The absolute directory the pattern is relative to (the configuration file's directory)."""

    def matches(self, path: str) -> bool:
        parts = _relative_parts(path, self.base)
        if "/" not in self.text.rstrip("/"):
            glob = _segment_glob(self.text.rstrip("/"))
            return any(glob.matches(part) for part in parts)
        if not parts or parts[0] == "..":
            return False
        return _segments(self.text.strip("/")).matches_a_prefix(parts)


def _relative_parts(path: str, base: str) -> list[str]:
    relative = os.path.relpath(os.path.abspath(path), base)
    return [part for part in relative.replace(os.sep, "/").split("/") if part not in ("", ".")]


@dataclass(frozen=True)
class _Segments:
    """A pattern's segments: each a `_Glob`, or None for `**`."""

    globs: tuple[_Glob | None, ...]

    def matches_a_prefix(self, parts: list[str]) -> bool:
        """Whether the pattern matches `parts[:end]` for some end >= 1 (a directory's pattern
        matches what is in it)."""
        states = self._closure({0})
        for part in parts:
            states = self._closure(set(self._after(states, part)))
            if len(self.globs) in states:
                return True
        return False

    def _after(self, states: set[int], part: str) -> Iterator[int]:
        """The states one path segment on: a `**` stays (it may take more), a glob moves on."""
        for state in states:
            if state == len(self.globs):
                continue
            glob = self.globs[state]
            if glob is None:
                yield state
            elif glob.matches(part):
                yield state + 1

    def _closure(self, states: set[int]) -> set[int]:
        """The states plus those reached by letting a `**` match no segment."""
        reached = set(states)
        for state in states:
            while (
                state < len(self.globs) and self.globs[state] is None and state + 1 not in reached
            ):
                state += 1
                reached.add(state)
        return reached


@functools.cache
def _segments(text: str) -> _Segments:
    return _Segments(
        tuple(None if part == ANY_SEGMENTS else _segment_glob(part) for part in text.split("/"))
    )


@dataclass(frozen=True)
class _Glob:
    """One segment's glob as tokens: '*', '?', a one-character class, or a literal character."""

    tokens: tuple[str | re.Pattern[str], ...]

    def matches(self, name: str) -> bool:
        tokens = self.tokens
        position = token = 0
        star = resume = -1
        while position < len(name):
            if token < len(tokens) and tokens[token] == "*":
                star, resume = token, position
                token += 1
            elif token < len(tokens) and _matches_one(tokens[token], name[position]):
                token += 1
                position += 1
            elif star != -1:
                # Let the last '*' take one more character, and try the rest again from there.
                resume += 1
                position, token = resume, star + 1
            else:
                return False
        return all(rest == "*" for rest in tokens[token:])


def _matches_one(token: str | re.Pattern[str], character: str) -> bool:
    if isinstance(token, str):
        return token == "?" or token == character
    return token.fullmatch(character) is not None


@functools.cache
def _segment_glob(text: str) -> _Glob:
    tokens: list[str | re.Pattern[str]] = []
    index = 0
    while index < len(text):
        char = text[index]
        close = text.find("]", index + 2) if char == "[" else -1
        if char in "*?":
            if not (char == "*" and tokens and tokens[-1] == "*"):  # '**' in a segment is '*'
                tokens.append(char)
        elif close != -1:
            members = text[index + 1 : close]
            negate = members.startswith("!")
            members = members[1:] if negate else members
            escaped = members.replace("\\", "\\\\")
            try:
                tokens.append(re.compile("[" + ("^/" if negate else "") + escaped + "]"))
                index = close
            except re.error:  # a reversed range ('[z-a]'): the '[' is itself, as fnmatch says
                tokens.append(char)
        else:
            tokens.append(char)
        index += 1
    return _Glob(tuple(tokens))
