"""File names as CI services expect them: relative to the working directory, with '/'."""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from urllib.parse import quote


def relative_path(shown: str) -> str:
    """A path inside the working directory relative to it (CI runs in the repository root);
    one outside it absolute, since no relative form would name it in the repository."""
    path = Path(shown)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return absolute.as_posix()
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(os.path.normpath(absolute)).as_posix()
    return PurePath(relative).as_posix()


def repository_path(shown: str) -> str:
    """A path relative to the root of the repository it is in, as GitLab's Code Quality report
    requires (`location.path`), whatever the current directory and however the path was named
    (absolute, as `$CI_PROJECT_DIR/...` in CI, or from a subdirectory). The root is
    `$CI_PROJECT_DIR` when the file is inside it (GitLab CI sets it), else the repository (the
    nearest directory up with a `.git`) of the current directory, else of the file. A file in
    no repository is named as `relative_path` names it."""
    absolute = os.path.abspath(shown)
    roots = [os.environ.get("CI_PROJECT_DIR") or None, _repository(os.getcwd())]
    roots.append(_repository(os.path.dirname(absolute)))
    for root in roots:
        if root is not None and _inside(absolute, os.path.abspath(root)):
            return PurePath(os.path.relpath(absolute, os.path.abspath(root))).as_posix()
    return relative_path(shown)


def _repository(directory: str) -> str | None:
    """The nearest directory from `directory` up that holds `.git` (a folder, or the file of a
    worktree or submodule)."""
    while True:
        if os.path.exists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root and path != root
    except ValueError:  # another drive on Windows
        return False


def uri_reference(path: str) -> str:
    """A relative path as a URI reference: every character a URI does not allow as it stands
    (spaces, '%', non-ASCII, and ':' that would read as a scheme) percent-encoded."""
    return quote(path, safe="/")
