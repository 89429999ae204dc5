"""QuickTime text: read back by a parser written here from Apple's text-descriptor docs."""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

from caption_cases import INFO, LATE, TRICKY, TRICKY_LINES, caption_lists
from hypothesis import given, settings

from elementlist.captions.model import Caption, DocumentInfo
from elementlist.options.classes import CaptionOptions
from elementlist.writers import render_captions

_STAMP = re.compile(r"\[(\d+):([0-5]\d):([0-5]\d)(?:\.(\d+))?\]")
_DESCRIPTOR = re.compile(r"\{([^{}:]+)(?::([^{}]*))?\}")

Sample = tuple[int, int, tuple[str, ...]]


def read_qt(text: str) -> tuple[dict[str, str], list[Sample]]:
    """Descriptors (lower-cased names) and samples (start ms, end ms, lines).

    The fraction of a timestamp counts units of the track's timeScale; the last timestamp
    ends the last sample; a timestamp without text is a blank sample.
    """
    lines = text.split("\n")
    assert lines[-1] == "", "the final timestamp must end with a line break"
    assert lines[0].lower().startswith("{qttext}")
    descriptors: dict[str, str] = {}
    index = 0
    while index < len(lines) and not _STAMP.fullmatch(lines[index]):
        found = _DESCRIPTOR.findall(lines[index])
        assert "".join(f"{{{k}{':' + v if v else ''}}}" for k, v in found) == lines[index]
        descriptors.update((k.lower(), v) for k, v in found)
        index += 1
    scale = int(descriptors.get("timescale", "600"))
    assert descriptors.get("timestamps") == "absolute"
    stamps: list[tuple[int, list[str]]] = []
    for line in lines[index:-1]:
        match = _STAMP.fullmatch(line)
        if match:
            h, m, s = (int(g) for g in match.groups()[:3])
            fraction = Fraction(int(match[4] or 0), scale)
            ms = ((h * 60 + m) * 60 + s) * 1000 + fraction * 1000
            assert ms.denominator == 1
            stamps.append((int(ms), []))
        else:
            assert not _DESCRIPTOR.search(line), f"descriptor inside text: {line!r}"
            stamps[-1][1].append(line)
    assert stamps and not stamps[-1][1], "the last timestamp closes the track"
    samples = [
        (start, stamps[i + 1][0], tuple(text_lines))
        for i, (start, text_lines) in enumerate(stamps[:-1])
    ]
    return descriptors, samples


def _shown(samples: list[Sample]) -> list[Sample]:
    return [s for s in samples if s[2]]


def test_header_descriptors() -> None:
    descriptors, samples = read_qt(render_captions(TRICKY, "QT", CaptionOptions(), INFO))
    assert descriptors["timescale"] == "1000"
    assert descriptors["timestamps"] == "absolute"
    assert descriptors["justify"] == "center"
    assert descriptors["language"] == "0"
    assert samples[0] == (0, 1500, TRICKY_LINES[0])


def test_language_code_only_when_known() -> None:
    french, _ = read_qt(render_captions(TRICKY, "QT", CaptionOptions(), DocumentInfo("fr_CA")))
    unknown, _ = read_qt(render_captions(TRICKY, "QT", CaptionOptions(), DocumentInfo("xx")))
    assert french["language"] == "1"
    assert "language" not in unknown


def test_gaps_are_blank_samples() -> None:
    text = render_captions((*TRICKY, LATE), "QT", CaptionOptions(), INFO)
    _, samples = read_qt(text)
    expected = [(c.start, c.end, lines) for c, lines in zip(TRICKY, TRICKY_LINES, strict=True)]
    expected.append((LATE.start, LATE.end, LATE.lines))
    assert _shown(samples) == expected
    # blanks fill exactly the gaps: the samples tile the track from 0 to the last end
    assert [s[1] for s in samples[:-1]] == [s[0] for s in samples[1:]]
    assert samples[-1][1] == LATE.end
    assert "[100:00:12.345]" in text


def test_qt_seamless_leaves_no_gaps() -> None:
    captions = [
        Caption(1_000, 2_000, ("a",)),
        Caption(5_000, 6_000, ("b",)),
        Caption(6_000, 7_500, ("c",)),
    ]
    _, gapped = read_qt(render_captions(captions, "QT", CaptionOptions()))
    _, seamless = read_qt(render_captions(captions, "QT", CaptionOptions(qt_seamless=True)))
    assert gapped == [
        (0, 1_000, ()), (1_000, 2_000, ("a",)), (2_000, 5_000, ()), (5_000, 6_000, ("b",)),
        (6_000, 7_500, ("c",)),
    ]  # fmt: skip
    assert seamless == [
        (0, 1_000, ()), (1_000, 5_000, ("a",)), (5_000, 6_000, ("b",)), (6_000, 7_500, ("c",))
    ]  # fmt: skip


def test_braces_cannot_become_descriptors() -> None:
    _, samples = read_qt(
        render_captions([Caption(0, 9, ("{bold} [MUSIC] {x}",))], "QT", CaptionOptions())
    )
    assert samples == [(0, 9, ("(bold) [MUSIC] (x)",))]


def test_empty_list_is_a_valid_empty_track() -> None:
    descriptors, samples = read_qt(render_captions([], "QT", CaptionOptions()))
    assert descriptors["timescale"] == "1000" and samples == []


def _braces(lines: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(line.replace("{", "(").replace("}", ")") for line in lines)


@settings(max_examples=150, deadline=None)
@given(caption_lists())
def test_any_captions_round_trip(captions: list[Caption]) -> None:
    _, samples = read_qt(render_captions(captions, "QT", CaptionOptions()))
    assert _shown(samples) == [(c.start, c.end, _braces(c.lines)) for c in captions]
    assert all(a[1] == b[0] for a, b in itertools.pairwise(samples))
    assert all(start < end for start, end, _ in samples)


@settings(max_examples=150, deadline=None)
@given(caption_lists())
def test_any_captions_seamless(captions: list[Caption]) -> None:
    _, samples = read_qt(render_captions(captions, "QT", CaptionOptions(qt_seamless=True)))
    ends = [c.start for c in captions[1:]] + [c.end for c in captions[-1:]]
    assert _shown(samples) == [
        (c.start, end, _braces(c.lines)) for c, end in zip(captions, ends, strict=True)
    ]
    blanks = [s for s in samples if not s[2]]
    assert blanks == ([(0, captions[0].start, ())] if captions and captions[0].start else [])
