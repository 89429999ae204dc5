"""One reading of ELEMENTLIST_PURE decides for every kernel (issue 10).

``ELEMENTLIST_PURE=true`` used to run the pure layout but the compiled scanner and table
builder: kernel.py and tokens.py read the variable differently. Each value is tried in a
fresh interpreter, as a user would set it.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

REPORT = """
from elementlist import kernels
from elementlist.document import duplicates
from elementlist.captions import breaks_kernel, prepare
from elementlist.table import from_bytes, from_model, row_edits, rows_kernel
from elementlist.writers import srt, webvtt
print(kernels.IMPLEMENTATION,
      "pure" if prepare._breaks is breaks_kernel else "compiled",
      "compiled" if from_model._fill is not from_model.fill_columns else "pure",
      "compiled" if from_bytes._scan is not None else "pure",
      "pure" if duplicates.find_duplicate_key is duplicates.find_duplicate_key_pure else "compiled",
      "pure" if row_edits.KERNEL is rows_kernel else "compiled",
      "pure" if srt._compiled is None or webvtt._compiled is None else "compiled")
"""


def kernels(value: str | None) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ELEMENTLIST_PURE", None)
    if value is not None:
        env["ELEMENTLIST_PURE"] = value
    out = subprocess.run(
        [sys.executable, "-c", REPORT], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.split()


@pytest.mark.parametrize("value", ["1", "true", "yes", "TRUE", " Yes ", "on"])
def test_any_yes_runs_every_kernel_pure(value: str) -> None:
    assert kernels(value) == ["pure"] * 7


@pytest.mark.parametrize("value", ["0", "", "false", "no", " No ", None])
def test_no_or_unset_runs_every_kernel_compiled(value: str | None) -> None:
    from elementlist import _blocks, _breaks, _layout, _rows, _scan, _tokens  # type: ignore[attr-defined]  # noqa: F401

    assert kernels(value) == ["compiled"] * 7
