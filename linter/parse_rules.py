"""Rules about the file as text, reported while it is read."""

from .examples import REQUEST
from .findings import Rule, Severity

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
ALL = (NOT_TEXT, SYNTAX_ERROR, DUPLICATE_KEY, UNKNOWN_TAG, COMPLEX_KEY, ALIAS_BOMB)
