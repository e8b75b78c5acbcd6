"""A deterministic synthetic cohort for benchmarks: realistic shapes, fictional content.

Not a substitute for the hand-written fixtures: it exercises volume, not judgement.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

AGENCIES = ["CSC", "Police", "HV", "School", "GP", "ED", "Early Help", "Housing", "Midwife"]
TYPES = {
    "CSC": [
        "Home visit",
        "CIN visit",
        "Assessment",
        "Strategy discussion",
        "S47",
        "CP plan",
        "Case closed",
        "Telephone call",
    ],
    "Police": ["DA incident", "Concern for welfare", "Missing episode"],
    "HV": ["HV home visit", "No access visit", "New birth visit", "WNB"],
    "School": ["Welfare concern", "Attendance concern", "Email", "Meeting"],
    "GP": ["GP appointment", "DNA", "Telephone call"],
    "ED": ["ED attendance"],
    "Early Help": ["Early help assessment", "TAF meeting", "Home visit"],
    "Housing": ["Home visit", "Letter"],
    "Midwife": ["Antenatal appointment", "Booking appointment"],
}
PHRASES = [
    "Mother reports things are fine.",
    "Child seen alone in bedroom, chatty.",
    "No access, curtains drawn.",
    "Home conditions poor, no food in the fridge.",
    "Mum's boyfriend present, did not give his name.",
    "Child asleep upstairs.",
    "Police called to address after neighbours heard shouting.",
    "Attendance 78% this term; late most mornings.",
    "Head lice noted again.",
    "Plan shared with parents and sent to school, GP and HV.",
    "Dad not contacted.",
    "J said he likes his new teacher.",
]
GIVEN = ["Jayden", "Amelia", "Kacper", "Zara", "Tyler", "Aisha", "Oliver", "Maja", "Leo", "Ruby"]
FAMILY = ["Smith", "Kowalski", "Ahmed", "Jones", "Nguyen", "Popescu", "Okafor", "Brown"]


def make_case(rng: random.Random, index: int, entries: int) -> dict[str, Any]:
    """One fictional case with ``entries`` chronology entries."""
    start = date(2017, 1, 1) + timedelta(days=rng.randrange(0, 1500))
    family = rng.choice(FAMILY)
    people = [
        {
            "id": "p1",
            "name": f"{rng.choice(GIVEN)} {family.upper()}",
            "role": "child",
            "dob": (start - timedelta(days=rng.randrange(100, 5000))).strftime("%d/%m/%Y"),
            "source": "CSC",
        },
        {
            "id": "p2",
            "name": f"{rng.choice(GIVEN)} {family}",
            "role": "mother",
            "dob": f"{rng.randrange(1975, 2000)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}",
        },
    ]
    day = start
    rows = []
    for n in range(entries):
        day += timedelta(days=rng.choice([1, 3, 7, 14, 21, 30, 45, 100]))
        agency = rng.choice(AGENCIES)
        row: dict[str, Any] = {
            "id": f"e{n + 1}",
            "date": day.isoformat() if rng.random() < 0.7 else day.strftime("%d/%m/%Y"),
            "agency": agency,
            "type": rng.choice(TYPES[agency]),
            "text": " ".join(rng.sample(PHRASES, 2)),
            "people": ["p1", "p2"],
        }
        if rng.random() < 0.3:
            row["child_seen"] = rng.random() < 0.6
        if rng.random() < 0.2:
            row["shared_with"] = ["CSC"]
        rows.append(row)
    rng.shuffle(rows)
    return {
        "format": "reviewlint.case/1",
        "case_id": f"syn-{index:07d}",
        "people": people,
        "entries": rows,
    }


def write_cohort(path: Path, cases: int, seed: int = 7, entries: tuple[int, int] = (8, 40)) -> int:
    """Write ``cases`` cases as JSON Lines; returns the number of entries written."""
    rng = random.Random(seed)
    total = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(cases):
            case = make_case(rng, i, rng.randint(*entries))
            total += len(case["entries"])
            out.write(json.dumps(case) + "\n")
    return total
