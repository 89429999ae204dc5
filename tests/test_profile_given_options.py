"""``caption_profile`` sets only the options not given: an option given explicitly wins, even
at its default value, through every entry point (Python keywords, a pasted query string, the
command's flags and --query) and across a pickle (batch workers, Dask).

``bbc`` sets 37 characters a line and 180 words a minute; the defaults are 42 and none.
The podcast example, laid out at 42, has lines longer than 37 characters, so an explicit
``characters_per_caption_line=42`` that the profile overrode would show in the file.
"""

from __future__ import annotations

import json
import pickle
import warnings
from pathlib import Path

import pytest
import srt
from conftest import EXAMPLES, run_cli

import elementlist
from elementlist import CaptionOptions, LayoutWarning
from elementlist.options import split_caption_query

PODCAST = EXAMPLES / "podcast_v3.json"
PROFILE = "bbc"
PROFILE_COLUMNS = 37
DEFAULT_COLUMNS = 42


def longest_line(srt_text: str) -> int:
    """The longest caption line of an SRT file, read by the srt library."""
    return max(len(line) for sub in srt.parse(srt_text) for line in sub.content.split("\n"))


def caption(**options: object) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LayoutWarning)  # (reading speed counts, not asserted)
        return elementlist.get_caption(PODCAST, "SRT", **options)


def test_the_example_shows_which_line_length_was_used() -> None:
    assert longest_line(caption()) > PROFILE_COLUMNS  # at the default 42
    assert longest_line(caption(caption_profile=PROFILE)) <= PROFILE_COLUMNS


def test_a_keyword_at_its_default_wins_over_the_profile() -> None:
    text = caption(caption_profile=PROFILE, characters_per_caption_line=DEFAULT_COLUMNS)
    assert PROFILE_COLUMNS < longest_line(text) <= DEFAULT_COLUMNS
    assert text == caption(caption_profile=PROFILE, characters_per_caption_line=42,
                           maximum_words_per_minute=180)  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LayoutWarning)
        made = elementlist.captions(PODCAST, caption_profile=PROFILE, maximum_words_per_minute=None)
        profiled = elementlist.captions(PODCAST, caption_profile=PROFILE)
    assert made.options.maximum_words_per_minute is None  # given (none, the default): kept
    assert profiled.options.maximum_words_per_minute == 180  # not given: the profile's
    assert made.options.characters_per_caption_line == PROFILE_COLUMNS  # not given


def test_options_objects_given_at_the_default_win() -> None:
    given = CaptionOptions(caption_profile=PROFILE, characters_per_caption_line=42)
    assert given.given_options == {"caption_profile", "characters_per_caption_line"}
    assert longest_line(caption(options=given)) > PROFILE_COLUMNS
    base = CaptionOptions(caption_profile=PROFILE)
    assert longest_line(caption(options=base)) <= PROFILE_COLUMNS
    changed = base.with_values(characters_per_caption_line="42")  # a wire string, too
    assert changed.given_options == {"caption_profile", "characters_per_caption_line"}
    assert longest_line(caption(options=changed)) > PROFILE_COLUMNS
    for copy in (pickle.loads(pickle.dumps(given)), CaptionOptions.from_query(given.to_query())):
        assert copy == given and copy.given_options == given.given_options
    assert given.to_query() == "characters_per_caption_line=42&caption_profile=bbc"
    assert CaptionOptions(characters_per_caption_line=42).to_query() == ""  # no profile


def test_a_query_string_at_the_default_wins_over_the_profile() -> None:
    query = f"caption_profile={PROFILE}&characters_per_caption_line=42"
    options = CaptionOptions.from_query(query)
    assert PROFILE_COLUMNS < longest_line(caption(options=options)) <= DEFAULT_COLUMNS
    fmt, split = split_caption_query(f"{query}&caption_format=SRT")
    assert fmt == "SRT" and split.given_options == options.given_options


@pytest.mark.parametrize(
    "given",
    [
        ["--caption-profile", PROFILE, "--characters-per-caption-line", "42"],
        ["--query", f"caption_profile={PROFILE}&characters_per_caption_line=42"],
        ["--query", f"caption_profile={PROFILE}", "--characters-per-caption-line", "42"],
    ],
    ids=["flags", "query", "query-and-flag"],
)
def test_the_command_keeps_an_option_given_at_its_default(given: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out.srt"
    done = run_cli("caption", str(PODCAST), *given, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert PROFILE_COLUMNS < longest_line(out.read_text("utf-8")) <= DEFAULT_COLUMNS
    profiled = tmp_path / "profiled.srt"
    done = run_cli("caption", str(PODCAST), "--caption-profile", PROFILE, "-o", str(profiled))
    assert done.returncode == 0, done.stderr
    assert longest_line(profiled.read_text("utf-8")) <= PROFILE_COLUMNS


def test_elementlist_options_shows_the_option_given_at_its_default() -> None:
    done = run_cli("options", "--caption-profile", PROFILE, "--characters-per-caption-line",
                   "42", "--maximum-words-per-minute", "none")  # fmt: skip
    assert done.returncode == 0, done.stderr
    query = done.stdout.decode().splitlines()[0]
    assert query == ("characters_per_caption_line=42&caption_profile=bbc&maximum_words_per_minute=")
    resolved = json.loads(done.stdout.decode().split("\n", 1)[1])
    assert resolved["characters_per_caption_line"] == 42
    again = CaptionOptions.from_query(query)
    assert again.given_options == {
        "caption_profile",
        "characters_per_caption_line",
        "maximum_words_per_minute",
    }
