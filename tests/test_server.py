"""`mlflow-app-lint server` end to end: a real server process and pytest-lsp's real client over
stdio. Diagnostics must be the CLI's findings; each code action, applied as an editor would and
linted again, must leave the text the CLI's fix gives, without the finding."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from .conftest import ROOT, invoke
from .lsp import CONFIG, apply, change, diagnostics, open_buffer, until
from .test_hostile import CASES, Case

pytestmark = pytest.mark.asyncio

BAD = ROOT / "examples" / "bad.mlflow-app.yaml"
GOOD = (ROOT / "examples" / "good.mlflow-app.yaml", ROOT / "examples" / "good.mlflow-app.json")


async def _started(client: LanguageClient, encodings: list[str] | None = None):
    general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
    result = await client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities(general=general))
    )
    return result


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    lsp_client.initialize_result = await _started(lsp_client)
    yield
    await lsp_client.shutdown_session()
    assert lsp_client.error is None


@pytest_lsp.fixture(config=CONFIG)
async def bare_client(lsp_client: LanguageClient):
    """A client the test shuts down itself."""
    await _started(lsp_client)
    yield


@pytest_lsp.fixture(config=CONFIG)
async def utf8_client(lsp_client: LanguageClient):
    lsp_client.initialize_result = await _started(lsp_client, ["utf-8", "utf-16"])
    yield
    await lsp_client.shutdown_session()


def _cli_findings(path: Path) -> list[tuple[int, int, str]]:
    return [
        (f["line"], f["column"], f["rule"])
        for f in invoke("check", "--format", "json", str(path)).findings
    ]


def _places(found: list[types.Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.range.start.line + 1, d.range.start.character + 1, d.code) for d in found]


async def test_initialize_announces_what_the_server_does(client: LanguageClient) -> None:
    capabilities = client.initialize_result.capabilities
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    assert capabilities.hover_provider and capabilities.completion_provider
    kinds = capabilities.code_action_provider.code_action_kinds
    assert types.CodeActionKind.QuickFix in kinds
    assert "source.fixAll.mlflow-app-lint" in kinds


async def test_the_bad_example_gets_the_cli_findings(client: LanguageClient) -> None:
    _, found = await open_buffer(client, BAD)
    assert _places(found) == _cli_findings(BAD)
    duplicate = next(d for d in found if d.code == "duplicate-tag-key")
    assert duplicate.severity == types.DiagnosticSeverity.Error
    assert duplicate.source == "mlflow-app-lint"
    assert duplicate.code_description.href.endswith("/docs/rules.md#duplicate-tag-key")
    (related,) = duplicate.related_information
    assert related.location.range.start.line + 1 == 16  # the first `Key: team`
    warning = next(d for d in found if d.code == "duplicate-domain-id")
    assert warning.severity == types.DiagnosticSeverity.Warning


@pytest.mark.parametrize("path", GOOD, ids=lambda path: path.name)
async def test_a_good_request_gets_no_diagnostics(client: LanguageClient, path: Path) -> None:
    _, found = await open_buffer(client, path)
    assert found == []


async def test_a_file_nothing_selects_gets_nothing(client: LanguageClient, tmp_path: Path) -> None:
    # A workflow with members a request might have: inference is not enough to lint it.
    workflow = tmp_path / ".github" / "workflows" / "ci.yaml"
    _, found = await open_buffer(client, workflow, "Name: 2024\non: push\n")
    assert found == []
    marked = tmp_path / "request.yaml"
    text = "# mlflow-app-lint: operation=CreateMlflowApp\nName: 2024\n"
    _, found = await open_buffer(client, marked, text)
    assert "invalid-type" in {d.code for d in found}
    _, found = await open_buffer(client, tmp_path / "mlflow-apps" / "team.yaml", "Name: 2024\n")
    assert "invalid-type" in {d.code for d in found}


async def test_ranges_are_in_utf16_code_units(client: LanguageClient) -> None:
    _, found = await open_buffer(client, BAD)
    emoji = next(d for d in found if d.code == "pattern-mismatch")
    # `"rocket 🚀"`: 10 code points, 11 UTF-16 code units.
    assert emoji.range.end.character - emoji.range.start.character == 11


async def test_ranges_follow_a_negotiated_utf8(utf8_client: LanguageClient) -> None:
    assert utf8_client.initialize_result.capabilities.position_encoding == "utf-8"
    _, found = await open_buffer(utf8_client, BAD)
    emoji = next(d for d in found if d.code == "pattern-mismatch")
    assert emoji.range.end.character - emoji.range.start.character == 13  # 🚀 is 4 bytes


def _about_one(diagnostic: types.Diagnostic) -> tuple:
    return diagnostic.code, diagnostic.range


def _about(action: types.CodeAction) -> tuple:
    (diagnostic,) = action.diagnostics
    return _about_one(diagnostic)


async def _actions(client: LanguageClient, uri: str, where: types.Range, only=None):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), where, types.CodeActionContext([], only=only)
        )
    )


async def test_each_quick_fix_applied_removes_its_finding(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = BAD.read_text(encoding="utf-8")
    uri, found = await open_buffer(client, BAD)
    fixed_any = 0
    version = 1
    for diagnostic in found:
        actions = await _actions(client, uri, diagnostic.range, [types.CodeActionKind.QuickFix])
        fixes = [a for a in actions if a.is_preferred and _about(a) == _about_one(diagnostic)]
        if not fixes:
            continue
        (edits,) = fixes[0].edit.changes.values()
        after = apply(text, edits)
        version += 1
        change(client, uri, version, after)
        remaining = await diagnostics(client, uri, version)
        assert (diagnostic.range.start.line, diagnostic.code) not in {
            (d.range.start.line, d.code) for d in remaining
        }
        assert len(remaining) == len(found) - 1
        # The same edit as `check --fix` makes for it: the CLI, run on the result, agrees.
        copy = tmp_path / f"fixed-{version}.mlflow-app.yaml"
        copy.write_text(after, encoding="utf-8")
        assert len(_cli_findings(copy)) == len(found) - 1
        version += 1
        change(client, uri, version, text)
        await diagnostics(client, uri, version)
        fixed_any += 1
    assert fixed_any == 5  # the CLI: "5 fixable with --fix"


async def test_fix_all_gives_what_check_fix_writes(client: LanguageClient, tmp_path: Path) -> None:
    text = BAD.read_text(encoding="utf-8")
    uri, _ = await open_buffer(client, BAD)
    whole = types.Range(types.Position(0, 0), types.Position(0, 0))
    (action,) = await _actions(client, uri, whole, [types.CodeActionKind.SourceFixAll])
    (edits,) = action.edit.changes.values()
    copy = tmp_path / "bad.mlflow-app.yaml"
    shutil.copy(BAD, copy)
    invoke("check", "--fix", str(copy))
    assert apply(text, edits) == copy.read_text(encoding="utf-8")


async def test_suppress_on_this_line_silences_just_that_finding(client: LanguageClient) -> None:
    text = BAD.read_text(encoding="utf-8")
    uri, found = await open_buffer(client, BAD)
    for code in ("reserved-tag-key", "duplicate-domain-id", "pattern-mismatch"):
        diagnostic = next(d for d in found if d.code == code)
        actions = await _actions(client, uri, diagnostic.range)
        (suppress,) = [a for a in actions if a.title == f"Suppress {code} on this line"]
        (edits,) = suppress.edit.changes.values()
        change(client, uri, 2, after := apply(text, edits))
        remaining = await diagnostics(client, uri, 2)
        assert "mlflow-app-lint: disable" in after
        assert sorted(d.code for d in remaining) == sorted(
            d.code for d in found if d is not diagnostic
        )
        change(client, uri, 3, text)
        await diagnostics(client, uri, 3)
        client.published.clear()


async def test_hover_explains_the_member_and_the_finding(client: LanguageClient) -> None:
    uri, _ = await open_buffer(client, BAD)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(6, 26))
    )
    text = hover.contents.value
    assert "**AccountDefaultStatus** (string)" in text
    assert "One of `ENABLED`, `DISABLED`" in text
    assert "**invalid-enum**" in text and "spelled and cased exactly" in text
    key = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(3, 1))
    )
    assert "1-256 characters" in key.contents.value


async def _completions(client: LanguageClient, path: Path, text: str, where: types.Position):
    uri, _ = await open_buffer(client, path, text)
    found = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri), where)
    )
    return [item.label for item in sorted(found, key=lambda item: item.sort_text or item.label)]


async def test_completion_offers_missing_members_required_first(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = "Name: team\nAr\n"
    labels = await _completions(client, tmp_path / "a.mlflow-app.yaml", text, types.Position(1, 2))
    assert labels[:2] == ["ArtifactStoreUri", "RoleArn"]
    assert "Name" not in labels and "Tags" in labels
    json_text = '{\n  "Name": "team",\n  ""\n}\n'
    labels = await _completions(
        client, tmp_path / "a.mlflow-app.json", json_text, types.Position(2, 3)
    )
    assert labels[:2] == ["ArtifactStoreUri", "RoleArn"] and "Name" not in labels


async def test_completion_offers_valid_values(client: LanguageClient, tmp_path: Path) -> None:
    text = "Name: team\nAccountDefaultStatus: \n"
    labels = await _completions(client, tmp_path / "b.mlflow-app.yaml", text, types.Position(1, 22))
    assert labels == ["DISABLED", "ENABLED"]
    text = "Tags:\n  - Key: team\n    \n"
    labels = await _completions(client, tmp_path / "c.mlflow-app.yaml", text, types.Position(2, 4))
    assert labels == ["Value"]


async def test_the_configuration_is_read_again_when_it_changes(
    client: LanguageClient, tmp_path: Path
) -> None:
    config = tmp_path / ".mlflow-app-lint.yaml"
    config.write_text("ignore: [invalid-type]\n", encoding="utf-8")
    path = tmp_path / "app.mlflow-app.yaml"
    uri, found = await open_buffer(client, path, "Name: 2024\n")
    assert "invalid-type" not in {d.code for d in found}
    config.write_text("ignore: [missing-required]\n", encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    found = await until(lambda: {d.code for d in client.diagnostics[uri]} == {"invalid-type"})
    assert found


async def test_a_newer_version_wins(client: LanguageClient, tmp_path: Path) -> None:
    uri, _ = await open_buffer(client, tmp_path / "d.mlflow-app.yaml", "Name: ok\n")
    last = 60
    for version in range(2, last + 1):
        change(client, uri, version, f"Name: {version}\n")  # an integer: invalid-type
    change(client, uri, last + 1, "Name: 2024\n")
    found = await diagnostics(client, uri, last + 1)
    assert "invalid-type" in {d.code for d in found}
    # Results arrive in version order, never an older one after a newer one (how many of the
    # quick edits were linted together depends on the machine's speed).
    versions = [p.version for p in client.published if p.uri == uri]
    assert versions == sorted(versions)


@pytest.mark.parametrize("case", CASES, ids=str)
async def test_a_hostile_buffer_gets_findings_and_the_server_goes_on(
    client: LanguageClient, tmp_path: Path, case: Case
) -> None:
    suffix = Path(case.name).suffix
    text = case.content.decode("utf-8", "replace")
    uri, found = await open_buffer(client, tmp_path / f"hostile.mlflow-app{suffix}", text)
    assert case.rule in {d.code for d in found} or case.rule == "not-text"
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 1))
    )
    assert hover is None or hover.contents.value
    await _actions(client, uri, types.Range(types.Position(0, 0), types.Position(0, 5)))
    _, good = await open_buffer(client, GOOD[0])
    assert good == []


async def test_a_wrong_configuration_is_shown_and_nothing_is_linted(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / ".mlflow-app-lint.yaml").write_text("ignore: [no-such-rule]\n", encoding="utf-8")
    _, found = await open_buffer(client, tmp_path / "e.mlflow-app.yaml", "Name: 2024\n")
    assert found == []
    message = await until(lambda: client.messages)
    assert "no-such-rule" in message[0].message and message[0].type == types.MessageType.Error


async def test_closing_a_buffer_clears_its_diagnostics(client: LanguageClient) -> None:
    uri, found = await open_buffer(client, BAD)
    assert found
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    await until(lambda: len(client.diagnostics[uri]) == 0)


async def test_shutdown_and_exit_end_the_server_cleanly(bare_client: LanguageClient) -> None:
    await open_buffer(bare_client, BAD)
    await bare_client.shutdown_session()
    assert bare_client._server.returncode == 0


async def test_only_the_server_command_imports_pygls() -> None:
    code = "import sys, mlflow_app_lint.cli; print({'pygls', 'lsprotocol'} & {*sys.modules})"
    imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert imported.stdout.strip() == "set()", imported.stderr
