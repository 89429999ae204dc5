"""layout_captions: one test per option (each fails if the option is ignored), line-break
quality, and the real cielo24 example."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

import numpy as np
import pytest
from conftest import REAL_EXAMPLE

import elementlist
from elementlist.captions import layout_kernel
from elementlist.captions.layout import layout_captions
from elementlist.captions.lines import spoken_captions
from elementlist.captions.model import Caption, Run, SpokenCaptions, join_runs
from elementlist.captions.prepare import kernel_arguments, prepare_layout
from elementlist.captions.timing import time_captions
from elementlist.captions.word_facts import grapheme_width, no_break_after_words
from elementlist.document.vocabulary import TokenKind
from elementlist.errors import OptionError
from elementlist.options.classes import CaptionOptions
from elementlist.table.from_model import build_token_table
from elementlist.table.token_table import TokenFlag, TokenTable

EXAMPLE = REAL_EXAMPLE
TAGS = ("MUSIC", "LAUGH", "NOISE", "BLANK_AUDIO")
SPEAKERS = ((0, "Effects"), (1, "Tim"), (2, "Ann"))
# Options that keep the limits out of the way unless a test sets them.
ROOMY = CaptionOptions(
    characters_per_caption_line=60,
    lines_per_caption=3,
    merge_gap_interval=0,
    silence_max_ms=10_000,
    layout_target_caption_length_ms=20_000,
    sound_tokens_by_caption_list=(),
    sound_tokens_by_line_list=(),
)


def table(script: str, *, word_ms: int = 300, language: str = "en") -> TokenTable:
    """A TokenTable from a tiny script.

    Words are 300 ms each, back to back; ``, . ? !`` are zero-length punctuation glued to
    the word before (``. ? !`` end a sentence); ``[TAG]`` or ``[TAG:ms]`` is a sound;
    ``<pause:ms>`` is silence; ``>>Name:`` is a speaker-change marker (the speaker of the
    words after it); ``~ms`` after a word sets that word's length.
    """
    rows: list[tuple[int, int, int, int, int, int, str]] = []
    t = 1000
    speaker = 1
    segment_flag = TokenFlag.SEGMENT_START
    for piece in script.split():
        if m := re.fullmatch(r"<pause:(\d+)>", piece):
            t += int(m.group(1))
            continue
        if m := re.fullmatch(r">>(\w+):", piece):
            speaker = next(i for i, (_, name) in enumerate(SPEAKERS) if name == m.group(1))
            rows.append((t, t, TokenKind.SPEAKER, TokenFlag.SEQUENCE_START | TokenFlag.SPEAKER_CHANGE | TokenFlag.NO_BREAK_AFTER,
                         speaker, -1, f">> {m.group(1)}:"))  # fmt: skip
            segment_flag = TokenFlag.SEGMENT_START
            continue
        if m := re.fullmatch(r"\[(\w+)(?::(\d+))?\]", piece):
            length = int(m.group(2) or 1000)
            rows.append((t, t + length, TokenKind.SOUND, TokenFlag.SEQUENCE_START | segment_flag, 0,
                         TAGS.index(m.group(1)), f"[{m.group(1)}]"))  # fmt: skip
            t += length
            segment_flag = 0
            continue
        m = re.fullmatch(r"(.*?)(~\d+)?([,.?!]?)", piece)
        assert m
        word, length_text, mark = m.group(1), m.group(2), m.group(3)
        length = int(length_text[1:]) if length_text else word_ms
        rows.append(
            (
                t,
                t + length,
                TokenKind.WORD,
                TokenFlag.SEQUENCE_START | segment_flag,
                speaker,
                -1,
                word,
            )
        )
        segment_flag = 0
        t += length
        if mark:
            rows.append(
                (
                    t,
                    t,
                    TokenKind.PUNCTUATION,
                    TokenFlag.SENTENCE_END if mark in ".?!" else 0,
                    speaker,
                    -1,
                    mark,
                )
            )
    return TokenTable(
        start=np.array([r[0] for r in rows], dtype=np.int64),
        end=np.array([r[1] for r in rows], dtype=np.int64),
        kind=np.array([r[2] for r in rows], dtype=np.int8),
        flags=np.array([r[3] for r in rows], dtype=np.uint16),
        speaker=np.array([r[4] for r in rows], dtype=np.int32),
        tag=np.array([r[5] for r in rows], dtype=np.int16),
        text=[r[6] for r in rows],
        value=[r[6].lower() for r in rows],
        speakers=SPEAKERS,
        tag_names=TAGS,
        language=language,
    )


def lay(script: str, **options: object) -> list[Caption]:
    return layout_captions(table(script), replace(ROOMY, **options))  # type: ignore[arg-type]


def texts(captions: list[Caption]) -> list[list[str]]:
    return [list(c.lines) for c in captions]


SENTENCE_40 = " ".join(f"w{i:02d}" for i in range(40)) + "."  # 40 words of 3 letters


# --- the line limits ------------------------------------------------------------------------


def test_characters_per_caption_line_is_a_hard_limit() -> None:
    widest: dict[int, int] = {}
    for limit in (8, 20, 42):
        captions = lay(SENTENCE_40, characters_per_caption_line=limit)
        widths = [grapheme_width(line) for c in captions for line in c.lines]
        assert max(widths) <= limit
        widest[limit] = max(widths)
    assert widest[20] > 8 and widest[42] > 20  # a larger limit is used


def test_lines_per_caption_is_a_hard_limit() -> None:
    for lines in (1, 2, 3):
        captions = lay(SENTENCE_40, characters_per_caption_line=20, lines_per_caption=lines)
        assert max(len(c.lines) for c in captions) == lines


def test_a_word_longer_than_a_line_is_broken_not_dropped() -> None:
    word = "Supercalifragilisticexpialidocious"
    captions = lay(f"a {word} b.", characters_per_caption_line=10, lines_per_caption=2)
    lines = [line for c in captions for line in c.lines]
    assert all(grapheme_width(line) <= 10 for line in lines)
    assert "".join(lines).replace(" ", "") == f"a{word}b."


def test_graphemes_count_once() -> None:
    # "é" written as e + combining accent, and a skin-toned emoji: one cluster each
    word = "e\u0301e\u0301e\u0301e\u0301e\u0301"  # 5 graphemes, 10 code points
    script = f"{word} 👍🏽 {word}."  # 5 + 1 + 1 + 1 + 6 = 14 graphemes
    assert texts(lay(script, characters_per_caption_line=14, lines_per_caption=1)) == [[script]]
    assert len(lay(script, characters_per_caption_line=13, lines_per_caption=1)) == 2


def test_disallow_dangling_keeps_the_last_word_on_the_line() -> None:
    script = "aaaa bbbb cccc dd."
    plain = lay(script, characters_per_caption_line=14, lines_per_caption=1)
    assert len(plain) == 2 and all(grapheme_width(c.lines[0]) <= 14 for c in plain)
    assert texts(
        lay(script, characters_per_caption_line=14, lines_per_caption=1, disallow_dangling=True)
    ) == [["aaaa bbbb cccc dd."]]
    two = "aaaa bbbb cccc dddd eeee ffff gg."
    assert texts(
        lay(two, characters_per_caption_line=14, lines_per_caption=2, disallow_dangling=True)
    ) == [["aaaa bbbb cccc", "dddd eeee ffff gg."]]


# --- where captions start -------------------------------------------------------------------


def test_caption_by_sentence() -> None:
    script = "One two. Three four."
    assert texts(lay(script, caption_by_sentence=True)) == [["One two."], ["Three four."]]
    assert texts(lay(script, caption_by_sentence=False)) == [["One two. Three four."]]


def test_speaker_on_new_line_starts_a_caption() -> None:
    script = ">>Tim: Hello there, >>Ann: hi Tim."
    opts = {"caption_by_sentence": False, "single_speaker_per_caption": False}
    on = lay(script, speaker_on_new_line=True, **opts)
    assert texts(on) == [[">> Tim: Hello there,"], [">> Ann: hi Tim."]]
    off = lay(script, speaker_on_new_line=False, **opts)
    assert len(off) == 1
    assert off[0].lines == (">> Tim: Hello there,", ">> Ann: hi Tim.")  # a line per speaker


def test_single_speaker_per_caption() -> None:
    script = ">>Tim: Hello there, >>Ann: hi Tim."
    opts = {"caption_by_sentence": False, "speaker_on_new_line": False}
    assert len(lay(script, single_speaker_per_caption=True, **opts)) == 2
    assert len(lay(script, single_speaker_per_caption=False, **opts)) == 1


def test_silence_max_ms_forces_a_split() -> None:
    script = "one two <pause:1500> three four."
    assert len(lay(script, silence_max_ms=1000)) == 2
    assert len(lay(script, silence_max_ms=2000)) == 1


def test_layout_target_caption_length_ms() -> None:
    script = " ".join(f"w{i:02d}" for i in range(40))  # 12 s of words, no punctuation
    opts = {"characters_per_caption_line": 100, "lines_per_caption": 3}
    short = lay(script, layout_target_caption_length_ms=2000, **opts)
    long = lay(script, layout_target_caption_length_ms=12000, **opts)
    assert len(short) >= 5
    assert len(long) == 1
    mean = sum(c.end - c.start for c in short) / len(short)
    assert 1500 <= mean <= 2500


def test_caption_words_min_merges_a_short_sentence() -> None:
    script = "Yes. I think that is right."
    assert texts(lay(script, caption_words_min=1)) == [["Yes."], ["I think that is right."]]
    assert texts(lay(script, caption_words_min=3)) == [["Yes. I think that is right."]]


def test_caption_words_min_never_crosses_a_hard_start() -> None:
    script = "Yes. <pause:5000> I think that is right."
    assert len(lay(script, caption_words_min=3, silence_max_ms=2000)) == 2


def test_sound_tokens_by_caption() -> None:
    script = "hello [LAUGH] there."
    assert texts(lay(script, sound_tokens_by_caption=True)) == [["hello"], ["[LAUGH]"], ["there."]]
    assert texts(lay(script, sound_tokens_by_caption=False)) == [["hello [LAUGH] there."]]


def test_sound_tokens_by_caption_list() -> None:
    script = "hello [LAUGH] there [MUSIC] again."
    listed = lay(script, sound_tokens_by_caption_list=("LAUGH",))
    assert texts(listed) == [["hello"], ["[LAUGH]"], ["there [MUSIC] again."]]
    # ignored when sound_tokens_by_caption is true: every sound is alone
    every = lay(script, sound_tokens_by_caption=True, sound_tokens_by_caption_list=("LAUGH",))
    assert ["[MUSIC]"] in texts(every)


def test_sound_tokens_by_line() -> None:
    script = "hello [LAUGH] there."
    assert texts(lay(script, sound_tokens_by_line=True)) == [["hello", "[LAUGH]", "there."]]
    assert texts(lay(script, sound_tokens_by_line=False)) == [["hello [LAUGH] there."]]


def test_sound_tokens_by_line_list() -> None:
    script = "hello [LAUGH] there [MUSIC] again."
    assert texts(lay(script, sound_tokens_by_line_list=("MUSIC",))) == [
        ["hello [LAUGH] there", "[MUSIC]", "again."]
    ]
    # ignored when sound_tokens_by_line is true: every sound gets its line
    every = lay(
        script, sound_tokens_by_line=True, sound_tokens_by_line_list=("MUSIC",), lines_per_caption=5
    )
    assert texts(every) == [["hello", "[LAUGH]", "there", "[MUSIC]", "again."]]


def test_sound_threshold() -> None:
    script = "hello [LAUGH:3000] there."
    assert texts(lay(script, sound_threshold=2000)) == [["hello"], ["[LAUGH]"], ["there."]]
    assert texts(lay(script, sound_threshold=None)) == [["hello [LAUGH] there."]]
    assert len(lay(script, sound_threshold=4000)) == 1


def test_line_break_on_sentence() -> None:
    script = "One two. Three four."
    opts = {"caption_by_sentence": False}
    assert texts(lay(script, line_break_on_sentence=True, **opts)) == [["One two.", "Three four."]]
    assert texts(lay(script, line_break_on_sentence=False, **opts)) == [["One two. Three four."]]


def test_maximum_caption_duration_steers_the_layout() -> None:
    script = " ".join(f"w{i:02d}" for i in range(20))  # 6 s
    captions = lay(script, maximum_caption_duration=2000)
    assert all(c.end - c.start <= 2000 for c in captions)
    assert len(lay(script)) == 1


# --- line-break quality ---------------------------------------------------------------------


def test_the_never_ends_a_line_when_a_better_break_exists() -> None:
    scripts = [
        "I went down to the old market near the river yesterday.",
        "She said that the new kitchen is a really lovely place.",
        "We put the pot on the stove and walk away for an hour.",
    ]
    for script in scripts:
        for limit in (30, 34, 38):
            captions = lay(script, characters_per_caption_line=limit, lines_per_caption=2)
            for c in captions:
                for line in c.lines[:-1]:
                    last = line.split()[-1].lower()
                    assert last not in no_break_after_words(), (script, limit, c.lines)


def test_two_line_captions_are_balanced() -> None:
    script = "This sentence is long enough that it needs exactly two lines here."
    (caption,) = lay(script, characters_per_caption_line=42, lines_per_caption=2)
    top, bottom = (grapheme_width(line) for line in caption.lines)
    assert abs(top - bottom) <= 9  # greedy filling would give 42 / 24


def test_of_two_layouts_of_equal_cost_the_bottom_heavy_one_wins() -> None:
    """36 / 29 ("… that it | needs …") and 28 / 37 cost the same (both plain breaks,
    equally balanced once the top line's extra weight is counted): the pyramid wins."""
    script = "This sentence is long enough that it needs exactly two lines here."
    (caption,) = lay(script, characters_per_caption_line=42, lines_per_caption=2)
    assert caption.lines == (
        "This sentence is long enough",
        "that it needs exactly two lines here.",
    )


def test_a_caption_is_cut_elsewhere_rather_than_end_a_line_on_a_function_word() -> None:
    """The sentence needs two captions. Cut after "evidence", its second caption has no two
    lines of 42 but "… statement that we | are …" (ends on a subject pronoun): the layout
    cuts after "statement" instead, where both captions break clean (a real sample's words)."""
    script = (
        "There is absolutely no evidence to support the statement that we are the greatest "
        "country in the world."
    )
    captions = lay(script, characters_per_caption_line=42, lines_per_caption=2)
    assert texts(captions) == [
        ["There is absolutely no evidence", "to support the statement"],
        ["that we are the greatest", "country in the world."],
    ]


def test_a_break_after_a_comma_is_preferred() -> None:
    script = "When the water boils, add the pasta and some salt."
    (caption,) = lay(script, characters_per_caption_line=34, lines_per_caption=2)
    assert caption.lines[0].endswith(",")


def test_a_name_is_not_split_when_there_is_a_choice() -> None:
    script = "Yesterday I met Ann Taylor at the market in town."
    (caption,) = lay(script, characters_per_caption_line=30, lines_per_caption=2)
    assert "Ann Taylor" in " ".join(caption.lines) and not caption.lines[0].endswith("Ann")


def test_unspaced_languages_join_without_spaces() -> None:
    captions = layout_captions(table("日本語 で 話す 。", language="ja"), ROOMY)
    assert texts(captions) == [["日本語で話す。"]]
    spaced = layout_captions(table("日本語 で 話す 。", language="en"), ROOMY)
    assert texts(spaced) == [["日本語 で 話す 。"]]


def test_closing_punctuation_never_starts_a_line() -> None:
    script = "alpha, beta, gamma, delta, epsilon, zeta, eta, theta."
    for limit in range(9, 20):  # every word with its comma fits a line
        for c in lay(script, characters_per_caption_line=limit, lines_per_caption=2):
            assert not any(line.startswith((",", ".")) for line in c.lines)


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [("characters_per_caption_line", 0), ("lines_per_caption", -1), ("caption_words_min", "x"),
     ("silence_max_ms", -1), ("sound_threshold", -5), ("maximum_caption_duration", 0),
     ("sound_tokens_by_caption_list", "GIGGLE")],
)  # fmt: skip
def test_bad_option_values_are_refused_by_name(name: str, value: object) -> None:
    """The options refuse them when made, so the layout never sees a value it cannot use."""
    with pytest.raises(OptionError) as info:
        lay("hello.", **{name: value})
    assert info.value.option == name
    assert str(info.value).startswith(f"{name}: ")
    assert repr(value) in str(info.value)


def test_an_empty_table_gives_no_captions() -> None:
    empty = table("hello.").take(np.zeros(0, dtype=np.int64))
    assert layout_captions(empty, CaptionOptions()) == []


# --- the real example -----------------------------------------------------------------------


def example_with_markers() -> TokenTable:
    """The example document with a speaker marker before every speaker change."""
    base = build_token_table(elementlist.load(EXAMPLE))
    rows: list[int] = []
    marker_rows: set[int] = set()
    for i in range(len(base)):
        if base.flags[i] & TokenFlag.SPEAKER_CHANGE:
            marker_rows.add(len(rows))
            rows.append(i)
        rows.append(i)
    dup = base.take(np.array(rows))
    kind = dup.kind.copy()
    flags = dup.flags.copy()
    text = list(dup.text)
    end = dup.end.copy()
    for r in marker_rows:
        kind[r] = TokenKind.SPEAKER
        flags[r] = TokenFlag.SEQUENCE_START | TokenFlag.SPEAKER_CHANGE | TokenFlag.NO_BREAK_AFTER
        end[r] = dup.start[r]
        name = dict(base.speakers)[base.speakers[int(dup.speaker[r])][0]]
        text[r] = f">> {name}:"
        flags[r + 1] = int(flags[r + 1]) & ~TokenFlag.SPEAKER_CHANGE
    return replace(dup, kind=kind, flags=flags, text=text, end=end)


@pytest.mark.parametrize(
    "options",
    [CaptionOptions(), CaptionOptions(characters_per_caption_line=32, lines_per_caption=1),
     CaptionOptions(caption_by_sentence=False, speaker_on_new_line=False, lines_per_caption=3,
                    line_break_on_sentence=True, minimum_gap_between_captions_ms=80,
                    maximum_caption_duration=4000, minimum_caption_length_ms=1200)],
)  # fmt: skip
def test_real_example(options: CaptionOptions) -> None:
    doc = example_with_markers()
    captions = layout_captions(doc, options)
    joined = "".join("".join(c.lines) for c in captions).replace(" ", "")
    assert joined == "".join(doc.text).replace(" ", "")
    for c in captions:
        assert len(c.lines) <= options.lines_per_caption
        assert all(grapheme_width(line) <= options.characters_per_caption_line for line in c.lines)
        assert c.end > c.start
    for a, b in pairwise(captions):
        assert a.end <= b.start
    for c in captions:  # every marker opens its caption or line, followed by a word
        for line in c.lines:
            assert ">>" not in line or (line.startswith(">> ") and not line.endswith(":"))
    if options.speaker_on_new_line:
        assert all(">>" not in line for c in captions for line in c.lines[1:])


# --- what the layout hands the timing -------------------------------------------------------


def _spoken(doc: TokenTable, options: CaptionOptions) -> SpokenCaptions:
    prepared = prepare_layout(doc, options)
    codes = layout_kernel.layout_units(*kernel_arguments(prepared, options))
    return spoken_captions(prepared, codes, options)


@pytest.mark.parametrize("maximum", [None, 1500, 4000])
def test_the_layout_hands_the_timing_plain_data_of_the_documented_shape(
    maximum: int | None,
) -> None:
    """SpokenCaptions: per caption its spoken span and lines, and the runs of exactly the
    captions spoken for longer than the maximum; time_captions of it is the layout."""
    doc = example_with_markers()
    options = CaptionOptions(maximum_caption_duration=maximum, lines_per_caption=3)
    spoken = _spoken(doc, options)
    n = len(spoken.lines)
    assert len(spoken.start) == len(spoken.end) == n > 10
    assert all(type(t) is int for t in (*spoken.start, *spoken.end))
    assert all(isinstance(lines, tuple) and lines for lines in spoken.lines)
    long = {k for k in range(n) if spoken.end[k] - spoken.start[k] > (maximum or 10**12)}
    assert set(spoken.runs) == long
    assert bool(long) is (maximum is not None)
    for k, runs in spoken.runs.items():
        assert all(isinstance(r, Run) for r in runs)
        assert join_runs(runs) == spoken.lines[k]
        # a speaker marker and its word are one run
        assert not any(r.text.startswith(">>") and r.text.endswith(":") for r in runs)
    assert time_captions(spoken, options) == layout_captions(doc, options)


def test_a_token_holding_a_line_break_takes_the_run_by_run_join() -> None:
    """Text from the document never holds one (the transforms replace it); a table made by
    hand may: the lines then come from the runs and still match the tokens."""
    doc = table("one two three four. five six seven.", word_ms=900)
    broken = replace(doc, text=[t.replace("three", "th\nree") for t in doc.text])
    options = replace(ROOMY, characters_per_caption_line=14, maximum_caption_duration=500)
    spoken = _spoken(broken, options)
    assert set(spoken.runs) == set(range(len(spoken.lines)))  # every caption is long
    assert ("th\nree",) in spoken.lines
    assert [join_runs(runs) for runs in spoken.runs.values()] == list(spoken.lines)
    captions = layout_captions(broken, options)
    assert "".join("".join(c.lines) for c in captions).replace(" ", "") == "".join(
        broken.text
    ).replace(" ", "")


@pytest.mark.parametrize("stretch", [1, 7, 64])
def test_the_lines_come_out_the_same_joined_in_stretches(
    stretch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast path joins a long document a stretch of whole captions at a time (so its
    memory stays small): any stretch length gives the lines of one join over all tokens."""
    from elementlist.captions import lines

    doc = example_with_markers()
    options = CaptionOptions(lines_per_caption=2)
    whole = _spoken(doc, options)
    monkeypatch.setattr(lines, "_columns", lines.caption_columns)  # the pure twin joins
    monkeypatch.setattr(lines, "_STRETCH", stretch)
    assert _spoken(doc, options) == whole
    assert len(whole.lines) > 64 // stretch
