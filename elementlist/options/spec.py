"""What an option is, stated on its field: ``name: type = option(default, KIND, "help")``.

Each field of :class:`~elementlist.options.CaptionOptions` and
:class:`~elementlist.options.TranscriptOptions` carries an :class:`OptionSpec` in its
metadata (as ttconv's typed configs do): the value kind (parser, wire form, metavar), the
one-line help, other names it goes by, and whether the option is cielo24's or ours. Parsing,
query strings, the CLI flags, ``elementlist options`` and the completion scripts all read it
from there, so an option is defined in one place.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from .values import ValueKind

Origin = Literal["cielo24", "elementlist"]
METADATA_KEY = "option"


@dataclass(frozen=True, slots=True)
class OptionSpec:
    """An option's parser, help, other names and origin (its default is the field's).

    ``aliases``: other spellings accepted in a mapping, a query string and as a CLI flag
    (the 2015 clients' ``emit_speaker_change_token_as``). ``origin``: ``"cielo24"`` for an
    option of cielo24's calls, ``"elementlist"`` for one of ours (documented as ours in
    docs/options.md). ``metavar`` overrides the kind's.
    """

    kind: ValueKind
    help: str
    aliases: tuple[str, ...] = ()
    origin: Origin = "cielo24"
    metavar: str = ""

    @property
    def shown_metavar(self) -> str:
        """The placeholder help shows for the value: ``metavar``, else its kind's."""
        return self.metavar or self.kind.metavar


def option(
    default: Any,
    kind: ValueKind,
    help: str,
    *,
    aliases: tuple[str, ...] = (),
    origin: Origin = "cielo24",
    metavar: str = "",
) -> Any:
    """A dataclass field with its :class:`OptionSpec` (typed ``Any`` so that
    ``lines_per_caption: int = option(2, whole_number(1), "...")`` type-checks)."""
    spec = OptionSpec(kind, help, aliases, origin, metavar)
    return dataclasses.field(default=default, metadata={METADATA_KEY: spec})


@dataclass(frozen=True, slots=True)
class OptionField:
    """One option of an options class, as the rest of the package sees it."""

    name: str
    default: Any
    spec: OptionSpec


def fields_of(options_class: type[Any]) -> tuple[OptionField, ...]:
    """The options of a class, in declaration order (the options both calls share first)."""
    cached: tuple[OptionField, ...] | None = _FIELDS.get(options_class)
    if cached is None:
        cached = tuple(
            OptionField(f.name, f.default, f.metadata[METADATA_KEY])
            for f in dataclasses.fields(options_class)
        )
        _FIELDS[options_class] = cached
    return cached


_FIELDS: dict[type[Any], tuple[OptionField, ...]] = {}
