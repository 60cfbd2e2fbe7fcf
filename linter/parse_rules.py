"""Rules about the file as text, reported while it is read."""

from .findings import Rule, Severity

SYNTAX_ERROR = Rule(
    "syntax-error",
    Severity.ERROR,
    "The file is not valid YAML or strict JSON.",
    "The AWS CLI cannot read the request at all. JSON files are read as strict JSON, as "
    "`--cli-input-json` reads them: comments, trailing commas and single quotes are errors.",
)
DUPLICATE_KEY = Rule(
    "duplicate-key",
    Severity.ERROR,
    "A mapping sets the same member twice.",
    "The AWS CLI's YAML reader refuses repeated keys, and in JSON one of the two values is "
    "silently lost. Reported at the later key, naming the line of the earlier one.",
)
UNKNOWN_TAG = Rule(
    "unknown-tag",
    Severity.ERROR,
    "A YAML tag other than the standard ones (!!str, !!int, ...).",
    "A request is plain data. Tags such as `!!python/object` ask a loader to build objects or run "
    "code; they are never constructed here, and AWS would not accept them.",
)
COMPLEX_KEY = Rule(
    "complex-key",
    Severity.ERROR,
    "A mapping key that is a list or a mapping.",
    "Request members are named by plain strings; a collection as a key cannot name one.",
)
ALIAS_BOMB = Rule(
    "alias-bomb",
    Severity.ERROR,
    "Aliases make the document expand beyond a safe size.",
    "YAML aliases can make a small file stand for a huge one (a 'billion laughs' attack). The "
    "document is refused without expanding it; a real request is a few dozen values.",
)
NOT_TEXT = Rule(
    "not-text",
    Severity.ERROR,
    "The file is not UTF-8 text.",
    "Request files are read as UTF-8 (a byte-order mark is allowed). Binary data, NUL bytes or "
    "another encoding cannot be a request.",
)
ALL = (NOT_TEXT, SYNTAX_ERROR, DUPLICATE_KEY, UNKNOWN_TAG, COMPLEX_KEY, ALIAS_BOMB)
