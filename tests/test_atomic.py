"""``-o OUT`` and every other file elementlist writes go through write_atomic: whatever stands
at the path stays what it was (a link stays a link, a device or a FIFO is written through,
``/dev/stdout`` is this process's stdout, whatever that is), an existing file keeps its
permissions, and every error names the path the user gave. The CLI runs as a subprocess."""

from __future__ import annotations

import errno
import os
import pty
import select
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REAL_EXAMPLE, ROOT, run_cli
from servers import SERVED, LocalServer

from elementlist.atomic import write_atomic

DEV_STDOUT = "/dev/stdout"


@pytest.fixture(scope="module")
def srt() -> bytes:
    """What ``elementlist caption`` writes on stdout (no ``-o``): every ``-o`` must match."""
    done = run_cli("caption", str(REAL_EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"1\n")
    return done.stdout


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _caption(out: str, **popen: object) -> subprocess.CompletedProcess[bytes]:
    """``elementlist caption REAL -o OUT`` with the given stdout / pass_fds."""
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "elementlist", "caption", str(REAL_EXAMPLE), "-o", out],
        env=_env(),
        stderr=subprocess.PIPE,
        timeout=120,
        **popen,
    )


def _no_parts(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.endswith(".part")] == []


@pytest.fixture
def dev_stdout_kept() -> Iterator[None]:
    """The machine's /dev/stdout is what it was after the test (put back if a broken writer
    replaced it, and the test fails)."""
    before = os.readlink(DEV_STDOUT) if os.path.islink(DEV_STDOUT) else None
    yield
    if before is None:
        return
    if os.path.islink(DEV_STDOUT) and os.readlink(DEV_STDOUT) == before:
        return
    os.replace(DEV_STDOUT, DEV_STDOUT + ".broken")
    os.symlink(before, DEV_STDOUT)
    os.unlink(DEV_STDOUT + ".broken")
    pytest.fail("/dev/stdout was replaced (put back)")


# --- links -------------------------------------------------------------------------------


def test_a_link_stays_a_link_and_its_target_is_replaced(tmp_path: Path, srt: bytes) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real/captions.srt"
    target.write_text("old\n")
    link = tmp_path / "latest.srt"
    link.symlink_to("real/captions.srt")
    done = run_cli("caption", str(REAL_EXAMPLE), "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == "real/captions.srt"
    assert target.read_bytes() == srt
    _no_parts(tmp_path)
    _no_parts(tmp_path / "real")


def test_a_chain_of_links_with_dotdot_is_followed_as_the_kernel_does(
    tmp_path: Path, srt: bytes
) -> None:
    """``sub/up/../out.srt`` where ``sub/up`` links elsewhere: ``..`` is taken after the link
    (the kernel's reading), not lexically."""
    (tmp_path / "a/b").mkdir(parents=True)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub/up").symlink_to(tmp_path / "a/b")
    (tmp_path / "first.srt").symlink_to("second.srt")
    (tmp_path / "second.srt").symlink_to("sub/up/../final.srt")
    done = run_cli("caption", str(REAL_EXAMPLE), "-o", str(tmp_path / "first.srt"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "a/final.srt").read_bytes() == srt
    assert (tmp_path / "first.srt").is_symlink() and (tmp_path / "second.srt").is_symlink()
    assert not (tmp_path / "sub/final.srt").exists()


def test_a_dangling_link_gets_its_target_created(tmp_path: Path, srt: bytes) -> None:
    link = tmp_path / "out.srt"
    link.symlink_to("made/later.srt")
    (tmp_path / "made").mkdir()
    done = run_cli("caption", str(REAL_EXAMPLE), "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert (tmp_path / "made/later.srt").read_bytes() == srt


def test_fetch_o_writes_through_the_same_writer(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old")
    link = tmp_path / "doc.json"
    link.symlink_to("real.json")
    with LocalServer() as server:
        done = run_cli("fetch", f"{server.url}/doc.json", "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert (tmp_path / "real.json").read_bytes() == SERVED.read_bytes()


def test_a_loop_of_links_is_one_error_naming_the_path(tmp_path: Path) -> None:
    (tmp_path / "a.srt").symlink_to("b.srt")
    (tmp_path / "b.srt").symlink_to("a.srt")
    done = run_cli("caption", str(REAL_EXAMPLE), "-o", str(tmp_path / "a.srt"))
    assert done.returncode == 2
    last = done.stderr.decode().strip().splitlines()[-1]
    assert last == f"elementlist: error: Too many levels of symbolic links: {tmp_path / 'a.srt'}"


# --- devices and FIFOs ---------------------------------------------------------------------


def test_a_link_to_dev_null_writes_through_and_stays_a_link(tmp_path: Path) -> None:
    link = tmp_path / "discard.srt"
    link.symlink_to(os.devnull)
    done = run_cli("caption", str(REAL_EXAMPLE), "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == os.devnull
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    _no_parts(tmp_path)


def test_a_terminal_device_is_written_through(tmp_path: Path, srt: bytes) -> None:
    """``-o /dev/pts/N``: a character device, written through; nothing made beside it."""
    master, slave = pty.openpty()
    try:
        tty.setraw(slave)
        done = _caption(os.ttyname(slave))
        assert done.returncode == 0, done.stderr
        assert _read_all(master, len(srt)) == srt
    finally:
        os.close(slave)
        os.close(master)


def test_a_fifo_is_written_through_and_stays_a_fifo(tmp_path: Path, srt: bytes) -> None:
    fifo = tmp_path / "pipe.srt"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so the writer never waits
    try:
        done = run_cli("caption", str(REAL_EXAMPLE), "-o", str(fifo))
        assert done.returncode == 0, done.stderr
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert _read_all(reader, len(srt)) == srt
    finally:
        os.close(reader)
    _no_parts(tmp_path)


def test_a_socket_is_refused_naming_the_path(tmp_path: Path) -> None:
    path = tmp_path / "sock.srt"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))
        done = run_cli("caption", str(REAL_EXAMPLE), "-o", str(path))
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines()[-1] == (
        f"elementlist: error: not written over a socket: {path}"
    )
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def _read_all(fd: int, size: int, timeout: float = 30.0) -> bytes:
    data = b""
    deadline = time.monotonic() + timeout
    while len(data) < size and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError as exc:  # a pty whose other side closed
                if exc.errno == errno.EIO:
                    break
                raise
            if not chunk:
                break
            data += chunk
    return data


# --- /dev/stdout and the process's own descriptors ------------------------------------------


def _stdout_link(tmp_path: Path, kind: str) -> str:
    """``/dev/stdout`` itself, or a private link to /proc/self/fd/1 (the same thing, and one
    that a writer replacing links breaks without touching the machine's /dev)."""
    if kind == "/dev/stdout":
        return DEV_STDOUT
    link = tmp_path / "my-stdout"
    link.symlink_to("/proc/self/fd/1")
    return str(link)


@pytest.mark.parametrize("path", ["/dev/stdout", "link to /proc/self/fd/1"])
def test_stdout_as_a_pipe(tmp_path: Path, srt: bytes, path: str, dev_stdout_kept: None) -> None:
    out = _stdout_link(tmp_path, path)
    done = _caption(out, stdout=subprocess.PIPE)
    assert done.returncode == 0, done.stderr
    assert done.stdout == srt
    assert os.path.islink(out)


@pytest.mark.parametrize("path", ["/dev/stdout", "link to /proc/self/fd/1"])
def test_stdout_as_a_terminal(tmp_path: Path, srt: bytes, path: str, dev_stdout_kept: None) -> None:
    out = _stdout_link(tmp_path, path)
    master, slave = pty.openpty()
    try:
        tty.setraw(slave)
        done = _caption(out, stdout=slave)
        assert done.returncode == 0, done.stderr
        assert _read_all(master, len(srt)) == srt
    finally:
        os.close(slave)
        os.close(master)
    assert os.path.islink(out)


@pytest.mark.parametrize("path", ["/dev/stdout", "link to /proc/self/fd/1"])
@pytest.mark.parametrize("mode", ["wb", "ab"])
def test_stdout_as_a_file_the_shell_opened(
    tmp_path: Path, srt: bytes, path: str, mode: str, dev_stdout_kept: None
) -> None:
    """``> file`` gets the captions; ``>> file`` gets them after what it held (written to the
    descriptor, as a shell redirect of stdout would be; the file is not replaced)."""
    out = _stdout_link(tmp_path, path)
    file = tmp_path / "shell.srt"
    file.write_bytes(b"before\n")
    inode = file.stat().st_ino
    with open(file, mode) as stdout:
        done = _caption(out, stdout=stdout)
    assert done.returncode == 0, done.stderr
    assert file.read_bytes() == (b"before\n" + srt if mode == "ab" else srt)
    assert file.stat().st_ino == inode
    assert os.path.islink(out)


def test_dev_fd_n_writes_to_that_descriptor(tmp_path: Path, srt: bytes) -> None:
    read_end, write_end = os.pipe()
    try:
        done = _caption(f"/dev/fd/{write_end}", pass_fds=(write_end,))
        os.close(write_end)
        assert done.returncode == 0, done.stderr
        assert _read_all(read_end, len(srt)) == srt
    finally:
        os.close(read_end)


def test_a_closed_descriptor_is_an_error_naming_it() -> None:
    done = _caption("/dev/fd/9")
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines()[-1] == (
        "elementlist: error: Bad file descriptor: /dev/fd/9"
    )


# --- permissions ------------------------------------------------------------------------------


def test_an_existing_file_keeps_its_permissions(tmp_path: Path, srt: bytes) -> None:
    out = tmp_path / "shared.srt"
    out.write_text("old\n")
    out.chmod(0o640)
    done = run_cli("caption", str(REAL_EXAMPLE), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_bytes() == srt


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_an_existing_file_keeps_its_owner_and_group(tmp_path: Path) -> None:
    out = tmp_path / "theirs.srt"
    out.write_text("old\n")
    os.chown(out, 4242, 4343)
    out.chmod(0o604)
    write_atomic(out, b"new\n")
    info = out.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4242, 4343, 0o604)
    assert out.read_bytes() == b"new\n"


def test_a_new_file_gets_what_the_umask_allows(tmp_path: Path) -> None:
    out = tmp_path / "new.srt"
    code = (
        "import os, sys; os.umask(0o027); from elementlist.atomic import write_atomic; "
        "write_atomic(sys.argv[1], b'x')"
    )
    subprocess.run([sys.executable, "-c", code, str(out)], env=_env(), check=True)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_setuid_bits_are_not_carried_over(tmp_path: Path) -> None:
    out = tmp_path / "odd.srt"
    out.write_text("old\n")
    out.chmod(0o4755)
    write_atomic(out, b"new\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o755


# --- errors name the user's path, and leave nothing behind ----------------------------------


def test_a_missing_folder_is_named_as_given(tmp_path: Path) -> None:
    out = tmp_path / "no/such/folder/out.srt"
    done = run_cli("caption", str(REAL_EXAMPLE), "-o", str(out))
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines()[-1] == (
        f"elementlist: error: No such file or directory: {out}"
    )


def test_a_directory_is_refused_naming_it(tmp_path: Path) -> None:
    (tmp_path / "folder.srt").mkdir()
    done = run_cli("caption", str(REAL_EXAMPLE), "-o", str(tmp_path / "folder.srt"))
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines()[-1] == (
        f"elementlist: error: Is a directory: {tmp_path / 'folder.srt'}"
    )
    assert list((tmp_path / "folder.srt").iterdir()) == []
    _no_parts(tmp_path)


def test_library_errors_name_the_path_not_the_temporary_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as caught:
        write_atomic(tmp_path / "gone/out.srt", b"x")
    assert caught.value.filename == str(tmp_path / "gone/out.srt")
    assert ".part" not in str(caught.value)


def test_a_full_file_system_is_named_and_leaves_nothing(tmp_path: Path) -> None:
    """/dev/full fails every write with ENOSPC: written through, the error names it."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    link = tmp_path / "full.srt"
    link.symlink_to("/dev/full")
    done = run_cli("caption", str(REAL_EXAMPLE), "-o", str(link))
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines()[-1] == (
        f"elementlist: error: No space left on device: {link}"
    )
    assert link.is_symlink()
    _no_parts(tmp_path)


def test_sigterm_stops_a_command_cleanly_with_143(tmp_path: Path) -> None:
    """A command waiting on its input (a FIFO that is being written slowly) and stopped by
    SIGTERM: exit 143, one line, no output file, no temporary file."""
    fifo = tmp_path / "slow.json"
    os.mkfifo(fifo)
    out = tmp_path / "out.srt"
    process = subprocess.Popen(
        [sys.executable, "-m", "elementlist", "caption", str(fifo), "-o", str(out)],
        env=_env(),
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    opened = threading.Event()
    holder: list[int] = []

    def writer() -> None:
        holder.append(os.open(fifo, os.O_WRONLY))  # waits for the command to open it
        os.write(holder[0], REAL_EXAMPLE.read_bytes()[:100])
        opened.set()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        assert opened.wait(60), "the command never opened its input"
        time.sleep(0.3)  # it is reading, waiting for the rest
        os.killpg(process.pid, signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        for fd in holder:
            os.close(fd)
    assert process.returncode == 143, stderr
    assert stderr.decode().strip().splitlines()[-1] == "elementlist: stopped by SIGTERM"
    assert b"Traceback" not in stderr
    assert not out.exists()
    _no_parts(tmp_path)


# --- several files, one flush (a batch input's outputs) ---------------------------------------


def _parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_several_files_appear_together_at_commit(tmp_path: Path) -> None:
    """Staged files wait in temporary files beside their paths (an old file stays as it
    was) until commit renames them all; nothing of the temporary files is left."""
    from elementlist.atomic import AtomicFiles

    old = tmp_path / "talk.srt"
    old.write_bytes(b"old")
    files = AtomicFiles()
    for name, data in (("talk.srt", b"1\n"), ("talk.vtt", b"WEBVTT\n"), ("talk.dfxp", b"<tt/>")):
        files.add(tmp_path / name, data)
    assert old.read_bytes() == b"old" and not (tmp_path / "talk.vtt").exists()
    assert len(_parts(tmp_path)) == 3
    files.commit()
    assert old.read_bytes() == b"1\n"
    assert (tmp_path / "talk.vtt").read_bytes() == b"WEBVTT\n"
    assert (tmp_path / "talk.dfxp").read_bytes() == b"<tt/>"
    assert files.written == [str(tmp_path / n) for n in ("talk.srt", "talk.vtt", "talk.dfxp")]
    assert _parts(tmp_path) == []


def test_a_file_that_cannot_be_written_leaves_those_before_it(tmp_path: Path) -> None:
    """A directory where the second file goes: its error names that path, the first is
    still written at commit, the third was never started, no temporary file stays."""
    from elementlist.atomic import AtomicFiles

    (tmp_path / "talk.vtt").mkdir()
    files = AtomicFiles()
    files.add(tmp_path / "talk.srt", b"1\n")
    with pytest.raises(IsADirectoryError) as caught:
        files.add(tmp_path / "talk.vtt", b"WEBVTT\n")
    assert caught.value.filename == str(tmp_path / "talk.vtt")
    files.commit()
    assert (tmp_path / "talk.srt").read_bytes() == b"1\n"
    assert files.written == [str(tmp_path / "talk.srt")]
    assert _parts(tmp_path) == []


def test_discarded_files_are_never_written(tmp_path: Path) -> None:
    from elementlist.atomic import AtomicFiles

    files = AtomicFiles()
    files.add(tmp_path / "a.srt", b"a")
    files.add(tmp_path / "b.srt", b"b")
    files.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert files.written == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="syncfs(2) is Linux's")
def test_linux_flushes_several_files_with_one_syncfs_per_file_system(tmp_path: Path) -> None:
    """The call is found in the C library and succeeds on the folder's file system."""
    from elementlist.atomic import _syncfs

    syncfs = _syncfs()
    assert syncfs is not None
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        assert syncfs(fd) == 0
    finally:
        os.close(fd)
    assert syncfs(-1) == -1  # a bad descriptor is an error the caller sees, not a crash


def test_sets_committed_together_fail_apart(tmp_path: Path) -> None:
    """``commit_all``: one flush for several sets (a group of batch inputs); a rename that
    fails stops only its own set: the sets before and after it are written, the rest of
    its own set is not, and no temporary file stays."""
    from elementlist.atomic import AtomicFiles, commit_all

    first, second, third = AtomicFiles(), AtomicFiles(), AtomicFiles()
    first.add(tmp_path / "a.srt", b"a")
    second.add(tmp_path / "b.srt", b"b")
    second.add(tmp_path / "b.vtt", b"WEBVTT\n")
    third.add(tmp_path / "c.srt", b"c")
    (tmp_path / "b.srt").mkdir()  # after staging: its rename fails
    (tmp_path / "b.srt" / "inside").write_bytes(b"")
    errors = commit_all([first, second, third])
    assert errors[0] is None and errors[2] is None
    assert isinstance(errors[1], OSError) and errors[1].filename == str(tmp_path / "b.srt")
    assert (tmp_path / "a.srt").read_bytes() == b"a"
    assert (tmp_path / "c.srt").read_bytes() == b"c"
    assert not (tmp_path / "b.vtt").exists()  # after the failed one, in its own set
    assert second.written == [] and third.written == [str(tmp_path / "c.srt")]
    assert _parts(tmp_path) == []


def test_commit_raises_what_commit_all_returns(tmp_path: Path) -> None:
    from elementlist.atomic import AtomicFiles

    files = AtomicFiles()
    files.add(tmp_path / "a.srt", b"a")
    files.add(tmp_path / "b.srt", b"b")
    (tmp_path / "a.srt").mkdir()
    (tmp_path / "a.srt" / "inside").write_bytes(b"")
    with pytest.raises(OSError) as caught:
        files.commit()
    assert caught.value.filename == str(tmp_path / "a.srt")
    assert not (tmp_path / "b.srt").exists() and _parts(tmp_path) == []
