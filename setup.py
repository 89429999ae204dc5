"""Builds the optional Cython kernels; the package works without them (pure-Python twin)."""

from __future__ import annotations

import glob
import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    """A failed compile leaves the pure-Python twin in charge instead of failing the install."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:
            print(
                f"elementlist: compiled kernels not built ({exc}); using pure Python",
                file=sys.stderr,
            )

    def build_extension(self, ext):  # type: ignore[no-untyped-def]
        try:
            super().build_extension(ext)
        except Exception as exc:
            print(f"elementlist: {ext.name} not built ({exc}); using pure Python", file=sys.stderr)


def extensions() -> list:  # type: ignore[type-arg]
    if os.environ.get("ELEMENTLIST_NO_EXT"):
        return []
    sources = sorted(glob.glob(os.path.join("src_ext", "*.pyx")))
    if not sources:
        return []
    try:
        import numpy
        from Cython.Build import cythonize
    except ImportError:
        return []
    from setuptools import Extension

    exts = [
        Extension(
            "elementlist." + os.path.splitext(os.path.basename(src))[0],
            [src],
            include_dirs=[numpy.get_include()],
            define_macros=[("NPY_NO_DEPRECATED_API", "NPY_1_7_API_VERSION")],
            extra_compile_args=["-O3"] if sys.platform != "win32" else [],
        )
        for src in sources
    ]
    return cythonize(
        exts,
        language_level=3,
        include_path=["src_ext"],  # the kernels' shared constants: src_ext/token_constants.pxd
        compiler_directives={"boundscheck": False, "wraparound": False},
    )


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
