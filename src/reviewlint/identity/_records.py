"""The parts of a person record the resolver compares, read from a Person or a mapping."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .._dates import DateParseError, DatePrecision, RecordedDate, parse_date
from .._names import (
    _FAMILY_UNKNOWN,
    _PLACEHOLDER_FIRST,
    _PLACEHOLDER_NAMES,
    _TITLES,
    NameParseError,
    parse_name,
)
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
    given_key: str = ""
    """The first given name, folded ('' when none)."""
    family_key: str = ""
    """The family name with its parts joined, folded ('' when none)."""
    day: dt.date | None = None
    """The date of birth when its day is recorded."""


@lru_cache(maxsize=4096)
def _words(text: str | None) -> frozenset[str]:
    return frozenset((text or "").lower().replace("-", " ").replace("_", " ").split())


@lru_cache(maxsize=4096)
def _sex(sex: str | None, role: str | None) -> str | None:
    for words in (_words(sex), _words(role)):
        if words & _FEMALE and not words & _MALE:
            return "f"
        if words & _MALE and not words & _FEMALE:
            return "m"
    return None


@lru_cache(maxsize=4096)
def _generation(role: str | None) -> str | None:
    words = _words(role)
    if words & _CHILD and not words & _ADULT:
        return "child"
    if words & _ADULT and not words & _CHILD:
        return "adult"
    return None


def _date(value: Any, year: int | None = None) -> RecordedDate | None:
    """A recorded date read as ``parse_date`` reads it, in the given current year."""
    if value is None or isinstance(value, RecordedDate):
        return value
    if type(value) is str:
        return _date_text(value, year or dt.date.today().year)
    try:
        return parse_date(value)
    except DateParseError:
        return None  # an unreadable date is no evidence either way


@lru_cache(maxsize=65536)
def _date_text(value: str, year: int) -> RecordedDate | None:
    # Only the current year affects how a date is read (two-digit years), so results
    # are kept per year; unreadable dates are remembered too.
    try:
        return parse_date(value, today=dt.date(year, 1, 1))
    except DateParseError:
        return None


# (given words, family words, whether the name stands in for an unborn baby)
_Names = tuple[tuple[str, ...], tuple[str, ...], bool]


@lru_cache(maxsize=65536)
def _names(name: Any, given_text: Any, family_text: Any) -> _Names:
    """The folded given and family words of a recorded name (cohorts repeat names a lot)."""
    given: tuple[str, ...] = ()
    family: tuple[str, ...] = ()
    try:
        parsed = parse_name(name, given_names=given_text, family_name=family_text)
    except NameParseError:
        return given, family, False
    family = fold_words(parsed.family)
    if not parsed.placeholder:
        return tuple(w for g in parsed.given for w in fold_words(g)), family, False
    baby = bool(parsed.given) and fold_words(parsed.given[0])[:1] in (("baby",), ("unborn",))
    return given, family, baby


# Given names that parse_name treats specially (titles, stand-ins for a name).
_SPECIAL_GIVEN = _TITLES | _PLACEHOLDER_FIRST


def folded_names(name: Any, given_text: Any, family_text: Any) -> _Names:
    """What :func:`_names` gives, quickly for the commonest form: one plain word in each field.

    Separate fields of plain ASCII letters need no parsing beyond the checks below
    (titles, stand-ins such as 'Baby', an unknown surname); anything else is parsed.
    """
    if (
        type(given_text) is str
        and type(family_text) is str
        and given_text.isascii()
        and family_text.isascii()
        and given_text.isalpha()
        and family_text.isalpha()
    ):
        given, family = given_text.lower(), family_text.lower()
        if (
            given not in _SPECIAL_GIVEN
            and family not in _FAMILY_UNKNOWN
            and f"{given} {family}" not in _PLACEHOLDER_NAMES
        ):
            return (given,), (family,), False
    if _plain(name, given_text, family_text):
        return _names(name, given_text, family_text)
    return _names.__wrapped__(name, given_text, family_text)


def _plain(*values: Any) -> bool:
    """True when every value is text or None, so results for them can be cached."""
    return all(v is None or type(v) is str for v in values)


_ABSENT = object()


def read_record(item: Any, index: int, year: int | None = None) -> PersonRecord:
    """Build the comparable form of a ``Person`` or a mapping with name/dob/sex/role keys.

    Mapping keys: ``name``, or ``given``/``given_names`` and ``family``/
    ``family_name``; ``dob``; ``due_date``; ``sex``; ``role``. ``year`` is the
    current year, which anchors two-digit years (default: today's).
    """
    if type(item) is dict or isinstance(item, Mapping):
        get = item.get
        name = get("name")
        given_text = get("given", _ABSENT)
        if given_text is _ABSENT:
            given_text = get("given_names")
        family_text = get("family", _ABSENT)
        if family_text is _ABSENT:
            family_text = get("family_name")
        dob, due = _date(get("dob"), year), _date(get("due_date"), year)
        sex, role = get("sex"), get("role")
    else:
        name = getattr(item, "name", None)
        given_text = getattr(item, "given_names", None)
        family_text = getattr(item, "family_name", None)
        dob, due = getattr(item, "dob", None), getattr(item, "due_date", None)
        sex, role = getattr(item, "sex", None), getattr(item, "role", None)
    given, family, unborn = folded_names(name, given_text, family_text)
    if _plain(sex, role):
        person_sex, generation = _sex(sex, role), _generation(role)
        unborn = unborn or (role is not None and "unborn" in _words(role))
    else:
        person_sex, generation = _sex.__wrapped__(sex, role), _generation.__wrapped__(role)
        unborn = unborn or "unborn" in _words.__wrapped__(role)
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
        sex=person_sex,
        generation=generation,
        given_key=given[0] if given else "",
        family_key="".join(family),
        day=dob.earliest if dob is not None and dob.precision is DatePrecision.DAY else None,
    )
