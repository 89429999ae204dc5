"""Word lists the transforms use: disfluencies, profanity, slang and regional spellings.

The packaged lists live in ``elementlist/data`` as text files (one entry a line, ``#``
comments; maps as tab-separated columns) and are loaded once. Pass your own with
``WordLists.default().with_files(...)`` or ``.with_words(...)``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources

from ..errors import Error

# Characters stripped from around a word before it is looked up in a word list.
WORD_EDGE_PUNCTUATION = "\"'`.,;:!?()[]{}<>«»‹›“”„‘’‚…–—-/\\*&^%$#@~|+=_"

SPELLING_CODES = ("A", "B", "Z", "U", "C")
# Column of the spelling table each replace_english_spelling code rewrites to.
_SPELLING_COLUMN = {"A": 0, "B": 1, "Z": 2, "U": 1, "C": 3}

PathLike = str | os.PathLike[str]
SpellingRow = tuple[str, str, str, str]


class WordListError(Error, ValueError):
    """A word list file that cannot be read as one."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = f"{source} line {line}: " if line is not None else (f"{source}: " if source else "")
        super().__init__(where + message)


@dataclass(frozen=True, eq=False, slots=True)
class WordLists:
    """The lists apply_transforms reads. Words are lower case.

    ``spelling`` maps each replace_english_spelling code (A, B, Z, U, C) to a dict from
    every other regional form of a word to that code's form.
    """

    disfluencies: frozenset[str] = frozenset()
    profanity: frozenset[str] = frozenset()
    slang: Mapping[str, str] = field(default_factory=dict)
    spelling: Mapping[str, Mapping[str, str]] = field(
        default_factory=lambda: {code: {} for code in SPELLING_CODES}
    )

    @classmethod
    def default(cls) -> WordLists:
        """The lists shipped in ``elementlist/data`` (loaded once, then cached)."""
        return _default_word_lists()

    @classmethod
    def empty(cls) -> WordLists:
        """No words in any list: every word-list option then changes nothing."""
        return cls()

    def with_files(
        self,
        *,
        disfluencies: PathLike | None = None,
        profanity: PathLike | None = None,
        slang: PathLike | None = None,
        spelling: PathLike | None = None,
    ) -> WordLists:
        """A copy with the given lists replaced by the contents of those files."""
        changes: dict[str, object] = {}
        if disfluencies is not None:
            changes["disfluencies"] = frozenset(_read_words(_read_path(disfluencies), disfluencies))
        if profanity is not None:
            changes["profanity"] = frozenset(_read_words(_read_path(profanity), profanity))
        if slang is not None:
            changes["slang"] = dict(_read_pairs(_read_path(slang), slang))
        if spelling is not None:
            changes["spelling"] = spelling_maps(_read_spelling(_read_path(spelling), spelling))
        return replace(self, **changes)  # type: ignore[arg-type]

    def with_words(
        self,
        *,
        disfluencies: Iterable[str] | None = None,
        profanity: Iterable[str] | None = None,
        slang: Mapping[str, str] | None = None,
        spelling: Iterable[Sequence[str]] | None = None,
    ) -> WordLists:
        """A copy with the given lists replaced (``spelling`` as rows of 2 or 4 forms)."""
        changes: dict[str, object] = {}
        if disfluencies is not None:
            changes["disfluencies"] = frozenset(w.strip().lower() for w in disfluencies)
        if profanity is not None:
            changes["profanity"] = frozenset(w.strip().lower() for w in profanity)
        if slang is not None:
            changes["slang"] = {k.strip().lower(): v for k, v in slang.items()}
        if spelling is not None:
            changes["spelling"] = spelling_maps(_complete_row(r, "spelling", 0) for r in spelling)
        return replace(self, **changes)  # type: ignore[arg-type]


def spelling_maps(rows: Iterable[SpellingRow]) -> dict[str, dict[str, str]]:
    """Rows of (american, british, oxford, canadian) → code → {other form: code's form}."""
    maps: dict[str, dict[str, str]] = {code: {} for code in SPELLING_CODES}
    for row in rows:
        for code, column in _SPELLING_COLUMN.items():
            target = row[column]
            table = maps[code]
            for form in row:
                if form != target:
                    table[form] = target
    return maps


@functools.cache
def _default_word_lists() -> WordLists:
    return WordLists(
        disfluencies=frozenset(_read_words(_packaged("disfluencies.txt"), "disfluencies.txt")),
        profanity=frozenset(_read_words(_packaged("profanity.txt"), "profanity.txt")),
        slang=dict(_read_pairs(_packaged("slang.tsv"), "slang.tsv")),
        spelling=spelling_maps(_read_spelling(_packaged("spelling.tsv"), "spelling.tsv")),
    )


def _packaged(name: str) -> str:
    return resources.files("elementlist.data").joinpath(name).read_text(encoding="utf-8")


def _read_path(path: PathLike) -> str:
    with open(path, encoding="utf-8-sig") as handle:
        return handle.read()


def _lines(text: str) -> Iterable[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, line


def _read_words(text: str, source: PathLike) -> list[str]:
    return [line.strip().lower() for _, line in _lines(text)]


def _read_pairs(text: str, source: PathLike) -> list[tuple[str, str]]:
    pairs = []
    for number, line in _lines(text):
        columns = line.rstrip("\r\n").split("\t")
        if len(columns) != 2 or not columns[0].strip() or not columns[1].strip():
            raise WordListError(
                f"expected two tab-separated columns, got {line.strip()!r}",
                source=os.fspath(source),
                line=number,
            )
        pairs.append((columns[0].strip().lower(), columns[1].strip()))
    return pairs


def _read_spelling(text: str, source: PathLike) -> list[SpellingRow]:
    rows = []
    for number, line in _lines(text):
        columns = [c.strip() for c in line.rstrip("\r\n").split("\t")]
        rows.append(_complete_row(columns, os.fspath(source), number))
    return rows


def _complete_row(columns: Sequence[str], source: str, line: int) -> SpellingRow:
    """(american, british) or (american, british, oxford, canadian); the two-column form
    uses the British spelling for Oxford and Canadian too."""
    forms = [c.strip().lower() for c in columns]
    if len(forms) == 2 and all(forms):
        return (forms[0], forms[1], forms[1], forms[1])
    if len(forms) == 4 and all(forms):
        return (forms[0], forms[1], forms[2], forms[3])
    raise WordListError(
        f"expected 2 or 4 tab-separated spellings (american, british, oxford, canadian), "
        f"got {list(columns)!r}",
        source=source,
        line=line if line else None,
    )
