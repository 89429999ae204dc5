"""The suite where its outside needs are missing: without Chromium (or FFmpeg) the tests that
need it are skipped with the Debian package to install, without ../shared the tests that read
the real samples are skipped with the reason, and with ELEMENTLIST_NO_SKIP=1 (CI) each of
those skips is a failure. Each case runs pytest as a subprocess in a changed environment.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, TESTS

FFMPEG_TEST = """
import pytest

@pytest.mark.ffmpeg
def test_needs_ffmpeg() -> None:
    raise AssertionError("must not run without FFmpeg")
"""


def _pytest(
    *args: str, cwd: Path, env: dict[str, str], timeout: float = 600
) -> tuple[int, str, dict[str, int]]:
    """Run pytest; its exit status, output, and the counts of its summary line."""
    full_env = {k: v for k, v in os.environ.items() if k != "ELEMENTLIST_NO_SKIP"}
    full_env.update(PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1", **env)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-n0", "-p", "no:cacheprovider", "-rs", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    out = done.stdout + done.stderr
    summary = out.strip().splitlines()[-1]
    counts = {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", summary)}
    return done.returncode, out, counts


def browser_modules() -> list[str]:
    """The test modules that hold a browser test: collecting only them (not the whole tree,
    some 3,000 tests) keeps these runs to a few seconds; every browser test is among them."""
    return sorted(
        str(p) for p in TESTS.glob("test_*.py") if "@pytest.mark.browser" in p.read_text()
    )


@pytest.fixture
def no_chromium(tmp_path: Path) -> dict[str, str]:
    """An environment without Chromium: a missing ELEMENTLIST_CHROMIUM, an empty PATH."""
    empty = tmp_path / "bin"
    empty.mkdir()
    return {"ELEMENTLIST_CHROMIUM": str(tmp_path / "no-chromium"), "PATH": str(empty)}


def test_without_chromium_the_browser_tests_are_skipped_naming_the_package(
    no_chromium: dict[str, str],
) -> None:
    status, out, counts = _pytest("-m", "browser", *browser_modules(), cwd=ROOT, env=no_chromium)
    assert status == 0, out
    assert counts.get("skipped", 0) >= 6 and set(counts) == {"skipped", "deselected"}, out
    reasons = [line for line in out.splitlines() if line.startswith("SKIPPED")]
    assert reasons and all("install the Debian package 'chromium'" in r for r in reasons), out


def test_with_no_skip_a_missing_chromium_fails_the_browser_tests(
    no_chromium: dict[str, str],
) -> None:
    env = {**no_chromium, "ELEMENTLIST_NO_SKIP": "1"}
    status, out, counts = _pytest("-m", "browser", *browser_modules(), cwd=ROOT, env=env)
    assert status == 1, out
    assert counts.get("errors", 0) >= 6 and "skipped" not in counts, out
    assert "ELEMENTLIST_NO_SKIP is set" in out and "'chromium'" in out


@pytest.fixture(scope="module")
def tree_without_shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the tests and examples whose repository has no ../shared beside it."""
    root = tmp_path_factory.mktemp("alone") / "repo"
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", ".pytest_cache")
    shutil.copytree(TESTS, root / "tests", ignore=ignore)
    shutil.copytree(EXAMPLES, root / "examples", ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", root)
    (root / "tests" / "test_needs_ffmpeg.py").write_text(FFMPEG_TEST, encoding="utf-8")
    assert not (root.parent / "shared").exists()
    return root


# Modules that read the samples directly, through a fixture, a parameter, a helper, or a
# command line; and the non-sample tests among them must still run.
SAMPLE_MODULES = [
    "tests/test_samples.py",
    "tests/test_writers_real_data.py",
    "tests/test_validate.py",
    "tests/test_cli_validate.py",
    "tests/test_caption_pipeline.py",
]


def test_without_shared_the_sample_tests_are_skipped_and_the_rest_runs(
    tree_without_shared: Path,
) -> None:
    status, out, counts = _pytest(
        *SAMPLE_MODULES, "-m", "not browser", cwd=tree_without_shared, env={}
    )
    assert status == 0, out
    assert counts.get("skipped", 0) >= 40 and counts.get("passed", 0) >= 40, out
    assert "failed" not in counts and "errors" not in counts, out
    reasons = [line for line in out.splitlines() if line.startswith("SKIPPED")]
    assert reasons and all("../shared/reference/samples" in r for r in reasons), out


def test_with_no_skip_a_missing_shared_fails(tree_without_shared: Path) -> None:
    status, out, counts = _pytest(
        "tests/test_samples.py", cwd=tree_without_shared, env={"ELEMENTLIST_NO_SKIP": "1"}
    )
    assert status == 1 and "skipped" not in counts and counts.get("errors", 0) > 0, out
    assert "ELEMENTLIST_NO_SKIP is set" in out


def test_the_marker_of_another_program_skips_the_same_way(tree_without_shared: Path) -> None:
    empty = tree_without_shared / "empty-bin"
    empty.mkdir(exist_ok=True)
    env = {"ELEMENTLIST_FFMPEG": str(empty / "ffmpeg"), "PATH": str(empty)}
    status, out, counts = _pytest("tests/test_needs_ffmpeg.py", cwd=tree_without_shared, env=env)
    assert (status, counts) == (0, {"skipped": 1}), out
    assert "install the Debian package 'ffmpeg'" in out


README_TEST_COMMAND = 'python -m pip install -e ".[test,dask]" && python -m pytest'


def test_ci_runs_the_readme_test_command_where_nothing_may_be_skipped() -> None:
    """CI runs exactly the README's command, after ELEMENTLIST_NO_SKIP=1 (so a browser test
    skipped there fails the run)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```sh\n{README_TEST_COMMAND}\n```" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert README_TEST_COMMAND in ci
    assert ci.index("export ELEMENTLIST_NO_SKIP=1") < ci.index(README_TEST_COMMAND)
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
