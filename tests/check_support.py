"""What the tests of ``elementlist check`` share: a caption file with planted breaches (made
here, in SRT written by hand), and an ElementList of the words it says."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Planted:
    start: int
    end: int
    lines: tuple[str, ...]
    breach: str | None  # the one code this cue breaches under netflix-en, or None


# Under netflix-en (42 × 2, 20 cps, 833–7000 ms, 83 ms gap, no line on a function word),
# each cue breaches exactly the code beside it, and the clean ones nothing.
PLANTED = (
    Planted(1000, 3000, ("Hello there, my friend.",), None),
    Planted(3200, 8000, ("This line is much too long to be read comfortably",), "LINE-TOO-LONG"),
    Planted(8200, 10200, ("One.", "Two.", "Three."), "TOO-MANY-LINES"),
    Planted(
        10400,
        12400,
        ("Thirty characters on this line", "and thirty more on this line."),
        "TOO-FAST",
    ),
    Planted(12600, 13100, ("Yes.",), "TOO-SHORT"),
    Planted(13300, 21300, ("Wait for it.",), "TOO-LONG"),
    Planted(21340, 23000, ("Too close behind.",), "GAP-TOO-SMALL"),
    Planted(22800, 24500, ("Starts too early.",), "OVERLAP"),
    Planted(22700, 24600, ("Back in time.",), "OUT-OF-ORDER"),
    Planted(25000, 27000, (), "EMPTY-CUE"),
    Planted(27200, 30200, ("I walked over to the", "store yesterday."), "BAD-LINE-BREAK"),
    Planted(30400, 32400, ("And that was all.",), None),
)


def srt_time(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def srt_of(cues: Any) -> str:
    """SRT text of (start, end, lines) cues, written by hand (not by our writer)."""
    blocks = []
    for k, cue in enumerate(cues, 1):
        start, end, lines = cue[0], cue[1], cue[2]
        blocks.append(
            f"{k}\n{srt_time(start)} --> {srt_time(end)}\n" + "".join(f"{x}\n" for x in lines)
        )
    return "\n".join(blocks)


def planted_srt() -> str:
    return srt_of((p.start, p.end, p.lines) for p in PLANTED)


def expected_planted() -> list[tuple[str, int]]:
    return [(p.breach, k) for k, p in enumerate(PLANTED, 1) if p.breach is not None]


def element_list(words: list[tuple[str, int, int]]) -> dict[str, Any]:
    """A v3 ElementList of these (word, start, end), one sequence each, one segment."""
    return {
        "version": 3,
        "start_time": words[0][1],
        "end_time": words[-1][2],
        "language": "en",
        "segments": [
            {
                "start_time": words[0][1],
                "end_time": words[-1][2],
                "sequences": [
                    {
                        "start_time": s,
                        "end_time": e,
                        "tokens": [{"start_time": s, "end_time": e, "value": w, "type": 0}],
                    }
                    for w, s, e in words
                ],
            }
        ],
    }


def spread(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The words of ``text`` sharing [start, end) equally."""
    pieces = text.split()
    step = (end - start) // len(pieces)
    return [(w, start + k * step, start + (k + 1) * step) for k, w in enumerate(pieces)]
