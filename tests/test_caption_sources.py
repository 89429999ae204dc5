"""The cielo24 options that choose what a cielo24 source fetches (audio_description,
elementlist_version, iwp_name), from `elementlist caption`, against the local cielo24 server."""

from __future__ import annotations

import os

import pytest
from conftest import REAL_EXAMPLE, ROOT, run_cli
from servers import API_KEY, JOB_ID, SERVED, USERNAME, VERSIONS, LocalServer

import elementlist as el


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    with LocalServer() as running:
        yield running


def _env(server, tmp_path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CIELO24_", "ELEMENTLIST"))}
    env.update(
        PYTHONPATH=str(ROOT),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        CIELO24_BASE_URL=server.url,
        CIELO24_USERNAME=USERNAME,
        CIELO24_API_KEY=API_KEY,
    )
    return env


def _last_query(server) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return server.state.calls("/api/job/get_elementlist")[-1].query


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ([], {}),
        (["--iwp-name", "MECHANICAL"], {"iwp_name": ["MECHANICAL"]}),
        (["--elementlist-version", VERSIONS[0][1]], {"elementlist_version": [VERSIONS[0][1]]}),
        (["--audio-description", "true"], {"audio_description": ["true"]}),
    ],
)
def test_selection_options_reach_the_fetcher(server, tmp_path, flags, expected) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("caption", f"cielo24:{JOB_ID}", "-f", "srt", *flags, env=_env(server, tmp_path))
    assert r.returncode == 0, r.stderr
    query = _last_query(server)
    for key in ("iwp_name", "elementlist_version", "audio_description"):
        if key in expected:
            assert query.get(key) == expected[key]
        else:
            assert query.get(key) in (None, ["false"])
    # offline they change nothing: the served document renders like the local copy
    assert r.stdout.decode() == el.get_caption(SERVED, "SRT")


def test_a_version_in_the_source_wins(server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli(
        "caption", f"cielo24:{JOB_ID}@FINAL", "--iwp-name", "MECHANICAL", env=_env(server, tmp_path)
    )
    assert r.returncode == 0, r.stderr
    assert _last_query(server).get("iwp_name") == ["FINAL"]


def test_mixed_is_accepted_and_changes_nothing_offline() -> None:
    assert el.get_caption(REAL_EXAMPLE, "SRT", mixed="true", audio_description=True) == (
        el.get_caption(REAL_EXAMPLE, "SRT")
    )


def test_dfxp_metadata_names_the_cielo24_job(server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("caption", f"cielo24:{JOB_ID}", "-f", "dfxp", env=_env(server, tmp_path))
    assert r.returncode == 0, r.stderr
    assert f"job_id: {JOB_ID}".encode() in r.stdout
