"""The case model: what a validated case holds, per the reviewlint.case/1 contract."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import reviewlint
from reviewlint import Case, CaseFormatError, Entry, Person
from reviewlint._dates import DatePrecision
from reviewlint._loaders import build_case
from reviewlint._model import InlinePerson

from .conftest import entry, make_case

D = dt.date


def validate(data: dict[str, Any], **options: Any) -> Case:
    """Validate as the loaders do: field errors become CaseFormatError with ids, not indexes."""
    return build_case(data, **options)


def case_data(
    entries: list[dict[str, Any]], people: list[dict[str, Any]] | None = None, **fields: Any
) -> dict[str, Any]:
    return {
        "case_id": "c",
        "entries": entries,
        "people": [{"id": "p1", "name": "Amy TEST"}] if people is None else people,
        **fields,
    }


def one_entry_case(**entry_fields: Any) -> Case:
    return make_case([entry("e1", entry_fields.pop("date", "2020-01-01"), **entry_fields)])


# --------------------------------------------------------------------------- extras


def test_extras_are_kept_on_every_record() -> None:
    case = make_case(
        [
            entry(
                "e1",
                "2020-01-01",
                nhs_ref="X1",
                tags=["a", "b"],
                people=[{"name": "Dean", "vehicle": "blue van"}],
            )
        ],
        people=[{"id": "p1", "name": "Amy TEST", "school": "St Mary's", "dob": None}],
        lead_reviewer="J Bloggs",
        title="Demo",
    )
    assert case.extra == {"lead_reviewer": "J Bloggs"}
    assert case.entries[0].extra == {"nhs_ref": "X1", "tags": ["a", "b"]}
    assert case.people[0].extra == {"school": "St Mary's"}
    inline = case.person("e1#p1")
    assert inline is not None and inline.extra == {"vehicle": "blue van"}
    assert case.title == "Demo"  # a defined field is not an extra


def test_extra_is_a_copy() -> None:
    case = one_entry_case(nhs_ref="X1")
    case.entries[0].extra["nhs_ref"] = "changed"
    assert case.entries[0].extra == {"nhs_ref": "X1"}


def test_extras_survive_a_dump() -> None:
    case = one_entry_case(nhs_ref="X1")
    assert case.model_dump(mode="json")["entries"][0]["nhs_ref"] == "X1"


def test_records_have_no_extras_when_none_given() -> None:
    case = make_case([entry("e1", "2020-01-01")])
    assert (case.extra, case.entries[0].extra, case.people[0].extra) == ({}, {}, {})


# --------------------------------------------------------------------------- inline persons


def _inline_case() -> Case:
    return make_case(
        [
            entry(
                "e1",
                "2019-02-11",
                agency="police",
                people=[
                    "p1",
                    {"name": "Dean", "role": "mother's partner"},
                    {"name": "Kim BROWN", "source": "school"},
                ],
            ),
            entry(
                "e2",
                "2019-03-02",
                agency="health visiting",
                people=[{"id": "gp-dean", "name": "Dean SMITH"}, "p1", {"name": "X"}],
            ),
            entry("e3", "2019-03-09", agency="GP", people=[{"name": "Y", "source": None}]),
            entry("e4", "2019-03-10"),
        ],
        people=[{"id": "p1", "name": "Jayden SMITH", "role": "child", "source": "CSC"}],
    )


def test_inline_persons_join_all_people() -> None:
    case = _inline_case()
    assert [p.id for p in case.people] == ["p1"]
    assert [(p.id, p.inline_in, p.source) for p in case.all_people] == [
        ("p1", None, "CSC"),
        ("e1#p2", "e1", "police"),  # the entry's agency when no source is given
        ("e1#p3", "e1", "school"),  # unless one is
        ("gp-dean", "e2", "health visiting"),  # an inline id is kept
        ("e2#p3", "e2", "health visiting"),  # position counts the string refs too
        ("e3#p1", "e3", "GP"),  # an explicit null is no source either
    ]
    assert all(isinstance(p, Person) for p in case.all_people)


def test_entry_person_ids_in_order() -> None:
    case = _inline_case()
    assert [e.person_ids for e in case.entries] == [
        ("p1", "e1#p2", "e1#p3"),
        ("gp-dean", "p1", "e2#p3"),
        ("e3#p1",),
        (),
    ]


def test_entry_people_keep_what_was_written() -> None:
    case = _inline_case()
    refs = case.entries[0].people
    assert refs[0] == "p1"
    assert isinstance(refs[1], InlinePerson) and refs[1].id is None
    assert refs[1].role == "mother's partner"


def test_person_lookup() -> None:
    case = _inline_case()
    dean = case.person("e1#p2")
    assert dean is not None and (dean.name, dean.role) == ("Dean", "mother's partner")
    assert case.person("p1") is case.people[0]
    assert case.person("e4#p1") is None
    assert case.person("nobody") is None


def test_inline_person_fields_are_validated() -> None:
    with pytest.raises(CaseFormatError) as info:
        validate(case_data([entry("e1", "2020", people=[{"name": "Dean", "dob": "32/01/1990"}])]))
    (problem,) = info.value.problems
    assert (problem.entry_id, problem.person_id, problem.field) == ("e1", "e1#p1", "dob")


@pytest.mark.parametrize(
    ("people", "refs", "where"),
    [
        ([{"id": "p1", "name": "A"}], [{"id": "p1", "name": "B"}], ("e1", "p1")),
        (
            [{"id": "p1", "name": "A"}],
            [{"id": "k", "name": "B"}, {"id": "k", "name": "C"}],
            ("e1", "k"),
        ),
        (
            [{"id": "p1", "name": "A"}],
            [{"name": "B"}, {"id": "e1#p1", "name": "C"}],
            ("e1", "e1#p1"),
        ),
    ],
    ids=["inline-vs-listed", "inline-vs-inline", "inline-vs-generated"],
)
def test_inline_ids_must_be_unique_too(
    people: list[dict[str, Any]], refs: list[Any], where: tuple[str, str]
) -> None:
    with pytest.raises(CaseFormatError) as info:
        make_case([entry("e1", "2020-01-01", people=refs)], people=people)
    assert (info.value.entry_id, info.value.person_id, info.value.field) == (*where, "id")


# --------------------------------------------------------------------------- link errors


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"entries": [entry("e1", "2020-01-01"), entry("e1", "2020-01-02")]},
            {"entry_id": "e1", "person_id": None, "field": "id"},
        ),
        (
            {"people": [{"id": "p1", "name": "A"}, {"id": "p1", "name": "B"}]},
            {"entry_id": None, "person_id": "p1", "field": "id"},
        ),
        (
            {"entries": [entry("e1", "2020-01-01", people=["p2"])]},
            {"entry_id": "e1", "person_id": None, "field": "people"},
        ),
        (
            {"people": [{"id": "p1", "name": "A", "same_as": ["p9"]}]},
            {"entry_id": None, "person_id": "p1", "field": "same_as"},
        ),
        ({"subjects": ["p9"]}, {"entry_id": None, "person_id": None, "field": "subjects"}),
        ({"format": "reviewlint.case/2"}, {"entry_id": None, "person_id": None, "field": "format"}),
        ({"format": "reviewlint.case"}, {"entry_id": None, "person_id": None, "field": "format"}),
    ],
    ids=[
        "dup-entry",
        "dup-person",
        "unknown-ref",
        "unknown-same-as",
        "unknown-subject",
        "format-2",
        "format-no-version",
    ],
)
def test_link_errors(data: dict[str, Any], expected: dict[str, Any]) -> None:
    base: dict[str, Any] = {
        "case_id": "c9",
        "people": [{"id": "p1", "name": "Amy TEST"}],
        "entries": [entry("e1", "2020-01-01")],
    }
    with pytest.raises(CaseFormatError) as info:
        validate({**base, **data})
    err = info.value
    assert err.case_id == "c9"
    assert {k: getattr(err, k) for k in expected} == expected
    assert len(err.problems) == 1


@pytest.mark.parametrize("fmt", ["reviewlint.case/1", "reviewlint.case/1.3", None])
def test_format_version_1_accepted(fmt: str | None) -> None:
    case = validate({"case_id": "c", "format": fmt, "entries": [entry("e1", "2020")]})
    assert case.format == fmt


def test_several_link_errors_reported_together() -> None:
    with pytest.raises(CaseFormatError) as info:
        validate(
            {
                "case_id": "c",
                "subjects": ["zz"],
                "entries": [entry("e1", "2020"), entry("e1", "2021", people=["p4"])],
            }
        )
    err = info.value
    assert (err.entry_id, err.field) == (None, None)
    assert sorted((p.entry_id or "", p.field or "") for p in err.problems) == [
        ("", "subjects"),
        ("e1", "id"),
        ("e1", "people"),
    ]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("recorded", "earliest", "latest", "precision"),
    [
        ("2019-03-04", D(2019, 3, 4), D(2019, 3, 4), "day"),
        ("04/03/2019", D(2019, 3, 4), D(2019, 3, 4), "day"),
        ("4 March 2019", D(2019, 3, 4), D(2019, 3, 4), "day"),
        ("2019-03", D(2019, 3, 1), D(2019, 3, 31), "month"),
        ("March 2019", D(2019, 3, 1), D(2019, 3, 31), "month"),
        ("03/2019", D(2019, 3, 1), D(2019, 3, 31), "month"),
        ("Feb 2020", D(2020, 2, 1), D(2020, 2, 29), "month"),
        ("2019", D(2019, 1, 1), D(2019, 12, 31), "year"),
    ],
)
def test_partial_dates_are_ranges(
    recorded: str, earliest: dt.date, latest: dt.date, precision: str
) -> None:
    case = one_entry_case(date=recorded, recorded_date=recorded)
    for value in (case.entries[0].date, case.entries[0].recorded_date):
        assert (value.earliest, value.latest, value.precision) == (earliest, latest, precision)
        assert value.recorded == recorded
        assert value.uncertain is False
        assert value.is_exact == (precision == DatePrecision.DAY)
    assert case.model_dump(mode="json")["entries"][0]["date"] == recorded  # never invented


@pytest.mark.parametrize(
    ("recorded", "earliest", "latest"),
    [
        ("?22 May 2016", D(2016, 5, 22), D(2016, 5, 22)),
        ("? 2016", D(2016, 1, 1), D(2016, 12, 31)),
        ("?March 2016", D(2016, 3, 1), D(2016, 3, 31)),
        ("approx. 2016", D(2016, 1, 1), D(2016, 12, 31)),
        ("22/05/2016?", D(2016, 5, 22), D(2016, 5, 22)),
    ],
)
def test_uncertain_dates(recorded: str, earliest: dt.date, latest: dt.date) -> None:
    case = make_case(
        [entry("e1", "2020-01-01")], people=[{"id": "p1", "name": "Amy TEST", "dob": recorded}]
    )
    dob = case.people[0].dob
    assert (dob.earliest, dob.latest, dob.uncertain, dob.recorded) == (
        earliest,
        latest,
        True,
        recorded,
    )


@pytest.mark.parametrize("recorded", ["unknown", "Not known", "?", None, "  "])
def test_unknown_dob_is_none(recorded: str | None) -> None:
    case = make_case(
        [entry("e1", "2020-01-01")], people=[{"id": "p1", "name": "Amy TEST", "dob": recorded}]
    )
    assert case.people[0].dob is None


@pytest.mark.parametrize(
    ("recorded", "uk", "us"),
    [
        ("04/03/2016", D(2016, 3, 4), D(2016, 4, 3)),
        ("4-3-2016", D(2016, 3, 4), D(2016, 4, 3)),
        ("12/01/2016", D(2016, 1, 12), D(2016, 12, 1)),
        ("2016-03-04", D(2016, 3, 4), D(2016, 3, 4)),  # ISO whatever the convention
        ("4 March 2016", D(2016, 3, 4), D(2016, 3, 4)),
        ("March 4, 2016", D(2016, 3, 4), D(2016, 3, 4)),
    ],
)
def test_dayfirst_switch(tmp_path: Path, recorded: str, uk: dt.date, us: dt.date) -> None:
    data = {
        "case_id": "c",
        "entries": [entry("e1", recorded)],
        "people": [{"id": "p1", "name": "A B", "dob": recorded}],
    }
    assert validate(data).entries[0].date.earliest == uk
    assert validate(data, dayfirst=False).entries[0].date.earliest == us
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data))
    (loaded_uk,) = reviewlint.load(path)
    (loaded_us,) = reviewlint.load(path, dayfirst=False)
    assert (loaded_uk.entries[0].date.earliest, loaded_uk.people[0].dob.earliest) == (uk, uk)
    assert (loaded_us.entries[0].date.earliest, loaded_us.people[0].dob.earliest) == (us, us)


@pytest.mark.parametrize(("recorded", "dayfirst"), [("13/04/2016", False), ("04/13/2016", True)])
def test_no_silent_switch_of_convention(recorded: str, dayfirst: bool) -> None:
    with pytest.raises(CaseFormatError) as info:
        validate({"case_id": "c", "entries": [entry("e1", recorded)]}, dayfirst=dayfirst)
    assert (info.value.entry_id, info.value.field) == ("e1", "date")
    assert recorded not in str(info.value)


@pytest.mark.parametrize(
    ("recorded", "today", "year"),
    [
        ("04/03/69", D(2024, 6, 1), 1969),
        ("04/03/16", D(2024, 6, 1), 2016),
        ("04/03/24", D(2024, 6, 1), 2024),
        ("04/03/25", D(2024, 6, 1), 1925),
    ],
)
def test_two_digit_years_never_in_the_future(recorded: str, today: dt.date, year: int) -> None:
    case = validate(
        {
            "case_id": "c",
            "entries": [entry("e1", "2020")],
            "people": [{"id": "p1", "name": "A B", "dob": recorded}],
        },
        today=today,
    )
    assert case.people[0].dob.earliest.year == year


def test_datetime_values_keep_their_time() -> None:
    case = validate(
        {
            "case_id": "c",
            "entries": [
                entry("e1", "2019-03-04T10:30:00"),
                entry("e2", dt.datetime(2019, 3, 5, 9, 15)),
                entry("e3", dt.date(2019, 3, 6)),
                entry("e4", "05/03/2019 14:30"),
            ],
        }
    )
    assert [(e.date.earliest, e.date.time) for e in case.entries] == [
        (D(2019, 3, 4), dt.time(10, 30)),
        (D(2019, 3, 5), dt.time(9, 15)),
        (D(2019, 3, 6), None),
        (D(2019, 3, 5), dt.time(14, 30)),
    ]


@pytest.mark.parametrize("value", [20190304, 3.5, ["2019"], {"d": 1}, True])
def test_date_of_wrong_type(value: Any) -> None:
    with pytest.raises(CaseFormatError) as info:
        validate({"case_id": "c", "entries": [entry("e1", value)]})
    assert (info.value.entry_id, info.value.field) == ("e1", "date")


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "person",
    [
        {"name": "SMITH, Jayden"},
        {"name": "Jayden SMITH"},
        {"name": "Jayden Smith"},
        {"name": "  jayden   SMITH "},
        {"given_names": "Jayden", "family_name": "SMITH"},
        {"given_names": "Jayden", "family_name": "Smith", "name": "ignored when split"},
    ],
)
def test_names_parsed_to_one_form(person: dict[str, Any]) -> None:
    case = make_case(
        [entry("e1", "2020-01-01", people=[dict(person)])], people=[{"id": "p1", **person}]
    )
    for record in (case.people[0], case.person("e1#p1")):
        assert record is not None
        assert record.parsed_name.normalised == "jayden smith"
        assert (record.parsed_name.given, record.parsed_name.family) == (("Jayden",), "Smith")
    assert case.people[0].name == person.get("name")  # the recorded text is untouched


def test_names_that_differ_stay_different() -> None:
    case = make_case(
        [entry("e1", "2020")],
        people=[{"id": "p1", "name": "Jayden SMITH"}, {"id": "p2", "name": "Jaden Smyth"}],
    )
    assert case.people[0].parsed_name.normalised != case.people[1].parsed_name.normalised


@pytest.mark.parametrize(
    "person", [{}, {"name": ""}, {"name": "   "}, {"dob": "2016"}, {"given_names": " "}]
)
def test_a_person_needs_a_name(person: dict[str, Any]) -> None:
    with pytest.raises(CaseFormatError) as info:
        validate(case_data([entry("e1", "2020")], people=[{"id": "p1", **person}]))
    assert info.value.person_id == "p1"


# --------------------------------------------------------------------------- reference date


@pytest.mark.parametrize(
    ("dates", "reference", "as_at"),
    [
        (["2019-01-01", "2020-06-30", "2019-12-31"], None, D(2020, 6, 30)),
        (["2019-01-01", "2020"], None, D(2020, 1, 1)),  # a year counts from its first day
        (["2019-01-01", "March 2020"], None, D(2020, 3, 1)),
        (["2019-01-01", "unknown"], None, D(2019, 1, 1)),
        (["unknown"], None, None),
        (["2019-01-01"], "2021-05-05", D(2021, 5, 5)),
        (["2019-01-01"], "2018", D(2018, 12, 31)),  # a partial reference date: its last day
        (["2019-01-01"], "05/06/2021", D(2021, 6, 5)),
    ],
)
def test_as_at(dates: list[str], reference: str | None, as_at: dt.date | None) -> None:
    entries = [entry(f"e{i}", d) for i, d in enumerate(dates)]
    case = make_case(entries, reference_date=reference) if reference else make_case(entries)
    assert case.as_at == as_at


def test_entries_keep_file_order() -> None:
    case = make_case([entry("b", "2020-02-01"), entry("a", "2019-01-01")])
    assert [e.id for e in case.entries] == ["b", "a"]  # sorting is the engine's job


# --------------------------------------------------------------------------- types


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("child_seen", True, True),
        ("child_seen", None, None),
        ("attended", False, False),
        ("shared_with", ["police", "school"], ["police", "school"]),
        ("outcome", "NFA", "NFA"),
        ("text", "  spaced  ", "  spaced  "),  # text is never altered
    ],
)
def test_entry_fields(field: str, value: Any, expected: Any) -> None:
    case = one_entry_case(**{field: value})
    assert getattr(case.entries[0], field) == expected


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("child_seen", "perhaps"),
        ("shared_with", "police"),
        ("agency", None),
        ("type", 5),
        ("id", None),
    ],
)
def test_entry_field_errors(field: str, value: Any) -> None:
    with pytest.raises(CaseFormatError) as info:
        validate(case_data([entry("e1", "2020", **{field: value})]))
    assert (info.value.entry_id, info.value.field) == ("e1" if field != "id" else "#1", field)


def test_source_and_line_unknown_without_a_file() -> None:
    case = make_case([entry("e1", "2020")])
    assert (case.source, case.line, case.entries[0].line) == (None, None, None)


def test_csv_records_carry_their_row(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("Date,Agency,Event,People\n01/01/2020,x,y,P1;Dean\n\n02/01/2020,x,y,\n")
    (tmp_path / "rows.people.csv").write_text("ID,Name\nP1,Kelly SMITH\n")
    (case,) = reviewlint.load(path)
    assert [e.line for e in case.entries] == [2, 4]
    assert [(p.id, p.line) for p in case.all_people] == [("P1", 2), ("row2#p2", 2)]


def test_public_names() -> None:
    assert reviewlint.Case is Case and reviewlint.Entry is Entry and reviewlint.Person is Person
