"""A quick reading of a file: libyaml instead of ruamel.yaml's pure-Python reader.

libyaml (ruamel.yaml.clib's C parser, with ruamel's own YAML 1.2 resolver, so values are typed
as the exact reader types them) composes the same nodes, with the same marks (line, column and
offset), as the exact reader (`document`); the same builder turns them into documents. JSON is
composed the same way, once the strict `json` module has accepted it. A document with a parse
problem (a duplicate key, a tag, a cap) is read again exactly, on its own part of the text: in
a stream each `---` part can be read on its own. Tests compare both readings on every case file,
the examples and edge cases (tests/test_speed_paths.py).

Whenever the quick reading is not sure to give the same documents, the exact reader reads: the
whole file when `libyaml.parts` cannot vouch for it; from the part libyaml cannot read on (the
exact reader explains the error); a document over a cap or with a parse problem.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

from mlflow_app_lint.base.limits import MAX_DEPTH, MAX_VALUES
from mlflow_app_lint.base.positions import Lines
from mlflow_app_lint.reading.composer import ComposedDocument
from mlflow_app_lint.reading.documents import Document, Part, build, parse, second_document
from mlflow_app_lint.reading.libyaml import (
    Bounds,
    Chunks,
    bare_start,
    c_composer_class,
    c_parser,
    part_number,
    parts,
)


def read(text: str, is_json: bool) -> Iterator[Document]:
    """The documents of a file's text, as the exact reader reads them."""
    found = parts(text, is_json) if c_parser() is not None else None
    return parse(text, is_json) if found is None else _read(text, Lines(text), is_json, found)


def _read(
    text: str, lines: Sequence[str], is_json: bool, parts: list[Bounds]
) -> Iterator[Document]:
    bare = bare_start(text, parts)
    composer = c_composer_class()(Chunks(text))
    index, next_part = 0, 0
    try:
        while True:
            try:
                if not composer.check_node():
                    break
                node = composer.get_node()
            except YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                within_last = next_part == len(parts) or (
                    index > 0 and mark is not None and mark.line < parts[next_part][2]
                )
                yield from _exactly(text, lines, is_json, parts, next_part, index, within_last)
                return
            number = part_number(parts, bare, next_part, node.start_mark.line)
            if number is None:  # the exact reader reads from the part before on
                yield from _exactly(text, lines, is_json, parts, next_part, index, True)
                return
            if not _within_caps(node):  # the exact reader says where, and reads no further
                yield from _exactly(text, lines, is_json, parts, number, index, False)
                return
            start, end, first_line = parts[number]
            part = Part(text, start, end, first_line, index, lines, is_json)
            document = build(index, ComposedDocument(node, node.start_mark), text, lines, is_json)
            document.part = part
            if index == 1:  # the part starts with its `---`, where the exact reader's mark is
                document.notes.append(second_document(first_line + 1, 1))
            yield document
            if part.ended_stream:
                return
            index, next_part = index + 1, number + 1
    finally:
        composer.dispose()
    if index == 0:
        yield from parse(text, is_json)  # empty, or only comments: explained exactly


def _within_caps(root: Node) -> bool:
    """Whether the exact reader's composer would accept the document: no node nested deeper
    than MAX_DEPTH, no more than MAX_VALUES values (an alias counts as one, and is not entered),
    counted in document order as it counts them. Plain scalars get the style ruamel.yaml gives
    them on the way (None; libyaml's is ''): the one difference between the two readers' nodes."""
    stack, seen, values = [(root, 1)], set(), 0
    while stack:
        node, depth = stack.pop()
        values += 1
        if id(node) in seen:
            continue  # an alias
        seen.add(id(node))
        if depth > MAX_DEPTH or values > MAX_VALUES:
            return False
        if isinstance(node, ScalarNode):
            if node.style == "":
                node.style = None
        elif isinstance(node, MappingNode):
            stack.extend((item, depth + 1) for pair in reversed(node.value) for item in pair[::-1])
        else:
            stack.extend((item, depth + 1) for item in reversed(node.value))
    return values <= MAX_VALUES


def _exactly(
    text: str,
    lines: Sequence[str],
    is_json: bool,
    parts: list[Bounds],
    number: int,
    index: int,
    again: bool,
) -> Iterator[Document]:
    """The documents from part `number` to the end of the file, read exactly (the exact reader
    stops at the same error, or, should libyaml be the stricter, reads on). With `again`, from
    the part before, whose document was given already."""
    if again:
        number, index = number - 1, index - 1
    start, _, first_line = parts[number]
    documents = Part(text, start, len(text), first_line, index, lines, is_json).documents()
    if again:
        next(documents)
    return documents
