"""Fixes shown as a unified diff that `patch -p0` or `git apply -p0` can apply."""

from __future__ import annotations

import difflib
import re

from mlflow_app_lint.engine.results import FileFix

LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")
"""One line with its own line break (CRLF lines keep their CR); only '\\n' ends a line."""
NO_NEWLINE = "\\ No newline at end of file\n"


def unified(fixes: tuple[FileFix, ...]) -> str:
    return "".join(_file_diff(fix) for fix in fixes)


def _file_diff(fix: FileFix) -> str:
    before = LINE.findall(fix.before.decode("utf-8-sig"))
    after = LINE.findall(fix.after.decode("utf-8-sig"))
    out: list[str] = []
    for line in difflib.unified_diff(before, after, fix.shown_as, fix.shown_as):
        out.append(line if line.endswith("\n") else line + "\n" + NO_NEWLINE)
    return "".join(out)
