"""``--dask``: the same batch on a real dask.distributed cluster (a LocalCluster of two worker
processes) gives byte for byte what local workers give."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from batch_support import make_tree, part_files
from conftest import REAL_EXAMPLE, ROOT, run_cli
from servers import LocalServer

from elementlist import get_caption
from elementlist.batch import (
    REPORT_NAME,
    BatchError,
    BatchOptions,
    DaskCluster,
    ReportRow,
    convert,
    options_from_query,
)

FORMATS = ["srt", "vtt", "dfxp", "sbv", "qt", "sami", "transcript", "txt", "html"]


@pytest.fixture(scope="module")
def scheduler():
    """The address of a running scheduler with two single-threaded worker processes that
    import elementlist from this repository."""
    import distributed

    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def server():
    with LocalServer() as running:
        yield running


def _files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != REPORT_NAME
    }


def _without_time(rows: list[ReportRow]) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    return [(r.input, r.status, r.error, r.outputs) for r in rows]


def test_dask_gives_the_bytes_local_workers_give(tmp_path: Path, scheduler: str, server) -> None:
    tree = make_tree(tmp_path / "in")
    listing = tmp_path / "remote.list"
    listing.write_text(f"{server.url}/doc.json\n{server.url}/not-json\n")
    _, captions, transcripts = options_from_query(
        "characters_per_caption_line=32&remove_disfluencies=false&timecode_interval=15000"
    )
    inputs = [tree.root, listing]
    both = BatchOptions(captions=captions, transcripts=transcripts)

    local = convert(inputs, tmp_path / "local", FORMATS, both, jobs=2)
    on_dask = convert(
        inputs,
        tmp_path / "dask",
        FORMATS,
        both,
        dask=DaskCluster(scheduler),
    )

    assert _without_time(on_dask) == _without_time(local)
    assert [r.status for r in on_dask].count("ok") == 4  # three files and one URL
    local_files, dask_files = _files(tmp_path / "local"), _files(tmp_path / "dask")
    assert len(local_files) == 4 * len(FORMATS)
    assert dask_files == local_files
    assert part_files(tmp_path) == []

    again = convert(
        inputs,
        tmp_path / "dask",
        FORMATS,
        both,
        dask=DaskCluster(scheduler),
    )
    assert [r.status for r in again] == [
        "skipped" if r.status == "ok" else "failed" for r in on_dask
    ]


def test_the_command_with_dask(tmp_path: Path, scheduler: str) -> None:
    tree = make_tree(tmp_path / "in")
    local = run_cli(
        "batch", str(tree.root), "-o", str(tmp_path / "local"), "-f", "vtt", "-f", "txt", "-j", "2"
    )
    on_dask = run_cli(
        "batch",
        str(tree.root),
        "-o",
        str(tmp_path / "dask"),
        "-f",
        "vtt",
        "-f",
        "txt",
        "--dask",
        scheduler,
    )
    assert local.returncode == on_dask.returncode == 1  # the broken inputs
    assert b"3 converted, 3 failed, 0 up to date" in on_dask.stderr
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(
        BatchError, match=f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"
    ):
        convert(
            tree_file(tmp_path),
            tmp_path / "out",
            ["srt"],
            dask=DaskCluster(f"tcp://127.0.0.1:{port}", timeout=2),
        )
    assert not (tmp_path / "out" / REPORT_NAME).exists()


def tree_file(tmp_path: Path) -> Path:
    source = tmp_path / "one.json"
    source.write_bytes(REAL_EXAMPLE.read_bytes())
    return source


def test_without_dask_installed_the_error_is_one_line(tmp_path: Path) -> None:
    # A Python where ``import distributed`` fails, as it does when Dask is not installed.
    code = (
        "import sys; sys.modules['distributed'] = None; from elementlist.cli import main; "
        f"sys.exit(main(['batch', {str(tree_file(tmp_path))!r}, '-o', {str(tmp_path / 'out')!r},"
        " '--dask', 'tcp://127.0.0.1:8786']))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=60)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "elementlist: error: --dask needs Dask: pip install 'elementlist[dask]' "
        "(dask.distributed)\n"
    )


def test_a_stop_signal_is_noted_while_dask_runs_never_raised_inside_it(
    tmp_path: Path, scheduler: str
) -> None:
    """As with local workers: a stop signal sent from inside the batch's own code (its
    progress callback) lets the callback run to its end; the batch then cancels what is in
    flight and raises the signal, with every finished input recorded and whole."""
    import signal

    from elementlist.stop_signals import Stopped, taken

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import corpus

    source = tmp_path / "ten.json"
    source.write_bytes(corpus("10min"))
    for i in range(40):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"doc{i:02d}.json").symlink_to(source)
    calls: list[int] = []

    def progress(row: ReportRow | None, done: int, total: int) -> None:
        if done == 1 and row is not None:
            os.kill(os.getpid(), signal.SIGTERM)  # the handler runs at the next bytecode
        calls.append(done)

    with pytest.raises(Stopped) as stopped, taken():
        convert(
            tmp_path / "in",
            tmp_path / "out",
            ["srt"],
            dask=DaskCluster(scheduler),
            progress=progress,
        )

    assert stopped.value.signum == signal.SIGTERM
    assert calls == list(range(len(calls)))  # every call ran to its end, none was cut
    lines = (tmp_path / "out" / REPORT_NAME).read_text().splitlines()
    rows = [ReportRow.from_json(line) for line in lines]
    assert 1 <= len(rows) == len(calls) - 1 < 40
    assert {row.status for row in rows} == {"ok"}
    srt = sorted((tmp_path / "out").glob("*.srt"))
    assert len(srt) == len(rows)
    assert {p.read_bytes() for p in srt} == {get_caption(source, "srt").encode()}
    assert part_files(tmp_path) == []
