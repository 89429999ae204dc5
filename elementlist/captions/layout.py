"""Captions from a cleaned TokenTable: prep → kernel → lines → timing.

``layout_captions(table, options)`` is the whole stage, in four steps, each its own module:

1. :mod:`.prepare` turns tokens into *units* (runs that never break apart) and a bit set per
   unit (:class:`~.units.UnitBit`) that says what the options demand, using what
   :mod:`.word_facts` knows of each word's text and :mod:`.long_words` for tokens wider than
   a line;
2. the kernel (:mod:`.layout_kernel`, or its compiled twin: :mod:`elementlist.kernels`
   chooses) gives each unit a :class:`~.units.UnitStart`: the caption and line breaks;
3. :mod:`.lines` joins the text of each line: :class:`~.model.SpokenCaptions`;
4. :func:`.timing.time_captions` sets the times.

Rules (what each option does here; docs/options.md carries the same text):

- Widths are grapheme clusters (``regex`` ``\\X``). A space goes between sequences
  (``SEQUENCE_START``) in spaced languages; never inside a sequence; in languages written
  without spaces, only around speaker markers.
- ``characters_per_caption_line`` and ``lines_per_caption`` are hard limits. A token wider
  than a line is cut into pieces of at most that many graphemes, glued without a space,
  its time shared in proportion to the graphemes (each piece at least 1 ms when the token
  lasts that many). A run of glued tokens wider than a line is cut where it must be. The
  only overrun of a line is ``disallow_dangling``: the unit that ends a sentence stays on
  the line before it rather than wrap alone (that line may then exceed the limit by that
  unit); a line or caption holding just the sentence's last word is avoided where any
  other layout exists.
- A cut token keeps to its own time. Its *run* (the token with what is glued to it: a
  speaker marker, a bracket, its punctuation) spans its first start to its last end, and
  every caption holding a line of it lasts at least 1 ms inside that span: where a line
  would last 0 ms, the span is shared among the run's lines in proportion to their
  graphemes. When the span has fewer ms than lines, no caption could hold a line and last
  1 ms: the run's lines are grouped into captions of their own, as few as the span allows,
  of ``lines_per_caption`` lines or more. This is the one exception to
  ``lines_per_caption``: a run of ``m`` lines over ``D`` ms gets captions of
  ``max(lines_per_caption, ceil(m / D))`` lines (all in one caption when ``D`` is 0), each
  an equal share of the span. Text is never dropped and the next word never pushed (a 1 MiB
  word over 500 ms: 500 captions of 50 lines, 1 ms each).
- Units: a line or caption may break before a sequence start (any token in unspaced
  languages) but never before closing punctuation (``, . ? ! ) 」`` …) and never between a
  speaker marker and the word after it.
- A caption must start at: a speaker change (the marker, or the segment's first token)
  when ``speaker_on_new_line`` or ``single_speaker_per_caption`` is true (the latter also
  splits wherever the speaker id changes); a gap between tokens longer than
  ``silence_max_ms``; a sound token that gets its own caption and the token after it
  (``sound_tokens_by_caption``: every sound; otherwise the tags in
  ``sound_tokens_by_caption_list``; and any sound longer than ``sound_threshold`` ms).
- ``caption_by_sentence``: a sentence (up to a token tagged ENDS_SENTENCE) starts a new
  caption, unless that would leave a caption with fewer than ``caption_words_min`` words
  (then it joins its neighbour, within the limits). Words and sounds count as words.
- When speakers may share a caption, each speaker change starts a new line (with
  ``lines_per_caption=1`` that means a new caption).
- ``sound_tokens_by_line`` / ``sound_tokens_by_line_list``: the sound gets a line of its
  own (a new line before and after it inside the caption).
- ``line_break_on_sentence``: a new line after every sentence end inside a caption.
- Caption boundaries are chosen, not filled: the kernel minimises a cost per caption
  (see :mod:`.layout_kernel`) that prefers durations near
  ``layout_target_caption_length_ms``, boundaries at sentence ends, clause ends and
  pauses, never after a no-break word, avoids captions longer than
  ``maximum_caption_duration``, and avoids captions whose fewest lines cannot all end
  clean (no break that keeps every line within the limit but one after a no-break word)
  where other captions cost less than twice a bad line break.
- Line breaks are chosen: the fewest lines that hold the caption, balanced (upper lines
  weigh a little more, and of layouts of equal cost the one with the longest last line
  wins: a bottom-heavy pyramid wins ties), preferring breaks after punctuation and never,
  where the limits leave a choice, after a word of ``data/no_break_after.txt`` (articles,
  prepositions, conjunctions, possessives, auxiliaries and their contractions), before
  "not" (``data/no_break_before.txt``), between a number and its unit
  (``data/units.txt``), between a common adjective and the content word after it
  (``data/common_adjectives.txt``), after the first of two capitalised words in
  mid-sentence (a name; not at a sentence start, nor after a word ending a sentence or
  clause), or after a speaker marker (:mod:`.word_facts`).
- Caption times: first token start to last token end (a speaker marker takes the time of
  the word after it); then :func:`.timing.time_captions`.
"""

from __future__ import annotations

from typing import Any

from .. import kernels
from ..heap import LARGE_TOKENS, release_free_memory
from ..options.classes import CaptionOptions
from ..table.token_table import TokenTable
from . import layout_kernel
from .lines import spoken_captions
from .model import Caption
from .prepare import kernel_arguments, prepare_layout
from .timing import time_captions

# The compiled layout kernel, or its pure twin (kernels.py decides for every kernel).
_kernel: Any = kernels.compiled("_layout") or layout_kernel


def layout_captions(table: TokenTable, options: CaptionOptions) -> list[Caption]:
    """Lay ``table`` out as captions under ``options``, timing included."""
    prepared = prepare_layout(table, options)
    del table  # each step's input goes once the next has what it needs (issue 11)
    if not prepared.text:
        return []
    codes = _kernel.layout_units(*kernel_arguments(prepared, options))
    if len(prepared.text) >= LARGE_TOKENS:  # what the stages before freed, before the captions
        release_free_memory()
    spoken = spoken_captions(prepared, codes, options)
    del prepared, codes
    return time_captions(spoken, options)


__all__ = ["layout_captions"]
