"""The Captions value: laid-out, timed captions you can iterate, index, slice, edit and render.

``elementlist.captions(source, options)`` makes one (:mod:`.api`); it keeps the
:class:`~.model.DocumentInfo` the writers need and the :class:`CaptionOptions` it was laid
out with, so rendering several formats from one value parses and lays out once.

Decisions (docs/captions.md says the same, with examples):

* **Always valid.** Every Captions holds captions that start at 0 or later, last at least
  1 ms, never overlap nor run backwards, and whose lines hold no line break. A Captions made
  by hand is checked; an edit that would break this is refused with
  :class:`~elementlist.errors.CaptionError` (nothing is clamped or dropped silently).
* **Layout options are fixed.** :meth:`Captions.to` and :meth:`Captions.save` may change
  only the options writers alone read (:data:`~elementlist.writers.RENDER_OPTIONS`:
  ``line_ending_format``, ``utf8_mark``, ``srt_format``, ``dfxp_header``, ``qt_seamless``,
  ``include_dfxp_metadata``); any other option given a value other than the one the
  captions were made with raises :class:`~elementlist.errors.OptionError` naming it.
* **Equality** is that of the captions held (``info`` and ``options`` aside), as for any
  sequence.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any, overload

from ..atomic import write_atomic
from ..errors import CaptionError, LayoutWarning, OptionError
from ..gcpause import paused_gc
from ..options.classes import CaptionOptions, option_names, require_options
from ..table.text import LINE_BREAK_CHARACTERS
from ..writers import FORMATS, RENDER_OPTIONS, format_for_filename, render_captions, resolve_format
from ..writers.scc.grid import scc_layout_options
from .model import Caption, DocumentInfo

_DEFAULT_OPTIONS = CaptionOptions()
_NO_INFO = DocumentInfo()
_LINE_BREAK = re.compile(f"[{LINE_BREAK_CHARACTERS.replace(chr(9), '')}]")  # a tab is no break
_GRID_OPTIONS = ("characters_per_caption_line", "lines_per_caption")
_SHAPING = tuple(name for name in option_names(CaptionOptions) if name not in RENDER_OPTIONS)


class Captions(Sequence[Caption]):
    """An immutable sequence of :class:`~.model.Caption`, with what rendering needs.

    ``Captions(captions, info=..., options=...)`` checks captions made by hand (see the
    module doc); ``elementlist.captions(source, ...)`` lays a document out as one. Indexing
    gives a Caption, slicing a Captions (same info and options); :meth:`shift`,
    :meth:`filter` and :meth:`map_text` return new ones; :meth:`to` renders a format and
    :meth:`save` writes a file.
    """

    __slots__ = ("_info", "_items", "_options")

    _items: tuple[Caption, ...]
    _info: DocumentInfo
    _options: CaptionOptions

    def __init__(
        self,
        captions: Iterable[Caption] = (),
        *,
        info: DocumentInfo | None = None,
        options: CaptionOptions | None = None,
    ) -> None:
        items = tuple(captions)
        _check(items)
        self._items = items
        self._info = _checked_info(info)
        self._options = (
            _DEFAULT_OPTIONS if options is None else require_options(options, CaptionOptions)
        )

    @classmethod
    def _trusted(
        cls, items: tuple[Caption, ...], info: DocumentInfo, options: CaptionOptions
    ) -> Captions:
        """A Captions of captions known to be valid (the pipeline's own, or an edit of a
        valid one that cannot break the rules): no check."""
        made = cls.__new__(cls)
        made._items = items
        made._info = info
        made._options = options
        return made

    # --- what it carries --------------------------------------------------------------------

    @property
    def info(self) -> DocumentInfo:
        """What the writers may show of the document: language, title, job id."""
        return self._info

    @property
    def options(self) -> CaptionOptions:
        """The options the captions were made with (and are rendered with by default)."""
        return self._options

    # --- the sequence -----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Caption: ...

    @overload
    def __getitem__(self, index: slice) -> Captions: ...

    def __getitem__(self, index: int | slice) -> Caption | Captions:
        if isinstance(index, slice):
            if index.step is not None and index.step < 0:
                raise CaptionError(
                    "a slice of Captions keeps time order (a negative step would run it "
                    "backwards); use reversed() for the captions in reverse"
                )
            return Captions._trusted(self._items[index], self._info, self._options)
        return self._items[index]

    def __iter__(self) -> Iterator[Caption]:
        return iter(self._items)

    def __contains__(self, value: object) -> bool:
        return value in self._items

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Captions):
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        if not self._items:
            return "<Captions: none>"
        first, last = self._items[0], self._items[-1]
        count = len(self._items)
        noun = "caption" if count == 1 else "captions"
        return f"<Captions: {count} {noun}, {first.start} ms to {last.end} ms>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Captions._trusted, (self._items, self._info, self._options))

    # --- edits ------------------------------------------------------------------------------

    def shift(self, ms: int) -> Captions:
        """Every caption ``ms`` milliseconds later (earlier when negative). A shift that
        would start the first caption before 0 is refused (:class:`CaptionError`): drop or
        trim those captions first, e.g. ``c.filter(lambda x: x.start >= 5000).shift(-5000)``."""
        if not isinstance(ms, int) or isinstance(ms, bool):
            raise TypeError(f"shift takes whole milliseconds (an int), not {type(ms).__name__}")
        if ms == 0 or not self._items:
            return self
        first = self._items[0].start
        if first + ms < 0:
            raise CaptionError(
                f"shift({ms}) would start caption 1 at {first + ms} ms, before 0; "
                f"leave out the captions before {-ms} ms first (filter) and then shift"
            )
        moved = tuple(Caption(c.start + ms, c.end + ms, c.lines) for c in self._items)
        return Captions._trusted(moved, self._info, self._options)

    def filter(self, predicate: Callable[[Caption], object]) -> Captions:
        """The captions for which ``predicate(caption)`` is true, in order."""
        kept = tuple(c for c in self._items if predicate(c))
        return Captions._trusted(kept, self._info, self._options)

    def map_text(self, fn: Callable[[str], str]) -> Captions:
        """Each caption's text (:attr:`Caption.text`: its lines joined by ``"\\n"``) replaced
        by ``fn(text)``; ``"\\n"`` in the result separates lines. Times stay as they are; the
        text is not wrapped again (line length and count are then yours to keep). Any other
        line break in the result (``"\\r"``, U+2028 …) is refused (:class:`CaptionError`)."""
        out: list[Caption] = []
        for k, c in enumerate(self._items, 1):
            text = fn(c.text)
            if not isinstance(text, str):
                raise TypeError(
                    f"map_text: the function gave {type(text).__name__} for caption {k}, not str"
                )
            lines = tuple(text.split("\n"))
            broken = _line_break_in(lines)
            if broken is not None:
                raise CaptionError(
                    f"map_text: the function gave caption {k} a line break {broken[1]!r}; "
                    'only "\\n" separates lines'
                )
            out.append(Caption(c.start, c.end, lines))
        return Captions._trusted(tuple(out), self._info, self._options)

    def with_info(self, **changes: str) -> Captions:
        """The same captions with ``language``, ``title`` or ``job_id`` changed."""
        return Captions._trusted(self._items, _checked_info(replace(self._info, **changes)),
                                 self._options)  # fmt: skip

    # --- rendering --------------------------------------------------------------------------

    def to(
        self, caption_format: str, options: CaptionOptions | None = None, **option_values: Any
    ) -> str:
        """The caption file in ``caption_format`` (a cielo24 name or alias: ``"SRT"``,
        ``"vtt"`` …), as text. ``options`` and ``option_values`` (keywords win) may change
        only :data:`~elementlist.writers.RENDER_OPTIONS`; a different value for any other
        option raises :class:`OptionError` naming it (those options shaped the captions:
        lay the document out again to change them)."""
        name = resolve_format(caption_format)
        opts = self._render_options(options, option_values)
        if name == "SCC":
            _warn_if_wider_than_the_grid(opts)
        with paused_gc():
            return render_captions(self._items, name, opts, self._info)

    def save(
        self,
        path: str | os.PathLike[str],
        caption_format: str | None = None,
        options: CaptionOptions | None = None,
        **option_values: Any,
    ) -> None:
        """Write :meth:`to`'s text to ``path`` as UTF-8, whole or not at all
        (:func:`~elementlist.atomic.write_atomic`). The format is ``caption_format``, else
        the one the file's extension names (``.srt``, ``.vtt``, ``.dfxp`` …; see
        :data:`~elementlist.writers.FORMATS`); an extension that names no format, without
        ``caption_format``, or one that names another format than ``caption_format``, is an
        :class:`OptionError` and nothing is written."""
        named = format_for_filename(path)
        if caption_format is None:
            if named is None:
                known = ", ".join(e for fmt in FORMATS.values() for e in fmt.extensions)
                raise OptionError(
                    f"{os.fspath(path)}: the extension names no caption format (known: "
                    f"{known}); give caption_format",
                    option="caption_format",
                    value=os.fspath(path),
                )
            caption_format = named
        elif named is not None and resolve_format(caption_format) != named:
            raise OptionError(
                f"{os.fspath(path)}: the extension names {named}, but caption_format is "
                f"{resolve_format(caption_format)}",
                option="caption_format",
                value=caption_format,
            )
        text = self.to(caption_format, options, **option_values)
        write_atomic(path, text.encode("utf-8"))

    def _render_options(
        self, options: CaptionOptions | None, option_values: dict[str, Any]
    ) -> CaptionOptions:
        if options is None and not option_values:
            return self._options
        base = self._options if options is None else require_options(options, CaptionOptions)
        opts = base.with_values(**option_values) if option_values else base
        changed = [n for n in _SHAPING if getattr(opts, n) != getattr(self._options, n)]
        if changed:
            first = changed[0]
            shown = ", ".join(
                f"{n}={getattr(opts, n)!r} (laid out with {getattr(self._options, n)!r})"
                for n in changed
            )
            render = ", ".join(sorted(RENDER_OPTIONS))
            raise OptionError(
                f"{shown}: the captions were laid out with these, so rendering cannot change "
                f"them; make the captions again with them (elementlist.captions(source, ...)). "
                f"Rendering may change only {render}",
                option=first,
                value=getattr(opts, first),
            )
        return opts


def _warn_if_wider_than_the_grid(options: CaptionOptions) -> None:
    """SCC of captions laid out wider than CEA-608's 32 x 4 grid: the writer re-wraps their
    rows (no text is lost), but the lines are then not the layout's; say so once."""
    _, lowered = scc_layout_options(options, given=_GRID_OPTIONS)
    if lowered:
        warnings.warn(
            "SCC: these captions were laid out for "
            f"{options.characters_per_caption_line} characters and "
            f"{options.lines_per_caption} lines; their rows are re-wrapped to CEA-608's "
            "32 x 4 grid (lay the document out with characters_per_caption_line=32, as "
            "get_caption does for SCC, to keep the layout's own line breaks)",
            LayoutWarning,
            stacklevel=3,
        )


def _checked_info(info: DocumentInfo | None) -> DocumentInfo:
    if info is None:
        return _NO_INFO
    if not isinstance(info, DocumentInfo):
        raise TypeError(f"info must be a DocumentInfo, not {type(info).__name__}")
    for name in ("language", "title", "job_id"):
        if not isinstance(getattr(info, name), str):
            raise TypeError(f"info.{name} must be str, not {type(getattr(info, name)).__name__}")
    return info


def _check(items: Sequence[object]) -> None:
    """Refuse what no caption file may hold (:class:`CaptionError`, naming the caption)."""
    previous_end = 0
    for k, c in enumerate(items, 1):
        if not isinstance(c, Caption):
            raise TypeError(f"caption {k} is a {type(c).__name__}, not a Caption")
        for name in ("start", "end"):
            value = getattr(c, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise CaptionError(
                    f"caption {k}: {name} must be whole milliseconds (int), not "
                    f"{type(value).__name__}"
                )
        if c.start < 0:
            raise CaptionError(f"caption {k} starts before 0 ({c.start} ms)")
        if c.end <= c.start:
            raise CaptionError(
                f"caption {k} lasts no time: it ends at {c.end} ms, starting at {c.start} ms "
                "(every caption lasts at least 1 ms)"
            )
        if c.start < previous_end:
            raise CaptionError(
                f"caption {k} starts at {c.start} ms, before caption {k - 1} ends "
                f"({previous_end} ms): captions may not overlap"
            )
        previous_end = c.end
        if not isinstance(c.lines, tuple) or not all(isinstance(t, str) for t in c.lines):
            raise CaptionError(f"caption {k}: lines must be a tuple of str")
        broken = _line_break_in(c.lines)
        if broken is not None:
            raise CaptionError(
                f"caption {k}: line {broken[0]} holds a line break ({broken[1]!r}); a "
                "caption's lines are separate strings"
            )


def _line_break_in(lines: tuple[str, ...]) -> tuple[int, str] | None:
    """The number of the first line holding a line break, and that break; None if none."""
    for number, line in enumerate(lines, 1):
        found = _LINE_BREAK.search(line)
        if found is not None:
            return number, found.group()
    return None


__all__ = ["Captions"]
