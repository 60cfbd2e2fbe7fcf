"""Where a fix changes the source text, and what it writes there.

A fix names a place in the request (a path); this module turns it into character-offset edits of
the exact span of a value, a key or a list item, read from the nodes' marks. Everything outside
those spans stays as it was: comments, indentation, key order, line endings. A replaced scalar
keeps its quoting style (a plain one stays plain unless YAML would then read something other than
the string). A fix that cannot be placed with certainty (an anchored or tagged node, a block
scalar, an item with an unusual layout) gives no edit, and the finding stays without a fix.
"""

from __future__ import annotations

import json
import re

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mlflow_app_lint.base.findings import Edit, Fix, TextEdit
from mlflow_app_lint.reading.locator import Locator
from mlflow_app_lint.reading.scalars import plain_string

YAML_STRING_TAG = "tag:yaml.org,2002:str"
PLAIN_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/@+=-]*")
"""Text that can stand as a plain scalar anywhere, in block and in flow style, as long as YAML
resolves it to a string and it does not end with ':'."""
LINE_END = re.compile(r"\r\n|\n|\r|$")
BLOCK_ITEM_TAIL = re.compile(r"[ \t]*(#[^\r\n]*)?")
FLOW_ITEM_TAIL = re.compile(r"[ \t]*(,)?[ \t]*(#[^\r\n]*)?")
FLOW_SEPARATOR = re.compile(r"\s*,\s*")


def text_edits(fix: Fix, locator: Locator, text: str, is_json: bool) -> tuple[TextEdit, ...]:
    """The edits that carry out `fix` in `text`, or () when it cannot be placed with certainty."""
    entry = locator.entries.get(fix.path)
    if entry is None:
        return ()
    if fix.edit is Edit.REMOVE_ITEM:
        parent = locator.entries.get(fix.path[:-1])
        if parent is None or not isinstance(parent.value, SequenceNode):
            return ()
        return _remove_item(parent.value, fix.path[-1], text)
    node = entry.key if fix.edit is Edit.RENAME_KEY else entry.value
    if not isinstance(node, ScalarNode) or not _bare(node, text) or fix.text is None:
        return ()
    start, end = node.start_mark.index, node.end_mark.index
    return (TextEdit(start, end, _scalar_text(fix.text, node.style, is_json)),)


def apply(text: str, edits: list[TextEdit]) -> str:
    """`text` with non-overlapping edits applied."""
    for edit in sorted(edits, key=lambda edit: edit.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def overlap(first: tuple[TextEdit, ...], second: tuple[TextEdit, ...]) -> bool:
    return any(a.start < b.end and b.start < a.end for a in first for b in second)


def _bare(node: ScalarNode, text: str) -> bool:
    """The node's span holds only the scalar: no anchor or tag before it (an anchored value is
    shared through aliases; a tagged one was typed on purpose), and no block scalar."""
    source = text[node.start_mark.index : node.end_mark.index]
    if node.style is None:
        return source == node.value
    return node.style in ("'", '"') and source[:1] == source[-1:] == node.style and len(source) > 1


def _scalar_text(value: str, style: str | None, is_json: bool) -> str:
    if is_json or style == '"':
        return _double_quoted(value)
    if style == "'" and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    if style is None and _plain_safe(value):
        return value
    return _double_quoted(value)


def _double_quoted(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar with the same value.
    return json.dumps(value, ensure_ascii=False)


def _plain_safe(value: str) -> bool:
    if not PLAIN_SAFE.fullmatch(value) or value.endswith(":"):
        return False
    return plain_string(value)


def _remove_item(sequence: SequenceNode, index: object, text: str) -> tuple[TextEdit, ...]:
    if not isinstance(index, int) or not 0 < index < len(sequence.value):
        return ()  # only a later copy is ever removed, so an earlier item always remains
    item = sequence.value[index]
    if text[item.start_mark.index : item.start_mark.index + 1] in ("&", "!", "*"):
        return ()  # an anchor may be used elsewhere; an alias or a tag was written on purpose
    if sequence.flow_style:
        return _remove_flow_item(sequence.value[index - 1], item, text)
    return _remove_block_item(item, text)


def _remove_block_item(item: Node, text: str) -> tuple[TextEdit, ...]:
    """`- ...` with all its lines, its end-of-line comment and its line break; nothing else."""
    dash = item.start_mark.index - 1
    while dash >= 0 and text[dash] in " \t":
        dash -= 1
    line_start = _line_start(text, dash)
    if dash < 0 or text[dash] != "-" or text[line_start:dash].strip(" \t"):
        return ()
    end = _content_end(item)
    if end is None:
        return ()
    return _whole_lines(text, line_start, end, BLOCK_ITEM_TAIL)


def _remove_flow_item(previous: Node, item: Node, text: str) -> tuple[TextEdit, ...]:
    """In [a, b, c]: b with the separator before it. When the item stands on lines of its own,
    those lines go, and the comma before it too if it was the last item."""
    start, end, previous_end = item.start_mark.index, item.end_mark.index, previous.end_mark.index
    line_start = _line_start(text, start)
    if not text[line_start:start].strip(" \t") and line_start > previous_end:
        removal = _whole_lines(text, line_start, end, FLOW_ITEM_TAIL)
        if removal and FLOW_ITEM_TAIL.match(text, end).group(1):
            return removal
        if removal and FLOW_SEPARATOR.match(text, previous_end):
            comma = text.index(",", previous_end)  # it was the last item: its separator goes too
            return (TextEdit(comma, comma + 1, ""), *removal)
    separator = FLOW_SEPARATOR.match(text, previous_end)
    if separator is None or separator.end() != start:
        return ()  # a comment between the items: which item it belongs to is unclear
    return (TextEdit(previous_end, end, ""),)


def _whole_lines(text: str, line_start: int, end: int, tail: re.Pattern) -> tuple[TextEdit, ...]:
    after = tail.match(text, end).end()
    line_end = LINE_END.match(text, after)
    if line_end is None:
        return ()
    if not line_end.group() and line_start > 0:
        # The file's last line, with no line break after it: the break before it goes instead,
        # so that the file still ends without one.
        line_start -= 2 if text.endswith("\r\n", 0, line_start) else 1
    return (TextEdit(line_start, line_end.end(), ""),)


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, max(offset, 0)), text.rfind("\r", 0, max(offset, 0))) + 1


def _content_end(node: Node) -> int | None:
    """Where a block node's own text ends (its end mark may lie past following comments)."""
    if isinstance(node, ScalarNode):
        return None if node.style in ("|", ">") else node.end_mark.index
    if node.flow_style or not node.value:
        return node.end_mark.index
    if isinstance(node, SequenceNode):
        return _content_end(node.value[-1])
    assert isinstance(node, MappingNode)
    key, value = node.value[-1]
    if isinstance(value, ScalarNode) and value.style is None and value.value == "":
        return key.end_mark.index  # `Value:` with nothing after it: its marks are on the next line
    return _content_end(value)
