"""get_caption: an ElementList → caption text, like cielo24's get_caption, offline.

The pipeline runs one way: decode → TokenTable → transforms → layout (kernel + timing) →
writer. Options are one typed object per call.
"""

from __future__ import annotations

from typing import Any

from ..document.decode import Source, source_path
from ..document.model import ElementList
from ..errors import OptionError
from ..gcpause import paused_gc
from ..options.classes import CaptionOptions, require_options
from ..table.build import table_of
from ..table.token_table import TokenTable
from ..table.transforms import apply_transforms
from ..table.wordlists import WordLists
from ..writers import render_captions, resolve_format
from .layout import layout_captions
from .model import Caption, DocumentInfo

_DEFAULT_OPTIONS = CaptionOptions()  # checked once: making options validates every field


def _options(options: CaptionOptions | None, values: dict[str, Any]) -> CaptionOptions:
    base = require_options(options, CaptionOptions) if options is not None else _DEFAULT_OPTIONS
    return base.with_values(**values) if values else base


def build_captions(
    source: ElementList | TokenTable | Source,
    options: CaptionOptions | None = None,
    *,
    word_lists: WordLists | None = None,
    **option_values: Any,
) -> list[Caption]:
    """The laid-out, timed captions of a document, before any file format is applied."""
    opts = _options(options, option_values)
    with paused_gc():
        table = apply_transforms(table_of(source), opts, word_lists)
        return layout_captions(table, opts)


def get_caption(
    source: ElementList | TokenTable | Source,
    caption_format: str = "SRT",
    options: CaptionOptions | None = None,
    *,
    word_lists: WordLists | None = None,
    info: DocumentInfo | None = None,
    strict: bool = False,
    **option_values: Any,
) -> str:
    """Render a document as captions in ``caption_format`` (a cielo24 name or an alias).

    ``source`` is an ElementList or anything :func:`elementlist.load` takes. Options come as
    a :class:`CaptionOptions`, as keyword arguments in cielo24's spelling (wire forms such as
    ``"true"`` or ``'["MUSIC"]'`` are accepted), or both (keywords win). With ``strict`` a
    document with any violation is refused.
    """
    if not isinstance(caption_format, str):
        raise OptionError(
            f"caption_format must be a format name such as 'SRT', not "
            f"{type(caption_format).__name__} (options go in options=)",
            option="caption_format",
            value=type(caption_format).__name__,
        )
    fmt = resolve_format(caption_format)
    opts = _options(options, option_values)
    with paused_gc():
        table = table_of(source, strict=strict)
        if info is None:
            info = DocumentInfo.for_source(source_path(source), table.language)
        captions = layout_captions(apply_transforms(table, opts, word_lists), opts)
        return render_captions(captions, fmt, opts, info)
