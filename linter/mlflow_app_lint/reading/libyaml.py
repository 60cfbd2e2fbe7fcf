"""libyaml standing in for ruamel.yaml's pure-Python reader: when it reads a text as that reader
would, and what it needs to (ruamel's own YAML 1.2 resolver, a text handed over in chunks).

libyaml (ruamel.yaml.clib's C parser) is the quick readers' parser: the screen's events
(`yaml_events`) and the quick reading's with positions (`quick`). It reads a file as the
exact reader does unless the file holds a character YAML refuses, a tab (libyaml allows more of
them), what may be an anchor, alias or tag, a directive (`%`), a document end (`...`), an unusual
line break, or a part large or deep enough to strain libyaml's recursive composer: `parts` says
None for such files. This module loads neither ruamel.yaml nor the exact reader until asked for
libyaml itself: a run of clean block-style files needs neither.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from typing import Any

from mlflow_app_lint.base.limits import MAX_VALUES
from mlflow_app_lint.reading import scalars

MAX_NESTING = 5000
"""Deeper than this, libyaml's recursive composer could overflow the C stack (it does near
30,000 levels). Nesting needs characters: a part shorter than this is surely shallow enough."""
MAX_PART = MAX_VALUES // 2
"""A part longer than this could hold more values than the cap, which libyaml would compose
all at once: the exact reader, which stops at the cap, reads such files."""

UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""The characters outside YAML's printable set: those ruamel.yaml's Reader.NON_PRINTABLE finds,
whose pattern of the allowed ranges takes 20 ms to compile, a small run's whole lint."""
DOCUMENT_START = re.compile(r"^---(?=[ \t\r\n]|$)", re.MULTILINE)
RISKY_LINE = re.compile(r"^(?:%|\.\.\.(?:[ \t\r\n]|$))", re.MULTILINE)
"""Directives and document-end markers: such streams are left to the exact reader."""
NODE_PROPERTY = re.compile(r"(?:^|[ \[{,])[&*!]", re.MULTILINE)
"""What may be an anchor, an alias or a tag, whose names libyaml and ruamel.yaml read
differently (`&a:b`): rare in a request, and left to the exact reader."""
ODD_LINE_BREAK = re.compile(r"\r(?!\n)|[\x85\u2028\u2029]")
"""Line breaks other than \\n and \\r\\n: the parts' first lines are counted as \\n."""

Bounds = tuple[int, int, int]
"""A part's start and end offsets, and its first line (0-based)."""


def parts(text: str, is_json: bool) -> list[Bounds] | None:
    """The bounds of each `---` part, and of the text before the first one; None when the
    quick reader cannot vouch for the file."""
    # Each pattern is searched for only when a character it needs is in the text: a search
    # costs more than the few `in` tests, which find nothing in most files.
    if (
        unreadable_character(text)
        or "\t" in text  # libyaml allows tabs in places ruamel.yaml does not (`a:\tb`, `a: b\t`)
        or (_any_of("&*!", text) and NODE_PROPERTY.search(text))
        or (_any_of(("%", "..."), text) and RISKY_LINE.search(text))
        or (_any_of("\r\x85\u2028\u2029", text) and ODD_LINE_BREAK.search(text))
        or (is_json and not _strict_json(text))
    ):
        return None
    starts = []
    if not is_json and "---" in text:
        starts = [match.start() for match in DOCUMENT_START.finditer(text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    bounds = []
    line = previous = 0
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        if end - start > MAX_NESTING and not _shallow(text[start:end]):
            return None
        line += text.count("\n", previous, start)
        previous = start
        bounds.append((start, end, line))
    return bounds


def _any_of(needles: Sequence[str], text: str) -> bool:
    return any(needle in text for needle in needles)


def unreadable_character(text: str) -> bool:
    """A character the exact reader refuses anywhere in the file (it then reads nothing)."""
    return UNPRINTABLE.search(text) is not None


def _strict_json(text: str) -> bool:
    """The `json` module reads it (the exact reader explains why not)."""
    try:
        json.loads(text, object_pairs_hook=list, parse_int=str, parse_float=str)
    except (ValueError, RecursionError):
        return False
    return True


def _shallow(part: str) -> bool:
    """The part cannot nest deeper than MAX_NESTING nor hold more values than the cap. A block
    collection nested in another starts at least one column further right every two levels; a
    flow collection needs a bracket."""
    if len(part) > MAX_PART:
        return False
    block = 2 * max(map(len, part.split("\n"))) + 2
    return block + part.count("[") + part.count("{") <= MAX_NESTING


class Chunks:
    """A text handed to libyaml a chunk at a time. Given the text itself, the parser keeps a
    UTF-8 copy of it whole: as much memory again as a 20 MB stream. The marks are the same."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def read(self, size: int) -> str:
        chunk = self.text[self.at : self.at + size]
        self.at += len(chunk)
        return chunk


def bare_start(text: str, parts: list[Bounds]) -> bool:
    """Whether the text before the first `---` is a part of its own (which may hold none)."""
    return len(parts) > 1 and not DOCUMENT_START.match(text)


def part_number(parts: list[Bounds], bare: bool, next_part: int, line: int) -> int | None:
    """The part a document whose root starts at `line` (0-based) was read from, when libyaml
    read one document per part, in order, as ruamel.yaml does; `bare` is `bare_start`. None for
    a second document in a part: an end libyaml found where ruamel.yaml may not."""
    number = next_part
    if number == 0 and bare and line >= parts[1][2]:
        number = 1  # the text before the first `---` held no document
    if number == len(parts) or line < parts[number][2]:
        return None
    return number


@functools.cache
def c_parser() -> type | None:
    """ruamel.yaml.clib's libyaml parser; None on a platform without it (the exact reader then
    reads every file). Imported when first wanted: a run of clean block-style files needs none
    of ruamel.yaml."""
    try:
        from _ruamel_yaml import CParser
    except ImportError:  # pragma: no cover - a platform without the C extension
        return None
    return CParser


@functools.cache
def c_composer_class() -> type:
    """libyaml's composer with ruamel's YAML 1.2 resolver: the exact reader's value types
    (only when `c_parser` is not None)."""
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    CParser = c_parser()
    resolver, first_characters = scalars.resolver()

    class CComposer(CParser, VersionedResolver):
        # No directive reaches this reader (see RISKY_LINE), so the version is always the
        # default one; asking the parser for it on every scalar costs a third of the reading.
        processing_version = resolver.processing_version

        def __init__(self, text: str | Chunks) -> None:
            CParser.__init__(self, text)
            VersionedResolver.__init__(self, version=None, loadumper=self)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if (
                kind is ScalarNode
                and implicit[0]
                and first_characters is not None
                and value[:1] not in first_characters
                and not self.yaml_path_resolvers
            ):
                return self.DEFAULT_SCALAR_TAG
            return VersionedResolver.resolve(self, kind, value, implicit)

    return CComposer
