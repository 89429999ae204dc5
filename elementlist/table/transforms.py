"""Token transforms shared by captions and transcripts: one implementation, one order.

``apply_transforms(table, options)`` returns a new TokenTable (the input is never changed):

0. text clean-up (:mod:`~elementlist.table.clean`, the rule in
   :mod:`~elementlist.table.text`): line breaks and tabs become spaces, controls go, in
   every token's text, speaker name and sound tag; a token left blank by it is dropped (its
   flags move as removal moves them)
1. sound removal (``remove_sound_references`` / ``remove_sounds_list``) and
2. ``remove_disfluencies``, with punctuation and capital-letter repair
   (:mod:`~elementlist.table.removal`)
3. ``replace_slang``  4. ``replace_english_spelling``  5. ``mask_profanity``
   (:mod:`~elementlist.table.rewriting`)
6. sound display between ``sound_boundaries``  7. ``strip_square_brackets`` (captions)
8. ``force_case`` (captions) (:mod:`~elementlist.table.display`)
9. speaker-change marker tokens of kind SPEAKER (:mod:`~elementlist.table.speaker_markers`)

Steps 7 and 8 apply to the marker text too. docs/options.md describes each step and the
decisions taken where cielo24 is silent. After step 0 every later step only ever sees and
makes clean text (options that add text are checked when they are made, word-list
replacements are cleaned), so no writer is handed a line break it did not make. The work
is done on the numpy columns; Python loops touch only the tokens a step changes, with set
and dict look-ups.
"""

from __future__ import annotations

from ..options.classes import CaptionOptions, TranscriptOptions
from .clean import clean_table
from .display import force_case, show_sounds, strip_square_brackets
from .removal import removal_mask, remove_tokens
from .rewriting import rewrite_words, word_rewriter
from .speaker_markers import insert_speaker_markers
from .token_table import TokenTable
from .wordlists import WordLists

Options = CaptionOptions | TranscriptOptions


def apply_transforms(
    table: TokenTable, options: Options, word_lists: WordLists | None = None
) -> TokenTable:
    """Apply every transform ``options`` asks for, in the documented order."""
    table = clean_table(table)
    if len(table) == 0:
        return table
    lists = word_lists if word_lists is not None else WordLists.default()
    table = remove_tokens(table, removal_mask(table, options, lists))
    rewrite = word_rewriter(options, lists)
    if rewrite is not None:
        table = rewrite_words(table, rewrite)
    if not options.remove_sound_references:  # else the removal left no sound to show
        table = show_sounds(table, options.sound_boundaries)
    strip = bool(getattr(options, "strip_square_brackets", False))
    if strip:
        table = strip_square_brackets(table)
    case = str(getattr(options, "force_case", ""))
    table = insert_speaker_markers(table, options, strip=strip, case=case)
    if case:
        table = force_case(table, case)
    return table
