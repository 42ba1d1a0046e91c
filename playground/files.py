"""Reading a file a person named, without hanging or filling memory on something that is not a file.

A FIFO blocks ``open()`` until a writer comes (forever, in a GUI thread); ``/dev/zero`` never ends
and its ``st_size`` is 0, so a size check on ``stat`` lets it through. Only regular files are read,
and never more than ``limit + 1`` bytes of them, whatever their size says.
"""

from __future__ import annotations

import os
import stat


class FileRefused(ValueError):
    """A path that cannot be read as a file; the message names it and says why."""


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def _why(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "not found"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    return error.strerror or str(error)


def read_regular_file(path: str | os.PathLike, limit: int, what: str = "file") -> bytes:
    """All bytes of a regular file of at most ``limit`` bytes, or FileRefused saying why not."""
    name = os.fspath(path)
    try:
        kind = _kind(os.stat(name).st_mode)
        if kind:
            raise FileRefused(f"{name}: {kind}")
        # O_NONBLOCK: should the path become a FIFO between stat and open, open does not wait for a writer.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            kind = _kind(os.fstat(handle.fileno()).st_mode)
            if kind:
                raise FileRefused(f"{name}: {kind}")
            data = handle.read(limit + 1)
    except OSError as error:
        raise FileRefused(f"{name}: cannot read: {_why(error)}") from None
    if len(data) > limit:
        raise FileRefused(f"{name}: too big: a {what} is at most {limit / 1e6:g} MB")
    return data
