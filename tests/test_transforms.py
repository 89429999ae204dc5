"""The shared token transforms, on small inline ElementLists and on the real cielo24 example."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import REAL_EXAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st

import elementlist
from elementlist import CaptionOptions, TokenTable, TranscriptOptions, build_token_table
from elementlist.document.vocabulary import TokenKind
from elementlist.table.display import sound_display
from elementlist.table.speaker_markers import marker_text
from elementlist.table.token_table import TokenFlag
from elementlist.table.transforms import apply_transforms
from elementlist.table.wordlists import WordListError, WordLists

EXAMPLE = REAL_EXAMPLE

# Everything that changes text switched off: the baseline each option is compared with.
PLAIN = CaptionOptions(
    remove_disfluencies=False,
    remove_sound_references=False,
    emit_speaker_change_tokens_as="",
    display_speaker_id="no",
)
PLAIN_TRANSCRIPT = TranscriptOptions(
    remove_disfluencies=False, remove_sound_references=False, emit_speaker_change_tokens_as=""
)

# --- building small documents ------------------------------------------------------------

_PIECE = re.compile(r"\[[A-Za-z_]+\]|[\w'’*-]+|[^\w\s]")
_CLOCK = {"t": 0}


def _token(piece: str, start: int) -> tuple[dict[str, Any], int]:
    if piece.startswith("[") and len(piece) > 2:
        tag = piece[1:-1].upper()
        token = {"type": "sound", "value": piece.lower(), "display_as": piece, "tags": [tag]}
        end = start + 500
    elif re.match(r"[\w'’*-]", piece):
        token = {"type": "word", "value": piece.lower(), "display_as": piece, "tags": []}
        end = start + 200
    else:
        token = {"type": "punctuation", "value": piece, "display_as": piece, "tags": []}
        if piece in ".?!":
            token["tags"] = ["ENDS_SENTENCE"]
        end = start
    token.update(start_time=start, end_time=end)
    return token, end


def segment(speaker: int | None, text: str, *, change: bool = False) -> dict[str, Any]:
    """One segment; each space-separated chunk is a sequence (a word and its punctuation)."""
    sequences = []
    seg_start = _CLOCK["t"]
    for chunk in text.split():
        tokens = []
        seq_start = t = _CLOCK["t"]
        for piece in _PIECE.findall(chunk):
            token, t = _token(piece, t)
            tokens.append(token)
        _CLOCK["t"] = t + 10
        sequences.append({"start_time": seq_start, "end_time": t, "tokens": tokens})
    seg: dict[str, Any] = {
        "start_time": seg_start,
        "end_time": _CLOCK["t"],
        "sequences": sequences,
        "speaker_change": change,
    }
    if speaker is not None:
        seg["speaker_id"] = speaker
    _CLOCK["t"] += 100
    return seg


SPEAKERS = [
    {"id": 0, "name": "Effects"},
    {"id": 1, "name": "Ann"},
    {"id": 2, "name": "Tim"},
    {"id": 7, "name": ""},
]


def table_of(*segments: dict[str, Any], speakers: list[dict[str, Any]] | None = None) -> TokenTable:
    doc: dict[str, Any] = {"version": 3, "language": "en", "segments": list(segments)}
    if speakers is not None:
        doc["speakers"] = speakers
    return build_token_table(elementlist.loads(json.dumps(doc)))


def table(text: str, speaker: int | None = 1) -> TokenTable:
    """One segment per sentence of ``text`` ("|" also splits), all one speaker."""
    parts = [p for p in re.split(r"(?<=[.?!])\s+|\s*\|\s*", text) if p]
    return table_of(*(segment(speaker, p) for p in parts), speakers=SPEAKERS)


def shown(t: TokenTable, *, markers: bool = True) -> str:
    """The table as running text: a space before each sequence start."""
    out: list[str] = []
    for i, text in enumerate(t.text):
        if not markers and t.kind[i] == TokenKind.SPEAKER:
            continue
        if out and t.flags[i] & TokenFlag.SEQUENCE_START:
            out.append(" ")
        out.append(text)
    return "".join(out)


def run(text: str, options: CaptionOptions | TranscriptOptions = PLAIN, **changes: Any) -> str:
    """``text`` through the transforms; speaker markers left out (transcripts always name
    the speaker, so PLAIN_TRANSCRIPT still has them)."""
    out = apply_transforms(table(text), options.with_values(**changes))
    return shown(out, markers=False)


def example() -> TokenTable:
    return build_token_table(elementlist.load(EXAMPLE))


def words_of(t: TokenTable) -> list[str]:
    return [x for x, k in zip(t.text, t.kind.tolist(), strict=True) if k == TokenKind.WORD]


# --- 1. sounds -----------------------------------------------------------------------------


def test_remove_sound_references_removes_every_sound() -> None:
    text = "[MUSIC] We cook. [LAUGH] Right. It [NOISE] works."
    assert run(text) == "[MUSIC] We cook. [LAUGH] Right. It [NOISE] works."
    assert run(text, remove_sound_references=True) == "We cook. Right. It works."


def test_remove_sounds_list_removes_only_listed_tags() -> None:
    text = "[MUSIC] We cook. [LAUGH] Right."
    assert run(text, remove_sounds_list=["LAUGH"]) == "[MUSIC] We cook. Right."
    assert run(text, remove_sounds_list="MUSIC,LAUGH") == "We cook. Right."


def test_remove_sounds_list_is_ignored_when_all_sounds_go() -> None:
    out = run("[MUSIC] We [COUGH] cook.", remove_sound_references=True, remove_sounds_list="LAUGH")
    assert out == "We cook."


def test_a_sound_only_sentence_goes_with_its_full_stop() -> None:
    assert run("We cook. [SOUND]. Right.", remove_sound_references=True) == "We cook. Right."


# --- 2. disfluencies -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Um, I think so.", "I think so."),
        ("Um, so we go.", "So we go."),
        ("um, so we go.", "so we go."),  # no capital to carry over
        ("I think, um, we can.", "I think, we can."),
        ("I think, um.", "I think."),
        ("I think um.", "I think."),
        ("So um we go.", "So we go."),
        ("Uh, um, hmm, yes.", "Yes."),
        ("Mm. We go.", "We go."),
        ("We go. Mm.", "We go."),
        ("Like, uh", "Like"),
        ("Ah! We go.", "We go."),
        ("Ahh, ERM, so.", "So."),
    ],
)
def test_remove_disfluencies_repairs_punctuation(before: str, after: str) -> None:
    assert run(before) == before
    assert run(before, remove_disfluencies=True) == after


def test_removed_first_word_passes_its_flags_on() -> None:
    t = apply_transforms(table("Um we go."), PLAIN.with_values(remove_disfluencies=True))
    assert t.text == ["We", "go", "."]
    assert t.flags[0] & TokenFlag.SEGMENT_START
    assert t.flags[0] & TokenFlag.SEQUENCE_START
    assert t.kind[2] == TokenKind.PUNCTUATION and t.flags[2] & TokenFlag.SENTENCE_END


def test_removed_last_word_passes_sentence_end_left() -> None:
    seg = segment(1, "We go um")
    seg["sequences"][-1]["tokens"][-1]["tags"] = ["ENDS_SENTENCE"]
    t = apply_transforms(
        table_of(seg, speakers=SPEAKERS), PLAIN.with_values(remove_disfluencies=True)
    )
    assert t.text == ["We", "go"]
    assert t.flags[1] & TokenFlag.SENTENCE_END


def test_disfluencies_match_on_value_not_display() -> None:
    seg = segment(1, "Well said.")
    seg["sequences"][0]["tokens"][0]["value"] = "uh"  # displayed "Well", spoken "uh"
    t = apply_transforms(
        table_of(seg, speakers=SPEAKERS), PLAIN.with_values(remove_disfluencies=True)
    )
    assert shown(t) == "Said."


def test_own_disfluency_list() -> None:
    lists = WordLists.default().with_words(disfluencies=["like"])
    t = apply_transforms(
        table("So, like, um, yes."), PLAIN.with_values(remove_disfluencies=True), lists
    )
    assert shown(t) == "So, um, yes."


# --- 3. slang ------------------------------------------------------------------------------


def test_replace_slang_keeps_the_first_letters_case() -> None:
    text = "Gonna cook. We wanna eat cuz WANNA, kinda."
    assert run(text) == text
    assert run(text, replace_slang=True) == (
        "Going to cook. We want to eat because WANT TO, kind of."
    )


def test_slang_updates_the_value_and_stays_one_token() -> None:
    t = apply_transforms(table("We gotta go."), PLAIN.with_values(replace_slang=True))
    assert t.text == ["We", "got to", "go", "."]
    assert t.value[1] == "got to"


def test_own_slang_map() -> None:
    lists = WordLists.default().with_words(slang={"y'all": "you all"})
    t = apply_transforms(table("Y'all gonna eat."), PLAIN.with_values(replace_slang=True), lists)
    assert shown(t) == "You all gonna eat."


# --- 4. regional spelling ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "after"),
    [
        ("", "Colour, color, organise, organize, analyse, centre, traveled."),
        ("A", "Color, color, organize, organize, analyze, center, traveled."),
        ("B", "Colour, colour, organise, organise, analyse, centre, travelled."),
        ("U", "Colour, colour, organise, organise, analyse, centre, travelled."),
        ("Z", "Colour, colour, organize, organize, analyse, centre, travelled."),
        ("C", "Colour, colour, organize, organize, analyze, centre, travelled."),
    ],
)
def test_replace_english_spelling(code: str, after: str) -> None:
    before = "Colour, color, organise, organize, analyse, centre, traveled."
    assert run(before, replace_english_spelling=code) == after


def test_spelling_keeps_capitals_and_leaves_unknown_words() -> None:
    assert run("FLAVOUR and Favourite colours.", replace_english_spelling="A") == (
        "FLAVOR and Favorite colors."
    )


def test_spelling_for_transcripts() -> None:
    assert run("My favorite flavor.", PLAIN_TRANSCRIPT, replace_english_spelling="B") == (
        "My favourite flavour."
    )


# --- 5. profanity --------------------------------------------------------------------------


def test_mask_profanity_keeps_the_first_letter() -> None:
    text = "Shit, that's a fucking mess, you bastard! Assess it."
    assert run(text) == text
    assert run(text, mask_profanity=True) == (
        "S***, that's a f****** mess, you b******! Assess it."
    )


def test_mask_profanity_inside_a_token_keeps_edge_punctuation() -> None:
    seg = segment(1, "Oh no.")
    seg["sequences"][1]["tokens"][0]["display_as"] = '"shit!"'
    t = apply_transforms(table_of(seg, speakers=SPEAKERS), PLAIN.with_values(mask_profanity=True))
    assert t.text[1] == '"s***!"'


# --- 6. sounds shown between the boundaries --------------------------------------------------


def test_sound_boundaries_replace_the_stored_brackets() -> None:
    assert run("[MUSIC] Hi.") == "[MUSIC] Hi."
    assert run("[MUSIC] Hi.", sound_boundaries=("{", "}")) == "{MUSIC} Hi."
    assert run("[MUSIC] Hi.", sound_boundaries='("<<",">>")') == "<<MUSIC>> Hi."


def test_sound_display_never_doubles_and_uses_the_tag() -> None:
    assert sound_display("[LAUGH]", "LAUGH", ("[", "]")) == "[LAUGH]"
    assert sound_display("[laugh]", "LAUGH", ("[", "]")) == "[LAUGH]"
    assert sound_display("{MUSIC}", "MUSIC", ("[", "]")) == "[MUSIC]"
    assert sound_display("", "NOISE", ("(", ")")) == "(NOISE)"
    assert sound_display("[dog barks]", "NOISE", ("{", "}")) == "{dog barks}"
    assert sound_display("<<MUSIC>>", "MUSIC", ("<<", ">>")) == "<<MUSIC>>"


# --- 7. square brackets ----------------------------------------------------------------------


def test_strip_square_brackets_from_sounds_and_text() -> None:
    seg = segment(1, "We [MUSIC] said sic [ so.")
    seg["sequences"][3]["tokens"][0]["display_as"] = "[sic]"
    t0 = table_of(seg, speakers=SPEAKERS)
    assert shown(apply_transforms(t0, PLAIN)) == "We [MUSIC] said [sic] [ so."
    t = apply_transforms(t0, PLAIN.with_values(strip_square_brackets=True))
    assert shown(t) == "We MUSIC said sic so."
    assert "[" not in "".join(t.text) and "]" not in "".join(t.text)
    assert len(t) == len(t0) - 1  # the token that was only "[" went


def test_strip_square_brackets_applies_to_markers() -> None:
    t0 = table_of(segment(1, "Hi."), speakers=[{"id": 1, "name": "[Ann]"}])
    assert shown(apply_transforms(t0, CaptionOptions())) == ">> [Ann]: Hi."
    t = apply_transforms(t0, CaptionOptions(strip_square_brackets=True))
    assert shown(t) == ">> Ann: Hi."


def test_transcripts_keep_brackets() -> None:
    assert run("[MUSIC] Hi.", PLAIN_TRANSCRIPT) == "[MUSIC] Hi."


# --- 8. case -------------------------------------------------------------------------------


def test_force_case_applies_to_everything_including_markers() -> None:
    t0 = table_of(segment(1, "Hi [MUSIC] there."), speakers=SPEAKERS)
    assert shown(apply_transforms(t0, CaptionOptions(remove_sound_references=False))) == (
        ">> Ann: Hi [MUSIC] there."
    )
    up = CaptionOptions(remove_sound_references=False, force_case="upper")
    assert shown(apply_transforms(t0, up)) == ">> ANN: HI [MUSIC] THERE."
    low = CaptionOptions(remove_sound_references=False, force_case="lower")
    assert shown(apply_transforms(t0, low)) == ">> ann: hi [music] there."


# --- 9. speaker-change markers ---------------------------------------------------------------


def dialogue() -> TokenTable:
    return table_of(
        segment(1, "Hello there."),
        segment(1, "How are you?"),
        segment(2, "Fine."),
        segment(7, "Me too."),
        segment(0, "[MUSIC]"),
        segment(1, "Bye."),
        speakers=SPEAKERS,
    )


@pytest.mark.parametrize(
    ("changes", "after"),
    [
        (
            {},
            ">> Ann: Hello there. How are you? >> Tim: Fine. >> Speaker 7: Me too. "
            ">> Effects: [MUSIC] >> Ann: Bye.",
        ),
        (
            {"display_speaker_id": "number"},
            ">> Speaker 1: Hello there. How are you? >> Speaker 2: Fine. >> Speaker 7: Me too. "
            ">> Effects: [MUSIC] >> Speaker 1: Bye.",
        ),
        (
            {"display_speaker_id": "no"},
            ">> Hello there. How are you? >> Fine. >> Me too. >> [MUSIC] >> Bye.",
        ),
        (
            {"emit_speaker_change_tokens_as": "--", "display_effects_speaker_as": "Sound"},
            "-- Ann: Hello there. How are you? -- Tim: Fine. -- Speaker 7: Me too. "
            "-- Sound: [MUSIC] -- Ann: Bye.",
        ),
        (
            {"emit_speaker_change_tokens_as": ""},
            "Ann: Hello there. How are you? Tim: Fine. Speaker 7: Me too. "
            "Effects: [MUSIC] Ann: Bye.",
        ),
    ],
)
def test_speaker_markers(changes: dict[str, Any], after: str) -> None:
    options = CaptionOptions(remove_sound_references=False).with_values(**changes)
    assert shown(apply_transforms(dialogue(), options)) == after


def test_no_prefix_and_no_label_means_no_marker_but_the_change_flag_stays() -> None:
    t = apply_transforms(dialogue(), PLAIN)
    assert TokenKind.SPEAKER not in t.kind.tolist()
    changed = [t.text[i] for i in np.flatnonzero(t.flags & TokenFlag.SPEAKER_CHANGE)]
    assert changed == ["Hello", "Fine", "Me", "[MUSIC]", "Bye"]


def test_marker_token_shape() -> None:
    t = apply_transforms(dialogue(), CaptionOptions())
    rows = np.flatnonzero(t.kind == TokenKind.SPEAKER).tolist()
    assert [t.text[r] for r in rows] == [">> Ann:", ">> Tim:", ">> Speaker 7:", ">> Ann:"]
    for r in rows:
        assert t.start[r] == t.end[r] == t.start[r + 1]
        assert t.flags[r] & (
            TokenFlag.SEQUENCE_START
            | TokenFlag.SPEAKER_CHANGE
            | TokenFlag.NO_BREAK_AFTER
            | TokenFlag.SEGMENT_START
        ) == (
            TokenFlag.SEQUENCE_START
            | TokenFlag.SPEAKER_CHANGE
            | TokenFlag.NO_BREAK_AFTER
            | TokenFlag.SEGMENT_START
        )
        assert not t.flags[r + 1] & (TokenFlag.SEGMENT_START | TokenFlag.SPEAKER_CHANGE)
        assert t.speaker[r] == t.speaker[r + 1]
    # the [MUSIC] segment went (remove_sound_references), so no Effects marker either
    assert "[MUSIC]" not in t.text
    assert int(((t.flags & TokenFlag.SPEAKER_CHANGE) != 0).sum()) == len(rows)


def test_change_moves_past_a_removed_segment_only_when_the_speaker_differs() -> None:
    t0 = table_of(
        segment(1, "We cook."),
        segment(2, "Mm."),
        segment(1, "And stir."),
        segment(2, "Um."),
        segment(2, "Yes."),
        speakers=SPEAKERS,
    )
    assert shown(apply_transforms(t0, CaptionOptions())) == (
        ">> Ann: We cook. And stir. >> Tim: Yes."
    )


def test_speakerless_documents_follow_the_documents_change_flags() -> None:
    segments = [
        segment(None, "We cook.", change=True),
        segment(None, "[MUSIC]", change=True),
        segment(None, "Stir it.", change=True),
        segment(None, "Now.", change=False),
    ]
    options = CaptionOptions(remove_sound_references=False)
    assert shown(apply_transforms(table_of(*segments), options)) == (
        ">> We cook. >> Effects: [MUSIC] >> Stir it. Now."
    )
    segments[0]["speaker_change"] = False
    assert shown(apply_transforms(table_of(*segments), options)) == (
        "We cook. >> Effects: [MUSIC] >> Stir it. Now."
    )
    # the [MUSIC] segment removed: its change moves on to "Stir it." (already a change)
    assert shown(apply_transforms(table_of(*segments), CaptionOptions())) == (
        "We cook. >> Stir it. Now."
    )


def test_transcripts_show_names() -> None:
    t = apply_transforms(dialogue(), TranscriptOptions(emit_speaker_change_tokens_as="::"))
    assert (
        shown(t)
        == ":: Ann: Hello there. How are you? :: Tim: Fine. :: Speaker 7: Me too. :: Ann: Bye."
    )


def test_marker_text() -> None:
    kw: dict[str, Any] = {"name": "Tim", "number": 2, "effects": False, "effects_label": "FX"}
    assert marker_text(">>", "name", **kw) == ">> Tim:"
    assert marker_text(">>", "number", **kw) == ">> Speaker 2:"
    assert marker_text(">>", "no", **kw) == ">>"
    assert marker_text(">>", "name", **{**kw, "name": " "}) == ">> Speaker 2:"
    assert marker_text(">>", "name", **{**kw, "effects": True}) == ">> FX:"
    assert marker_text("", "name", **{**kw, "number": None, "name": ""}) == ""


# --- the whole pipeline ----------------------------------------------------------------------


def test_input_table_is_never_changed() -> None:
    t = example()
    before = (t.text.copy(), t.value.copy(), t.flags.copy(), t.kind.copy(), t.start.copy())
    everything = CaptionOptions(
        replace_slang=True,
        mask_profanity=True,
        replace_english_spelling="A",
        strip_square_brackets=True,
        force_case="upper",
        sound_boundaries=("{", "}"),
    )
    apply_transforms(t, everything)
    assert t.text == before[0] and t.value == before[1]
    assert np.array_equal(t.flags, before[2]) and np.array_equal(t.kind, before[3])
    assert np.array_equal(t.start, before[4])


def test_transforming_twice_changes_nothing_more() -> None:
    for options in (CaptionOptions(), TranscriptOptions(), CaptionOptions(replace_slang=True)):
        once = apply_transforms(example(), options)
        twice = apply_transforms(once, options)
        assert twice.text == once.text
        assert np.array_equal(twice.flags, once.flags)


def test_nothing_to_do_returns_the_same_table() -> None:
    t = table("We cook. [MUSIC] It works.")
    assert apply_transforms(t, PLAIN) is t


# --- the real cielo24 example ----------------------------------------------------------------


def test_example_defaults() -> None:
    t = apply_transforms(example(), CaptionOptions())
    text = shown(t)
    assert TokenKind.SOUND not in t.kind.tolist()
    assert " um" not in text.lower() and "Mm." not in text
    assert "like, commercial chicken broth" in text
    assert text.startswith(">> Ann Taylor Pittman: Tim and I are here")
    assert ">> Tim: Right. >> Ann Taylor Pittman: Braising" in text
    assert text.count("gonna") == 7 and "wanna" in text and " cuz " in text
    assert text.endswith("I love the red cooked short ribs, actually")
    # "[SOUND]. Mm." sat between two of Ann's sentences: no marker is left there
    assert "using wine. And in this case" in text.replace("use wine", "using wine")


def test_example_every_word_option() -> None:
    o = CaptionOptions(replace_slang=True, replace_english_spelling="A", force_case="lower")
    text = shown(apply_transforms(example(), o))
    assert "gonna" not in text and text.count("going to") >= 7
    assert "want to make sure" in text and "because there is some good flavor" in text
    assert "flavour" not in text and "my favorite recipe" in text
    assert ">> tim:" in text and ">> ann taylor pittman:" in text


def test_example_sounds_and_effects() -> None:
    o = CaptionOptions(remove_sound_references=False, sound_boundaries=("(", ")"))
    text = shown(apply_transforms(example(), o))
    assert ">> Tim: (LAUGH) Right." in text
    assert "use wine. (SOUND). And in this case" in text
    assert ">> Effects: (SOUND). >> Ann Taylor Pittman: So the meat" in text
    assert text.endswith("short ribs, actually, (UNKNOWN) >> Effects: (BLANK_AUDIO)")
    o = o.with_values(display_effects_speaker_as="Sounds", remove_sounds_list="SOUND,UNKNOWN")
    text = shown(apply_transforms(example(), o))
    assert "(SOUND)" not in text and "(UNKNOWN)" not in text and "(LAUGH)" in text
    assert text.endswith("short ribs, actually >> Sounds: (BLANK_AUDIO)")


def test_example_keeps_every_word_when_nothing_is_removed() -> None:
    t = example()
    out = apply_transforms(t, PLAIN.with_values(replace_slang=False))
    assert words_of(out) == words_of(t)
    assert "um" in out.value and "mm" in out.value


def test_example_disfluencies_only() -> None:
    out = apply_transforms(example(), PLAIN.with_values(remove_disfluencies=True))
    assert "um" not in out.value and "mm" not in out.value
    assert len(words_of(out)) == len(words_of(example())) - 2


# --- word lists ------------------------------------------------------------------------------


def test_packaged_word_lists() -> None:
    lists = WordLists.default()
    assert lists is WordLists.default()
    assert {"um", "uh", "er", "ah", "hmm", "mm"} <= lists.disfluencies
    assert lists.slang["gonna"] == "going to"
    assert "shit" in lists.profanity
    assert lists.spelling["A"]["colour"] == "color"
    assert lists.spelling["U"]["organize"] == "organise"
    assert len(lists.spelling["A"]) >= 300


def test_word_lists_from_files(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("# mine\nwell\n\n  So \n", encoding="utf-8")
    (tmp_path / "p.txt").write_text("darn\n", encoding="utf-8")
    (tmp_path / "s.tsv").write_text("# slang\nain't\tis not\n", encoding="utf-8")
    (tmp_path / "sp.tsv").write_text("gray\tgrey\nanalyze\tanalyse\tanalyse\tanalyze\n")
    lists = WordLists.default().with_files(
        disfluencies=tmp_path / "d.txt",
        profanity=tmp_path / "p.txt",
        slang=tmp_path / "s.tsv",
        spelling=tmp_path / "sp.tsv",
    )
    assert lists.disfluencies == {"well", "so"}
    options = PLAIN.with_values(
        remove_disfluencies=True,
        mask_profanity=True,
        replace_slang=True,
        replace_english_spelling="C",
    )
    t = apply_transforms(table("Well, it ain't darn gray, analyse it."), options, lists)
    assert shown(t) == "It is not d*** grey, analyze it."


def test_bad_word_list_file(tmp_path: Path) -> None:
    path = tmp_path / "s.tsv"
    path.write_text("gonna\tgoing to\nwanna want to\n", encoding="utf-8")
    with pytest.raises(WordListError) as info:
        WordLists.default().with_files(slang=path)
    assert (
        str(info.value) == f"{path} line 2: expected two tab-separated columns, got 'wanna want to'"
    )


# --- properties ------------------------------------------------------------------------------

WORDS = ["we", "Cook", "um", "gonna", "shit", "colour", "[x]", "Hmm", "it's", "Tim"]
CHUNK = st.tuples(st.sampled_from(WORDS), st.sampled_from(["", ",", ".", "?"]))
SEGMENT = st.tuples(
    st.sampled_from([None, 0, 1, 2]),
    st.lists(
        st.one_of(CHUNK, st.sampled_from([("[MUSIC]", ""), ("[LAUGH]", ".")])),
        min_size=1,
        max_size=6,
    ),
)


def build(segments: list[tuple[int | None, list[tuple[str, str]]]]) -> TokenTable:
    segs = [segment(s, " ".join(w + p for w, p in chunks)) for s, chunks in segments]
    return table_of(*segs, speakers=SPEAKERS)


@settings(max_examples=60, deadline=None)
@given(
    segments=st.lists(SEGMENT, min_size=1, max_size=8),
    prefix=st.sampled_from(["", ">>", "--"]),
    mode=st.sampled_from(["no", "number", "name"]),
    slang=st.booleans(),
)
def test_without_removals_every_word_appears_once_in_order(
    segments: list[tuple[int | None, list[tuple[str, str]]]], prefix: str, mode: str, slang: bool
) -> None:
    t = build(segments)
    options = CaptionOptions(
        remove_disfluencies=False,
        remove_sound_references=False,
        emit_speaker_change_tokens_as=prefix,
        display_speaker_id=mode,
        mask_profanity=True,
        replace_english_spelling="A",
        replace_slang=slang,
    )
    out = apply_transforms(t, options)
    assert len(words_of(out)) == len(words_of(t))
    plain = apply_transforms(
        t,
        options.with_values(mask_profanity=False, replace_slang=False, replace_english_spelling=""),
    )
    assert words_of(plain) == words_of(t)
    kept = out.kind != TokenKind.SPEAKER
    assert np.array_equal(out.start[kept], t.start)
    assert np.all(np.diff(out.start) >= 0)


@settings(max_examples=60, deadline=None)
@given(segments=st.lists(SEGMENT, min_size=1, max_size=8))
def test_removals_keep_the_rest_in_order(
    segments: list[tuple[int | None, list[tuple[str, str]]]],
) -> None:
    t = build(segments)
    out = apply_transforms(t, CaptionOptions())
    lists = WordLists.default()
    expected = [
        v
        for v, k in zip(t.value, t.kind.tolist(), strict=True)
        if k == TokenKind.WORD and v not in lists.disfluencies
    ]
    assert [
        v for v, k in zip(out.value, out.kind.tolist(), strict=True) if k == TokenKind.WORD
    ] == expected
    assert TokenKind.SOUND not in out.kind.tolist()
    body = out.kind != TokenKind.SPEAKER
    if body.any():
        first = int(np.flatnonzero(body)[0])
        assert out.flags[first] & TokenFlag.SEQUENCE_START or first == 0
    text = shown(out)
    assert ",." not in text and " ," not in text and ", ." not in text
