"""Rules about the file as text, reported while it is read."""

from mlflow_app_lint.base.findings import Rule, Severity
from mlflow_app_lint.base.rule_examples import REQUEST

SYNTAX_ERROR = Rule(
    "syntax-error",
    Severity.ERROR,
    "The file is not valid YAML or strict JSON, or the AWS CLI cannot load it.",
    "The AWS CLI cannot read the request at all. YAML is read as the CLI's loader reads it "
    "(ruamel.yaml, YAML 1.2, or 1.1 under `%YAML 1.1`; other versions are refused). JSON files "
    "are read as strict JSON, as `--cli-input-json` reads them: comments, trailing commas, single "
    "quotes and a leading byte-order mark are errors.",
    bad=REQUEST + "Tags: [{Key: team, Value: forecasting}\n",
    good=REQUEST + "Tags: [{Key: team, Value: forecasting}]\n",
    locked=True,
)
DUPLICATE_KEY = Rule(
    "duplicate-key",
    Severity.ERROR,
    "A YAML mapping sets the same member twice, or has two merge keys.",
    "The AWS CLI's YAML loader refuses a mapping with a repeated key, and a mapping with a second "
    "merge key (`<<`). Reported at the later key, naming the line of the earlier one. (It does "
    "not check the keys of a mapping that merges others, nor JSON: see duplicate-member.)",
    bad=REQUEST + "Name: my-other-app\n",
    good=REQUEST,
)
DUPLICATE_MEMBER = Rule(
    "duplicate-member",
    Severity.WARNING,
    "A member set twice where the AWS CLI keeps the last value and silently drops the other.",
    "In JSON, `--cli-input-json` (Python's json) keeps the last of two members with the same "
    "name; in a YAML mapping with a merge key (`<<`), the AWS CLI's YAML loader does not check "
    "for repeated keys and keeps the last too. The request is sent, but one of the two values "
    "you wrote is lost without a word: the message names it. Keep one. (Anywhere else in YAML "
    "a repeated key is an error: duplicate-key.)",
    bad=REQUEST + "Tags:\n  - <<: {Key: team}\n    Value: forecasting\n    Value: planning\n",
    good=REQUEST + "Tags:\n  - <<: {Key: team}\n    Value: planning\n",
)
SELF_MERGE = Rule(
    "self-merge",
    Severity.WARNING,
    "A mapping merges itself through an alias (`<<: *a` inside `&a`).",
    "A merge key brings in the members of another mapping. Naming the mapping the merge key is "
    "in (directly, in a list of merges, or through mappings that merge it back) brings nothing: "
    "the AWS CLI's loader reads the mapping as if that merge were not there. Surely a mistaken "
    "anchor name; remove the merge or name the mapping you meant.",
    bad=REQUEST + "Tags:\n  - &tag\n    <<: *tag\n    Key: team\n    Value: forecasting\n",
    good=REQUEST + "Tags:\n  - Key: team\n    Value: forecasting\n",
)
MULTI_DOCUMENT = Rule(
    "multi-document",
    Severity.ERROR,
    "The file holds more than one YAML document (a stream).",
    "`--cli-input-yaml` reads exactly one document: the AWS CLI refuses a file with a second "
    "one ('Invalid YAML received'), even an empty one after a trailing `---`. Reported once, "
    "where the second document starts; every document is still checked as a request. If your "
    "own tooling splits streams and sends each document, turn the rule off: "
    '`ignore = ["multi-document"]`.',
    bad=REQUEST + "---\n" + REQUEST.replace("my-app", "my-other-app"),
    good=REQUEST,
)
UNKNOWN_TAG = Rule(
    "unknown-tag",
    Severity.ERROR,
    "A YAML tag other than the standard ones (!!str, !!int, ...), or one on the wrong node.",
    "A request is plain data. Tags such as `!!python/object` ask a loader to build objects or run "
    "code; they are never constructed here, and AWS would not accept them. A standard tag on "
    "the wrong kind of node (`Value: !!map x`, `!!str` on a list) is refused by the AWS CLI's "
    "YAML loader. `!!omap` (a list of one-member mappings) is read as the mapping it is.",
    bad=REQUEST.replace("Name: my-app", 'Name: !!python/object/apply:os.system ["echo hi"]'),
    good=REQUEST,
    locked=True,
)
COMPLEX_KEY = Rule(
    "complex-key",
    Severity.ERROR,
    "A mapping key that is a list or a mapping.",
    "Request members are named by plain strings; a collection as a key cannot name one.",
    bad=REQUEST + "? [Key, Value]\n: team\n",
    good=REQUEST + "Tags:\n  - Key: team\n    Value: forecasting\n",
)
ALIAS_BOMB = Rule(
    "alias-bomb",
    Severity.ERROR,
    "Aliases make the document expand beyond a safe size.",
    "YAML aliases can make a small file stand for a huge one (a 'billion laughs' attack). The "
    "document is refused without expanding it; a real request is a few dozen values.",
    bad=REQUEST
    + "Tags:\n"
    + "  - &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"  - &{name} [{', '.join([f'*{previous}'] * 10)}]\n"
        for previous, name in zip("abcd", "bcde", strict=True)
    ),
    good=REQUEST.replace("Name: my-app", "Name: &name my-app")
    + "Tags:\n  - Key: app\n    Value: *name\n",
    locked=True,
)
NOT_TEXT = Rule(
    "not-text",
    Severity.ERROR,
    "The file is not UTF-8 text.",
    "Request files are read as UTF-8, as the AWS CLI reads them (a byte-order mark is allowed in "
    "YAML; in JSON it is a syntax-error). Binary data, NUL bytes or "
    "another encoding cannot be a request. The two examples are the same text: saved as Latin-1 "
    "(where é is the single byte 0xe9) it is not UTF-8; saved as UTF-8 it is a good request.",
    bad=REQUEST + "Tags:\n  - Key: team\n    Value: café\n",
    good=REQUEST + "Tags:\n  - Key: team\n    Value: café\n",
    locked=True,
)
EMPTY_DOCUMENT = Rule(
    "empty-document",
    Severity.ERROR,
    "The file, or one document of it, holds no request.",
    "An empty file, a file of only comments, or a `---` with nothing after it sends AWS an empty "
    "request, which it rejects (Name, ArtifactStoreUri and RoleArn are required): surely a "
    "mistake, such as a file saved before it was written.",
    bad="# the request is still to be written\n",
    good=REQUEST,
)
TOO_DEEP = Rule(
    "too-deep",
    Severity.ERROR,
    "The document is nested deeper than the linter reads (100 levels).",
    "A request is three levels deep. Deeper nesting is refused where it crosses the cap, so that "
    "a hostile file cannot exhaust the stack; the rest of the file is not read.",
    bad=REQUEST + "Tags: " + "[" * 101 + "]" * 101 + "\n",
    good=REQUEST,
    locked=True,
)
TOO_MANY_VALUES = Rule(
    "too-many-values",
    Severity.ERROR,
    "The document holds more values than the linter reads (100,000).",
    "A request holds a few dozen values. A larger document is refused where it crosses the cap, "
    "so that memory stays bounded; the rest of the file is not read.",
    locked=True,
)
TOO_MANY_FINDINGS = Rule(
    "too-many-findings",
    Severity.ERROR,
    "The file has more findings than the linter lists (10,000).",
    "A request file has a handful of findings. Past 10,000 (of the rules the configuration "
    "turns on), the rest of the file is not checked, so that memory and time stay bounded "
    "whatever a stream holds: fix what is listed, then lint again.",
    locked=True,
)
FILE_TOO_LARGE = Rule(
    "file-too-large",
    Severity.ERROR,
    "The file is larger than --max-file-size (16 MiB unless set).",
    "A request is well under a kilobyte. A larger file is not read at all (the size is taken "
    "from the file system first), so that a stray data file cannot stall a hook or CI.",
    locked=True,
)
ALL = (
    NOT_TEXT,
    FILE_TOO_LARGE,
    TOO_MANY_FINDINGS,
    EMPTY_DOCUMENT,
    SYNTAX_ERROR,
    TOO_DEEP,
    TOO_MANY_VALUES,
    MULTI_DOCUMENT,
    DUPLICATE_KEY,
    DUPLICATE_MEMBER,
    UNKNOWN_TAG,
    COMPLEX_KEY,
    SELF_MERGE,
    ALIAS_BOMB,
)
