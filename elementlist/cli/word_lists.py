"""``--disfluencies``, ``--profanity``, ``--slang``: your own word lists, for every command
that renders (caption, batch)."""

from __future__ import annotations

import argparse

from ..table.wordlists import WordLists

_FILES = ("disfluencies", "profanity", "slang")


def add_word_list_arguments(parser: argparse.ArgumentParser) -> None:
    words = parser.add_argument_group("word lists (one entry a line; slang as TAB-separated pairs)")
    words.add_argument("--disfluencies", metavar="FILE", help="your own disfluency list")
    words.add_argument("--profanity", metavar="FILE", help="your own profanity list")
    words.add_argument("--slang", metavar="FILE", help="your own slang replacements")


def word_lists_from(args: argparse.Namespace) -> WordLists | None:
    """The default word lists with the files given in their place; None when none is."""
    files = {name: getattr(args, name) for name in _FILES}
    if not any(files.values()):
        return None
    return WordLists.default().with_files(**{k: v for k, v in files.items() if v})
