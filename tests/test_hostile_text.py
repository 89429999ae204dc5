"""Hostile text in a document can never break an output's format (docs/formats.md, "Text
from the document").

Words, speaker names and sound tags are drawn from line breaks, cue arrows, markup, CDATA
ends, QuickTime braces and timestamps, controls, bidi controls, emoji, combining marks and
long words. Every caption format is read back by a parser that is not ours: it finds
exactly the cues we wrote, no cue holds more than ``lines_per_caption`` lines of more than
``characters_per_caption_line`` grapheme clusters, and every word that is kept is there,
as :func:`elementlist.table.text.clean_text` documents it.
"""

from __future__ import annotations

import html
import io
from typing import Any

import html5lib
import numpy as np
import pysubs2
import regex
import srt
import webvtt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_writers_dfxp import _paragraphs, _parse
from test_writers_qt import read_qt
from test_writers_sami import read_syncs
from test_writers_sbv import read_sbv

import elementlist
from elementlist import CaptionOptions, TranscriptOptions
from elementlist.captions.api import build_captions
from elementlist.captions.prepare import prepare_layout
from elementlist.document.vocabulary import TokenKind
from elementlist.table.build import table_of as token_table
from elementlist.table.display import sound_display
from elementlist.table.text import clean_text, is_clean
from elementlist.table.transforms import apply_transforms

HOSTILE = [
    "\n", "\r\n", "\r", "\v", "\f", "\t", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029",
    "\x00", "\x07", "\x1b[31m", "\x1b]0;title\x07", "\x7f", "\x9b", "\x1f",
    "-->", "<", ">", "&", "&amp;", "<b>", "</p>", "]]>", "<![CDATA[", "<!--", "{", "}",
    "{QTtext}", "[", "]", "<SYNC Start=5>", "WEBVTT", "NOTE", "1", "\n\n2\n",
    "00:00:01,000 --> 00:00:02,000", "[00:00:01.000]", "0:00:01.000,0:00:02.000",
    "\u200e", "\u200f", "\u061c", "\u202e", "\u202a", "\u2066", "\u2069", "\u200d", "\u200c",
    "\ufeff", "\ufffe", "\U0010ffff", "\ud800", "\udfff",
    "👍🏽", "👨\u200d👩\u200d👧", "🇫🇷", "e\u0301", "\u0301", "ก\u0e31", "日本語", "עברית", "عربي",
    "\u00a0", "\u3000", "x" * 45, "é" * 30,
]  # fmt: skip
PLAIN = ["a", "word", "Tim", "café", "it's", "2", "ok"]

pieces = st.lists(st.sampled_from(HOSTILE + PLAIN), min_size=1, max_size=4).map("".join)
names = st.one_of(st.sampled_from(["Ann", "", "Tim O'Neil"]), pieces)


@st.composite
def hostile_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid ElementList (as a dict: lone surrogates cannot be JSON) of hostile text."""
    speakers = [{"id": i, "name": draw(names)} for i in range(1, draw(st.integers(1, 3)) + 1)]
    t = draw(st.integers(0, 2000))
    segments = []
    for _ in range(draw(st.integers(1, 5))):
        seg_start = t
        sequences = []
        for _ in range(draw(st.integers(1, 6))):
            t += draw(st.integers(0, 300))
            if draw(st.integers(0, 5)) == 0:
                tag = draw(st.one_of(st.sampled_from(["MUSIC", "LAUGH"]), pieces))
                length = draw(st.integers(300, 3000))
                token = {"start_time": t, "end_time": t + length, "value": "[sound]",
                         "type": "sound", "display_as": draw(pieces), "tags": [tag]}  # fmt: skip
                tokens = [token]
            else:
                length = draw(st.integers(200, 900))
                shown = draw(pieces)
                tokens = [{"start_time": t, "end_time": t + length, "value": shown.lower(),
                           "type": "word", "display_as": shown, "tags": []}]  # fmt: skip
                if draw(st.integers(0, 3)) == 0:
                    mark = draw(st.sampled_from([",", ".", "?", "]]>", "\n"]))
                    tokens.append({"start_time": t + length, "end_time": t + length,
                                   "value": mark, "type": "punctuation", "display_as": mark,
                                   "tags": []})  # fmt: skip
            sequences.append({"start_time": t, "end_time": t + length, "tokens": tokens})
            t += length
        last = sequences[-1]["tokens"]
        last.append({"start_time": t, "end_time": t, "value": ".", "type": "punctuation",
                     "display_as": ".", "tags": ["ENDS_SENTENCE"]})  # fmt: skip
        segments.append({"start_time": seg_start, "end_time": t, "sequences": sequences,
                         "speaker_id": draw(st.sampled_from(speakers))["id"]})  # fmt: skip
        t += draw(st.integers(0, 2500))
    return {"version": 3, "start_time": 0, "end_time": t, "language": "en",
            "segments": segments, "speakers": speakers}  # fmt: skip


caption_options = st.builds(
    CaptionOptions,
    characters_per_caption_line=st.integers(8, 50),
    lines_per_caption=st.integers(1, 3),
    remove_sound_references=st.just(False),
    remove_disfluencies=st.just(False),
    sound_boundaries=st.sampled_from([("[", "]"), ("<", ">"), ("{", "}"), ("&", "]]>")]),
    emit_speaker_change_tokens_as=st.sampled_from([">>", "-->", "<v>", "{a}", ""]),
    speaker_on_new_line=st.booleans(),
    caption_by_sentence=st.booleans(),
    sound_tokens_by_caption_list=st.just(()),
    maximum_caption_duration=st.none() | st.integers(800, 6000),
)


def kept_text(doc: dict[str, Any], options: CaptionOptions | TranscriptOptions) -> str:
    """The text the transforms keep of ``doc`` (speaker markers and sounds shown), after
    checking against the document itself that every word and sound is kept as the
    documented clean-up shows it: with every word-changing option off, a word goes only
    when the clean-up leaves it blank."""
    kept = apply_transforms(token_table(doc), options)
    words: list[str] = []
    sounds: list[str] = []
    for segment in doc["segments"]:
        for sequence in segment["sequences"]:
            for token in sequence["tokens"]:
                shown = clean_text(token["display_as"])
                if token["type"] == "sound":
                    tag = clean_text(token["tags"][0])
                    sounds.append(sound_display(shown, tag, options.sound_boundaries))
                elif token["type"] == "word" and (shown == token["display_as"] or shown.strip()):
                    words.append(shown)
    assert [t for t, k in zip(kept.text, kept.kind, strict=True) if k == TokenKind.WORD] == words
    assert [t for t, k in zip(kept.text, kept.kind, strict=True) if k == TokenKind.SOUND] == sounds
    assert all(is_clean(t) for t in kept.text)
    return "".join(kept.text)


def visible(text: str, *, brackets: bool = False) -> str:
    """``text`` without whitespace (readers collapse it, lines break it) and the invisible
    ZERO WIDTH NON-JOINER SRT adds to clock times; QT shows braces and the brackets of
    clock times as parentheses, so with ``brackets`` all of them are compared as one."""
    out = "".join(c for c in text if not c.isspace()).replace("\u200c", "")
    if brackets:
        out = out.translate(str.maketrans("{}[]", "()()"))
    return out


def width(line: str) -> int:
    return len(regex.findall(r"\X", line))


def block_starts(doc: dict[str, Any], options: CaptionOptions) -> set[int]:
    """Start times of the captions that are a cut token's block (the documented exception
    to ``lines_per_caption``: its run's span is too short for captions of that many lines)."""
    prepared = prepare_layout(apply_transforms(token_table(doc), options), options)
    first = prepared.unit_first
    held = np.searchsorted(first, np.flatnonzero(prepared.newline), side="right") - 1
    return set(prepared.start[first[held]].tolist())


def check_lines(
    cues: list[tuple[str, ...]], times: list[tuple[int, int]], options: CaptionOptions,
    blocks: set[int],
) -> None:  # fmt: skip
    for lines, (start, _) in zip(cues, times, strict=True):
        assert len(lines) <= options.lines_per_caption or start in blocks, lines
        for line in lines:
            assert width(line) <= options.characters_per_caption_line, line
            assert is_clean(line), line


def read_back(fmt: str, text: str) -> tuple[list[tuple[int, int]], list[tuple[str, ...]]]:
    """(start, end) and lines of every cue, as an independent reader sees them."""
    if fmt == "SRT":
        parsed = list(srt.parse(text))
        events = pysubs2.SSAFile.from_string(text, format_="srt")
        assert len(events) == len(parsed)
        times = [(round(s.start.total_seconds() * 1000), round(s.end.total_seconds() * 1000))
                 for s in parsed]  # fmt: skip
        assert [(e.start, e.end) for e in events] == times
        return times, [tuple(s.content.split("\n")) if s.content else () for s in parsed]
    if fmt == "WEB_VTT":
        cues = list(webvtt.from_buffer(io.StringIO(text)))
        times = [(_vtt_ms(c.start), _vtt_ms(c.end)) for c in cues]
        return times, [tuple(html.unescape(c.text).split("\n")) if c.text else () for c in cues]
    if fmt == "DFXP":
        paragraphs = _paragraphs(_parse(text))
        return [(a, b) for a, b, _ in paragraphs], [lines for _, _, lines in paragraphs]
    if fmt == "SBV":
        cues_sbv = read_sbv(text)
        return [(a, b) for a, b, _ in cues_sbv], [lines for _, _, lines in cues_sbv]
    if fmt == "QT":
        _, samples = read_qt(text)
        shown = [s for s in samples if s[2]]
        return [(a, b) for a, b, _ in shown], [lines for _, _, lines in shown]
    raise AssertionError(fmt)


def _vtt_ms(stamp: str) -> int:
    h, m, s = stamp.split(":")
    return (int(h) * 60 + int(m)) * 60_000 + round(float(s) * 1000)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(doc=hostile_documents(), options=caption_options)
def test_every_caption_format_reads_back_whole(
    doc: dict[str, Any], options: CaptionOptions
) -> None:
    captions = build_captions(doc, options)
    written = [c for c in captions if any(line.strip() for line in c.lines)]
    expected = visible(kept_text(doc, options))
    blocks = block_starts(doc, options)
    for fmt in ("SRT", "WEB_VTT", "DFXP", "SBV", "QT"):
        text = elementlist.get_caption(doc, fmt, options)
        text.encode("utf-8")  # every output can be written
        times, cues = read_back(fmt, text)
        if fmt == "QT":  # a caption without visible text is a blank sample there
            assert times == [(c.start, c.end) for c in written] or options.qt_seamless
            assert len(cues) == len(written)
        else:
            assert times == [(c.start, c.end) for c in captions], fmt
        check_lines(cues, times, options, blocks)
        shown = visible("".join("".join(lines) for lines in cues), brackets=fmt == "QT")
        assert shown == visible(expected, brackets=fmt == "QT"), fmt
    sami = elementlist.get_caption(doc, "SAMI", options)
    syncs = read_syncs(sami)
    starts: list[int] = []
    for k, caption in enumerate(captions):
        starts.append(caption.start)
        if k + 1 == len(captions) or captions[k + 1].start != caption.end:
            starts.append(caption.end)
    assert [s for s, _, _ in syncs] == starts
    cue_starts = {c.start for c in captions}
    cue_syncs = [(start, lines) for (start, _, lines) in syncs if start in cue_starts]
    cue_lines = [tuple(x for x in lines if x.strip()) for _, lines in cue_syncs]
    check_lines(cue_lines, [(start, 0) for start, _ in cue_syncs], options, blocks)
    assert visible("".join("".join(lines) for lines in cue_lines)) == visible(expected)
    transcript = elementlist.get_caption(doc, "TRANSCRIPT", options)
    assert all(is_clean(line) for line in transcript.split("\n"))
    assert visible(transcript) == expected


transcript_options = st.builds(
    TranscriptOptions,
    remove_sound_references=st.just(False),
    remove_disfluencies=st.just(False),
    sound_boundaries=st.sampled_from([("[", "]"), ("<", ">"), ("&", "]]>")]),
    emit_speaker_change_tokens_as=st.sampled_from([">>", "<&>", ""]),
    create_paragraphs=st.booleans(),
    timecode_interval=st.sampled_from([0, 1500]),
    timecode_format=st.just("⟦%H:%M:%S.%f⟧"),  # never in the hostile text
)


@SETTINGS
@given(doc=hostile_documents(), options=transcript_options)
def test_transcripts_read_back_whole(doc: dict[str, Any], options: TranscriptOptions) -> None:
    txt = elementlist.get_transcript(doc, options)
    txt.encode("utf-8")
    assert all(is_clean(line) for line in txt.split("\n"))
    timecodes = regex.compile(r"⟦\d\d:\d\d:\d\d\.\d\d\d⟧")
    expected = visible(kept_text(doc, options))
    assert visible(timecodes.sub("", txt)) == expected
    page = elementlist.get_transcript(doc, options.with_values(file_format="html"))
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    tree = html5lib.parse(page, treebuilder="lxml", namespaceHTMLElements=False)
    main = tree.find(".//main")
    assert visible(timecodes.sub("", "".join(main.itertext()))) == expected
