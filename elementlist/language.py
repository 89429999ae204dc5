"""The document's language as the formats want it: a BCP 47 tag and a display name.

cielo24 data carries ``EN_US`` as often as ``en-US`` or ``en``; DFXP (``xml:lang``) and SAMI
(``lang:``) want BCP 47. An empty language becomes ``und`` (BCP 47 "undetermined").
"""

from __future__ import annotations

import re

UNDETERMINED = "und"

_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}")

# English names of common languages, for SAMI's ``Name:``; others show their tag.
_NAMES: dict[str, str] = {
    "ar": "Arabic",
    "cmn": "Mandarin Chinese",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "it": "Italian",
    "ja": "Japanese",
    "jp": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "sv": "Swedish",
    "tr": "Turkish",
    "und": "Undetermined",
    "zh": "Chinese",
}


def bcp47(language: str) -> str:
    """``EN_US`` → ``en-US``, ``zh_hans_cn`` → ``zh-Hans-CN``, ``""`` → ``und``.

    Case follows BCP 47's conventions (language lower, script title, region upper). A value
    that is not made of BCP 47 subtags becomes ``und`` rather than an invalid attribute.
    """
    parts = [p for p in re.split(r"[-_\s]+", language.strip()) if p]
    if not parts or not all(_SUBTAG.fullmatch(p) for p in parts):
        return UNDETERMINED
    if not parts[0].isalpha():
        return UNDETERMINED
    out = [parts[0].lower()]
    for index, part in enumerate(parts[1:], start=1):
        if len(part) == 4 and part.isalpha() and index == 1:
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def display_name(tag: str) -> str:
    """An English name for a BCP 47 tag's primary language, else the tag itself."""
    return _NAMES.get(tag.split("-", 1)[0].lower(), tag)
