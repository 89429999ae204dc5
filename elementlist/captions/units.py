"""What the layout kernel reads and writes per *unit* (a run of tokens that never breaks
apart): the bits the prep sets on each unit, and the code the kernel gives it back.

Stated once for Python here, once for Cython in ``src_ext/_layout.pxd`` (the compiled kernel
cimports it); ``tests/test_kernel_twins.py`` checks that the two agree, name for name.
"""

from __future__ import annotations

from enum import IntEnum, IntFlag


class UnitBit(IntFlag):
    """What the options and the text say about a unit (``_layout.pxd`` calls them ``U_*``)."""

    SPACE = 1  # a space goes before this unit when it is not first on its line
    HARD = 2  # a caption must start here
    SENTENCE = 4  # a caption should start here (caption_by_sentence): crossing costs CROSS
    LINE = 8  # a line must start here when the unit shares a caption with the one before
    SPEAKER = 16  # a speaker change inside a caption: a line break before it is preferred
    NO_BREAK_AFTER = 32  # a line or caption should not end after this unit
    SENTENCE_END = 64  # the unit ends a sentence
    CLAUSE_END = 128  # the unit ends with , ; : and the like
    OPENS_PHRASE = 256  # the unit starts with a conjunction or preposition: a fair break before


class UnitStart(IntEnum):
    """The kernel's answer for each unit: what it starts."""

    CONTINUE = 0  # nothing: it goes on the line of the unit before
    NEW_LINE = 1  # a new line of the same caption
    NEW_CAPTION = 2  # a new caption (always the first unit's code)


__all__ = ["UnitBit", "UnitStart"]
