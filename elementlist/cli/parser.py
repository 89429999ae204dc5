"""The argument parser every subcommand uses: short errors, and boolean flags in three forms.

A usage error is two lines on stderr — the subcommand's usage line and one line naming the
flag or argument at fault (with the closest known flag for a misspelt one) — and exit
status 2, never the fifty lines of a full usage.

A boolean option's flag takes three forms, alike in every subcommand: ``--NAME`` (true),
``--NAME VALUE`` or ``--NAME=VALUE`` with any boolean wire spelling (``true``, ``False``,
``1``, ``no`` …), and ``--no-NAME`` (false). So that ``--NAME`` followed by the input's path
never takes the path as its value, a word after ``--NAME`` is its value only when it is a
boolean spelling (:meth:`CommandParser.parse_known_args` joins the two before argparse
sees them).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from ..options.values import BOOLEAN_WORDS
from .exits import BAD_INPUT
from .messages import say

NO_PREFIX = "--no-"


class BooleanFlag(argparse.Action):
    """``--NAME [VALUE]`` and ``--no-NAME`` for one boolean option; stores the wire text
    (``"true"``, ``"false"`` or the word given), which the option's parser reads."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        negatives = [NO_PREFIX + s[2:] for s in option_strings if s.startswith("--")]
        kwargs.setdefault("metavar", "true|false")
        super().__init__([*option_strings, *negatives], dest, nargs="?", **kwargs)
        self.negatives = frozenset(negatives)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        if option_string in self.negatives:
            if values:  # "" is what parse_known_args turns a bare --no-NAME into
                parser.error(f"argument {option_string}: takes no value (got {values!r})")
            values = "false"
        setattr(namespace, self.dest, "true" if values is None else values)


class HelpFormatter(argparse.HelpFormatter):
    """Shows a boolean flag as ``--NAME [true|false], --no-NAME``."""

    def _format_action_invocation(self, action: argparse.Action) -> str:
        if isinstance(action, BooleanFlag):
            positives = [s for s in action.option_strings if s not in action.negatives]
            shown = [f"{s} [{action.metavar}]" for s in positives]
            return ", ".join([*shown, *sorted(action.negatives)])
        return super()._format_action_invocation(action)


class CommandParser(argparse.ArgumentParser):
    """An ArgumentParser with one-line errors and the boolean flag forms (module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self.commands: dict[str, CommandParser] = {}

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        given = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(self._join_boolean_values(given), namespace)

    def error(self, message: str) -> NoReturn:
        """The usage line, then ``PROG: error: MESSAGE``; exit status 2."""
        say(self.format_usage().strip().splitlines()[0] + f"; see '{self.prog} --help'")
        say(f"{self.prog}: error: {message}")
        self.exit(BAD_INPUT)

    def unrecognized(self, extras: Sequence[str]) -> NoReturn:
        """The error for arguments this parser does not know, naming the closest flag."""
        first = next((a.split("=", 1)[0] for a in extras if a.startswith("-")), None)
        hint = ""
        if first is not None:
            close = difflib.get_close_matches(first, self._flags(), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
        self.error(f"unrecognized arguments: {' '.join(extras)}{hint}")

    def _flags(self) -> list[str]:
        return [s for action in self._actions for s in action.option_strings]

    def _boolean_flags(self) -> tuple[frozenset[str], frozenset[str]]:
        positives: set[str] = set()
        negatives: set[str] = set()
        for action in self._actions:
            if isinstance(action, BooleanFlag):
                negatives |= action.negatives
                positives |= set(action.option_strings) - action.negatives
        return frozenset(positives), frozenset(negatives)

    def _join_boolean_values(self, args: list[str]) -> list[str]:
        """``--NAME WORD`` → ``--NAME=WORD`` when WORD is a boolean spelling; a bare
        ``--NAME`` → ``--NAME=true`` and ``--no-NAME`` → ``--no-NAME=``, so that argparse never
        takes the next argument (the input's path) as the flag's value."""
        positives, negatives = self._boolean_flags()
        if not positives:
            return args
        joined: list[str] = []
        index = 0
        while index < len(args):
            arg = args[index]
            if arg == "--":
                joined.extend(args[index:])
                break
            if arg in positives:
                following = args[index + 1] if index + 1 < len(args) else None
                if following is not None and following.strip().lower() in BOOLEAN_WORDS:
                    joined.append(f"{arg}={following}")
                    index += 2
                    continue
                joined.append(f"{arg}=true")
            elif arg in negatives:
                joined.append(f"{arg}=")
            else:
                joined.append(arg)
            index += 1
        return joined
