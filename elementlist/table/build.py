"""The one route from any source to its TokenTable: :func:`table_of`.

A model goes through :mod:`~elementlist.table.from_model`, unless it is a loaded document
whose tree is not built yet: then its table is made from what the scanner read when it
was loaded, which the first rendering takes over (and may let go of as it goes), or, for
a later one, from its bytes again
(:func:`~elementlist.document.model.scanned_for_rendering`).
Bytes, JSON text and paths go straight from the bytes
(:mod:`~elementlist.table.from_bytes`); a TokenTable is taken as it is. ``strict``
validation is part of the route, so every caller refuses alike.
"""

from __future__ import annotations

from typing import Any

from ..document.decode import load, source_bytes
from ..document.model import ElementList, scanned_for_rendering
from ..document.validate import refuse_violations, require_valid
from .from_bytes import table_and_report, table_from_bytes, table_of_scan
from .from_model import build_token_table
from .token_table import TokenTable


def table_of(source: ElementList | TokenTable | Any, *, strict: bool = False) -> TokenTable:
    """The TokenTable of any source :func:`elementlist.load` takes, of an ElementList, or a
    TokenTable as it is (a batch builds one for several outputs): straight from the bytes
    when it can be. With ``strict`` the document is validated first and any violation
    raises :class:`InvalidDocumentError` (from the bytes, the model is built only when
    there is a violation to report)."""
    if isinstance(source, TokenTable):
        if strict:
            raise TypeError("strict=True needs the document, not a TokenTable")
        return source
    if isinstance(source, ElementList):
        if strict:
            require_valid(source)  # decodes the tree
        held = scanned_for_rendering(source)  # loaded, and its tree not built since
        if held is None:
            return build_token_table(source)
        scanned, data = held
        return table_of_scan(scanned) if scanned is not None else table_from_bytes(data)
    raw = source_bytes(source)
    if raw is None:  # a dict or a file object
        doc = load(source)
        if strict:
            require_valid(doc)
        return build_token_table(doc)
    if strict:
        table, report = table_and_report(raw[0], name=raw[1])
        refuse_violations(report)
        return table
    return table_from_bytes(raw[0], name=raw[1])
