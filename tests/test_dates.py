from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewlint._dates import DateParseError, DatePrecision, RecordedDate, parse_date

TODAY = dt.date(2024, 6, 1)
D = dt.date
DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
MONTH_NAMES = [calendar.month_name[m] for m in range(1, 13)]
MONTH_ABBRS = [calendar.month_abbr[m] for m in range(1, 13)]


def parse(value: str, **kwargs: object) -> RecordedDate:
    kwargs.setdefault("today", TODAY)
    result = parse_date(value, **kwargs)  # type: ignore[arg-type]
    assert result is not None
    return result


# --- values that mean "not known" -------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "\t\n",
        "unknown",
        "Unknown",
        "UNKNOWN",
        " unknown ",
        "not known",
        "Not  Known",
        "n/k",
        "N/K",
        "nk",
        "NK",
        "unk",
        "tbc",
        "TBC",
        "-",
        "n/a",
        "N/A",
        "?",
        "??",
        "? unknown",
    ],
)
def test_not_known_values_give_none(value: str | None) -> None:
    assert parse_date(value, today=TODAY) is None


# --- exact days ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # ISO, and year-first variants
        ("2016-03-04", D(2016, 3, 4)),
        ("2015-04-03", D(2015, 4, 3)),
        ("2016-3-4", D(2016, 3, 4)),
        ("2016/03/04", D(2016, 3, 4)),
        ("2016.03.04", D(2016, 3, 4)),
        ("2016-12-31", D(2016, 12, 31)),
        # UK numeric, day first
        ("04/03/2016", D(2016, 3, 4)),
        ("4/3/2016", D(2016, 3, 4)),
        ("04-03-2016", D(2016, 3, 4)),
        ("04.03.2016", D(2016, 3, 4)),
        ("25/03/2016", D(2016, 3, 25)),
        ("31/12/1999", D(1999, 12, 31)),
        ("01/01/1900", D(1900, 1, 1)),
        ("29/02/2016", D(2016, 2, 29)),
        ("29/02/2000", D(2000, 2, 29)),
        # two-digit years (today fixed at 2024-06-01)
        ("04/03/16", D(2016, 3, 4)),
        ("4/3/16", D(2016, 3, 4)),
        # long forms
        ("4 March 2016", D(2016, 3, 4)),
        ("04 March 2016", D(2016, 3, 4)),
        ("4th March 2016", D(2016, 3, 4)),
        ("1st May 2016", D(2016, 5, 1)),
        ("2nd June 2016", D(2016, 6, 2)),
        ("3rd July 2016", D(2016, 7, 3)),
        ("22nd May 2016", D(2016, 5, 22)),
        ("4th of March 2016", D(2016, 3, 4)),
        ("04 Mar 2016", D(2016, 3, 4)),
        ("04 Mar. 2016", D(2016, 3, 4)),
        ("4-Mar-2016", D(2016, 3, 4)),
        ("04-Mar-16", D(2016, 3, 4)),
        ("4 march 2016", D(2016, 3, 4)),
        ("4 MARCH 2016", D(2016, 3, 4)),
        ("4TH MARCH 2016", D(2016, 3, 4)),
        ("4 March, 2016", D(2016, 3, 4)),
        ("4 Sept 2016", D(2016, 9, 4)),
        ("4 Sep 2016", D(2016, 9, 4)),
        ("4 September 2016", D(2016, 9, 4)),
        ("March 4, 2016", D(2016, 3, 4)),
        ("March 4 2016", D(2016, 3, 4)),
        ("Mar 4th 2016", D(2016, 3, 4)),
        ("Mar 4th, 2016", D(2016, 3, 4)),
        ("Mar. 4, 2016", D(2016, 3, 4)),
        ("December 25, 2016", D(2016, 12, 25)),
        # surrounding and internal whitespace, including a no-break space
        ("  04/03/2016  ", D(2016, 3, 4)),
        ("4\u00a0March\u00a02016", D(2016, 3, 4)),
    ],
)
def test_exact_dates(value: str, expected: dt.date) -> None:
    result = parse(value)
    assert result.earliest == result.latest == expected
    assert result.precision is DAY
    assert result.is_exact
    assert result.day == expected
    assert not result.uncertain
    assert result.time is None
    assert result.recorded == value


@pytest.mark.parametrize("dayfirst", [True, False])
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-04-03", D(2015, 4, 3)),
        ("2015-03-04", D(2015, 3, 4)),
        ("2015-12-01", D(2015, 12, 1)),
        ("2015-01-12", D(2015, 1, 12)),
        ("2015/04/03", D(2015, 4, 3)),
        ("2015-04-03T10:00", D(2015, 4, 3)),
    ],
)
def test_iso_is_read_as_iso_whatever_the_convention(
    value: str, expected: dt.date, dayfirst: bool
) -> None:
    assert parse(value, dayfirst=dayfirst).earliest == expected


@pytest.mark.parametrize(
    ("value", "dayfirst", "expected"),
    [
        ("04/03/2016", True, D(2016, 3, 4)),
        ("04/03/2016", False, D(2016, 4, 3)),
        ("03/25/2016", False, D(2016, 3, 25)),
        ("12/31/1999", False, D(1999, 12, 31)),
        ("4.3.2016", False, D(2016, 4, 3)),
        ("04-03-16", False, D(2016, 4, 3)),
        # Month names are unambiguous: the convention does not apply.
        ("4 March 2016", False, D(2016, 3, 4)),
        ("March 4, 2016", True, D(2016, 3, 4)),
    ],
)
def test_numeric_convention(value: str, dayfirst: bool, expected: dt.date) -> None:
    assert parse(value, dayfirst=dayfirst).earliest == expected


def test_dayfirst_is_the_default() -> None:
    assert parse("04/03/2016").earliest == D(2016, 3, 4)


def test_results_for_both_conventions_do_not_leak_into_each_other() -> None:
    # Parsing is cached; the convention must be part of what is cached.
    assert parse("03/04/2016", dayfirst=True).earliest == D(2016, 4, 3)
    assert parse("03/04/2016", dayfirst=False).earliest == D(2016, 3, 4)
    assert parse("03/04/2016", dayfirst=True).earliest == D(2016, 4, 3)


# --- times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected_day", "expected_time"),
    [
        ("2016-03-04T10:30", D(2016, 3, 4), dt.time(10, 30)),
        ("2016-03-04t10:30", D(2016, 3, 4), dt.time(10, 30)),
        ("2016-03-04 10:30:00", D(2016, 3, 4), dt.time(10, 30)),
        ("2016-03-04T10:30:15", D(2016, 3, 4), dt.time(10, 30, 15)),
        ("2016-03-04T10:30:15.250", D(2016, 3, 4), dt.time(10, 30, 15, 250000)),
        ("2016-03-04T10:30:00Z", D(2016, 3, 4), dt.time(10, 30)),
        ("2016-03-04T10:30:00+01:00", D(2016, 3, 4), dt.time(10, 30)),
        # The local date is kept: converting to UTC would move it to the 3rd / 5th.
        ("2016-03-04T00:30:00+01:00", D(2016, 3, 4), dt.time(0, 30)),
        ("2016-03-04T23:30:00-05:00", D(2016, 3, 4), dt.time(23, 30)),
        ("2016-03-04T23:30:00+0100", D(2016, 3, 4), dt.time(23, 30)),
        ("04/03/2016 14:30", D(2016, 3, 4), dt.time(14, 30)),
        ("04/03/2016 14:30:05", D(2016, 3, 4), dt.time(14, 30, 5)),
        ("04/03/2016, 14:30", D(2016, 3, 4), dt.time(14, 30)),
        ("04/03/2016 14.30", D(2016, 3, 4), dt.time(14, 30)),
        ("04/03/2016 2:30pm", D(2016, 3, 4), dt.time(14, 30)),
        ("04/03/2016 2.30 p.m.", D(2016, 3, 4), dt.time(14, 30)),
        ("04/03/2016 12:05am", D(2016, 3, 4), dt.time(0, 5)),
        ("04/03/2016 12:05pm", D(2016, 3, 4), dt.time(12, 5)),
        ("04/03/2016 9pm", D(2016, 3, 4), dt.time(21, 0)),
        ("04/03/2016 1430hrs", None, None),
        ("4 March 2016 at 09:15", D(2016, 3, 4), dt.time(9, 15)),
        ("March 4, 2016 09:15", D(2016, 3, 4), dt.time(9, 15)),
    ],
)
def test_times(value: str, expected_day: dt.date | None, expected_time: dt.time | None) -> None:
    if expected_day is None:
        with pytest.raises(DateParseError):
            parse(value)
        return
    result = parse(value)
    assert result.earliest == result.latest == expected_day
    assert result.precision is DAY
    assert result.time == expected_time
    assert result.recorded == value


@pytest.mark.parametrize(
    "value",
    [
        "2016-03-04T24:00",
        "2016-03-04T10:60",
        "2016-03-04T10:30:61",
        "2016-03-04 2:30pm",
        "2016-03-04Z",
        "04/03/2016 13:30pm",
        "04/03/2016 0:30am",
        "04/03/2016 25:00",
        "04/03/2016 14",
        "04/03/2016 at",
    ],
)
def test_bad_times_raise(value: str) -> None:
    with pytest.raises(DateParseError):
        parse(value)


# --- date and datetime objects -------------------------------------------------------


def test_date_object_is_exact() -> None:
    result = parse_date(D(2016, 3, 4))
    assert result == RecordedDate("2016-03-04", D(2016, 3, 4), D(2016, 3, 4), DAY)
    assert result.time is None


def test_datetime_object_is_exact_and_keeps_time() -> None:
    result = parse_date(dt.datetime(2016, 3, 4, 10, 30))
    assert result is not None
    assert result.recorded == "2016-03-04T10:30:00"
    assert result.earliest == result.latest == D(2016, 3, 4)
    assert result.precision is DAY
    assert result.time == dt.time(10, 30)
    assert not result.uncertain


def test_spreadsheet_midnight_datetime() -> None:
    result = parse_date(dt.datetime(2016, 3, 4))
    assert result is not None
    assert result.day == D(2016, 3, 4)
    assert result.time == dt.time(0, 0)


def test_aware_datetime_keeps_local_date() -> None:
    zone = dt.timezone(dt.timedelta(hours=1))
    result = parse_date(dt.datetime(2016, 3, 4, 0, 30, tzinfo=zone))
    assert result is not None
    assert result.day == D(2016, 3, 4)
    assert result.time == dt.time(0, 30)
    assert result.recorded == "2016-03-04T00:30:00+01:00"


@pytest.mark.parametrize("dayfirst", [True, False])
def test_objects_ignore_convention(dayfirst: bool) -> None:
    result = parse_date(D(2016, 3, 4), dayfirst=dayfirst)
    assert result is not None
    assert result.day == D(2016, 3, 4)


def test_other_types_raise() -> None:
    with pytest.raises(DateParseError):
        parse_date(20160304)  # type: ignore[arg-type]


# --- partial dates are ranges --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "earliest", "latest", "precision"),
    [
        ("2016-03", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("2016-3", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("2016/03", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("03/2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("3/2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("03-2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("03.2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("March 2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("march 2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("Mar 2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("Mar. 2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("Mar-2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("March, 2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("Sept 2016", D(2016, 9, 1), D(2016, 9, 30), MONTH),
        ("February 2019", D(2019, 2, 1), D(2019, 2, 28), MONTH),
        ("February 2016", D(2016, 2, 1), D(2016, 2, 29), MONTH),
        ("2000-02", D(2000, 2, 1), D(2000, 2, 29), MONTH),
        ("1900-02", D(1900, 2, 1), D(1900, 2, 28), MONTH),
        ("December 2019", D(2019, 12, 1), D(2019, 12, 31), MONTH),
        ("2019", D(2019, 1, 1), D(2019, 12, 31), YEAR),
        ("1969", D(1969, 1, 1), D(1969, 12, 31), YEAR),
        (" 2019 ", D(2019, 1, 1), D(2019, 12, 31), YEAR),
    ],
)
def test_partial_dates_are_ranges(
    value: str, earliest: dt.date, latest: dt.date, precision: DatePrecision
) -> None:
    result = parse(value)
    assert (result.earliest, result.latest, result.precision) == (earliest, latest, precision)
    assert not result.is_exact
    assert result.day is None
    assert result.recorded == value


@pytest.mark.parametrize("dayfirst", [True, False])
def test_month_year_is_not_affected_by_convention(dayfirst: bool) -> None:
    result = parse("03/2016", dayfirst=dayfirst)
    assert (result.earliest, result.latest) == (D(2016, 3, 1), D(2016, 3, 31))


# --- uncertain dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "earliest", "latest", "precision"),
    [
        ("?22 May 2016", D(2016, 5, 22), D(2016, 5, 22), DAY),
        ("? 22 May 2016", D(2016, 5, 22), D(2016, 5, 22), DAY),
        ("?2016-05-22", D(2016, 5, 22), D(2016, 5, 22), DAY),
        ("?22/05/2016", D(2016, 5, 22), D(2016, 5, 22), DAY),
        ("22/05/2016?", D(2016, 5, 22), D(2016, 5, 22), DAY),
        ("approx 2016", D(2016, 1, 1), D(2016, 12, 31), YEAR),
        ("Approx. 2016", D(2016, 1, 1), D(2016, 12, 31), YEAR),
        ("approximately March 2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("c. 2016", D(2016, 1, 1), D(2016, 12, 31), YEAR),
        ("c.2016", D(2016, 1, 1), D(2016, 12, 31), YEAR),
        ("ca. 2016", D(2016, 1, 1), D(2016, 12, 31), YEAR),
        ("circa 2016", D(2016, 1, 1), D(2016, 12, 31), YEAR),
        ("Circa March 2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("~2016", D(2016, 1, 1), D(2016, 12, 31), YEAR),
        ("~ 03/2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("?March 2016", D(2016, 3, 1), D(2016, 3, 31), MONTH),
        ("2016?", D(2016, 1, 1), D(2016, 12, 31), YEAR),
        ("?04/03/16", D(2016, 3, 4), D(2016, 3, 4), DAY),
    ],
)
def test_uncertain_dates(
    value: str, earliest: dt.date, latest: dt.date, precision: DatePrecision
) -> None:
    result = parse(value)
    assert result.uncertain
    assert (result.earliest, result.latest, result.precision) == (earliest, latest, precision)
    assert result.recorded == value


def test_uncertain_dates_still_apply_the_convention() -> None:
    assert parse("?04/03/2016", dayfirst=False).earliest == D(2016, 4, 3)
    with pytest.raises(DateParseError):
        parse("?25/03/2016", dayfirst=False)


def test_uncertain_impossible_date_still_raises() -> None:
    with pytest.raises(DateParseError):
        parse("?31/02/2019")


# --- two-digit years ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "today", "expected"),
    [
        ("04/03/16", D(2024, 6, 1), D(2016, 3, 4)),
        ("04/03/69", D(2024, 6, 1), D(1969, 3, 4)),
        ("04/03/00", D(2024, 6, 1), D(2000, 3, 4)),
        ("04/03/24", D(2024, 6, 1), D(2024, 3, 4)),
        # The rule is by year: later this year is still this century.
        ("25/12/24", D(2024, 6, 1), D(2024, 12, 25)),
        ("04/03/25", D(2024, 6, 1), D(1925, 3, 4)),
        ("04/03/99", D(2024, 6, 1), D(1999, 3, 4)),
        ("04/03/69", D(2069, 1, 1), D(2069, 3, 4)),
        ("04/03/69", D(2068, 12, 31), D(1969, 3, 4)),
        ("04/03/16", D(2010, 1, 1), D(1916, 3, 4)),
        ("4 Mar 69", D(2024, 6, 1), D(1969, 3, 4)),
    ],
)
def test_two_digit_years_never_land_after_this_year(
    value: str, today: dt.date, expected: dt.date
) -> None:
    result = parse_date(value, today=today)
    assert result is not None
    assert result.day == expected


def test_two_digit_year_default_today() -> None:
    # Whenever the test runs (after 2000), "00" is 2000 and "99" is 1999.
    assert parse_date("01/01/00") == RecordedDate("01/01/00", D(2000, 1, 1), D(2000, 1, 1), DAY)
    assert parse_date("01/01/99") == RecordedDate("01/01/99", D(1999, 1, 1), D(1999, 1, 1), DAY)


def test_today_changes_are_not_masked_by_the_cache() -> None:
    assert parse("04/03/30", today=D(2024, 1, 1)).day == D(1930, 3, 4)
    assert parse("04/03/30", today=D(2031, 1, 1)).day == D(2030, 3, 4)


# --- errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kwargs"),
    [
        # impossible dates
        ("31/02/2019", {}),
        ("30/02/2016", {}),
        ("29/02/2019", {}),
        ("29/02/1900", {}),
        ("31/04/2019", {}),
        ("00/01/2019", {}),
        ("01/00/2019", {}),
        ("32/01/2019", {}),
        ("2019-13-01", {}),
        ("2019-00-10", {}),
        ("2019-02-29", {}),
        ("2019-02-30", {}),
        ("2019-01-32", {}),
        ("0000-01-01", {}),
        ("0000", {}),
        ("2019-13", {}),
        ("13/2019", {}),
        ("00/2019", {}),
        ("31 February 2019", {}),
        ("February 30, 2016", {}),
        ("0 March 2016", {}),
        # the convention is never switched to make a date valid
        ("13/25/2016", {}),
        ("04/13/2016", {}),
        ("25/03/2016", {"dayfirst": False}),
        ("13/01/2016", {"dayfirst": False}),
        ("31/12/1999", {"dayfirst": False}),
        ("13/25/2016", {"dayfirst": False}),
        # unaccepted forms
        ("Mar-16", {}),
        ("March 16", {}),
        ("March", {}),
        ("4 March", {}),
        ("04/03", {}),
        ("4th", {}),
        ("16", {}),
        ("201", {}),
        ("20160304", {}),
        ("04032016", {}),
        ("04/03/201", {}),
        ("04/03/20166", {}),
        ("4 Marhc 2016", {}),
        ("4 Mrch 2016", {}),
        ("4 Ma 2016", {}),
        ("04/03-2016", {}),
        ("2016-03/04", {}),
        ("yesterday", {}),
        ("next week", {}),
        ("early 2016", {}),
        ("Spring 2016", {}),
        ("2016-2017", {}),
        ("Friday", {}),
        ("2016-03-04 and 2016-03-05", {}),
    ],
)
def test_invalid_values_raise(value: str, kwargs: dict[str, bool]) -> None:
    with pytest.raises(DateParseError) as caught:
        parse(value, **kwargs)
    assert isinstance(caught.value, ValueError)
    assert caught.value.reason
    assert str(caught.value) == caught.value.reason


@pytest.mark.parametrize(
    ("value", "kwargs", "private_parts"),
    [
        ("31/02/2019", {}, ["31", "2019", "31/02/2019"]),
        ("29/02/2019", {}, ["29", "2019"]),
        ("2019-13-01", {}, ["2019", "13"]),
        ("13/25/1987", {}, ["25", "1987"]),
        ("25/03/1987", {"dayfirst": False}, ["25", "1987", "25/03/1987"]),
        ("17 Smarch 1987", {}, ["17", "Smarch", "1987"]),
        ("born 17/07/87 at home", {}, ["17/07/87", "born", "home"]),
        ("Jayden's birthday", {}, ["Jayden", "birthday"]),
        ("?31/02/1987", {}, ["31", "1987"]),
        ("31/02/1987 14:55", {}, ["31", "1987", "14:55"]),
        ("17/07/1987 27:55", {}, ["17", "1987", "27", "55"]),
    ],
)
def test_error_messages_do_not_contain_the_value(
    value: str, kwargs: dict[str, bool], private_parts: list[str]
) -> None:
    with pytest.raises(DateParseError) as caught:
        parse(value, **kwargs)
    error = caught.value
    for text in (error.reason, str(error), repr(error), *map(str, error.args)):
        for part in private_parts:
            assert part not in text
    # Nothing chained that could carry the value into a traceback.
    assert error.__cause__ is None
    assert error.__context__ is None


def test_error_messages_say_what_was_expected() -> None:
    with pytest.raises(DateParseError) as caught:
        parse("whenever")
    assert "expected" in caught.value.reason
    assert "2016-03-04" in caught.value.reason
    with pytest.raises(DateParseError) as caught:
        parse("31/02/2019")
    assert "not a real calendar date" in caught.value.reason
    with pytest.raises(DateParseError) as caught:
        parse("25/03/2016", dayfirst=False)
    assert "month-first" in caught.value.reason


# --- RecordedDate behaviour ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("04/03/2016", "2016-03-04"),
        ("March 2016", "2016-03"),
        ("2016", "2016"),
        ("?22 May 2016", "?2016-05-22"),
        ("c. March 2016", "?2016-03"),
        ("approx 0999", "?0999"),
        ("2016-03-04T10:30", "2016-03-04"),
    ],
)
def test_str_is_iso_at_its_precision(value: str, text: str) -> None:
    assert str(parse(value)) == text


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("2016-03-04", "04/03/2016", True),
        ("2016-03-04", "2016-03-05", False),
        ("2016-03-04", "March 2016", True),
        ("2016-04-01", "March 2016", False),
        ("2016-03-31", "March 2016", True),
        ("March 2016", "2016", True),
        ("March 2016", "April 2016", False),
        ("2015", "2016", False),
        ("2016-12-31", "2016", True),
        ("2017-01-01", "2016", False),
    ],
)
def test_overlaps(first: str, second: str, expected: bool) -> None:
    a, b = parse(first), parse(second)
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected


def test_sort_key_orders_by_earliest_then_latest() -> None:
    values = ["2016", "2016-03-04", "March 2016", "2016-01-01", "2015-12-31", "January 2016"]
    ordered = sorted((parse(v) for v in values), key=RecordedDate.sort_key)
    assert [r.recorded for r in ordered] == [
        "2015-12-31",
        "2016-01-01",
        "January 2016",
        "2016",
        "March 2016",
        "2016-03-04",
    ]
    assert parse("March 2016").sort_key() == (D(2016, 3, 1), D(2016, 3, 31))


def test_recorded_date_is_frozen_and_hashable() -> None:
    result = parse("04/03/2016")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.recorded = "x"  # type: ignore[misc]
    assert hash(result) == hash(parse("04/03/2016"))
    assert result != parse("2016-03-04")  # recorded differently


@pytest.mark.parametrize(
    ("earliest", "latest", "precision"),
    [
        (D(2016, 3, 5), D(2016, 3, 4), MONTH),
        (D(2016, 3, 4), D(2016, 3, 5), DAY),
    ],
)
def test_recorded_date_refuses_inconsistent_ranges(
    earliest: dt.date, latest: dt.date, precision: DatePrecision
) -> None:
    with pytest.raises(ValueError):
        RecordedDate("x", earliest, latest, precision)


def test_precision_values() -> None:
    assert [p.value for p in DatePrecision] == ["day", "month", "year"]
    assert DatePrecision("month") is MONTH
    assert f"{MONTH}" == "month"


# --- properties ----------------------------------------------------------------------

days = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))


def _long(d: dt.date) -> str:
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def _short(d: dt.date) -> str:
    return f"{d.day:02d} {MONTH_ABBRS[d.month - 1]} {d.year}"


FORMATS: list[Callable[[dt.date], str]] = [
    dt.date.isoformat,
    lambda d: d.strftime("%d/%m/%Y"),
    lambda d: f"{d.day}/{d.month}/{d.year}",
    lambda d: d.strftime("%d-%m-%Y"),
    lambda d: d.strftime("%d.%m.%Y"),
    _long,
    _short,
    lambda d: f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}",
]


@given(d=days, form=st.sampled_from(FORMATS))
def test_day_first_forms_round_trip(d: dt.date, form: Callable[[dt.date], str]) -> None:
    text = form(d)
    result = parse(text)
    assert result.is_exact
    assert result.earliest == result.latest == d
    assert result.recorded == text
    assert str(result) == d.isoformat()


@given(d=days)
def test_us_form_round_trips_when_asked(d: dt.date) -> None:
    result = parse(d.strftime("%m/%d/%Y"), dayfirst=False)
    assert result.day == d


@given(d=days, dayfirst=st.booleans())
def test_iso_never_swaps(d: dt.date, dayfirst: bool) -> None:
    assert parse(d.isoformat(), dayfirst=dayfirst).day == d


@given(d=days.filter(lambda d: d.day > 12))
def test_month_first_never_falls_back_to_day_first(d: dt.date) -> None:
    with pytest.raises(DateParseError):
        parse(d.strftime("%d/%m/%Y"), dayfirst=False)


@given(d=days.filter(lambda d: d.day <= 12 and d.day != d.month))
def test_ambiguous_numeric_dates_follow_the_convention(d: dt.date) -> None:
    text = d.strftime("%d/%m/%Y")
    assert parse(text).day == d
    assert parse(text, dayfirst=False).day == D(d.year, d.day, d.month)


@given(
    d=days,
    form=st.sampled_from(
        [
            lambda d: f"{MONTH_NAMES[d.month - 1]} {d.year}",
            lambda d: f"{MONTH_ABBRS[d.month - 1]} {d.year}",
            lambda d: f"{d.month:02d}/{d.year}",
            lambda d: f"{d.year}-{d.month:02d}",
        ]
    ),
)
def test_month_year_covers_the_whole_month(d: dt.date, form: Callable[[dt.date], str]) -> None:
    result = parse(form(d))
    assert result.precision is MONTH
    assert result.earliest.day == 1
    assert (result.earliest.year, result.earliest.month) == (d.year, d.month)
    assert result.earliest <= d <= result.latest
    assert (result.latest + dt.timedelta(days=1)).day == 1
    assert (result.latest - result.earliest).days + 1 == calendar.monthrange(d.year, d.month)[1]


@given(d=days)
def test_year_covers_the_whole_year(d: dt.date) -> None:
    result = parse(str(d.year))
    assert (result.earliest, result.latest) == (D(d.year, 1, 1), D(d.year, 12, 31))
    assert result.earliest <= d <= result.latest


@given(d=days, today=st.dates(min_value=D(1901, 1, 1), max_value=D(2099, 12, 31)))
def test_two_digit_years_property(d: dt.date, today: dt.date) -> None:
    result = parse_date(d.strftime("%d/%m/%y"), today=today)
    assert result is not None
    assert result.day is not None
    year = result.day.year
    assert year % 100 == d.year % 100
    assert today.year - 100 < year <= today.year


@given(d=days, marker=st.sampled_from(["?", "? ", "approx ", "approx. ", "c. ", "circa ", "~"]))
def test_markers_only_add_uncertainty(d: dt.date, marker: str) -> None:
    plain = parse(_long(d))
    marked = parse(marker + _long(d))
    assert marked.uncertain
    assert (marked.earliest, marked.latest, marked.precision) == (
        plain.earliest,
        plain.latest,
        plain.precision,
    )


@given(st.text(max_size=40))
def test_arbitrary_text_either_parses_or_raises_date_parse_error(text: str) -> None:
    try:
        result = parse_date(text, today=TODAY)
    except DateParseError as error:
        assert error.reason
    else:
        assert result is None or result.earliest <= result.latest


@given(
    day=st.integers(32, 99),
    month=st.integers(1, 12),
    year=st.integers(1900, 2100),
    dayfirst=st.booleans(),
)
def test_impossible_days_never_echo_the_value(
    day: int, month: int, year: int, dayfirst: bool
) -> None:
    text = f"{day}/{month:02d}/{year}" if dayfirst else f"{month:02d}/{day}/{year}"
    with pytest.raises(DateParseError) as caught:
        parse(text, dayfirst=dayfirst)
    assert text not in caught.value.reason
    assert str(day) not in caught.value.reason
    assert str(year) not in caught.value.reason
