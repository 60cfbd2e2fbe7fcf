"""Every rule the linter reports, by id: the one list that `rules`, docs and reports read."""

from mlflow_app_lint.base.findings import Rule
from mlflow_app_lint.checking import rules, schema_issues
from mlflow_app_lint.checking.request import INTERNAL_ERROR
from mlflow_app_lint.policy import directives
from mlflow_app_lint.reading import problems as parse_rules

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        *parse_rules.ALL,
        *schema_issues.ALL,
        *(rule for module in rules.ALL for rule in module.RULES),
        *directives.ALL,
        INTERNAL_ERROR,
    )
}
