"""Comparing two recorded dates of birth, naming the kind of disagreement.

Reviews keep finding the same few slips: day and month swapped (04/03 for
03/04, the commonest in UK records read by US-default systems), two digits
transposed, the year one out, one digit mistyped. Each is named, so that a
finding can say what went wrong, and scored as near agreement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from .._dates import DatePrecision, RecordedDate


@dataclass(frozen=True, slots=True)
class DobComparison:
    """How two dates of birth relate. ``kind`` is one of the names in ``KINDS``."""

    kind: str
    detail: str


KINDS = (
    "same",  # the same day, maybe written differently
    "partial_month",  # one is only a month and year, and agrees with the other
    "partial_year",  # one is only a year, and agrees with the other
    "day_month_swap",
    "digits_transposed",
    "year_differs",  # same day and month, year one out
    "one_digit",  # a single mistyped digit
    "partial_differs",  # a month or year that does not contain the other date
    "different",  # within a year of each other
    "years_apart",  # more than a year apart, no slip pattern
    "far_apart",  # more than 12 years apart: a generation, not a typo
    "missing",
)


@lru_cache(maxsize=65536)
def _digits(d: dt.date) -> str:
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"


# The plain-words detail of each kind but "same" (which says whether the text differs).
DETAILS = {
    "partial_month": "only month and year in one, and they agree",
    "partial_year": "only the year is recorded in one, and agrees",
    "day_month_swap": "day and month swapped",
    "digits_transposed": "two digits transposed",
    "year_differs": "the year differs by one",
    "one_digit": "one digit differs",
    "partial_differs": "a partial date of birth disagrees",
    "different": "different dates",
    "years_apart": "different dates, more than a year apart",
    "far_apart": "more than 12 years apart",
    "missing": "a date of birth is missing",
}


def day_kind(da: dt.date, db: dt.date) -> str:
    """The kind of difference between two different full dates (never ``same``)."""
    year_a, month_a, day_a = da.year, da.month, da.day
    year_b, month_b, day_b = db.year, db.month, db.day
    # A slip changes at most two digits, so it leaves the year, the month or the day
    # alone; dates that differ in all three (most pairs) are just different.
    if year_a == year_b or month_a == month_b or day_a == day_b:
        if year_a == year_b and day_a == month_b and month_a == day_b:
            return "day_month_swap"
        sa, sb = _digits(da), _digits(db)
        differing = sum(map(str.__ne__, sa, sb))
        if differing == 2:
            i, j = (k for k in range(8) if sa[k] != sb[k])
            if j == i + 1 and sa[i] == sb[j] and sa[j] == sb[i]:
                return "digits_transposed"  # one pair of neighbouring digits swapped
        if month_a == month_b and day_a == day_b and abs(year_a - year_b) == 1:
            return "year_differs"
        if differing == 1:
            return "one_digit"
    days = abs(da.toordinal() - db.toordinal())
    if days > 12 * 365:
        return "far_apart"
    if days > 366:
        return "years_apart"
    return "different"


def compare_dobs(a: RecordedDate | None, b: RecordedDate | None) -> DobComparison:
    """Name the relation between two recorded dates of birth."""
    if a is None or b is None:
        return DobComparison("missing", DETAILS["missing"])
    exact_a = a.precision is DatePrecision.DAY
    exact_b = b.precision is DatePrecision.DAY
    if not (exact_a and exact_b):
        if a.overlaps(b):
            if DatePrecision.YEAR in (a.precision, b.precision):
                return DobComparison("partial_year", DETAILS["partial_year"])
            return DobComparison("partial_month", DETAILS["partial_month"])
        gap = max((a.earliest - b.latest).days, (b.earliest - a.latest).days)
        if gap > 12 * 365:
            return DobComparison("far_apart", DETAILS["far_apart"])
        return DobComparison("partial_differs", DETAILS["partial_differs"])
    da, db = a.earliest, b.earliest
    if da == db:
        if a.recorded.strip() == b.recorded.strip():
            return DobComparison("same", "the same date of birth")
        return DobComparison("same", "the same date of birth, written differently")
    kind = day_kind(da, db)
    return DobComparison(kind, DETAILS[kind])
