"""Write a file so that readers see the old content or the new, never a part of it."""

from __future__ import annotations

import os


def write_atomically(path: str, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`, keeping the mode."""
    import tempfile  # only when a file is written: a run that writes none starts sooner

    directory = os.path.dirname(os.path.abspath(path))
    mode = _existing_mode(path)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".mlflow-app-lint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _existing_mode(path: str) -> int | None:
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return None
