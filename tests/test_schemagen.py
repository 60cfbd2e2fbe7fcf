"""The JSON Schemas generated from AWS's service model (the committed extract of botocore's) and
from the API reference pages, checked against botocore's model, against each other, against
ECMAScript (node) and against their own hints."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import botocore
import botocore.session
import pytest
import regex
from botocore import xform_name
from jsonschema import Draft7Validator, FormatChecker, ValidationError, validators
from jsonschema.exceptions import SchemaError

from mlflow_app_lint import schemagen
from mlflow_app_lint.checking import validity
from mlflow_app_lint.checking.patterns import matches
from mlflow_app_lint.checking.rules import tags
from mlflow_app_lint.operations import NAMES, command_name
from mlflow_app_lint.policy.catalogue import RULES
from mlflow_app_lint.schemagen import extract, model, pages
from mlflow_app_lint.schemagen.writer import anchored_pattern, excluded_prefix_pattern

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
OPERATION_TEXT = (SCHEMA_DIR / "CreateMlflowApp.txt").read_text(encoding="utf-8")
TAG_TEXT = (SCHEMA_DIR / "Tag.txt").read_text(encoding="utf-8")
HINTS = schemagen.Hints.from_json(json.loads((SCHEMA_DIR / "hints.json").read_text()))
SNIPPET_PLACEHOLDER = re.compile(r"\$\{\d+:([^}]*)\}")
BOTOCORE_MODEL = botocore.session.get_session().get_service_model("sagemaker")
FAMILY = sorted(name for name in BOTOCORE_MODEL.operation_names if "Mlflow" in name)
ALL_SCHEMAS = schemagen.generate_all()


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return schemagen.generate()


def edited(text: str, old: str, new: str) -> str:
    """`text` with the one occurrence of `old` replaced (fails if `old` is not there once)."""
    assert text.count(old) == 1, f"expected exactly one {old!r} in the document"
    return text.replace(old, new)


def build(operation_text: str = OPERATION_TEXT, tag_text: str = TAG_TEXT) -> dict[str, Any]:
    return schemagen.generate_from_pages(operation_text, {"Tag": tag_text})


def unwrapped(pattern: str) -> str:
    assert pattern.startswith("^(?:") and pattern.endswith(")$"), pattern
    return pattern[len("^(?:") : -len(")$")]


def subschemas(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for key, value in node.items():
            if key not in ("examples", "defaultSnippets", "enum"):
                yield from subschemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from subschemas(value)


def all_patterns(schema: dict[str, Any]) -> list[str]:
    return sorted({sub["pattern"] for sub in subschemas(schema) if "pattern" in sub})


# --- 1. the committed files --------------------------------------------------------------------


def test_the_family_is_the_fourteen_mlflow_operations_of_the_pinned_botocore() -> None:
    assert botocore.__version__ == "1.44.8"
    assert len(FAMILY) == 14
    assert schemagen.operations() == FAMILY
    assert sorted(NAMES) == sorted(FAMILY)  # the linter's operations are the model's
    assert sorted(ALL_SCHEMAS) == sorted(f"{xform_name(name, '-')}.schema.json" for name in FAMILY)


def test_committed_model_extract_is_current_with_the_pinned_botocore() -> None:
    committed = (SCHEMA_DIR / schemagen.MODEL_FILE_NAME).read_text(encoding="utf-8")
    assert committed == extract.render(extract.installed_extract()), (
        "schema/sagemaker-mlflow.model.json is stale: run "
        "`python -m mlflow_app_lint.schemagen.extract`"
    )
    assert schemagen.model_revision(schemagen.load_model()) == "2017-07-24 (botocore 1.44.8)"


def test_the_extract_holds_only_what_the_inputs_use() -> None:
    extracted = schemagen.load_model()
    inputs = [operation["input"]["shape"] for operation in extracted["operations"].values()]
    assert sorted(extracted["shapes"]) == extract.shapes_used(extracted["shapes"], inputs)
    assert "CreateMlflowAppResponse" not in extracted["shapes"]


def test_committed_schemas_are_generated_from_the_current_model() -> None:
    assert schemagen.stale_files() == [], "run `mlflow-app-lint schema --regenerate`"


def test_a_stale_schema_is_noticed() -> None:
    changed = copy.deepcopy(schemagen.load_model())
    changed["shapes"]["ExpiresInSeconds"]["max"] = 600
    assert schemagen.stale_files(changed) == [
        "create-presigned-mlflow-app-url.schema.json",
        "create-presigned-mlflow-tracking-server-url.schema.json",
    ]


def test_render_is_deterministic_json_with_a_final_newline(schema: dict[str, Any]) -> None:
    text = schemagen.render(schema)
    assert text.endswith("}\n")
    assert json.loads(text) == schema
    assert schemagen.render(schemagen.generate()) == text


# --- 2. agreement with botocore's model of the API --------------------------------------------


def botocore_facts(shape: Any) -> Any:
    if shape.type_name == "structure":
        return ("object", shape.name)
    if shape.type_name == "list":
        return {
            "type": "array",
            "minItems": shape.metadata.get("min"),
            "maxItems": shape.metadata.get("max"),
            "items": botocore_facts(shape.member),
        }
    if shape.type_name in ("integer", "long"):
        return {
            "type": "integer",
            "minimum": shape.metadata.get("min"),
            "maximum": shape.metadata.get("max"),
        }
    if shape.type_name == "boolean":
        return {"type": "boolean"}
    if shape.type_name == "timestamp":
        return {"type": ["string", "number"]}
    assert shape.type_name == "string", f"{shape.name}: no comparison for {shape.type_name}"
    return {
        "type": "string",
        "minLength": shape.metadata.get("min"),
        "maxLength": shape.metadata.get("max"),
        "pattern": shape.metadata.get("pattern"),
        "enum": shape.enum or None,
    }


def schema_facts(prop: dict[str, Any]) -> Any:
    if "$ref" in prop:
        return ("object", prop["$ref"].removeprefix("#/definitions/"))
    if prop["type"] == "array":
        return {
            "type": "array",
            "minItems": prop.get("minItems"),
            "maxItems": prop.get("maxItems"),
            "items": schema_facts(prop["items"]),
        }
    if prop["type"] == "integer":
        return {"type": "integer", "minimum": prop.get("minimum"), "maximum": prop.get("maximum")}
    if prop["type"] in ("boolean", ["string", "number"]):
        return {"type": prop["type"]}
    return {
        "type": prop["type"],
        "minLength": prop.get("minLength"),
        "maxLength": prop.get("maxLength"),
        "pattern": unwrapped(prop["pattern"]) if "pattern" in prop else None,
        "enum": prop.get("enum"),
    }


def disagreements(object_schema: dict[str, Any], shape: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if set(object_schema["properties"]) != set(shape.members):
        found["members"] = (sorted(object_schema["properties"]), sorted(shape.members))
    if set(object_schema["required"]) != set(shape.required_members):
        found["required"] = (sorted(object_schema["required"]), sorted(shape.required_members))
    for name, member in shape.members.items():
        ours = schema_facts(object_schema["properties"].get(name, {"type": None}))
        theirs = botocore_facts(member)
        if ours != theirs:
            found[name] = {"schema": ours, "botocore": theirs}
    return found


def structures(shape: Any) -> Iterator[Any]:
    """The structures a shape is made of, itself included."""
    if shape.type_name == "structure":
        yield shape
        for member in shape.members.values():
            yield from structures(member)
    elif shape.type_name == "list":
        yield from structures(shape.member)


@pytest.fixture(scope="module")
def request_shape() -> Any:
    return BOTOCORE_MODEL.operation_model("CreateMlflowApp").input_shape


@pytest.mark.parametrize("operation", FAMILY)
def test_every_schema_agrees_with_botocore(operation: str) -> None:
    schema = ALL_SCHEMAS[f"{xform_name(operation, '-')}.schema.json"]
    request = BOTOCORE_MODEL.operation_model(operation).input_shape
    assert schema["title"] == f"{operation} request"
    assert disagreements(schema, request) == {}
    types = {shape.name: shape for shape in list(structures(request))[1:]}
    assert set(schema.get("definitions", {})) == set(types)
    for name, shape in types.items():
        assert disagreements(schema["definitions"][name], shape) == {}, name


def test_the_family_brings_booleans_integers_and_timestamps() -> None:
    kinds = {
        json.dumps(sub["type"])
        for schema in ALL_SCHEMAS.values()
        for sub in subschemas(schema)
        if "type" in sub
    }
    assert kinds == {
        '"object"',
        '"string"',
        '"array"',
        '"boolean"',
        '"integer"',
        '["string", "number"]',
    }
    presigned = ALL_SCHEMAS["create-presigned-mlflow-app-url.schema.json"]["properties"]
    assert (presigned["ExpiresInSeconds"]["minimum"], presigned["ExpiresInSeconds"]["maximum"]) == (
        5,
        300,
    )
    listing = ALL_SCHEMAS["list-mlflow-apps.schema.json"]["properties"]
    assert (listing["MaxResults"]["minimum"], listing["MaxResults"]["maximum"]) == (1, 100)


def test_botocore_comparison_notices_a_difference(
    schema: dict[str, Any], request_shape: Any
) -> None:
    changed = copy.deepcopy(schema)
    changed["properties"]["Name"]["maxLength"] = 255
    changed["required"].remove("RoleArn")
    assert set(disagreements(changed, request_shape)) == {"Name", "required"}


def test_botocore_comparison_notices_a_changed_integer_bound() -> None:
    schema = copy.deepcopy(ALL_SCHEMAS["list-mlflow-apps.schema.json"])
    schema["properties"]["MaxResults"]["maximum"] = 1000
    request = BOTOCORE_MODEL.operation_model("ListMlflowApps").input_shape
    assert set(disagreements(schema, request)) == {"MaxResults"}


# --- 2b. the pages and the model ---------------------------------------------------------------

DESCRIPTIVE = ("description", "markdownDescription")


def without_descriptions(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: without_descriptions(v) for k, v in node.items() if k not in DESCRIPTIVE}
    if isinstance(node, list):
        return [without_descriptions(value) for value in node]
    return node


def test_pages_and_model_make_the_same_schema_but_for_the_members_the_pages_lack() -> None:
    operation_text, type_texts = schemagen.committed_pages()
    from_pages = schemagen.generate_from_pages(operation_text, type_texts, HINTS)
    from_model = schemagen.generate("CreateMlflowApp")
    lacking = sorted(set(from_model["properties"]) - set(from_pages["properties"]))
    assert lacking == ["KmsKeyId"]
    assert set(from_pages["properties"]) <= set(from_model["properties"])
    for name in lacking:
        del from_model["properties"][name]
    assert without_descriptions(from_pages) == without_descriptions(from_model)


def test_the_page_comparison_notices_a_changed_constraint() -> None:
    operation_text, type_texts = schemagen.committed_pages()
    changed = edited(operation_text, "Maximum length of 256.", "Maximum length of 200.")
    from_pages = schemagen.generate_from_pages(changed, type_texts, HINTS)
    from_model = schemagen.generate("CreateMlflowApp")
    del from_model["properties"]["KmsKeyId"]
    assert without_descriptions(from_pages) != without_descriptions(from_model)


def test_the_pages_are_read_only_as_the_operation_refers_to_them() -> None:
    operation_text, type_texts = schemagen.committed_pages()
    unrelated = {"Unrelated": "not a page at all"}
    assert schemagen.generate_from_pages(
        operation_text, {**type_texts, **unrelated}
    ) == schemagen.generate_from_pages(operation_text, type_texts)


# --- 3. the generator follows the document ------------------------------------------------------

NEW_PARAMETER = """- ProjectCode
-
A code that your team uses for this app.
Type: String
Length Constraints: Minimum length of 2. Maximum length of 8.
Pattern:
[A-Z]{2}\\-[0-9]+Required: No
Response Syntax"""


def test_a_new_parameter_block_becomes_a_property() -> None:
    text = edited(OPERATION_TEXT, "Response Syntax", NEW_PARAMETER)
    text = edited(
        text,
        '"WeeklyMaintenanceWindowStart": "string"\n}',
        '"WeeklyMaintenanceWindowStart": "string",\n"ProjectCode": "string"\n}',
    )
    properties = build(text)["properties"]
    assert list(properties)[-1] == "ProjectCode"
    prop = properties["ProjectCode"]
    assert prop["description"] == "A code that your team uses for this app."
    assert (prop["type"], prop["minLength"], prop["maxLength"]) == ("string", 2, 8)
    assert prop["pattern"] == "^(?:[A-Z]{2}-[0-9]+)$"


def test_a_parameter_missing_from_the_request_syntax_is_an_error() -> None:
    text = edited(OPERATION_TEXT, "Response Syntax", NEW_PARAMETER)
    with pytest.raises(ValueError, match="ProjectCode"):
        build(text)


def test_a_changed_length_bound_is_followed() -> None:
    text = edited(OPERATION_TEXT, "Maximum length of 256.", "Maximum length of 200.")
    assert build(text)["properties"]["Name"]["maxLength"] == 200


def test_an_appended_valid_value_is_followed() -> None:
    text = edited(
        OPERATION_TEXT, "ENABLED | DISABLEDRequired", "ENABLED | DISABLED | PAUSEDRequired"
    )
    assert build(text)["properties"]["AccountDefaultStatus"]["enum"] == [
        "ENABLED",
        "DISABLED",
        "PAUSED",
    ]


def test_a_parameter_flipped_to_required_is_followed() -> None:
    text = edited(OPERATION_TEXT, "([0-5]\\d)Required: No", "([0-5]\\d)Required: Yes")
    assert build(text)["required"] == [
        "ArtifactStoreUri",
        "Name",
        "RoleArn",
        "WeeklyMaintenanceWindowStart",
    ]


def test_the_array_bounds_are_followed() -> None:
    text = edited(OPERATION_TEXT, "Maximum number of 50 items.", "Maximum number of 20 items.")
    assert build(text)["properties"]["Tags"]["maxItems"] == 20


def test_a_changed_data_type_page_is_followed() -> None:
    tag_text = edited(
        TAG_TEXT,
        "The tag value.\nType: String\nLength Constraints: Minimum length of 0.",
        "The tag value.\nType: String\nLength Constraints: Minimum length of 1.",
    )
    assert build(tag_text=tag_text)["definitions"]["Tag"]["properties"]["Value"]["minLength"] == 1


def test_a_referenced_data_type_without_its_page_is_an_error() -> None:
    with pytest.raises(ValueError, match="Tag"):
        schemagen.generate_from_pages(OPERATION_TEXT, {})


def test_an_unsupported_type_is_an_error() -> None:
    text = edited(
        OPERATION_TEXT,
        "default for the entire account.\nType: String",
        "default for the entire account.\nType: Map",
    )
    with pytest.raises(ValueError, match="AccountDefaultStatus: unsupported type 'Map'"):
        build(text)


def test_a_field_the_parser_does_not_know_is_an_error() -> None:
    text = edited(
        OPERATION_TEXT,
        "AutoModelRegistrationDisabledRequired: No",
        "AutoModelRegistrationDisabledRequired: No\nUpdate behavior: replace",
    )
    with pytest.raises(ValueError, match="ModelRegistrationMode: unexpected line"):
        build(text)


# --- 4. patterns compile for VS Code (ECMAScript, u flag) and Python's regex ---------------------

NODE_SCRIPT = """
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(cases.map(([pattern, value]) => {
  try {
    const compiled = new RegExp(pattern, "u");
    return value === null ? true : compiled.test(value);
  } catch (error) {
    return error.message;
  }
})));
"""


def run_node(cases: list[tuple[str, str | None]]) -> list[bool | str]:
    """For each (pattern, value): whether node's u-mode RegExp matches the value (True if no
    value), or the error message when the pattern does not compile."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    result = subprocess.run(
        ["node", "-e", NODE_SCRIPT],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def test_every_pattern_compiles_in_ecmascript_unicode_mode() -> None:
    patterns = sorted({p for schema in ALL_SCHEMAS.values() for p in all_patterns(schema)})
    assert len(patterns) == 12  # 11 of the model's, and the reserved tag-key prefix
    outcomes = run_node([(pattern, None) for pattern in patterns])
    assert dict(zip(patterns, outcomes, strict=True)) == dict.fromkeys(patterns, True)


def test_node_check_reports_a_pattern_that_is_invalid_in_unicode_mode() -> None:
    [outcome] = run_node([("a\\-b", None)])
    assert isinstance(outcome, str)


def test_ecmascript_applies_the_patterns_to_whole_values(schema: dict[str, Any]) -> None:
    pattern = schema["properties"]["WeeklyMaintenanceWindowStart"]["pattern"]
    values = ["Tue:03:30", "TUE:03:30", "Tue:03:30\n", "xTue:03:30", "Tue:24:00"]
    assert run_node([(pattern, value) for value in values]) == [True, False, False, False, False]


RESERVED_KEYS = {
    "aws:owner": False,
    "AWS:owner": False,
    "Aws:": False,
    "aWs:x y": False,
    "aws:bad key!": False,
    "team": True,
    "aws-owner": True,
    "aws": True,
    "xaws:": True,
    "my aws:x": True,
    "line\nbreak": True,
    "": True,
}


def test_the_reserved_tag_prefix_is_an_extra_pattern_beside_the_models(
    schema: dict[str, Any],
) -> None:
    key = schema["definitions"]["Tag"]["properties"]["Key"]
    assert unwrapped(key["pattern"]) == "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)"  # AWS's own
    [reserved] = key["allOf"]
    reserved_hint = HINTS.reserved_prefixes["Tag"]["Key"]
    assert reserved == {
        "pattern": "^(?![aA][wW][sS]:)[\\s\\S]*$",
        "patternErrorMessage": reserved_hint["message"],
        validity.CHECKED_BY: tags.RESERVED_TAG_KEY.id,
    }
    # One datum, two readers: the rule's prefix is the hint's, and the named rule exists.
    assert reserved_hint["prefix"] == tags.RESERVED_PREFIX
    assert reserved_hint["rule"] in RULES
    assert reserved_hint["message"] in key["markdownDescription"]  # hover says it too


def test_ecmascript_and_the_linter_read_the_reserved_prefix_as_the_rule_does(
    schema: dict[str, Any],
) -> None:
    [reserved] = schema["definitions"]["Tag"]["properties"]["Key"]["allOf"]
    pattern = reserved["pattern"]
    allowed = [not key.lower().startswith(tags.RESERVED_PREFIX) for key in RESERVED_KEYS]
    assert allowed == list(RESERVED_KEYS.values())
    assert run_node([(pattern, key) for key in RESERVED_KEYS]) == allowed
    assert [matches(pattern, key) for key in RESERVED_KEYS] == allowed


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("aws:", "^(?![aA][wW][sS]:)[\\s\\S]*$"),
        ("a.b-1/", "^(?![aA]\\.[bB]-1\\/)[\\s\\S]*$"),
    ],
)
def test_excluded_prefix_pattern(prefix: str, expected: str) -> None:
    assert excluded_prefix_pattern(prefix) == expected
    [outcome] = run_node([(expected, None)])
    assert outcome is True
    assert not matches(expected, prefix.upper() + "x") and matches(expected, "x" + prefix)


def test_every_pattern_compiles_with_python_regex() -> None:
    for schema in ALL_SCHEMAS.values():
        for pattern in all_patterns(schema):
            regex.compile(pattern)


@pytest.mark.parametrize(
    ("document_pattern", "expected"),
    [
        ("a\\-b", "^(?:a-b)$"),
        ("[a-z\\-]*", "^(?:[a-z\\-]*)$"),
        ("x[\\]\\-]\\-y", "^(?:x[\\]\\-]-y)$"),
        ("a\\\\-b", "^(?:a\\\\-b)$"),
        ("(https|s3)://([^/]+)/?(.*)", "^(?:(https|s3)://([^/]+)/?(.*))$"),
    ],
)
def test_anchored_pattern(document_pattern: str, expected: str) -> None:
    assert anchored_pattern(document_pattern) == expected


# --- 5. hints: examples, snippets, messages -------------------------------------------------------


def regex_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """`pattern` with the `regex` module, which knows \\p{L} (Python's `re` does not)."""
    if validator.is_type(instance, "string") and not regex.search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


RegexDraft7Validator = validators.extend(Draft7Validator, {"pattern": regex_pattern})


def example_problems(schema: dict[str, Any]) -> list[str]:
    root = RegexDraft7Validator(schema)
    return [
        f"{sub['title']}: {example!r}: {error.message}"
        for sub in subschemas(schema)
        for example in sub.get("examples", [])
        for error in root.evolve(schema=sub).iter_errors(example)
    ]


@pytest.mark.parametrize("file_name", sorted(ALL_SCHEMAS))
def test_every_example_is_valid_against_its_property(file_name: str) -> None:
    assert example_problems(ALL_SCHEMAS[file_name]) == []


def test_examples_reach_every_schema_with_their_members() -> None:
    counts = {
        name: sum(len(sub.get("examples", [])) for sub in subschemas(schema))
        for name, schema in ALL_SCHEMAS.items()
    }
    assert counts["create-mlflow-app.schema.json"] >= 8
    assert counts["create-mlflow-tracking-server.schema.json"] >= 4  # the shared Tag and ARNs


def test_an_invalid_example_is_noticed(schema: dict[str, Any]) -> None:
    changed = copy.deepcopy(schema)
    changed["properties"]["WeeklyMaintenanceWindowStart"]["examples"] = ["TUE:03:30"]
    assert len(example_problems(changed)) == 1


def test_string_examples_match_their_pattern_in_ecmascript() -> None:
    cases = [
        (sub["pattern"], example)
        for schema in ALL_SCHEMAS.values()
        for sub in subschemas(schema)
        if "pattern" in sub
        for example in sub.get("examples", [])
    ]
    assert cases
    assert run_node(cases) == [True] * len(cases)


def filled_in(snippet_body: Any) -> Any:
    return json.loads(SNIPPET_PLACEHOLDER.sub(r"\1", json.dumps(snippet_body)))


def test_default_snippets_scaffold_a_valid_request(schema: dict[str, Any]) -> None:
    snippets = schema["defaultSnippets"]
    assert snippets
    for snippet in snippets:
        assert snippet["label"] and snippet["description"]
        body = filled_in(snippet["body"])
        assert "^" not in json.dumps(snippet["body"])
        assert set(schema["required"]) <= set(body)
        assert list(RegexDraft7Validator(schema).iter_errors(body)) == []


def test_pattern_error_messages_follow_the_document_pattern() -> None:
    name_pattern = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}"
    assert (
        "patternErrorMessage"
        in schemagen.generate_from_pages(OPERATION_TEXT, {"Tag": TAG_TEXT}, HINTS)["properties"][
            "Name"
        ]
    )
    text = edited(OPERATION_TEXT, name_pattern, "[a-z0-9](-*[a-z0-9]){0,255}")
    changed = schemagen.generate_from_pages(text, {"Tag": TAG_TEXT}, HINTS)["properties"]["Name"]
    assert "patternErrorMessage" not in changed


def test_wrong_document_example_gets_a_note() -> None:
    prop = schemagen.generate()["properties"]["WeeklyMaintenanceWindowStart"]
    assert "TUE:03:30" in prop["description"]
    assert "write the day as Tue" in prop["description"]
    assert "write the day as Tue" in prop["markdownDescription"]


def test_examples_for_a_member_the_document_lacks_are_an_error() -> None:
    hints = schemagen.Hints(examples={"CreateMlflowApp": {"NameTypo": ["x"]}})
    with pytest.raises(ValueError, match=r"CreateMlflowApp\.NameTypo"):
        schemagen.generate_from_pages(OPERATION_TEXT, {"Tag": TAG_TEXT}, hints)


def test_examples_for_a_type_no_operation_has_are_an_error() -> None:
    hints = schemagen.Hints(examples={"Filter": {"Name": ["x"]}})
    with pytest.raises(ValueError, match="Filter"):
        schemagen.generate_all(hints=hints)


def test_a_reserved_prefix_for_a_member_the_document_lacks_is_an_error() -> None:
    reserved = {"prefix": "aws:", "rule": "reserved-tag-key", "message": "m"}
    hints = schemagen.Hints(reserved_prefixes={"Tag": {"Kye": reserved}})
    with pytest.raises(ValueError, match=r"reserved prefixes for Tag\.Kye"):
        schemagen.generate_from_pages(OPERATION_TEXT, {"Tag": TAG_TEXT}, hints)


def test_a_reserved_prefix_for_a_type_no_operation_has_is_an_error() -> None:
    reserved = {"prefix": "aws:", "rule": "reserved-tag-key", "message": "m"}
    hints = schemagen.Hints(reserved_prefixes={"Filter": {"Name": reserved}})
    with pytest.raises(ValueError, match="reservedPrefixes for \\['Filter'\\]"):
        schemagen.generate_all(hints=hints)


def test_snippets_for_an_operation_the_model_lacks_are_an_error() -> None:
    hints = schemagen.Hints(default_snippets={"CreateMlflowAppp": [{"label": "x", "body": {}}]})
    with pytest.raises(ValueError, match="CreateMlflowAppp"):
        schemagen.generate_all(hints=hints)


def test_a_snippet_setting_a_member_the_document_lacks_is_an_error() -> None:
    hints = schemagen.Hints(
        default_snippets={"CreateMlflowApp": [{"label": "x", "body": {"Nmae": "x"}}]}
    )
    with pytest.raises(ValueError, match="Nmae"):
        schemagen.generate_from_pages(OPERATION_TEXT, {"Tag": TAG_TEXT}, hints)


def test_unknown_hint_keys_are_an_error() -> None:
    with pytest.raises(ValueError, match="example"):
        schemagen.Hints.from_json({"example": {}})


# --- 6. the schema is a valid draft-07 schema ---------------------------------------------------


def check_draft_07(schema: dict[str, Any]) -> None:
    # draft-07 patterns are ECMAScript: judge "format": "regex" with `regex`, which knows \p{L}
    # (the default checker uses Python's `re`, which does not).
    format_checker = FormatChecker()
    format_checker.checks("regex", raises=regex.error)(regex.compile)
    Draft7Validator.check_schema(schema, format_checker=format_checker)


@pytest.mark.parametrize("file_name", sorted(ALL_SCHEMAS))
def test_schema_is_valid_draft_07(file_name: str) -> None:
    schema = ALL_SCHEMAS[file_name]
    check_draft_07(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$id" not in json.dumps(schema)


def test_schema_check_notices_an_invalid_schema(schema: dict[str, Any]) -> None:
    changed = copy.deepcopy(schema)
    changed["properties"]["Name"]["maxLength"] = "256"
    with pytest.raises(SchemaError, match="'256' is not of type 'integer'"):
        check_draft_07(changed)


def test_root_layout(schema: dict[str, Any]) -> None:
    assert schema["title"] == "CreateMlflowApp request"
    assert schema["description"].startswith("Creates an MLflow")
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["ArtifactStoreUri", "Name", "RoleArn"]
    assert list(schema["properties"]) == [
        "AccountDefaultStatus",
        "ArtifactStoreUri",
        "DefaultDomainIdList",
        "KmsKeyId",
        "ModelRegistrationMode",
        "Name",
        "RoleArn",
        "Tags",
        "WeeklyMaintenanceWindowStart",
    ]
    tag = schema["definitions"]["Tag"]
    assert (tag["type"], tag["additionalProperties"], tag["required"]) == (
        "object",
        False,
        ["Key", "Value"],
    )


# --- 7. the parser and the page quirks ----------------------------------------------------------


def test_required_glued_to_a_pattern_is_split_off() -> None:
    assert pages.unglue("d-(-*[a-z0-9]){1,61}Required: No") == [
        "d-(-*[a-z0-9]){1,61}",
        "Required: No",
    ]


def test_valid_values_joined_with_bars_and_glued_to_required() -> None:
    lines = pages.page_lines(
        "Whether it is on.\nType: String\nValid Values:\nON | OFF | AUTORequired: No"
    )
    member = pages.parse_member("Mode", lines)
    assert member.enum == ("ON", "OFF", "AUTO")
    assert member.required is False


def test_type_run_into_a_sentence() -> None:
    lines = pages.page_lines(
        "Set this value to\nAutoOn. If not set,Thingdefaults toAutoModeOff.Type: String\n"
        "Required: Yes"
    )
    member = pages.parse_member("Mode", lines)
    assert member.type == "String"
    assert member.required is True
    assert member.description == (
        "Set this value to AutoOn. If not set, Thingdefaults to AutoModeOff."
    )


def test_glued_type_and_required_on_one_line() -> None:
    assert pages.unglue("Some prose.Type: StringRequired: Yes") == [
        "Some prose.",
        "Type: String",
        "Required: Yes",
    ]


def test_pattern_is_taken_verbatim() -> None:
    lines = pages.page_lines("x\nType: String\nPattern:\narn:aws[a-z\\-]*:\\d{12}Required: Yes")
    assert pages.parse_member("Arn", lines).pattern == "arn:aws[a-z\\-]*:\\d{12}"


def test_bounds_with_only_a_maximum() -> None:
    lines = pages.page_lines("x\nType: String\nLength Constraints: Maximum length of 9.")
    member = pages.parse_member("Short", lines)
    assert (member.min_length, member.max_length) == (None, 9)


def test_unreadable_bounds_are_an_error() -> None:
    lines = pages.page_lines("x\nType: String\nLength Constraints: Fixed length of 9.")
    with pytest.raises(ValueError, match="Short: cannot read the bounds"):
        pages.parse_member("Short", lines)


def test_whole_operation_page() -> None:
    page = pages.parse_operation_page(OPERATION_TEXT)
    assert page.name == "CreateMlflowApp"
    assert page.summary.startswith("Creates an MLflow Tracking Server")
    assert [member.name for member in page.response] == ["Arn"]
    assert page.response[0].max_length == 128
    assert page.errors == (
        pages.ApiError(
            name="ResourceLimitExceeded",
            description=(
                "You have exceeded an SageMaker resource limit. "
                "For example, you might have too many training jobs created."
            ),
            http_status=400,
        ),
    )
    model_mode = next(m for m in page.request if m.name == "ModelRegistrationMode")
    assert "set this value to AutoModelRegistrationDisabled." in model_mode.description


def test_data_type_page() -> None:
    page = pages.parse_data_type_page(TAG_TEXT)
    assert page.name == "Tag"
    assert [(m.name, m.min_length, m.max_length, m.required) for m in page.members] == [
        ("Key", 1, 128, True),
        ("Value", 0, 256, True),
    ]


# --- 8. the model front end ----------------------------------------------------------------------


def test_documentation_html_becomes_plain_text() -> None:
    html = (
        '<p>Set <code>Mode</code> to <code>"On"</code>. See <a href="https://x.test/a">the'
        " guide</a>.</p> <p>Choose:</p><ul><li><p>one</p></li><li><p>two &amp; three</p></li></ul>"
    )
    assert model.html_to_text(html) == (
        'Set Mode to "On". See the guide (https://x.test/a).\n\nChoose:\n- one\n- two & three'
    )


def test_member_documentation_wins_over_the_shape_documentation() -> None:
    properties = schemagen.generate("CreateMlflowApp")["properties"]
    assert properties["RoleArn"]["description"].endswith("the AmazonS3FullAccess permission.")


def test_an_unsupported_shape_type_is_an_error() -> None:
    changed = copy.deepcopy(schemagen.load_model())
    changed["shapes"]["ExpiresInSeconds"]["type"] = "blob"
    with pytest.raises(ValueError, match="ExpiresInSeconds: unsupported shape type 'blob'"):
        schemagen.generate("CreatePresignedMlflowAppUrl", changed)


def test_integer_bounds_come_from_the_model() -> None:
    changed = copy.deepcopy(schemagen.load_model())
    changed["shapes"]["MaxResults"]["max"] = 500
    prop = schemagen.generate("ListMlflowTrackingServers", changed)["properties"]["MaxResults"]
    assert (prop["type"], prop["minimum"], prop["maximum"]) == ("integer", 1, 500)
    assert prop["markdownDescription"].endswith("A whole number from 1 to 500.")


@pytest.mark.parametrize("operation", FAMILY)
def test_command_names_are_the_aws_cli_names(operation: str) -> None:
    assert command_name(operation) == xform_name(operation, "-")
    assert schemagen.resolve_operation(xform_name(operation, "-")) == operation


def test_a_page_valid_range_becomes_integer_bounds() -> None:
    lines = pages.page_lines(
        "How many.\nType: Integer\nValid Range: Minimum value of 1. Maximum value of 100.\n"
        "Required: No"
    )
    member = pages.parse_member("MaxResults", lines)
    assert (member.type, member.min_value, member.max_value) == ("Integer", 1, 100)
