"""Benchmark the language server: from a `didChange` of a 50-line request to its diagnostics.

Usage: python benchmarks/server.py [--edits 300] [--warm-up 30]

Starts `mlflow-app-lint server` (this interpreter's installation) and speaks JSON-RPC to it over
stdio, as an editor does: it opens a 50-line request, warms the server with --warm-up edits, then
makes --edits edits one after another, each a full-text change of one tag's value (every other
edit leaves a defect, so half the lints place a finding), and times
each from the moment the change is written to the moment the diagnostics of that version are
read. Prints the median, the 90th percentile and the maximum.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

URI = Path("/benchmark/requests/team.mlflow-app.yaml").as_uri()
HEADER = """\
Name: team-tracking
ArtifactStoreUri: s3://example-mlflow-artifacts/team-tracking
RoleArn: arn:aws:iam::123456789012:role/MlflowAppRole
ModelRegistrationMode: AutoModelRegistrationEnabled
AccountDefaultStatus: DISABLED
WeeklyMaintenanceWindowStart: Tue:03:30
DefaultDomainIdList:
  - d-abc123def456
Tags:
"""
TAGS = 20


def request(edit: int) -> str:
    """The request after edit number `edit`: 50 lines; odd edits write an invalid tag value."""
    value = f"value {edit}" if edit % 2 == 0 else f"value {edit} 🚀"
    tags = [
        (f"key-{index}", value if index == edit % TAGS else f"value-{index}")
        for index in range(TAGS)
    ]
    text = HEADER + "".join(f"  - Key: {key}\n    Value: {value}\n" for key, value in tags)
    return text + "# " + "-" * 20 + "\n"


class Server:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mlflow_app_lint", "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.next_id = 0

    def send(self, method: str, params: Any, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()
        return message.get("id")

    def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while (line := self.process.stdout.readline().strip()) != b"":
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def answer(self, identifier: int | None) -> dict[str, Any]:
        while (message := self.receive()).get("id") != identifier or "method" in message:
            pass
        return message

    def diagnostics(self, version: int) -> list[Any]:
        while True:
            message = self.receive()
            params = message.get("params") or {}
            if (
                message.get("method") == "textDocument/publishDiagnostics"
                and params.get("version") == version
            ):
                return params["diagnostics"]

    def change(self, version: int, text: str) -> list[Any]:
        self.send(
            "textDocument/didChange",
            {"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]},
        )
        return self.diagnostics(version)

    def close(self) -> None:
        self.answer(self.send("shutdown", None, request=True))
        self.send("exit", None)
        self.process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--warm-up", type=int, default=30)
    options = parser.parse_args()
    assert len(request(0).splitlines()) == 50
    server = Server()
    server.answer(server.send("initialize", {"processId": None, "capabilities": {}}, request=True))
    server.send("initialized", {})
    document = {"uri": URI, "languageId": "yaml", "version": 1, "text": request(0)}
    server.send("textDocument/didOpen", {"textDocument": document})
    server.diagnostics(1)
    timings = []
    for edit in range(1, options.warm_up + options.edits + 1):
        started = time.perf_counter()
        found = server.change(edit + 1, request(edit))
        elapsed = time.perf_counter() - started
        assert bool(found) == (edit % 2 == 1), found
        if edit > options.warm_up:
            timings.append(elapsed * 1000)
    server.close()
    timings.sort()
    print(
        f"didChange of a 50-line request to its diagnostics, {len(timings)} edits, warm server: "
        f"median {statistics.median(timings):.1f} ms, "
        f"90th percentile {timings[int(len(timings) * 0.9)]:.1f} ms, max {timings[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
