"""A real HTTP server on 127.0.0.1 for the fetcher tests: the cielo24 endpoints the fetchers
use, and plain routes that misbehave on purpose.

It runs in a thread on an ephemeral port; every request is recorded (path, query, headers)
so tests can check what the client really sent, and ``state.delays[path]`` makes any path
(the cielo24 ones too) wait that many seconds before answering. Slow routes wait on an event that stopping
the server sets, so nothing outlives the test session.

cielo24 (paths and parameters of API document v1.4.10): ``/api/account/login``,
``/api/account/logout``, ``/api/job/get_elementlist``, ``/api/job/list_elementlists``;
errors are HTTP 400 with ``{"ErrorType": ..., "ErrorComment": ...}``. This server is hostile
where it helps testing: its error comments echo the secret they were given, so the client's
masking is exercised.

Plain routes (``KEY`` names a counter, so one test's attempts do not mix with another's):

- ``/doc.json``: the ElementList; ``/not-json``: bytes that are no ElementList
- ``/basic/doc.json``, ``/bearer/doc.json``, ``/header/doc.json``: need Basic, Bearer, or
  ``Authorization: APIKEY:ACME <key>``; a missing header is 401, a wrong one 403
- ``/slow/KEY?delay=S[&to=URL]``: waits S seconds before answering (with a 302 to URL)
- ``/drip/KEY?every=S``: the ElementList, its length declared, one byte every S seconds
- ``/drop/KEY?fail=N``: the first N requests are closed without any response
- ``/flaky/KEY?status=500&fail=N``: the first N requests get that status
- ``/busy/KEY?after=V&fail=N``: the first N requests get 429 with ``Retry-After: V``
- ``/status/KEY?code=404``: always that status
- ``/big/KEY?size=N[&declare=1]``: N bytes, declared in Content-Length or sent until close
- ``/gzip``: the ElementList gzip-encoded; ``/gzip-bomb?size=N``: N zero bytes, gzipped
- ``/redirect?to=URL``: 302 to URL
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import json
import secrets
import ssl
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

# The document every route serves: a bundled example (the fetchers' tests test transport and
# must not depend on ../shared being there).
SERVED = Path(__file__).resolve().parent.parent / "examples" / "podcast_v3.json"
DOC = SERVED.read_bytes()

JOB_ID = "64bea283eff6475ea6596027a6ba0929"
NOT_JSON_JOB = "0000000000000000000000000000feed"
VERSIONS = (("MECHANICAL", "2014-07-31T12:35:52Z"), ("FINAL", "2014-08-01T09:00:00Z"))

USERNAME = "caption_editor"
PASSWORD = "correct-horse-battery-staple-42"
API_KEY = "968a8b637a5040159424872fffdb895b"
BASIC_USER = "alice"
BASIC_KEY = "basic-secret-key-7d1f0c9e"
BEARER_TOKEN = "bearer-token-5b2a9c17e4f3"
HEADER_KEY = "apikey-4f9e2d71b8c3a6"
HEADER_VALUE = f"APIKEY:ACME {HEADER_KEY}"


def variant(label: str) -> bytes:
    """The example ElementList marked with ``label`` (an extra top-level field), so each
    version the server holds is a different, valid document."""
    doc = json.loads(DOC)
    doc["x_served"] = label
    return json.dumps(doc).encode()


@dataclass
class Recorded:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


@dataclass
class State:
    requests: list[Recorded] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    sent: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    finished: dict[str, threading.Event] = field(
        default_factory=lambda: defaultdict(threading.Event)
    )
    tokens: set[str] = field(default_factory=set)
    issued: list[str] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    documents: dict[tuple[str, str], bytes] = field(default_factory=dict)
    # seconds to wait before answering a path (a test sets and clears them)
    delays: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for iwp_name, _version in VERSIONS:
            self.documents[(JOB_ID, iwp_name)] = variant(iwp_name)
        self.documents[(JOB_ID, "AUDIO_DESCRIPTION")] = variant("AUDIO_DESCRIPTION")

    def count(self, key: str) -> int:
        with self.lock:
            self.counters[key] += 1
            return self.counters[key]

    def calls(self, path: str) -> list[Recorded]:
        with self.lock:
            return [r for r in self.requests if r.path == path]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # --- helpers -------------------------------------------------------------------------

    @property
    def state(self) -> State:
        return self.server.state

    def send(
        self,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def cielo24_error(self, error_type: str, comment: str) -> None:
        body = json.dumps({"ErrorType": error_type, "ErrorComment": comment}).encode()
        self.send(400, body)

    def one(self, query: dict[str, list[str]], name: str) -> str | None:
        values = query.get(name)
        return values[0] if values else None

    # --- dispatch ------------------------------------------------------------------------

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        headers = {k.lower(): v for k, v in self.headers.items()}
        with self.state.lock:
            self.state.requests.append(Recorded(parts.path, query, headers))
            delay = self.state.delays.get(parts.path, 0.0)
        if delay:
            self.state.stopping.wait(delay)
        path = parts.path
        segments = path.strip("/").split("/")
        route = getattr(self, "route_" + segments[0].replace("-", "_").replace(".", "_"), None)
        if path.startswith("/api/"):
            self.route_api(path, query, headers)
        elif route is not None:
            route(segments[1:], query, headers)
        else:
            self.send(404, b"no such route", content_type="text/plain")

    # --- cielo24 -------------------------------------------------------------------------

    def route_api(self, path: str, query: dict[str, list[str]], headers: dict[str, str]) -> None:
        if self.one(query, "v") != "1":
            self.cielo24_error("MISSING_PARAMETER", "v")
            return
        if path == "/api/account/login":
            self.login(query, headers)
            return
        token = self.one(query, "api_token")
        if token is None:
            self.cielo24_error("MISSING_PARAMETER", "api_token")
            return
        with self.state.lock:
            valid = token in self.state.tokens
        if not valid:
            self.cielo24_error("BAD_API_TOKEN", f"api_token {token} is not a valid session")
            return
        if path == "/api/account/logout":
            with self.state.lock:
                self.state.tokens.discard(token)
            self.send(204)
            return
        job_id = self.one(query, "job_id")
        if not job_id:
            self.cielo24_error("MISSING_PARAMETER", "job_id is required")
            return
        if job_id.startswith("error-"):
            error_type = job_id[len("error-") :].upper()
            self.cielo24_error(error_type, f"forced {error_type} for job {job_id}")
            return
        if job_id == NOT_JSON_JOB and path == "/api/job/get_elementlist":
            self.send(200, b"this is not an ElementList", content_type="text/plain")
            return
        if job_id != JOB_ID:
            self.cielo24_error("ITEM_NOT_FOUND", f"job {job_id} not found")
            return
        if path == "/api/job/list_elementlists":
            listed = [{"iwp_name": n, "version": v} for n, v in VERSIONS]
            self.send(200, json.dumps(listed).encode())
        elif path == "/api/job/get_elementlist":
            self.get_elementlist(query)
        else:
            self.cielo24_error("INVALID_QUERY", f"no such call {path}")

    def login(self, query: dict[str, list[str]], headers: dict[str, str]) -> None:
        user = headers.get("x-auth-user") or self.one(query, "username")
        password = (
            headers.get("x-auth-password")
            or headers.get("x-auth-key")
            or self.one(query, "password")
        )
        key = headers.get("x-auth-securekey") or self.one(query, "securekey")
        if not user or not (password or key):
            self.cielo24_error("MISSING_PARAMETER", "username with password or securekey")
            return
        good = user == USERNAME and (password == PASSWORD if password else key == API_KEY)
        if not good:
            given = password or key
            self.cielo24_error("LOGIN_INVALID", f"bad credentials for {user}: {given}")
            return
        token = secrets.token_hex(16)
        with self.state.lock:
            self.state.tokens.add(token)
            self.state.issued.append(token)
        self.send(200, json.dumps({"ApiToken": token}).encode())

    def get_elementlist(self, query: dict[str, list[str]]) -> None:
        version = self.one(query, "elementlist_version")
        iwp_name = self.one(query, "iwp_name")
        audio = self.one(query, "audio_description")
        if audio not in (None, "true", "false"):
            self.cielo24_error("INVALID_OPTION", f"audio_description={audio}")
            return
        if audio == "true":
            self.send(200, self.state.documents[(JOB_ID, "AUDIO_DESCRIPTION")])
            return
        if version is not None:
            names = [n for n, v in VERSIONS if v == version]
            if not names:
                self.cielo24_error("ITEM_NOT_FOUND", f"no ElementList version {version}")
                return
            iwp_name = names[0]
        if iwp_name is not None and iwp_name not in dict(VERSIONS):
            self.cielo24_error("INVALID_OPTION", f"iwp_name {iwp_name} is not known")
            return
        chosen = iwp_name or VERSIONS[-1][0]
        self.send(200, self.state.documents[(JOB_ID, chosen)])

    # --- plain routes --------------------------------------------------------------------

    def route_doc_json(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        self.send(200, DOC)

    def route_not_json(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        self.send(200, b"<html>not an ElementList</html>", content_type="text/html")

    def _auth_route(self, expected: str, headers: dict[str, str]) -> None:
        given = headers.get("authorization")
        if given is None:
            self.send(401, b"{}", headers={"WWW-Authenticate": "Basic realm=test"})
        elif given != expected:
            self.send(403, json.dumps({"error": f"bad credentials {given}"}).encode())
        else:
            self.send(200, DOC)

    def route_basic(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        pair = base64.b64encode(f"{BASIC_USER}:{BASIC_KEY}".encode()).decode()
        self._auth_route(f"Basic {pair}", headers)

    def route_bearer(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        self._auth_route(f"Bearer {BEARER_TOKEN}", headers)

    def route_header(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        self._auth_route(HEADER_VALUE, headers)

    def route_slow(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        key = rest[0] if rest else "slow"
        self.state.count(key)
        self.state.stopping.wait(float(self.one(query, "delay") or "5"))
        to = self.one(query, "to")
        with contextlib.suppress(OSError):
            if to:
                self.send(302, b"", headers={"Location": to})
            else:
                self.send(200, DOC)

    def route_drip(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        """The ElementList (its length declared) one byte every ``every`` seconds."""
        key = rest[0]
        self.state.count(key)
        every = float(self.one(query, "every") or "1")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(DOC)))
        self.end_headers()
        self.close_connection = True
        try:
            for index in range(len(DOC)):
                self.wfile.write(DOC[index : index + 1])
                self.wfile.flush()
                if self.state.stopping.wait(every):
                    break
        except OSError:
            pass
        finally:
            self.state.finished[key].set()

    def route_drop(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        n = self.state.count(rest[0])
        if n <= int(self.one(query, "fail") or "1"):
            self.close_connection = True  # no status line, no headers: just a closed socket
            return
        self.send(200, DOC)

    def route_flaky(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        n = self.state.count(rest[0])
        if n <= int(self.one(query, "fail") or "1"):
            status = int(self.one(query, "status") or "500")
            self.send(status, b"try later", content_type="text/plain")
            return
        self.send(200, DOC)

    def route_busy(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        n = self.state.count(rest[0])
        if n <= int(self.one(query, "fail") or "1"):
            after = self.one(query, "after") or "0"
            self.send(429, b"slow down", headers={"Retry-After": after}, content_type="text/plain")
            return
        self.send(200, DOC)

    def route_status(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        self.state.count(rest[0])
        self.send(int(self.one(query, "code") or "404"), b"status", content_type="text/plain")

    def route_big(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        key = rest[0]
        size = int(self.one(query, "size") or str(64 * 1024 * 1024))
        declare = self.one(query, "declare") == "1"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if declare:
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        chunk = b" " * 65536
        try:
            if declare:
                # a first piece, then nothing: a client that waits for the rest times out
                self.wfile.write(b"{" + chunk)
                self.state.sent[key] += len(chunk) + 1
                self.wfile.flush()
                self.state.stopping.wait(3)
            else:
                while self.state.sent[key] < size and not self.state.stopping.is_set():
                    self.wfile.write(chunk)
                    self.state.sent[key] += len(chunk)
        except OSError:
            pass
        finally:
            self.state.finished[key].set()

    def route_gzip(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        self.send(200, gzip.compress(DOC), headers={"Content-Encoding": "gzip"})

    def route_gzip_bomb(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        size = int(self.one(query, "size") or str(16 * 1024 * 1024))
        self.send(200, gzip.compress(b"\0" * size), headers={"Content-Encoding": "gzip"})

    def route_redirect(self, rest: list[str], query: Any, headers: dict[str, str]) -> None:
        self.send(302, b"", headers={"Location": self.one(query, "to") or "/doc.json"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: State

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], OSError):
            return  # a client that hung up (as the tests make them do) is no server error
        super().handle_error(request, client_address)


class LocalServer:
    """The server, started on enter and stopped on exit."""

    def __init__(self, tls: tuple[Path, Path] | None = None) -> None:
        """``tls``: (certificate, key) files to serve https instead of http."""
        self.state = State()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.state = self.state
        self.scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
            self.scheme = "https"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.state.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 that no trust store knows, made with the openssl tool."""
    import subprocess

    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


def free_port() -> int:
    """A port where nothing listens (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
