"""The one route from any source to its TokenTable: :func:`table_of`.

A model goes through :mod:`~elementlist.table.from_model`; bytes, JSON text and paths go
straight from the bytes (:mod:`~elementlist.table.from_bytes`); a TokenTable is taken as
it is. ``strict`` validation is part of the route, so every caller refuses alike.
"""

from __future__ import annotations

from typing import Any

from ..document.decode import load, source_bytes
from ..document.model import ElementList
from ..document.validate import refuse_violations, require_valid
from .from_bytes import table_and_report, table_from_bytes
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
            require_valid(source)
        return build_token_table(source)
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
