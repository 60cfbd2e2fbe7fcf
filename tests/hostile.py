"""Run the real CLI in a subprocess with a time and a memory limit, as CI or a hook would."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TIME_LIMIT_SECONDS = 120
"""Far above any run here: a hang fails the test instead of stalling the suite."""
MEMORY_LIMIT_BYTES = 1024**3


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def findings(self) -> list[dict]:
        return json.loads(self.stdout)["findings"]

    def rules(self) -> list[str]:
        return [finding["rule"] for finding in self.findings]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def lint(*args: str | Path, stdin: bytes | None = None, cwd: Path | None = None) -> Run:
    """`mlflow-app-lint check ARGS` in a child process; never a traceback on standard error."""
    completed = subprocess.run(
        [sys.executable, "-m", "mlflow_app_lint", "check", *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=TIME_LIMIT_SECONDS,
        preexec_fn=_limit_memory,
        cwd=cwd,
    )
    run = Run(
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )
    assert "Traceback" not in run.stderr, run.stderr
    return run
