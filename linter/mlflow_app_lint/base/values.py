"""The values of a request's data besides strings, lists, mappings, booleans and null."""

from __future__ import annotations

import math
from dataclasses import dataclass

_INTEGER_BASES = {"0x": 16, "0o": 8, "0b": 2}
_SPECIAL_FLOATS = {".inf": math.inf, ".nan": math.nan}


@dataclass(frozen=True)
class Scalar:
    """A number, date or YAML boolean as written: its exact text (the spelling a message quotes),
    and the kind of value YAML or JSON reads."""

    text: str
    kind: str  # "integer", "number", "date" or "boolean"

    def number(self) -> int | float:
        """The value of an integer or number, to compare with a bound. An integer too long for
        Python to convert (thousands of digits) is infinite: it is past every bound."""
        text = self.text.replace("_", "")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        if self.kind == "number":
            special = _SPECIAL_FLOATS.get(digits.lower())
            return float(text) if special is None else sign * special
        base = _INTEGER_BASES.get(digits[:2].lower())
        try:
            return sign * (int(digits, 10) if base is None else int(digits[2:], base))
        except ValueError:  # past Python's limit on the digits of a decimal conversion
            return sign * math.inf
