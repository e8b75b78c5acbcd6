"""Comparing two recorded dates of birth, naming the kind of disagreement.

Reviews keep finding the same few slips: day and month swapped (04/03 for
03/04, the commonest in UK records read by US-default systems), two digits
transposed, the year one out, one digit mistyped. Each is named, so that a
finding can say what went wrong, and scored as near agreement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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


def _digits(d: dt.date) -> str:
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"


def _transposed(a: str, b: str) -> bool:
    """B is a with one pair of neighbouring digits swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and (a[diff[1]] == b[diff[0]])
    )


def compare_dobs(a: RecordedDate | None, b: RecordedDate | None) -> DobComparison:
    """Name the relation between two recorded dates of birth."""
    if a is None or b is None:
        return DobComparison("missing", "a date of birth is missing")
    exact_a = a.precision is DatePrecision.DAY
    exact_b = b.precision is DatePrecision.DAY
    if not (exact_a and exact_b):
        if a.overlaps(b):
            if DatePrecision.YEAR in (a.precision, b.precision):
                return DobComparison("partial_year", "only the year is recorded in one, and agrees")
            return DobComparison("partial_month", "only month and year in one, and they agree")
        gap = max((a.earliest - b.latest).days, (b.earliest - a.latest).days)
        if gap > 12 * 365:
            return DobComparison("far_apart", "more than 12 years apart")
        return DobComparison("partial_differs", "a partial date of birth disagrees")
    da, db = a.earliest, b.earliest
    if da == db:
        if a.recorded.strip() == b.recorded.strip():
            return DobComparison("same", "the same date of birth")
        return DobComparison("same", "the same date of birth, written differently")
    if da.year == db.year and da.day == db.month and da.month == db.day:
        return DobComparison("day_month_swap", "day and month swapped")
    sa, sb = _digits(da), _digits(db)
    if _transposed(sa, sb):
        return DobComparison("digits_transposed", "two digits transposed")
    if (da.month, da.day) == (db.month, db.day) and abs(da.year - db.year) == 1:
        return DobComparison("year_differs", "the year differs by one")
    if sum(x != y for x, y in zip(sa, sb, strict=True)) == 1:
        return DobComparison("one_digit", "one digit differs")
    days = abs((da - db).days)
    if days > 12 * 365:
        return DobComparison("far_apart", "more than 12 years apart")
    if days > 366:
        return DobComparison("years_apart", "different dates, more than a year apart")
    return DobComparison("different", "different dates")
