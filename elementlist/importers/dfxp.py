"""DFXP / TTML captions (TTML 1 and 2, IMSC, SMPTE-TT, and the 2006 DFXP namespaces).

Parsed with lxml, entities and network access off. Every ``<p>`` with a time is a cue;
``<br/>`` is a line break and other whitespace collapses to one space (XML's default).
Times follow TTML's rules: ``begin``, ``end`` or ``dur`` of an element count from its
parent's begin (``<body>``, ``<div>``, ``<p>``), so a ``<span>`` with its own ``begin`` and
``end`` inside a ``<p>`` is a timed part of the cue (word timestamps). Time expressions:
clock time ``01:02:03.500`` or ``01:02:03:12`` (frames, with ``ttp:frameRate`` and
``ttp:frameRateMultiplier``), and offsets ``1.5s``, ``1500ms``, ``2m``, ``1h``, ``12f``,
``100t`` (ticks, ``ttp:tickRate``). A ``ttm:agent`` on a ``<p>`` or ``<span>`` names the
speaker (its ``<ttm:name>`` when the head declares one). ``xml:lang`` on ``<tt>`` is the
language. See :mod:`.cues` for the words. (``timeContainer="seq"`` is read as ``par``.)
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import ElementListError
from .cues import Cue, Run, draft_of
from .draft import Draft

_XML_NS = "http://www.w3.org/XML/1998/namespace"
_PARAMETER_NAMESPACES = (
    "http://www.w3.org/ns/ttml#parameter",
    "http://www.w3.org/2006/10/ttaf1#parameter",
    "http://www.w3.org/2006/04/ttaf1#parameter",
)
_METADATA_NAMESPACES = (
    "http://www.w3.org/ns/ttml#metadata",
    "http://www.w3.org/2006/10/ttaf1#metadata",
    "http://www.w3.org/2006/04/ttaf1#metadata",
)
_CLOCK = re.compile(r"(\d+):(\d{2}):(\d{2}(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?\Z")
_OFFSET = re.compile(r"(\d+(?:\.\d+)?)(h|ms|m|s|f|t)\Z")
_WHITESPACE = re.compile(r"[ \t\r\n]+")
_DECLARATION = re.compile(r"\s*<\?xml[^>]*\?>")
_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": True,
    "remove_comments": True,
    "remove_pis": True,
}


def detect(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    return head.startswith("<") and re.search(r"<(?:[\w.-]+:)?tt[\s>/]", head) is not None


def _local(tag: Any) -> str:
    from lxml import etree  # imported when a DFXP file is read: 4 MB no other route needs

    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _attribute(element: Any, name: str, namespaces: tuple[str, ...] = ()) -> str | None:
    value = element.get(name)
    if value is not None:
        return str(value)
    for ns in namespaces:
        value = element.get(f"{{{ns}}}{name}")
        if value is not None:
            return str(value)
    return None


class _Clock:
    """TTML time expressions → ms, with the document's frame and tick rates."""

    def __init__(self, root: Any) -> None:
        def number(name: str, default: float) -> float:
            value = _attribute(root, name, _PARAMETER_NAMESPACES)
            try:
                parsed = float(value) if value is not None else default
            except ValueError:
                return default
            return parsed if parsed > 0 else default

        multiplier = _attribute(root, "frameRateMultiplier", _PARAMETER_NAMESPACES)
        ratio = 1.0
        if multiplier:
            parts = multiplier.split()
            try:
                if len(parts) == 2 and float(parts[1]) > 0:
                    ratio = float(parts[0]) / float(parts[1])
            except ValueError:
                ratio = 1.0
        self.frame_rate = number("frameRate", 30.0) * ratio
        self.sub_frame_rate = number("subFrameRate", 1.0)
        self.tick_rate = number(
            "tickRate",
            self.frame_rate if _attribute(root, "frameRate", _PARAMETER_NAMESPACES) else 1.0,
        )

    def ms(self, value: str | None) -> float | None:
        if value is None:
            return None
        text = value.strip()
        m = _CLOCK.match(text)
        if m is not None:
            hours, minutes, seconds, frames = m.groups()
            total = (int(hours) * 3600 + int(minutes) * 60 + float(seconds)) * 1000.0
            if frames:
                total += float(frames) * 1000.0 / self.frame_rate
            return total
        m = _OFFSET.match(text)
        if m is None:
            return None
        count, unit = float(m.group(1)), m.group(2)
        scale = {
            "h": 3_600_000.0,
            "m": 60_000.0,
            "s": 1000.0,
            "ms": 1.0,
            "f": 1000.0 / self.frame_rate,
            "t": 1000.0 / self.tick_rate,
        }[unit]
        return count * scale


def _agents(root: Any) -> dict[str, str]:
    """``xml:id`` of each ``ttm:agent`` → its name (its ``ttm:name``, else the id)."""
    out: dict[str, str] = {}
    for element in root.iter():
        if _local(element.tag) != "agent":
            continue
        ident = element.get(f"{{{_XML_NS}}}id") or element.get("id")
        if not ident:
            continue
        name = next(
            (
                " ".join((child.text or "").split())
                for child in element
                if _local(child.tag) == "name" and (child.text or "").strip()
            ),
            ident,
        )
        out[ident] = name
    return out


class _Reader:
    def __init__(self, root: Any) -> None:
        self.clock = _Clock(root)
        self.agents = _agents(root)
        self.cues: list[Cue] = []

    def span(self, element: Any, parent_begin: float) -> tuple[float | None, float | None]:
        begin = self.clock.ms(element.get("begin"))
        end = self.clock.ms(element.get("end"))
        dur = self.clock.ms(element.get("dur"))
        start = None if begin is None else parent_begin + begin
        base = parent_begin if start is None else start
        stop = None
        if end is not None:
            stop = parent_begin + end
        elif dur is not None:
            stop = base + dur
        return start, stop

    def voice(self, element: Any, inherited: str | None) -> str | None:
        agent = _attribute(element, "agent", _METADATA_NAMESPACES)
        if not agent:
            return inherited
        first = agent.split()[0]
        return self.agents.get(first, first)

    def walk(self, element: Any, begin: float, voice: str | None) -> None:
        """Find the cues (``<p>``) below ``element``, whose begin is ``begin``."""
        for child in element:
            name = _local(child.tag)
            if name in ("head", "metadata", "styling", "layout"):
                continue
            start, stop = self.span(child, begin)
            if name == "p":
                self.paragraph(child, begin if start is None else start, stop, begin, voice)
            else:
                self.walk(child, begin if start is None else start, self.voice(child, voice))

    def paragraph(
        self, p: Any, start: float, stop: float | None, parent_begin: float, voice: str | None
    ) -> None:
        if p.get("begin") is None and stop is None and not _has_timed_span(p):
            return  # a paragraph without any time: nothing to place it at
        runs: list[Run] = []
        self.inline(p, start, self.voice(p, voice), runs, timed=False)
        cue_end = None if stop is None else _ms(stop)
        self.cues.append(Cue(_ms(start), cue_end, _collapsed(runs)))

    def inline(
        self, element: Any, begin: float, voice: str | None, runs: list[Run], timed: bool
    ) -> None:
        if element.text:
            _append(runs, element.text, voice)
        for child in element:
            name = _local(child.tag)
            if name == "br":
                _append(runs, "\n", voice)
            elif name in ("metadata", "set", "animate"):
                pass
            else:
                start, stop = self.span(child, begin)
                child_voice = self.voice(child, voice)
                if name == "span" and (start is not None or stop is not None) and not timed:
                    runs.append(
                        Run(
                            "",
                            _ms(start) if start is not None else None,
                            _ms(stop) if stop is not None else None,
                            child_voice,
                        )
                    )
                    self.inline(child, begin if start is None else start, child_voice, runs, True)
                    runs.append(Run("", None, None, voice))  # the text after it is untimed
                else:
                    self.inline(child, begin if start is None else start, child_voice, runs, timed)
            if child.tail:
                _append(runs, child.tail, voice)


def _has_timed_span(p: Any) -> bool:
    return any(e.get("begin") is not None for e in p.iter() if e is not p)


def _ms(value: float) -> int | None:
    if value != value or value < 0 or value > 604_800_000:
        return None
    return int(value + 0.5)


def _append(runs: list[Run], text: str, voice: str | None) -> None:
    if not runs or (runs[-1].voice != voice and runs[-1].text):
        runs.append(Run("", None, None, voice))
    elif runs[-1].voice != voice:
        runs[-1].voice = voice
    runs[-1].text += text


def _collapsed(runs: list[Run]) -> list[Run]:
    """XML whitespace: each run of spaces and line breaks is one space; ``<br/>`` (kept as
    ``\\n``) is the only line break."""
    out = []
    for run in runs:
        parts = run.text.split("\n")
        text = "\n".join(_WHITESPACE.sub(" ", part) for part in parts)
        if text.strip() or run.start is not None:
            out.append(Run(text, run.start, run.end, run.voice))
    return out


def read_cues(text: str, name: str | None) -> tuple[list[Cue], str | None]:
    """The file's cues (every timed ``<p>``) and its ``xml:lang`` (None when absent)."""
    from lxml import etree  # see _local

    parser = etree.XMLParser(**_PARSER_OPTIONS)
    body = _DECLARATION.sub("", text.lstrip("\ufeff"), count=1)  # decoded already: no encoding
    try:
        root = etree.fromstring(body.encode("utf-8", "surrogatepass"), parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise ElementListError(
            f"XML is malformed: {exc.msg}", line=line, column=column, source=name
        ) from None
    except ValueError as exc:  # lxml refuses some inputs outright (an encoding declaration …)
        raise ElementListError(f"XML is malformed: {exc}", source=name) from None
    if _local(root.tag) != "tt":
        raise ElementListError(
            f"not TTML: the root element is <{_local(root.tag)}>, not <tt>", source=name
        )
    reader = _Reader(root)
    for child in root:
        if _local(child.tag) == "body":
            start, _stop = reader.span(child, 0.0)
            reader.walk(child, 0.0 if start is None else start, reader.voice(child, None))
    if not reader.cues:
        raise ElementListError("no cues: no <p> with a begin time", source=name)
    language = root.get(f"{{{_XML_NS}}}lang")
    return reader.cues, language or None


def read(text: str, name: str | None) -> Draft:
    cues, language = read_cues(text, name)
    return draft_of(cues, language=language)
