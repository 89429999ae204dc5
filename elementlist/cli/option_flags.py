"""The get_caption / get_transcript options as command-line flags, built from their fields.

One flag per option, ``--NAME`` with dashes for underscores (its aliases too), showing the
field's metavar, help and default. A value is the option's wire form; a boolean option
takes ``--NAME``, ``--NAME true|false`` and ``--no-NAME`` (see :mod:`.parser`); a list
option may be repeated. Under the flags, a pasted query string; explicit flags win.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from ..options import (
    CaptionOptions,
    OptionField,
    OptionsT,
    TranscriptOptions,
    canonical_name,
    fields_of,
    parse_query,
    pop_caption_format,
    split_options,
)
from .parser import BooleanFlag

OPTION_DEST_PREFIX = "option_"
FORMS = (
    "values as in a cielo24 query string (docs/options.md); a boolean option is --NAME, "
    "--NAME true|false or --no-NAME; a list option may be repeated"
)
_TITLES: dict[tuple[type[Any], ...], str] = {
    (CaptionOptions,): "get_caption options",
    (TranscriptOptions,): "get_transcript options",
}


def add_option_flags(
    parser: argparse.ArgumentParser,
    *options_classes: type[Any],
    exclude: Iterable[str] = (),
) -> None:
    """A flag for every option of ``options_classes`` (each option once, in declaration
    order), in one argument group; ``exclude`` names options left out. Every flag defaults
    to None, so an unset flag is told apart from one set to the default; values land in
    ``args.option_<name>``: read them with :func:`options_from_cli` or
    :func:`split_options_from_cli`."""
    title = _TITLES.get(tuple(options_classes), "get_caption and get_transcript options")
    group = parser.add_argument_group(title, FORMS)
    skipped = set(exclude)
    seen: set[str] = set()
    for options_class in options_classes:
        for field in fields_of(options_class):
            if field.name not in seen and field.name not in skipped:
                seen.add(field.name)
                add_option_flag(group, field)


def add_option_flag(group: Any, field: OptionField, *flags: str) -> argparse.Action:
    """The flag of one option (``flags``: extra spellings such as ``-f``) on a parser or an
    argument group."""
    spec = field.spec
    names = [*flags, *("--" + n.replace("_", "-") for n in (field.name, *spec.aliases))]
    ours = " (elementlist's own)" if spec.origin == "elementlist" else ""
    help_text = f"{spec.help}{ours}; default: {_shown(field.default)}".replace("%", "%%")
    common: dict[str, Any] = {
        "dest": OPTION_DEST_PREFIX + field.name,
        "default": None,
        "metavar": spec.shown_metavar,
        "help": help_text,
    }
    if spec.kind.boolean:
        action: argparse.Action = group.add_argument(*names, action=BooleanFlag, **common)
    else:
        repeat = "append" if spec.kind.repeatable else "store"
        action = group.add_argument(*names, action=repeat, **common)
    return action


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return ",".join(value) if value else "(empty)"
    if value == "":
        return "(empty)"
    return repr(value) if isinstance(value, str) else str(value)


def given_options(args: argparse.Namespace, query: str | None = None) -> dict[str, Any]:
    """Option name → value from ``query`` (if any; its ``caption_format`` left out), then
    from the flags given, which win over the query (a flag's name in its canonical spelling;
    the query's as given, for the options class to resolve)."""
    mapping: dict[str, Any] = {}
    if query:
        mapping = parse_query(query)
        pop_caption_format(mapping)
    for dest, value in vars(args).items():
        if not dest.startswith(OPTION_DEST_PREFIX) or value is None:
            continue
        name = dest[len(OPTION_DEST_PREFIX) :]
        if value == [] and not _repeatable(name):
            value = "--"  # argparse drops a lone "--" value (--flag=--) and leaves []
        for key in [k for k in mapping if canonical_name(k) == name]:
            del mapping[key]
        mapping[name] = value
    return mapping


def options_from_cli(
    args: argparse.Namespace, options_class: type[OptionsT], query: str | None = None
) -> OptionsT:
    """Defaults, then the ``query`` string (if any), then the explicit flags (flags win)."""
    return options_class.from_mapping(given_options(args, query))


def split_options_from_cli(
    args: argparse.Namespace, query: str | None = None, *, ignore: Iterable[str] = ()
) -> tuple[CaptionOptions, TranscriptOptions]:
    """As :func:`options_from_cli`, for both calls at once: each option goes to every call
    that takes it (:func:`elementlist.options.split_options`)."""
    return split_options(given_options(args, query), ignore=ignore)


def _repeatable(name: str) -> bool:
    for options_class in (CaptionOptions, TranscriptOptions):
        for field in fields_of(options_class):
            if field.name == name:
                return field.spec.kind.repeatable
    return False
