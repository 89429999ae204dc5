"""Step 0 of :func:`~elementlist.table.transforms.apply_transforms`: every text from the
document under :func:`~elementlist.table.text.clean_text` (the rule lives there)."""

from __future__ import annotations

import numpy as np

from ..document.vocabulary import TokenKind
from . import row_edits
from .removal import remove_tokens
from .text import clean_text, is_clean, unclean_positions
from .token_table import TokenTable


def clean_table(table: TokenTable) -> TokenTable:
    """``table`` with every text from the document under :func:`clean_text`.

    Clean text (nearly all of it) costs one pass over the tokens' bytes (a token of
    printable ASCII is clean) and a scan of the few others; only the tokens that hold a
    character to change are touched. A word or punctuation token whose text the
    clean-up leaves blank is removed as a disfluency is, with the punctuation attached to
    it (a sound stays: it shows its tag; text that was blank to begin with is left as it is).
    """
    names = table.speakers
    tags = table.tag_names
    # one scan of them all (is_clean is per character: joined, they are clean when each is;
    # clean_text gives a clean one back as it is)
    if not is_clean("".join([name for _, name in names] + list(tags))):
        names = tuple((sid, clean_text(name)) for sid, name in names)
        tags = tuple(clean_text(tag) for tag in tags)
        table = table.with_columns(speakers=names, tag_names=tags)
    text = table.text
    odd = row_edits.KERNEL.not_plain_printable(text)  # printable ASCII is clean
    if not odd or is_clean("".join([text[i] for i in odd])):
        return table
    joined = "".join(text)
    ends = np.cumsum(np.fromiter(map(len, text), dtype=np.int64, count=len(text)))
    rows = np.unique(np.searchsorted(ends, unclean_positions(joined), side="right")).tolist()
    new_text = list(text)
    blank: list[int] = []
    kind = table.kind
    for i in rows:
        cleaned = new_text[i] = clean_text(text[i])
        if not cleaned.strip() and kind[i] != TokenKind.SOUND:  # a sound shows its tag
            blank.append(i)
    table = table.with_columns(text=new_text)
    if not blank:
        return table
    core = np.zeros(len(table), dtype=np.bool_)
    core[blank] = True
    return remove_tokens(table, core)
