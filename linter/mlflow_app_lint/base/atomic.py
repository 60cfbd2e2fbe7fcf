"""Write a file so that readers see the old content or the new, never a part of it, and so that
what the file is stays as it was.

- A symbolic link is followed: its target gets the new content, the link stays a link.
- Owner, group and mode are kept; set-id bits only when the owner and group could be kept too
  (as root they always can: the new file is given back to its owner).
- A file with more than one hard link is refused: replacing it would split the names (the others
  would keep the old text), and writing in place could leave a torn file.
- `replace_unchanged` refuses a file whose content is no longer what was read (an editor or
  another run changed it meanwhile): that change would be lost.
- `write_report` writes to what is not a regular file (a device, a FIFO, `/dev/stdout`) directly:
  replacing it would put a regular file where the device or the pipe was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat

SPECIAL_DIRECTORIES = ("/dev/", "/proc/")
"""Where names such as /dev/stdout and /proc/self/fd/1 stand for a descriptor, not a file."""


class Refused(OSError):
    """A file left as it is, and why (`strerror`)."""

    def __init__(self, path: str, why: str) -> None:
        super().__init__(errno.EPERM, why, path)


def write_atomically(path: str, data: bytes) -> None:
    """Write to a temporary file beside the file (a link's target), then rename it over it."""
    import tempfile  # only when a file is written: a run that writes none starts sooner

    target = os.path.realpath(path)
    existing = _existing(target)
    if existing is not None and existing.st_nlink > 1:
        raise Refused(path, f"it has {existing.st_nlink} hard links, and the others would keep "
                      "the old text")  # fmt: skip
    directory = os.path.dirname(target)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".mlflow-app-lint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            if existing is not None:
                _keep_owner_and_mode(file.fileno(), existing)
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def replace_unchanged(path: str, before: bytes, after: bytes) -> None:
    """`write_atomically`, unless the file no longer holds `before`."""
    with open(path, "rb") as file:
        now = file.read(len(before) + 1)
    if now != before:
        raise Refused(path, "it changed since it was read; run again to fix the new text")
    write_atomically(path, after)


def write_report(path: str, data: bytes) -> None:
    """A report: straight to a device, FIFO or descriptor name; otherwise `write_atomically`."""
    existing = _existing(path)
    special = os.path.abspath(path).startswith(SPECIAL_DIRECTORIES)
    if special or (existing is not None and not stat.S_ISREG(existing.st_mode)):
        # Appending, never truncating: /dev/stdout may reopen a file a shell appends to.
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        return
    write_atomically(path, data)


def _existing(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _keep_owner_and_mode(descriptor: int, existing: os.stat_result) -> None:
    kept = existing.st_uid, existing.st_gid
    try:
        os.fchown(descriptor, *kept)
    except PermissionError:
        with contextlib.suppress(PermissionError):  # not root: the group may still be ours
            os.fchown(descriptor, -1, existing.st_gid)
    now = os.fstat(descriptor)
    mode = stat.S_IMODE(existing.st_mode)
    if (now.st_uid, now.st_gid) != kept:
        mode &= ~(stat.S_ISUID | stat.S_ISGID)  # never a set-id file of someone else's
    os.fchmod(descriptor, mode)
