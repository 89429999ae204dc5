"""How readable captions are, ours and the peers' ways, from the same words (issue 14).

Run: ``python benchmarks/quality.py [--markdown]``. Every document is a real one: the
ElementLists of ``../shared/reference/samples/`` and every speech-to-text output of
``../shared/reference/asr-samples/`` (through our importers). Each way of making captions
gets the same words and times; ``elementlist check --profile netflix-en --source`` (the
document) measures them all:

* the share of cues read faster than 20 characters a second (TOO-FAST), and of those the
  ones the speech allowed to be slower (check's ``too_fast_unavoidable`` subtracted: held
  from their first word to the next cue's, they would still be too fast),
* shorter than 5/6 s (TOO-SHORT), and of those the ones the speech allowed to be longer
  (check's ``too_short_unavoidable`` subtracted: the fewest cues that must be short however
  the time is shared with every cue started within the sync tolerance of its first word),
* longer than 7 s (TOO-LONG),
* the share of line breaks inside a cue that leave a line on a function word (BAD-LINE-BREAK).

Then, for every built-in profile, our captions made with ``caption_profile`` set to it and
checked against it (with the document as ``--source``): every breach by code, and of the
reading speed, minimum duration and line breaks how many the speech or the grid forces
(check's ``too_fast_unavoidable``, ``too_short_unavoidable``,
``bad_line_break_unavoidable``).

The ways: ours at cielo24's defaults and with ``caption_profile=netflix-en``; a greedy fill
of 42 × 2 (lines filled word by word, a new caption when two are full); seven words a
caption (the hand-written script of peers.py); deepgram-captions (its ``srt`` at 42
characters a line); pysubs2's own Whisper segments, for the Whisper-shaped sample.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import elementlist as el  # noqa: E402
from elementlist.importers import detect_format  # noqa: E402
from elementlist.quality import PROFILES  # noqa: E402
from elementlist.quality.report import CODES  # noqa: E402

SHARED = HERE.parent.parent / "shared" / "reference"
PROFILE = "netflix-en"
Word = tuple[int, int, str]  # start ms, end ms, text with its punctuation


def documents() -> Iterator[tuple[str, Path]]:
    for path in sorted((SHARED / "samples").glob("*.json")):
        yield "ElementList", path
    for path in sorted((SHARED / "asr-samples").glob("*.json")):
        yield "speech-to-text", path


def spoken_words(doc: el.ElementList) -> list[Word]:
    """Each sequence as one word: its tokens' text joined (punctuation attached)."""
    out: list[Word] = []
    for segment in doc.segments:
        for sequence in segment.sequences:
            tokens = [t for t in sequence.tokens if t.value.strip()]
            if not tokens:
                continue
            text = "".join(t.display_as or t.value for t in tokens)
            if text.startswith("[") and text.endswith("]"):
                continue  # a sound: no peer shows it
            out.append((tokens[0].start_time, tokens[-1].end_time, text))
    return out


def _ts(ms: int) -> str:
    h, rest = divmod(max(ms, 0), 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def srt_of(cues: list[tuple[int, int, list[str]]]) -> str:
    blocks = [
        f"{n}\n{_ts(a)} --> {_ts(max(b, a + 1))}\n" + "\n".join(lines) + "\n"
        for n, (a, b, lines) in enumerate(cues, 1)
    ]
    return "\n".join(blocks)


def greedy_fill(words: list[Word], width: int = 42, rows: int = 2) -> str:
    cues: list[tuple[int, int, list[str]]] = []
    lines: list[str] = []
    start = end = 0
    for a, b, text in words:
        if lines and len(lines[-1]) + 1 + len(text) <= width:
            lines[-1] += " " + text
        elif lines and len(lines) < rows:
            lines.append(text)
        else:
            if lines:
                cues.append((start, end, lines))
            lines, start = [text], a
        end = b
    if lines:
        cues.append((start, end, lines))
    return srt_of(cues)


def seven_words(words: list[Word]) -> str:
    cues = [
        (chunk[0][0], chunk[-1][1], [" ".join(w[2] for w in chunk)])
        for chunk in (words[i : i + 7] for i in range(0, len(words), 7))
    ]
    return srt_of(cues)


def deepgram_captions(words: list[Word]) -> str:
    from deepgram_captions import DeepgramConverter, srt

    listed = [
        {"word": t.lower(), "punctuated_word": t, "start": a / 1000, "end": b / 1000}
        for a, b, t in words
    ]
    response = {
        "metadata": {},
        "results": {"channels": [{"alternatives": [{"transcript": "x", "words": listed}]}]},
    }
    return str(srt(DeepgramConverter(response), line_length=42))


def pysubs2_whisper(path: Path) -> str | None:
    import pysubs2

    tree = orjson.loads(path.read_bytes())
    if not (isinstance(tree, dict) and isinstance(tree.get("segments"), list)):
        return None
    segments = tree["segments"]
    if not segments or not all("start" in s and "text" in s for s in segments):
        return None
    return str(pysubs2.load_from_whisper(tree).to_string("srt"))


Way = Callable[[el.ElementList, list[Word], Path], "str | el.Captions | None"]
WAYS: dict[str, Way] = {
    "elementlist, defaults": lambda doc, words, path: el.captions(doc),
    "elementlist, caption_profile=netflix-en": lambda doc, words, path: el.captions(
        doc, caption_profile=PROFILE
    ),
    "greedy fill 42 × 2": lambda doc, words, path: greedy_fill(words),
    "seven words a caption": lambda doc, words, path: seven_words(words),
    "deepgram-captions": lambda doc, words, path: deepgram_captions(words),
    "pysubs2 Whisper segments": lambda doc, words, path: pysubs2_whisper(path),
}


def line_breaks(captions: str | el.Captions) -> int:
    if isinstance(captions, el.Captions):
        return sum(len(c.lines) - 1 for c in captions)
    from elementlist.quality.cues import read_cues

    return sum(max(len(cue.lines) - 1, 0) for cue in read_cues(captions.encode(), "srt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print the README's table")
    args = parser.parse_args()
    totals: dict[str, Counter[str]] = {name: Counter() for name in WAYS}
    used: Counter[str] = Counter()
    warnings.simplefilter("ignore")  # our reading-speed count is in the table
    for kind, path in documents():
        doc = el.load(path)
        words = spoken_words(doc)
        if len(words) < 2:
            continue
        used[kind if kind == "ElementList" else detect_format(path.read_bytes())] += 1
        for name, way in WAYS.items():
            made = way(doc, words, path)
            if made is None:
                continue
            report = el.check(  # the spoken words: "unavoidable" from when each was said
                made, PROFILE, doc, format=None if isinstance(made, el.Captions) else "srt"
            )
            total = totals[name]
            total["documents"] += 1
            total["cues"] += report.summary.cues
            total["breaks"] += line_breaks(made)
            total.update(report.summary.breaches)
            total["unavoidable"] += report.summary.too_fast_unavoidable
            total["short unavoidable"] += report.summary.too_short_unavoidable
    print_table(totals, used, markdown=args.markdown)
    print()
    print_profiles(profile_totals(), markdown=args.markdown)


FORCED = {  # a code, and the summary field that counts how many of it are forced
    "TOO-FAST": "too_fast_unavoidable",
    "TOO-SHORT": "too_short_unavoidable",
    "BAD-LINE-BREAK": "bad_line_break_unavoidable",
}


def profile_totals() -> dict[str, Counter[str]]:
    """Per profile: our captions made for it over every document, checked against it."""
    out: dict[str, Counter[str]] = {}
    for name in PROFILES:
        total: Counter[str] = Counter()
        for _kind, path in documents():
            doc = el.load(path)
            if len(spoken_words(doc)) < 2:
                continue
            summary = el.check(el.captions(doc, caption_profile=name), name, doc).summary
            total["documents"] += 1
            total["cues"] += summary.cues
            total.update(summary.breaches)
            for code, field in FORCED.items():
                total[f"{code} forced"] += getattr(summary, field)
        out[name] = total
    return out


def print_profiles(totals: dict[str, Counter[str]], *, markdown: bool) -> None:
    head = ["caption_profile (checked with it)", "documents", "cues", "too fast (forced)",
            "too short (forced)", "bad line breaks (forced)", "other breaches"]  # fmt: skip
    rows = []
    for name, t in totals.items():
        cells = [f"{t[code]} ({t[f'{code} forced']})" for code in FORCED]
        other = [f"{t[code]} {code}" for code in CODES if code not in FORCED and t[code]]
        shown = ", ".join(other) or "none"
        rows.append([name, str(t["documents"]), str(t["cues"]), *cells, shown])
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for row in [head, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))


def _share(count: int, whole: int) -> str:
    return f"{100 * count / whole:.1f}%" if whole else "—"


def print_table(totals: dict[str, Counter[str]], used: Counter[str], *, markdown: bool) -> None:
    head = ["way", "documents", "cues", "> 20 cps", "of which avoidable", "< 5/6 s",
            "of which avoidable", "> 7 s", "function-word line ends"]  # fmt: skip
    rows = [
        [
            name,
            str(t["documents"]),
            str(t["cues"]),
            _share(t["TOO-FAST"], t["cues"]),
            _share(t["TOO-FAST"] - t["unavoidable"], t["cues"]),
            _share(t["TOO-SHORT"], t["cues"]),
            _share(t["TOO-SHORT"] - t["short unavoidable"], t["cues"]),
            _share(t["TOO-LONG"], t["cues"]),
            _share(t["BAD-LINE-BREAK"], t["breaks"]),
        ]
        for name, t in totals.items()
        if t["documents"]
    ]
    sources = ", ".join(f"{n} {k}" for k, n in sorted(used.items()))
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        print(f"\nDocuments: {sources}.")
        return
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for row in [head, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    print(f"documents: {sources}")


if __name__ == "__main__":
    main()
