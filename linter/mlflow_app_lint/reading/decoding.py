"""Bytes to text, once, as every reader decodes them: UTF-8, with or without a byte-order mark
for YAML, without one for JSON (as the AWS CLI reads them).

Text in another encoding (UTF-16 or UTF-32, which some Windows editors save), a NUL byte (binary
data), bytes that are not UTF-8, or JSON behind a byte-order mark cannot be read: `NotText` says
what and where.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from mlflow_app_lint.base.findings import Rule
from mlflow_app_lint.reading import problems

OTHER_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
"""Byte-order marks of encodings a Windows editor may save in; UTF-32's first, as UTF-16's LE
mark begins UTF-32's."""


JSON_BOM = (
    "invalid JSON: the file starts with a UTF-8 byte-order mark, which --cli-input-json refuses "
    "(Python's json reads it as an unexpected character); save the file as UTF-8 without a "
    "byte-order mark"
)


@dataclass(frozen=True)
class NotText:
    offset: int
    """Where in the bytes the problem is."""
    message: str
    rule: Rule = problems.NOT_TEXT


def decode(data: bytes, is_json: bool = False) -> str | NotText:
    encoding = _other_encoding(data)
    if encoding is not None:
        return NotText(0, f"{encoding} text; save the file as UTF-8")
    if b"\x00" in data:
        message = "not text: a NUL byte, as in binary data; a request file is UTF-8 text"
        return NotText(data.index(b"\x00"), message)
    if is_json and data.startswith(codecs.BOM_UTF8):
        return NotText(0, JSON_BOM, problems.SYNTAX_ERROR)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        message = f"not UTF-8 text: byte 0x{byte:02x} cannot be read; save the file as UTF-8"
        return NotText(error.start, message)


def _other_encoding(data: bytes) -> str | None:
    for mark, name in OTHER_ENCODINGS:
        if data.startswith(mark):
            return name
    head = data[:64]
    # ASCII saved as UTF-16 without a mark: every other byte is zero.
    if len(head) >= 4 and len(head) % 2 == 0:
        for zeros, chars in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
            if not any(zeros) and all(chars):
                return "UTF-16 (no byte-order mark)"
    return None
