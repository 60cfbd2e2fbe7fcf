"""Path patterns of exclude and per-file-ignores: bare names match anywhere, paths from the base."""

from __future__ import annotations

import pytest

from mlflow_app_lint.policy.globs import PathPattern

BASE = "/project"


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.json", "/project/a/b/x.json", True),
        ("*.json", "/project/a/b/x.yaml", False),
        ("generated", "/project/apps/generated/x.yaml", True),
        ("legacy/*.yaml", "/project/legacy/a.yaml", True),
        ("legacy/*.yaml", "/project/legacy/sub/a.yaml", False),
        ("legacy/*.yaml", "/project/apps/legacy/a.yaml", False),
        ("legacy/**/*.yaml", "/project/legacy/a.yaml", True),
        ("legacy/**/*.yaml", "/project/legacy/x/y/a.yaml", True),
        ("legacy/", "/project/legacy/x/a.yaml", True),
        ("apps/[!x]*.yaml", "/project/apps/b.yaml", True),
        ("apps/[!x]*.yaml", "/project/apps/x.yaml", False),
        ("apps/?.yaml", "/project/apps/b.yaml", True),
        ("apps/*.yaml", "/elsewhere/apps/b.yaml", False),
        ("a.b/*.yaml", "/project/axb/c.yaml", False),
    ],
)
def test_pattern(pattern: str, path: str, matches: bool) -> None:
    assert PathPattern(pattern, BASE).matches(path) is matches
