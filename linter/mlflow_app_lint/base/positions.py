"""The lines of a source text, and spans in them.

Line and column become 1-based here (and in `locator`, which places nodes) and nowhere else.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from typing import overload

from mlflow_app_lint.base.findings import Span

LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""What YAML (and so ruamel's marks) counts as the end of a line."""


def split_lines(text: str) -> list[str]:
    """The lines of a text as YAML counts them (not str.splitlines, which also breaks at \f)."""
    lines = LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


BREAK_CHARACTERS = "\r\n\x85\u2028\u2029"


class Lines(Sequence[str]):
    """The lines of a text as YAML counts them (as `split_lines` gives them), each cut out of the
    text only when asked for: a 20 MB stream costs its text and one offset per line, not a string
    per line. The offsets are found the first time a line is asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: array | None = None

    @property
    def starts(self) -> array:
        """Where each line starts, and the end of the text after the last one."""
        if self._starts is None:
            starts = array("q", [0])
            starts.extend(match.end() for match in LINE_BREAK.finditer(self.text))
            if starts[-1] != len(self.text):
                starts.append(len(self.text))
            self._starts = starts
        return self._starts

    def __len__(self) -> int:
        return len(self.starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("line index out of range")
        starts = self.starts
        return self.text[starts[index] : starts[index + 1]].rstrip(BREAK_CHARACTERS)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Lines):
            return self.text == other.text
        return isinstance(other, Sequence) and list(self) == list(other)

    def __hash__(self) -> int:
        return hash(self.text)

    def __getstate__(self) -> str:
        return self.text  # the offsets are quicker found again than sent to another process

    def __setstate__(self, text: str) -> None:
        self.__init__(text)


def offset_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, counting lines as YAML does."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, match.end()
    return line, offset - start + 1


def within(span: Span, lines: Sequence[str]) -> Span:
    """The span moved inside the text, so that every reported position exists: a mark at the end
    of the stream (after the last line) becomes the end of the last line."""

    def place(line: int, column: int) -> tuple[int, int]:
        if not lines:
            return 1, 1
        if line > len(lines):
            return len(lines), len(lines[-1]) + 1
        line = max(line, 1)
        return line, min(max(column, 1), len(lines[line - 1]) + 1)

    line, column = place(span.line, span.column)
    end_line, end_column = place(span.end_line, span.end_column)
    if (end_line, end_column) < (line, column):
        end_line, end_column = line, column
    return Span(line, column, end_line, end_column)


def mark_span(start, end) -> Span:
    """Span of two ruamel marks (0-based line and column; end exclusive)."""
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)
