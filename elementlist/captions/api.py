"""The caption calls: :func:`captions` makes a :class:`~.value.Captions` value of any source;
:func:`get_caption` is cielo24's one call, source to caption text, and gives the bytes of
``captions(source, ...).to(caption_format)``.

The pipeline runs one way: decode → TokenTable → transforms → layout (kernel + timing) →
writer. Options are one typed object per call.

Both calls, and :func:`~elementlist.transcripts.api.get_transcript`, take their arguments
the same way: ``source``, the format (not for :func:`captions`), ``options``, then
keyword-only ``word_lists``, ``strict``, ``source_name``, ``title`` (and ``info`` here),
``input_format`` (what the source is: ``"auto"``, ``"elementlist"``, ``"whisper"`` …), and
any option as a keyword in cielo24's spelling.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from typing import Any

from ..document.decode import Source, source_path
from ..document.model import ElementList
from ..errors import LayoutWarning
from ..gcpause import paused_gc
from ..importers import AUTO, resolve_source_format
from ..importers.route import table_source
from ..options.classes import CaptionOptions, require_options
from ..profiles import profile_caption_options
from ..table.build import table_of
from ..table.token_table import TokenTable
from ..table.transforms import apply_transforms
from ..table.wordlists import WordLists
from ..writers import render_captions, resolve_format
from ..writers.scc.grid import scc_layout_options
from .layout import layout_captions
from .model import Caption, DocumentInfo
from .value import Captions

_DEFAULT_OPTIONS = CaptionOptions()  # checked once: making options validates every field


def _options(options: CaptionOptions | None, values: dict[str, Any]) -> CaptionOptions:
    base = require_options(options, CaptionOptions) if options is not None else _DEFAULT_OPTIONS
    return base.with_values(**values) if values else base


def with_profile(options: CaptionOptions) -> CaptionOptions:
    """``options`` with its ``caption_profile``'s values (:func:`~elementlist.profiles.
    profile_caption_options`) in every option not given: an option given wins over the
    profile, even at its default value (``given_options``; docs/options.md)."""
    if not options.caption_profile:
        return options
    given = options.given_options
    values = {
        name: value
        for name, value in profile_caption_options(options.caption_profile).items()
        if name not in given
    }
    return options.with_values(**values) if values else options


def captions(
    source: ElementList | TokenTable | Source,
    options: CaptionOptions | None = None,
    *,
    word_lists: WordLists | None = None,
    strict: bool = False,
    source_name: str | None = None,
    title: str | None = None,
    info: DocumentInfo | None = None,
    input_format: str = AUTO,
    **option_values: Any,
) -> Captions:
    """The laid-out, timed captions of a document, ready to render in any format.

    ``source`` is an :class:`ElementList`, a TokenTable, or anything :func:`elementlist.load`
    takes. Options come as a :class:`CaptionOptions`, as keyword arguments in cielo24's
    spelling (wire forms such as ``"true"`` or ``'["MUSIC"]'`` are accepted), or both
    (keywords win). ``word_lists`` replaces the packaged word lists. With ``strict`` a
    document with any violation is refused (:class:`InvalidDocumentError`).

    What the outputs say of the document (DFXP and SAMI metadata) is ``info`` when given;
    otherwise its language, and the title and job id of ``source_name`` (what the source
    goes by: a path, a URL or ``cielo24:JOB``; default: ``source`` itself when it is a path).
    ``title``, when given, replaces the title.

    ``input_format`` says what a source to read is (``elementlist.load``'s): ``"auto"``
    (an ElementList, else the shape it has), ``"elementlist"``, or a source's name
    (``"whisper"``, ``"srt"`` …; docs/sources.md). A model or a table is taken as it is.
    """
    _one_of_info_and_source_name("captions", info, source_name)
    opts = with_profile(_options(options, option_values))
    input_format = resolve_source_format(input_format)  # refused before anything is read
    with paused_gc():  # each table is handed on, held by no one but the step that reads it
        laid_out, info = _laid_out(source, opts, word_lists, strict, source_name, title, info,
                                   input_format)  # fmt: skip
    return Captions._trusted(laid_out, info, opts)


def _one_of_info_and_source_name(
    call: str, info: DocumentInfo | None, source_name: str | None
) -> None:
    if info is not None and source_name is not None:
        raise TypeError(f"{call}: give info or source_name, not both")


def _laid_out(
    source: ElementList | TokenTable | Source,
    opts: CaptionOptions,
    word_lists: WordLists | None,
    strict: bool,
    source_name: str | None,
    title: str | None,
    info: DocumentInfo | None,
    input_format: str,
) -> tuple[tuple[Caption, ...], DocumentInfo]:
    """The captions of ``source`` and what the outputs say of it, for options and an input
    format already resolved (:func:`captions` and :func:`get_caption` resolve each once).
    The callers pause the collector around it."""
    laid_out, language = _layout(
        apply_transforms(
            table_of(table_source(source, input_format), strict=strict), opts, word_lists
        ),
        opts,
    )
    if info is None:
        info = DocumentInfo.for_source(source_name or source_path(source), language)
    if title:
        info = replace(info, title=title)
    return tuple(laid_out), info


def _layout(table: TokenTable, options: CaptionOptions) -> tuple[list[Caption], str]:
    """``layout_captions(table, options)`` and the table's language. The caller hands the
    table over (passes it and keeps no name for it), and this frame lets go of it before
    the layout starts, so the layout's own ``del`` frees a long document's table once it
    is prepared, before the kernel runs (issue 11: 10 MB of a 100 MB document)."""
    language = table.language
    handed = [table]
    del table
    return layout_captions(handed.pop(), options), language


build_captions = captions  # the name of 0.1; one function


def get_caption(
    source: ElementList | TokenTable | Source,
    caption_format: str = "SRT",
    options: CaptionOptions | None = None,
    *,
    word_lists: WordLists | None = None,
    strict: bool = False,
    source_name: str | None = None,
    title: str | None = None,
    info: DocumentInfo | None = None,
    input_format: str = AUTO,
    **option_values: Any,
) -> str:
    """Render a document as captions in ``caption_format`` (a cielo24 name or an alias),
    like cielo24's get_caption: ``captions(source, options, ...).to(caption_format)``.

    The arguments are those of :func:`captions`, with the format second; a bad format or
    option is refused before the document is read.
    """
    name = resolve_format(caption_format)
    _one_of_info_and_source_name("get_caption", info, source_name)
    opts = with_profile(_options(options, option_values))
    input_format = resolve_source_format(input_format)
    if name == "SCC":  # CEA-608's 32 x 4 grid: the layout runs within it (writers/scc/grid.py)
        opts, messages = scc_layout_options(opts)
        for message in messages:
            warnings.warn(message, LayoutWarning, stacklevel=2)
    with paused_gc():  # the captions go straight to the writer: no Captions value between
        laid_out, info = _laid_out(source, opts, word_lists, strict, source_name, title, info,
                                   input_format)  # fmt: skip
        return render_captions(laid_out, name, opts, info)


__all__ = ["build_captions", "captions", "get_caption"]
