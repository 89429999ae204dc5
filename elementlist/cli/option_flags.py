"""The get_caption / get_transcript options as command-line flags.

One ``--flag VALUE`` per option, spelled with dashes, taking the wire form of its value;
a pasted query string under them, and explicit flags winning.
"""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from ..options.classes import CaptionOptions, OptionsT, option_names, parse_query
from ..options.values import (
    _PARSERS,
    ALIASES,
    _min0,
    _min1,
    _opt0,
    _opt1,
    _parse_bool,
    _parse_boundaries,
    _parse_build_url,
    _parse_tags,
)

OPTION_DEST_PREFIX = "option_"
_LIST_FIELDS = frozenset(
    {
        "remove_sounds_list",
        "sound_tokens_by_caption_list",
        "sound_tokens_by_line_list",
        "sound_boundaries",
    }
)


def _metavar(name: str) -> str:
    parser = _PARSERS[name]
    if parser in (_parse_bool, _parse_build_url):
        return "true|false"
    if parser in (_min0, _min1):
        return "N"
    if parser in (_opt0, _opt1):
        return "N|none"
    if parser is _parse_tags:
        return "TAGS"
    if parser is _parse_boundaries:
        return "OPEN,CLOSE"
    choices = {
        "display_speaker_id": "no|number|name",
        "force_case": "upper|lower|unchanged",
        "line_ending_format": "UNIX|WINDOWS|OSX",
        "replace_english_spelling": "A|B|Z|U|C|none",
        "file_format": "txt|html",
    }
    return choices.get(name, "TEXT")


def add_option_flags(
    parser: argparse.ArgumentParser, options_class: type[Any]
) -> argparse._ArgumentGroup:
    """Add one ``--flag VALUE`` per option of ``options_class`` (dashes for underscores).

    Every flag takes a value in the wire form (``--remove-disfluencies false``) and defaults
    to None, so an unset flag is told apart from one set to the default. List options may be
    repeated (``--remove-sounds-list MUSIC --remove-sounds-list LAUGH``). Values land in
    ``args.option_<name>``; read them with :func:`options_from_cli`.
    """
    title = "get_caption options" if options_class is CaptionOptions else "get_transcript options"
    group = parser.add_argument_group(
        title, "cielo24 option names with dashes; values as in a query string (see docs/options.md)"
    )
    for name in option_names(options_class):
        flags = ["--" + name.replace("_", "-")]
        flags.extend("--" + a.replace("_", "-") for a, target in ALIASES.items() if target == name)
        group.add_argument(
            *flags,
            dest=OPTION_DEST_PREFIX + name,
            metavar=_metavar(name),
            default=None,
            action="append" if name in _LIST_FIELDS else "store",
            help=f"default: {_show_default(options_class, name)}",
        )
    return group


def _show_default(options_class: type[Any], name: str) -> str:
    value = next(f.default for f in dataclasses.fields(options_class) if f.name == name)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return ",".join(value) if value else "(empty)"
    if value == "":
        return "(empty)"
    return repr(value).replace("%", "%%") if isinstance(value, str) else str(value)


def options_from_cli(
    args: argparse.Namespace, options_class: type[OptionsT], query: str | None = None
) -> OptionsT:
    """Defaults, then the ``query`` string (if any), then the explicit flags (flags win)."""
    mapping: dict[str, Any] = {}
    if query:
        for key, value in parse_query(query).items():
            if options_class is CaptionOptions and key == "caption_format":
                continue
            name = key.strip().lower().replace("-", "_")
            mapping[ALIASES.get(name, name)] = value
    for name in option_names(options_class):
        value = getattr(args, OPTION_DEST_PREFIX + name, None)
        if value == [] and name not in _LIST_FIELDS:
            value = "--"  # argparse drops a lone "--" value (--flag=--) and leaves []
        if value is not None:
            mapping[name] = value
    return options_class.from_mapping(mapping)
