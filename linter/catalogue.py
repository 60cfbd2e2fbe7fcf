"""Every rule the linter reports, by id: the one list that `rules`, docs and reports read."""

from . import directives, parse_rules, schema_check
from .findings import Rule, Severity
from .rules import CHECKS

INTERNAL_ERROR = Rule(
    "internal-error",
    Severity.ERROR,
    "A rule failed on this document.",
    "A bug in mlflow-app-lint, not in your file: the rest of the document was still checked. "
    "Please report it with the file that caused it.",
    locked=True,
)

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        *parse_rules.ALL,
        *schema_check.ALL,
        *(rule for module in CHECKS for rule in module.RULES),
        *directives.ALL,
        INTERNAL_ERROR,
    )
}
