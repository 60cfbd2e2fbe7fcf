"""The language server: the protocol's messages to lints, diagnostics, actions, hover and
completion.

Linting runs in a worker thread, never on the protocol's loop. A buffer is linted by at most one
lint at a time; the edits that arrive meanwhile are linted once, together, when it ends (the
debouncing), and a result is published only if its version is still the buffer's.
"""

from __future__ import annotations

import asyncio
import traceback
from concurrent.futures import ThreadPoolExecutor

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from mlflow_app_lint import __version__
from mlflow_app_lint.server import actions, completion, hover
from mlflow_app_lint.server.configs import Configurations
from mlflow_app_lint.server.diagnostics import SOURCE, diagnostic
from mlflow_app_lint.server.linting import ConfigProblem, Linted, Outcome, lint_buffer
from mlflow_app_lint.server.positions import TextPositions


class RequestServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(SOURCE, __version__)
        self.configurations = Configurations()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lint")
        self.linted: dict[str, Linted] = {}
        """The last lint published for each open buffer (a request's only)."""
        self._dirty: set[str] = set()
        self._linting: dict[str, asyncio.Task] = {}
        self._config_messages: set[str] = set()
        """The configuration mistakes shown already: each is shown once."""

    def positions(self, text: str) -> TextPositions:
        return TextPositions(text, self.workspace.position_encoding or "utf-16")

    async def in_worker(self, function, *args):
        """`function(*args)`, run in the worker thread (off the protocol's loop)."""
        return await asyncio.get_running_loop().run_in_executor(self.worker, function, *args)

    def schedule(self, uri: str) -> None:
        """Lint the buffer's latest text as soon as no lint of it is running."""
        self._dirty.add(uri)
        if uri not in self._linting:
            self._linting[uri] = asyncio.ensure_future(self._lint_while_dirty(uri))

    async def _lint_while_dirty(self, uri: str) -> None:
        try:
            while uri in self._dirty:
                self._dirty.discard(uri)
                outcome = await self.lint_current(uri)
                if outcome is not None and self._is_current(outcome.uri, outcome.version):
                    self._publish(outcome)
        finally:
            del self._linting[uri]

    async def lint_current(self, uri: str) -> Outcome | None:
        """The lint of the buffer's text as it is now, in the worker thread; None when the
        buffer is closed or the lint failed (which is logged)."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        text, version = document.source, document.version
        try:
            return await self.in_worker(lint_buffer, uri, version, text, self.configurations)
        except Exception:  # a bug of ours must not take the server down with it
            self.window_log_message(
                types.LogMessageParams(types.MessageType.Error, traceback.format_exc())
            )
            return None

    async def current(self, uri: str) -> Linted | None:
        """The lint of the buffer's current version (the published one when it is current)."""
        document = self.workspace.text_documents.get(uri)
        linted = self.linted.get(uri)
        if document is None or (linted is not None and linted.version == document.version):
            return linted
        outcome = await self.lint_current(uri)
        return outcome if isinstance(outcome, Linted) else None

    def forget(self, uri: str) -> None:
        self.linted.pop(uri, None)
        self._dirty.discard(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    def _is_current(self, uri: str, version: int | None) -> bool:
        document = self.workspace.text_documents.get(uri)
        return document is not None and document.version == version

    def _publish(self, outcome: Outcome) -> None:
        diagnostics: list[types.Diagnostic] = []
        if isinstance(outcome, Linted):
            self.linted[outcome.uri] = outcome
            positions = self.positions(outcome.text)
            diagnostics = [
                diagnostic(finding, outcome.uri, positions) for finding in outcome.result.findings
            ]
        else:
            self.linted.pop(outcome.uri, None)
            if isinstance(outcome, ConfigProblem) and outcome.message not in self._config_messages:
                self._config_messages.add(outcome.message)
                self.window_show_message(
                    types.ShowMessageParams(types.MessageType.Error, outcome.message)
                )
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(outcome.uri, diagnostics, outcome.version)
        )


server = RequestServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: RequestServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: RequestServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: RequestServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: RequestServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=list(actions.KINDS)),
)
async def code_action(
    ls: RequestServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    linted = await ls.current(params.text_document.uri)
    if linted is None:
        return None
    return await ls.in_worker(
        actions.code_actions,
        linted,
        ls.positions(linted.text),
        params.range,
        params.context.only,
    )


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def on_hover(ls: RequestServer, params: types.HoverParams) -> types.Hover | None:
    linted = await ls.current(params.text_document.uri)
    if linted is None:
        return None
    return await ls.in_worker(hover.hover, linted, ls.positions(linted.text), params.position)


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", '"', ":"])
)
async def on_completion(
    ls: RequestServer, params: types.CompletionParams
) -> list[types.CompletionItem] | None:
    document = ls.workspace.text_documents.get(params.text_document.uri)
    linted = await ls.current(params.text_document.uri)
    if document is None or linted is None:
        return None
    text = document.source
    return await ls.in_worker(
        completion.complete,
        text,
        linted.is_json,
        linted.operation,
        ls.positions(text),
        params.position,
    )
