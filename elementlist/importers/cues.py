"""Caption cues → a Draft: what the SRT, WebVTT, SBV and DFXP readers share.

Each reader turns its file into :class:`Cue` values — a span and the cue's text as
:class:`Run` values (markup removed, entities decoded, ``\\n`` for a line break; a run
may carry a time the file gives inside the cue, a WebVTT ``<00:00:01.500>`` timestamp or a
TTML timed ``<span>``, and a voice, WebVTT ``<v Name>`` or a TTML agent). Here the text
becomes words:

- **Times.** The words of a cue share its span in proportion to their length in
  characters (``interpolated: true``); where the file times a part of the cue, that part's
  words share that part's span, and a part holding one word has its own time, not an
  interpolated one. A cue that the next one follows without a gap was probably held on
  screen after its words (gaps closed, minimum durations): its words take the time they
  need at the file's median rate (ms per character over all its cues), and the rest of
  the cue, at most 999 ms (less than ``merge_gap_interval``'s default), is the pause after
  them. So a re-layout sees the pause at the cue's end that made the break there.
- **Speakers.** At the start of a line: ``>>`` starts a new speaker's turn, named when a
  ``Name:`` follows (``>> Ann Taylor: Hi``); ``Speaker 2:`` is speaker number 2. A
  ``Name:`` without ``>>`` counts when it is written in capitals (``ANN:``) or begins a
  line in two cues or more (so a ``Note:`` once in a file stays text). A name is one to
  five words, starting with a capital or a digit. A WebVTT voice or TTML agent names the
  speaker of its text. A speaker lasts until the next mark.
- **Sounds.** A bracketed description (``[MUSIC]``, ``[door slams]``) is a sound token,
  tagged by :func:`elementlist.importers.marks.sound_tag`.
- **Sentences.** From the punctuation; in a file without any sentence-final mark, each
  cue ends a sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .draft import GLUE_PREVIOUS, Draft, spread


@dataclass(slots=True)
class Run:
    """A part of a cue's text; ``start``/``end`` when the file times this part."""

    text: str
    start: int | None = None
    end: int | None = None
    voice: str | None = None


@dataclass(slots=True)
class Cue:
    start: int | None
    end: int | None
    runs: list[Run] = field(default_factory=list)


_MARKER = re.compile(r">>+\s*")
_NAME = re.compile(r"(?P<name>[^\W_][\w.'’\-]*(?:[ ][\w.'’\-]+){0,4}):(?:[ \t]+|\Z)")
_NUMBERED = re.compile(r"Speaker[ _]?(\d{1,6})", re.IGNORECASE)
_BRACKETS = re.compile(r"(\[[^\[\]\n]*\])")


def _name_at(line: str) -> str | None:
    """The ``Name:`` a line starts with, if any."""
    m = _NAME.match(line)
    if m is None:
        return None
    name = m.group("name")
    if not (name[0].isupper() or name[0].isdigit()):
        return None
    return name


def _capitals(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _label(name: str) -> str:
    numbered = _NUMBERED.fullmatch(name)
    return str(int(numbered.group(1))) if numbered else name


def _line_starts(cues: list[Cue]) -> Counter[str]:
    """How many cues have a line starting with each ``Name:`` (without ``>>``)."""
    seen: Counter[str] = Counter()
    for cue in cues:
        names = set()
        for line in "".join(run.text for run in cue.runs).split("\n"):
            name = _name_at(line.lstrip())
            if name is not None:
                names.add(name)
        seen.update(names)
    return seen


_Word = tuple[str, int, str | None, bool]  # text, glue, speaker label, starts a new turn


@dataclass(slots=True)
class _Part:
    """A run's words and the span they share."""

    start: int | None
    end: int | None
    exact: bool  # the file times this part (a timestamp tag, a timed span)
    open_end: bool  # its end is the cue's end
    words: list[_Word]


class _Reader:
    """Cues → parts with words, keeping the current speaker from cue to cue."""

    def __init__(self, cues: list[Cue]) -> None:
        self.repeated = {name for name, count in _line_starts(cues).items() if count >= 2}
        self.speaker: str | None = None
        self.voice: str | None = None
        self.turn = False  # the next word starts a new turn

    def _speaker_mark(self, line: str) -> str:
        """Read a speaker mark at the start of ``line``; return the rest of the line."""
        stripped = line.lstrip()
        marker = _MARKER.match(stripped)
        if marker is not None:
            rest = stripped[marker.end() :]
            name = _name_at(rest)
            self.turn = True
            self.speaker = None if name is None else _label(name)
            return rest if name is None else rest[len(name) + 1 :]
        name = _name_at(stripped)
        if name is not None and (_capitals(name) or name in self.repeated):
            self.turn = True
            self.speaker = _label(name)
            return stripped[len(name) + 1 :]
        return line

    def _word(self, out: list[_Word], text: str, glue: int) -> None:
        out.append((text, glue, self.speaker, self.turn))
        self.turn = False

    def words(self, text: str, at_line_start: bool) -> list[_Word]:
        """The words of a run's text, speaker marks read."""
        out: list[_Word] = []
        for n, line in enumerate(text.split("\n")):
            if n > 0 or at_line_start:
                line = self._speaker_mark(line)
            glue_next = False  # the part before ended without a space
            for part in _BRACKETS.split(line):
                if not part:
                    continue
                if part.startswith("[") and part.endswith("]"):
                    self._word(out, part, GLUE_PREVIOUS if glue_next and out else 0)
                    glue_next = True  # text right after "]" (a full stop) is glued to it
                    continue
                pieces = part.split()
                for k, piece in enumerate(pieces):
                    glued = k == 0 and glue_next and not part[0].isspace()
                    self._word(out, piece, GLUE_PREVIOUS if glued else 0)
                glue_next = bool(pieces) and not part[-1].isspace()
        return out

    def parts(self, cue: Cue) -> list[_Part]:
        runs = [run for run in cue.runs if run.text]
        out = []
        at_line_start = True
        timed = any(run.start is not None for run in runs)  # word timestamps in this cue
        for run, (start, end, _own) in zip(runs, _windows(cue, runs), strict=True):
            exact = timed
            if run.voice is not None and run.voice != self.voice:
                self.voice = run.voice
                self.turn = True
                self.speaker = _label(run.voice)
            words = self.words(run.text, at_line_start)
            at_line_start = run.text.endswith("\n")
            if words:
                open_end = run.end is None and end == cue.end
                out.append(_Part(start, end, exact, open_end, words))
        return out


def _weight(words: list[_Word]) -> int:
    return sum(len(w[0]) + 1 for w in words)


# A cue's speech never ends more than this before the cue (a longer silence would have been
# a gap between the captions: it is merge_gap_interval's default, less a millisecond).
HELD_MAX_MS = 999


def _speaking_rate(cues: list[Cue], parts: list[list[_Part]]) -> float | None:
    """The file's median time per character (ms), over its cues."""
    rates = []
    for cue, cue_parts in zip(cues, parts, strict=True):
        if cue.start is None or cue.end is None or cue.end <= cue.start or not cue_parts:
            continue
        rates.append((cue.end - cue.start) / sum(_weight(p.words) for p in cue_parts))
    if not rates:
        return None
    rates.sort()
    return rates[(len(rates) - 1) // 2]


def _held(cue: Cue, following: Cue | None, cue_parts: list[_Part], rate: float | None) -> int:
    """How long a cue is held on screen after its words: the time beyond what its words
    take at the file's median rate, for a cue the next one follows without a gap (a
    caption is commonly held until the next: gaps closed, minimum durations), at most
    HELD_MAX_MS; 0 otherwise."""
    if (
        rate is None
        or following is None
        or following.start is None
        or cue.start is None
        or cue.end is None
        or following.start > cue.end
        or not cue_parts
        or not cue_parts[-1].open_end
    ):
        return 0
    needed = int(sum(_weight(p.words) for p in cue_parts) * rate)
    last = cue_parts[-1]
    held = min(HELD_MAX_MS, (cue.end - cue.start) - needed)
    if last.start is None or last.end is None or last.end - held < last.start + len(last.words):
        return 0
    return max(0, held)


def _windows(cue: Cue, runs: list[Run]) -> list[tuple[int | None, int | None, bool]]:
    """(start, end, timed by the file) of each run: a run's own times where it has them;
    otherwise from the end of the run before (or the cue's start) to the start of the next
    timed run (or the cue's end)."""
    out: list[tuple[int | None, int | None, bool]] = []
    previous_end = cue.start
    for k, run in enumerate(runs):
        start = run.start if run.start is not None else previous_end
        end = run.end
        if end is None:
            end = next((r.start for r in runs[k + 1 :] if r.start is not None), cue.end)
        out.append((start, end, run.start is not None))
        previous_end = end
    return out


def draft_of(cues: list[Cue], language: str | None = None) -> Draft:
    """The Draft of a caption file's cues (see the module docstring)."""
    draft = Draft(language=language, brackets_are_sounds=True)
    reader = _Reader(cues)
    parts = [reader.parts(cue) for cue in cues]
    rate = _speaking_rate(cues, parts)
    for k, (cue, cue_parts) in enumerate(zip(cues, parts, strict=True)):
        if not cue_parts:
            continue
        held = _held(cue, cues[k + 1] if k + 1 < len(cues) else None, cue_parts, rate)
        for n, part in enumerate(cue_parts):
            end = part.end
            if held and n == len(cue_parts) - 1 and end is not None:
                end -= held
            times = spread([w[0] for w in part.words], part.start, end)
            made_up = not (part.exact and len(part.words) == 1 and end == part.end)
            for j, (text, glue, speaker, turn) in enumerate(part.words):
                if turn:
                    draft.new_turn()
                s, e = times[j] if times else (None, None)
                draft.add(text, s, e, None, speaker, glue=glue, made_up=made_up)
        draft.end_unit()
    return draft


def clock(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> int:
    """A caption timestamp's parts → ms (the fraction is decimal: ``5`` is 500 ms)."""
    ms = (int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)) * 1000
    if fraction:
        ms += int((fraction + "00")[:3])
    return ms
