"""The rule reference in docs/rules is generated from the packs and must not go stale."""

from __future__ import annotations

from reviewlint._docgen import generate

from .conftest import ROOT

DOCS = ROOT / "docs" / "rules"


def test_every_rule_has_a_current_generated_page() -> None:
    pages = generate(DOCS)
    stale = [p.name for p, text in pages.items() if not p.exists() or p.read_text() != text]
    assert not stale, f"run `make docs`: missing or stale pages {stale}"


def test_no_orphan_pages() -> None:
    expected = {p.name for p in generate(DOCS)}
    assert {p.name for p in DOCS.glob("*.md")} == expected


def test_page_has_the_fixed_sections() -> None:
    text = (DOCS / "chronology-gap.md").read_text()
    for heading in (
        "## What it finds",
        "## Why reviews care",
        "## What to do",
        "## Example",
        "## Near miss (does not fire)",
        "## Parameters",
    ):
        assert heading in text
    assert "| `max_days` | `90` |" in text
