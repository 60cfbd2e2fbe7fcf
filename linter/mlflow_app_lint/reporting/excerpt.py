"""The offending line of a finding with a caret underline, as ruff and actionlint show it."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from mlflow_app_lint.base.findings import Span
from mlflow_app_lint.base.terminal import is_unsafe

TAB_STOP = 4
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class Excerpt:
    number: int
    text: str
    """The line as a terminal should show it: tabs expanded, control and bidirectional
    characters replaced."""
    underline_start: int
    underline_width: int
    """Both in terminal cells: wide characters take two, combining marks none."""


def excerpt(lines: Sequence[str], span: Span) -> Excerpt | None:
    """The span's first line, underlined from its start to its end or, when the span runs on to
    later lines, to the end of this one. None when the line is not in the text."""
    if not 1 <= span.line <= len(lines):
        return None
    line = lines[span.line - 1]
    start = span.column - 1
    end = span.end_column - 1 if span.end_line == span.line else len(line)
    end = max(end, start + 1)  # an empty span (a place, not a value) still gets one caret
    cells = _cells(line)
    shown = "".join(text for text, _ in cells)
    offsets = [0]
    for _, width in cells:
        offsets.append(offsets[-1] + width)
    # Columns past the end of the line (a place after the last character) count one cell each.
    underline_start = _offset(offsets, start)
    underline_end = _offset(offsets, end)
    return Excerpt(span.line, shown, underline_start, max(underline_end - underline_start, 1))


def _offset(offsets: list[int], column: int) -> int:
    if column < len(offsets):
        return offsets[column]
    return offsets[-1] + column - (len(offsets) - 1)


def _cells(line: str) -> list[tuple[str, int]]:
    """Each character's text on screen and its width in cells."""
    cells: list[tuple[str, int]] = []
    position = 0
    for character in line:
        if character == "\t":
            width = TAB_STOP - position % TAB_STOP
            cells.append((" " * width, width))
        elif is_unsafe(character):
            # A raw control character would move the cursor or recolour the terminal; a
            # bidirectional one would show the line in another order than it is read.
            cells.append((REPLACEMENT, 1))
        else:
            cells.append((character, _width(character)))
        position += cells[-1][1]
    return cells


def _width(character: str) -> int:
    if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
