"""The any-URL fetcher against a real server on 127.0.0.1: auth schemes, retries, timeouts,
size limits, gzip, redirects, TLS verification. Waits are recorded, not measured."""

from __future__ import annotations

import gzip
import itertools
import os
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import EXAMPLES, ROOT
from servers import (
    BASIC_KEY,
    BASIC_USER,
    BEARER_TOKEN,
    DOC,
    HEADER_KEY,
    HEADER_VALUE,
    LocalServer,
    free_port,
    self_signed_certificate,
)

from elementlist import loads
from elementlist.fetch import (
    BasicAuth,
    BearerAuth,
    CredentialsError,
    FetchConnectionError,
    FetchError,
    FetchTimeout,
    HeaderAuth,
    HTTPStatusError,
    ResponseTooLarge,
    Retry,
    Session,
    Timeout,
    display_url,
    fetch_url,
)

SECRETS = (BASIC_KEY, BEARER_TOKEN, HEADER_KEY, HEADER_VALUE)
_keys = itertools.count()


def key(name: str) -> str:
    return f"{name}{next(_keys)}"


@pytest.fixture(scope="module")
def server():
    with LocalServer() as running:
        yield running


@pytest.fixture(scope="module")
def other_server():
    with LocalServer() as running:
        yield running


class Waits(list):
    """Records each wait the session asks for instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def session(waits: Waits, **policy) -> Session:
    retry = policy.pop("retry", Retry(total=3, jitter=0.0, backoff_factor=0.01))
    return Session(retry=retry, sleep=waits, rng=random.Random(0), **policy)


def assert_no_secret(exc: BaseException) -> None:
    for text in (str(exc), repr(exc), repr(pickle.loads(pickle.dumps(exc)))):
        for secret in SECRETS:
            assert secret not in text
    assert "\n" not in str(exc)


# --- success ------------------------------------------------------------------------------


def test_plain_url(server):
    assert fetch_url(f"{server.url}/doc.json") == DOC


def test_gzip_body_is_decoded(server):
    data = fetch_url(f"{server.url}/gzip")
    assert data == DOC
    sent = server.state.calls("/gzip")[-1]
    assert "gzip" in sent.headers["accept-encoding"]
    assert len(gzip.compress(DOC)) < len(DOC)  # the server really sent less


@pytest.mark.parametrize(
    ("path", "auth"),
    [
        ("/basic/doc.json", BasicAuth(BASIC_USER, BASIC_KEY)),
        ("/bearer/doc.json", BearerAuth(BEARER_TOKEN)),
        ("/header/doc.json", HeaderAuth.parse(f"Authorization: {HEADER_VALUE}")),
    ],
)
def test_each_auth_scheme(server, path, auth):
    assert loads(fetch_url(server.url + path, auth=auth)).version == 3


def test_header_value_from_environment(server):
    auth = HeaderAuth.parse("Authorization: APIKEY:ACME ${SVC_KEY}", env={"SVC_KEY": HEADER_KEY})
    assert fetch_url(f"{server.url}/header/doc.json", auth=auth) == DOC


# --- refused credentials: one attempt, a clear error ----------------------------------------


@pytest.mark.parametrize(
    ("path", "auth"),
    [
        ("/basic/doc.json", BasicAuth(BASIC_USER, "wrong-key-123456")),
        ("/bearer/doc.json", BearerAuth("wrong-token-123456")),
        ("/header/doc.json", HeaderAuth("Authorization", "APIKEY:ACME wrong-key-123456")),
    ],
)
def test_wrong_credentials_are_403_without_retry(server, path, auth):
    waits = Waits()
    before = len(server.state.calls(path))
    with pytest.raises(HTTPStatusError) as info:
        fetch_url(server.url + path, auth=auth, session=session(waits))
    assert info.value.status == 403
    assert str(info.value) == (
        f"{server.url}{path}: HTTP 403 Forbidden: the server refused the credentials"
    )
    assert len(server.state.calls(path)) == before + 1
    assert waits == []
    assert "wrong-key-123456" not in str(info.value)


def test_missing_credentials_are_401(server):
    with pytest.raises(HTTPStatusError) as info:
        fetch_url(f"{server.url}/bearer/doc.json")
    assert info.value.status == 401
    assert str(info.value).endswith("HTTP 401 Unauthorized: credentials needed")


def test_404_is_not_retried(server):
    waits = Waits()
    k = key("nf")
    with pytest.raises(HTTPStatusError) as info:
        fetch_url(f"{server.url}/status/{k}?code=404", session=session(waits))
    assert info.value.status == 404
    assert server.state.counters[k] == 1
    assert waits == []


def test_credentials_never_go_over_plain_http_off_this_machine():
    with pytest.raises(CredentialsError) as info:
        fetch_url("http://example.invalid/doc.json", auth=BearerAuth(BEARER_TOKEN))
    assert str(info.value) == (
        "refusing to send credentials over plain http to example.invalid; use https"
    )
    assert_no_secret(info.value)


# --- retries --------------------------------------------------------------------------------


def test_dropped_connections_then_success(server):
    waits = Waits()
    k = key("drop")
    assert fetch_url(f"{server.url}/drop/{k}?fail=2", session=session(waits)) == DOC
    assert server.state.counters[k] == 3
    assert waits == [0.01, 0.02]


def test_dropped_connections_until_retries_run_out(server):
    waits = Waits()
    k = key("drop")
    with pytest.raises(FetchConnectionError) as info:
        fetch_url(
            f"{server.url}/drop/{k}?fail=10",
            session=session(waits, retry=Retry(total=2, jitter=0.0, backoff_factor=0.01)),
        )
    assert server.state.counters[k] == 3
    assert str(info.value) == (
        f"{server.url}/drop/{k}?...: connection closed before a whole response (3 attempts)"
    )


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_then_success(server, status):
    waits = Waits()
    k = key("flaky")
    url = f"{server.url}/flaky/{k}?status={status}&fail=2"
    assert fetch_url(url, session=session(waits)) == DOC
    assert server.state.counters[k] == 3
    assert len(waits) == 2


def test_5xx_until_retries_run_out(server):
    waits = Waits()
    k = key("flaky")
    with pytest.raises(HTTPStatusError) as info:
        fetch_url(f"{server.url}/flaky/{k}?status=503&fail=99", session=session(waits))
    assert info.value.status == 503
    assert server.state.counters[k] == 4
    assert str(info.value).endswith("HTTP 503 Service Unavailable (4 attempts)")


def test_429_retry_after_is_honoured(server):
    waits = Waits()
    k = key("busy")
    url = f"{server.url}/busy/{k}?after=1&fail=2"
    assert fetch_url(url, session=session(waits)) == DOC
    assert waits == [1.0, 1.0]  # the server's wait, not the backoff (0.01, 0.02)
    assert server.state.counters[k] == 3


def test_429_with_a_longer_retry_after_than_the_cap_fails_at_once(server):
    waits = Waits()
    k = key("busy")
    policy = Retry(total=3, retry_after_max=5.0)
    with pytest.raises(HTTPStatusError) as info:
        fetch_url(f"{server.url}/busy/{k}?after=3600&fail=1", session=session(waits, retry=policy))
    assert info.value.status == 429
    assert waits == []
    assert server.state.counters[k] == 1
    assert str(info.value).endswith(
        "HTTP 429 Too Many Requests; the server asks to retry after 3600 s"
    )


def test_429_retried_in_a_real_sleep(server):
    """Once with the real clock: Retry-After 0 lets the retry happen at once."""
    k = key("busy")
    assert fetch_url(f"{server.url}/busy/{k}?after=0&fail=1") == DOC
    assert server.state.counters[k] == 2


def test_connection_refused_is_retried_then_reported():
    waits = Waits()
    port = free_port()
    with pytest.raises(FetchConnectionError) as info:
        fetch_url(f"http://127.0.0.1:{port}/x", session=session(waits))
    assert len(waits) == 3
    assert str(info.value).startswith(f"http://127.0.0.1:{port}/x: could not connect (")
    assert str(info.value).endswith("(4 attempts)")


# --- timeouts -------------------------------------------------------------------------------


def test_slow_server_read_timeout(server):
    waits = Waits()
    k = key("slow")
    fast = Timeout(connect=2.0, read=0.2)
    with pytest.raises(FetchTimeout) as info:
        fetch_url(
            f"{server.url}/slow/{k}?delay=3",
            session=session(
                waits, timeout=fast, retry=Retry(total=1, jitter=0.0, backoff_factor=0.01)
            ),
        )
    assert str(info.value) == (
        f"{server.url}/slow/{k}?...: no data for 0.2 s (read timeout) (2 attempts)"
    )
    assert server.state.counters[k] == 2


# --- one deadline for the whole fetch --------------------------------------------------------
# Real waits here (no recorded sleep): the elapsed time is the behaviour under test. The slack
# is generous (a loaded machine); what is excluded is the old per-attempt timeout, which took
# attempts × timeout plus the waits between them.

SLACK = 2.0


def test_a_dripping_server_is_cut_off_at_the_deadline_not_retried(server):
    k = key("drip")
    policy = Timeout(connect=2.0, read=5.0, total=1.5)
    retry = Retry(total=3, jitter=0.0, backoff_factor=0.05)
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as info:
        fetch_url(f"{server.url}/drip/{k}?every=0.05", timeout=policy, retry=retry)
    elapsed = time.monotonic() - started
    assert str(info.value) == (
        f"{server.url}/drip/{k}?...: no whole response within 1.5 s, "
        "the time allowed for the whole fetch"
    )
    assert server.state.counters[k] == 1  # no time was left for another attempt
    assert 1.5 <= elapsed < 1.5 + SLACK, elapsed


def test_a_long_read_timeout_is_cut_short_by_the_deadline(server):
    """The server sends nothing for 10 s: with a 30 s read timeout the deadline ends it."""
    k = key("slow")
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as info:
        fetch_url(
            f"{server.url}/slow/{k}?delay=10",
            timeout=Timeout(connect=2.0, read=30.0, total=1.0),
            retry=Retry(total=3, jitter=0.0, backoff_factor=0.05),
        )
    elapsed = time.monotonic() - started
    assert str(info.value).endswith(
        "no whole response within 1 s, the time allowed for the whole fetch"
    )
    assert server.state.counters[k] == 1
    assert elapsed < 1.0 + SLACK, elapsed


def test_the_waits_between_retries_count_against_the_deadline(server):
    """429 with Retry-After: 1, again and again. Within 1.5 s there is time for one wait;
    the second would end past the deadline, so the last answer is reported at once."""
    k = key("busy")
    started = time.monotonic()
    with pytest.raises(HTTPStatusError) as info:
        fetch_url(
            f"{server.url}/busy/{k}?after=1&fail=10",
            timeout=Timeout(total=1.5),
            retry=Retry(total=3, jitter=0.0),
        )
    elapsed = time.monotonic() - started
    assert info.value.status == 429
    assert str(info.value).endswith("HTTP 429 Too Many Requests (2 attempts)")
    assert server.state.counters[k] == 2
    assert 1.0 <= elapsed < 1.5 + SLACK, elapsed


def test_redirects_share_the_deadline(server):
    """Two hops of 0.8 s each, then the document: 1.6 s in all, more than the 1.2 s allowed
    although each hop alone is well within it."""
    k = key("hop")
    last = f"/slow/{k}?delay=0.8&to=/doc.json"
    first = f"{server.url}/slow/{k}?delay=0.8&to={quote(last, safe='')}"
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as info:
        fetch_url(first, timeout=Timeout(total=1.2), retry=Retry(total=0))
    elapsed = time.monotonic() - started
    assert "no whole response within 1.2 s, the time allowed for the whole fetch" in str(info.value)
    assert server.state.counters[k] == 2
    assert elapsed < 1.2 + SLACK, elapsed
    # and with the time for both, the same chain gives the document
    assert fetch_url(first, timeout=Timeout(total=10.0), retry=Retry(total=0)) == DOC


def test_slow_server_within_the_timeout_succeeds(server):
    k = key("slow")
    assert fetch_url(f"{server.url}/slow/{k}?delay=0.05", timeout=Timeout(read=10.0)) == DOC


# --- size limits ----------------------------------------------------------------------------


def test_oversized_stream_is_refused_without_reading_it_all(server):
    k = key("big")
    total = 64 * 1024 * 1024
    with pytest.raises(ResponseTooLarge) as info:
        fetch_url(f"{server.url}/big/{k}?size={total}", max_bytes=256 * 1024)
    assert info.value.limit == 256 * 1024
    assert str(info.value).endswith(
        "response is larger than the limit of 262144 bytes (stopped reading)"
    )
    assert server.state.finished[k].wait(10)
    assert server.state.sent[k] < total


def test_oversized_declared_length_is_refused_before_reading(server):
    """The server sends 64 KiB of a declared 1 GiB, then nothing: a client that read on would
    time out; refusing on the header gives ResponseTooLarge at once."""
    k = key("big")
    with pytest.raises(ResponseTooLarge) as info:
        fetch_url(
            f"{server.url}/big/{k}?size={2**30}&declare=1",
            max_bytes=1024 * 1024,
            timeout=Timeout(read=10.0),
        )
    assert str(info.value).endswith(
        "response of 1073741824 bytes is larger than the limit of 1048576 bytes"
    )


def test_gzip_bomb_is_refused(server):
    with pytest.raises(ResponseTooLarge):
        fetch_url(f"{server.url}/gzip-bomb?size={8 * 1024 * 1024}", max_bytes=1024 * 1024)


def test_exactly_the_limit_is_accepted(server):
    assert fetch_url(f"{server.url}/doc.json", max_bytes=len(DOC)) == DOC
    with pytest.raises(ResponseTooLarge):
        fetch_url(f"{server.url}/doc.json", max_bytes=len(DOC) - 1)


# --- redirects ------------------------------------------------------------------------------


def test_same_origin_redirect_keeps_credentials(server):
    url = f"{server.url}/redirect?to=/bearer/doc.json"
    assert fetch_url(url, auth=BearerAuth(BEARER_TOKEN)) == DOC


def test_cross_origin_redirect_drops_credentials(server, other_server):
    target = f"{other_server.url}/bearer/doc.json"
    with pytest.raises(HTTPStatusError) as info:
        fetch_url(f"{server.url}/redirect?to={target}", auth=BearerAuth(BEARER_TOKEN))
    assert info.value.status == 401
    seen = other_server.state.calls("/bearer/doc.json")
    assert seen and all("authorization" not in r.headers for r in seen)


# --- TLS ------------------------------------------------------------------------------------


def test_tls_certificate_is_verified_and_not_retried(tmp_path):
    cert, tls_key = self_signed_certificate(tmp_path)
    waits = Waits()
    with LocalServer(tls=(cert, tls_key)) as https, pytest.raises(FetchConnectionError) as info:
        fetch_url(f"{https.url}/doc.json", session=session(waits))
    assert str(info.value).startswith(f"{https.url}/doc.json: TLS: ")
    assert "certificate" in str(info.value)
    assert info.value.retryable is False
    assert waits == []


# --- names and messages ---------------------------------------------------------------------


def test_display_url_hides_userinfo_and_query():
    assert display_url("https://bob:s3cr3t-pass@host.example:8443/a/b.json?token=abc") == (
        "https://host.example:8443/a/b.json?..."
    )
    assert display_url("https://host.example/a.json") == "https://host.example/a.json"


def test_password_in_url_is_masked(server):
    url = server.url.replace("http://", "http://alice:pw-in-url-12345@") + "/status/x?code=404"
    with pytest.raises(HTTPStatusError) as info:
        fetch_url(url)
    assert "pw-in-url-12345" not in str(info.value)
    assert "alice" not in str(info.value)


def test_not_a_url():
    with pytest.raises(FetchError) as info:
        fetch_url("ftp://example.com/x.json")
    assert str(info.value) == "ftp://example.com/x.json: not an http(s) URL"


def test_errors_pickle_with_attributes(server):
    with pytest.raises(HTTPStatusError) as info:
        fetch_url(f"{server.url}/status/{key('p')}?code=410")
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is HTTPStatusError
    assert (again.status, again.source, str(again)) == (410, info.value.source, str(info.value))
    too_big = ResponseTooLarge("too big", limit=5, source="s")
    assert pickle.loads(pickle.dumps(too_big)).limit == 5


def test_auth_objects_do_not_show_secrets():
    for auth in (
        BasicAuth(BASIC_USER, BASIC_KEY),
        BearerAuth(BEARER_TOKEN),
        HeaderAuth("Authorization", HEADER_VALUE),
    ):
        for text in (repr(auth), str(auth), f"{auth}"):
            assert all(s not in text for s in SECRETS)
            assert "<set>" in text


@pytest.mark.parametrize(
    "exc",
    [
        FetchError("plain", source="s"),
        FetchTimeout("slow", source="s"),
        FetchConnectionError("tls", source="s", retryable=False),
        CredentialsError("none"),
        HTTPStatusError("HTTP 500", status=500, source="s"),
        ResponseTooLarge("big", limit=10, source="s"),
    ],
)
def test_every_fetch_error_pickles_with_its_attributes(exc):
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is type(exc)
    assert vars(again) == vars(exc)
    assert str(again) == str(exc)


def test_the_http_client_is_imported_only_when_a_source_is_fetched() -> None:
    """``import elementlist`` and a local caption call never load httpx (about 10 MB of a
    process's memory, issue 11); the fetch names still import on first use."""
    code = (
        "import sys, elementlist, elementlist.fetch as f\n"
        'elementlist.get_caption(b\'{"version": 3, "segments": []}\')\n'
        "assert 'httpx' not in sys.modules, 'httpx loaded'\n"
        "assert f.fetch_url.__module__ == 'elementlist.fetch.http'\n"
        "assert 'httpx' in sys.modules\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)


def test_the_command_given_a_local_file_never_imports_the_http_client(tmp_path: Path) -> None:
    """``elementlist caption FILE`` builds its fetch options from its flags whatever the
    source is; only a fetch imports httpx (about 75 ms of every command's start)."""
    out = tmp_path / "out.srt"
    code = (
        "import sys\n"
        "from elementlist.cli import main\n"
        f"status = main(['caption', {str(EXAMPLES / 'podcast_v3.json')!r}, '-f', 'srt', '-o', {str(out)!r}])\n"
        "assert status == 0, status\n"
        "assert 'httpx' not in sys.modules, 'httpx loaded'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)
    assert out.read_bytes().startswith(b"1\n")
