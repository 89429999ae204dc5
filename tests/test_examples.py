from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import EXAMPLES

import elementlist as el

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def test_there_are_two_examples() -> None:
    assert [p.name for p in EXAMPLE_FILES] == ["interview_v3_int_types.json", "podcast_v3.json"]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_examples_validate_clean(path) -> None:  # type: ignore[no-untyped-def]
    report = el.validate(el.load(path))
    assert report.violations == ()


def test_podcast_has_what_it_promises() -> None:
    doc = el.load(EXAMPLES / "podcast_v3.json")
    table = el.build_token_table(doc)
    values = set(table.value)
    assert {"um", "uh", "gonna", "wanna", "kinda", "gotta", "cuz", "favourite", "colour"} <= values
    assert {"MUSIC", "LAUGH", "APPLAUSE"} <= set(table.tag_names)
    assert len(table.speakers) >= 3 and doc.segments[-1].end_time > 120_000


def test_interview_uses_integer_types() -> None:
    doc = el.load(EXAMPLES / "interview_v3_int_types.json")
    assert {t.type for t in doc.tokens()} == {0, 1, 2}


def test_examples_are_what_the_script_makes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The committed examples are byte for byte what the script writes (into a temporary
    folder: a test never writes into the source tree)."""
    before = {p.name: p.stat().st_mtime_ns for p in EXAMPLE_FILES}
    made = tmp_path / "made"
    made.mkdir()
    subprocess.run(
        [sys.executable, str(EXAMPLES / "make_examples.py"), str(made)], check=True, cwd=tmp_path
    )
    assert sorted(p.name for p in made.iterdir()) == [p.name for p in EXAMPLE_FILES]
    for path in EXAMPLE_FILES:
        assert (made / path.name).read_bytes() == path.read_bytes(), f"{path.name} has drifted"
    assert {p.name: p.stat().st_mtime_ns for p in EXAMPLE_FILES} == before  # untouched
