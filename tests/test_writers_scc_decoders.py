"""Our SCC read back by two decoders that are not ours: ttconv's SCC reader and FFmpeg's
``scc`` demuxer with its 608 decoder (how each reports times: tests/scc_support.py).

Over the bundled examples, the real samples and generated documents with dense timing, in
every mode, rate and channel: every character of every caption comes back once and in
order (after our documented transliteration), each cue starts and ends within one frame of
the frames our schedule meant (FFmpeg dates a paint-on caption from the erase two frames
before it: see scc_support), no cue lasts less than 15 frames, no row is wider than 32
columns and no cue has more than 4 rows (the roll-up depth in roll-up). And the same dense
document that passes here fails with pycaption's SCC writer.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pycaption
import pytest
from conftest import SAMPLE_FILES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scc_support import (
    Decoded,
    dense_documents,
    join_paint_on,
    lint,
    plain,
    read_ffmpeg,
    read_ttconv,
)

import elementlist as el
from elementlist.captions.model import Caption
from elementlist.options.classes import CaptionOptions
from elementlist.writers import render_captions
from elementlist.writers.scc import schedule_captions
from elementlist.writers.scc.charset import transliterate
from elementlist.writers.scc.grid import scc_layout_options
from elementlist.writers.scc.timeline import MIN_SHOW, Schedule

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.json"))
MODES = ["pop_on", "roll_up_2", "roll_up_3", "roll_up_4", "paint_on"]
RATES = ["29.97df", "29.97ndf", "30"]


def rendered(source: Any, **values: Any) -> tuple[str, Schedule, list[Caption], CaptionOptions]:
    """get_caption's SCC of ``source``, the schedule behind it and the captions it shows."""
    options = CaptionOptions(**values)
    layout, _ = scc_layout_options(options)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        text = el.get_caption(source, "SCC", options)
        captions = el.build_captions(source, layout)
        schedule = schedule_captions(captions, layout)
    return text, schedule, captions, layout


def check(
    cues: list[Decoded],
    schedule: Schedule,
    captions: list[Caption],
    options: CaptionOptions,
    decoder: str,
) -> None:
    mode = options.scc_mode
    if decoder == "ttconv" and mode == "paint_on":
        cues = join_paint_on(cues)
    ffmpeg = decoder == "ffmpeg"
    expected = plain(
        "".join(transliterate(line) for c in captions for line in c.lines), collapse=ffmpeg
    )
    newest = (c.lines[-1] for c in cues) if mode.startswith("roll_up") else (c.text for c in cues)
    assert plain("".join(newest), collapse=ffmpeg) == expected, decoder
    assert len(cues) == len(schedule.shown), decoder
    early = 2 if ffmpeg and mode == "paint_on" else 0
    depth = int(mode[-1]) if mode.startswith("roll_up") else 4
    for cue, shown in zip(cues, schedule.shown, strict=True):
        assert abs(cue.start - (shown.on - early)) <= 1, (decoder, cue, shown)
        assert abs(cue.end - shown.off) <= 1, (decoder, cue, shown)
        assert cue.end - cue.start >= MIN_SHOW, (decoder, cue)
        assert len(cue.lines) <= depth, (decoder, cue)
        assert all(len(line.rstrip()) <= 32 for line in cue.lines), (decoder, cue)


def check_both(source: Any, **values: Any) -> None:
    text, schedule, captions, options = rendered(source, **values)
    # line_ending_format and utf8_mark are applied to every format afterwards (writers/)
    lint(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), options.scc_frame_rate)
    check(read_ttconv(text), schedule, captions, options, "ttconv")
    check(read_ffmpeg(text, options.scc_frame_rate), schedule, captions, options, "ffmpeg")


# --- the bundled examples and the real samples ----------------------------------------


@pytest.mark.ffmpeg
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_read_back_in_every_mode(path: Path, mode: str) -> None:
    check_both(path, scc_mode=mode)


@pytest.mark.ffmpeg
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_real_samples_read_back_in_every_mode(path: Path, mode: str) -> None:
    check_both(path, scc_mode=mode)


@pytest.mark.ffmpeg
@pytest.mark.parametrize("rate", RATES)
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_every_frame_rate_reads_back(path: Path, rate: str) -> None:
    check_both(path, scc_frame_rate=rate, scc_mode="pop_on")
    check_both(path, scc_frame_rate=rate, scc_mode="roll_up_3")


@pytest.mark.ffmpeg
@pytest.mark.parametrize(
    "values",
    [{"line_ending_format": "WINDOWS"}, {"line_ending_format": "OSX"}, {"utf8_mark": True}],
)
def test_line_endings_and_the_byte_order_mark_are_read_alike(values: dict[str, Any]) -> None:
    check_both(EXAMPLES[0], **values)


# --- channels -------------------------------------------------------------------------


# Our CC2/CC3/CC4 bytes turned into CC1's, written here from CEA-608's code tables: a code's
# first byte loses the data-channel bit 0x08, and field 2's miscellaneous control codes
# (0x15 0x20-0x2F) become field 1's (0x14); preamble address codes (second byte 0x40 and
# up) are the same in both fields.
def _as_cc1(text: str) -> str:
    def word(w: str) -> str:
        first, second = int(w[:2], 16) & 0x7F, int(w[2:], 16) & 0x7F
        if not 0x10 <= first <= 0x1F:
            return w
        bare = first & ~0x08
        if bare == 0x15 and second < 0x40:
            bare = 0x14
        parity = bare if bin(bare).count("1") % 2 else bare | 0x80
        return f"{parity:02x}{w[2:]}"

    return "\n".join(
        line.split("\t")[0] + "\t" + " ".join(word(w) for w in line.split("\t")[1].split(" "))
        if "\t" in line
        else line
        for line in text.split("\n")
    )


@pytest.mark.parametrize("channel", ["CC2", "CC3", "CC4"])
def test_other_channels_are_cc1_on_their_channel(channel: str) -> None:
    source = EXAMPLES[0]
    cc1, schedule, captions, options = rendered(source, scc_mode="pop_on")
    other, _, _, _ = rendered(source, scc_mode="pop_on", scc_channel=channel)
    lint(other, "29.97df")
    assert other != cc1
    assert read_ttconv(other) == []  # ttconv decodes CC1 only: the data is elsewhere
    assert _as_cc1(other) == cc1
    check(read_ttconv(_as_cc1(other)), schedule, captions, options, "ttconv")


@pytest.mark.ffmpeg
def test_ffmpeg_decodes_cc3_directly() -> None:
    # FFmpeg's decoder takes field 2's control codes (0x15) as the caption's own
    text, schedule, captions, options = rendered(EXAMPLES[0], scc_channel="CC3")
    check(read_ffmpeg(text, "29.97df"), schedule, captions, options, "ffmpeg")


# --- characters: every special and extended character shows once --------------------

ALL_CODE_CHARACTERS = (
    "♪ ® ° ½ ¿ ™ ¢ £ à è â ê î ô û",
    "Á É Ó Ú Ü ü ¡ * © ℠ À Â Ç È Ê Ë",
    "ë Î Ï ï Ô Ù ù Û « » Ã ã Í Ì ì Ò",
    "ò Õ õ { } \\ ^ _ | ~ Ä ä Ö ö ß ¥",
    "¤ Å å Ø ø “curly” ‘quotes’ — ł",
)


@pytest.mark.ffmpeg
@pytest.mark.parametrize("mode", MODES)
def test_special_and_extended_characters_show_once_in_both_decoders(mode: str) -> None:
    captions = [
        Caption(1000 + 3000 * i, 3500 + 3000 * i, (line, "é and ÉÉ ♪♪ end"))
        for i, line in enumerate(ALL_CODE_CHARACTERS)
    ]
    options = CaptionOptions(scc_mode=mode)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        text = render_captions(captions, "SCC", options)
    schedule = schedule_captions(captions, options)
    lint(text, "29.97df")
    ttconv, ffmpeg = read_ttconv(text), read_ffmpeg(text, "29.97df")
    check(ttconv, schedule, captions, options, "ttconv")
    check(ffmpeg, schedule, captions, options, "ffmpeg")
    if mode == "pop_on":  # word for word, not only character for character
        assert plain(ttconv[0].text) == plain(ALL_CODE_CHARACTERS[0] + "éandÉÉ♪♪end")
        assert "ÉÉ♪end" in plain(ffmpeg[0].text)  # FFmpeg drops the repeat of ♪ (see above)


# --- dense documents --------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dense_documents(), st.sampled_from(MODES), st.sampled_from(RATES))
def test_dense_documents_read_back_with_ttconv(doc: dict[str, Any], mode: str, rate: str) -> None:
    text, schedule, captions, options = rendered(doc, scc_mode=mode, scc_frame_rate=rate)
    lint(text, rate)
    check(read_ttconv(text), schedule, captions, options, "ttconv")


@pytest.mark.ffmpeg
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dense_documents(), st.sampled_from(MODES), st.sampled_from(RATES))
def test_dense_documents_read_back_with_ffmpeg(doc: dict[str, Any], mode: str, rate: str) -> None:
    text, schedule, captions, options = rendered(doc, scc_mode=mode, scc_frame_rate=rate)
    check(read_ffmpeg(text, rate), schedule, captions, options, "ffmpeg")


# --- the peer that gets it wrong ------------------------------------------------------


def _short_then_long(long_ms: int) -> list[Caption]:
    """pycaption #352's case, over and over: a 200 ms caption, then a long one."""
    captions: list[Caption] = []
    t = 2000
    for i in range(10):
        captions.append(Caption(t, t + 200, (f"Yes{i}.",)))
        captions.append(
            Caption(
                t + 200, t + long_ms, ("and a long answer that fills", "both of its rows right up")
            )
        )
        t += long_ms
    return captions


def _late_frames(cues: list[Decoded], captions: list[Caption]) -> list[int]:
    """For each caption, how many frames after its start its text first shows (ttconv)."""
    late, index = [], 0
    for caption in captions:
        text = plain("".join(caption.lines))
        while text not in plain(cues[index].text):
            index += 1
        start = round(caption.start * 30 / 1001)
        late.append(cues[index].start - start)
    return late


def test_pycaption_fails_the_dense_document_that_ours_passes() -> None:
    options = CaptionOptions()
    for long_ms in (1400, 1800):
        captions = _short_then_long(long_ms)
        srt = render_captions(captions, "SRT", options)
        theirs = pycaption.SCCWriter().write(pycaption.SRTReader().read(srt))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            ours = render_captions(captions, "SCC", options)
        schedule = schedule_captions(captions, options)
        lint(ours, "29.97df")
        check(read_ttconv(ours), schedule, captions, options, "ttconv")
        if long_ms == 1400:  # more text than line 21 carries: pycaption's blocks collide
            with pytest.raises(AssertionError, match=r"starts before the \d+ pairs of"):
                lint(theirs, "29.97ndf")  # pycaption writes non-drop labels
            assert schedule.delayed  # ours delays, by the fewest frames, and says so
        else:  # room enough: pycaption shows every long caption late, ours on time
            lint(theirs, "29.97ndf")
            assert max(_late_frames(read_ttconv(theirs), captions)) > 20
            assert max(_late_frames(read_ttconv(ours), captions)) <= 1
            assert not schedule.delayed  # each short caption shows with the long one after it
