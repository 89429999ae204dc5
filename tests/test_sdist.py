"""The source distribution carries what a build from it needs to compile the kernels: every
Cython source and declaration file of src_ext (setup.py cythonizes src_ext/*.pyx, which
cimport the .pxd files; without them a build from the sdist is silently pure Python), and
no generated C or built module. Made with the extensions off (ELEMENTLIST_NO_EXT), so no
compiler runs, and with every output outside the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

from conftest import ROOT


def test_the_sdist_holds_every_kernel_source_and_nothing_generated(tmp_path: Path) -> None:
    env = {**os.environ, "ELEMENTLIST_NO_EXT": "1"}
    subprocess.run(
        [sys.executable, "setup.py", "-q", "egg_info", "--egg-base", str(tmp_path),
         "sdist", "--dist-dir", str(tmp_path)],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    (archive,) = tmp_path.glob("elementlist-*.tar.gz")
    with tarfile.open(archive) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    wanted = {
        f"src_ext/{path.name}" for path in (ROOT / "src_ext").iterdir()
        if path.suffix in (".pyx", ".pxd")
    }  # fmt: skip
    assert {"src_ext/_scan.pyx", "src_ext/slots.pxd", "src_ext/token_constants.pxd"} <= wanted
    assert wanted <= names, sorted(wanted - names)
    generated = sorted(n for n in names if n.endswith((".c", ".so", ".html")))
    assert not generated, generated
