"""What an importer fills: a :class:`Draft`, one *piece* per word or punctuation mark as
the source gives it, in the source's order (see :mod:`elementlist.importers.build` for what
becomes of it), and the helpers importers share to fill one."""

from __future__ import annotations

from collections.abc import Iterable

# piece kinds
WORD = 0
PUNCTUATION = 1
SOUND = 2

# glue bits of a piece
GLUE_PREVIOUS = 1  # no space before: the piece continues the one before it
GLUE_NEXT = 2  # no space after: the next piece continues this one


class Draft:
    """The pieces an importer read, in order (parallel lists, one entry per piece)."""

    __slots__ = (
        "brackets_are_sounds",
        "confidence",
        "end",
        "glue",
        "kind",
        "language",
        "made_up",
        "sentence_ends",
        "speaker",
        "start",
        "text",
        "turns",
        "unit_ends",
    )

    def __init__(self, *, language: str | None = None, brackets_are_sounds: bool = False) -> None:
        self.text: list[str] = []
        self.start: list[int | None] = []
        self.end: list[int | None] = []
        self.confidence: list[float | None] = []
        self.speaker: list[str | None] = []
        self.kind: list[int] = []
        self.glue: list[int] = []
        self.made_up: list[bool] = []
        self.sentence_ends: set[int] = set()  # a sentence ends after these pieces (the source says)
        self.unit_ends: set[int] = set()  # one of the source's units ends after these pieces
        self.turns: set[int] = set()  # a new speaker (without a label) starts at these pieces
        self.language = language
        self.brackets_are_sounds = brackets_are_sounds

    def __len__(self) -> int:
        return len(self.text)

    def add(
        self,
        text: str,
        start: int | None,
        end: int | None,
        confidence: float | None = None,
        speaker: str | None = None,
        kind: int = WORD,
        glue: int = 0,
        made_up: bool = False,
    ) -> None:
        """One piece: ``text`` as the source writes it, its times in ms (None: unknown)."""
        self.text.append(text)
        self.start.append(start)
        self.end.append(end)
        self.confidence.append(confidence)
        self.speaker.append(speaker)
        self.kind.append(kind)
        self.glue.append(glue)
        self.made_up.append(made_up)

    def add_columns(
        self,
        text: list[str],
        start: list[int | None],
        end: list[int | None],
        confidence: list[float | None],
        speaker: list[str | None],
        kind: list[int],
        glue: list[int],
        made_up: list[bool],
    ) -> None:
        """Pieces given column by column (as many in each): the lists themselves become the
        draft's while it has none (they are the draft's from then on), else extend them."""
        if not self.text:
            self.text, self.start, self.end, self.confidence = text, start, end, confidence
            self.speaker, self.kind, self.glue, self.made_up = speaker, kind, glue, made_up
            return
        self.text.extend(text)
        self.start.extend(start)
        self.end.extend(end)
        self.confidence.extend(confidence)
        self.speaker.extend(speaker)
        self.kind.extend(kind)
        self.glue.extend(glue)
        self.made_up.extend(made_up)

    def end_sentence(self) -> None:
        """The source says a sentence ends after the last piece added."""
        if self.text:
            self.sentence_ends.add(len(self.text) - 1)

    def end_unit(self) -> None:
        """One of the source's units (segment, utterance, result, cue) ends here."""
        if self.text:
            self.unit_ends.add(len(self.text) - 1)

    def new_turn(self) -> None:
        """The next piece starts a new speaker's turn (a speaker without a label)."""
        self.turns.add(len(self.text))


def spread(texts: list[str], start: int | None, end: int | None) -> list[tuple[int, int]] | None:
    """Times for ``texts`` said one after the other in ``[start, end]``, in proportion to
    their length in characters (the interpolation inside a Whisper segment without word
    times or a caption cue); None when the span is not usable."""
    if start is None or end is None or end <= start or not texts:
        return None
    weights = [len(t) + 1 for t in texts]
    total = sum(weights)
    span = end - start
    out = []
    acc = 0
    previous = start
    for w in weights:
        acc += w
        stop = start + (span * acc) // total
        out.append((previous, stop))
        previous = stop
    return out


def last_pieces_before(starts: list[int | None], boundaries: Iterable[int]) -> set[int]:
    """For each boundary time (a sentence's or an utterance's end, from the source), the
    index of the last piece starting before it: the piece after which that unit ends.
    ``starts`` must be in time order (pieces without a start belong with the one before)."""
    marks: set[int] = set()
    times = sorted(boundaries)
    i = -1
    n = len(starts)
    for boundary in times:
        while i + 1 < n:
            s = starts[i + 1]
            if s is not None and s >= boundary:
                break
            i += 1
        if i >= 0:
            marks.add(i)
    return marks
