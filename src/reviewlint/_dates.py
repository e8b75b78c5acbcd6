"""Reading dates as case records write them, without guessing.

Case records carry dates typed by people in many agencies: ISO from
case-management exports, UK day-first from spreadsheets, long forms from
letters, and partial dates ("March 2019", "2016") where nobody knew the
day. A partial date is kept as the range it stands for; nothing is
invented. Year-first (ISO) forms are matched before any day-first rule, and
a numeric date that is impossible under the convention the caller chose is
refused rather than re-read the other way round: either would silently
move an event by months.

Error messages never contain the value (it may be a date of birth); they
say what form was expected.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

__all__ = ["DateParseError", "DatePrecision", "RecordedDate", "parse_date"]


class DatePrecision(StrEnum):
    """How much of a date was recorded: the day, only the month, or only the year."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class RecordedDate:
    """A recorded date: the text as written and the range of days it can mean.

    ``earliest`` and ``latest`` are equal for a full date; a month or a year
    spans its first to its last day. ``uncertain`` is set when the recorder
    marked the date as doubtful (``?22 May 2016``, ``approx. 2016``).
    ``time`` is the wall-clock time when one was recorded; any UTC offset
    is dropped because records are compared by their local day.
    """

    recorded: str
    earliest: _dt.date
    latest: _dt.date
    precision: DatePrecision
    uncertain: bool = False
    time: _dt.time | None = None

    def __post_init__(self) -> None:
        if self.latest < self.earliest:
            raise ValueError("a recorded date's latest day must not precede its earliest day")
        if self.precision is DatePrecision.DAY and self.latest != self.earliest:
            raise ValueError("a day-precision date must have earliest equal to latest")

    @property
    def is_exact(self) -> bool:
        """True when the day itself was recorded."""
        return self.precision is DatePrecision.DAY

    @property
    def day(self) -> _dt.date | None:
        """The day when it was recorded; None for a month or a year."""
        return self.earliest if self.precision is DatePrecision.DAY else None

    def overlaps(self, other: RecordedDate) -> bool:
        """Return True when the two dates could fall on the same day."""
        return self.earliest <= other.latest and other.earliest <= self.latest

    def sort_key(self) -> tuple[_dt.date, _dt.date]:
        """Return a key that orders dates by their earliest, then latest, possible day."""
        return (self.earliest, self.latest)

    def __str__(self) -> str:
        mark = "?" if self.uncertain else ""
        if self.precision is DatePrecision.DAY:
            return f"{mark}{self.earliest.isoformat()}"
        if self.precision is DatePrecision.MONTH:
            return f"{mark}{self.earliest.year:04d}-{self.earliest.month:02d}"
        return f"{mark}{self.earliest.year:04d}"


class DateParseError(ValueError):
    """A value that is not a date in any accepted form.

    ``reason`` says what was expected and is safe to show or log: it never
    contains the value, which may be personal data.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_EXPECTED: Final = (
    "expected a date such as 2016-03-04, 04/03/2016, 4 March 2016, March 4 2016, "
    "March 2016, 03/2016 or 2016"
)
_NOT_REAL: Final = "not a real calendar date"

_UNKNOWN: Final = frozenset({"unknown", "not known", "n/k", "nk", "unk", "tbc", "-", "n/a"})

# English names written out rather than taken from ``calendar``, whose names
# follow the process locale.
_MONTH_NAMES: Final = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTHS: Final = {
    spelling: number
    for number, name in enumerate(_MONTH_NAMES, start=1)
    for spelling in (name, name[:3])
} | {"sept": 9}

_UNCERTAIN_LEAD = re.compile(r"(?:(?:\?|~|approx(?:imately|\.)?|circa|ca?\.)\s*)+", re.IGNORECASE)
_UNCERTAIN_FIRST: Final = frozenset("?~aAcC")

# One time-of-day grammar for every form that can carry a time, so that the
# same "14:30", "2.30pm" or "10:30:00.000" is accepted wherever a day is.
_TIME = (
    r"(?P<hour>[0-9]{1,2})"
    r"(?:[:.](?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?P<fraction>[.,][0-9]+)?)?)?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*hrs?)?"
)
_TIME_TAIL = rf"(?:(?:\s*,\s*|\s+at\s+|\s+|T){_TIME})?"
_SEP = r"(?:\s*[-/.,]\s*|\s+)"
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_WORD = r"(?P<month>[A-Za-z]{3,9})\.?"

_ISO_PLAIN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_ISO_DAY = re.compile(
    r"(?P<year>[0-9]{4})(?P<sep>[-/.])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})"
    rf"(?:(?:T|\s+){_TIME})?\s*(?P<zone>Z|[+-][0-9]{{2}}(?::?[0-9]{{2}})?)?",
    re.IGNORECASE,
)
_ISO_MONTH = re.compile(r"(?P<year>[0-9]{4})[-/](?P<month>[0-9]{1,2})")
_YEAR = re.compile(r"(?P<year>[0-9]{4})")
_NUMERIC_DAY = re.compile(
    r"(?P<first>[0-9]{1,2})(?P<sep>[-/.])(?P<second_part>[0-9]{1,2})(?P=sep)"
    rf"(?P<year>[0-9]{{4}}|[0-9]{{2}}){_TIME_TAIL}",
    re.IGNORECASE,
)
_NUMERIC_MONTH = re.compile(r"(?P<month>[0-9]{1,2})[-/.](?P<year>[0-9]{4})")
_DAY_MONTH_YEAR = re.compile(
    rf"(?P<day>[0-9]{{1,2}}){_ORDINAL}(?:\s+of)?{_SEP}{_MONTH_WORD}{_SEP}"
    rf"(?P<year>[0-9]{{4}}|[0-9]{{2}}){_TIME_TAIL}",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"{_MONTH_WORD}(?:\s*-\s*|\s+)(?P<day>[0-9]{{1,2}}){_ORDINAL}(?:\s*,\s*|\s+)"
    rf"(?P<year>[0-9]{{4}}){_TIME_TAIL}",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"{_MONTH_WORD}{_SEP}(?P<year>[0-9]{{4}})", re.IGNORECASE)


def parse_date(
    value: str | _dt.date | _dt.datetime | None,
    *,
    dayfirst: bool = True,
    today: _dt.date | None = None,
) -> RecordedDate | None:
    """Read a recorded date; return None when the record says it is not known.

    ``dayfirst`` chooses how a numeric ``a/b/yyyy`` date is read (UK
    day-first by default). ``today`` (default: the current date) anchors
    two-digit years: ``YY`` is the latest year ending in those digits that is
    not after today's year (so ``20YY``, or ``19YY`` if ``20YY`` is later).
    Raises DateParseError for anything that is not a real date in an
    accepted form.
    """
    if value is None:
        return None
    # datetime before date: a datetime is also a date.
    if isinstance(value, _dt.datetime):
        day = value.date()
        return RecordedDate(value.isoformat(), day, day, DatePrecision.DAY, time=value.time())
    if isinstance(value, _dt.date):
        return RecordedDate(value.isoformat(), value, value, DatePrecision.DAY)
    if not isinstance(value, str):
        raise DateParseError("expected a date written as text, a date or a datetime")
    # Only the year of ``today`` affects the result, so it (not the day) is
    # part of the cache key: results stay correct across midnight.
    return _parse_text(value, dayfirst, (today or _dt.date.today()).year)


# Exports repeat the same few thousand dates across millions of entries, and
# RecordedDate is immutable, so sharing one instance per distinct input is safe.
@functools.lru_cache(maxsize=16384)
def _parse_text(value: str, dayfirst: bool, anchor_year: int) -> RecordedDate | None:
    text = value.strip()
    if not text:
        return None
    if (match := _ISO_PLAIN.fullmatch(text)) is not None:
        day = _make_day(int(match[1]), int(match[2]), int(match[3]), _NOT_REAL)
        return RecordedDate(value, day, day, DatePrecision.DAY)
    if _is_unknown(text):
        return None
    uncertain = False
    if text[0] in _UNCERTAIN_FIRST and (lead := _UNCERTAIN_LEAD.match(text)) is not None:
        uncertain = True
        text = text[lead.end() :]
    if text.endswith("?"):
        uncertain = True
        text = text.rstrip("?").rstrip()
    if uncertain and (not text or _is_unknown(text)):
        # "?" alone, or "?unknown", says no more than "unknown".
        return None

    # Year-first forms are tried before any day-first form, so an ISO date is
    # never read with its month and day swapped.
    if match := _ISO_DAY.fullmatch(text):
        if match["zone"] and match["hour"] is None:
            raise DateParseError(_EXPECTED)
        day = _make_day(int(match["year"]), int(match["month"]), int(match["day"]), _NOT_REAL)
        return RecordedDate(
            value, day, day, DatePrecision.DAY, uncertain, _make_time(match, iso=True)
        )
    if match := _ISO_MONTH.fullmatch(text):
        return _month_range(value, int(match["year"]), int(match["month"]), uncertain)
    if match := _YEAR.fullmatch(text):
        year = _checked_year(int(match["year"]))
        first, last = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
        return RecordedDate(value, first, last, DatePrecision.YEAR, uncertain)
    if match := _NUMERIC_DAY.fullmatch(text):
        first_part, second_part = int(match["first"]), int(match["second_part"])
        if dayfirst:
            day_number, month_number = first_part, second_part
            reason = f"{_NOT_REAL} when read day-first (day/month/year)"
        else:
            month_number, day_number = first_part, second_part
            # Deliberately no fallback to day-first: see the module docstring.
            reason = f"{_NOT_REAL} when read month-first (month/day/year), as asked"
        year = _full_year(match["year"], anchor_year)
        day = _make_day(year, month_number, day_number, reason)
        return RecordedDate(value, day, day, DatePrecision.DAY, uncertain, _make_time(match))
    if match := _NUMERIC_MONTH.fullmatch(text):
        return _month_range(value, int(match["year"]), int(match["month"]), uncertain)
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        year = _full_year(match["year"], anchor_year)
        day = _make_day(year, _month_number(match["month"]), int(match["day"]), _NOT_REAL)
        return RecordedDate(value, day, day, DatePrecision.DAY, uncertain, _make_time(match))
    if match := _MONTH_DAY_YEAR.fullmatch(text):
        year = int(match["year"])
        day = _make_day(year, _month_number(match["month"]), int(match["day"]), _NOT_REAL)
        return RecordedDate(value, day, day, DatePrecision.DAY, uncertain, _make_time(match))
    if match := _MONTH_YEAR.fullmatch(text):
        return _month_range(value, int(match["year"]), _month_number(match["month"]), uncertain)
    raise DateParseError(_EXPECTED)


def _is_unknown(text: str) -> bool:
    return not text[0].isdigit() and " ".join(text.lower().split()) in _UNKNOWN


def _month_number(word: str) -> int:
    number = _MONTHS.get(word.lower())
    if number is None:
        raise DateParseError(
            "expected an English month name or its abbreviation, such as March, Mar or Sept"
        )
    return number


def _checked_year(year: int) -> int:
    if not _dt.MINYEAR <= year <= _dt.MAXYEAR:
        raise DateParseError(f"{_NOT_REAL}: the year must be between 1 and 9999")
    return year


def _full_year(digits: str, anchor_year: int) -> int:
    if len(digits) == 4:
        return int(digits)
    # The latest year ending in these digits that is not after today's year:
    # an adult's date of birth ("69") must not land in 2069. For years
    # 2000-2099 this is "20YY unless that is after this year, else 19YY".
    return anchor_year - (anchor_year - int(digits)) % 100


def _make_day(year: int, month: int, day: int, reason: str) -> _dt.date:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        pass
    # The constructor's own message is not used: diagnosing here keeps the
    # wording under our control and free of the value.
    _checked_year(year)
    if not 1 <= month <= 12:
        raise DateParseError(f"{reason}: the month must be 1 to 12")
    raise DateParseError(f"{reason}: that day does not exist in that month")


def _month_range(recorded: str, year: int, month: int, uncertain: bool) -> RecordedDate:
    _checked_year(year)
    if not 1 <= month <= 12:
        raise DateParseError(f"{_NOT_REAL}: the month must be 1 to 12")
    last_day = calendar.monthrange(year, month)[1]
    return RecordedDate(
        recorded,
        _dt.date(year, month, 1),
        _dt.date(year, month, last_day),
        DatePrecision.MONTH,
        uncertain,
    )


def _make_time(match: re.Match[str], *, iso: bool = False) -> _dt.time | None:
    if match["hour"] is None:
        return None
    hour = int(match["hour"])
    ampm = match["ampm"]
    if match["minute"] is None and ampm is None:
        # A bare number after a date is more likely a typo than an hour.
        raise DateParseError(f"{_EXPECTED}, optionally followed by a time such as 14:30")
    if iso and ampm is not None:
        raise DateParseError("expected a 24-hour time such as 14:30 after an ISO date")
    minute = int(match["minute"] or 0)
    second = int(match["second"] or 0)
    microsecond = 0
    if match["fraction"]:
        microsecond = int(match["fraction"][1:7].ljust(6, "0"))
    if ampm is not None:
        if not 1 <= hour <= 12:
            raise DateParseError("not a real time of day: a 12-hour clock runs from 1 to 12")
        hour = hour % 12 + (12 if ampm[0].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateParseError("not a real time of day: expected hours 0-23 and minutes 0-59")
    return _dt.time(hour, minute, second, microsecond)
