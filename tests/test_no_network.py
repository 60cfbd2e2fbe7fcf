"""The linter never reaches the network: the schema and all it needs ship with the package, and
a `$ref` to anywhere else is refused, not fetched."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from referencing.exceptions import Unresolvable

from mlflow_app_lint.checking.jsonschema_errors import validator_for

from .conftest import ROOT
from .hostile import TIME_LIMIT_SECONDS


@pytest.mark.parametrize("uri", ["http://127.0.0.1:9/schema.json", "https://example.com/s"])
def test_the_validator_refuses_a_remote_ref(uri: str) -> None:
    validator = validator_for({"$ref": uri})
    with pytest.raises(Unresolvable):
        list(validator.iter_errors("anything"))


# An audit hook sees every socket the interpreter opens and every URL urllib would fetch.
WATCHED = textwrap.dedent(
    """
    import os, sys

    def refuse(event, args):
        if event.startswith("socket.") or event.startswith("urllib."):
            sys.stderr.write(f"NETWORK {event} {args!r}\\n")
            os._exit(99)

    sys.addaudithook(refuse)
    BODY
    """
)


def run_watched(body: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", WATCHED.replace("BODY", body), *args],
        input="",
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_SECONDS,
        cwd=ROOT,
    )


def test_the_audit_hook_sees_a_socket() -> None:
    watched = run_watched("import socket; socket.socket()")
    assert watched.returncode == 99
    assert "NETWORK socket.__new__" in watched.stderr


def test_a_run_opens_no_socket() -> None:
    body = "from mlflow_app_lint.cli import main; sys.argv[0] = 'mlflow-app-lint'; main()"
    paths = ["examples", "tests/cases", "-"]
    watched = run_watched(body, "check", "--format", "json", *paths)
    assert watched.returncode == 1, watched.stderr  # the bad cases have errors
    assert "NETWORK" not in watched.stderr
    assert '"files": ' in watched.stdout


def test_a_remote_ref_is_refused_without_a_socket() -> None:
    body = textwrap.dedent(
        """
        from referencing.exceptions import Unresolvable
        from mlflow_app_lint.checking.jsonschema_errors import validator_for
        try:
            list(validator_for({"$ref": "http://127.0.0.1:9/s.json"}).iter_errors(1))
        except Unresolvable:
            print("refused")
        """
    )
    watched = run_watched(body)
    assert (watched.returncode, watched.stdout) == (0, "refused\n"), watched.stderr
