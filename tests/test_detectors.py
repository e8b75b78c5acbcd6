"""Every generic detector: cases where it must fire, and near misses where it must not.

Each row: detector, params, entries, and the evidence entry ids of each
expected finding (an empty list means: must not fire).
"""

from __future__ import annotations

from typing import Any

import pytest

import reviewlint

from .conftest import entry as e
from .conftest import make_case

VISIT_NOT_SEEN = {"match": {"type": "visit", "child_seen": False}}
CONCERN = {
    "trigger": {"type": "concern"},
    "response": {"type": "response"},
    "min_count": 3,
    "min_agencies": 2,
    "window_days": 182,
    "response_within_days": 28,
}


def _child(pid: str, name: str, dob: str | None = None) -> dict[str, Any]:
    return {"id": pid, "name": name, "role": "child", **({"dob": dob} if dob else {})}


CASES: list[
    tuple[str, str, dict[str, Any], list[dict[str, Any]], list[list[str]], dict[str, Any]]
] = [
    # --- each_entry -------------------------------------------------------
    (
        "each_entry",
        "fires-per-entry",
        VISIT_NOT_SEEN,
        [
            e("e1", "2020-01-01", child_seen=False),
            e("e2", "2020-02-01", "no access visit", child_seen=False),
        ],
        [["e1"], ["e2"]],
        {},
    ),
    (
        "each_entry",
        "near-miss-child-seen",
        VISIT_NOT_SEEN,
        [e("e1", "2020-01-01", child_seen=True), e("e2", "2020-01-02", child_seen=None)],
        [],
        {},
    ),
    (
        "each_entry",
        "near-miss-not-a-visit",
        VISIT_NOT_SEEN,
        [e("e1", "2020-01-01", "case note", child_seen=False)],
        [],
        {},
    ),
    (
        "each_entry",
        "group-case",
        {**VISIT_NOT_SEEN, "group": "case", "min_count": 2},
        [e("e2", "2020-03-01", child_seen=False), e("e1", "2020-01-01", child_seen=False)],
        [["e1", "e2"]],
        {},
    ),
    (
        "each_entry",
        "group-case-below-min",
        {**VISIT_NOT_SEEN, "group": "case", "min_count": 3},
        [e("e2", "2020-03-01", child_seen=False), e("e1", "2020-01-01", child_seen=False)],
        [],
        {},
    ),
    # --- each_entry: when / when_person ------------------------------------
    (
        "each_entry",
        "fires-when-person-present",
        {"match": {"type": "assessment"}, "when_person": [{"needs_interpreter": True}]},
        [e("e1", "2020-01-01", "C&F assessment")],
        [["e1"]],
        {
            "people": [
                _child("p1", "Amy TEST", "2015-01-01"),
                {"id": "p2", "name": "Ana TEST", "role": "mother", "first_language": "Polish"},
            ]
        },
    ),
    (
        "each_entry",
        "near-miss-when-person-absent",
        {"match": {"type": "assessment"}, "when_person": [{"needs_interpreter": True}]},
        [e("e1", "2020-01-01", "C&F assessment")],
        [],
        {
            "people": [
                _child("p1", "Amy TEST", "2015-01-01"),
                {"id": "p2", "name": "Ana TEST", "role": "mother", "first_language": "English"},
            ]
        },
    ),
    (
        "each_entry",
        "near-miss-when-text-too-rare",
        {"match": {"type": "assessment"}, "when": {"text": {"concept": "talk"}}, "min_when": 2},
        [e("e1", "2020-01-01", "C&F assessment", text="She is non-verbal.")],
        [],
        {},
    ),
    (
        "each_entry",
        "fires-child-age-window",
        {"match": {"all": [{"type": "assessment"}, {"child_age": {"min_years": 3}}]}},
        [e("e1", "2016-06-01", "C&F assessment"), e("e2", "2019-06-01", "C&F assessment")],
        [["e2"]],
        {},
    ),
    (
        "each_entry",
        "fires-person-selector-and-interpreter-used",
        {
            "match": {
                "all": [
                    {"person": {"role": "mother", "dob_recorded": False}},
                    {"not": {"interpreter_used": True}},
                ]
            }
        },
        [
            e("e1", "2020-01-01", people=["p2"]),
            e("e2", "2020-02-01", people=["p2"], interpreter_used=True),
            e("e3", "2020-03-01", people=["p1"]),
        ],
        [["e1"]],
        {
            "people": [
                _child("p1", "Amy TEST", "2015-01-01"),
                {"id": "p2", "name": "Ana TEST", "role": "mum"},
            ]
        },
    ),
    # --- entry_absent: before_last ------------------------------------------
    (
        "entry_absent",
        "fires-required-only-after-last",
        {
            "when": {"type": "referral"},
            "min_when": 2,
            "required": {"type": "note"},
            "period": "before_last",
        },
        [
            e("e1", "2020-01-01", "referral"),
            e("e2", "2020-03-01", "referral"),
            e("e3", "2020-04-01", "case note"),
        ],
        [["e1", "e2"]],
        {},
    ),
    (
        "entry_absent",
        "near-miss-required-came-first",
        {
            "when": {"type": "referral"},
            "min_when": 2,
            "required": {"type": "note"},
            "period": "before_last",
        },
        [
            e("e1", "2020-01-01", "referral"),
            e("e3", "2020-02-01", "case note"),
            e("e2", "2020-03-01", "referral"),
        ],
        [],
        {},
    ),
    # --- entry_elements -----------------------------------------------------
    (
        "entry_elements",
        "fires-missing-two-elements",
        {
            "match": {"type": "referral"},
            "min_missing": 2,
            "elements": {
                "abuse": {"text": {"concept": "abuse"}},
                "drugs": {"text": {"concept": "drugs"}},
                "mood": {"text": {"concept": "mood"}},
            },
        },
        [
            e("e1", "2020-01-01", "referral", text="Referral re DV."),
            e("e2", "2020-02-01", "referral", text="Referral re DV and cannabis use."),
        ],
        [["e1"]],
        {},
    ),
    (
        "entry_elements",
        "fires-too-short",
        {
            "match": {"type": "referral"},
            "min_words": 6,
            "elements": {"abuse": {"text": {"concept": "abuse"}}},
        },
        [
            e("e1", "2020-01-01", "referral", text="DV."),
            e(
                "e2",
                "2020-02-01",
                "referral",
                text="Referral from school about DV at home last night.",
            ),
        ],
        [["e1"]],
        {},
    ),
    (
        "entry_elements",
        "near-miss-all-present",
        {
            "match": {"type": "plan"},
            "elements": {
                "actions": {"text": {"concept": "action"}},
                "timescales": {"text": {"regex": "\\b\\d{1,2}/\\d{1,2}\\b"}},
            },
        },
        [
            e(
                "e1",
                "2020-01-01",
                "CP plan",
                text="SW to visit weekly from 12/01; M will attend group.",
            )
        ],
        [],
        {},
    ),
    # --- factors_not_addressed ------------------------------------------------
    (
        "factors_not_addressed",
        "fires-factor-left-out",
        {
            "assessment": {"type": "assessment"},
            "min_factors": 2,
            "factors": {
                "abuse": {
                    "present": {"text": {"concept": "abuse"}},
                    "addressed": {"text": {"concept": "abuse", "negated": "any"}},
                },
                "mood": {
                    "present": {"text": {"concept": "mood"}},
                    "addressed": {"text": {"concept": "mood", "negated": "any"}},
                },
            },
        },
        [
            e("e1", "2020-01-01", "DA incident", "police", text="DV incident."),
            e("e2", "2020-02-01", "case note", text="M has low mood."),
            e("e3", "2020-03-01", "C&F assessment", text="M has low mood; GP involved."),
        ],
        [["e3", "e1"]],
        {},
    ),
    (
        "factors_not_addressed",
        "near-miss-negated-mention-addresses",
        {
            "assessment": {"type": "assessment"},
            "min_factors": 2,
            "factors": {
                "abuse": {
                    "present": {"text": {"concept": "abuse"}},
                    "addressed": {"text": {"concept": "abuse", "negated": "any"}},
                },
                "mood": {
                    "present": {"text": {"concept": "mood"}},
                    "addressed": {"text": {"concept": "mood", "negated": "any"}},
                },
            },
        },
        [
            e("e1", "2020-01-01", "DA incident", "police", text="DV incident."),
            e("e2", "2020-02-01", "case note", text="M has low mood."),
            e(
                "e3",
                "2020-03-01",
                "C&F assessment",
                text="Low mood improving. No DV since January.",
            ),
        ],
        [],
        {},
    ),
    (
        "factors_not_addressed",
        "near-miss-below-min-factors",
        {
            "assessment": {"type": "assessment"},
            "min_factors": 2,
            "factors": {
                "abuse": {
                    "present": {"text": {"concept": "abuse"}},
                    "addressed": {"text": {"concept": "abuse"}},
                },
                "mood": {
                    "present": {"text": {"concept": "mood"}},
                    "addressed": {"text": {"concept": "mood"}},
                },
            },
        },
        [
            e("e1", "2020-01-01", "DA incident", "police", text="DV incident."),
            e("e3", "2020-03-01", "C&F assessment", text="Home visit, all well."),
        ],
        [],
        {},
    ),
    (
        "factors_not_addressed",
        "near-miss-other-agency-own-knowledge",
        {
            "assessment": {"type": "assessment"},
            "other_agency": True,
            "factors": {
                "abuse": {
                    "present": {"text": {"concept": "abuse"}},
                    "addressed": {"text": {"concept": "abuse"}},
                }
            },
        },
        [
            e("e1", "2020-01-01", "case note", "CSC", text="DV disclosed."),
            e("e2", "2020-02-01", "DA incident", "police", text="DV incident."),
            e("e3", "2020-03-01", "C&F assessment", "CSC", text="Assessment of parenting."),
        ],
        [],
        {},
    ),
    (
        "factors_not_addressed",
        "fires-other-agency",
        {
            "assessment": {"type": "assessment"},
            "other_agency": True,
            "factors": {
                "abuse": {
                    "present": {"text": {"concept": "abuse"}},
                    "addressed": {"text": {"concept": "abuse"}},
                }
            },
        },
        [
            e("e2", "2020-02-01", "DA incident", "police", text="DV incident."),
            e("e3", "2020-03-01", "C&F assessment", "HV", text="Assessment of parenting."),
        ],
        [["e3", "e2"]],
        {},
    ),
    # --- person_without -------------------------------------------------------
    (
        "person_without",
        "fires-man-never-engaged",
        {
            "who": {"sex": "male", "adult": True, "not_role": ["professional"]},
            "engaged": {"text": {"concept": "engaged"}},
        },
        [
            e(
                "e1",
                "2020-01-01",
                text="Dean shouted at M during the visit. Child seen.",
                people=["p1"],
            )
        ],
        [["e1"]],
        {
            "people": [
                _child("p1", "Amy TEST", "2015-01-01"),
                {"id": "p3", "name": "Dean JONES", "role": "boyfriend"},
            ]
        },
    ),
    (
        "person_without",
        "near-miss-man-spoken-to",
        {
            "who": {"sex": "male", "adult": True, "not_role": ["professional"]},
            "engaged": {"text": {"concept": "engaged"}},
        },
        [
            e("e1", "2020-01-01", text="Dean shouted at M."),
            e("e2", "2020-02-01", text="SW spoke to Dean at the door."),
        ],
        [],
        {
            "people": [
                _child("p1", "Amy TEST", "2015-01-01"),
                {"id": "p3", "name": "Dean JONES", "role": "boyfriend"},
            ]
        },
    ),
    (
        "person_without",
        "near-miss-professional",
        {
            "who": {"sex": "male", "adult": True, "not_role": ["professional"]},
            "engaged": {"text": {"concept": "engaged"}},
        },
        [e("e1", "2020-01-01", text="Visit by Tom BROWN.", people=["p3"])],
        [],
        {
            "people": [
                _child("p1", "Amy TEST", "2015-01-01"),
                {"id": "p3", "name": "Tom BROWN", "role": "social worker", "sex": "male"},
            ]
        },
    ),
    (
        "person_without",
        "near-miss-negated-engagement-is-not-engagement",
        {"who": {"sex": "male", "adult": True}, "engaged": {"text": {"concept": "engaged"}}},
        [e("e1", "2020-01-01", text="Dean not seen.")],
        [["e1"]],
        {
            "people": [
                _child("p1", "Amy TEST", "2015-01-01"),
                {"id": "p3", "name": "Dean JONES", "role": "boyfriend"},
            ]
        },
    ),
    (
        "person_without",
        "fires-unnamed-man",
        {
            "who": {"sex": "male", "adult": True},
            "engaged": {"text": {"concept": "engaged"}},
            "unnamed": {"text": {"concept": "man", "experiencer": "any"}},
        },
        [e("e1", "2020-01-01", text="Neighbour reports a man shouting at the flat.")],
        [["e1"]],
        {},
    ),
    (
        "person_without",
        "near-miss-unnamed-man-negated",
        {
            "who": {"sex": "male", "adult": True},
            "engaged": {"text": {"concept": "engaged"}},
            "unnamed": {"text": {"concept": "man"}},
        },
        [e("e1", "2020-01-01", text="No boyfriend in the household.")],
        [],
        {},
    ),
    (
        "person_without",
        "fires-sibling-of-disabled-child",
        {
            "when_person": {"adult": False, "disability": True},
            "who": {"adult": False, "disability": False},
            "engaged": {"text": {"concept": "engaged"}},
        },
        [e("e1", "2020-01-01", text="Amy seen. Her brother Leo was at school.")],
        [["e1"]],
        {
            "people": [
                {
                    "id": "p1",
                    "name": "Amy TEST",
                    "role": "child",
                    "dob": "2015-01-01",
                    "disability": "cerebral palsy",
                },
                {"id": "p2", "name": "Leo TEST", "role": "brother", "dob": "2012-01-01"},
            ]
        },
    ),
    (
        "person_without",
        "near-miss-no-disabled-child",
        {
            "when_person": {"adult": False, "disability": True},
            "who": {"adult": False, "disability": False},
            "engaged": {"text": {"concept": "engaged"}},
        },
        [e("e1", "2020-01-01", text="Amy seen. Her brother Leo was at school.")],
        [],
        {
            "people": [
                {
                    "id": "p1",
                    "name": "Amy TEST",
                    "role": "child",
                    "dob": "2015-01-01",
                    "disability": "none",
                },
                {"id": "p2", "name": "Leo TEST", "role": "brother", "dob": "2012-01-01"},
            ]
        },
    ),
    (
        "person_without",
        "near-miss-father-written-to",
        {
            "who": {"role": "father", "lives_with_subject": False},
            "mentioned": False,
            "engaged": {"text": {"concept": "engaged"}},
        },
        [e("e1", "2020-01-01", text="SW wrote to F inviting him to the meeting; no reply.")],
        [],
        {
            "people": [
                _child("p1", "Amy TEST", "2015-01-01"),
                {"id": "p4", "name": "Gary TEST", "role": "father", "lives_with_subject": False},
            ]
        },
    ),
    (
        "person_without",
        "fires-father-never-contacted",
        {
            "who": {"role": "father", "lives_with_subject": False},
            "mentioned": False,
            "engaged": {"text": {"concept": "engaged"}},
        },
        [e("e1", "2020-01-01", text="Child seen alone, happy.")],
        [["p4"]],
        {
            "people": [
                _child("p1", "Amy TEST", "2015-01-01"),
                {"id": "p4", "name": "Gary TEST", "role": "father", "lives_with_subject": False},
            ]
        },
    ),
    # --- entry_absent -------------------------------------------------------
    (
        "entry_absent",
        "fires-when-missing",
        {
            "when": {"text": {"concept": "neglect"}},
            "min_when": 2,
            "required": {"type": "section_47"},
        },
        [
            e("e1", "2020-01-01", text="Home conditions poor."),
            e("e2", "2020-02-01", text="Head lice again."),
            e("e3", "2020-03-01"),
        ],
        [["e1", "e2"]],
        {},
    ),
    (
        "entry_absent",
        "near-miss-required-present",
        {
            "when": {"text": {"concept": "neglect"}},
            "min_when": 2,
            "required": {"type": "section_47"},
        },
        [
            e("e1", "2020-01-01", text="Home conditions poor."),
            e("e2", "2020-02-01", text="hungry"),
            e("e3", "2020-03-01", "S47"),
        ],
        [],
        {},
    ),
    (
        "entry_absent",
        "near-miss-too-few-when",
        {
            "when": {"text": {"concept": "neglect"}},
            "min_when": 3,
            "required": {"type": "section_47"},
        },
        [e("e1", "2020-01-01", text="Home conditions poor."), e("e2", "2020-02-01", text="hungry")],
        [],
        {},
    ),
    (
        "entry_absent",
        "recent-period-fires",
        {"required": {"type": "home_visit"}, "period": "recent", "days": 30},
        [e("e1", "2020-01-01"), e("e2", "2020-03-01", "case note")],
        [[]],
        {},
    ),
    (
        "entry_absent",
        "recent-period-near-miss",
        {"required": {"type": "home_visit"}, "period": "recent", "days": 30},
        [e("e1", "2020-02-15"), e("e2", "2020-03-01", "case note")],
        [],
        {},
    ),
    (
        "entry_absent",
        "after-first-not-yet-due",
        {
            "when": {"type": "looked_after"},
            "required": {"type": "permanence_plan"},
            "period": "after_first",
            "days": 120,
        },
        [e("e1", "2020-01-01", "S20"), e("e2", "2020-03-01", "case note")],
        [],
        {},
    ),
    (
        "entry_absent",
        "after-first-late",
        {
            "when": {"type": "looked_after"},
            "required": {"type": "permanence_plan"},
            "period": "after_first",
            "days": 120,
        },
        [e("e1", "2020-01-01", "S20"), e("e2", "2020-08-01", "permanence planning meeting")],
        [["e1"]],
        {},
    ),
    # --- not_followed_by -----------------------------------------------------
    (
        "not_followed_by",
        "fires-no-response",
        {"trigger": {"type": "concern"}, "response": {"shared_with": "csc"}, "within_days": 3},
        [e("e1", "2020-01-01", "DA incident", "police"), e("e2", "2020-02-01", "case note")],
        [["e1"]],
        {},
    ),
    (
        "not_followed_by",
        "near-miss-shared-on-entry",
        {"trigger": {"type": "concern"}, "response": {"shared_with": "csc"}, "within_days": 3},
        [
            e("e1", "2020-01-01", "DA incident", "police", shared_with=["MASH"]),
            e("e2", "2020-02-01", "case note"),
        ],
        [],
        {},
    ),
    (
        "not_followed_by",
        "near-miss-response-in-time",
        {"trigger": {"type": "concern"}, "response": {"agency": "csc"}, "within_days": 3},
        [
            e("e1", "2020-01-01", "DA incident", "police"),
            e("e2", "2020-01-03", "case note", "CSC"),
            e("e3", "2020-03-01", "case note", "police"),
        ],
        [],
        {},
    ),
    (
        "not_followed_by",
        "fires-response-too-late",
        {"trigger": {"type": "concern"}, "response": {"agency": "csc"}, "within_days": 3},
        [e("e1", "2020-01-01", "DA incident", "police"), e("e2", "2020-01-10", "case note", "CSC")],
        [["e1"]],
        {},
    ),
    (
        "not_followed_by",
        "near-miss-deadline-after-reference",
        {"trigger": {"type": "concern"}, "response": {"agency": "csc"}, "within_days": 3},
        [
            e("e0", "2019-12-01", "case note", "school"),
            e("e1", "2020-01-01", "DA incident", "police"),
        ],
        [],
        {},
    ),
    # --- cluster_without_response --------------------------------------------
    (
        "cluster_without_response",
        "fires-three-concerns-two-agencies",
        CONCERN,
        [
            e("e1", "2020-01-01", "DA incident", "police"),
            e("e2", "2020-02-01", "ED", "HV"),
            e("e3", "2020-03-01", "DA incident", "police"),
            e("e4", "2020-06-01", "case note"),
        ],
        [["e1", "e2", "e3"]],
        {},
    ),
    (
        "cluster_without_response",
        "near-miss-strategy-follows",
        CONCERN,
        [
            e("e1", "2020-01-01", "DA incident", "police"),
            e("e2", "2020-02-01", "ED", "HV"),
            e("e3", "2020-03-01", "DA incident", "police"),
            e("e4", "2020-03-10", "strat", "CSC"),
            e("e5", "2020-06-01", "case note"),
        ],
        [],
        {},
    ),
    (
        "cluster_without_response",
        "near-miss-one-agency",
        CONCERN,
        [
            e("e1", "2020-01-01", "DA incident", "police"),
            e("e2", "2020-02-01", "DA incident", "police"),
            e("e3", "2020-03-01", "DA incident", "police"),
            e("e4", "2020-06-01", "case note"),
        ],
        [],
        {},
    ),
    (
        "cluster_without_response",
        "near-miss-outside-window",
        CONCERN,
        [
            e("e1", "2019-01-01", "DA incident", "police"),
            e("e2", "2019-06-01", "ED", "HV"),
            e("e3", "2020-03-01", "DA incident", "police"),
            e("e4", "2020-06-01", "case note"),
        ],
        [],
        {},
    ),
    (
        "cluster_without_response",
        "response-resets-count",
        CONCERN,
        [
            e("e1", "2020-01-01", "DA incident", "police"),
            e("e2", "2020-01-15", "ED", "HV"),
            e("r", "2020-01-20", "S47", "CSC"),
            e("e3", "2020-02-01", "DA incident", "police"),
            e("e4", "2020-02-15", "ED", "HV"),
            e("e5", "2020-06-01", "case note"),
        ],
        [],
        {},
    ),
    (
        "cluster_without_response",
        "later-concerns-join-the-episode",
        CONCERN,
        [
            e("e1", "2020-01-01", "DA incident", "police"),
            e("e2", "2020-02-01", "ED", "HV"),
            e("e3", "2020-03-01", "DA incident", "police"),
            e("e4", "2020-03-20", "ED", "HV"),
            e("e5", "2020-08-01", "case note"),
        ],
        [["e1", "e2", "e3", "e4"]],
        {},
    ),
    # --- gap -------------------------------------------------------------------
    (
        "gap",
        "fires-long-gap",
        {"max_days": 90, "closes": {"type": "closure"}},
        [e("e1", "2020-01-01"), e("e2", "2020-06-01"), e("e3", "2020-07-01")],
        [["e1", "e2"]],
        {},
    ),
    (
        "gap",
        "near-miss-closed-in-gap",
        {"max_days": 90, "closes": {"type": "closure"}},
        [e("e1", "2020-01-01"), e("e2", "2020-01-05", "case closed"), e("e3", "2020-09-01")],
        [],
        {},
    ),
    (
        "gap",
        "near-miss-short-gaps",
        {"max_days": 90},
        [e("e1", "2020-01-01"), e("e2", "2020-03-30"), e("e3", "2020-06-27")],
        [],
        {},
    ),
    (
        "gap",
        "near-miss-partial-dates-ignored",
        {"max_days": 90},
        [e("e1", "2020-01-01"), e("e2", "June 2020"), e("e3", "2020-03-01")],
        [],
        {},
    ),
    (
        "gap",
        "fires-to-explicit-reference-date",
        {"max_days": 90},
        [e("e1", "2020-01-01"), e("e2", "2020-02-01")],
        [["e2"]],
        {"reference_date": "2020-12-01"},
    ),
    (
        "gap",
        "reopened-after-closure",
        {"max_days": 90, "closes": {"type": "closure"}},
        [
            e("e1", "2020-01-01", "NFA"),
            e("e2", "2020-05-01", "MASH referral"),
            e("e3", "2020-12-01"),
        ],
        [["e2", "e3"]],
        {},
    ),
    (
        "gap",
        "closure-not-in-counts-still-closes",
        {"max_days": 30, "counts": {"type": "home_visit"}, "closes": {"type": "closure"}},
        [e("e1", "2020-01-01"), e("c", "2020-01-05", "case closed"), e("e2", "2020-03-01")],
        [],
        {},
    ),
    # --- same_period -------------------------------------------------------------
    (
        "same_period",
        "fires-same-day",
        {"match": {"type": "visit"}},
        [e("e1", "2020-01-01", agency="HV"), e("e2", "2020-01-01", agency="CSC")],
        [["e1", "e2"]],
        {},
    ),
    (
        "same_period",
        "near-miss-same-agency",
        {"match": {"type": "visit"}},
        [e("e1", "2020-01-01", agency="CSC"), e("e2", "2020-01-01", agency="CSC")],
        [],
        {},
    ),
    (
        "same_period",
        "near-miss-next-day",
        {"match": {"type": "visit"}},
        [e("e1", "2020-01-01", agency="HV"), e("e2", "2020-01-02", agency="CSC")],
        [],
        {},
    ),
    (
        "same_period",
        "near-miss-excluded-joint",
        {"match": {"all": [{"type": "visit"}, {"not": {"text": {"phrase": "joint visit"}}}]}},
        [
            e("e1", "2020-01-01", agency="HV", text="Planned joint visit with SW."),
            e("e2", "2020-01-01", agency="CSC", text="Joint visit with HV."),
        ],
        [],
        {},
    ),
    (
        "same_period",
        "fires-week",
        {"match": {"type": "visit"}, "period_days": 7, "min_entries": 5, "min_agencies": 1},
        [e(f"e{i}", f"2020-01-0{i}", agency="CSC") for i in range(1, 6)],
        [["e1", "e2", "e3", "e4", "e5"]],
        {},
    ),
    (
        "same_period",
        "also-limit-after-day-limit",
        {
            "match": {"type": "visit"},
            "also": [{"period_days": 7, "min_entries": 3, "min_agencies": 1}],
        },
        [
            e("e1", "2020-01-01", agency="HV"),
            e("e2", "2020-01-01", agency="CSC"),
            e("e3", "2020-01-03", agency="CSC"),
            e("e4", "2020-01-04", agency="CSC"),
            e("e5", "2020-01-25", agency="CSC"),
        ],
        [["e1", "e2", "e3", "e4"]],
        {},
    ),
    (
        "same_period",
        "day-clash-kept-when-not-inside-a-busy-week",
        {
            "match": {"type": "visit"},
            "also": [{"period_days": 7, "min_entries": 5, "min_agencies": 1}],
        },
        [
            e("e1", "2020-01-01", agency="HV"),
            e("e2", "2020-01-01", agency="CSC"),
            e("e3", "2020-01-03", agency="CSC"),
        ],
        [["e1", "e2"]],
        {},
    ),
    (
        "same_period",
        "near-miss-week-four",
        {"match": {"type": "visit"}, "period_days": 7, "min_entries": 5, "min_agencies": 1},
        [e(f"e{i}", f"2020-01-0{i}", agency="CSC") for i in range(1, 5)] + [e("e9", "2020-01-09")],
        [],
        {},
    ),
    (
        "same_period",
        "near-miss-entry-without-agency-is-not-an-agency",
        {"match": {"type": "visit"}},
        [e("e1", "2020-01-01", agency=""), e("e2", "2020-01-01", agency="primary school")],
        [],
        {},
    ),
    # --- state_duration -------------------------------------------------------------
    (
        "state_duration",
        "fires-too-long",
        {
            "start": {"type": "looked_after"},
            "end": {"type": "ceased_care"},
            "required": {"type": "permanence_plan"},
            "max_days": 120,
        },
        [e("e1", "2020-01-01", "S20"), e("e2", "2020-07-01", "case note")],
        [["e1"]],
        {},
    ),
    (
        "state_duration",
        "near-miss-plan-in-time",
        {
            "start": {"type": "looked_after"},
            "end": {"type": "ceased_care"},
            "required": {"type": "permanence_plan"},
            "max_days": 120,
        },
        [
            e("e1", "2020-01-01", "S20"),
            e("e2", "2020-03-01", "permanence planning meeting"),
            e("e3", "2020-07-01", "case note"),
        ],
        [],
        {},
    ),
    (
        "state_duration",
        "near-miss-ended-early",
        {
            "start": {"type": "looked_after"},
            "end": {"type": "ceased_care"},
            "required": {"type": "permanence_plan"},
            "max_days": 120,
        },
        [
            e("e1", "2020-01-01", "S20"),
            e("e2", "2020-02-01", "returned home"),
            e("e3", "2020-07-01", "case note"),
        ],
        [],
        {},
    ),
    (
        "state_duration",
        "near-miss-still-young",
        {
            "start": {"type": "looked_after"},
            "required": {"type": "permanence_plan"},
            "max_days": 120,
        },
        [e("e1", "2020-01-01", "S20"), e("e2", "2020-03-01", "case note")],
        [],
        {},
    ),
    (
        "state_duration",
        "near-miss-ended-same-day",
        {
            "start": {"type": "looked_after"},
            "end": {"type": "ceased_care"},
            "required": {"type": "permanence_plan"},
            "max_days": 120,
        },
        [
            e("e1", "2020-01-01", "S20"),
            e("e2", "2020-01-01", "returned home"),
            e("e3", "2020-07-01", "case note"),
        ],
        [],
        {},
    ),
    # --- age_without ----------------------------------------------------------------
    (
        "age_without",
        "fires-aged-16",
        {
            "min_age_years": 16,
            "required": {"type": "pathway_plan"},
            "legal_status": ["looked_after"],
        },
        [e("e1", "2020-01-01")],
        [["p1"]],
        {
            "people": [
                {
                    "id": "p1",
                    "name": "Kai TEST",
                    "role": "child",
                    "dob": "2003-05-01",
                    "legal_status": "CLA",
                }
            ]
        },
    ),
    (
        "age_without",
        "near-miss-plan-recorded",
        {
            "min_age_years": 16,
            "required": {"type": "pathway_plan"},
            "legal_status": ["looked_after"],
        },
        [e("e1", "2020-01-01"), e("e2", "2020-01-02", "pathway plan")],
        [],
        {
            "people": [
                {
                    "id": "p1",
                    "name": "Kai TEST",
                    "role": "child",
                    "dob": "2003-05-01",
                    "legal_status": "CLA",
                }
            ]
        },
    ),
    (
        "age_without",
        "near-miss-too-young",
        {
            "min_age_years": 16,
            "required": {"type": "pathway_plan"},
            "legal_status": ["looked_after"],
        },
        [e("e1", "2020-01-01")],
        [],
        {
            "people": [
                {
                    "id": "p1",
                    "name": "Kai TEST",
                    "role": "child",
                    "dob": "2004-05-01",
                    "legal_status": "CLA",
                }
            ]
        },
    ),
    (
        "age_without",
        "near-miss-not-looked-after",
        {
            "min_age_years": 16,
            "required": {"type": "pathway_plan"},
            "legal_status": ["looked_after"],
        },
        [e("e1", "2020-01-01")],
        [],
        {"people": [{"id": "p1", "name": "Kai TEST", "role": "child", "dob": "2003-05-01"}]},
    ),
    # --- name_variants / dob_mismatch / dob_implausible -----------------------
    (
        "name_variants",
        "fires-phonetic-spelling",
        {},
        [e("e1", "2020-01-01")],
        [["p1", "p2"]],
        {"people": [_child("p1", "Jayden SMITH", "04/03/2016"), _child("p2", "Jaden Smyth")]},
    ),
    (
        "name_variants",
        "fires-inline-record-in-an-entry",
        {},
        [e("e1", "2020-01-01", people=[{"name": "Jaiden Smith", "role": "child"}])],
        [["e1"]],
        {"people": [_child("p1", "Jayden SMITH", "04/03/2016")]},
    ),
    (
        "name_variants",
        "near-miss-twins",
        {},
        [e("e1", "2020-01-01")],
        [],
        {
            "people": [
                _child("p1", "Olivia SMITH", "2016-03-04"),
                _child("p2", "Sophia Smith", "2016-03-04"),
            ]
        },
    ),
    (
        "name_variants",
        "near-miss-same-name-other-order",
        {},
        [e("e1", "2020-01-01")],
        [],
        {"people": [_child("p1", "SMITH, Jayden", "04/03/2016"), _child("p2", "Jayden Smith")]},
    ),
    (
        "dob_mismatch",
        "fires-day-month-swap",
        {},
        [e("e1", "2020-01-01")],
        [["p1", "p2"]],
        {
            "people": [
                _child("p1", "Jayden SMITH", "04/03/2016"),
                _child("p2", "Jayden Smith", "03/04/2016"),
            ]
        },
    ),
    (
        "dob_mismatch",
        "near-miss-same-date-other-format",
        {},
        [e("e1", "2020-01-01")],
        [],
        {
            "people": [
                _child("p1", "Jayden SMITH", "04/03/2016"),
                _child("p2", "Jayden Smith", "2016-03-04"),
            ]
        },
    ),
    (
        "dob_mismatch",
        "near-miss-year-only-agrees",
        {},
        [e("e1", "2020-01-01")],
        [],
        {
            "people": [
                _child("p1", "Jayden SMITH", "04/03/2016"),
                _child("p2", "Jayden Smith", "2016"),
            ]
        },
    ),
    (
        "dob_implausible",
        "fires-born-after-the-last-entry",
        {},
        [e("e1", "2020-01-01", people=["p1"])],
        [["e1"]],
        {"people": [_child("p1", "Jayden SMITH", "04/03/2021")]},
    ),
    (
        "dob_implausible",
        "fires-named-before-birth",
        {},
        [e("e1", "2019-01-01", people=["p1"]), e("e2", "2021-01-01", people=["p1"])],
        [["e1"]],
        {"people": [_child("p1", "Jayden SMITH", "04/03/2020")]},
    ),
    (
        "dob_implausible",
        "fires-mother-too-young",
        {},
        [e("e1", "2021-01-01")],
        [["p2", "p1"]],
        {
            "people": [
                _child("p1", "Jayden SMITH", "04/03/2020"),
                {"id": "p2", "name": "Kerry SMITH", "role": "mother", "dob": "2011-01-01"},
            ]
        },
    ),
    (
        "dob_implausible",
        "near-miss-unborn-work-before-birth",
        {"unborn": {"text": {"phrase": "unborn"}}},
        [
            e("e1", "2019-12-01", "case note", text="Pre-birth: unborn baby", people=["p1"]),
            e("e2", "2021-01-01", people=["p1"]),
        ],
        [],
        {"people": [_child("p1", "Jayden SMITH", "04/03/2020")]},
    ),
    (
        "dob_implausible",
        "near-miss-care-leaver-24",
        {},
        [e("e1", "2021-01-01")],
        [],
        {"people": [_child("p1", "Jayden SMITH", "04/03/1997")]},
    ),
]


def _evidence(finding: Any) -> list[str]:
    return finding.entry_ids or finding.person_ids


@pytest.mark.parametrize(
    ("detector", "params", "entries", "expected", "case_fields"),
    [pytest.param(d, p, en, ex, cf, id=f"{d}::{name}") for d, name, p, en, ex, cf in CASES],
)
def test_detector(
    run: Any,
    detector: str,
    params: dict[str, Any],
    entries: list[dict[str, Any]],
    expected: list[list[str]],
    case_fields: dict[str, Any],
) -> None:
    case = make_case(entries, **case_fields)
    findings = run(detector, params, case)
    assert [_evidence(f) for f in findings] == expected


def test_every_builtin_detector_has_fire_and_near_miss_rows() -> None:
    from reviewlint.detectors import all_detectors

    for name in all_detectors():
        rows = [row for row in CASES if row[0] == name]
        assert any(row[4] for row in rows), f"{name} has no row where it fires"
        assert any(not row[4] for row in rows), f"{name} has no near miss"


def test_age_without_notices_missing_dob(tmp_path: Any) -> None:
    from reviewlint import Linter

    from .conftest import rule_pack

    pack = rule_pack(
        tmp_path, "age_without", {"min_age_years": 16, "required": {"type": "pathway_plan"}}
    )
    case = make_case(
        [e("e1", "2020-01-01")], people=[{"id": "p1", "name": "Kai TEST", "role": "child"}]
    )
    report = Linter([pack]).check(case)
    assert report.findings == []
    assert [n.code for n in report.notices if n.rule_id == "r"] == ["needs-dob"]


def test_age_without_checks_each_child_separately(run: Any) -> None:
    people = [
        {
            "id": "p1",
            "name": "Kai TEST",
            "role": "child",
            "dob": "2002-01-01",
            "legal_status": "CLA",
        },
        {
            "id": "p2",
            "name": "Rio TEST",
            "role": "child",
            "dob": "2003-06-01",
            "legal_status": "CLA",
        },
    ]
    case = make_case([e("e1", "2020-01-01", "pathway plan", people=["p1"])], people=people)
    params = {
        "min_age_years": 16,
        "required": {"type": "pathway_plan"},
        "legal_status": "looked_after",
    }
    assert [f.person_ids for f in run("age_without", params, case)] == [["p2"]]


def test_child_age_without_any_dob_is_a_notice_once(tmp_path: Any) -> None:
    from reviewlint import Linter

    from .conftest import rule_pack

    pack = rule_pack(
        tmp_path,
        "each_entry",
        {"match": {"all": [{"type": "assessment"}, {"child_age": {"min_years": 3}}]}},
    )
    case = make_case(
        [e("e1", "2020-01-01", "C&F assessment"), e("e2", "2020-02-01", "C&F assessment")],
        people=[{"id": "p1", "name": "Kai TEST", "role": "child"}],
    )
    report = Linter([pack]).check(case)
    assert report.findings == []
    assert [n.code for n in report.notices] == ["needs-dob"]
    assert "Kai" not in report.notices[0].message  # ids and fields only, never names


def test_people_are_linked_to_entries_that_name_them() -> None:
    from reviewlint._case_view import CaseView

    pack = reviewlint.load_pack("scr-core")
    case = make_case(
        [
            e("e1", "2020-01-01", text="Dean shouted at M during the visit."),
            e("e2", "2020-02-01", text="Visit; Amy seen. Smith family not home next door."),
            e("e3", "2020-03-01", text="Nothing about him here.", people=["p3"]),
        ],
        people=[
            {"id": "p1", "name": "Amy SMITH", "role": "child", "dob": "2015-01-01"},
            {"id": "p2", "name": "Kerry SMITH", "role": "mother"},
            {"id": "p3", "name": "Dean JONES", "role": "boyfriend"},
        ],
    )
    view = CaseView(case, pack)
    assert [x.id for x in view.mentions_of("p3")] == ["e1", "e3"]
    # A family name two records share links nobody: "Smith family" is not Kerry.
    assert [x.id for x in view.mentions_of("p2")] == []
    assert [x.id for x in view.mentions_of("p1")] == ["e2"]


# --- review regressions (scr-core rules on small cases) ------------------------------


def _scr(rule: str, entries: list[dict[str, Any]], people: list[dict[str, Any]]) -> list[Any]:
    from reviewlint import Linter

    case = make_case(entries, people=people)
    return Linter(["scr-core"], select=[rule]).check(case).findings


CHILD = {"id": "p1", "name": "Amy TEST", "role": "child", "dob": "2015-01-01", "sex": "female"}


def test_a_second_record_of_the_same_man_does_not_hide_his_name() -> None:
    dean = {"id": "p3", "name": "Dean JONES", "role": "mother's partner", "sex": "male"}
    found = _scr(
        "hidden-men",
        [
            e("e1", "2020-01-01", "DA incident", "police", text="Police called.",
              people=["p1", {"name": "Dean JONES", "sex": "male", "role": "boyfriend"}]),
            e("e2", "2020-02-01", "HV home visit", "HV", text="Dean spoken to at length."),
        ],
        [CHILD, dean],
    )  # fmt: skip
    assert found == []


def test_a_shared_surname_near_the_words_does_not_engage_him() -> None:
    mark = {"id": "p3", "name": "Mark SMITH", "role": "mother's partner", "sex": "male"}
    kerry = {"id": "p2", "name": "Kerry SMITH", "role": "mother", "sex": "female"}
    found = _scr(
        "hidden-men",
        [e("e1", "2020-01-01", text="Kerry Smith seen. Mark out at work.")],
        [CHILD, kerry, mark],
    )
    assert [f.person_ids for f in found] == [["p3"]]


def test_a_possessive_her_is_not_the_sibling_spoken_to() -> None:
    disabled = {**CHILD, "disability": "cerebral palsy, non-verbal"}
    sister = {"id": "p2", "name": "Inaaya TEST", "role": "sister", "dob": "2010-01-01",
              "sex": "female"}  # fmt: skip
    found = _scr(
        "siblings-not-assessed",
        [e("e1", "2020-01-01", text="Inaaya helps her brother at bedtime; SW spoke to her mum.")],
        [disabled, sister],
    )
    assert [f.person_ids for f in found] == [["p2"]]


def test_an_unknown_man_merely_present_is_still_unidentified() -> None:
    found = _scr(
        "hidden-men",
        [e("e1", "2020-01-01", text="Unknown male present at the address, left before checks.")],
        [CHILD],
    )
    assert [f.entry_ids for f in found] == [["e1"]]
    assert not any(ev.text == "present" for f in found for ev in f.evidence)


def test_a_risk_dated_only_by_year_is_not_before_an_assessment_that_year() -> None:
    found = _scr(
        "information-not-carried-forward",
        [
            e("e1", "2021", "DA incident", "police", text="DV incident at the address."),
            e("e2", "2021-03-01", "C&F assessment", "HV", text="Assessment of parenting."),
        ],
        [CHILD],
    )
    assert found == []


def test_first_language_forms() -> None:
    from reviewlint._case_view import CaseView

    pack = reviewlint.load_pack("scr-core")
    people = [
        {"id": f"p{i}", "name": f"Ana T{i}", "role": "mother", "first_language": lang}
        for i, lang in enumerate(["Not known", "English (fluent)", "Eng.", "Polish", "English/Polish"], 2)
    ]  # fmt: skip
    view = CaseView(make_case([e("e1", "2020-01-01")], people=[CHILD, *people]), pack)
    assert [view.needs_interpreter(view.people[p["id"]]) for p in people] == [
        None, False, False, True, False,
    ]  # fmt: skip
    neighbour = make_case(
        [e("e1", "2020-01-01")], people=[CHILD, {"id": "p9", "name": "Gordon PRICE"}]
    )
    assert CaseView(neighbour, pack).is_adult(CaseView(neighbour, pack).people["p9"]) is None


def test_pre_birth_work_for_a_child_with_a_due_date_is_not_implausible() -> None:
    baby = {"id": "p2", "name": "Maryam TEST", "role": "child", "dob": "2025-06-24",
            "due_date": "2025-06-30"}  # fmt: skip
    found = _scr(
        "dob-implausible",
        [e("e1", "2025-02-26", "GCP2", "HV", text="GCP2 with M.", people=["p2"]),
         e("e2", "2025-07-20", "HV home visit", "HV", people=["p2"])],
        [CHILD, baby],
    )  # fmt: skip
    assert found == []


def test_a_teenage_mother_who_is_a_subject_is_not_the_baby_fathers_child() -> None:
    mother = {"id": "p1", "name": "Chelsea TEST", "role": "mother", "dob": "2008-11-02"}
    baby = {"id": "p2", "name": "Harper TEST", "role": "child", "dob": "2024-08-20"}
    father = {"id": "p4", "name": "Ryan BARKER", "role": "father of baby", "dob": "2000-12-14"}
    case = make_case([e("e1", "2024-09-01", people=["p2"])], people=[mother, baby, father],
                     subjects=["p1", "p2"])  # fmt: skip
    from reviewlint import Linter

    assert Linter(["scr-core"], select=["dob-implausible"]).check(case).findings == []
