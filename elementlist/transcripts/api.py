"""get_transcript: an ElementList as a timecoded transcript, plain text or HTML.

source → :func:`~elementlist.table.build.table_of` (a TokenTable, from the bytes when it can) →
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
from ..errors import OptionError
from ..fetch.specs import source_title
from ..gcpause import paused_gc
from ..importers import AUTO, resolve_source_format
from ..importers.route import table_source
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
    file_format: str | TranscriptOptions | None = None,
    /,
    options: TranscriptOptions | None = None,
    *,
    word_lists: WordLists | None = None,
    strict: bool = False,
    source_name: str | None = None,
    title: str | None = None,
    input_format: str = AUTO,
    **option_values: Any,
) -> str:
    """The transcript of ``source`` as cielo24's get_transcript writes it, offline.

    The arguments are those of :func:`~elementlist.captions.api.get_caption`, in the same
    order: ``source`` (an :class:`ElementList` or anything :func:`elementlist.load` takes),
    the format (``file_format``: ``"txt"`` or ``"html"``; default: the options', else txt),
    ``options`` (default: cielo24's defaults) and ``option_values`` (cielo24 names, Python
    or wire values: ``timecode_interval="30000"``), the keywords winning over ``options``
    and the format over the options' ``file_format``. ``strict`` refuses a document with
    any violation (errors or warnings) with :class:`InvalidDocumentError`; otherwise it
    renders what it safely can. ``title`` names the HTML page (default: the name of
    ``source_name``, or of ``source`` when it is a path; else "Transcript").

    ``source`` and the format are positional: ``file_format="html"`` as a keyword is the
    option of that name, with the same effect. ``get_transcript(source, options)``, options
    second, is the older form and still works (an object in the place of the format that is
    no str, nor a number, is taken as the options), also with ``file_format=`` beside it.

    ``input_format`` says what a source to read is, as for ``elementlist.load``: ``"auto"``
    (default), ``"elementlist"`` or a source's name (``"whisper"``, ``"srt"`` …).
    """
    if isinstance(file_format, (int, float, bytes)):
        raise OptionError(
            f"file_format must be 'txt' or 'html', not {type(file_format).__name__}",
            option="file_format",
            value=file_format,
        )
    if file_format is not None and not isinstance(file_format, str):
        if options is not None:
            raise OptionError(
                f"get_transcript: options given twice (a {type(file_format).__name__} in "
                "the place of file_format, and options=)",
                option="options",
                value=type(file_format).__name__,
            )
        options, file_format = file_format, None
    if file_format is not None:
        keyword = option_values.get("file_format", file_format)
        if keyword != file_format:
            raise OptionError(
                f"file_format given twice, as {file_format!r} and file_format={keyword!r}",
                option="file_format",
                value=keyword,
            )
        option_values = {**option_values, "file_format": file_format}
    opts = resolve_options(options, option_values)
    input_format = resolve_source_format(input_format)  # refused before anything is read
    with paused_gc():
        table = table_of(table_source(source, input_format), strict=strict)
        transcript = layout_transcript(apply_transforms(table, opts, word_lists), opts)
    if opts.file_format == "html":
        named = source_title(source_name) if source_name else _title_of(source)
        return render_html(transcript, title=title or named)
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
