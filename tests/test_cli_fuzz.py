"""Hostile documents under hostile file names through every command and every format, as
a user runs them: ``batch`` over a folder of them, and ``caption``, ``transcript`` and
``validate`` on each. Whatever the input, a command ends with one of our exit statuses and
no traceback, leaves no partial file, and every word of a document it renders is in the
output (issue 10, "Done when").
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import srt
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile_text import HOSTILE, PLAIN, visible

from elementlist.batch import read_report
from elementlist.filenames import shown
from elementlist.table.text import clean_text

FORMATS = ["srt", "vtt", "dfxp", "sbv", "qt", "sami", "transcript", "txt", "html"]
# Nothing removed and no speaker markers, so the output's text is the document's words.
QUERY = (
    "remove_disfluencies=false&remove_sound_references=false&emit_speaker_change_tokens_as="
    "&display_speaker_id=no&sound_boundaries=('','')"
)
OUR_EXITS = {0, 1, 2}

# Hostile text that survives JSON (a lone surrogate cannot be written as UTF-8 JSON).
TEXT = [h for h in HOSTILE if not 0xD800 <= ord(h[:1] or "a") <= 0xDFFF] + PLAIN
NAME_PIECES: list[bytes] = [
    b"talk", b"caf\xe9", b"\xff\xfe", b" ", b"-", b"--help", b"\n", b"\t", b"\x1b[2J",
    b"'", b'"', b"$(x)", b"..", b"%2e%2e", b"a" * 120, "日本".encode(), b"\xe2\x80\xae",
]  # fmt: skip


def _document(rnd: random.Random) -> dict[str, Any]:
    t = rnd.randint(0, 2000)
    segments = []
    for _ in range(rnd.randint(1, 4)):
        start = t
        sequences = []
        for _ in range(rnd.randint(1, 6)):
            length = rnd.randint(50, 900)
            shown = "".join(rnd.choice(TEXT) for _ in range(rnd.randint(1, 3)))
            token = {"start_time": t, "end_time": t + length, "value": shown.lower(),
                     "type": "word", "display_as": shown, "tags": []}  # fmt: skip
            sequences.append({"start_time": t, "end_time": t + length, "tokens": [token]})
            t += length + rnd.randint(0, 400)
        segments.append({"start_time": start, "end_time": t, "sequences": sequences})
    return {"version": 3, "language": "en", "segments": segments}


def _broken(rnd: random.Random, good: bytes) -> bytes:
    """Something that is not an ElementList, or one a decoder must refuse."""
    cut = good[: rnd.randint(0, max(0, len(good) - 1))]
    return rnd.choice(
        [
            cut,
            b"",
            b"\xef\xbb\xbf",
            good.replace(b'"start_time": ', b'"start_time": 1e400, "start_time": ', 1),
            good.replace(b'"end_time": ', b'"end_time": 18446744073709551616, "end_time": ', 1),
            good[:-1] + b', "segments": []}',
            b'{"version": 3, "segments": [' * 400,
            b"\xff" * 10,
            b"[" + good + b"]",
        ]
    )


@st.composite
def inputs(draw: st.DrawFn) -> list[tuple[bytes, bytes, dict[str, Any] | None]]:
    """(file name, bytes, the document when the bytes are one) for a folder of inputs."""
    rnd = random.Random(draw(st.integers(0, 2**32)))
    items = []
    names: set[bytes] = set()
    for _ in range(draw(st.integers(4, 9))):
        name = b"".join(rnd.choice(NAME_PIECES) for _ in range(rnd.randint(1, 3)))
        name = name.replace(b"/", b"_").replace(b"\0", b"_").strip(b".") or b"x"
        name = name[:200] + b".json"
        if name in names:
            continue
        names.add(name)
        doc = _document(rnd)
        good = json.dumps(doc, ensure_ascii=rnd.random() < 0.5, indent=1).encode()
        if rnd.random() < 0.35:
            items.append((name, _broken(rnd, good), None))
        else:
            items.append((name, good, doc))
    return items


def _words(doc: dict[str, Any]) -> str:
    tokens = [t for s in doc["segments"] for q in s["sequences"] for t in q["tokens"]]
    return visible("".join(clean_text(t["display_as"]) for t in tokens))


def _no_partial_files(root: Path) -> None:
    leftovers = [p for p in root.rglob("*") if p.name.endswith(".part")]
    assert leftovers == []


def _clean_run(done: Any) -> None:
    assert done.returncode in OUR_EXITS, done.stderr
    assert b"Traceback" not in done.stderr and b"Traceback" not in done.stdout
    assert b"\x1b" not in done.stderr  # no terminal escape from a name or a word


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(inputs())
def test_batch_over_hostile_inputs_loses_nothing(tmp_path_factory: Any, items: Any) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")
    folder = tmp / "in"
    folder.mkdir()
    for name, data, _doc in items:
        (folder / os.fsdecode(name)).write_bytes(data)
    out = tmp / "out"
    args = ["batch", str(folder), "-o", str(out), "-j", "1", "--query", QUERY]
    done = run_cli(*args, *(a for f in FORMATS for a in ("-f", f)))
    _clean_run(done)
    _no_partial_files(tmp)
    rows = read_report(out)
    assert len(rows) == len(items)
    # the report shows a name as filenames.shown does (bytes that are not UTF-8 as \\xNN)
    documents = {shown(os.fsdecode(name)): doc for name, _data, doc in items}
    by_input = {row.input.rsplit("/", 1)[-1]: row for row in rows}
    assert set(by_input) == set(documents)
    for name, row in by_input.items():
        doc = documents[name]
        assert (row.status == "ok") == (doc is not None), (name, row)
        if doc is None:
            assert row.error and "\n" not in row.error
            continue
        assert len(row.outputs) == len(FORMATS)
        srt_name = next(o for o in row.outputs if o.endswith(".srt"))
        text = (out / srt_name).read_text("utf-8")
        assert visible("".join(c.content for c in srt.parse(text))) == _words(doc)
    assert done.returncode == (1 if None in documents.values() else 0)


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(inputs())
def test_single_commands_over_hostile_inputs(tmp_path_factory: Any, items: Any) -> None:
    tmp = tmp_path_factory.mktemp("fuzz1")
    for name, data, doc in items[:3]:
        path = tmp / os.fsdecode(name)
        path.write_bytes(data)
        target = tmp / "out.srt"
        done = run_cli("caption", str(path), "-o", str(target), "--query", QUERY)
        _clean_run(done)
        if doc is None:
            assert done.returncode == 2 and not target.exists()
        else:
            assert done.returncode == 0, done.stderr
            parsed = srt.parse(target.read_text("utf-8"))
            assert visible("".join(c.content for c in parsed)) == _words(doc)
            target.unlink()
        page = tmp / "out.html"
        done = run_cli("transcript", str(path), "-o", str(page), "--file-format", "html")
        _clean_run(done)
        assert page.exists() == (doc is not None)
        page.unlink(missing_ok=True)
        done = run_cli("validate", str(path))
        _clean_run(done)
        assert (done.returncode == 2) == (doc is None)
        _no_partial_files(tmp)
