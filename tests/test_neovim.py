"""A real editor: Neovim (Debian's `neovim`, 0.7) driven headless with its built-in LSP client
(`vim.lsp.start_client`, `vim.diagnostic.get`) opens the bad example, shows the CLI's findings,
and applies one quick fix. `.ci/run` installs Neovim; without `nvim` the test is skipped."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, invoke

NVIM = shutil.which("nvim")
SCRIPT = Path(__file__).parent / "editors" / "neovim_lsp.lua"
BAD = ROOT / "examples" / "bad.mlflow-app.yaml"
MAINTENANCE_LINE = 8  # WeeklyMaintenanceWindowStart: TUE:3:30

pytestmark = pytest.mark.skipif(
    NVIM is None, reason="nvim is not installed (.ci/run installs it: apt-get install -y neovim)"
)


def test_neovim_shows_the_cli_findings_and_applies_a_quick_fix(tmp_path: Path) -> None:
    request = tmp_path / BAD.name
    shutil.copy(BAD, request)
    output = tmp_path / "neovim.json"
    env = {
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "PYTHON": sys.executable,
        "REQUEST": str(request),
        "RULE_LINE": str(MAINTENANCE_LINE),
        "OUTPUT": str(output),
    }
    subprocess.run(
        [NVIM, "--headless", "--clean", "-c", f"luafile {SCRIPT}"],
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=True,
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )
    result = json.loads(output.read_text(encoding="utf-8"))
    print(json.dumps(result, indent=1))  # what Neovim showed, for the record (pytest -s)
    assert "error" not in result, result.get("error")
    cli = invoke("check", "--format", "json", str(BAD)).findings
    assert [(d["line"], d["column"], d["code"]) for d in result["before"]] == sorted(
        (f["line"], f["column"], f["rule"]) for f in cli
    )
    assert result["title"] == "Write 'Tue:03:30' (maintenance-window)"
    assert result["lines"][MAINTENANCE_LINE - 1] == "WeeklyMaintenanceWindowStart: Tue:03:30"
    assert "maintenance-window" not in {d["code"] for d in result["after"]}
