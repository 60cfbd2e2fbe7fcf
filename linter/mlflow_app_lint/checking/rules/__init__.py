"""The custom rules: what the schema cannot say well. One module per concern, listed explicitly.

Each module has MEMBERS (the request members it looks at: it runs only for operations that have
one of them), RULES, REPLACES (schema rule ids it explains better at the same place) and
check(request), which yields issues; OPERATIONS, where a module has it, limits it to the
operations of those API names.
"""

from mlflow_app_lint.checking.rules import (
    account_id,
    domain_ids,
    maintenance_window,
    mlflow_version,
    tags,
    update_changes_nothing,
)

ALL = (maintenance_window, domain_ids, tags, account_id, mlflow_version, update_changes_nothing)
