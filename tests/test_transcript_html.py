"""The HTML transcript: valid for lxml, html5lib (strict) and headless Chromium; same paragraphs
and words as the text transcript."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import lxml.html
import pytest
from browser import render_dom
from conftest import REAL_EXAMPLE
from transcript_docs import make_doc, turn

import elementlist
from elementlist.options.classes import TranscriptOptions
from elementlist.table.from_model import build_token_table
from elementlist.table.transforms import apply_transforms
from elementlist.transcripts import get_transcript, layout_transcript

EXAMPLES = Path(__file__).parent.parent / "examples"
REAL = REAL_EXAMPLE
PODCAST = EXAMPLES / "podcast_v3.json"

TRICKY = make_doc(
    [
        turn(1, "Tom & Jerry <script>alert(1)</script> said \"hi\" 'there'. A < B > C."),
        turn(2, "Control\x07char and \u2028line sep and \ufdd0 nonchar. Done."),
        turn(1, "[MUSIC] Emoji 👍 café."),
    ],
    names={1: "<b>Ann & Co</b>", 2: 'Tim "T"'},
)

OPTION_SETS = [
    {},
    {"create_paragraphs": False},
    {"create_paragraphs": False, "timecode_interval": 2000, "newlines_after_sentence": 2},
    {"timecode_interval": 3000, "timecode_every_paragraph": False},
    {"newlines_after_paragraph": 0, "remove_sound_references": False},
    {"newlines_after_paragraph": 4, "sound_boundaries": ("<", ">")},
    {"emit_speaker_change_tokens_as": "<&>", "timecode_format": "<%H:%M:%S> & %%"},
]


def html_of(source: object, **values: object) -> str:
    return get_transcript(source, file_format="html", **values)


def strict_parse(page: str) -> None:
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


def lxml_parse(page: str) -> lxml.html.HtmlElement:
    parser = lxml.html.HTMLParser(recover=False)
    root = lxml.html.document_fromstring(page.encode("utf-8"), parser=parser)
    assert len(parser.error_log) == 0, list(parser.error_log)
    return root


@pytest.mark.parametrize("values", OPTION_SETS)
@pytest.mark.parametrize("source", [REAL, PODCAST, TRICKY], ids=["real", "podcast", "tricky"])
def test_the_page_parses_without_errors(source: object, values: dict) -> None:
    page = html_of(source, **values)
    strict_parse(page)
    root = lxml_parse(page)
    assert root.tag == "html"
    assert page.startswith("<!DOCTYPE html>\n")
    assert root.find("head/meta").get("charset") == "utf-8"
    assert root.findtext("head/title")
    assert root.find("head/style") is not None


def test_the_document_shape() -> None:
    page = html_of(PODCAST)
    root = lxml_parse(page)
    assert root.get("lang") == "en-US"
    assert root.findtext("head/title") == "podcast_v3"
    assert html_of(REAL, title="Braising") != page
    assert lxml_parse(html_of(REAL)).get("lang") == "en-US"  # EN_US in the data
    assert lxml_parse(html_of(REAL, title="Braising & more")).findtext("head/title") == (
        "Braising & more"
    )
    assert lxml_parse(html_of(make_doc([turn(1, "Hi.")], language=""))).get("lang") == "und"


def test_text_is_escaped_and_marked_up() -> None:
    page = html_of(TRICKY, remove_sound_references=False)
    assert "<script>" not in page and "<b>" not in page
    root = lxml_parse(page)
    speakers = [s.text_content() for s in root.find_class("speaker")]
    assert speakers == [">> <b>Ann & Co</b>:", '>> Tim "T":', ">> <b>Ann & Co</b>:"]
    assert [s.text_content() for s in root.find_class("sound")] == ["[MUSIC]"]
    body = root.find("body").text_content()
    assert "Tom & Jerry <script>alert(1)</script>" in body
    assert "\x07" not in body and "\ufdd0" not in body and "Controlchar" in body


def test_timecodes_are_time_elements_with_durations() -> None:
    root = lxml_parse(html_of(PODCAST, timecode_interval=30000, timecode_offset=1000))
    times = root.findall(".//time")
    assert len(times) > 17
    for element in times:
        assert element.get("class") == "timecode"
        h, m, s, f = (int(x) for x in re.fullmatch(
            r"\[(\d\d):(\d\d):(\d\d)\.(\d{3})\]", element.text_content()).groups())  # fmt: skip
        seconds, millis = element.get("datetime")[2:-1].split(".")
        assert int(seconds) * 1000 + int(millis) == ((h * 60 + m) * 60 + s) * 1000 + f


@pytest.mark.parametrize(("count", "declaration"), [
    (0, "display: inline; margin: 0;"), (1, "margin: 0 0 0em;"), (2, "margin: 0 0 1.6em;"),
    (3, "margin: 0 0 3.2em;"),
])  # fmt: skip
def test_newlines_after_paragraph_set_the_paragraph_spacing(count: int, declaration: str) -> None:
    style = lxml_parse(html_of(PODCAST, newlines_after_paragraph=count)).findtext("head/style")
    assert f".transcript > p {{ {declaration} }}" in style


@pytest.mark.parametrize("values", OPTION_SETS[:4])
@pytest.mark.parametrize("source", [REAL, PODCAST], ids=["real", "podcast"])
def test_paragraphs_have_the_text_of_the_txt_transcript(source: Path, values: dict) -> None:
    options = TranscriptOptions.from_mapping(values)
    table = apply_transforms(build_token_table(elementlist.load(source)), options)
    expected = [p.text for p in layout_transcript(table, options).paragraphs]
    paragraphs = lxml_parse(html_of(source, **values)).findall("body/main/p")
    assert [p.text_content() for p in paragraphs] == expected
    txt = get_transcript(source, **values)
    assert txt.split() == " ".join(expected).split()


@pytest.mark.browser
@pytest.mark.parametrize("source", [PODCAST, REAL], ids=["podcast", "real"])
def test_chromium_reads_back_the_paragraphs(source: Path, tmp_path: Path) -> None:
    values = {"timecode_interval": 20000, "newlines_after_sentence": 1}
    page = tmp_path / "transcript.html"
    page.write_text(html_of(source, **values), encoding="utf-8")
    dom = lxml.html.document_fromstring(render_dom(page))
    paragraphs = dom.xpath("//main[@class='transcript']/p")
    txt = get_transcript(source, **values)
    written = txt.rstrip("\n").split("\n\n")
    assert len(paragraphs) == len(written) > 10
    assert [p.text_content() for p in paragraphs] == written
    assert dom.xpath("string(/html/@lang)") == "en-US"
