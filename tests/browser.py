"""Headless Chromium for tests: pages served by a real HTTP server on 127.0.0.1.

``render_dom(page)`` loads a page (a local file, served with its folder, or a URL) in
``/usr/bin/chromium --headless`` and returns the DOM after its scripts ran (``--dump-dom``
with a virtual-time budget, so the page's own loads finish first). ``browser_cues(vtt)``
gives Chromium's own reading of a WebVTT file: every cue of a ``<track>`` on a ``<video>``.

``screenshot(page, out)`` saves a PNG of a page as Chromium draws it.
``ELEMENTLIST_CHROMIUM`` names another binary. Calling these without Chromium is an error
(``BrowserError``); the tests that need it are marked ``browser``, and conftest skips them
where :func:`find_chromium` finds nothing (CI, which installs it, turns that skip into a
failure: see tests/programs.py).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import lxml.html

DEFAULT_CHROMIUM = "/usr/bin/chromium"

Cue = dict[str, Any]


class BrowserError(RuntimeError):
    """Chromium is missing, failed, or the page did not produce its result."""


def find_chromium() -> str | None:
    """The Chromium binary: ``$ELEMENTLIST_CHROMIUM`` (else /usr/bin/chromium) when it is
    executable, else ``chromium`` or ``chromium-browser`` on PATH; None when there is none."""
    candidate = os.environ.get("ELEMENTLIST_CHROMIUM") or DEFAULT_CHROMIUM
    if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
        return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_path() -> str:
    found = find_chromium()
    if found:
        return found
    candidate = os.environ.get("ELEMENTLIST_CHROMIUM") or DEFAULT_CHROMIUM
    raise BrowserError(
        f"headless Chromium not found at {candidate} nor on PATH (install the Debian "
        "'chromium' package or set ELEMENTLIST_CHROMIUM)"
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the stdlib handler's own class attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".vtt": "text/vtt; charset=utf-8",
        ".html": "text/html; charset=utf-8",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(root: str | os.PathLike[str]) -> Iterator[str]:
    """Serve a folder over HTTP on 127.0.0.1 (a free port); yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=os.fspath(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _dump_dom(url: str, timeout: float, budget_ms: int) -> str:
    with tempfile.TemporaryDirectory(prefix="elementlist-chromium-") as profile:
        command = [
            chromium_path(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--mute-audio",
            f"--user-data-dir={profile}",
            f"--virtual-time-budget={budget_ms}",
            "--dump-dom",
            url,
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise BrowserError(f"Chromium did not finish {url} within {timeout} s") from None
    dom = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0 or not dom.strip():
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise BrowserError(f"Chromium failed on {url} (exit {done.returncode}): {tail}")
    return dom


def render_dom(
    page: str | os.PathLike[str], *, timeout: float = 30, budget_ms: int = 10_000
) -> str:
    """The DOM of a page after its scripts ran: a URL, or a local file served with its folder."""
    text = os.fspath(page)
    if text.startswith(("http://", "https://")):
        return _dump_dom(text, timeout, budget_ms)
    path = Path(text).resolve()
    if not path.is_file():
        raise BrowserError(f"no page at {path}")
    with serve_directory(path.parent) as base:
        return _dump_dom(base + path.name, timeout, budget_ms)


def screenshot(
    page: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    width: int = 1100,
    height: int = 2400,
    timeout: float = 60,
) -> Path:
    """A PNG screenshot of a local page (served with its folder) at ``width`` × ``height``."""
    path = Path(os.fspath(page)).resolve()
    if not path.is_file():
        raise BrowserError(f"no page at {path}")
    target = Path(os.fspath(out)).resolve()
    with (
        serve_directory(path.parent) as base,
        tempfile.TemporaryDirectory(prefix="elementlist-chromium-") as profile,
    ):
        command = [
            chromium_path(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={target}",
            base + path.name,
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise BrowserError(f"Chromium did not finish {path} within {timeout} s") from None
    if done.returncode != 0 or not target.is_file():
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise BrowserError(
            f"Chromium took no screenshot of {path} (exit {done.returncode}): {tail}"
        )
    return target


def element_text(dom: str, element_id: str) -> str:
    """The text content of the element with this id in a dumped DOM."""
    found = lxml.html.document_fromstring(dom).get_element_by_id(element_id, None)
    if found is None:
        raise BrowserError(f"no element #{element_id} in the page's DOM")
    return str(found.text_content())


_TRACK_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>tracks</title></head>
<body>
<video id="video" preload="auto">
{tracks}
</video>
<pre id="result"></pre>
<script>
const elements = Array.from(document.querySelectorAll("track"));
const result = document.getElementById("result");
function cuesOf(element) {{
  return Array.from(element.track.cues || []).map((cue) => ({{
    id: cue.id,
    startTime: cue.startTime,
    endTime: cue.endTime,
    text: cue.text,
    shown: cue.getCueAsHTML().textContent,
  }}));
}}
function settle() {{
  if (elements.some((e) => e.readyState < 2)) return;
  result.textContent = JSON.stringify(elements.map((e) =>
    e.readyState === 2 ? {{ cues: cuesOf(e) }} : {{ error: true }}));
}}
for (const element of elements) {{
  element.addEventListener("load", settle);
  element.addEventListener("error", settle);
  element.track.mode = "hidden";
}}
settle();
</script>
</body></html>
"""


def browser_cues_many(files: Sequence[str | bytes], *, timeout: float = 60) -> list[list[Cue]]:
    """Chromium's cues for several WebVTT files in one browser run (one track each).

    Each cue is a dict: id, startTime and endTime (seconds), text (the raw cue text) and
    shown (the text of ``getCueAsHTML()``, references decoded). Raises BrowserError when
    Chromium rejects any of the files (that track's error event).
    """
    with tempfile.TemporaryDirectory(prefix="elementlist-track-") as folder:
        root = Path(folder)
        tracks = []
        for index, vtt in enumerate(files):
            data = vtt.encode("utf-8") if isinstance(vtt, str) else vtt
            (root / f"captions{index}.vtt").write_bytes(data)
            default = " default" if index == 0 else ""
            tracks.append(
                f'  <track{default} kind="captions" srclang="en" label="t{index}"'
                f' src="captions{index}.vtt">'
            )
        page = root / "index.html"
        page.write_text(_TRACK_PAGE.format(tracks="\n".join(tracks)), encoding="utf-8")
        dom = render_dom(page, timeout=timeout)
    raw = element_text(dom, "result")
    if not raw:
        raise BrowserError("the tracks never finished loading")
    outcome: list[dict[str, Any]] = json.loads(raw)
    failed = [index for index, track in enumerate(outcome) if track.get("error")]
    if failed:
        raise BrowserError(f"Chromium could not load WebVTT file(s) {failed} (error event)")
    return [track["cues"] for track in outcome]


def browser_cues(vtt: str | bytes, *, timeout: float = 30) -> list[Cue]:
    """Chromium's own reading of one WebVTT file (see :func:`browser_cues_many`)."""
    return browser_cues_many([vtt], timeout=timeout)[0]
