"""What the batch tests share: an input tree of good and bad ElementLists, the bytes each
output must have, and independent readers for the formats."""

from __future__ import annotations

import io
import json
import os
import signal
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import srt
import webvtt
from conftest import EXAMPLES, REAL_EXAMPLE
from lxml import etree
from test_writers_qt import read_qt
from test_writers_sami import read_syncs
from test_writers_sbv import read_sbv

from elementlist import get_caption, kernels, load
from elementlist.batch import REPORT_NAME, output_format
from elementlist.captions.model import DocumentInfo
from elementlist.options.classes import CaptionOptions

# A generated document long enough that a batch of a hundred links to it is still running
# when a test stops it: an hour with the compiled kernels (0.04 s an input to SRT and
# WebVTT), ten minutes with the pure twins, which take ten times as long (0.1 s an input
# then; an hour would be 0.5 s, and the signal tests over three minutes of the suite).
LONG_DOCUMENT = "1h" if kernels.COMPILED else "10min"

CAPTION_FORMATS = ["srt", "vtt", "dfxp", "sbv", "qt", "sami", "transcript"]
GOOD = {
    # stem relative to the tree's root → the document it holds
    "top": EXAMPLES / "podcast_v3.json",
    "talks/2024/interview": EXAMPLES / "interview_v3_int_types.json",
    "talks/real": REAL_EXAMPLE,
}
BAD = {
    # file relative to the root → words its report error must contain
    "broken/not_json.json": "JSON is malformed",
    "broken/not_elementlist.json": "missing required field",
    "broken/gone.json": "No such file",
}


@dataclass
class Tree:
    root: Path

    def source(self, stem: str) -> Path:
        return self.root / f"{stem}.json"

    @property
    def good(self) -> list[Path]:
        return [self.source(stem) for stem in GOOD]

    @property
    def bad(self) -> list[Path]:
        return [self.root / name for name in BAD]


def make_tree(root: Path) -> Tree:
    """Nested folders of good ElementLists, a file that is not JSON, one that is JSON but no
    ElementList, a link to nowhere (unreadable, even for root), and files that are no
    inputs (wrong extension, hidden)."""
    for stem, doc in GOOD.items():
        target = root / f"{stem}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(doc.read_bytes())
    (root / "broken").mkdir()
    (root / "broken/not_json.json").write_text("this is { not JSON\n")
    (root / "broken/not_elementlist.json").write_text('{"hello": "world"}')
    os.symlink(root / "broken/nowhere", root / "broken/gone.json")
    (root / "talks/notes.md").write_text("not an input\n")
    (root / ".hidden").mkdir()
    (root / ".hidden/skip.json").write_bytes(REAL_EXAMPLE.read_bytes())
    return Tree(root)


def expected_text(source: Path, fmt: str, title: str, options: CaptionOptions | None = None) -> str:
    """What ``get_caption`` makes of one input, with the title ``elementlist caption`` gives."""
    doc = load(source)
    language = doc.language if isinstance(doc.language, str) else ""
    canonical = output_format(fmt).caption_format
    assert canonical is not None
    return get_caption(doc, canonical, options, info=DocumentInfo(language=language, title=title))


def check_parses(fmt: str, text: str) -> int:
    """Read ``text`` with an independent reader for ``fmt``; the number of cues found."""
    if fmt == "srt":
        return len(list(srt.parse(text)))
    if fmt == "vtt":
        return len(webvtt.from_buffer(io.StringIO(text)).captions)
    if fmt == "dfxp":
        tree = etree.fromstring(text.encode("utf-8"))
        assert tree.tag == "{http://www.w3.org/ns/ttml}tt"
        return len(tree.findall(".//{http://www.w3.org/ns/ttml}p"))
    if fmt == "sbv":
        return len(read_sbv(text))
    if fmt == "qt":
        return len([s for s in read_qt(text)[1] if s[2]])
    if fmt == "sami":
        return len([s for s in read_syncs(text) if s[2] != ("\u00a0",)])
    if fmt == "transcript":
        return len(text.split())
    raise AssertionError(fmt)


def report_lines(outdir: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (outdir / REPORT_NAME).read_text().splitlines()]


def part_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".part")]


def children_of(pid: int) -> list[tuple[int, bytes]]:
    """The child processes of ``pid`` (those whose parent it is, from any of its threads),
    each with its command line: a forked worker has its parent's, a spawned one names
    ``spawn_main``."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            try:
                found.append((int(child), Path(f"/proc/{child}/cmdline").read_bytes()))
            except OSError:
                continue
    return found


STOPS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


def ignored_signals(pid: int) -> set[int]:
    """The signals process ``pid`` ignores (SigIgn in /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key == "SigIgn":
            mask = int(value.strip(), 16)
            return {n for n in range(1, 65) if mask >> (n - 1) & 1}
    return set()


def holders(path: Path, pids: Iterable[int]) -> list[int]:
    """The worker processes among ``pids`` that have ``path`` open. A worker is a process
    whose initializer has run: it ignores the stop signals. A child between its fork and
    its exec (spawn), or between its fork and its initializer (fork), still holds this
    process's descriptors (the FIFO's among them) for a moment; it is not a worker yet, and
    killing it would kill an innocent input's worker at birth. A forked worker lets go of
    them before it ignores the stop signals (elementlist.batch.local._init_worker)."""
    found = []
    for pid in pids:
        try:
            links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
            ignores = ignored_signals(pid)
        except OSError:
            continue
        if str(path) in links and ignores >= STOPS:
            found.append(pid)
    return found
