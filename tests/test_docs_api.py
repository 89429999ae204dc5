"""The docs hold together: docs/api.md is what docs/generate_api.py makes from this tree's
docstrings, every public name has a docstring, and every relative link in docs/*.md and
README.md reaches a file (and a heading, for a ``#anchor``)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]

_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_api", DOCS / "generate_api.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # a dataclass in it looks its module up there
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()


def test_api_md_is_current() -> None:
    reference = GENERATOR.render()
    current = (DOCS / "api.md").read_text(encoding="utf-8")
    assert current == reference.markdown, (
        f"docs/api.md is not current: run `{GENERATOR.COMMAND}` and commit the result"
    )


def test_every_public_name_has_a_docstring() -> None:
    reference = GENERATOR.render()
    assert reference.undocumented == [], (
        "public names without a docstring (a comment above a constant): "
        + ", ".join(reference.undocumented)
    )


def test_every_name_of_the_package_is_in_the_reference() -> None:
    import elementlist

    text = GENERATOR.render().markdown
    missing = [n for n in elementlist.__all__ if f"### elementlist.{n}\n" not in text]
    assert missing == []


def test_the_reference_tells_an_edit_from_a_stale_file(tmp_path: Path) -> None:
    """The check notices a hand edit, and the command named in the message repairs it."""
    copy = tmp_path / "docs"
    copy.mkdir()
    (copy / "generate_api.py").write_bytes((DOCS / "generate_api.py").read_bytes())
    stale = (DOCS / "api.md").read_text(encoding="utf-8").replace("## elementlist.writers", "## x")
    (copy / "api.md").write_text(stale, encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    check = [sys.executable, str(copy / "generate_api.py"), "--check"]
    before = subprocess.run(check, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert before.returncode == 1
    assert "stale; run python docs/generate_api.py" in before.stdout
    subprocess.run([sys.executable, str(copy / "generate_api.py")], env=env, check=True)
    after = subprocess.run(check, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert after.returncode == 0, after.stdout + after.stderr
    assert (copy / "api.md").read_text(encoding="utf-8") == GENERATOR.render().markdown


def test_the_reference_shows_no_memory_address() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    assert re.search(r"0x[0-9a-f]{6,}", text) is None


def _links(page: Path) -> list[str]:
    """The link targets of a markdown page, outside fenced code and code spans."""
    targets: list[str] = []
    fenced = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            targets += _LINK.findall(_CODE_SPAN.sub("", line))
    return targets


def _anchors(page: Path) -> set[str]:
    """The anchors GitHub makes for a page's headings (a repeated one gets ``-1``, …)."""
    seen: Counter[str] = Counter()
    anchors = set()
    for heading in GENERATOR.headings(page.read_text(encoding="utf-8")):
        base = GENERATOR.anchor(heading)
        anchors.add(base if seen[base] == 0 else f"{base}-{seen[base]}")
        seen[base] += 1
    return anchors


def _relative_links() -> list[tuple[Path, str]]:
    return [
        (page, target)
        for page in PAGES
        for target in _links(page)
        if not re.match(r"[a-z][a-z0-9+.-]*:", target)  # http:, https:, mailto: …
    ]


@pytest.mark.parametrize(
    ("page", "target"),
    _relative_links(),
    ids=[f"{p.name}->{t}" for p, t in _relative_links()],
)
def test_relative_link_reaches_its_target(page: Path, target: str) -> None:
    path, _, fragment = target.partition("#")
    destination = (page.parent / path).resolve() if path else page
    assert destination.exists(), f"{page.relative_to(ROOT)}: {target}: no such file"
    if fragment and destination.suffix == ".md":
        assert fragment in _anchors(destination), (
            f"{page.relative_to(ROOT)}: {target}: no heading with that anchor in "
            f"{destination.relative_to(ROOT)}"
        )


def test_the_link_check_sees_links() -> None:
    """Guards the checks above against a pattern that matches nothing."""
    assert len(_relative_links()) > 20
    assert "elementlistwriters" in _anchors(DOCS / "api.md")
    assert (
        GENERATOR.anchor("The `get_transcript` options (§4.16)") == "the-get_transcript-options-416"
    )
