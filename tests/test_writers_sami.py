"""SAMI: read by an HTML5 parser (html5lib, as browsers and players see markup) for exact
text and timing, and by pycaption's and pysubs2's SAMI readers."""

from __future__ import annotations

import warnings
from typing import Any

import html5lib
import pycaption
import pysubs2
import pytest
from caption_cases import INFO, LATE, TRICKY, TRICKY_LINES, caption_lists
from hypothesis import given, settings

from elementlist.captions.model import Caption, DocumentInfo
from elementlist.options.classes import CaptionOptions
from elementlist.writers import render_captions

OPTIONS = CaptionOptions()
NBSP = "\u00a0"

Sync = tuple[int, str, tuple[str, ...]]


def read_syncs(text: str) -> list[Sync]:
    """Every SYNC as (Start, the P's class, its lines split at <br>)."""
    tree = html5lib.parse(text, treebuilder="lxml", namespaceHTMLElements=False)
    syncs = []
    for sync in tree.iter("sync"):
        (p,) = sync.findall("p")
        lines = [p.text or ""]
        for child in p:
            assert child.tag == "br"
            lines.append(child.tail or "")
        syncs.append((int(sync.get("start")), p.get("class"), tuple(lines)))
    return syncs


def _pycaption(text: str) -> tuple[list[str], list[Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        captions = pycaption.SAMIReader().read(text)
    languages = captions.get_languages()
    return languages, captions.get_captions(languages[0])


def _expected_syncs(captions: list[Caption], lines: list[tuple[str, ...]]) -> list[Sync]:
    out: list[Sync] = []
    for index, (caption, text) in enumerate(zip(captions, lines, strict=True)):
        out.append((caption.start, "ENUSCC", text))
        if index + 1 == len(captions) or captions[index + 1].start != caption.end:
            out.append((caption.end, "ENUSCC", (NBSP,)))
    return out


def test_tricky_captions_read_by_html5lib() -> None:
    captions = [*TRICKY, LATE]
    text = render_captions(captions, "SAMI", OPTIONS, INFO)
    assert read_syncs(text) == _expected_syncs(captions, [*TRICKY_LINES, LATE.lines])
    tree = html5lib.parse(text, treebuilder="lxml", namespaceHTMLElements=False)
    assert tree.find(".//title").text == INFO.title
    style = tree.find(".//style").text
    assert ".ENUSCC { Name: English; lang: en-US; SAMIType: CC; }" in style


def test_tricky_captions_read_by_pycaption_and_pysubs2() -> None:
    text = render_captions(TRICKY, "SAMI", OPTIONS, INFO)
    languages, read = _pycaption(text)
    assert languages == ["en-US"]
    assert [(c.start // 1000, c.end // 1000) for c in read] == [(c.start, c.end) for c in TRICKY]
    # pycaption decodes references twice (`&amp;amp;` shows as `&`), so the last caption's
    # text is compared by html5lib above, not here
    assert [c.get_text() for c in read[:-1]] == ["\n".join(t) for t in TRICKY_LINES[:-1]]
    events = [e for e in pysubs2.SSAFile.from_string(text, format_="sami") if e.text]
    assert [(e.start, e.end, e.text) for e in events] == [
        (c.start, c.end, r"\N".join(t)) for c, t in zip(TRICKY, TRICKY_LINES, strict=True)
    ]


@pytest.mark.parametrize(
    ("language", "rule"),
    [
        ("fr_CA", ".FRCACC { Name: French; lang: fr-CA; SAMIType: CC; }"),
        ("", ".UNDCC { Name: Undetermined; lang: und; SAMIType: CC; }"),
        ("xx-yy", ".XXYYCC { Name: xx-YY; lang: xx-YY; SAMIType: CC; }"),
    ],
)
def test_language_class(language: str, rule: str) -> None:
    text = render_captions(TRICKY[:1], "SAMI", OPTIONS, DocumentInfo(language=language))
    assert rule in text
    cls = rule[1 : rule.index(" ")]
    assert {c for _, c, _ in read_syncs(text)} == {cls}
    languages, read = _pycaption(text)
    assert languages == [rule.split("lang: ")[1].split(";")[0]] and len(read) == 1


def test_abutting_captions_need_no_clearing_sync() -> None:
    captions = [Caption(0, 1000, ("a",)), Caption(1000, 2000, ("b",)), Caption(2500, 3000, ("c",))]
    starts = [s for s, _, _ in read_syncs(render_captions(captions, "SAMI", OPTIONS))]
    assert starts == [0, 1000, 2000, 2500, 3000]


def test_empty_list_is_a_valid_empty_document() -> None:
    text = render_captions([], "SAMI", OPTIONS, INFO)
    assert read_syncs(text) == []
    assert text.startswith("<SAMI>") and text.endswith("</BODY>\n</SAMI>\n")
    with warnings.catch_warnings(), pytest.raises(pycaption.CaptionReadNoCaptions):
        warnings.simplefilter("ignore")
        pycaption.SAMIReader().read(text)


@settings(max_examples=80, deadline=None)
@given(caption_lists())
def test_any_captions_round_trip(captions: list[Caption]) -> None:
    text = render_captions(captions, "SAMI", OPTIONS, INFO)
    assert read_syncs(text) == _expected_syncs(captions, [c.lines for c in captions])
    if captions:
        _, read = _pycaption(text)
        assert [(c.start // 1000, c.end // 1000) for c in read] == [
            (c.start, c.end) for c in captions
        ]
