"""Reading a document's bytes without waiting or growing without bound, and
writing a file atomically.

Only regular files and standard input are read, at most a given size; a FIFO
with no writer, a device such as ``/dev/zero`` or an endless input end as a
``file.unreadable`` problem (docs: cli.md#limits).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from segur_certificats._problems.problem import Problem

MAX_SIZE = 64 * 1024 * 1024
"""The default largest document read, in bytes: real requests and editors'
documents are a few megabytes at most."""

_CHUNK = 1 << 20

_UNREADABLE = {
    errno.ENOENT: "missing",
    errno.ENOTDIR: "missing",
    errno.EISDIR: "folder",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
}


def _unreadable(variant: str | None, **params: object) -> Problem:
    # Imported here: the command line reads MAX_SIZE without the model's imports.
    from segur_certificats._problems.problem import Problem  # noqa: PLC0415

    return Problem("", "file.unreadable", params=params, variant=variant)


def _too_large(max_size: int) -> Problem:
    return _unreadable("too-large", limit=max_size)


def read_stream(stream: BinaryIO, max_size: int = MAX_SIZE) -> bytes | Problem:
    """At most ``max_size`` bytes of ``stream`` (standard input), or the problem.
    Read a chunk at a time: memory follows the bytes there are, not the limit."""
    chunks: list[bytes] = []
    total = 0
    try:
        while total <= max_size:
            chunk = stream.read(min(_CHUNK, max_size + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except (OSError, ValueError) as exc:
        return _unreadable(None, reason=getattr(exc, "strerror", None) or type(exc).__name__)
    return _too_large(max_size) if total > max_size else b"".join(chunks)


def read_stdin(max_size: int = MAX_SIZE) -> bytes | Problem:
    """At most ``max_size`` bytes of standard input, or the problem (none open)."""
    if sys.stdin is None:
        return _unreadable(None, reason="no standard input")
    return read_stream(sys.stdin.buffer, max_size)


def read_file(path: str | os.PathLike[str], max_size: int = MAX_SIZE) -> bytes | Problem:
    """The bytes of the regular file at ``path``, at most ``max_size``, or the problem.

    The file is opened without blocking (a FIFO with no writer does not wait)
    and refused unless it is a regular file.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return _unreadable(_UNREADABLE.get(exc.errno or 0), reason=exc.strerror or "?")
    except (TypeError, ValueError) as exc:  # a path with NUL, or not a path at all
        return _unreadable("missing", reason=type(exc).__name__)
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            return _unreadable("folder")
        if not stat.S_ISREG(mode):
            return _unreadable("not-regular")
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            return read_stream(stream, max_size)
    except OSError as exc:
        return _unreadable(_UNREADABLE.get(exc.errno or 0), reason=exc.strerror or "?")
    finally:
        os.close(descriptor)


class File:
    """A file to read as a document: at most ``max_size`` bytes, ``"-"`` for
    standard input. The sources read it inside the pipeline, so that a failure
    there is reported like any other (docs: cli.md#limits)."""

    __slots__ = ("max_size", "path")

    def __init__(self, path: str | os.PathLike[str], max_size: int = MAX_SIZE) -> None:
        self.path = path
        """The file's path, or ``"-"``."""
        self.max_size = max_size
        """The most bytes read."""

    def read(self) -> bytes | Problem:
        """The file's bytes, or the problem."""
        if isinstance(self.path, str) and self.path == "-":
            return read_stdin(self.max_size)
        return read_file(self.path, self.max_size)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder,
    flushed and synced, then renamed over ``path`` (docs: cli.md#writing). Either
    the whole new file is there, or the old one is untouched. Raises `OSError`
    (a folder, a missing folder, a full disk, no permission)."""
    target = os.fspath(path)
    if os.path.isdir(target):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), target)
    folder = os.path.dirname(target) or "."
    import tempfile  # noqa: PLC0415 - only when a file is written: it costs the start-up 4 ms

    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if os.path.exists(target):  # keep the permissions of the file replaced
            with contextlib.suppress(OSError):
                os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
