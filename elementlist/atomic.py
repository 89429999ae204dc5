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
import ctypes
import errno
import os
import stat
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
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
    files = AtomicFiles()
    files.add(path, data)
    files.commit()


class AtomicFiles:
    """Several files written as :func:`write_atomic` writes one, with one flush to disk for
    all of them: :meth:`add` each, then :meth:`commit`.

    Why: a batch input's outputs are small, and three ``fsync`` calls cost more than
    making them (a 1-minute document: ~10 ms against ~3 ms, issue 15). Each file still
    reaches the disk before its rename makes it visible, so a crash leaves the old file or
    the new one, never an empty or half one; on Linux one ``syncfs`` per file system
    flushes them all (elsewhere each is ``fsync``-ed). :meth:`add` writes a device, a FIFO
    or a descriptor at once; :attr:`written` lists what was written, in order."""

    def __init__(self) -> None:
        self._pending: list[_Staged] = []
        self.written: list[str] = []  # the paths as given, as each is written

    def add(self, path: str | os.PathLike[str], data: bytes) -> None:
        """Write ``data`` to a temporary file beside ``path`` (or through, for a device,
        FIFO or descriptor); raises :class:`OSError` naming ``path``."""
        given = os.fspath(path)
        try:
            staged = _stage(given, data)
        except OSError as exc:
            raise _naming(exc, given) from None
        if staged is None:
            self.written.append(given)
        else:
            self._pending.append(staged)

    def commit(self) -> None:
        """Flush every staged file to disk, then rename each over its path, in order. On an
        error the files before it are written and the rest discarded; it names its path."""
        error = commit_all([self])[0]
        if error is not None:
            raise error

    def _publish(self, pending: list[_Staged]) -> None:
        """Rename each flushed file over its path, in order; stops at the first error."""
        for staged in pending:
            try:
                os.replace(staged.temp, staged.target)
            except OSError as exc:
                raise _naming(exc, staged.given) from None
            staged.temp = ""
            self.written.append(staged.given)

    def _take(self) -> list[_Staged]:
        pending, self._pending = self._pending, []
        return pending

    def discard(self) -> None:
        """Remove every staged temporary file: nothing not yet committed is written."""
        _discard(self._take())


def commit_all(sets: Sequence[AtomicFiles]) -> list[OSError | None]:
    """Commit several sets of files with one flush to disk for all of them: each set's
    error (None when all its files are written), as :meth:`AtomicFiles.commit` would raise
    it. A failed rename stops only its own set; a failed flush fails every set (nothing is
    renamed: no file is visible before its data is on disk).

    Why: a batch of 1-minute inputs spends more on flushing each input's outputs than on
    many other steps of making them; a worker flushes a group of inputs at once."""
    pending = [set_._take() for set_ in sets]
    errors: list[OSError | None] = [None] * len(sets)
    try:
        try:
            _flush_to_disk([staged for one in pending for staged in one])
        except OSError as exc:
            for i, one in enumerate(pending):
                if one:
                    errors[i] = _naming(exc, one[0].given)
            return errors
        for i, (set_, one) in enumerate(zip(sets, pending, strict=True)):
            try:
                set_._publish(one)
            except OSError as exc:
                errors[i] = exc
    finally:
        for one in pending:
            _discard(one)
    return errors


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


class _Staged:
    """A file written to its temporary file, to be flushed and renamed over ``target``."""

    __slots__ = ("fd", "given", "target", "temp")

    def __init__(self, fd: int, temp: str, target: str, given: str) -> None:
        self.fd, self.temp, self.target, self.given = fd, temp, target, given


def _stage(given: str, data: bytes) -> _Staged | None:
    """``data`` in a temporary file beside where ``given`` leads (None: written through)."""
    where = _follow(given)
    if isinstance(where, int):
        _write_descriptor(where, data)
        return None
    target, existing = where
    if existing is None or stat.S_ISREG(existing.st_mode):
        directory, name = os.path.split(target)
        fd, temp = _create_temp(directory, name)
        try:
            if existing is not None:
                _keep_owner_and_mode(fd, existing)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        except BaseException:
            os.close(fd)
            Path(temp).unlink(missing_ok=True)
            raise
        return _Staged(fd, temp, target, given)
    if stat.S_ISCHR(existing.st_mode) or stat.S_ISFIFO(existing.st_mode):
        _write_through(target, data)
        return None
    if stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), given)
    kind = "a socket" if stat.S_ISSOCK(existing.st_mode) else "a block device"
    raise OSError(errno.EINVAL, f"not written over {kind}", given)


def _flush_to_disk(staged: list[_Staged]) -> None:
    """Every staged file's data on disk: one ``syncfs`` per file system where there are
    several files and the C library has it, else ``fsync`` of each."""
    syncfs = _syncfs() if len(staged) > 1 else None
    if syncfs is None:
        for one in staged:
            os.fsync(one.fd)
        return
    devices = {os.fstat(one.fd).st_dev: one.fd for one in staged}
    for fd in devices.values():
        if syncfs(fd) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))


@lru_cache(maxsize=1)
def _syncfs() -> Callable[[int], int] | None:
    """Linux's ``syncfs(2)`` from the process's C library, or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int]
    call.restype = ctypes.c_int
    return call  # type: ignore[no-any-return]


def _discard(staged: list[_Staged]) -> None:
    """Close every staged file; remove the temporary files not renamed."""
    for one in staged:
        with contextlib.suppress(OSError):
            os.close(one.fd)
        if one.temp:
            Path(one.temp).unlink(missing_ok=True)


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
