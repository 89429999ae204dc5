"""What the importer tests share: where the real ASR samples are (read from
../shared/reference/asr-samples, never copied), the skip rule for them, the doc-derived
fixtures beside this file, and readings of an imported ElementList."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from programs import no_skip

from elementlist import ElementList

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ASR_SAMPLES = ROOT.parent / "shared" / "reference" / "asr-samples"
FIXTURES = HERE


def asr_sample(name: str) -> Path:
    """The path of a real sample; skips the test (fails it under ELEMENTLIST_NO_SKIP) when
    ../shared is not there."""
    path = ASR_SAMPLES / name
    if not path.is_file():
        reason = (
            f"needs the real ASR sample {name} of ../shared/reference/asr-samples "
            f"({ASR_SAMPLES}): check out ../shared beside the repository (CI always has it)"
        )
        if no_skip():
            pytest.fail(f"{reason} [ELEMENTLIST_NO_SKIP is set: this must run]", pytrace=False)
        pytest.skip(reason)
    return path


def fixture(name: str) -> bytes:
    """A doc-derived fixture (tests/importer_fixtures/README.md says what each is built from)."""
    return (FIXTURES / name).read_bytes()


def normalised(text: str) -> str:
    return " ".join(text.split())


def text_of(doc: ElementList) -> str:
    """The document's words as a reader sees them: tokens of a sequence joined as they
    are, sequences by a space."""
    return normalised(
        " ".join(
            "".join(t.text for t in seq.tokens) for seg in doc.segments for seq in seg.sequences
        )
    )


def speaker_names(doc: ElementList) -> dict[int, str]:
    """speaker id → its name, or the id as text for a numbered speaker."""
    if not doc.speakers:
        return {}
    return {s.id: s.name if isinstance(s.name, str) else str(s.id) for s in doc.speakers}


def sequence_speakers(doc: ElementList) -> list[str | None]:
    """The speaker of each sequence (a word with its punctuation), by name or number."""
    names = speaker_names(doc)
    out: list[str | None] = []
    for seg in doc.segments:
        who = seg.speaker
        out.extend([None if who is None else names[who]] * len(seg.sequences))
    return out


def sentences_of(doc: ElementList) -> list[str]:
    """Each segment's text: one sentence each."""
    return [
        normalised(" ".join("".join(t.text for t in seq.tokens) for seq in seg.sequences))
        for seg in doc.segments
    ]


def interpolated_tokens(doc: ElementList) -> list[Any]:
    return [t for t in doc.tokens() if t.interpolated is True]
