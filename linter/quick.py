"""A quick first reading of a file, for the common case: nothing to report.

YAML goes through libyaml (ruamel.yaml.clib's C parser, with ruamel's own YAML 1.2 resolver, so
values are typed exactly as the exact reader types them) and JSON through `json` alone, into the
same data the exact reader (`document`) builds; YAML through the same builder, so duplicate
keys, tags and alias bombs are found the same way. What a quick reading cannot promise is
positions: libyaml places some nodes differently. So each document carries its `Part` of the
text, and the engine reads a document again, exactly, whenever it has anything to report. In a
stream each `---` part is read on its own (parts are independent), so a finding in a 20 MB stream
costs reading its own part again, not the stream.

Whenever the quick reading is not sure to give the same data, the exact reader reads: the whole
file when a character YAML refuses, a directive (`%`), a document end (`...`), an unusual line
break, or a part large or deep enough to strain libyaml's recursive composer is found; a part
libyaml cannot read (the exact reader explains the error).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ruamel.yaml.error import YAMLError
from ruamel.yaml.reader import Reader

from .composer import ComposedDocument
from .document import Document, Part, Scalar, build, parse
from .limits import MAX_DEPTH, MAX_VALUES
from .positions import Lines, Locator

try:
    from _ruamel_yaml import CParser  # ruamel.yaml.clib
except ImportError:  # pragma: no cover - a platform without the C extension: read exactly
    CParser = None

MAX_NESTING = 5000
"""Deeper than this, libyaml's recursive composer could overflow the C stack (it does near
30,000 levels). Nesting needs characters: a part shorter than this is surely shallow enough."""
MAX_PART = MAX_VALUES // 2
"""A part longer than this could hold more values than the cap, which libyaml would compose
all at once: the exact reader, which stops at the cap, reads such files."""
MAX_KEY = 1000
"""YAML refuses an implicit key over 1024 characters, even a JSON member name."""

DOCUMENT_START = re.compile(r"^---(?=[ \t\r\n]|$)", re.MULTILINE)
RISKY_LINE = re.compile(r"^(?:%|\.\.\.(?:[ \t\r\n]|$))", re.MULTILINE)
"""Directives and document-end markers: such streams are left to the exact reader."""
ODD_LINE_BREAK = re.compile(r"\r(?!\n)|[\x85\u2028\u2029]")
"""Line breaks other than \\n and \\r\\n: the parts' first lines are counted as \\n."""
KEY_LINE_BREAK = re.compile(r'"[ \t]*\r?\n[ \t\r\n]*:')
"""A JSON member name and its ':' on different lines, which YAML does not read."""


def read(text: str, is_json: bool) -> Iterator[Document]:
    """The documents of a file's text, each with its `Part`; or exactly read ones when in doubt."""
    lines = Lines(text)
    if is_json:
        return _read_json(text, lines)
    parts = _parts(text)
    return parse(text, False) if parts is None else _read_yaml(text, lines, parts)


def _parts(text: str) -> list[tuple[int, int, int]] | None:
    """(start, end, first line) of each `---` part, and of the text before the first one; None
    when the quick reader cannot vouch for the file."""
    if (
        CParser is None
        or Reader.NON_PRINTABLE.search(text)
        or RISKY_LINE.search(text)
        or ODD_LINE_BREAK.search(text)
    ):
        return None
    starts = [match.start() for match in DOCUMENT_START.finditer(text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    parts = []
    line = previous = 0
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        if end - start > MAX_NESTING and not _shallow(text[start:end]):
            return None
        line += text.count("\n", previous, start)
        previous = start
        parts.append((start, end, line))
    return parts


def _shallow(part: str) -> bool:
    """The part cannot nest deeper than MAX_NESTING nor hold more values than the cap. A block
    collection nested in another starts at least one column further right every two levels; a
    flow collection needs a bracket."""
    if len(part) > MAX_PART:
        return False
    block = 2 * max(map(len, part.split("\n"))) + 2
    return block + part.count("[") + part.count("{") <= MAX_NESTING


def _read_yaml(
    text: str, lines: Sequence[str], parts: list[tuple[int, int, int]]
) -> Iterator[Document]:
    index = 0
    for start, end, first_line in parts:
        part = Part(text, start, end, first_line, index, lines, False)
        nodes = _c_nodes(part.source)
        if nodes is None or len(nodes) > 1 or (not nodes and start != 0):
            # Not sure: read exactly. An error that ends the stream is read on past the part's
            # end, as the exact reader reads it (an open quote meets the next `---`, say).
            documents: Iterable[Document] = list(part.documents())
            if documents[-1].final:
                documents = Part(
                    text, start, len(text), first_line, index, lines, False
                ).documents()
            for document in documents:
                yield document
                index += 1
                if document.final:
                    return
            continue
        for node in nodes:  # one, or none in a leading part of comments
            document = build(index, ComposedDocument(node, node.start_mark), "", lines, False)
            document.part = part
            yield document
            index += 1
            if part.ended_stream:
                return
    if index == 0:
        yield from parse(text, False)  # empty, or only comments: explained exactly


def _c_nodes(source: str) -> list[Any] | None:
    """The root nodes of a part, composed by libyaml; None when it cannot read them."""
    composer = _c_composer_class()(source)
    try:
        nodes = []
        while composer.check_node():
            nodes.append(composer.get_node())
        return nodes
    except YAMLError:
        return None
    finally:
        composer.dispose()


@functools.cache
def _c_composer_class() -> type:
    """libyaml's composer with ruamel's YAML 1.2 resolver: the exact reader's value types."""
    from ruamel.yaml.resolver import VersionedResolver

    class CComposer(CParser, VersionedResolver):
        # No directive reaches this reader (see RISKY_LINE), so the version is always the
        # default one; asking the parser for it on every scalar costs a third of the reading.
        processing_version = VersionedResolver(version=None).processing_version

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            VersionedResolver.__init__(self, version=None, loadumper=self)

    return CComposer


class _NotQuick(Exception):
    """The quick reading cannot vouch for this JSON text."""


def _read_json(text: str, lines: Sequence[str]) -> Iterator[Document]:
    part = Part(text, 0, len(text), 0, 0, lines, True)
    try:
        data = _json_data(text)
    except _NotQuick:
        yield from part.documents()
        return
    yield Document(0, data, Locator(lines), part=part)


def _json_data(text: str) -> Any:
    # [0,0,...] has a value every two characters: a shorter text cannot exceed the cap.
    if len(text) >= MAX_PART or Reader.NON_PRINTABLE.search(text) or KEY_LINE_BREAK.search(text):
        raise _NotQuick
    try:
        data = json.loads(
            text,
            object_pairs_hook=_members,
            parse_int=functools.partial(Scalar, kind="integer"),
            parse_float=functools.partial(Scalar, kind="number"),
            parse_constant=functools.partial(Scalar, kind="number"),
        )
    except (ValueError, RecursionError) as error:
        raise _NotQuick from error
    if _too_deep(data):
        raise _NotQuick
    return data


def _members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    members = dict(pairs)
    if len(members) != len(pairs) or any(len(name) > MAX_KEY for name in members):
        raise _NotQuick  # a duplicate member, or a name YAML refuses: the exact reader says where
    return members


def _too_deep(data: Any) -> bool:
    """Nested as deep as the cap (the exact reader counts a member's name as a level too)."""
    level = [data]
    for _ in range(MAX_DEPTH - 1):
        level = [
            child
            for value in level
            if isinstance(value, dict | list)
            for child in (value.values() if isinstance(value, dict) else value)
        ]
        if not level:
            return False
    return True
