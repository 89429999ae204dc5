"""get_caption, get_transcript and elementlist.captions take their arguments the same way:
source, format, options, then keyword-only word_lists, strict, source_name, title; the
older calling forms keep working; and a type checker agrees with the names."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT
from lxml import etree, html

import elementlist as el

PODCAST = EXAMPLES / "podcast_v3.json"
TTM = "{http://www.w3.org/ns/ttml#metadata}"


def _parameters(fn: object) -> list[tuple[str, str]]:
    return [(p.name, p.kind.name) for p in inspect.signature(fn).parameters.values()]  # type: ignore[arg-type]


def test_the_calls_take_their_arguments_in_the_same_order() -> None:
    shared_tail = [
        ("word_lists", "KEYWORD_ONLY"),
        ("strict", "KEYWORD_ONLY"),
        ("source_name", "KEYWORD_ONLY"),
        ("title", "KEYWORD_ONLY"),
    ]
    caption = _parameters(el.get_caption)
    transcript = _parameters(el.get_transcript)
    made = _parameters(el.captions)
    assert caption[:3] == [
        ("source", "POSITIONAL_OR_KEYWORD"),
        ("caption_format", "POSITIONAL_OR_KEYWORD"),
        ("options", "POSITIONAL_OR_KEYWORD"),
    ]
    # positional only: file_format= as a keyword is the option (so that the older
    # get_transcript(source, options, file_format="html") still binds)
    assert transcript[:3] == [
        ("source", "POSITIONAL_ONLY"),
        ("file_format", "POSITIONAL_ONLY"),
        ("options", "POSITIONAL_OR_KEYWORD"),
    ]
    assert made[:2] == caption[:1] + caption[2:3]
    assert caption[3:7] == transcript[3:7] == made[2:6] == shared_tail
    assert caption[-1] == transcript[-1] == made[-1] == ("option_values", "VAR_KEYWORD")


def test_get_transcript_takes_the_format_second_and_the_older_forms_too() -> None:
    doc = el.load(PODCAST)
    page = el.get_transcript(doc, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert el.get_transcript(doc, file_format="html") == page
    assert el.get_transcript(doc, options=el.TranscriptOptions(file_format="html")) == page
    assert el.get_transcript(doc, el.TranscriptOptions(file_format="html")) == page  # older
    assert el.get_transcript(doc, el.TranscriptOptions(), file_format="html") == page  # older
    assert el.get_transcript(doc, "html", file_format="html") == page
    # the format argument wins over the options' file_format, as keywords do
    assert el.get_transcript(doc, "html", el.TranscriptOptions(file_format="txt")) == page
    text = el.get_transcript(doc)
    assert not text.startswith("<") and el.get_transcript(doc, "txt") == text
    assert el.get_transcript(doc, None, el.TranscriptOptions()) == text
    wide = el.get_transcript(doc, "txt", el.TranscriptOptions(), timecode_interval=30000)
    assert wide == el.get_transcript(doc, el.TranscriptOptions(timecode_interval=30000)) != text


def test_get_transcript_refuses_options_twice_and_a_number_for_a_format() -> None:
    doc = el.load(PODCAST)
    with pytest.raises(el.OptionError) as info:
        el.get_transcript(doc, el.TranscriptOptions(), el.TranscriptOptions())  # type: ignore[arg-type]
    assert str(info.value) == (
        "get_transcript: options given twice (a TranscriptOptions in the place of "
        "file_format, and options=)"
    )
    with pytest.raises(el.OptionError) as info:
        el.get_transcript(doc, 5)  # type: ignore[arg-type]
    assert str(info.value) == "file_format must be 'txt' or 'html', not int"
    with pytest.raises(el.OptionError, match="file_format=pdf is not supported offline"):
        el.get_transcript(doc, "pdf")
    with pytest.raises(el.OptionError) as info:
        el.get_transcript(doc, "html", file_format="txt")
    assert str(info.value) == "file_format given twice, as 'html' and file_format='txt'"


def test_source_name_titles_every_output_alike() -> None:
    """A document held in memory gets the title and job id of the name it goes by."""
    data = PODCAST.read_bytes()
    dfxp = el.get_caption(data, "dfxp", source_name="cielo24:ABC123")
    root = etree.fromstring(dfxp.encode("utf-8"))
    assert root.findtext(f".//{TTM}title") == "ABC123"
    assert "ABC123" in root.findtext(f".//{TTM}desc")
    page = el.get_transcript(data, "html", source_name="cielo24:ABC123")
    assert html.fromstring(page.encode("utf-8")).findtext(".//title") == "ABC123"
    made = el.captions(data, source_name="talks/ep12.json")
    assert (made.info.title, made.info.job_id, made.info.language) == ("ep12", "", "en-US")
    assert el.get_caption(PODCAST, "dfxp") == el.get_caption(data, "dfxp", source_name=str(PODCAST))


def test_title_replaces_the_title_in_both_calls() -> None:
    dfxp = el.get_caption(PODCAST, "dfxp", title="Kitchen Table")
    assert etree.fromstring(dfxp.encode()).findtext(f".//{TTM}title") == "Kitchen Table"
    page = el.get_transcript(PODCAST, "html", title="Kitchen Table")
    assert html.fromstring(page.encode()).findtext(".//title") == "Kitchen Table"
    info = el.DocumentInfo(language="de", title="x", job_id="J")
    made = el.captions(PODCAST, info=info, title="Y")
    assert made.info == el.DocumentInfo(language="de", title="Y", job_id="J")
    with pytest.raises(TypeError, match="give info or source_name, not both"):
        el.captions(PODCAST, info=info, source_name="a.json")


def test_get_caption_is_captions_then_to() -> None:
    for options in ({}, {"lines_per_caption": 1, "line_ending_format": "OSX"}):
        for fmt in ("SRT", "vtt", "DFXP", "sami", "QT"):
            assert el.get_caption(PODCAST, fmt, **options) == el.captions(PODCAST, **options).to(
                fmt
            )


def test_a_bad_format_is_refused_before_the_document_is_read(tmp_path: Path) -> None:
    with pytest.raises(el.OptionError, match="unknown caption_format"):
        el.get_caption(tmp_path / "missing.json", "srtx")


def test_strict_refuses_in_every_call() -> None:
    from conftest import REAL_EXAMPLE

    for call in (
        lambda: el.captions(REAL_EXAMPLE, strict=True),
        lambda: el.get_caption(REAL_EXAMPLE, "SRT", strict=True),
        lambda: el.get_transcript(REAL_EXAMPLE, "txt", strict=True),
    ):
        with pytest.raises(el.InvalidDocumentError, match="0 error\\(s\\) and 4 warning\\(s\\)"):
            call()


def test_a_type_checker_agrees_with_the_public_names(tmp_path: Path) -> None:
    """mypy (strict) on a user's script: elementlist.captions is callable and gives a
    Captions, the subpackage's modules import by ``from``, the older calls type-check."""
    script = tmp_path / "user.py"
    script.write_text(
        "import elementlist\n"
        "from elementlist.captions.model import Caption\n"
        "from elementlist.captions.timing import time_captions\n"
        "from elementlist.writers import FORMATS\n"
        "c: elementlist.Captions = elementlist.captions('x.json', lines_per_caption=1)\n"
        "first: Caption = c[0]\n"
        "part: elementlist.Captions = c[1:3].shift(100).filter(lambda x: x.end > 5)\n"
        "text: str = part.map_text(str.upper).to('srt', line_ending_format='WINDOWS')\n"
        "c.save('out.vtt')\n"
        "old: str = elementlist.get_transcript('x.json', elementlist.TranscriptOptions())\n"
        "new: str = elementlist.get_transcript('x.json', 'html', title='T')\n"
        "srt: str = elementlist.get_caption('x.json', 'SRT', source_name='cielo24:ABC')\n"
        "extensions: tuple[str, ...] = FORMATS['SRT'].extensions\n"
        "reveal_type(time_captions)\n",
        "utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"MYPYPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    lines = [line for line in out.stdout.splitlines() if "user.py" in line]
    assert len(lines) == 1 and "Revealed type is" in lines[0], out.stdout + out.stderr
    assert "SpokenCaptions" in lines[0]
