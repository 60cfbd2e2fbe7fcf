"""The custom rules: what the schema cannot say well. One module per concern, listed explicitly."""

from mlflow_app_lint.checking.rules import domain_ids, maintenance_window, tags

CHECKS = (maintenance_window, domain_ids, tags)
"""Modules with RULES, REPLACES (schema rule ids they explain better) and check(request)."""
