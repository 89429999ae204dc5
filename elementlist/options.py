"""Typed option objects for get_caption and get_transcript (reference 4.16 and 4.17).

Field names are cielo24's spelling; defaults are the documented ones. Parsing from query
strings, CLI flags and wire values lives here too (one place for every spelling).
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_SRT_FORMAT = (
    "{caption_number:d}\n"
    "{start_hour:02d}:{start_minute:02d}:{start_second:02d},{start_millisecond:03d} --> "
    "{end_hour:02d}:{end_minute:02d}:{end_second:02d},{end_millisecond:03d}\n"
    "{caption_text}\n\n"
)


@dataclass(frozen=True, slots=True)
class CaptionOptions:
    build_url: bool = False
    audio_description: bool = False
    mixed: bool = False
    caption_words_min: int = 1
    caption_by_sentence: bool = True
    characters_per_caption_line: int = 42
    dfxp_header: str = ""
    disallow_dangling: bool = False
    display_effects_speaker_as: str = "Effects"
    display_speaker_id: str = "name"  # no | number | name
    iwp_name: str = ""
    elementlist_version: str = ""
    emit_speaker_change_tokens_as: str = ">>"
    force_case: str = ""  # upper | lower | ""
    include_dfxp_metadata: bool = True
    layout_target_caption_length_ms: int = 5000
    line_break_on_sentence: bool = False
    line_ending_format: str = "UNIX"  # UNIX | WINDOWS | OSX
    lines_per_caption: int = 2
    mask_profanity: bool = False
    maximum_caption_duration: int | None = None
    merge_gap_interval: int = 1000
    minimum_caption_length_ms: int | None = None
    minimum_gap_between_captions_ms: int | None = None
    qt_seamless: bool = False
    remove_disfluencies: bool = True
    remove_sounds_list: tuple[str, ...] = ()
    remove_sound_references: bool = True
    replace_slang: bool = False
    silence_max_ms: int = 2000
    single_speaker_per_caption: bool = False
    sound_boundaries: tuple[str, str] = ("[", "]")
    sound_threshold: int | None = None
    sound_tokens_by_caption: bool = False
    sound_tokens_by_line: bool = False
    sound_tokens_by_caption_list: tuple[str, ...] = ("BLANK_AUDIO", "MUSIC")
    sound_tokens_by_line_list: tuple[str, ...] = ("BLANK_AUDIO", "MUSIC")
    speaker_on_new_line: bool = True
    srt_format: str = DEFAULT_SRT_FORMAT
    strip_square_brackets: bool = False
    utf8_mark: bool = False
    replace_english_spelling: str = ""  # "" unchanged | A | B | Z | U | C


@dataclass(frozen=True, slots=True)
class TranscriptOptions:
    create_paragraphs: bool = True
    audio_description: bool = False
    mixed: bool = False
    elementlist_version: str = ""
    iwp_name: str = ""
    emit_speaker_change_tokens_as: str = ">>"
    newlines_after_paragraph: int = 2
    newlines_after_sentence: int = 0
    remove_disfluencies: bool = True
    mask_profanity: bool = False
    remove_sounds_list: tuple[str, ...] = ()
    remove_sound_references: bool = True
    replace_slang: bool = False
    sound_boundaries: tuple[str, str] = ("[", "]")
    timecode_every_paragraph: bool = True
    timecode_format: str = "[%H:%M:%S.%f]"
    timecode_interval: int = 0
    timecode_offset: int = 0
    file_format: str = "txt"  # txt | html (pdf refused)
    replace_english_spelling: str = ""
