"""The caps that keep a run bounded in time and memory whatever a file holds.

A real CreateMlflowApp request is a few dozen values, three levels deep, well under a kilobyte.
The caps are far above that and far below what could hurt a CI runner or a commit hook:

- a file larger than `DEFAULT_MAX_FILE_SIZE` (`--max-file-size`) is reported and not read
  (16 MiB: the YAML reader is pure Python, about 1.2 MB/s of plain text and 0.17 MB/s of
  many small documents, so the cap also bounds a run to a few minutes and ~200 MB);
- a document nested deeper than `MAX_DEPTH` is refused where the nesting crosses the cap, before
  anything recursive sees it (YAML composing and our own walk recurse once per level);
- a document of more than `MAX_VALUES` values, or that aliases expand beyond it (a "billion
  laughs"), is refused without being expanded;
- every regular-expression match gives up after `PATTERN_TIMEOUT_SECONDS`.
"""

from __future__ import annotations

import re

DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024
MAX_FILE_SIZE = 1024**4
"""The largest `--max-file-size`: 1 TiB, far past any file the reader could finish."""
MAX_DEPTH = 100
MAX_VALUES = 100_000
MAX_FINDINGS = 10_000
"""Findings of one file past which the rest of it is not checked: memory and time stay bounded
whatever a stream holds (a request file has a handful)."""
PATTERN_TIMEOUT_SECONDS = 0.5

_UNITS = {
    "": 1,
    "b": 1,
    "k": 1000,
    "kb": 1000,
    "kib": 1024,
    "m": 1000**2,
    "mb": 1000**2,
    "mib": 1024**2,
    "g": 1000**3,
    "gb": 1000**3,
    "gib": 1024**3,
}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes in a size such as `65536`, `10MB` (10**7) or `64MiB` (64 * 2**20); ValueError if
    it is not one."""
    match = _SIZE.fullmatch(text)
    unit = match.group(2).lower() if match else None
    if match is None or unit not in _UNITS:
        shown = shorten(text, MAX_QUOTED)
        raise ValueError(f"{shown!r} is not a size: write bytes, or a number with KB, MB, MiB, ...")
    number = match.group(1)
    if len(number) > len(str(MAX_FILE_SIZE)) + 2:  # no float() or int() of thousands of digits
        raise ValueError(
            f"{shorten(number, 40)} is too large: at most {format_size(MAX_FILE_SIZE)}"
        )
    size = int(float(number) * _UNITS[unit])
    if size > MAX_FILE_SIZE:
        raise ValueError(f"{text.strip()} is too large: at most {format_size(MAX_FILE_SIZE)}")
    return size


def format_size(size: int) -> str:
    """A size as people read it: '64 MiB', '1,500 bytes'."""
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor:,} {unit}"
    return f"{size:,} bytes"


MAX_QUOTED = 200
"""Characters of a file's text (a tag, an alias name, a parser's complaint) a message quotes."""


def shorten(text: str, limit: int = MAX_QUOTED) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


MAX_CONFIG_SIZE = 1024 * 1024
"""A configuration file is a few hundred bytes; a pyproject.toml a few kilobytes."""
