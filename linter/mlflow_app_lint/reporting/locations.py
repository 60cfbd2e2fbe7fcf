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


def uri_reference(path: str) -> str:
    """A relative path as a URI reference: every character a URI does not allow as it stands
    (spaces, '%', non-ASCII, and ':' that would read as a scheme) percent-encoded."""
    return quote(path, safe="/")
