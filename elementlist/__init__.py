"""elementlist: cielo24 ElementLists → captions and transcripts, offline and fast."""

from . import gcpause
from ._version import __version__
from .caption import build_captions, get_caption
from .captions import Caption, DocumentInfo
from .decode import dumpb, dumps, load, loads
from .errors import ElementListError, Error, InvalidDocumentError, OptionError
from .model import ElementList, Meta, Segment, Sequence, Speaker, TimeRange, Token
from .options import CaptionOptions, TranscriptOptions
from .tokens import TokenTable, build_token_table
from .validate import Report, Violation, validate

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
    "load",
    "loads",
    "validate",
]
