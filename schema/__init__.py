"""The API documents and the schemas generated from them, installed as `mlflow_app_lint.schema`
(package data: this folder is mapped into the package by pyproject.toml)."""

import os

FOLDER = os.path.dirname(os.path.abspath(__file__))
