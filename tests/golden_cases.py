"""The golden cases: every bundled example and every real sample × every caption format ×
a few option sets, and the transcripts. ``tests/golden/regenerate.py`` writes the files from
these cases (never edit them by hand) and ``tests/test_golden.py`` compares bytes.

The real samples are read from ``../shared/reference/samples`` at run time; their cases are
skipped where that folder is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLES = ROOT.parent / "shared" / "reference" / "samples"

DOCUMENTS: dict[str, Path] = {
    "podcast": ROOT / "examples" / "podcast_v3.json",
    "interview": ROOT / "examples" / "interview_v3_int_types.json",
    "cielo24_v3": SAMPLES / "cielo24_docs_example_v3.json",
    "cielo24_v2_2014": SAMPLES / "cielo24_docs_example_v2_2014.json",
    "thirdparty_v3": SAMPLES / "thirdparty_v3.json",
}

CAPTION_FORMATS = {
    "SRT": "srt",
    "WEB_VTT": "vtt",
    "DFXP": "dfxp",
    "SBV": "sbv",
    "QT": "qt.txt",
    "SAMI": "smi",
    "TRANSCRIPT": "transcript.txt",
}

CAPTION_OPTION_SETS: dict[str, dict[str, Any]] = {
    "default": {},
    "narrow_upper": {
        "characters_per_caption_line": 32,
        "lines_per_caption": 1,
        "force_case": "upper",
        "display_speaker_id": "number",
    },
    "everything_kept": {
        "remove_disfluencies": False,
        "remove_sound_references": False,
        "sound_tokens_by_caption": True,
        "caption_by_sentence": False,
        "speaker_on_new_line": False,
        "emit_speaker_change_tokens_as": "--",
        "sound_boundaries": ("{", "}"),
    },
    "timing": {
        "minimum_caption_length_ms": 1800,
        "merge_gap_interval": 0,
        "minimum_gap_between_captions_ms": 120,
        "maximum_caption_duration": 4000,
        "layout_target_caption_length_ms": 3000,
        "line_ending_format": "WINDOWS",
        "utf8_mark": True,
    },
    "words": {
        "mask_profanity": True,
        "replace_slang": True,
        "replace_english_spelling": "A",
        "strip_square_brackets": True,
        "disallow_dangling": True,
        "single_speaker_per_caption": True,
        "caption_words_min": 3,
        "line_break_on_sentence": True,
    },
}

TRANSCRIPT_OPTION_SETS: dict[str, dict[str, Any]] = {
    "default": {},
    "intervals": {
        "create_paragraphs": False,
        "timecode_interval": 15000,
        "timecode_format": "%H:%M:%S",
        "newlines_after_sentence": 1,
        "timecode_offset": 3600000,
    },
    "kept": {
        "remove_disfluencies": False,
        "remove_sound_references": False,
        "newlines_after_paragraph": 3,
        "emit_speaker_change_tokens_as": "",
        "mask_profanity": True,
    },
}


@dataclass(frozen=True)
class Case:
    document: str
    kind: str  # "caption" or "transcript"
    option_set: str
    fmt: str  # caption_format, or the transcript's file_format

    @property
    def source(self) -> Path:
        return DOCUMENTS[self.document]

    @property
    def options(self) -> dict[str, Any]:
        sets = CAPTION_OPTION_SETS if self.kind == "caption" else TRANSCRIPT_OPTION_SETS
        return sets[self.option_set]

    @property
    def golden(self) -> Path:
        if self.kind == "caption":
            return GOLDEN / self.document / f"{self.option_set}.{CAPTION_FORMATS[self.fmt]}"
        return GOLDEN / self.document / f"get_transcript-{self.option_set}.{self.fmt}"

    @property
    def name(self) -> str:
        return f"{self.document}-{self.option_set}-{self.fmt}"


def cases() -> Iterator[Case]:
    for document in DOCUMENTS:
        for option_set in CAPTION_OPTION_SETS:
            for fmt in CAPTION_FORMATS:
                yield Case(document, "caption", option_set, fmt)
        for option_set in TRANSCRIPT_OPTION_SETS:
            for fmt in ("txt", "html"):
                yield Case(document, "transcript", option_set, fmt)


def render(case: Case) -> bytes:
    """The bytes the public API gives for ``case`` (what the golden file holds)."""
    import elementlist

    if case.kind == "caption":
        text = elementlist.get_caption(case.source, case.fmt, **case.options)
    else:
        text = elementlist.get_transcript(case.source, file_format=case.fmt, **case.options)
    return text.encode("utf-8")
