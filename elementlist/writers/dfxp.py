"""DFXP as TTML 1 (``http://www.w3.org/ns/ttml``): the document built and escaped by lxml, the
captions' ``<p>`` elements written as lxml would write them.

Shape::

    <tt xml:lang="en-US">                      (BCP 47 from DocumentInfo.language)
      <head>
        <metadata>                             (only with include_dfxp_metadata)
          <ttm:title>job name</ttm:title>      (DocumentInfo.title, when not empty)
          <ttm:desc>job_id: …</ttm:desc>       (DocumentInfo.job_id, when not empty)
          <ttm:desc>language: en-US</ttm:desc>
        </metadata>
        <styling><style xml:id="caption" …/></styling>
        <layout><region xml:id="bottom" …/></layout>
      </head>
      <body style="caption" region="bottom"><div>
        <p begin="00:00:01.230" end="00:00:02.000">line<br/>line</p> …

``dfxp_header`` replaces our ``<head>`` with the caller's. It is parsed with entities, DTDs
and the network off; it must be one well-formed ``head`` element, in no namespace (then it
and its unqualified descendants are put into the TTML namespace) or in the TTML namespace.
With ``include_dfxp_metadata`` our ``<metadata>`` becomes its first child. The body then
refers to the header's first ``region`` and first ``style`` (TTML 1 shows nothing outside a
region once any region is declared).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from lxml import etree

from .. import kernels
from ..captions.model import Caption, DocumentInfo
from ..errors import OptionError
from ..language import bcp47
from ..options.classes import CaptionOptions
from ..table.text import clean_text
from ..timecodes import timestamp_formatter
from .text import visible_lines, xml_safe, xml_safe_all

TT = "http://www.w3.org/ns/ttml"
TTS = "http://www.w3.org/ns/ttml#styling"
TTM = "http://www.w3.org/ns/ttml#metadata"
XML = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: TT, "tts": TTS, "ttm": TTM}

STYLE_ID = "caption"
REGION_ID = "bottom"

_CLOCK = timestamp_formatter("dfxp")
# the compiled ``<p>`` writer (``_blocks``: the paragraphs and what is around them in one
# string), or None
_compiled: Any = kernels.compiled("_blocks")


def _tt(name: str) -> str:
    return f"{{{TT}}}{name}"


def _metadata(info: DocumentInfo, language: str) -> Any:
    metadata = etree.Element(_tt("metadata"), nsmap=NSMAP)
    if info.title:
        etree.SubElement(metadata, f"{{{TTM}}}title").text = xml_safe(clean_text(info.title))
    if info.job_id:
        job = clean_text(f"job_id: {info.job_id}")
        etree.SubElement(metadata, f"{{{TTM}}}desc").text = xml_safe(job)
    etree.SubElement(metadata, f"{{{TTM}}}desc").text = f"language: {language}"
    return metadata


def _default_head() -> Any:
    head = etree.Element(_tt("head"), nsmap=NSMAP)
    styling = etree.SubElement(head, _tt("styling"))
    etree.SubElement(
        styling,
        _tt("style"),
        {
            f"{{{XML}}}id": STYLE_ID,
            f"{{{TTS}}}fontFamily": "proportionalSansSerif",
            f"{{{TTS}}}fontSize": "100%",
            f"{{{TTS}}}color": "white",
            f"{{{TTS}}}textAlign": "center",
        },
    )
    layout = etree.SubElement(head, _tt("layout"))
    etree.SubElement(
        layout,
        _tt("region"),
        {
            f"{{{XML}}}id": REGION_ID,
            f"{{{TTS}}}origin": "10% 80%",
            f"{{{TTS}}}extent": "80% 20%",
            f"{{{TTS}}}displayAlign": "after",
            f"{{{TTS}}}textAlign": "center",
        },
    )
    return head


def parse_header(header: str) -> Any:
    """The caller's ``dfxp_header`` as a TTML ``head`` element, or an OptionError."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=False,
    )
    try:
        root = etree.fromstring(header.strip().encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise _header_error(header, f"is not well-formed XML: {exc.msg}") from None
    if root.getroottree().docinfo.doctype:
        raise _header_error(header, "must not carry a DOCTYPE")
    qname = etree.QName(root)
    if qname.localname != "head":
        written = f"{root.prefix}:{qname.localname}" if root.prefix else qname.localname
        raise _header_error(header, f"must be a <head> element, not <{written}>")
    if qname.namespace not in (None, TT):
        raise _header_error(
            header, f"<head> must be in no namespace or in {TT}, not in {qname.namespace}"
        )
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise _header_error(header, f"must not use entity references ({node})")
    if qname.namespace is None:
        root = _qualify(root)
    return root


def _header_error(header: str, problem: str) -> OptionError:
    return OptionError(f"dfxp_header {problem}", option="dfxp_header", value=header)


def _qualify(root: Any) -> Any:
    """A copy of ``root`` with every element in no namespace moved into TTML's."""
    for node in root.iter():
        if isinstance(node.tag, str) and etree.QName(node).namespace is None:
            node.tag = _tt(node.tag)
    head = etree.Element(_tt("head"), root.attrib, nsmap=NSMAP)
    head.text = root.text
    head.extend(list(root))
    etree.cleanup_namespaces(head, top_nsmap=NSMAP)
    return head


def _first_id(head: Any, path: str) -> str | None:
    for node in head.iterfind(path, namespaces={"tt": TT}):
        ident = node.get(f"{{{XML}}}id")
        if ident:
            return str(ident)
    return None


def write(captions: Sequence[Caption], options: CaptionOptions, info: DocumentInfo) -> str:
    language = bcp47(info.language)
    metadata = options.include_dfxp_metadata
    empty, head, tail = _document_around_body(
        language,
        options.dfxp_header,
        metadata,
        info.title if metadata else "",
        info.job_id if metadata else "",
    )
    if not captions:
        return empty
    if _compiled is not None:
        written: str | None = _compiled.dfxp_paragraphs(captions, head, tail)
        if written is not None:
            return written
    return "".join((head, *_paragraphs(captions), tail))


@lru_cache(maxsize=64)
def _document_around_body(
    language: str, header: str, metadata: bool, title: str, job_id: str
) -> tuple[str, str, str]:
    """The document without captions, and the text before and after its body's ``<p>``
    lines (the ``<div>`` that holds them included): built and serialized by lxml once per
    language, header and metadata (a document's DFXP differs from another's only in its
    ``<p>`` lines and these), not once per call. Strings only, so every call and thread may
    share them."""
    root = etree.Element(_tt("tt"), {f"{{{XML}}}lang": language}, nsmap=NSMAP)
    if header.strip():
        head = parse_header(header)
        style_id = _first_id(head, "tt:styling/tt:style")
        region_id = _first_id(head, "tt:layout/tt:region")
    else:
        head = _default_head()
        style_id, region_id = STYLE_ID, REGION_ID
    if metadata:
        head.insert(
            0, _metadata(DocumentInfo(language=language, title=title, job_id=job_id), language)
        )
    root.append(head)
    body = etree.SubElement(root, _tt("body"))
    if style_id:
        body.set("style", style_id)
    if region_id:
        body.set("region", region_id)
    div = etree.SubElement(body, _tt("div"))
    empty = _serialized(root)
    div.text = _BODY_MARK
    before, _, after = _serialized(root).rpartition(f"<div>{_BODY_MARK}</div>")
    return empty, before + "<div>\n", "    </div>" + after


def _serialized(root: Any) -> str:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data.decode("utf-8")


# The body's <p> elements are written as text, not built as lxml elements (three lxml calls
# a caption cost five times the rest of a long document's DFXP, issue 15), in the bytes lxml
# writes: each on its own line, indented as pretty_print indents the div's children, text
# escaped as lxml escapes it (tests/test_writers_dfxp.py holds the two to the same bytes).
_BODY_MARK = "elementlist-captions-go-here"
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))


def _paragraphs(captions: Sequence[Caption]) -> list[str]:
    """Each caption's ``<p>`` line. The texts are searched once, all together, for what
    must be dropped or escaped (most documents hold neither)."""
    shown = [visible_lines(caption.lines) for caption in captions]
    texts = xml_safe_all(["\n".join(lines) for lines in shown])
    whole = "\n".join(texts)
    for mark, escaped in _TEXT_ESCAPES:
        if mark in whole:
            texts = [text.replace(mark, escaped) for text in texts]
    clock = _CLOCK
    out: list[str] = []
    for caption, lines, text in zip(captions, shown, texts, strict=True):
        begin, end = clock(caption.start), clock(caption.end)
        if not lines:
            out.append(f'      <p begin="{begin}" end="{end}"/>\n')
        else:
            body = text.replace("\n", "<br/>")
            out.append(f'      <p begin="{begin}" end="{end}">{body}</p>\n')
    return out
