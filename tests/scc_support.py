"""SCC in the tests: a lint of the bytes we write, and two decoders that are not ours.

- :func:`lint` checks a file against the rules of scc.md on its own (it shares no code with
  the writer): the header and block shape, odd parity on every byte, every code pair sent
  exactly twice in a row, every two-byte code on a pair boundary (no word mixes a text
  byte and a code byte; a lone text byte padded with 0x00 → ``80``), time codes valid for
  the rate (drop-frame labels 00 and 01 skipped each minute except every tenth), going
  forward, and no two pairs on one frame.
- :func:`read_ttconv` decodes with ttconv's SCC reader (``ttconv.scc.reader.to_model``).
  ttconv reads every time code as 29.97 fps (drop-frame with ``;``), whatever the file's
  rate, and dates each pair at its own frame (the line's time code plus its index), so a
  pop-on caption starts at its EOC. We turn its seconds back into frame numbers
  (× 30000/1001, exact), which are the frame numbers of our file at every rate.
- :func:`read_ffmpeg` decodes with FFmpeg (``ffmpeg -i in.scc -c:s text -f srt -``: the
  ``scc`` demuxer and the ``cc_dec`` 608 decoder). FFmpeg reads a time code as
  ``hh:mm:ss`` plus ``ff × 33`` ms at every rate and separator, and gives every pair of a
  line the line's time: we turn its milliseconds back into the time code it read, and that
  into our frame number. Its decoder dates a caption from the screen change before it: for
  pop-on that is the EOC (on a line of its own in our files), for roll-up the CR (same), for
  paint-on the erase two frames before the first preamble address code.

Decoders differ in how they print a few characters: FFmpeg prints the standard apostrophe
0x27 as ’ and leading cells as ``\\h``; ttconv prints 0x13 0x2C (^) as ʌ. :func:`plain`
undoes that. FFmpeg also drops every repeat of an identical pair (not only the redundant
copy), so ``♪♪`` shows once there; :func:`plain` with ``collapse`` folds such runs.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import srt
from hypothesis import strategies as st

HEADER = "Scenarist_SCC V1.0"
_BLOCK = re.compile(r"(\d{2}):(\d{2}):(\d{2})([:;])(\d{2})\t([0-9a-f]{4}(?: [0-9a-f]{4})*)")


@dataclass(frozen=True)
class Block:
    frame: int
    label: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Decoded:
    """One cue as a decoder shows it: frames (of our file) and its rows of text."""

    start: int
    end: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


# --- time codes (SMPTE 12M, written here again on purpose) -----------------------------


def frame_of(label: str, rate: str) -> int:
    """Our frame number of an SCC time code at ``rate`` (``29.97df``, ``29.97ndf``, ``30``)."""
    hh, mm, ss, ff = (int(x) for x in re.split("[:;]", label))
    count = ((hh * 60 + mm) * 60 + ss) * 30 + ff
    if rate == "29.97df":
        minutes = hh * 60 + mm
        count -= 2 * minutes - 2 * (minutes // 10)
    return count


def seconds_of(frame: int, rate: str) -> Fraction:
    return Fraction(frame, 30) if rate == "30" else Fraction(frame * 1001, 30000)


# --- the lint -------------------------------------------------------------------------


def parse(text: str, rate: str) -> list[Block]:
    """The blocks of a file, checking its shape (header, blank lines, block lines)."""
    assert text.startswith(HEADER + "\n\n"), f"no SCC header: {text[:40]!r}"
    assert text.endswith("\n") and not text.endswith("\n\n\n"), "bad end of file"
    body = text[len(HEADER) + 2 :].rstrip("\n")
    blocks = []
    for line in body.split("\n\n") if body else []:
        match = _BLOCK.fullmatch(line)
        assert match, f"not an SCC block line: {line[:60]!r}"
        label = line.split("\t")[0]
        separator = match.group(4)
        assert separator == (";" if rate == "29.97df" else ":"), f"{label}: wrong separator"
        mm, ss, ff = (int(match.group(i)) for i in (2, 3, 5))
        assert mm < 60 and ss < 60 and ff < 30, f"{label}: not a time code"
        if rate == "29.97df":
            assert not (ss == 0 and ff < 2 and mm % 10), f"{label}: a dropped label"
        blocks.append(Block(frame_of(label, rate), label, tuple(match.group(6).split(" "))))
    return blocks


def _odd(byte: int) -> bool:
    return bin(byte).count("1") % 2 == 1


def lint(text: str, rate: str) -> list[Block]:
    """Every rule of the module docstring; returns the blocks. AssertionError names the
    first broken rule and where."""
    blocks = parse(text, rate)
    for before, after in itertools.pairwise(blocks):
        assert before.frame + len(before.words) <= after.frame, (
            f"{after.label}: starts before the {len(before.words)} pairs of {before.label} "
            "are sent (time codes go backwards or two pairs share a frame)"
        )
    stream = [(b.label, w) for b in blocks for w in b.words]
    run_word, run = "", 0
    for label, word in [*stream, ("end", "")]:
        if word and word == run_word:
            run += 1
            continue
        if run_word and _is_code(run_word):
            assert run == 2, f"{label}: code {run_word} sent {run} time(s) in a row, not twice"
        run_word, run = word, 1
        if not word:
            break
        first, second = int(word[:2], 16), int(word[2:], 16)
        assert _odd(first) and _odd(second), f"{label}: {word} has a byte of even parity"
        hi, lo = first & 0x7F, second & 0x7F
        if hi == 0:
            assert lo == 0, f"{label}: {word}: padding before a byte"
        elif 0x10 <= hi <= 0x1F:
            assert 0x20 <= lo <= 0x7F, f"{label}: {word}: a code with a bad second byte"
        else:
            assert hi >= 0x20, f"{label}: {word}: a control byte that is not a code"
            assert lo == 0 or lo >= 0x20, f"{label}: {word}: a code byte in a text pair"
    return blocks


def _is_code(word: str) -> bool:
    return 0x10 <= int(word[:2], 16) & 0x7F <= 0x1F


# --- the decoders ---------------------------------------------------------------------


def read_ttconv(text: str) -> list[Decoded]:
    """ttconv's reading of an SCC file, as cues in our frames."""
    import ttconv.model as model
    from ttconv.scc.reader import to_model

    def text_of(element: object) -> str:
        if isinstance(element, model.Text):
            return str(element.get_text())
        if isinstance(element, model.Br):
            return "\n"
        return "".join(text_of(child) for child in element)  # type: ignore[attr-defined]

    cues = []
    document = to_model(text)
    for div in document.get_body():
        for p in div:
            begin, end = p.get_begin(), p.get_end()
            lines = tuple(text_of(p).split("\n"))
            cues.append(Decoded(_ttconv_frame(begin), _ttconv_frame(end), lines))
    return cues


def _ttconv_frame(seconds: Fraction | None) -> int:
    if seconds is None:
        return -1
    return round(Fraction(seconds) * Fraction(30000, 1001))


def read_ffmpeg(text: str, rate: str, ffmpeg: str = "ffmpeg") -> list[Decoded]:
    """FFmpeg's reading of an SCC file (its SRT output), as cues in our frames."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.scc"
        path.write_text(text, encoding="utf-8")
        done = subprocess.run(
            [ffmpeg, "-nostdin", "-v", "error", "-i", str(path), "-c:s", "text", "-f", "srt", "-"],
            capture_output=True,
            check=True,
        )
    cues = []
    for cue in srt.parse(done.stdout.decode("utf-8")):
        start = _ffmpeg_frame(cue.start.total_seconds(), rate)
        end = _ffmpeg_frame(cue.end.total_seconds(), rate)
        lines = tuple(line.replace("\\h", " ").strip() for line in cue.content.split("\n"))
        cues.append(Decoded(start, end, lines))
    return cues


def _ffmpeg_frame(seconds: float, rate: str) -> int:
    ms = round(seconds * 1000)
    whole, rest = divmod(ms, 1000)
    ff = round(rest / 33)
    hh, remainder = divmod(whole, 3600)
    mm, ss = divmod(remainder, 60)
    return frame_of(f"{hh:02d}:{mm:02d}:{ss:02d}:{ff:02d}", rate)


# --- text as decoders print it --------------------------------------------------------

_DECODER_SPELLINGS = str.maketrans({"’": "'", "ʌ": "^", "\u00a0": " "})
_REPEATED_CODE_CHARACTER = re.compile(r"([^ -~])\1+")


def plain(text: str, *, collapse: bool = False) -> str:
    """Decoded text with the decoders' own spellings undone and no spaces (the characters
    in order); ``collapse`` folds runs of one non-ASCII character (FFmpeg's repeats)."""
    text = text.translate(_DECODER_SPELLINGS)
    if collapse:
        text = _REPEATED_CODE_CHARACTER.sub(r"\1", text)
    return "".join(text.split())


def join_paint_on(cues: list[Decoded]) -> list[Decoded]:
    """ttconv starts a new cue at each preamble address code of a paint-on caption: one
    cue per caption again (a cue that begins where the one before ended and holds its text
    continues it)."""
    joined: list[Decoded] = []
    for cue in cues:
        if joined:
            last = joined[-1]
            if last.end == cue.start and cue.text.startswith(last.text):
                joined[-1] = Decoded(last.start, cue.end, cue.lines)
                continue
        joined.append(cue)
    return joined


# --- dense documents --------------------------------------------------------------------


@st.composite
def dense_documents(draw: st.DrawFn) -> dict[str, Any]:
    """ElementLists with dense ASR timing: runs of 200 ms words, one-word sentences
    before long ones (short-then-long captions), long sentences, small and no gaps."""
    words = ["the", "kitchen", "Élan", "naïve", "yes", "simmer", "x", "okay", "onions", "—"]
    t = draw(st.integers(0, 3000))
    segments = []
    for _ in range(draw(st.integers(1, 14))):
        t += draw(st.sampled_from([0, 0, 40, 200, 900, 2500]))
        start = t
        n = draw(st.sampled_from([1, 1, 2, 8, 25, 60]))
        step = draw(st.sampled_from([200, 200, 120, 300]))
        sequences = []
        for i in range(n):
            word = draw(st.sampled_from(words))
            tokens = [_token(t, t + step, word.lower(), "word", word)]
            if i == n - 1:
                tokens.append(_token(t + step, t + step, ".", "punctuation", "."))
            sequences.append({"start_time": t, "end_time": t + step, "tokens": tokens})
            t += step
        segments.append(
            {"start_time": start, "end_time": t, "sequences": sequences, "speaker_change": False}
        )
    return {"version": 3, "segments": segments, "start_time": 0, "end_time": t + 500}


def _token(start: int, end: int, value: str, kind: str, display: str) -> dict[str, Any]:
    tags = ["ENDS_SENTENCE"] if kind == "punctuation" else []
    return {"start_time": start, "end_time": end, "value": value, "type": kind,
            "display_as": display, "tags": tags, "interpolated": False}  # fmt: skip
