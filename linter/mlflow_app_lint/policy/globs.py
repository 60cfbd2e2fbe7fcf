"""Path patterns of `exclude` and `per-file-ignores`, matched as ruff matches its own.

A pattern without a slash names a file or directory anywhere below the base (`generated`,
`*.json`); a pattern with a slash is matched against the path relative to the base directory
(`legacy/*.yaml`, `apps/**/draft-*.yaml`), where `*` and `?` stay within one path segment and
`**` spans any number of them. A pattern that matches a directory matches everything in it.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PathPattern:
    text: str
    base: str
    """The absolute directory the pattern is relative to (the configuration file's directory)."""

    def matches(self, path: str) -> bool:
        parts = _relative_parts(path, self.base)
        if "/" not in self.text.rstrip("/"):
            name = self.text.rstrip("/")
            return any(fnmatch.fnmatchcase(part, name) for part in parts)
        if not parts or parts[0] == "..":
            return False
        pattern = _compiled(self.text.strip("/"))
        return any(pattern.fullmatch("/".join(parts[:end])) for end in range(1, len(parts) + 1))


def _relative_parts(path: str, base: str) -> list[str]:
    relative = os.path.relpath(os.path.abspath(path), base)
    return [part for part in relative.replace(os.sep, "/").split("/") if part not in ("", ".")]


@functools.cache
def _compiled(text: str) -> re.Pattern[str]:
    out: list[str] = []
    segments = text.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
        else:
            out.append(_segment(segment) + ("" if last else "/"))
    return re.compile("".join(out))


def _segment(text: str) -> str:
    """One segment's glob as a regular expression that never crosses a slash."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        close = text.find("]", index + 2) if char == "[" else -1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif close != -1:
            members = text[index + 1 : close]
            negate = members.startswith("!")
            members = members[1:] if negate else members
            out.append("[" + ("^/" if negate else "") + members.replace("\\", "\\\\") + "]")
            index = close
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)
