"""Rules about the file as text, reported while it is read."""

from mlflow_app_lint.base.findings import Rule, Severity
from mlflow_app_lint.base.rule_examples import REQUEST

SYNTAX_ERROR = Rule(
    "syntax-error",
    Severity.ERROR,
    "The file is not valid YAML or strict JSON.",
    "The AWS CLI cannot read the request at all. JSON files are read as strict JSON, as "
    "`--cli-input-json` reads them: comments, trailing commas and single quotes are errors.",
    bad=REQUEST + "Tags: [{Key: team, Value: forecasting}\n",
    good=REQUEST + "Tags: [{Key: team, Value: forecasting}]\n",
    locked=True,
)
DUPLICATE_KEY = Rule(
    "duplicate-key",
    Severity.ERROR,
    "A mapping sets the same member twice.",
    "The AWS CLI's YAML reader refuses repeated keys, and in JSON one of the two values is "
    "silently lost. Reported at the later key, naming the line of the earlier one.",
    bad=REQUEST + "Name: my-other-app\n",
    good=REQUEST,
)
UNKNOWN_TAG = Rule(
    "unknown-tag",
    Severity.ERROR,
    "A YAML tag other than the standard ones (!!str, !!int, ...).",
    "A request is plain data. Tags such as `!!python/object` ask a loader to build objects or run "
    "code; they are never constructed here, and AWS would not accept them.",
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
    "Request files are read as UTF-8 (a byte-order mark is allowed). Binary data, NUL bytes or "
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
    EMPTY_DOCUMENT,
    SYNTAX_ERROR,
    TOO_DEEP,
    TOO_MANY_VALUES,
    DUPLICATE_KEY,
    UNKNOWN_TAG,
    COMPLEX_KEY,
    ALIAS_BOMB,
)
