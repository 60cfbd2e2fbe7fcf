"""Text from a file, a file name or an option, made safe for a terminal or a line-oriented
report: nothing in it can move the cursor, recolour the screen, end a line or reorder what is
shown (bidirectional controls, as in "Trojan Source")."""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""The marks, embeddings, overrides and isolates of Unicode's bidirectional algorithm."""


def is_unsafe(character: str) -> bool:
    """A control character, a line or paragraph separator, or a bidirectional control."""
    return unicodedata.category(character) in ("Cc", "Zl", "Zp") or character in BIDI_CONTROLS


def escaped(text: str) -> str:
    """`text` with every unsafe character written as a Python escape (`\\n`, `\\x1b`, `\\u202e`)."""
    if not any(map(is_unsafe, text)):
        return text
    return "".join(
        character.encode("unicode_escape").decode("ascii") if is_unsafe(character) else character
        for character in text
    )
