"""Every rule the linter reports, by id: the one list that `rules`, docs and reports read."""

from mlflow_app_lint.base.findings import Rule, Severity
from mlflow_app_lint.checking import schema_issues as schema_check
from mlflow_app_lint.checking.rules import CHECKS
from mlflow_app_lint.policy import suppressions as directives
from mlflow_app_lint.reading import problems as parse_rules

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
