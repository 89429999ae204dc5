"""DFXP (TTML 1): checked with lxml (namespaces, times) and read back by pycaption."""

from __future__ import annotations

import warnings
from typing import Any

import pycaption
import pytest
from caption_cases import INFO, LATE, TRICKY, TRICKY_LINES, caption_lists
from hypothesis import given, settings
from lxml import etree

from elementlist.captions.model import Caption, DocumentInfo
from elementlist.errors import OptionError
from elementlist.options.classes import CaptionOptions
from elementlist.timecodes import parse_timestamp
from elementlist.writers import render_captions

TT = "http://www.w3.org/ns/ttml"
TTM = "http://www.w3.org/ns/ttml#metadata"
TTS = "http://www.w3.org/ns/ttml#styling"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"tt": TT, "ttm": TTM, "tts": TTS}
OPTIONS = CaptionOptions()


def _parse(text: str) -> Any:
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<tt ")
    return etree.fromstring(text.encode("utf-8"))


def _paragraphs(root: Any) -> list[tuple[int, int, tuple[str, ...]]]:
    """Each <p> as (begin ms, end ms, lines), lines split at <br/>."""
    out = []
    for p in root.iterfind("tt:body/tt:div/tt:p", NS):
        lines = [p.text or ""]
        for child in p:
            assert child.tag == f"{{{TT}}}br"
            lines.append(child.tail or "")
        text = tuple(line for line in lines if line)
        out.append(
            (parse_timestamp(p.get("begin"), "dfxp"), parse_timestamp(p.get("end"), "dfxp"), text)
        )
    return out


def _pycaption(text: str) -> list[tuple[int, int, str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        captions = pycaption.DFXPReader().read(text)
    (language,) = captions.get_languages()
    return [(c.start // 1000, c.end // 1000, c.get_text()) for c in captions.get_captions(language)]


def test_tricky_captions_structure_and_read_back() -> None:
    text = render_captions((*TRICKY, LATE), "DFXP", OPTIONS, INFO)
    root = _parse(text)
    assert root.tag == f"{{{TT}}}tt"
    assert root.get(XML_LANG) == "en-US"
    assert root.nsmap[None] == TT and root.nsmap["tts"] == TTS and root.nsmap["ttm"] == TTM
    assert [etree.QName(child).localname for child in root] == ["head", "body"]
    expected = [(c.start, c.end, lines) for c, lines in zip(TRICKY, TRICKY_LINES, strict=True)]
    expected.append((LATE.start, LATE.end, LATE.lines))
    assert _paragraphs(root) == expected
    assert 'begin="100:00:12.345" end="100:00:23.456"' in text
    assert _pycaption(text) == [(s, e, "\n".join(lines)) for s, e, lines in expected]


def test_body_refers_to_declared_style_and_region() -> None:
    root = _parse(render_captions(TRICKY, "DFXP", OPTIONS, INFO))
    body = root.find("tt:body", NS)
    style = root.find("tt:head/tt:styling/tt:style", NS)
    region = root.find("tt:head/tt:layout/tt:region", NS)
    assert body.get("style") == style.get(XML_ID)
    assert body.get("region") == region.get(XML_ID)


def test_metadata_holds_title_job_id_and_language() -> None:
    root = _parse(render_captions(TRICKY, "DFXP", OPTIONS, INFO))
    (metadata,) = root.findall("tt:head/tt:metadata", NS)
    assert [(etree.QName(e).localname, e.text) for e in metadata] == [
        ("title", 'Tea & <Biscuits> "quoted"'),
        ("desc", "job_id: 64bea283eff6475ea6596027a6ba0929"),
        ("desc", "language: en-US"),
    ]
    assert all(etree.QName(e).namespace == TTM for e in metadata)


def test_each_document_gets_its_own_metadata_from_the_shared_skeleton() -> None:
    """The document around the body is made once per language, header and metadata and
    reused: documents that differ only there each get their own, in any order, and the
    body is always the one rendered."""
    first = DocumentInfo(language="en", title="First talk", job_id="a1")
    second = DocumentInfo(language="fr", title="Second talk", job_id="b2")
    for info in (first, second, first, DocumentInfo(language="en")):
        root = _parse(render_captions(TRICKY, "DFXP", OPTIONS, info))
        texts = [e.text for e in root.find("tt:head/tt:metadata", NS)]
        expected = [info.title] if info.title else []
        expected += [f"job_id: {info.job_id}"] if info.job_id else []
        assert texts == [*expected, f"language: {root.get(XML_LANG)}"]
        assert [lines for _, _, lines in _paragraphs(root)] == list(TRICKY_LINES)


def test_metadata_leaves_out_what_is_unknown() -> None:
    root = _parse(render_captions(TRICKY, "DFXP", OPTIONS, DocumentInfo()))
    assert root.get(XML_LANG) == "und"
    assert [e.text for e in root.find("tt:head/tt:metadata", NS)] == ["language: und"]


def test_include_dfxp_metadata_false_leaves_it_out() -> None:
    text = render_captions(TRICKY, "DFXP", CaptionOptions(include_dfxp_metadata=False), INFO)
    root = _parse(text)
    assert root.find("tt:head/tt:metadata", NS) is None
    assert "Biscuits" not in text and "64bea283" not in text
    assert root.get(XML_LANG) == "en-US"
    assert len(_pycaption(text)) == len(TRICKY)


@pytest.mark.parametrize(
    ("language", "tag"),
    [
        ("EN_US", "en-US"),
        ("en", "en"),
        ("en-gb", "en-GB"),
        ("zh_hans_cn", "zh-Hans-CN"),
        ("es_419", "es-419"),
        ("", "und"),
        ("English (US)", "und"),
    ],
)
def test_language_becomes_bcp47(language: str, tag: str) -> None:
    root = _parse(render_captions(TRICKY[:1], "DFXP", OPTIONS, DocumentInfo(language=language)))
    assert root.get(XML_LANG) == tag


def test_empty_list_is_valid_ttml() -> None:
    text = render_captions([], "DFXP", OPTIONS, INFO)
    root = _parse(text)
    assert root.find("tt:body/tt:div", NS) is not None
    assert _paragraphs(root) == []
    with warnings.catch_warnings(), pytest.raises(pycaption.CaptionReadNoCaptions):
        warnings.simplefilter("ignore")
        pycaption.DFXPReader().read(text)


def test_characters_xml_cannot_carry_are_dropped() -> None:
    root = _parse(render_captions([Caption(0, 5, ("bell\x07 here\x0b",))], "DFXP", OPTIONS))
    assert _paragraphs(root) == [(0, 5, ("bell here",))]


@settings(max_examples=60, deadline=None)
@given(caption_lists())
def test_any_captions_round_trip(captions: list[Caption]) -> None:
    text = render_captions(captions, "DFXP", OPTIONS, INFO)
    assert _paragraphs(_parse(text)) == [(c.start, c.end, c.lines) for c in captions]
    if captions:
        read = _pycaption(text)
        assert [(s, e) for s, e, _ in read] == [(c.start, c.end) for c in captions]
        # pycaption (through BeautifulSoup) "repairs" some non-ASCII text it takes for
        # mojibake (it reads "Â¡" as "¡"); lxml above checks every text exactly
        for (_, _, shown), c in zip(read, captions, strict=True):
            if c.text.isascii():
                assert shown == c.text


CUSTOM_HEAD = (
    '<head xmlns:tts="http://www.w3.org/ns/ttml#styling">'
    '<styling><style xml:id="yellow" tts:color="yellow"/></styling>'
    '<layout><region xml:id="top" tts:origin="0% 0%" tts:extent="100% 15%"/></layout>'
    "</head>"
)


def test_dfxp_header_replaces_our_head() -> None:
    options = CaptionOptions(dfxp_header=CUSTOM_HEAD, include_dfxp_metadata=False)
    root = _parse(render_captions(TRICKY, "DFXP", options, INFO))
    (head,) = root.findall("tt:head", NS)
    assert [etree.QName(e).localname for e in head] == ["styling", "layout"]
    assert head.find("tt:styling/tt:style", NS).get(f"{{{TTS}}}color") == "yellow"
    assert root.find("tt:body", NS).get("style") == "yellow"
    assert root.find("tt:body", NS).get("region") == "top"
    assert len(_pycaption(etree.tostring(root, encoding="unicode"))) == len(TRICKY)


def test_dfxp_header_gets_our_metadata_first() -> None:
    options = CaptionOptions(dfxp_header=CUSTOM_HEAD)
    root = _parse(render_captions(TRICKY, "DFXP", options, INFO))
    head = root.find("tt:head", NS)
    assert [etree.QName(e).localname for e in head] == ["metadata", "styling", "layout"]
    assert head.find("tt:metadata/ttm:title", NS).text == INFO.title


def test_dfxp_header_in_ttml_namespace_is_kept() -> None:
    header = (
        f'<head xmlns="{TT}"><metadata>'
        f'<ttm:copyright xmlns:ttm="{TTM}">me</ttm:copyright></metadata></head>'
    )
    options = CaptionOptions(dfxp_header=header, include_dfxp_metadata=False)
    root = _parse(render_captions(TRICKY, "DFXP", options, INFO))
    assert root.find("tt:head/tt:metadata/ttm:copyright", NS).text == "me"
    body = root.find("tt:body", NS)
    assert body.get("style") is None and body.get("region") is None


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "<head>",
            "dfxp_header is not well-formed XML: Premature end of data in tag head "
            "line 1, line 1, column 7",
        ),
        ("<body/>", "dfxp_header must be a <head> element, not <body>"),
        (
            "<x:head xmlns:x='urn:x'/>",
            "dfxp_header <head> must be in no namespace or in "
            "http://www.w3.org/ns/ttml, not in urn:x",
        ),
        (
            '<!DOCTYPE head [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><head>&xxe;</head>',
            "dfxp_header must not carry a DOCTYPE",
        ),
        (
            '<!DOCTYPE head [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><head>&b;</head>',
            "dfxp_header must not carry a DOCTYPE",
        ),
        (
            "<head>&nbsp;</head>",
            "dfxp_header is not well-formed XML: Entity 'nbsp' not defined, line 1, column 13",
        ),
    ],
)
def test_bad_dfxp_header_is_refused(header: str, message: str) -> None:
    with pytest.raises(OptionError) as caught:
        render_captions(TRICKY, "DFXP", CaptionOptions(dfxp_header=header), INFO)
    assert str(caught.value) == message
    assert (caught.value.option, caught.value.value) == ("dfxp_header", header)


def test_blank_dfxp_header_means_ours() -> None:
    ours = render_captions(TRICKY, "DFXP", OPTIONS, INFO)
    assert render_captions(TRICKY, "DFXP", CaptionOptions(dfxp_header="  \n"), INFO) == ours


def _built_by_lxml(captions: list[Caption]) -> bytes:
    """The document with every <p> built as lxml elements and pretty-printed by lxml: what
    the writer writes its paragraphs as text to match."""
    from elementlist.writers.text import visible_lines, xml_safe

    empty = render_captions([], "DFXP", OPTIONS, INFO).encode("utf-8")
    root = etree.fromstring(empty, etree.XMLParser(remove_blank_text=True))
    div = root.find("tt:body/tt:div", NS)
    for c in captions:
        p = etree.SubElement(div, f"{{{TT}}}p", begin=_clock(c.start), end=_clock(c.end))
        lines = [xml_safe(line) for line in visible_lines(c.lines)]
        if lines:
            p.text = lines[0]
            for line in lines[1:]:
                etree.SubElement(p, f"{{{TT}}}br").tail = line
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _clock(ms: int) -> str:
    from elementlist.timecodes import format_timestamp

    return format_timestamp(ms, "dfxp")


ESCAPED = Caption(0, 9, ("a & b < c > d \"e\" 'f'", "x\ry\tz ]]>", "\x07"))


@settings(max_examples=80, deadline=None)
@given(caption_lists())
def test_the_paragraphs_are_the_bytes_lxml_writes(captions: list[Caption]) -> None:
    """Written as text, the body is byte for byte what lxml makes of the same elements:
    escaping (& < > and a carriage return), blank and dropped lines, empty captions."""
    for each in (captions, [*captions, ESCAPED, Caption(9, 10, ())]):
        text = render_captions(each, "DFXP", OPTIONS, INFO)
        assert text.encode("utf-8") == _built_by_lxml(each)
