"""The custom rules: what the schema cannot say well. One module per concern, listed explicitly.

Each module has MEMBERS (the request members it looks at: it runs only for operations that have
one of them), RULES, REPLACES (schema rule ids it explains better at the same place) and
check(request), which yields issues.
"""

from mlflow_app_lint.checking.rules import domain_ids, maintenance_window, tags

ALL = (maintenance_window, domain_ids, tags)
