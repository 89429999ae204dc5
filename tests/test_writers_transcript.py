"""TRANSCRIPT as a caption format: running paragraphs, split at speaker changes."""

from __future__ import annotations

from caption_cases import INFO, TRICKY, caption_lists
from hypothesis import given, settings

from elementlist.captions.model import Caption, DocumentInfo
from elementlist.options.classes import CaptionOptions
from elementlist.writers import render_captions

OPTIONS = CaptionOptions()


def test_tricky_captions_become_paragraphs() -> None:
    text = render_captions(TRICKY, "TRANSCRIPT", OPTIONS, INFO)
    assert text == (
        "Fish & chips <b>now</b> a --> b Ünïcödé — “quotes” ’n’ 日本語 emoji 😀👍🏽 ok "
        "only this line\n"
        "\n"
        ">> Tim: three lines in one caption 1 ms long two hours in &amp; stays literal\n"
    )


def test_every_marked_line_starts_a_paragraph() -> None:
    captions = [
        Caption(0, 1, (">> Ann: hi", "there")),
        Caption(1, 2, ("more", ">> Tim: hello")),
        Caption(3, 4, (">> Ann: bye",)),
    ]
    assert render_captions(captions, "TRANSCRIPT", OPTIONS) == (
        ">> Ann: hi there more\n\n>> Tim: hello\n\n>> Ann: bye\n"
    )


def test_marker_comes_from_emit_speaker_change_tokens_as() -> None:
    captions = [Caption(0, 1, ("-- Ann: hi",)), Caption(1, 2, (">> not a change",))]
    dashes = CaptionOptions(emit_speaker_change_tokens_as="--")
    assert render_captions(captions, "TRANSCRIPT", dashes) == "-- Ann: hi >> not a change\n"
    captions.append(Caption(2, 3, ("-- Tim: yes",)))
    assert render_captions(captions, "TRANSCRIPT", dashes) == (
        "-- Ann: hi >> not a change\n\n-- Tim: yes\n"
    )
    none = CaptionOptions(emit_speaker_change_tokens_as="")
    assert render_captions(captions, "TRANSCRIPT", none) == (
        "-- Ann: hi >> not a change -- Tim: yes\n"
    )


def test_languages_without_spaces_join_without_spaces() -> None:
    captions = [Caption(0, 1, ("今日は", "いい天気")), Caption(1, 2, ("ですね。",))]
    text = render_captions(captions, "TRANSCRIPT", OPTIONS, DocumentInfo(language="ja_JP"))
    assert text == "今日はいい天気ですね。\n"


def test_empty_list_is_an_empty_file() -> None:
    assert render_captions([], "TRANSCRIPT", OPTIONS) == ""


@settings(max_examples=100, deadline=None)
@given(caption_lists())
def test_every_word_is_kept_in_order(captions: list[Caption]) -> None:
    text = render_captions(captions, "TRANSCRIPT", CaptionOptions(emit_speaker_change_tokens_as=""))
    words = [word for c in captions for line in c.lines for word in line.split()]
    assert text.split() == words
    assert text == (" ".join(" ".join(c.lines) for c in captions) + "\n" if captions else "")
