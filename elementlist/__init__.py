"""elementlist: cielo24 ElementLists → captions and transcripts, offline and fast.

``elementlist.captions(source, ...)`` is the function that makes a :class:`Captions` value;
it is bound here over the name of the ``elementlist.captions`` subpackage, which is reached
with ``from elementlist.captions.<module> import ...`` (docs/captions.md, "Names").

``elementlist.load(source, input_format="auto")`` reads an ElementList or any other source
we import (Whisper, Deepgram, SRT … : docs/sources.md); every call that takes a source takes
``input_format=`` the same way.
"""

from ._version import __version__
from .captions.api import build_captions, captions, get_caption
from .captions.model import Caption, DocumentInfo
from .captions.value import Captions
from .document.decode import dumpb, dumps, loads
from .document.model import ElementList, Meta, Segment, Sequence, Speaker, TimeRange, Token
from .document.validate import Report, Violation
from .errors import (
    CaptionError,
    CharacterWarning,
    ElementListError,
    ElementListWarning,
    Error,
    InvalidDocumentError,
    LayoutWarning,
    OptionError,
)
from .importers.route import load, validate
from .options.classes import CaptionOptions, TranscriptOptions
from .quality.api import check
from .table.from_model import build_token_table
from .table.token_table import TokenTable
from .transcripts.api import get_transcript

__all__ = [
    "Caption",
    "CaptionError",
    "CaptionOptions",
    "Captions",
    "CharacterWarning",
    "DocumentInfo",
    "ElementList",
    "ElementListError",
    "ElementListWarning",
    "Error",
    "InvalidDocumentError",
    "LayoutWarning",
    "Meta",
    "OptionError",
    "Report",
    "Segment",
    "Sequence",
    "Speaker",
    "TimeRange",
    "Token",
    "TokenTable",
    "TranscriptOptions",
    "Violation",
    "__version__",
    "build_captions",
    "build_token_table",
    "captions",
    "check",
    "dumpb",
    "dumps",
    "get_caption",
    "get_transcript",
    "load",
    "loads",
    "validate",
]
