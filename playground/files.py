"""Writing the user's files: all or nothing, keeping what the file was (its mode, its symlink).

A save writes a temporary ``.<name>.<pid>.<8 random>.tmp`` beside the target, flushes it to disk
and renames it over the target, so a crash leaves the old file or the new one, never half of
one. A save killed before the rename leaves its temporary behind; the next save of a file in
that folder removes temporaries of this naming whose process is dead or that are older than
``STALE_TEMP_S``.

Reading (``read_regular_file``): a file a person named is read without hanging or filling memory
on something that is not a file.

A FIFO blocks ``open()`` until a writer comes (forever, in a GUI thread); ``/dev/zero`` never ends
and its ``st_size`` is 0, so a size check on ``stat`` lets it through. Only regular files are read,
and never more than ``limit + 1`` bytes of them, whatever their size says.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Iterable

STALE_TEMP_S = 60.0  # no save of ours takes this long: an older temporary is a leftover
# mkstemp's names end in 8 characters of [a-z0-9_]: with the pid, no one names a file like this.
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[a-z0-9_]{8}\.tmp$")


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs now (a reused id reads as alive: the safe answer)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel = ctypes.windll.kernel32
    handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel.GetLastError() == 5  # access denied: it exists
    code = ctypes.c_ulong()
    try:
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
    finally:
        kernel.CloseHandle(handle)
    return code.value == 259  # STILL_ACTIVE


def default_file_mode() -> int:
    """The mode ``open(path, "w")`` gives a new file: 0o666 less the umask."""
    try:  # Linux >= 4.7 shows the umask without changing it (os.umask would, for every thread)
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def remove_stale_temporaries(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporaries of saves that died in ``folder``; return what was removed."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if age > STALE_TEMP_S or not pid_alive(int(match["pid"])):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # another save removed it first, or we may not: not this save's business
    return removed


def write_target(path: str | os.PathLike) -> Path:
    """The file a save of ``path`` writes: a symlink's target (the link stays a link)."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write all of ``data`` or nothing: a crash mid-save leaves the old file as it was.

    The file keeps its permission bits (a new one gets the umask's default, as ``open`` would)
    and a symlink keeps pointing where it did, at the updated file.
    """
    target = write_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target.parent)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = default_file_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp made it 0600
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    """A cell a spreadsheet shows as text, never runs: a leading ' before a formula character.

    Numbers (and text that reads as one, such as ``-1.5`` or ``-inf``) stay numbers.
    """
    if not isinstance(cell, str) or not cell.startswith(FORMULA_STARTS):
        return cell
    try:
        float(cell)
        return cell
    except ValueError:
        return "'" + cell


def csv_text(header: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """A CSV file's text, every cell made spreadsheet-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()

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
