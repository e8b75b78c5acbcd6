"""Narrative context: concept mentions with negation, denial, uncertainty, time and whose."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from reviewlint.narrative import annotate

from .conftest import entry as e
from .conftest import make_case

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evals"))

import sentences

CONCEPTS = {
    "domestic_abuse": ["DV", "domestic abuse", "non-molestation order"],
    "alcohol": ["alcohol", "drinking"],
    "mental_health": ["depression", "mental health"],
    "male": ["father", "partner"],
    "no_access": ["no access"],
    "not_seen": ["child not seen"],
    "drugs": ["drugs"],
}


def one(text: str, concept: str) -> Any:
    found = [m for m in annotate(text, CONCEPTS) if m.concept == concept]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "concept", "expected"),
    [
        ("Mum disclosed DV from new partner.", "domestic_abuse", {}),
        ("No concerns re alcohol.", "alcohol", {"negated": True}),
        ("Mother denies DV.", "domestic_abuse", {"denied": True}),
        ("Mum denies any DV but bruising seen.", "domestic_abuse", {"denied": True}),
        ("?DV", "domestic_abuse", {"uncertain": True}),
        ("Alleged DV at the address.", "domestic_abuse", {"uncertain": True}),
        ("if father returns to the home", "male", {"hypothetical": True}),
        ("maternal grandmother had depression", "mental_health", {"experiencer": "other"}),
        ("History of DV with previous partner.", "domestic_abuse", {"historical": True}),
        ("No access at 10:00.", "no_access", {}),  # its own "no" negates nothing
        ("Child not seen, asleep.", "not_seen", {}),
        ("Non-molestation order granted.", "domestic_abuse", {}),
        ("No further action; DV incident logged.", "domestic_abuse", {}),
        ("Alcohol: none.", "alcohol", {"negated": True}),
        ("DV - denied.", "domestic_abuse", {"denied": True}),
        ("Not without concern about her drinking.", "alcohol", {}),
        (
            "School described her 'drinking' as a choice - SW challenged this language.",
            "alcohol",
            {"challenged": True},
        ),
    ],
)
def test_modifiers(text: str, concept: str, expected: dict[str, Any]) -> None:
    match = one(text, concept)
    defaults = {
        "negated": False,
        "denied": False,
        "uncertain": False,
        "hypothetical": False,
        "historical": False,
        "experiencer": "family",
        "challenged": False,
    }
    got = {name: getattr(match, name) for name in defaults}
    assert got == {**defaults, **expected}


def test_scope_ends_at_but() -> None:
    found = annotate("No DV, but mum's mental health is deteriorating.", CONCEPTS)
    assert [(m.concept, m.negated) for m in found] == [
        ("domestic_abuse", True),
        ("mental_health", False),
    ]


def test_negation_reaches_a_list() -> None:
    found = annotate("no DV, drugs or alcohol", CONCEPTS)
    assert [(m.concept, m.negated) for m in found] == [
        ("domestic_abuse", True),
        ("drugs", True),
        ("alcohol", True),
    ]


def test_spans_point_into_the_original_text_when_folding_changes_length() -> None:
    text = "İİ DV reported"  # 'İ'.lower() is two characters
    match = one(text, "domestic_abuse")
    assert text[match.start : match.end] == "DV" == match.text


def test_sentence_end_stops_negation_but_abbreviations_do_not() -> None:
    assert one("No DV. Alcohol use reported.", "alcohol").negated is False
    assert one("S.47 enquiry: no DV disclosed.", "domestic_abuse").negated is True


def test_builtin_concepts_cover_the_issue_examples() -> None:
    found = {m.concept: m for m in annotate("Mum disclosed DV from new partner Dean.")}
    assert found["domestic_abuse"].negated is False
    assert "male_adult" in found


def test_selectors_take_context_into_account(run: Any) -> None:
    params = {"match": {"text": {"concept": "neglect"}}}
    case = make_case(
        [
            e("e1", "2020-01-01", "case note", text="Home conditions poor, head lice."),
            e("e2", "2020-01-02", "case note", text="No head lice seen today."),
            e("e3", "2020-01-03", "case note", text="If home conditions deteriorate, refer."),
            e("e4", "2020-01-04", "case note", text="MGM's home conditions are poor."),
        ]
    )
    assert [f.entry_ids for f in run("each_entry", params, case)] == [["e1"]]
    params = {"match": {"text": {"concept": "neglect", "negated": True}}}
    assert [f.entry_ids for f in run("each_entry", params, case)] == [["e2"]]
    params = {
        "match": {
            "text": {
                "concept": "neglect",
                "negated": "any",
                "hypothetical": "any",
                "experiencer": "any",
            }
        }
    }
    assert [f.entry_ids for f in run("each_entry", params, case)] == [
        ["e1"],
        ["e2"],
        ["e3"],
        ["e4"],
    ]


@pytest.mark.parametrize("name", ["dev", "heldout"])
def test_labelled_sentence_sets(name: str) -> None:
    """Regression floors on our labelled sentences (measured 2026-11-22).

    The narrative issue's target is 0.9 precision and recall for every concept and
    modifier; these floors sit just under what the current lexicons and triggers
    reach, so that a change that makes things worse fails. See evals/sentences.py.
    """
    rows = sentences.load(name)
    assert len(rows) >= 200
    result = sentences.score(rows)
    overall = result["overall"]
    assert overall["precision"] >= 0.85 and overall["recall"] >= 0.83
    floors = {"negated": 0.7, "denied": 0.8}
    for modifier, floor in floors.items():
        row = result["modifiers"][modifier]
        assert row["precision"] >= floor and row["recall"] >= floor, (modifier, row)


def test_a_pack_adds_its_own_triggers(tmp_path: Path) -> None:
    import yaml

    from reviewlint import Linter

    from .conftest import rule_pack

    path = rule_pack(tmp_path, "each_entry", {"match": {"text": {"concept": "neglect"}}})
    pack = yaml.safe_load(path.read_text())
    pack["context"] = {"negated": {"before": ["zilch"]}, "pseudo": ["zilch else"]}
    path.write_text(yaml.safe_dump(pack))
    case = make_case(
        [
            e("e1", "2020-01-01", "case note", text="Zilch head lice today."),
            e("e2", "2020-01-02", "case note", text="Zilch else to note; head lice again."),
        ]
    )
    assert [f.entry_ids for f in Linter([path]).check(case).findings] == [["e2"]]
