"""A loaded document that is not decoded yet (issue 11, the model route).

``elementlist.load``/``loads`` of bytes the compiled scanner reads without doubt give an
ElementList that holds the bytes and the scanner's columns; rendering it uses those, and
its tree of Structs is built the first time a field is read or set (``doc.decoded``
says which). Without the scanner (``ELEMENTLIST_PURE=1``) load() decodes at once. These
tests hold the two to the same behaviour: the same outputs, errors at load time, equality,
pickling, dumps and validate, an edit rendered, and two threads at once.
"""

from __future__ import annotations

import copy
import json
import pickle
import random
import threading
import warnings
from pathlib import Path
from typing import Any

import msgspec
import pytest
from conftest import EXAMPLES, REAL_EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import element_lists
from test_decode import json_values
from test_decode_hostile import mutate

import elementlist as el
from elementlist.document import decode
from elementlist.document.model import ElementListTree, tree_of
from elementlist.document.vocabulary import TokenKind
from elementlist.errors import ElementListWarning
from elementlist.table.build import table_of
from elementlist.table.from_bytes import scanner_available, table_from_bytes
from elementlist.table.from_model import build_token_table
from elementlist.writers import FORMATS

LAZY = scanner_available()  # False under ELEMENTLIST_PURE=1: load() decodes at once
PODCAST = EXAMPLES / "podcast_v3.json"
DOCUMENTS = [REAL_EXAMPLE, *sorted(EXAMPLES.glob("*.json"))]
SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def eager(raw: bytes) -> el.ElementList:
    """The same document with its tree built by the full decoder (the route of old)."""
    doc = el.loads(raw)
    tree_of(doc)
    assert doc.decoded
    return doc


def every_output(source: Any) -> dict[str, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ElementListWarning)  # SCC says what it delayed
        out = {fmt: el.get_caption(source, fmt) for fmt in FORMATS}
    for file_format in ("txt", "html"):
        out[file_format] = el.get_transcript(source, file_format=file_format, title="T")
    return out


def with_unknown_fields(raw: bytes) -> bytes:
    tree = json.loads(raw)
    tree["x_root"] = {"kept": [1, 2.5, None]}
    tree["segments"][0]["x_segment"] = "s"
    tree["segments"][0]["sequences"][0]["tokens"][0]["x_token"] = True
    return json.dumps(tree).encode()


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_an_untouched_loaded_document_renders_without_its_tree(path: Path) -> None:
    """Every format and transcript, twice (the second from the bytes again): the bytes
    route's outputs, and the tree is never built."""
    raw = path.read_bytes()
    doc = el.load(path)
    assert doc.decoded is not LAZY
    want = every_output(raw)
    assert every_output(doc) == want
    assert every_output(doc) == want
    assert el.captions(doc).to("SRT") == want["SRT"]
    assert doc.decoded is not LAZY  # rendering read no field
    assert every_output(eager(raw)) == want  # and the tree's route agrees


def test_the_scanned_columns_are_rendered_once_then_the_bytes_again() -> None:
    """The first rendering takes over the scanner's columns (so it can let go of them);
    one after it reads the bytes again: the same table either way."""
    raw = PODCAST.read_bytes()
    doc = el.loads(raw)
    first = table_of(doc)
    second = table_of(doc)
    want = build_token_table(eager(raw))
    for table in (first, second):
        for name in ("start", "end", "kind", "flags", "speaker", "tag"):
            assert getattr(table, name).tolist() == getattr(want, name).tolist(), name
        assert (table.text, table.value, table.speakers) == (want.text, want.value, want.speakers)
    if LAZY:
        assert first is not second  # not one table held for all: each is its own
        assert not doc.decoded


def test_strict_rendering_validates_the_tree() -> None:
    doc = el.load(PODCAST)
    assert el.get_caption(doc, "SRT", strict=True) == el.get_caption(PODCAST, "SRT")
    assert doc.decoded  # validation read the tree


def test_reading_a_field_builds_the_tree_once_and_it_stays() -> None:
    doc = el.load(PODCAST)
    segments = doc.segments
    assert doc.decoded
    assert doc.segments is segments  # built once: the same tree from then on
    assert isinstance(tree_of(doc), ElementListTree)
    assert isinstance(segments[0], el.Segment) and isinstance(doc.tokens()[0], el.Token)


@pytest.mark.parametrize("when", ["before any rendering", "after a rendering"])
def test_an_edit_is_rendered(when: str) -> None:
    doc = el.load(PODCAST)
    before = el.get_caption(doc, "SRT") if when == "after a rendering" else None
    token = next(t for t in doc.tokens() if t.kind == TokenKind.WORD)
    token.display_as = "Edited"
    srt = el.get_caption(doc, "SRT")
    assert "Edited" in srt and srt != (before or el.get_caption(PODCAST, "SRT"))
    assert srt == el.get_caption(el.loads(el.dumpb(doc)), "SRT")  # what the edit dumps


def test_setting_a_field_builds_the_tree_and_is_rendered() -> None:
    doc = el.load(PODCAST)
    doc.language = "ja"  # written without spaces between words
    assert doc.decoded and doc.language == "ja"
    spaced = el.get_transcript(PODCAST, file_format="txt")
    unspaced = el.get_transcript(doc, file_format="txt")
    assert unspaced != spaced and unspaced.count(" ") < spaced.count(" ")


@pytest.mark.parametrize("unknown", [False, True], ids=["plain", "unknown fields"])
def test_a_loaded_document_is_the_eager_one(unknown: bool) -> None:
    """``==``, ``repr``, ``extra``, dumps, validate, tokens, copies and pickles agree with
    the document decoded at once (the same bytes, the same dict)."""
    raw = PODCAST.read_bytes()
    if unknown:
        raw = with_unknown_fields(raw)
    want = eager(raw)
    as_dict = el.load(json.loads(raw))
    assert as_dict.decoded and as_dict == want

    def fresh() -> el.ElementList:
        doc = el.loads(raw)
        assert doc.decoded is not LAZY
        return doc

    assert fresh() == want and want == fresh() and fresh() == fresh()
    assert not fresh() != want  # noqa: SIM202 (the operator itself)
    assert repr(fresh()) == repr(want) and repr(want).startswith("ElementList(version=3, ")
    assert fresh().extra == want.extra == ({"x_root": {"kept": [1, 2.5, None]}} if unknown else {})
    assert el.dumpb(fresh()) == el.dumpb(want) and el.dumps(fresh()) == el.dumps(want)
    assert el.validate(fresh()) == el.validate(want)
    assert fresh().tokens() == want.tokens()
    assert copy.deepcopy(fresh()) == want and copy.copy(fresh()) == want
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        untouched = fresh()
        again = pickle.loads(pickle.dumps(untouched, protocol))
        assert again.decoded is not LAZY  # sent as its bytes, loaded again there
        assert again == want
        assert pickle.loads(pickle.dumps(want, protocol)) == want
    if LAZY:
        assert len(pickle.dumps(fresh())) < len(raw) + 200  # the bytes, not the tree
    assert fresh() != el.load(EXAMPLES / "interview_v3_int_types.json")
    assert fresh() != "not a document" and fresh().__eq__(1) is NotImplemented
    with pytest.raises(TypeError):
        hash(fresh())


def test_a_document_made_in_python_is_decoded_and_like_a_loaded_one() -> None:
    token = el.Token(start_time=0, end_time=400, value="hi", type="word")
    sequence = el.Sequence(start_time=0, end_time=400, tokens=[token])
    made = el.ElementList(
        version=3, segments=[el.Segment(start_time=0, end_time=400, sequences=[sequence])]
    )
    assert made.decoded and made.start_time is msgspec.UNSET
    assert el.ElementList(3, made.segments) == made  # positional, as the Struct took them
    loaded = el.loads(el.dumpb(made))
    assert loaded == made and el.get_caption(loaded, "SRT") == el.get_caption(made, "SRT")
    assert el.ElementList.__match_args__ == ElementListTree.__struct_fields__
    match made:
        case el.ElementList(3, segments):
            assert segments is made.segments
        case _:
            pytest.fail("ElementList's match arguments")


def _at_once(barrier: threading.Barrier, got: list[Any], i: int, call: Any, *args: Any) -> None:
    barrier.wait()
    got[i] = call(*args)


def test_two_threads_rendering_one_document_agree() -> None:
    """Two threads at once: render (one takes the columns, the other reads the bytes
    again), or build the tree (once: both see the same one)."""
    raw = PODCAST.read_bytes()
    want = el.get_caption(raw, "WEB_VTT")
    for _ in range(20):
        doc = el.loads(raw)
        barrier = threading.Barrier(2)
        got: list[Any] = [None, None]
        threads = [
            threading.Thread(
                target=_at_once, args=(barrier, got, i, el.get_caption, doc, "WEB_VTT")
            )
            for i in range(2)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert got == [want, want]

        doc = el.loads(raw)
        barrier = threading.Barrier(2)
        threads = [
            threading.Thread(target=_at_once, args=(barrier, got, i, getattr, doc, "segments"))
            for i in range(2)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert got[0] is got[1] and got[0] is doc.segments


# ---------------------------------------------------------------------------------------
# What load() refuses, it refuses at load time


def refused_by_the_decoder(data: bytes) -> bool:
    """Whether the full decoder (the route without the scanner) refuses ``data``."""
    try:
        decode._decode_tree(decode._strip_bom(data))
    except el.ElementListError:
        return True
    return False


def assert_refused_at_load_time(data: bytes) -> None:
    """loads() raises exactly when the full decoder refuses; a document it gives builds its
    tree without an error, into the decoder's tree."""
    if refused_by_the_decoder(data):
        with pytest.raises(el.ElementListError):
            el.loads(data)
        return
    doc = el.loads(data)
    assert tree_of(doc) == decode._decode_tree(decode._strip_bom(data))


@settings(max_examples=150, **SLOW)
@given(
    element_lists(max_segments=2),
    st.randoms(use_true_random=False),
    st.lists(json_values, min_size=1, max_size=4),
    st.integers(1, 3),
)
def test_hostile_documents_are_refused_at_load_time(
    d: dict, rnd: random.Random, junk: list[Any], n: int
) -> None:
    assert_refused_at_load_time(mutate(d, rnd, junk, n))


@settings(max_examples=150, **SLOW)
@given(element_lists(max_segments=2), st.data())
def test_byte_mutations_are_refused_at_load_time(d: dict, data: st.DataObject) -> None:
    raw = bytearray(msgspec.json.encode(d))
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.sampled_from(b'{}[]",:0123456789.eE-+ \\tnulfasr\x00\xff'))
    assert_refused_at_load_time(bytes(raw))


@pytest.mark.parametrize("path", DOCUMENTS[1:], ids=lambda p: p.name)
def test_truncated_documents_are_refused_at_load_time(path: Path) -> None:
    raw = path.read_bytes()
    for end in range(0, len(raw), max(1, len(raw) // 300)):
        assert_refused_at_load_time(raw[:end])


def test_a_path_or_text_with_an_error_raises_at_load(tmp_path: Path) -> None:
    bad = PODCAST.read_bytes().replace(b'"type": "word"', b'"type": null', 1)
    assert bad != PODCAST.read_bytes()
    path = tmp_path / "bad.json"
    path.write_bytes(bad)
    for source in (path, str(path), bad, bad.decode()):
        with pytest.raises(el.ElementListError, match="type"):
            el.load(source)


def test_loaded_documents_build_the_table_of_their_tree() -> None:
    """``build_token_table`` (public) reads the tree: it is the model's table, built from the
    tree, which equals the scanner's."""
    doc = el.load(PODCAST)
    table = build_token_table(doc)
    assert doc.decoded
    want = table_from_bytes(PODCAST.read_bytes())
    assert table.text == want.text and table.flags.tolist() == want.flags.tolist()


def test_decoding_at_once_skips_the_scanner_and_gives_the_same_document() -> None:
    """What validates a document, or follows the scanner's refusal, decodes at once (no
    second scan): the same document, its tree built; the same errors."""
    raw = PODCAST.read_bytes()
    doc = decode.loads_decoded(raw)
    assert doc.decoded and doc == el.loads(raw)
    with pytest.raises(el.ElementListError) as at_once:
        decode.loads_decoded(raw[:-20], name="cut.json")
    with pytest.raises(el.ElementListError) as lazily:
        el.loads(raw[:-20], name="cut.json")
    assert str(at_once.value) == str(lazily.value)
