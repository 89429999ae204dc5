"""Write a file whole or not at all: a temporary file beside it, then one rename.

This is the one place that writes an output file (``-o``, ``elementlist fetch -o``, every
batch output and the batch report). What stands at the path decides how it is written
(docs/batch.md, "How outputs are written"):

* nothing, or a regular file: a temporary file in the same folder, flushed to disk, then
  renamed over it. An existing file keeps its permission bits (and its owner and group,
  where this process may give them); a new one gets what a plain ``open`` would give;
* a symbolic link: followed, link after link, and its *target* is replaced (the link stays
  a link; the target of a dangling link is created);
* one of this process's own descriptors (``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``,
  ``/proc/self/fd/N``): written to that descriptor, as a shell redirect would be (a pipe, a
  terminal, or a file the shell opened, appended to after ``>>``);
* a character device (``/dev/null``, a terminal) or a FIFO: written through, no temporary
  file; a block device, a socket or a directory is refused.

Every error names the path the caller gave, never the temporary file.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import os
import stat
import sys
from pathlib import Path

PART_SUFFIX = ".part"
_MAX_LINKS = 40  # as the kernel's own limit on links followed in one lookup
_NAME_MAX = 255  # bytes in one file name on every common file system
_RANDOM_CHARS = 8  # base32 of 5 random bytes: [a-z2-7]{8}


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half
    (see the module's docstring for links, devices, FIFOs and ``/dev/stdout``).

    Raises :class:`OSError` naming ``path``.
    """
    given = os.fspath(path)
    try:
        where = _follow(given)
        if isinstance(where, int):
            _write_descriptor(where, data)
            return
        target, existing = where
        if existing is None or stat.S_ISREG(existing.st_mode):
            _replace(target, data, existing)
        elif stat.S_ISCHR(existing.st_mode) or stat.S_ISFIFO(existing.st_mode):
            _write_through(target, data)
        elif stat.S_ISDIR(existing.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), given)
        else:
            kind = "a socket" if stat.S_ISSOCK(existing.st_mode) else "a block device"
            raise OSError(errno.EINVAL, f"not written over {kind}", given)
    except OSError as exc:
        raise _naming(exc, given) from None


def temp_prefix(name: str) -> str:
    """How the temporary files of output ``name`` begin (``.NAME.``, cut so that the whole
    temporary name fits in 255 bytes); batch clean-up finds a killed run's leftovers by it."""
    room = _NAME_MAX - len(".") - len(".") - _RANDOM_CHARS - len(PART_SUFFIX)
    encoded = os.fsencode(name)
    if len(encoded) > room:
        name = os.fsdecode(encoded[:room])
    return f".{name}."


def _follow(given: str) -> tuple[str, os.stat_result | None] | int:
    """Where a write to ``given`` lands: (the path to replace or write through, what stands
    there now or None) or, for one of this process's descriptors, its number.

    Links are followed by joining their text to the link's folder as given (no ``normpath``:
    the kernel resolves ``..`` after the links before it, and so must we)."""
    current = given
    for _ in range(_MAX_LINKS):
        try:
            found: os.stat_result | None = os.lstat(current)
        except FileNotFoundError:
            found = None
        if found is not None and not stat.S_ISLNK(found.st_mode):
            return current, found
        directory, name = os.path.split(current)
        descriptor = _own_descriptor(directory, name)  # even a closed one: EBADF, not ENOENT
        if descriptor is not None:
            return descriptor
        if found is None:
            return current, None
        current = os.path.join(directory, os.readlink(current))
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), given)


def _own_descriptor(directory: str, name: str) -> int | None:
    """N when ``directory/name`` is ``/proc/<this process>/fd/N`` (what ``/dev/stdout``,
    ``/dev/fd/N`` and ``/proc/self/fd/N`` lead to on Linux)."""
    if not name.isdigit() or not name.isascii():
        return None
    if os.path.realpath(directory or ".") != f"/proc/{os.getpid()}/fd":
        return None
    return int(name)


def _write_descriptor(fd: int, data: bytes) -> None:
    for stream in (sys.stdout, sys.stderr):  # what Python buffered for it goes first
        try:
            if stream is not None and stream.fileno() == fd:
                stream.flush()
        except (AttributeError, OSError, ValueError):
            continue
    with open(fd, "wb", closefd=False) as handle:
        handle.write(data)


def _write_through(target: str, data: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "wb") as handle:
        handle.write(data)


def _replace(target: str, data: bytes, existing: os.stat_result | None) -> None:
    directory, name = os.path.split(target)
    fd, temp_path = _create_temp(directory, name)
    try:
        with open(fd, "wb") as handle:
            if existing is not None:
                _keep_owner_and_mode(handle.fileno(), existing)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_path, target)
    except BaseException:
        Path(temp_path).unlink(missing_ok=True)
        raise


def _create_temp(directory: str, name: str) -> tuple[int, str]:
    """A new temporary file beside the target, made as a plain ``open`` would make it
    (0o666 less the umask, applied by the kernel: no umask read, no race)."""
    prefix = temp_prefix(name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        random = base64.b32encode(os.urandom(5)).decode("ascii").lower()
        temp = os.path.join(directory, f"{prefix}{random}{PART_SUFFIX}")
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):  # the file may be writable
                exc.strerror = f"{exc.strerror} (creating a temporary file in its folder)"
            raise
    raise FileExistsError(errno.EEXIST, "no free temporary file name in its folder")


def _keep_owner_and_mode(fd: int, existing: os.stat_result) -> None:
    """The replaced file's owner and group where this process may give them (else the
    group alone, else neither), then its permission bits. set-user-ID, set-group-ID and
    sticky bits are not carried over: a caption file is no program."""
    fchown = getattr(os, "fchown", None)
    if fchown is not None:
        now = os.fstat(fd)
        if (now.st_uid, now.st_gid) != (existing.st_uid, existing.st_gid):
            try:
                fchown(fd, existing.st_uid, existing.st_gid)
            except PermissionError:
                with contextlib.suppress(PermissionError):
                    fchown(fd, -1, existing.st_gid)
    if os.chmod in os.supports_fd:
        os.chmod(fd, stat.S_IMODE(existing.st_mode) & 0o777)


def _naming(exc: OSError, given: str) -> OSError:
    """The same error, naming the caller's path."""
    if exc.errno is None:
        return OSError(f"{exc}: {given}")
    return OSError(exc.errno, exc.strerror, given)
