"""The format's vocabulary: token kinds, the sound tags, and the name of a sound.

Each rule is stated here once. The model (``Token.kind``), the validator, both TokenTable
builders and the compiled scanner read it from here; the Cython kernels share the numbers
through ``src_ext/token_constants.pxd``, which tests/test_constants.py holds equal to
these.
"""

from __future__ import annotations

from enum import IntEnum


class TokenKind(IntEnum):
    """What a token is: the numbers of the format's integer ``type`` (0 word, 1 punctuation,
    2 sound), plus the two the TokenTable's kind column adds."""

    UNKNOWN = -1  # a ``type`` the format does not define (validate reports it)
    WORD = 0
    PUNCTUATION = 1
    SOUND = 2
    SPEAKER = 3  # a speaker-change marker the transforms insert; never in a document


# ``type`` as a name, any case: its position here is its number.
TOKEN_TYPE_NAMES = ("word", "punctuation", "sound")
KIND_BY_TYPE_NAME: dict[str, TokenKind] = {
    name: TokenKind(number) for number, name in enumerate(TOKEN_TYPE_NAMES)
}
# Every ``type`` value the format defines, as written in real data (the names lower-case),
# with its kind: a quick look-up for code that has checked ``type(value)`` is str or int
# (True == 1 as a dict key, so the check must come first).
KIND_BY_TYPE: dict[str | int, TokenKind] = {
    key: kind for name, kind in KIND_BY_TYPE_NAME.items() for key in (name, int(kind))
}


def token_kind(type_: object) -> TokenKind:
    """The kind of a token's ``type``: a name in any case or 0/1/2; UNKNOWN for anything else
    (``True`` included, though Python counts it as 1)."""
    if isinstance(type_, str):
        return KIND_BY_TYPE_NAME.get(type_.lower(), TokenKind.UNKNOWN)
    if isinstance(type_, bool) or type_ not in (0, 1, 2):
        return TokenKind.UNKNOWN
    return TokenKind(type_)


# The tag that marks the last token of a sentence.
ENDS_SENTENCE = "ENDS_SENTENCE"

# The Sound Tag enumeration (reference/enums.md), ENDS_SENTENCE among them, plus SOUND,
# which is in no enumeration but in cielo24's own example on ``[SOUND]`` tokens.
SOUND_TAGS = (
    "UNKNOWN",
    "INAUDIBLE",
    "CROSSTALK",
    "MUSIC",
    "NOISE",
    "LAUGH",
    "COUGH",
    "FOREIGN",
    "BLANK_AUDIO",
    "APPLAUSE",
    "BLEEP",
    ENDS_SENTENCE,
    "SOUND",
)
KNOWN_TAGS = frozenset(SOUND_TAGS)

# What an untagged sound is called when its value names nothing: "[]" or "".
UNNAMED_SOUND = "UNKNOWN"
_SOUND_VALUE_EDGES = "[]{}() "


def untagged_sound_name(value: str) -> str:
    """The name of a sound token without a tag, from its value: ``"[music]"`` → ``MUSIC``
    (brackets and spaces stripped, upper-cased), ``"[]"`` → ``UNKNOWN``."""
    return value.strip(_SOUND_VALUE_EDGES).upper() or UNNAMED_SOUND
