"""The transforms' row edits as they run in this process: the compiled ``elementlist._rows``
or its pure twin :mod:`~elementlist.table.rows_kernel`, chosen once here
(:func:`elementlist.kernels.compiled`) for every module that edits rows (the TokenTable's
``take``, removal, speaker markers). They look ``KERNEL`` up at each call, so a test swaps
it in this one place."""

from __future__ import annotations

from typing import Any

from .. import kernels
from . import rows_kernel

KERNEL: Any = kernels.compiled("_rows") or rows_kernel
