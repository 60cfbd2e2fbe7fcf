"""Between the linter's positions and the protocol's.

The linter counts lines as YAML does (also at U+0085, U+2028 and U+2029) and columns in code
points, 1-based; TextEdits are code-point offsets into the text. LSP counts lines at `\\n`, `\\r\\n`
and `\\r` only, 0-based, and characters in the code units of the negotiated position encoding
(UTF-16 unless the client offers another). Both sides meet at offsets into the one text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from lsprotocol import types

from mlflow_app_lint.base.findings import Span
from mlflow_app_lint.base.positions import Lines

LSP_LINE_BREAK = re.compile("\r\n|\r|\n")


def _utf8_units(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _utf16_units(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


UNITS: dict[str, Callable[[str], int]] = {
    types.PositionEncodingKind.Utf8: _utf8_units,
    types.PositionEncodingKind.Utf16: _utf16_units,
    types.PositionEncodingKind.Utf32: len,
}


class TextPositions:
    """The positions of one text, in one position encoding."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.units = UNITS.get(encoding, _utf16_units)
        self.yaml_lines = Lines(text)
        self.starts = [0, *(match.end() for match in LSP_LINE_BREAK.finditer(text))]

    def position(self, offset: int) -> types.Position:
        """The protocol's position of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return types.Position(line, self.units(self.text[self.starts[line] : offset]))

    def offset(self, position: types.Position) -> int:
        """The character offset of a protocol position (clamped to its line)."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[max(position.line, 0)]
        end = self._line_end(position.line)
        units = 0
        for offset in range(start, end):
            if units >= position.character:
                return offset
            units += self.units(self.text[offset])
        return end

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(self.position(start), self.position(end))

    def span_range(self, span: Span) -> types.Range:
        """The protocol's range of a linter span."""
        start = self.span_offset(span.line, span.column)
        return self.range(start, self.span_offset(span.end_line, span.end_column))

    def span_offset(self, line: int, column: int) -> int:
        """The offset of a 1-based YAML line and code-point column."""
        starts = self.yaml_lines.starts
        if line - 1 >= len(starts) - 1:
            return len(self.text)
        line_start = starts[max(line - 1, 0)]
        line_length = len(self.yaml_lines[max(line - 1, 0)])
        return line_start + min(max(column - 1, 0), line_length)

    def yaml_position(self, offset: int) -> tuple[int, int]:
        """The 0-based YAML line and code-point column of an offset (as ruamel's marks)."""
        starts = self.yaml_lines.starts
        line = max(bisect.bisect_right(starts, offset) - 1, 0)
        return line, offset - starts[line]

    def end(self) -> types.Position:
        return self.position(len(self.text))

    def _line_end(self, line: int) -> int:
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            return end - (2 if self.text[end - 2 : end] == "\r\n" else 1)
        return len(self.text)
