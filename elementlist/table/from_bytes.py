"""ElementList JSON bytes → its TokenTable, without the model when it can be.

The compiled scanner (``src_ext/_scan.pyx``) reads the bytes straight into the columns;
when it is missing or not sure (anything unusual, see its docstring) the full decoder
decides, so errors are the same ElementListError ``loads`` raises. Its pure twin is that
full path: :func:`~elementlist.document.decode.loads`, then
:func:`~elementlist.table.from_model.build_token_table`.
"""

from __future__ import annotations

from typing import Any

from .. import kernels
from ..document.decode import loads_decoded
from ..document.validate import Report, validate
from .from_model import build_token_table
from .token_table import TokenTable, table_of_fields

_compiled = kernels.compiled("_scan")
_scan = None if _compiled is None else _compiled.scan


def scanner_available() -> bool:
    """True when :func:`table_from_bytes` can use the compiled scanner."""
    return _scan is not None


def table_from_bytes(
    data: bytes | bytearray | memoryview, *, name: str | None = None
) -> TokenTable:
    """The TokenTable of the ElementList JSON in ``data``: ``build_token_table(loads(data))``
    (``name`` names the source in errors)."""
    raw = bytes(data)  # the same object for bytes; a copy for the others
    if _scan is not None:
        scanned = _scan(raw)
        if scanned is not None:
            return table_of_scan(scanned)
    return build_token_table(loads_decoded(raw, name=name))


def table_and_report(
    data: bytes | bytearray | memoryview, *, name: str | None = None
) -> tuple[TokenTable, Report]:
    """The TokenTable of ``data`` and the validation report of its document, exact, with
    the model built only to write the report: when the scanner's check says the document
    is plainly valid the report is empty and no model is made (the CLI's route: a 100 MB
    document then costs the bytes and the table, not the model too)."""
    raw = bytes(data)
    scanned = None if _scan is None else _scan(raw, True)
    if scanned is None:
        doc = loads_decoded(raw, name=name)
        return build_token_table(doc), validate(doc)
    table = table_of_scan(scanned)
    clean = scanned[-1]
    return table, Report() if clean else validate(loads_decoded(raw, name=name))


def table_of_scan(scanned: tuple[Any, ...]) -> TokenTable:
    """The TokenTable of what the scanner returned (``_scan.scan``): the table's fields in
    its order, the times as the table holds them and the speakers decided (the rules of
    :func:`~elementlist.table.token_table.table_times` and
    :func:`~elementlist.table.speakers.speaker_columns`, compiled), then the check's verdict."""
    return table_of_fields(scanned[:-1])
