"""elementlist: cielo24 ElementLists → captions and transcripts, offline and fast."""

from ._version import __version__
from .captions.api import build_captions, get_caption
from .captions.model import Caption, DocumentInfo
from .document.decode import dumpb, dumps, load, loads
from .document.model import ElementList, Meta, Segment, Sequence, Speaker, TimeRange, Token
from .document.validate import Report, Violation, validate
from .errors import ElementListError, Error, InvalidDocumentError, OptionError
from .options.classes import CaptionOptions, TranscriptOptions
from .table.from_model import build_token_table
from .table.token_table import TokenTable
from .transcripts.api import get_transcript

__all__ = [
    "Caption",
    "CaptionOptions",
    "DocumentInfo",
    "ElementList",
    "ElementListError",
    "Error",
    "InvalidDocumentError",
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
    "dumpb",
    "dumps",
    "get_caption",
    "get_transcript",
    "load",
    "loads",
    "validate",
]
