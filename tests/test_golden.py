"""Golden files: the exact bytes of every case in golden_cases.py (regenerate them with
``python tests/golden/regenerate.py``; a diff there is a change of behaviour to explain)."""

from __future__ import annotations

import pytest
from golden_cases import SAMPLES, Case, cases, render

CASES = list(cases())


def test_there_is_a_golden_file_for_every_case_whose_input_is_here() -> None:
    present = [c for c in CASES if c.source.exists()]
    assert present, "no golden input found"
    assert [c.name for c in present if not c.golden.exists()] == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_output_is_the_golden_file(case: Case) -> None:
    if not case.source.exists():
        pytest.skip(f"{case.source} is absent (the real samples live in {SAMPLES})")
    assert render(case) == case.golden.read_bytes()
