"""What every test module shares: the paths of the real and example data, ``run_cli``, and the
rules that skip a test whose outside needs are missing here.

Real data: the ElementLists in ../shared/reference/samples (beside the repository, never
copied into it; see that folder's README.md). ``REAL_EXAMPLE`` is cielo24's documented v3
example; ``V2_2014_EXAMPLE`` and ``THIRDPARTY_EXAMPLE`` are the others. Where ../shared is
absent, a test that uses them is skipped, with the reason: a test marked ``samples``, one
that takes the ``real_example_path`` fixture, is parametrized with a sample, or whose code
(or a test helper or fixture it calls) names a module-level value holding a sample path.

Programs: a test marked ``browser`` (Chromium) or ``ffmpeg`` is skipped where the program is
missing, with the Debian package to install (tests/programs.py).

With ``ELEMENTLIST_NO_SKIP=1`` (CI) each of these skips is a failure instead.
"""

from __future__ import annotations

import compileall
import os
import signal
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from programs import PROGRAMS, no_skip

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "reference" / "samples"
REAL_EXAMPLE = SAMPLES / "cielo24_docs_example_v3.json"
V2_2014_EXAMPLE = SAMPLES / "cielo24_docs_example_v2_2014.json"
THIRDPARTY_EXAMPLE = SAMPLES / "thirdparty_v3.json"
SAMPLE_FILES = (REAL_EXAMPLE, V2_2014_EXAMPLE, THIRDPARTY_EXAMPLE)

SAMPLES_MARKER = "samples"


@pytest.fixture
def real_example_path() -> Path:
    return REAL_EXAMPLE


def run_cli(
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``elementlist`` as a real subprocess (``python -m elementlist``)."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), full_env.get("PYTHONPATH")]))
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "elementlist", *args],
        input=stdin,
        capture_output=True,
        env=full_env,
        cwd=cwd,
        timeout=300,
    )


# --- skipping what cannot run here --------------------------------------------------------


def samples_missing() -> str | None:
    """Why the tests that read the real samples cannot run here; None when they can."""
    absent = [p.name for p in SAMPLE_FILES if not p.is_file()]
    if not absent:
        return None
    return (
        f"needs the real ElementLists of ../shared/reference/samples ({SAMPLES}), and "
        f"{', '.join(absent)} {'is' if len(absent) == 1 else 'are'} not there: check out "
        "../shared beside the repository (CI always has it)"
    )


def _holds_sample(value: Any, seen: set[int]) -> bool:
    """Whether ``value`` is, contains, or (a test-side function) refers to a sample path."""
    if id(value) in seen:
        return False
    seen.add(id(value))
    if isinstance(value, os.PathLike):
        return Path(value).is_relative_to(SAMPLES)
    if isinstance(value, str):
        return value.startswith(str(SAMPLES))
    if isinstance(value, dict):
        return any(_holds_sample(v, seen) for v in value.values())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_holds_sample(v, seen) for v in value)
    if isinstance(value, types.FunctionType) and Path(value.__code__.co_filename).is_relative_to(
        TESTS
    ):
        return _code_holds_sample(value.__code__, value.__globals__, seen)
    return False


def _code_holds_sample(code: types.CodeType, names: dict[str, Any], seen: set[int]) -> bool:
    if any(name in names and _holds_sample(names[name], seen) for name in code.co_names):
        return True
    return any(
        isinstance(c, types.CodeType) and _code_holds_sample(c, names, seen) for c in code.co_consts
    )


def _uses_samples(item: pytest.Item) -> bool:
    if item.get_closest_marker(SAMPLES_MARKER) or "real_example_path" in getattr(
        item, "fixturenames", ()
    ):
        return True
    seen: set[int] = set()
    callspec = getattr(item, "callspec", None)
    if callspec is not None and _holds_sample(list(callspec.params.values()), seen):
        return True
    functions = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    for definitions in getattr(info, "name2fixturedefs", {}).values():
        functions.extend(d.func for d in definitions)
    return any(_holds_sample(getattr(f, "__func__", f), seen) for f in functions if f is not None)


def pytest_configure(config: pytest.Config) -> None:
    # The package's bytecode, compiled once for the whole run, as an installed package has
    # it: a subprocess (the command, a worker, a script) under PYTHONDONTWRITEBYTECODE=1
    # would otherwise compile every module it imports again, about 0.3 s a process and
    # hundreds of processes a run. __pycache__ is ignored by git (the tree stays as it was).
    # (benchmarks/bytecode.py does the same for the benchmarks; a copy of the tests alone,
    # as test_skip_rules makes, has no package beside it and compiles nothing)
    package = ROOT / "elementlist"
    if package.is_dir():
        compileall.compile_dir(str(package), quiet=1)
    known = {line.split(":")[0].strip() for line in config.getini("markers")}
    lines = [
        *(f"{p.marker}: needs {p.name} (Debian package '{p.debian_package}')" for p in PROGRAMS),
        f"{SAMPLES_MARKER}: reads the real ElementLists in ../shared/reference/samples",
    ]
    for line in lines:
        if line.split(":")[0] not in known:  # pyproject.toml may declare it already
            config.addinivalue_line("markers", line)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if samples_missing() is None:
        return
    for item in items:
        if _uses_samples(item) and not item.get_closest_marker(SAMPLES_MARKER):
            item.add_marker(SAMPLES_MARKER)


_MISSING: dict[str, str | None] = {}


def _missing(marker: str) -> str | None:
    if marker not in _MISSING:
        if marker == SAMPLES_MARKER:
            _MISSING[marker] = samples_missing()
        else:
            program = next(p for p in PROGRAMS if p.marker == marker)
            _MISSING[marker] = program.missing()
    return _MISSING[marker]


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in (*(p.marker for p in PROGRAMS), SAMPLES_MARKER):
        if item.get_closest_marker(marker) is None:
            continue
        reason = _missing(marker)
        if reason is None:
            continue
        if no_skip():
            pytest.fail(f"{reason} [ELEMENTLIST_NO_SKIP is set: this must run]", pytrace=False)
        pytest.skip(reason)


@pytest.fixture
def signals_as_a_terminal_gives() -> Iterator[None]:
    """The stop signals at their defaults in this process, so the command under test
    inherits them as a terminal gives them: a test run in the background (``&`` without job
    control ignores SIGINT) or under ``nohup`` (SIGHUP) would otherwise start a batch that
    rightly keeps ignoring them. Given back afterwards."""
    wanted = {
        signal.SIGINT: signal.default_int_handler,
        signal.SIGTERM: signal.SIG_DFL,
        signal.SIGHUP: signal.SIG_DFL,
    }
    previous = {signum: signal.signal(signum, handler) for signum, handler in wanted.items()}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
