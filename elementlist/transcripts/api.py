"""get_transcript: an ElementList as a timecoded transcript, plain text or HTML.

decode → :func:`~elementlist.table.build.build_token_table` →
:func:`~elementlist.table.transforms.apply_transforms` (the transforms captions use too) →
:func:`~.layout.layout_transcript` (paragraphs, timecodes, line breaks) →
:func:`~.text.render_text` or :func:`~.html.render_html`.

The layout is a list of :class:`~.model.Paragraph`; both renderers read only that, so the text and
the HTML always hold the same words in the same paragraphs. docs/transcripts.md gives every
rule with examples; in short:

* Words are joined with a space before each sequence in spaced languages, with nothing in
  languages written without spaces (ja, zh, th …).
* ``create_paragraphs``: a speaker change always starts a paragraph; a long turn is split by
  :class:`~.paragraphs.ParagraphRule`. Paragraphs are separated by
  ``newlines_after_paragraph`` newlines.
  Off: there are no paragraphs, and the text breaks only at ``timecode_interval`` timecodes
  and by ``newlines_after_sentence``.
* A paragraph's timecode (``timecode_every_paragraph``) stands on its own line before its
  text, as in cielo24's example response ``[00:00:01]\\nFirst line of text.``.
* ``timecode_interval``: a timecode before the first word starting at or after each multiple
  of the interval (document time); inline within a paragraph, or heading a new block of text
  when paragraphs are off or the word starts a paragraph.
* The transcript ends with exactly one newline (nothing for a document without tokens).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..document.decode import Source, source_path
from ..document.model import ElementList
from ..fetch.specs import source_title
from ..gcpause import paused_gc
from ..options.classes import TranscriptOptions, require_options
from ..table.build import table_of
from ..table.token_table import TokenTable
from ..table.transforms import apply_transforms
from ..table.wordlists import WordLists
from .html import render_html
from .layout import layout_transcript
from .text import render_text


def get_transcript(
    source: ElementList | TokenTable | Source,
    options: TranscriptOptions | None = None,
    *,
    word_lists: WordLists | None = None,
    strict: bool = False,
    title: str | None = None,
    **option_values: Any,
) -> str:
    """The transcript of ``source`` as cielo24's get_transcript writes it, offline.

    ``source`` is an :class:`ElementList` or anything :func:`elementlist.load` takes.
    ``options`` (default: cielo24's defaults) and ``option_values`` (cielo24 names, Python
    or wire values: ``file_format="html"``, ``timecode_interval="30000"``) are combined,
    the keywords winning. ``strict`` refuses a document with any violation (errors or
    warnings) with :class:`InvalidDocumentError`; otherwise it renders what it safely can.
    ``title`` names the HTML page (default: the file name, else "Transcript").
    """
    opts = resolve_options(options, option_values)
    with paused_gc():
        table = table_of(source, strict=strict)
        transcript = layout_transcript(apply_transforms(table, opts, word_lists), opts)
    if opts.file_format == "html":
        return render_html(transcript, title=title or _title_of(source))
    return render_text(transcript)


def resolve_options(
    options: TranscriptOptions | None, option_values: Mapping[str, Any]
) -> TranscriptOptions:
    """``options`` (or the defaults) with ``option_values`` applied and validated."""
    if options is None:
        return TranscriptOptions.from_mapping(option_values)
    options = require_options(options, TranscriptOptions)
    return options.with_values(**option_values) if option_values else options


def _title_of(source: object) -> str:
    path = source_path(source)
    return source_title(path) if path else ""
