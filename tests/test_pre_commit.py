"""The pre-commit hook, as a user meets it: the real `pre-commit try-repo` installs this checkout's
committed hook into its own virtualenv and runs it in a real git repository. pre-commit builds
that virtualenv on every try-repo, so the module runs it once and the tests read the outcome."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from .conftest import ROOT

UNRELATED = {
    # YAML that is no request: the linter would flag both (unknown members, wrong types).
    "config.yaml": "Name: 2024\nlog_level: debug\n",
    ".github/workflows/ci.yml": "on: push\njobs: {}\n",
}


def git(project: Path, *args: str, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    project = tmp_path_factory.mktemp("project")
    examples = ROOT / "examples"
    (project / "requests").mkdir()
    shutil.copy(examples / "good.mlflow-app.yaml", project / "requests/good.mlflow-app.yaml")
    shutil.copy(examples / "bad.mlflow-app.yaml", project / "requests/bad.mlflow-app.yaml")
    (project / "mlflow-apps").mkdir()
    shutil.copy(examples / "good.mlflow-app.json", project / "mlflow-apps/team.json")
    for name, text in UNRELATED.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")

    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")),
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.com",
        NO_COLOR="1",
    )
    git(project, "init", "--quiet", env=env)
    git(project, "add", "--all", env=env)
    git(project, "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "requests", env=env)
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "mlflow-app-lint"]
    return subprocess.run(
        [*command, "--all-files", "--verbose", "--color", "never"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_the_hook_fails_on_the_bad_request_with_its_findings(hook_run) -> None:
    assert hook_run.returncode == 1, hook_run.stdout + hook_run.stderr
    assert "mlflow-app-lint" in hook_run.stdout
    assert "Failed" in hook_run.stdout
    assert "requests/bad.mlflow-app.yaml:4:7: error [invalid-type]" in hook_run.stdout
    assert "requests/bad.mlflow-app.yaml:24:5: error [missing-required]" in hook_run.stdout


def test_the_hook_checks_and_passes_the_good_requests(hook_run) -> None:
    # Three files by the naming convention, one of them under mlflow-apps/; only bad.* has findings.
    assert re.search(r"^Checked 3 files, 3 documents: \d+ errors", hook_run.stdout, re.MULTILINE)
    findings = [line for line in hook_run.stdout.splitlines() if ": error [" in line]
    assert findings
    assert all(line.startswith("requests/bad.mlflow-app.yaml:") for line in findings)


def test_the_hook_never_reads_unrelated_yaml(hook_run) -> None:
    for name in UNRELATED:
        assert Path(name).name not in hook_run.stdout


def readme_snippets() -> list[dict]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use it with pre-commit", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)
    return [YAML(typ="safe").load(block) for block in blocks]


def test_the_readme_configurations_name_this_hook() -> None:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    offered = {hook["id"] for hook in hooks}
    default, overridden = readme_snippets()
    for config in (default, overridden):
        (repo,) = config["repos"]
        assert repo["rev"] == "v0.1.0"
        assert {hook["id"] for hook in repo["hooks"]} <= offered
    (hook,) = overridden["repos"][0]["hooks"]
    assert re.search(hook["files"], "deploy/sagemaker/app.yaml")
    assert not re.search(hook["files"], "deploy/other/app.yaml")


def test_the_hooks_files_pattern_takes_every_operations_file_name() -> None:
    from mlflow_app_lint.operations import OPERATIONS

    hooks = YAML(typ="safe", pure=True).load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    for hook in hooks:
        files = re.compile(hook["files"])
        for operation in OPERATIONS.values():
            for suffix in ("yaml", "yml", "json"):
                assert files.search(f"requests/prod.{operation.command}.{suffix}"), operation
        assert files.search("team.mlflow-app.yaml") and files.search("mlflow-apps/a/b.json")
        assert not files.search("config.yaml") and not files.search(".github/workflows/ci.yml")
