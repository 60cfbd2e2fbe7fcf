"""A real LSP client (pytest-lsp's) talking to `mlflow-app-lint server` over stdio, and what the
tests need to drive it: open and change buffers, wait for a version's diagnostics, and apply the
edits the server sends, as an editor does (positions in UTF-16 code units)."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "mlflow_app_lint", "server"]
WAIT_SECONDS = 20


def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics in order (`client.published`)."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    register_lsp_features(
        client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish}
    )
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=recording_client)


async def until(condition: Callable[[], Any], seconds: float = WAIT_SECONDS) -> Any:
    deadline = time.monotonic() + seconds
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise TimeoutError("the server did not answer in time")
        await asyncio.sleep(0.005)
    return value


async def diagnostics(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """The diagnostics the server published for this version of the buffer."""
    published = await until(
        lambda: next((p for p in client.published if p.uri == uri and p.version == version), None)
    )
    return list(published.diagnostics)


async def open_buffer(
    client: LanguageClient, path: Path, text: str | None = None, version: int = 1
) -> tuple[str, list[types.Diagnostic]]:
    uri = path.resolve().as_uri()
    text = path.read_text(encoding="utf-8") if text is None else text
    language = "json" if path.suffix == ".json" else "yaml"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, version, text))
    )
    return uri, await diagnostics(client, uri, version)


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    """Replace the buffer's whole text (a full-document change)."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )


def offset(text: str, position: types.Position) -> int:
    """A UTF-16 position's offset in `text` (lines end at \\n, as in the files used here)."""
    line_start = sum(len(line) + 1 for line in text.split("\n")[: position.line])
    units = 0
    index = line_start
    while units < position.character:
        units += 2 if ord(text[index]) > 0xFFFF else 1
        index += 1
    return index


def apply(text: str, edits: list[types.TextEdit]) -> str:
    spans = [(offset(text, e.range.start), offset(text, e.range.end), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text
