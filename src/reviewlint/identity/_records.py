"""The parts of a person record the resolver compares, read from a Person or a mapping."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._dates import DateParseError, DatePrecision, RecordedDate, parse_date
from .._names import NameParseError, parse_name
from ._fold import fold_words

# Words of a recorded role or sex that tell the bearer's sex and generation.
_FEMALE = frozenset(
    [
        "f",
        "female",
        "girl",
        "woman",
        "mother",
        "mum",
        "mom",
        "daughter",
        "sister",
        "stepmother",
        "stepdaughter",
        "grandmother",
        "nan",
        "nana",
        "aunt",
        "auntie",
        "niece",
        "girlfriend",
        "wife",
    ]
)
_MALE = frozenset(
    [
        "m",
        "male",
        "boy",
        "man",
        "father",
        "dad",
        "son",
        "brother",
        "stepfather",
        "stepdad",
        "stepson",
        "grandfather",
        "grandad",
        "grandpa",
        "uncle",
        "nephew",
        "boyfriend",
        "husband",
    ]
)
_CHILD = frozenset(
    [
        "child",
        "son",
        "daughter",
        "sibling",
        "brother",
        "sister",
        "baby",
        "unborn",
        "infant",
        "subject",
        "stepson",
        "stepdaughter",
        "niece",
        "nephew",
        "grandchild",
        "pupil",
        "young",
        "person",
    ]
)
_ADULT = frozenset(
    [
        "mother",
        "mum",
        "mom",
        "father",
        "dad",
        "parent",
        "stepfather",
        "stepdad",
        "stepmother",
        "partner",
        "boyfriend",
        "girlfriend",
        "husband",
        "wife",
        "carer",
        "grandmother",
        "grandfather",
        "grandparent",
        "nan",
        "grandad",
        "aunt",
        "auntie",
        "uncle",
        "lodger",
        "guardian",
    ]
)
_PLACEHOLDER_DOBS = frozenset({(1, 1), (1, 7)})  # commonly typed when the real date is unknown


@dataclass(slots=True, eq=False)
class PersonRecord:
    """What the resolver knows about one record; ``item`` is what the caller passed."""

    item: Any
    index: int
    given: tuple[str, ...]
    family: tuple[str, ...]
    dob: RecordedDate | None
    dob_weak: bool
    due: dt.date | None
    sex: str | None
    generation: str | None

    @property
    def given_key(self) -> str:
        """The first given name, folded ('' when none)."""
        return self.given[0] if self.given else ""

    @property
    def family_key(self) -> str:
        """The family name with its parts joined, folded ('' when none)."""
        return "".join(self.family)


def _words(text: str | None) -> set[str]:
    return set((text or "").lower().replace("-", " ").replace("_", " ").split())


def _sex(sex: str | None, role: str | None) -> str | None:
    for words in (_words(sex), _words(role)):
        if words & _FEMALE and not words & _MALE:
            return "f"
        if words & _MALE and not words & _FEMALE:
            return "m"
    return None


def _generation(role: str | None) -> str | None:
    words = _words(role)
    if words & _CHILD and not words & _ADULT:
        return "child"
    if words & _ADULT and not words & _CHILD:
        return "adult"
    return None


def _date(value: Any) -> RecordedDate | None:
    if value is None or isinstance(value, RecordedDate):
        return value
    try:
        return parse_date(value)
    except DateParseError:
        return None  # an unreadable date is no evidence either way


def read_record(item: Any, index: int) -> PersonRecord:
    """Build the comparable form of a ``Person`` or a mapping with name/dob/sex/role keys.

    Mapping keys: ``name``, or ``given``/``given_names`` and ``family``/
    ``family_name``; ``dob``; ``due_date``; ``sex``; ``role``.
    """
    if isinstance(item, Mapping):
        name = item.get("name")
        given_text = item.get("given", item.get("given_names"))
        family_text = item.get("family", item.get("family_name"))
        dob, due = _date(item.get("dob")), _date(item.get("due_date"))
        sex, role = item.get("sex"), item.get("role")
    else:
        name = getattr(item, "name", None)
        given_text = getattr(item, "given_names", None)
        family_text = getattr(item, "family_name", None)
        dob, due = getattr(item, "dob", None), getattr(item, "due_date", None)
        sex, role = getattr(item, "sex", None), getattr(item, "role", None)
    given: tuple[str, ...] = ()
    family: tuple[str, ...] = ()
    try:
        parsed = parse_name(name, given_names=given_text, family_name=family_text)
    except NameParseError:
        parsed = None
    unborn = "unborn" in _words(role)
    if parsed is not None:
        family = fold_words(parsed.family)
        if not parsed.placeholder:
            given = tuple(w for g in parsed.given for w in fold_words(g))
        elif parsed.given and fold_words(parsed.given[0])[:1] in (("baby",), ("unborn",)):
            unborn = True
    if unborn and dob is not None and due is None:
        dob, due = None, dob  # an unborn baby's 'date of birth' is the expected date
    weak = (
        dob is not None
        and dob.precision is DatePrecision.DAY
        and (dob.earliest.day, dob.earliest.month) in _PLACEHOLDER_DOBS
    )
    return PersonRecord(
        item=item,
        index=index,
        given=given,
        family=family,
        dob=dob,
        dob_weak=weak,
        due=due.earliest if due is not None else None,
        sex=_sex(sex, role),
        generation=_generation(role),
    )
