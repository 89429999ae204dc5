"""Captions for the writer tests: a hand-built tricky set and hypothesis strategies."""

from __future__ import annotations

from hypothesis import strategies as st

from elementlist.captions.model import Caption, DocumentInfo

INFO = DocumentInfo(
    language="EN_US", title='Tea & <Biscuits> "quoted"', job_id="64bea283eff6475ea6596027a6ba0929"
)

# Text that breaks naive writers: markup characters, a cue arrow, unicode, emoji, blank and
# whitespace-only lines (dropped), three lines, abutting and gapped captions, a late time.
TRICKY: tuple[Caption, ...] = (
    Caption(0, 1500, ("Fish & chips <b>now</b>", "a --> b")),
    Caption(1500, 2750, ("Ünïcödé — “quotes” ’n’ 日本語", "emoji 😀👍🏽 ok")),
    Caption(4000, 5001, ("", "  ", "only this line")),
    Caption(5001, 7000, (">> Tim: three", "lines in", "one caption")),
    Caption(9000, 9001, ("1 ms long",)),
    Caption(3_600_000 * 2 + 3_000, 3_600_000 * 2 + 4_567, ("two hours in", "&amp; stays literal")),
)

# The text a reader should give back for each TRICKY caption (blank lines dropped).
TRICKY_LINES: tuple[tuple[str, ...], ...] = tuple(
    tuple(line for line in caption.lines if line.strip()) for caption in TRICKY
)

LATE = Caption(360_000_000 + 12_345, 360_000_000 + 23_456, ("a hundred hours in",))


def _clean_line(text: str) -> str:
    return " ".join(text.split())


# Random printable unicode: no control characters, no surrogates; whitespace normalised to
# single spaces (DFXP and SAMI readers collapse runs of whitespace, as they should).
line_text = (
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=40)
    .map(_clean_line)
    .filter(bool)
)


@st.composite
def caption_lists(draw: st.DrawFn, max_size: int = 12) -> list[Caption]:
    """Sorted, non-overlapping captions of positive length; gaps may be 0; times may pass
    100 hours."""
    count = draw(st.integers(0, max_size))
    time = draw(st.integers(0, 5_000))
    captions: list[Caption] = []
    for _ in range(count):
        time += draw(st.one_of(st.just(0), st.integers(1, 3_000), st.integers(0, 400_000_000)))
        duration = draw(st.integers(1, 10_000))
        lines = tuple(draw(st.lists(line_text, min_size=1, max_size=3)))
        captions.append(Caption(time, time + duration, lines))
        time += duration
    return captions
