"""Benchmarks measure the package as a user has it installed: with its bytecode compiled.

``pip install`` compiles every module; an editable install, or a shell with
``PYTHONDONTWRITEBYTECODE=1``, leaves each process to compile the package's sources again
when it imports them (about 0.2 s here), which a batch's worker processes and the command's
start-up would then pay in every measurement. Python still reads bytecode that is there.
"""

from __future__ import annotations

import compileall
import importlib.util
from pathlib import Path


def compile_package(folder: Path | None = None) -> None:
    """Compile every module of the package in ``folder`` (default: the ``elementlist`` this
    process would import; found, not imported). Quiet; a no-op when the bytecode is current."""
    if folder is None:
        spec = importlib.util.find_spec("elementlist")
        assert spec is not None and spec.submodule_search_locations is not None
        folder = Path(next(iter(spec.submodule_search_locations)))
    compileall.compile_dir(str(folder), quiet=1)
