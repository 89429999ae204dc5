"""docs/sources.md keeps up with the importer registry: every source ``--from`` takes has
its own ``### <name>`` section under "Other sources" (how its fields map), and a row of the
overview table that names every alias. A new importer without docs fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from elementlist.importers import ALIASES, FORMATS, resolve_source_format

SOURCES = Path(__file__).resolve().parent.parent / "docs" / "sources.md"
OTHER_SOURCES = "## Other sources"


def _other_sources() -> list[str]:
    """The lines of the "Other sources" part (up to the next ``##`` heading), outside
    fenced code."""
    lines = SOURCES.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(OTHER_SOURCES))
    out: list[str] = []
    fenced = False
    for line in lines[start + 1 :]:
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        if line.startswith("## "):
            break
        out.append(line)
    return out


def _sections() -> dict[str, list[str]]:
    """``### heading`` → the lines under it."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _other_sources():
        if line.startswith("### "):
            current = sections.setdefault(line[4:].strip(), [])
        elif current is not None:
            current.append(line)
    return sections


def _table_rows() -> dict[str, str]:
    """The overview table: ``--from`` name → its aliases cell."""
    rows = {}
    for line in _other_sources():
        m = re.match(r"\| `([^`]+)` \|([^|]*)\|", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_source_has_its_own_section(name: str) -> None:
    sections = _sections()
    assert name in sections, (
        f"docs/sources.md has no '### {name}' section under '{OTHER_SOURCES}': say there "
        "what auto recognises, which field becomes which, and the quirks handled"
    )
    body = "\n".join(sections[name])
    assert f"`--from {name}`" in body, f"the '### {name}' section does not name `--from {name}`"
    if name != "elementlist":
        assert "**Recognised by `auto`:**" in body, f"'### {name}' does not say what auto reads"


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_source_and_alias_is_in_the_overview_table(name: str) -> None:
    rows = _table_rows()
    assert name in rows, f"docs/sources.md: no row for `{name}` in the table of --from names"
    documented = set(re.findall(r"`([^`]+)`", rows[name]))
    aliases = {alias for alias, target in ALIASES.items() if target == name}
    # an alias that reads as the name itself ("_" is "-") needs no entry of its own
    missing = {a for a in aliases if a.replace("_", "-") != name} - documented
    assert missing == set(), f"aliases of {name} missing from its row: {sorted(missing)}"
    assert all(resolve_source_format(alias) == name for alias in documented)


def test_the_sections_are_in_the_order_of_the_registry() -> None:
    """The registry's order is the documentation's (elementlist/importers/__init__.py)."""
    order = [heading for heading in _sections() if heading in FORMATS]
    assert order == list(FORMATS)
