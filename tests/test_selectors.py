"""Every selector operator, through the each_entry detector: what it matches and what it must not."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import entry as e
from .conftest import make_case

PEOPLE = [
    {"id": "p1", "name": "Amy TEST", "role": "child", "dob": "2015-01-01"},
    {"id": "p2", "name": "Kelly TEST", "role": "Mum"},
]

ENTRIES = [
    e(
        "v1",
        "2020-01-01",
        "HV home visit",
        "Health Visitor",
        child_seen=True,
        attended=True,
        text="Child seen alone in bedroom. Home conditions good.",
        people=["p1", "p2"],
    ),
    e(
        "v2",
        "2020-02-01",
        "visit",
        "CSC",
        child_seen=False,
        attended=False,
        text="No access. Curtains drawn.",
        shared_with=["police"],
    ),
    e(
        "d1",
        "2020-03-01",
        "DA incident",
        "constabulary",
        shared_with=["MASH"],
        text="Mum's boyfriend Dean shouting.",
        outcome="Referred to MASH",
        people=["p2", {"name": "Dean", "role": "mum's boyfriend"}],
    ),
    e("n1", "March 2020", "case note", "CSC", text="Phone call."),
    e("n2", "2020", "case note", "", text=None),
    e("u1", None, "case note", "CSC", text="Undated note", child_seen_alone=False),
]

ROWS: list[tuple[str, dict[str, Any], list[str]]] = [
    ("type-term", {"type": "home_visit"}, ["v1", "v2"]),
    ("type-group", {"type": "concern"}, ["d1"]),
    ("type-recorded-synonym", {"type": "DV incident"}, ["d1"]),
    ("agency-term", {"agency": "health_visiting"}, ["v1"]),
    ("agency-group", {"agency": "lead"}, ["v2", "n1", "u1"]),
    ("role-term", {"role": "mothers_partner"}, ["d1"]),
    ("role-group", {"role": "male_adult"}, ["d1"]),
    ("role-child", {"role": "child"}, ["v1"]),
    ("shared-with", {"shared_with": "csc"}, ["d1"]),
    ("attended-false", {"attended": False}, ["v2"]),
    ("attended-unknown", {"attended": "unknown"}, ["d1", "n1", "n2", "u1"]),
    ("child-seen-true", {"child_seen": True}, ["v1"]),
    ("child-seen-alone-false", {"child_seen_alone": False}, ["u1"]),
    (
        "date-after-before",
        {"date": {"after": "2020-01-15", "before": "2020-03-10"}},
        ["v2", "d1", "n1", "n2"],
    ),
    ("date-within-days", {"date": {"within_days": 40}}, ["v2", "d1", "n1", "n2"]),
    ("date-precision", {"date": {"precision": ["month", "year"]}}, ["n1", "n2"]),
    ("date-missing", {"date": {"missing": True}}, ["u1"]),
    ("text-phrase", {"text": {"phrase": "seen alone"}}, ["v1"]),
    ("text-phrase-word-boundary", {"text": {"phrase": "cess"}}, []),
    ("text-phrase-list", {"text": {"phrase": ["curtains drawn", "phone call"]}}, ["v2", "n1"]),
    ("text-concept", {"text": {"concept": "neglect"}}, ["v1"]),
    ("text-regex", {"text": {"regex": r"\bsh[a-z]+ing\b"}}, ["d1"]),
    ("text-regex-ignores-quote-style", {"text": {"regex": "mum's boyfriend"}}, ["d1"]),
    ("text-field-outcome", {"text": {"phrase": "MASH", "field": "outcome"}}, ["d1"]),
    ("text-field-text-only", {"text": {"phrase": "referred", "field": "text"}}, []),
    ("missing-text", {"missing": ["text"]}, ["n2"]),
    ("missing-agency", {"missing": "agency"}, ["n2"]),
    ("missing-shared-with", {"all": [{"missing": "shared_with"}, {"type": "visit"}]}, ["v1"]),
    ("not", {"not": {"agency": "csc"}}, ["v1", "d1", "n2"]),
    ("all", {"all": [{"agency": "csc"}, {"type": "note"}]}, ["n1", "u1"]),
    ("any", {"any": [{"type": "concern"}, {"child_seen": False}]}, ["v2", "d1"]),
    ("keys-and", {"agency": "csc", "type": "note"}, ["n1", "u1"]),
    (
        "nested",
        {
            "any": [
                {"all": [{"type": "visit"}, {"not": {"child_seen": True}}]},
                {"text": {"phrase": "undated"}},
            ]
        },
        ["v2", "u1"],
    ),
]


@pytest.mark.parametrize(("selector", "expected"), [pytest.param(s, x, id=n) for n, s, x in ROWS])
def test_selector(run: Any, selector: dict[str, Any], expected: list[str]) -> None:
    case = make_case(ENTRIES, people=PEOPLE)
    findings = run("each_entry", {"match": selector}, case)
    assert sorted(f.entry_ids[0] for f in findings) == sorted(expected)


def test_text_match_reports_span_in_original_text(run: Any) -> None:
    case = make_case(ENTRIES, people=PEOPLE)
    [finding] = run("each_entry", {"match": {"text": {"phrase": "seen alone"}}}, case)
    ev = finding.evidence[0]
    original = ENTRIES[0]["text"]
    assert (ev.field, original[ev.start : ev.end]) == ("text", "seen alone")


def test_span_survives_length_changing_case_folding(run: Any) -> None:
    text = "İİ Mother said the child was hungry."
    case = make_case([e("x", "2020-01-01", text=text)])
    [finding] = run("each_entry", {"match": {"text": {"concept": "neglect"}}}, case)
    ev = finding.evidence[0]
    assert text[ev.start : ev.end] == "hungry"


def test_where_limits_what_the_detector_sees(run: Any) -> None:
    case = make_case(ENTRIES, people=PEOPLE)
    findings = run("each_entry", {"match": {"type": "visit"}}, case, where={"agency": "csc"})
    assert [f.entry_ids for f in findings] == [["v2"]]
