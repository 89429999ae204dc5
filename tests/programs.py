"""Programs some tests run besides Python (headless Chromium, FFmpeg): how each is found and
what to install when it is missing.

A test that needs one carries its marker (``@pytest.mark.browser``, ``@pytest.mark.ffmpeg``).
Where the program is missing, conftest skips the test with a reason naming the Debian package
that provides it. CI installs every package and sets ``ELEMENTLIST_NO_SKIP=1`` (see .ci/run),
which turns that skip into a failure: there every such test must run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass

from browser import find_chromium

NO_SKIP_VARIABLE = "ELEMENTLIST_NO_SKIP"


def no_skip() -> bool:
    """True where a missing program or missing ../shared must fail the tests (CI)."""
    return os.environ.get(NO_SKIP_VARIABLE, "") not in ("", "0")


def _find_ffmpeg() -> str | None:
    named = os.environ.get("ELEMENTLIST_FFMPEG")
    if named:
        return named if os.path.isfile(named) and os.access(named, os.X_OK) else None
    return shutil.which("ffmpeg")


@dataclass(frozen=True)
class Program:
    """A program tests run: the marker of those tests, its name, the Debian package that
    installs it, how to find it, and the environment variable that names another binary."""

    marker: str
    name: str
    debian_package: str
    find: Callable[[], str | None]
    variable: str

    def missing(self) -> str | None:
        """Why a test marked for this program cannot run here; None when it can."""
        if self.find() is not None:
            return None
        return (
            f"needs {self.name}, which is not installed here (install the Debian package "
            f"'{self.debian_package}': apt-get install {self.debian_package}; or set "
            f"{self.variable} to the binary)"
        )


CHROMIUM = Program(
    "browser", "headless Chromium", "chromium", find_chromium, "ELEMENTLIST_CHROMIUM"
)
FFMPEG = Program("ffmpeg", "FFmpeg", "ffmpeg", _find_ffmpeg, "ELEMENTLIST_FFMPEG")
PROGRAMS = (CHROMIUM, FFMPEG)
