"""YAML merge keys (`<<`) are read as the AWS CLI's YAML loader (ruamel.yaml, safe) reads them,
so a request that shares members through an anchor is not reported as missing them."""

import pytest
from ruamel.yaml import YAML

from mlflow_app_lint.reading.documents import parse

MERGES = [
    "a: one\n<<: {a: two, b: three}\n",
    "<<: [{a: one}, {a: two, b: three}]\nc: four\n",
    "x: &x {a: one, b: two}\ny:\n  <<: *x\n  b: three\n",
    "x: &x {a: one}\ny: &y {<<: *x, b: two}\nz: {<<: *y, c: three}\n",
    "t: [{<<: {Key: k}, Value: v}]\n",
]


@pytest.mark.parametrize("text", MERGES)
def test_merged_data_is_what_the_aws_cli_loader_reads(text: str) -> None:
    [document] = list(parse(text, is_json=False))
    assert document.problems == []
    assert document.data == YAML(typ="safe", pure=True).load(text)


def test_a_merge_of_something_else_than_mappings_is_a_syntax_error() -> None:
    [document] = list(parse("a: 1\n<<: 5\n", is_json=False))
    assert [problem.issue.rule.id for problem in document.problems] == ["syntax-error"]


def test_in_json_a_member_named_two_angle_brackets_is_just_unknown() -> None:
    [document] = list(parse('{"<<": {"a": "b"}}', is_json=True))
    assert document.data == {"<<": {"a": "b"}}
