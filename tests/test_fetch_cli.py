"""``elementlist fetch`` as a real subprocess against the local server: outputs written whole,
nothing written on failure, one-line errors with exit 2, and no secret in any output."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from servers import (
    API_KEY,
    BASIC_KEY,
    BASIC_USER,
    BEARER_TOKEN,
    DOC,
    HEADER_KEY,
    HEADER_VALUE,
    JOB_ID,
    NOT_JSON_JOB,
    PASSWORD,
    USERNAME,
    LocalServer,
    free_port,
    variant,
)

from elementlist.cli.exits import BAD_INPUT, OK
from elementlist.fetch import Cielo24Client, Cielo24Credentials

ROOT = Path(__file__).resolve().parent.parent
FIXED_SECRETS = (
    PASSWORD,
    API_KEY,
    BASIC_KEY,
    BEARER_TOKEN,
    HEADER_KEY,
    HEADER_VALUE,
    "wrong-bearer-0042",
    "typed-on-the-line-77",
    "deadbeef00deadbeef00deadbeef00aa",
)
_keys = itertools.count()


@pytest.fixture(scope="module")
def server():
    with LocalServer() as running:
        yield running


@pytest.fixture
def base_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CIELO24_", "ELEMENTLIST"))}
    env["PYTHONPATH"] = str(ROOT)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # never the real user's config
    return env


def run(args, env, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "elementlist", "fetch", *args],
        env=env,
        input=stdin.encode() if stdin is not None else None,
        capture_output=True,
        timeout=120,
    )


def cielo24_env(base_env, server, **extra):
    return {
        **base_env,
        "CIELO24_USERNAME": USERNAME,
        "CIELO24_PASSWORD": PASSWORD,
        "CIELO24_BASE_URL": server.url,
        **extra,
    }


def assert_clean(result, server) -> None:
    out = result.stdout.decode(errors="replace") + result.stderr.decode(errors="replace")
    for secret in (*FIXED_SECRETS, *server.state.issued):
        assert secret not in out


# --- success --------------------------------------------------------------------------------


def test_url_to_file(server, base_env, tmp_path):
    out = tmp_path / "doc.json"
    result = run([f"{server.url}/doc.json", "-o", str(out)], base_env)
    assert result.returncode == OK, result.stderr
    assert out.read_bytes() == DOC
    assert result.stdout == b"" and result.stderr == b""
    assert [p.name for p in tmp_path.iterdir()] == ["doc.json"]  # no temporary left behind


def test_url_to_stdout(server, base_env):
    result = run([f"{server.url}/gzip"], base_env)
    assert result.returncode == OK
    assert result.stdout == DOC


def test_cielo24_version_to_file(server, base_env, tmp_path):
    out = tmp_path / "mech.json"
    result = run([f"cielo24:{JOB_ID}@MECHANICAL", "-o", str(out)], cielo24_env(base_env, server))
    assert result.returncode == OK, result.stderr
    assert out.read_bytes() == variant("MECHANICAL")
    assert server.state.issued[-1] not in server.state.tokens  # logged out
    assert_clean(result, server)


def test_cielo24_audio_description_and_key_from_stdin(server, base_env, tmp_path):
    out = tmp_path / "ad.json"
    env = {**base_env, "CIELO24_BASE_URL": server.url}
    result = run(
        [
            f"cielo24:{JOB_ID}",
            "--audio-description",
            "--username",
            USERNAME,
            "--api-key",
            "stdin",
            "-o",
            str(out),
        ],
        env,
        stdin=API_KEY + "\n",
    )
    assert result.returncode == OK, result.stderr
    assert json.loads(out.read_bytes())["x_served"] == "AUDIO_DESCRIPTION"
    assert server.state.calls("/api/account/login")[-1].headers["x-auth-securekey"] == API_KEY


def test_list_versions(server, base_env):
    result = run(["--list", f"cielo24:{JOB_ID}"], cielo24_env(base_env, server))
    assert result.returncode == OK, result.stderr
    assert result.stdout.decode().splitlines() == [
        "MECHANICAL\t2014-07-31T12:35:52Z",
        "FINAL\t2014-08-01T09:00:00Z",
    ]


def test_api_token_from_environment(server, base_env):
    """A token made by a login here is reused by the CLI: no login, no logout."""
    api = Cielo24Client(Cielo24Credentials(username=USERNAME, api_key=API_KEY, base_url=server.url))
    api.login()
    token = api._token
    assert token
    logins = len(server.state.calls("/api/account/login"))
    env = {**base_env, "CIELO24_API_TOKEN": token, "CIELO24_BASE_URL": server.url}
    result = run([f"cielo24:{JOB_ID}"], env)
    assert result.returncode == OK, result.stderr
    assert result.stdout == variant("FINAL")
    assert len(server.state.calls("/api/account/login")) == logins
    assert token in server.state.tokens  # not logged out: the caller owns it
    api.close()


@pytest.mark.parametrize(
    ("path", "flags", "env_extra", "stdin"),
    [
        ("/bearer/doc.json", ["--bearer", "env:SVC_TOKEN"], {"SVC_TOKEN": BEARER_TOKEN}, None),
        (
            "/basic/doc.json",
            ["--basic-user", BASIC_USER, "--basic-key", "stdin"],
            {},
            BASIC_KEY + "\n",
        ),
        (
            "/header/doc.json",
            ["--header", "Authorization: APIKEY:ACME ${SVC_KEY}"],
            {"SVC_KEY": HEADER_KEY},
            None,
        ),
    ],
)
def test_url_auth_schemes(server, base_env, tmp_path, path, flags, env_extra, stdin):
    out = tmp_path / "auth.json"
    result = run(
        [server.url + path, *flags, "-o", str(out)], {**base_env, **env_extra}, stdin=stdin
    )
    assert result.returncode == OK, result.stderr
    assert out.read_bytes() == DOC
    assert_clean(result, server)


def test_secret_from_file(server, base_env, tmp_path):
    secret = tmp_path / "token"
    secret.write_text(BEARER_TOKEN + "\n")
    result = run([f"{server.url}/bearer/doc.json", "--bearer", f"file:{secret}"], base_env)
    assert result.returncode == OK
    assert result.stdout == DOC


def test_busy_server_then_success(server, base_env):
    k = f"cli-busy{next(_keys)}"
    result = run([f"{server.url}/busy/{k}?after=0&fail=2"], base_env)
    assert result.returncode == OK, result.stderr
    assert result.stdout == DOC
    assert server.state.counters[k] == 3


# --- failures: exit 2, one line, nothing written, nothing leaked -----------------------------


def failures(url: str, port: int):
    """(name, argv, extra environment, stdin, what stderr must say)."""
    return [
        (
            "wrong password",
            [f"cielo24:{JOB_ID}"],
            {"CIELO24_PASSWORD": "typed-on-the-line-77"},
            None,
            "cielo24 LOGIN_INVALID",
        ),
        (
            "bad token",
            [f"cielo24:{JOB_ID}"],
            {"CIELO24_API_TOKEN": "deadbeef00deadbeef00deadbeef00aa", "CIELO24_USERNAME": ""},
            None,
            "cielo24 BAD_API_TOKEN: api_token *** is not a valid session",
        ),
        (
            "no such job",
            ["cielo24:ffffffffffffffffffffffffffffffff"],
            {},
            None,
            "cielo24 ITEM_NOT_FOUND",
        ),
        ("unknown version", [f"cielo24:{JOB_ID}@NOPE"], {}, None, "cielo24 INVALID_OPTION"),
        (
            "not an ElementList from cielo24",
            [f"cielo24:{NOT_JSON_JOB}"],
            {},
            None,
            f"cielo24:{NOT_JSON_JOB}: JSON is malformed",
        ),
        (
            "wrong bearer",
            [f"{url}/bearer/doc.json", "--bearer", "env:T"],
            {"T": "wrong-bearer-0042"},
            None,
            "HTTP 403 Forbidden",
        ),
        ("no credentials for URL", [f"{url}/basic/doc.json"], {}, None, "HTTP 401"),
        ("404", [f"{url}/status/cli404?code=404"], {}, None, "HTTP 404 Not Found"),
        ("not json", [f"{url}/not-json"], {}, None, "JSON is malformed"),
        (
            "too large",
            [f"{url}/doc.json", "--max-size", "100K"],
            {},
            None,
            "larger than the limit of 102400 bytes",
        ),
        (
            "slow",
            [f"{url}/slow/cli?delay=3", "--read-timeout", "0.2", "--retries", "0"],
            {},
            None,
            "no data for 0.2 s (read timeout)",
        ),
        (
            "refused",
            [f"http://127.0.0.1:{port}/x.json", "--retries", "0"],
            {},
            None,
            "could not connect",
        ),
        (
            "dropped",
            [f"{url}/drop/cli-drop?fail=99", "--retries", "0"],
            {},
            None,
            "connection closed before a whole response",
        ),
        (
            "bare secret",
            [f"{url}/bearer/doc.json", "--bearer", "typed-on-the-line-77"],
            {},
            None,
            "--bearer: give it as env:VAR, file:PATH or stdin",
        ),
        (
            "plain http off this machine",
            ["http://example.invalid/x.json", "--bearer", "env:T"],
            {"T": BEARER_TOKEN},
            None,
            "refusing to send credentials over plain http",
        ),
        (
            "missing header variable",
            [
                f"{url}/header/doc.json",
                "--header",
                "Authorization: APIKEY:ACME ${NOT_SET_ANYWHERE}",
            ],
            {},
            None,
            "environment variable NOT_SET_ANYWHERE is not set",
        ),
        (
            "stdin twice",
            [
                f"{url}/basic/doc.json",
                "--basic-user",
                "a",
                "--basic-key",
                "stdin",
                "--bearer",
                "stdin",
            ],
            {},
            "x-secret-1\nx-secret-2\n",
            "--bearer: stdin already gives --basic-key",
        ),
        (
            "list on a URL",
            ["--list", f"{url}/doc.json"],
            {},
            None,
            "--list needs a cielo24:JOB_ID source",
        ),
        (
            "no cielo24 credentials",
            [f"cielo24:{JOB_ID}"],
            {"CIELO24_USERNAME": "", "CIELO24_PASSWORD": ""},
            None,
            "no cielo24 credentials",
        ),
    ]


def test_every_failure_mode(server, base_env, tmp_path):
    port = free_port()
    for name, argv, extra, stdin, says in failures(server.url, port):
        out = tmp_path / f"{name.replace(' ', '_')}.json"
        out.write_bytes(b"previous contents")
        env = cielo24_env(base_env, server, **extra)
        env = {k: v for k, v in env.items() if v != ""}
        result = run([*argv, "-o", str(out)], env, stdin=stdin)
        stderr = result.stderr.decode()
        assert result.returncode == BAD_INPUT, (name, stderr)
        assert stderr.startswith("elementlist: error: "), (name, stderr)
        assert stderr.count("\n") == 1, (name, stderr)
        assert says in stderr, (name, stderr)
        assert "Traceback" not in stderr
        assert result.stdout == b""
        assert out.read_bytes() == b"previous contents", name  # untouched
        assert_clean(result, server)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_failure_creates_no_output_file(server, base_env, tmp_path):
    out = tmp_path / "never.json"
    result = run([f"{server.url}/not-json", "-o", str(out)], base_env)
    assert result.returncode == BAD_INPUT
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_output_in_a_missing_directory(server, base_env, tmp_path):
    result = run(
        [f"{server.url}/doc.json", "-o", str(tmp_path / "no" / "such" / "x.json")], base_env
    )
    assert result.returncode == BAD_INPUT
    assert result.stderr.decode().startswith("elementlist: error: ")
    assert result.stderr.decode().count("\n") == 1


def test_timeout_is_one_deadline_for_the_whole_fetch(server, base_env, tmp_path):
    """A server dripping one byte every 50 ms, the default 3 retries and 30 s read timeout:
    --timeout 1.5 ends the command after about 1.5 s (before: 1.5 s per attempt, 4 attempts
    and the waits between them). The slack covers starting Python."""
    k = f"cli-drip{next(_keys)}"
    out = tmp_path / "drip.json"
    started = time.monotonic()
    result = run(
        [f"{server.url}/drip/{k}?every=0.05", "--timeout", "1.5", "-o", str(out)], base_env
    )
    elapsed = time.monotonic() - started
    stderr = result.stderr.decode()
    assert result.returncode == BAD_INPUT, stderr
    assert stderr == (
        f"elementlist: error: {server.url}/drip/{k}?...: no whole response within 1.5 s, "
        "the time allowed for the whole fetch\n"
    )
    assert server.state.counters[k] == 1
    assert elapsed < 1.5 + 4.0, elapsed
    assert not out.exists()


def test_the_timeout_help_says_it_covers_the_whole_fetch(base_env):
    result = run(["--help"], {**base_env, "COLUMNS": "200"})
    assert result.returncode == OK
    assert (
        "seconds for the whole fetch of a source: every attempt, redirect and wait between "
        "retries together (default 300)"
    ) in " ".join(result.stdout.decode().split())
