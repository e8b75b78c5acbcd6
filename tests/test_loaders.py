"""Reading cases from files: JSON, JSON Lines, directories, CSV and XLSX.

Errors are checked by their attributes (``line``, ``case_id``, ``entry_id``,
``person_id``, ``field``); message text is only checked for what it must NOT
contain: names, dates of birth and narrative text from the input.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
import types
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reviewlint
from reviewlint import Case, CaseFormatError, InputError, ReviewlintError, TableMapping
from reviewlint._dates import parse_date

from .conftest import ROOT, entry

# --------------------------------------------------------------------------- helpers

CHILD = {"id": "p1", "name": "Jayden SMITH", "dob": "04/03/2016", "role": "child"}
# Personal data planted in inputs: no error message may repeat any of it.
SECRETS = ("Jayden", "SMITH", "04/03/2016", "Kelly", "Zebedee", "31/02/2016", "walked into a door")


def case_dict(
    cid: str,
    entries: list[dict[str, Any]] | None = None,
    people: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "case_id": cid,
        "people": [dict(CHILD)] if people is None else people,
        "entries": entries if entries is not None else [entry("e1", "2020-01-01")],
    }
    data.update(fields)
    return data


def layout(doc: Any) -> str:
    """JSON text with every case opening on its ``case_id`` line and every entry and
    person on a line of its own, so the expected error lines can be found by text."""

    def case_text(case: Any) -> str:
        if not isinstance(case, dict):
            return json.dumps(case)
        parts = []
        for key, value in case.items():
            if key in ("entries", "people") and isinstance(value, list):
                items = ",\n    ".join(json.dumps(v) for v in value)
                parts.append(f"{json.dumps(key)}: [\n    {items}\n  ]")
            else:
                parts.append(f"{json.dumps(key)}: {json.dumps(value)}")
        return "{" + ",\n  ".join(parts) + "\n}"

    if isinstance(doc, list):
        return "[\n" + ",\n".join(case_text(c) for c in doc) + "\n]\n"
    if isinstance(doc, dict) and "cases" in doc:
        return '{"cases": [\n' + ",\n".join(case_text(c) for c in doc["cases"]) + "\n]}\n"
    return case_text(doc) + "\n"


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based number of the line holding the nth occurrence of ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not found {nth} times"
    return hits[nth - 1]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def load_all(path: Path | list[Path], **kw: Any) -> list[Case | InputError]:
    return list(reviewlint.load(path, errors="yield", **kw))


def only_error(path: Path, **kw: Any) -> InputError:
    items = load_all(path, **kw)
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1, items
    return errors[0]


def attrs(err: InputError) -> dict[str, Any]:
    return {k: getattr(err, k) for k in ("line", "case_id", "entry_id", "person_id", "field")}


def assert_no_personal_data(err: InputError) -> None:
    texts = [str(err), err.message, *(p.message for p in err.problems)]
    for secret in SECRETS:
        for text in texts:
            assert secret not in text, (secret, text)


def dump_csv(rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


# --------------------------------------------------------------------------- JSON shapes

CASE_A = case_dict("a")
CASE_B = case_dict("b", [entry("e1", "2020-02-01"), entry("e2", "2020-03-01")])


@pytest.mark.parametrize(
    ("doc", "ids"),
    [
        (CASE_A, ["a"]),
        ([CASE_A, CASE_B], ["a", "b"]),
        ([CASE_B, CASE_A], ["b", "a"]),
        ({"cases": [CASE_A, CASE_B]}, ["a", "b"]),
        ([], []),
        ({"cases": []}, []),
    ],
    ids=["one", "list", "list-order", "cases-key", "empty-list", "empty-cases"],
)
def test_json_shapes(tmp_path: Path, doc: Any, ids: list[str]) -> None:
    path = write(tmp_path, "cases.json", json.dumps(doc, indent=2))
    cases = list(reviewlint.load(path))
    assert [c.case_id for c in cases] == ids
    assert all(c.source == str(path) for c in cases)


def test_json_object_with_cases_and_entries_is_one_case(tmp_path: Path) -> None:
    # "cases" beside "entries" is an unknown field of a single case, not a wrapper.
    path = write(tmp_path, "c.json", json.dumps(case_dict("solo", cases=["x"])))
    (case,) = reviewlint.load(path)
    assert case.case_id == "solo"
    assert case.extra == {"cases": ["x"]}


def test_json_bom_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", b"\xef\xbb\xbf" + json.dumps(CASE_A).encode())
    assert [c.case_id for c in reviewlint.load(path)] == ["a"]


def test_cases_key_not_a_list(tmp_path: Path) -> None:
    err = only_error(write(tmp_path, "c.json", '{"cases": {"a": 1}}'))
    assert err.field == "cases"


@pytest.mark.parametrize("item", [1, "text", None, [1, 2]])
def test_json_list_item_not_an_object(tmp_path: Path, item: Any) -> None:
    path = write(tmp_path, "c.json", json.dumps([CASE_A, item, CASE_B]))
    items = load_all(path)
    assert [type(i) for i in items] == [Case, CaseFormatError, Case]


# --------------------------------------------------------------------------- JSON Lines


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
@pytest.mark.parametrize(
    ("eol", "bom", "blank"),
    [
        ("\n", False, False),
        ("\r\n", False, False),
        ("\n", True, False),
        ("\r\n", True, True),
        ("\n", False, True),
    ],
    ids=["lf", "crlf", "bom", "bom-crlf-blank", "blank"],
)
def test_jsonl_lines(tmp_path: Path, suffix: str, eol: str, bom: bool, blank: bool) -> None:
    lines = [json.dumps(case_dict(cid)) for cid in ("a", "b", "c")]
    if blank:
        lines = [lines[0], "", "   ", lines[1], "", lines[2], ""]
    raw = (eol.join(lines) + eol).encode()
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    path = write(tmp_path, "cases" + suffix, raw)
    cases = list(reviewlint.load(path))
    assert [c.case_id for c in cases] == ["a", "b", "c"]
    expected_lines = [1, 4, 6] if blank else [1, 2, 3]
    assert [c.source for c in cases] == [f"{path}:{n}" for n in expected_lines]
    assert [c.line for c in cases] == expected_lines


def test_jsonl_error_line_counts_blank_lines(tmp_path: Path) -> None:
    bad = case_dict("bad", [entry("e1", "not a date")])
    text = "\r\n".join([json.dumps(CASE_A), "", json.dumps(bad), json.dumps(CASE_B)]) + "\r\n"
    items = load_all(write(tmp_path, "c.jsonl", text.encode()))
    assert [type(i) for i in items] == [Case, CaseFormatError, Case]
    assert attrs(items[1]) == {
        "line": 3,
        "case_id": "bad",
        "entry_id": "e1",
        "person_id": None,
        "field": "date",
    }


@pytest.mark.parametrize(
    ("line3", "error_type"),
    [
        ('{"case_id": "c", "entries": [', InputError),
        (json.dumps(case_dict("c", [entry("e1", "2020-13-45")])), CaseFormatError),
        (b'{"case_id": "\xff"}', InputError),
    ],
    ids=["syntax", "bad-date", "not-utf8"],
)
def test_jsonl_is_streamed(tmp_path: Path, line3: str | bytes, error_type: type) -> None:
    raw = b"\n".join(
        [
            json.dumps(CASE_A).encode(),
            json.dumps(CASE_B).encode(),
            line3 if isinstance(line3, bytes) else line3.encode(),
        ]
    )
    path = write(tmp_path, "c.jsonl", raw)
    stream = reviewlint.load(path)
    assert isinstance(stream, types.GeneratorType)
    assert next(stream).case_id == "a"  # read before the broken line is reached
    assert next(stream).case_id == "b"
    with pytest.raises(error_type) as info:
        next(stream)
    assert info.value.line == 3
    assert info.value.path == path


def test_load_is_lazy_even_for_missing_paths(tmp_path: Path) -> None:
    stream = reviewlint.load(tmp_path / "missing.json")  # nothing is read yet
    with pytest.raises(InputError) as info:
        next(stream)
    assert info.value.path == tmp_path / "missing.json"


# --------------------------------------------------------------------------- directories


def test_directory_walk(tmp_path: Path) -> None:
    write(tmp_path, "b.json", json.dumps(case_dict("b")))
    write(tmp_path, "a/z.jsonl", json.dumps(case_dict("az1")) + "\n" + json.dumps(case_dict("az2")))
    write(tmp_path, "a.json", json.dumps([case_dict("a1"), case_dict("a2")]))
    write(tmp_path, "c.csv", "Date,Agency,Event,People\n01/02/2020,Police,Visit,P1\n")
    write(tmp_path, "c.people.csv", "ID,Name\nP1,Kelly SMITH\n")
    write(tmp_path, "notes.txt", "not a case")
    write(tmp_path, "README.md", "# not a case")
    write(tmp_path, ".hidden.json", "{broken")
    items = load_all(tmp_path)
    assert all(isinstance(i, Case) for i in items), items
    files = sorted(
        p
        for p in tmp_path.rglob("*")
        if p.suffix in (".json", ".jsonl", ".csv")
        and not p.name.startswith(".")
        and not p.name.endswith(".people.csv")
    )
    by_file = {"a.json": ["a1", "a2"], "z.jsonl": ["az1", "az2"], "b.json": ["b"], "c.csv": ["c"]}
    assert [c.case_id for c in items] == [cid for f in files for cid in by_file[f.name]]
    csv_case = items[-1]
    assert csv_case.case_id == "c"
    assert [p.name for p in csv_case.people] == ["Kelly SMITH"]
    assert csv_case.entries[0].person_ids == ("P1",)


def test_directory_people_csv_without_chronology_is_not_read(tmp_path: Path) -> None:
    write(tmp_path, "x.people.csv", "ID,Name\nP1,Kelly SMITH\n")
    [only] = load_all(tmp_path)
    assert isinstance(only, InputError) and only.path == tmp_path and only.case_id is None


def test_unknown_suffix_named_explicitly_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "case.txt", json.dumps(CASE_A))
    err = only_error(path)
    assert err.path == path


def test_several_paths_in_order(tmp_path: Path) -> None:
    b = write(tmp_path, "b.json", json.dumps(case_dict("b")))
    a = write(tmp_path, "a.json", json.dumps(case_dict("a")))
    assert [c.case_id for c in reviewlint.load([b, str(a)])] == ["b", "a"]


# --------------------------------------------------------------------------- errors


def _bad_date_in_list() -> tuple[Any, dict[str, Any], str]:
    doc = [
        case_dict(
            "c1", [entry("a1", "2020-01-01"), entry("a2", "2020-01-02"), entry("a3", "2020-01-03")]
        ),
        case_dict(
            "c2",
            [
                entry("b1", "2020-01-01"),
                entry("b2", "2020-01-02"),
                entry("b3", "31/02/2016", text="Said she walked into a door"),
                entry("b4", "2020-01-04"),
            ],
        ),
    ]
    return doc, {"case_id": "c2", "entry_id": "b3", "person_id": None, "field": "date"}, '"b3"'


def _missing_agency() -> tuple[Any, dict[str, Any], str]:
    bad = entry("e2", "2020-01-02")
    del bad["agency"]
    doc = case_dict("c", [entry("e1", "2020-01-01"), bad])
    return doc, {"case_id": "c", "entry_id": "e2", "person_id": None, "field": "agency"}, '"e2"'


def _missing_type_in_cases_key() -> tuple[Any, dict[str, Any], str]:
    bad = entry("e9", "2020-01-02")
    del bad["type"]
    doc = {"cases": [case_dict("ok"), case_dict("c", [entry("e1", "2020-01-01"), bad])]}
    return doc, {"case_id": "c", "entry_id": "e9", "person_id": None, "field": "type"}, '"e9"'


def _duplicate_entry_id() -> tuple[Any, dict[str, Any], tuple[str, int]]:
    doc = case_dict(
        "c", [entry("e1", "2020-01-01"), entry("e2", "2020-01-02"), entry("e1", "2020-01-03")]
    )
    # Located at the repeat (the second "e1"), not the first use.
    return doc, {"case_id": "c", "entry_id": "e1", "person_id": None, "field": "id"}, ('"e1"', 2)


def _duplicate_person_id() -> tuple[Any, dict[str, Any], tuple[str, int]]:
    doc = case_dict(
        "c",
        people=[
            dict(CHILD),
            {"id": "p2", "name": "Kelly SMITH"},
            {"id": "p2", "name": "Kelly Smith"},
        ],
    )
    return doc, {"case_id": "c", "entry_id": None, "person_id": "p2", "field": "id"}, ('"p2"', 2)


def _unknown_person_ref() -> tuple[Any, dict[str, Any], str]:
    doc = case_dict(
        "c",
        [entry("e1", "2020-01-01", people=["p1"]), entry("e2", "2020-01-02", people=["p1", "p7"])],
    )
    return doc, {"case_id": "c", "entry_id": "e2", "person_id": None, "field": "people"}, '"e2"'


def _inline_person_bad_dob() -> tuple[Any, dict[str, Any], str]:
    doc = case_dict(
        "c",
        [
            entry("e1", "2020-01-01"),
            entry(
                "e2", "2020-01-02", people=["p1", {"name": "Zebedee SMITH", "dob": "31/02/2016"}]
            ),
        ],
    )
    return doc, {"case_id": "c", "entry_id": "e2", "person_id": "e2#p2", "field": "dob"}, '"e2"'


def _listed_person_bad_dob() -> tuple[Any, dict[str, Any], str]:
    doc = case_dict("c", people=[dict(CHILD), {"id": "p2", "name": "Kelly", "dob": "31/02/2016"}])
    return doc, {"case_id": "c", "entry_id": None, "person_id": "p2", "field": "dob"}, '"p2"'


def _person_without_name() -> tuple[Any, dict[str, Any], str]:
    doc = case_dict("c", people=[dict(CHILD), {"id": "p2", "dob": "04/03/2016"}])
    return doc, {"case_id": "c", "entry_id": None, "person_id": "p2", "field": None}, '"p2"'


def _inline_id_clashes_with_listed() -> tuple[Any, dict[str, Any], str]:
    doc = case_dict(
        "c",
        [
            entry("e1", "2020-01-01"),
            entry("e2", "2020-01-02", people=[{"id": "p1", "name": "Kelly"}]),
        ],
    )
    return doc, {"case_id": "c", "entry_id": "e2", "person_id": "p1", "field": "id"}, '"e2"'


def _format_v2() -> tuple[Any, dict[str, Any], str]:
    doc = [case_dict("ok"), case_dict("c", format="reviewlint.case/2")]
    return doc, {"case_id": "c", "entry_id": None, "person_id": None, "field": "format"}, '"c"'


def _format_other() -> tuple[Any, dict[str, Any], str]:
    doc = case_dict("c", format="something-else/1")
    return doc, {"case_id": "c", "entry_id": None, "person_id": None, "field": "format"}, '"c"'


def _missing_entries() -> tuple[Any, dict[str, Any], str]:
    doc = [case_dict("ok"), {"case_id": "c", "people": []}]
    return doc, {"case_id": "c", "entry_id": None, "person_id": None, "field": "entries"}, '"c"'


def _entry_without_id() -> tuple[Any, dict[str, Any], str]:
    bad = entry("x", "2020-01-02", text="Kelly shouting")
    del bad["id"]
    doc = case_dict("c", [entry("e1", "2020-01-01"), bad])
    # No id to name it by: its position stands in.
    return doc, {"case_id": "c", "entry_id": "#2", "person_id": None, "field": "id"}, "Kelly"


def _subject_unknown() -> tuple[Any, dict[str, Any], str]:
    doc = case_dict("c", subjects=["p9"])
    return doc, {"case_id": "c", "entry_id": None, "person_id": None, "field": "subjects"}, '"c"'


CASE_ERRORS = {
    "bad-date-entry3-case2": _bad_date_in_list,
    "missing-agency": _missing_agency,
    "missing-type-cases-key": _missing_type_in_cases_key,
    "duplicate-entry-id": _duplicate_entry_id,
    "duplicate-person-id": _duplicate_person_id,
    "unknown-person-ref": _unknown_person_ref,
    "inline-person-bad-dob": _inline_person_bad_dob,
    "listed-person-bad-dob": _listed_person_bad_dob,
    "person-without-name": _person_without_name,
    "inline-id-clash": _inline_id_clashes_with_listed,
    "format-v2": _format_v2,
    "format-other": _format_other,
    "missing-entries": _missing_entries,
    "entry-without-id": _entry_without_id,
    "subject-unknown": _subject_unknown,
}


@pytest.mark.parametrize("make", CASE_ERRORS.values(), ids=CASE_ERRORS.keys())
def test_case_error_located(tmp_path: Path, make: Any) -> None:
    doc, expected, needle = make()
    text = layout(doc)
    path = write(tmp_path, "cases.json", text)
    err = only_error(path)
    assert isinstance(err, CaseFormatError)
    assert err.path == path
    assert {k: v for k, v in attrs(err).items() if k != "line"} == expected
    needle, nth = needle if isinstance(needle, tuple) else (needle, 1)
    assert err.line == line_of(text, needle, nth)
    assert len(err.problems) == 1
    assert err.problems[0].line in (None, err.line)
    assert err.problems[0].field == expected["field"]
    assert_no_personal_data(err)


@pytest.mark.parametrize("make", CASE_ERRORS.values(), ids=CASE_ERRORS.keys())
def test_case_error_in_jsonl_names_file_line(tmp_path: Path, make: Any) -> None:
    doc, expected, _ = make()
    docs = doc if isinstance(doc, list) else doc.get("cases", [doc])
    text = "\n".join(json.dumps(d) for d in [case_dict("first"), *docs]) + "\n"
    items = load_all(write(tmp_path, "c.jsonl", text))
    (bad,) = [i for i in items if isinstance(i, InputError)]
    assert {k: v for k, v in attrs(bad).items() if k != "line"} == expected
    index = next(i for i, d in enumerate(docs) if d.get("case_id") == expected["case_id"])
    assert bad.line == index + 2  # after the good first line
    assert_no_personal_data(bad)


def test_several_problems_in_one_case_are_all_reported(tmp_path: Path) -> None:
    doc = case_dict(
        "c",
        [
            entry("e1", "bad"),
            entry("e2", "2020-01-02", agency=None),
            entry("e3", "2020-01-03", people=["p9"]),
        ],
    )
    text = layout(doc)
    err = only_error(write(tmp_path, "c.json", text))
    assert err.case_id == "c"
    assert [(p.entry_id, p.field, p.line) for p in err.problems][:2] == [
        ("e1", "date", line_of(text, '"e1"')),
        ("e2", "agency", line_of(text, '"e2"')),
    ]
    assert err.entry_id is None and err.field is None  # several problems: no single location


def test_inline_person_wrong_type(tmp_path: Path) -> None:
    doc = case_dict("c", [entry("e1", "2020-01-01", people=["p1", 42])])
    text = layout(doc)
    err = only_error(write(tmp_path, "c.json", text))
    assert attrs(err) == {
        "line": line_of(text, '"e1"'),
        "case_id": "c",
        "entry_id": "e1",
        "person_id": None,
        "field": "people",
    }
    assert len(err.problems) == 1


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{"case_id": "c",\n "entries": [\n  {"id": "e1",}\n]}', 3),
        ('[\n{"case_id": "c", "entries": []},\n\n{"case_id": "d" "entries": []}\n]', 4),
        ('{"case_id": "c",\n "entries": [\n', 3),
        ("", 1),
        ('{"case_id": "c"} trailing', 1),
    ],
    ids=["trailing-comma", "missing-comma", "truncated", "empty", "trailing-text"],
)
def test_json_syntax_error_line(tmp_path: Path, text: str, line: int) -> None:
    err = only_error(write(tmp_path, "c.json", text))
    assert type(err) is InputError
    assert err.line == line
    assert err.case_id is None


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ('{"case_id": "c",\n "entries": [\n  {"id": "e1",\n   "id": "e2"}\n]}', "id", 4),
        ('{"case_id": "c",\n "entries": [],\n "case_id": "d"}', "case_id", 3),
        ('[{"case_id": "a", "entries": []},\n {"x": {"k": 1,\n\n "k": 2}}]', "k", 4),
    ],
    ids=["in-entry", "top-level", "nested"],
)
def test_duplicate_json_keys_refused(tmp_path: Path, text: str, key: str, line: int) -> None:
    err = only_error(write(tmp_path, "c.json", text))
    assert err.field == key
    assert err.line == line


def test_duplicate_json_key_in_jsonl(tmp_path: Path) -> None:
    text = json.dumps(CASE_A) + '\n\n{"case_id": "b", "case_id": "c", "entries": []}\n'
    items = load_all(write(tmp_path, "c.jsonl", text))
    assert isinstance(items[0], Case)
    assert (items[1].field, items[1].line) == ("case_id", 3)


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (b'{"case_id": "c",\n "entries": [\n  {"text": "caf\xe9"}]}', 3),
        (b'\xff{"case_id": "c"}', 1),
        (b'{"case_id": "c",\n\n\n "title": "\x80"}', 4),
    ],
)
def test_non_utf8_located(tmp_path: Path, raw: bytes, line: int) -> None:
    err = only_error(write(tmp_path, "c.json", raw))
    assert err.line == line


def test_non_utf8_jsonl_line(tmp_path: Path) -> None:
    raw = json.dumps(CASE_A).encode() + b'\n{"case_id": "caf\xe9"}\n' + json.dumps(CASE_B).encode()
    items = load_all(write(tmp_path, "c.jsonl", raw))
    assert [type(i) for i in items] == [Case, InputError, Case]
    assert items[1].line == 2


@pytest.mark.parametrize("depth", [400, 5000])
def test_deeply_nested_json_is_an_input_error(tmp_path: Path, depth: int) -> None:
    nested = "[" * depth + "]" * depth
    for text in (nested, f'{{"case_id": "c", "entries": {nested}}}'):
        items = load_all(write(tmp_path, "c.json", text))
        assert len(items) == 1 and isinstance(items[0], InputError)


def test_errors_yield_keeps_order_and_carries_on(tmp_path: Path) -> None:
    bad = case_dict("bad", [entry("e1", "2020-01-01"), entry("e1", "2020-01-02")])
    doc = [case_dict("a"), bad, case_dict("b"), case_dict("c")]
    items = load_all(write(tmp_path, "c.json", json.dumps(doc)))
    assert [type(i) for i in items] == [Case, CaseFormatError, Case, Case]
    assert [getattr(i, "case_id", None) for i in items] == ["a", "bad", "b", "c"]


def test_errors_yield_across_files(tmp_path: Path) -> None:
    a = write(tmp_path, "a.json", json.dumps(case_dict("a")))
    broken = write(tmp_path, "b.json", "{")
    c = write(tmp_path, "c.jsonl", json.dumps(case_dict("c")))
    items = load_all([a, broken, c])
    assert [type(i) for i in items] == [Case, InputError, Case]
    assert items[1].path == broken


def test_errors_raise_stops_at_first_bad_case(tmp_path: Path) -> None:
    bad1 = case_dict("bad1", [entry("e1", "nope")])
    bad2 = case_dict("bad2", [entry("e1", "nope")])
    path = write(tmp_path, "c.json", json.dumps([case_dict("a"), bad1, bad2, case_dict("b")]))
    seen: list[str] = []
    with pytest.raises(CaseFormatError) as info:
        seen.extend(c.case_id for c in reviewlint.load(path))
    assert seen == ["a"]
    assert info.value.case_id == "bad1"


def test_input_error_is_a_reviewlint_error() -> None:
    assert issubclass(CaseFormatError, InputError)
    assert issubclass(InputError, ReviewlintError)


@pytest.mark.parametrize(
    "path", sorted((ROOT / "fixtures" / "cases").glob("*.json")), ids=lambda p: p.name
)
def test_fixture_cases_load(path: Path) -> None:
    (case,) = reviewlint.load(path)
    assert case.case_id == path.stem
    assert case.source == str(path)


# --------------------------------------------------------------------------- CSV

CHRONOLOGY_HEADERS = ["Date", "Agency", "Event", "Details", "Outcome", "People", "Child seen"]


@pytest.mark.parametrize(
    "headers",
    [
        CHRONOLOGY_HEADERS,
        [h.upper() for h in CHRONOLOGY_HEADERS],
        [h.lower() for h in CHRONOLOGY_HEADERS],
        [
            "Date of event",
            "Organisation",
            "Event type",
            "Narrative",
            "Action taken",
            "Persons involved",
            "Seen",
        ],
        [" date ", "AGENCY ", "Type", "Description", "Outcome/Action", "Who", "Child  Seen"],
    ],
    ids=["builtin", "upper", "lower", "synonyms", "spacing"],
)
def test_csv_builtin_profile(tmp_path: Path, headers: list[str]) -> None:
    rows = [
        headers,
        [
            "04/03/2019",
            "Police",
            "Domestic incident",
            "Mother's partner shouting, child present.",
            "NFA",
            "P1; P2 ;;Dean",
            "Yes",
        ],
        ["March 2019", "School", "Concern", "", "", "", "no"],
        ["2019-04-01", "GP", "Appointment", "Seen", "", "P1", ""],
    ]
    path = write(tmp_path, "chron.csv", dump_csv(rows))
    write(
        tmp_path,
        "chron.people.csv",
        'ID,Name,DOB,Lives with subject\nP1,Jayden SMITH,04/03/2016,Yes\nP2,"SMITH, Kelly",,N\n',
    )
    (case,) = reviewlint.load(path)
    assert case.case_id == "chron"  # the file stem
    assert [e.id for e in case.entries] == ["row2", "row3", "row4"]
    e1, e2, e3 = case.entries
    assert (e1.date.earliest, e1.date.precision) == (dt.date(2019, 3, 4), "day")
    assert (e2.date.earliest, e2.date.latest) == (dt.date(2019, 3, 1), dt.date(2019, 3, 31))
    assert e3.date.earliest == dt.date(2019, 4, 1)
    assert (e1.agency, e1.type, e1.text, e1.outcome) == (
        "Police",
        "Domestic incident",
        "Mother's partner shouting, child present.",
        "NFA",
    )
    assert (e2.text, e2.outcome, e2.people) == (None, None, [])
    assert [e.child_seen for e in case.entries] == [True, False, None]
    assert e1.person_ids == ("P1", "P2", "row2#p3")  # not an id: an inline name
    dean = case.person("row2#p3")
    assert dean is not None
    assert (dean.name, dean.source, dean.inline_in) == ("Dean", "Police", "row2")
    p1, p2 = case.people
    assert (p1.id, p1.name, p1.dob.earliest, p1.lives_with_subject) == (
        "P1",
        "Jayden SMITH",
        dt.date(2016, 3, 4),
        True,
    )
    assert (p2.dob, p2.lives_with_subject) == (None, False)
    assert (p1.parsed_name.normalised, p2.parsed_name.normalised) == ("jayden smith", "kelly smith")


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("Yes", True),
        ("yes", True),
        ("Y", True),
        ("TRUE", True),
        ("1", True),
        ("No", False),
        ("no", False),
        ("N", False),
        ("false", False),
        ("0", False),
        ("", None),
    ],
)
def test_csv_booleans(tmp_path: Path, cell: str, value: bool | None) -> None:
    text = dump_csv(
        [
            ["Date", "Agency", "Event", "Child seen", "Attended", "Interpreter used"],
            ["01/01/2020", "HV", "Visit", cell, cell, cell],
        ]
    )
    (case,) = reviewlint.load(write(tmp_path, "b.csv", text))
    e = case.entries[0]
    assert (e.child_seen, e.attended, e.interpreter_used) == (value, value, value)


def test_csv_not_a_boolean_is_an_error(tmp_path: Path) -> None:
    text = dump_csv(
        [
            ["Date", "Agency", "Event", "Child seen"],
            ["01/01/2020", "HV", "Visit", "Yes"],
            ["02/01/2020", "HV", "Visit", "Kelly said so"],
        ]
    )
    err = only_error(write(tmp_path, "b.csv", text))
    assert attrs(err) == {
        "line": 3,
        "case_id": "b",
        "entry_id": "row3",
        "person_id": None,
        "field": "child_seen",
    }
    assert_no_personal_data(err)


def test_csv_lists_and_extras(tmp_path: Path) -> None:
    text = dump_csv(
        [
            ["Date", "Agency", "Event", "Shared with", "Worker name", "Risk (RAG)", ""],
            ["01/01/2020", "Police", "Incident", "CSC; School ;", "PC Jones", "Red", "stray"],
            ["02/01/2020", "Police", "Incident", "", "", "", ""],
        ]
    )
    (case,) = reviewlint.load(write(tmp_path, "l.csv", text))
    e1, e2 = case.entries
    assert e1.shared_with == ["CSC", "School"]
    assert e1.extra == {"worker_name": "PC Jones", "risk_rag": "Red"}
    assert e2.shared_with == [] and e2.extra == {}


def test_csv_custom_list_separator(tmp_path: Path) -> None:
    text = dump_csv(
        [
            ["Date", "Agency", "Event", "Shared with"],
            ["01/01/2020", "Police", "Incident", "CSC | School; GP"],
        ]
    )
    (case,) = reviewlint.load(
        write(tmp_path, "l.csv", text), mapping=TableMapping(list_separator="|")
    )
    assert case.entries[0].shared_with == ["CSC", "School; GP"]


def test_csv_extra_column_cannot_overwrite_a_field(tmp_path: Path) -> None:
    # "Event" is the type column; a second, unmapped "Type" column must not replace it,
    # and a column spelled like a field ("People") must not become that field twice.
    text = dump_csv(
        [
            ["Date", "Agency", "Event", "Type", "Who", "People"],
            ["01/01/2020", "Police", "Incident", "Other", "P1", "Kelly"],
        ]
    )
    write(tmp_path, "x.people.csv", "ID,Name\nP1,Jayden SMITH\n")
    (case,) = reviewlint.load(write(tmp_path, "x.csv", text))
    e = case.entries[0]
    assert e.type == "Incident"
    assert e.person_ids == ("P1",)
    assert sorted(e.extra.values()) == ["Kelly", "Other"]
    assert not set(e.extra) & set(reviewlint.Entry.model_fields)


def test_csv_grouped_by_case_id(tmp_path: Path) -> None:
    text = dump_csv(
        [
            ["Case ID", "Entry ID", "Date", "Agency", "Event"],
            ["A", "1", "01/01/2020", "x", "y"],
            ["B", "1", "02/01/2020", "x", "y"],
            ["A", "2", "03/01/2020", "x", "y"],
            ["", "", "", "", ""],
            ["C", "", "04/01/2020", "x", "y"],
        ]
    )
    write(tmp_path, "g.people.csv", "Case ID,ID,Name\nB,P1,Kelly SMITH\nA,P1,Jayden SMITH\n")
    cases = list(reviewlint.load(write(tmp_path, "g.csv", text)))
    assert [c.case_id for c in cases] == ["A", "B", "C"]  # first appearance order
    assert [[e.id for e in c.entries] for c in cases] == [["1", "2"], ["1"], ["row6"]]
    assert [[p.name for p in c.people] for c in cases] == [["Jayden SMITH"], ["Kelly SMITH"], []]


def test_csv_people_row_for_unknown_case(tmp_path: Path) -> None:
    text = dump_csv([["Case ID", "Date", "Agency", "Event"], ["A", "01/01/2020", "x", "y"]])
    write(tmp_path, "u.people.csv", "Case ID,ID,Name\nA,P1,Kelly\nZ,P2,Jayden SMITH\n")
    items = load_all(write(tmp_path, "u.csv", text))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [(e.case_id, e.line) for e in errors] == [("Z", 3)]
    assert [i.case_id for i in items if isinstance(i, Case)] == ["A"]
    assert_no_personal_data(errors[0])


def test_csv_people_argument(tmp_path: Path) -> None:
    text = dump_csv([["Date", "Agency", "Event", "People"], ["01/01/2020", "x", "y", "K1"]])
    people = write(
        tmp_path, "elsewhere/persons.csv", "Person ID,Surname,Forename\nK1,SMITH,Kelly\n"
    )
    (case,) = reviewlint.load(write(tmp_path, "p.csv", text), people=people)
    (person,) = case.people
    assert (person.id, person.family_name, person.given_names) == ("K1", "SMITH", "Kelly")
    assert case.entries[0].person_ids == ("K1",)


def test_csv_custom_mapping(tmp_path: Path) -> None:
    text = dump_csv(
        [
            ["When", "Agency", "Type", "Contact kind", "Notes"],
            ["01/02/2020", "HV", "ignored", "Home visit", "Seen"],
        ]
    )
    path = write(tmp_path, "m.csv", text)
    assert only_error(path).field == "date"  # "When" is not a built-in spelling
    mapping = TableMapping(entry_columns={"type": ["Contact kind"], "date": ["When"]})
    (case,) = reviewlint.load(path, mapping=mapping)
    e = case.entries[0]
    assert (e.date.earliest, e.type, e.text) == (dt.date(2020, 2, 1), "Home visit", "Seen")
    assert list(e.extra.values()) == ["ignored"]


def test_table_mapping_refuses_unknown_options() -> None:
    with pytest.raises(ValueError, match="colums"):
        TableMapping(colums={})  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("headers", "field"),
    [
        (["When", "Agency", "Event"], "date"),
        (["Date", "Who did it", "Event"], "agency"),
        (["Date", "Agency", "Narrative"], "type"),
        ([], "date"),
    ],
)
def test_csv_missing_required_column(tmp_path: Path, headers: list[str], field: str) -> None:
    text = dump_csv(
        [headers, ["01/01/2020", "Kelly SMITH", "walked into a door"]] if headers else []
    )
    err = only_error(write(tmp_path, "h.csv", text))
    if headers:
        assert (err.field, err.line) == (field, 1)
    assert_no_personal_data(err)


@pytest.mark.parametrize(
    ("rows", "line", "entry_id"),
    [
        (
            [["01/01/2020", "x", "y", ""], ["31/02/2016", "x", "y", "Kelly walked into a door"]],
            3,
            "row3",
        ),
        ([["01/01/2020", "x", "y", "multi\nline\ntext"], ["13/13/2020", "x", "y", ""]], 5, "row5"),
        ([["01/01/2020", "x", "y", ""], [], ["2020-02-30", "x", "y", "Jayden SMITH"]], 4, "row4"),
    ],
    ids=["simple", "after-multiline-cell", "after-blank-row"],
)
def test_csv_bad_date_line(tmp_path: Path, rows: list[list[str]], line: int, entry_id: str) -> None:
    text = dump_csv([["Date", "Agency", "Event", "Details"], *rows])
    err = only_error(write(tmp_path, "d.csv", text))
    assert attrs(err) == {
        "line": line,
        "case_id": "d",
        "entry_id": entry_id,
        "person_id": None,
        "field": "date",
    }
    assert_no_personal_data(err)


def test_csv_multiline_row_is_numbered_by_its_first_line(tmp_path: Path) -> None:
    text = dump_csv(
        [
            ["Date", "Agency", "Event", "Details"],
            ["01/01/2020", "x", "y", "one\ntwo"],
            ["02/01/2020", "x", "y", "three"],
        ]
    )
    (case,) = reviewlint.load(write(tmp_path, "m.csv", text))
    assert [e.id for e in case.entries] == ["row2", "row4"]
    assert case.entries[0].text == "one\ntwo"


def test_csv_bad_dob_in_people_file(tmp_path: Path) -> None:
    text = dump_csv([["Date", "Agency", "Event"], ["01/01/2020", "x", "y"]])
    write(
        tmp_path, "b.people.csv", "ID,Name,DOB\nP1,Kelly,01/01/1990\nP2,Jayden SMITH,31/02/2016\n"
    )
    err = only_error(write(tmp_path, "b.csv", text))
    assert attrs(err) == {
        "line": 3,
        "case_id": "b",
        "entry_id": None,
        "person_id": "P2",
        "field": "dob",
    }
    assert_no_personal_data(err)


def test_csv_dayfirst(tmp_path: Path) -> None:
    text = dump_csv([["Date", "Agency", "Event"], ["03/04/2020", "x", "y"]])
    path = write(tmp_path, "u.csv", text)
    (uk,) = reviewlint.load(path)
    (us,) = reviewlint.load(path, dayfirst=False)
    (mapped,) = reviewlint.load(path, mapping=TableMapping(dayfirst=False))
    assert uk.entries[0].date.earliest == dt.date(2020, 4, 3)
    assert us.entries[0].date.earliest == dt.date(2020, 3, 4)
    assert mapped.entries[0].date.earliest == dt.date(2020, 3, 4)


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (b"Date,Agency,Event\n01/01/2020,Caf\xe9,y\n", 2),
        (b"\xef\xbb\xbfDate,Agency,Event\r\n01/01/2020,x,y\r\n", None),
    ],
    ids=["latin1", "bom-crlf"],
)
def test_csv_encoding(tmp_path: Path, raw: bytes, line: int | None) -> None:
    items = load_all(write(tmp_path, "e.csv", raw))
    if line is None:
        (case,) = items
        assert isinstance(case, Case) and case.entries[0].agency == "x"
    else:
        (err,) = items
        assert isinstance(err, InputError) and err.line == line


def test_fixture_csv_loads() -> None:
    path = ROOT / "fixtures" / "csv" / "chronology.csv"
    if not path.exists():
        pytest.skip("fixture not written yet")
    items = load_all(path)
    assert items and all(isinstance(i, Case) for i in items), items
    for case in items:
        assert case.people, case.case_id  # from chronology.people.csv
        assert all(e.date is not None for e in case.entries)


# --------------------------------------------------------------------------- XLSX

XLSX_ENTRIES = [
    ["Case ID", "Entry ID", "Date", "Agency", "Event", "Details", "People", "Child seen", "Worker"],
    [
        "x-1",
        "1",
        dt.datetime(2019, 3, 4),
        "Police",
        "Incident",
        "Shouting heard",
        "P1;Dean",
        "Yes",
        "PC Jones",
    ],
    ["x-1", "2", dt.datetime(2019, 3, 5, 14, 30), "School", "Concern", None, "P2", "No", None],
    ["x-2", "1", dt.datetime(2020, 1, 31), "GP", "Appointment", "Well", None, None, None],
]
XLSX_PEOPLE = [
    ["Case ID", "ID", "Name", "DOB", "Lives with subject"],
    ["x-1", "P1", "Jayden SMITH", dt.datetime(2016, 3, 4), "Yes"],
    ["x-1", "P2", "SMITH, Kelly", None, "No"],
]


def _as_csv_cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.hour else value.strftime("%d/%m/%Y")
    return "" if value is None else value


def _summary(case: Case) -> Any:
    return (
        case.case_id,
        [
            (
                e.id,
                e.date.earliest,
                e.date.latest,
                e.date.precision,
                e.date.time,
                e.agency,
                e.type,
                e.text,
                e.person_ids,
                e.child_seen,
                e.extra,
            )
            for e in case.entries
        ],
        [
            (p.id, p.name, p.dob and p.dob.earliest, p.lives_with_subject, p.source, p.inline_in)
            for p in case.all_people
        ],
    )


@pytest.mark.parametrize("people_first", [False, True])
def test_xlsx_matches_csv(tmp_path: Path, people_first: bool) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    chronology = book.active
    chronology.title = "Chronology"
    people = book.create_sheet("people", 0 if people_first else None)  # name without case
    for row in XLSX_ENTRIES:
        chronology.append(row)
    for row in XLSX_PEOPLE:
        people.append(row)
    xlsx = tmp_path / "book.xlsx"
    book.save(xlsx)
    write(tmp_path, "csv/book.csv", dump_csv([[_as_csv_cell(v) for v in r] for r in XLSX_ENTRIES]))
    write(
        tmp_path,
        "csv/book.people.csv",
        dump_csv([[_as_csv_cell(v) for v in r] for r in XLSX_PEOPLE]),
    )

    from_xlsx = [_summary(c) for c in reviewlint.load(xlsx)]
    from_csv = [_summary(c) for c in reviewlint.load(tmp_path / "csv" / "book.csv")]
    assert from_xlsx == from_csv
    assert [s[0] for s in from_xlsx] == ["x-1", "x-2"]
    assert from_xlsx[0][1][1][4] == dt.time(14, 30)


def test_xlsx_bad_date_row(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [
        ["Date", "Agency", "Event"],
        [dt.datetime(2020, 1, 1), "x", "y"],
        [None],
        ["31/02/2016", "x", "y"],
    ]:
        sheet.append(row)
    path = tmp_path / "bad.xlsx"
    book.save(path)
    err = only_error(path)
    assert attrs(err) == {
        "line": 4,
        "case_id": "bad",
        "entry_id": "row4",
        "person_id": None,
        "field": "date",
    }


def test_xlsx_not_a_workbook(tmp_path: Path) -> None:
    err = only_error(write(tmp_path, "junk.xlsx", b"PK\x03\x04 not really a zip"))
    assert err.path == tmp_path / "junk.xlsx"


# --------------------------------------------------------------------------- properties

ID = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=8)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@st.composite
def recorded_dates(draw: Any) -> str | None:
    day = draw(st.dates(dt.date(1950, 1, 1), dt.date(2030, 12, 31)))
    form = draw(
        st.sampled_from(
            [
                "iso",
                "uk",
                "uk-dash",
                "long",
                "us-long",
                "month",
                "iso-month",
                "year",
                "datetime",
                "uk-time",
                "none",
                "unknown",
            ]
        )
    )
    text = {
        "iso": day.isoformat(),
        "uk": day.strftime("%d/%m/%Y"),
        "uk-dash": f"{day.day}-{day.month}-{day.year}",
        "long": f"{day.day} {MONTHS[day.month - 1]} {day.year}",
        "us-long": f"{MONTHS[day.month - 1][:3]} {day.day}, {day.year}",
        "month": f"{MONTHS[day.month - 1]} {day.year}",
        "iso-month": f"{day.year}-{day.month:02d}",
        "year": str(day.year),
        "datetime": f"{day.isoformat()}T{draw(st.times()).strftime('%H:%M')}",
        "uk-time": day.strftime("%d/%m/%Y") + " 14:30",
        "none": None,
        "unknown": "unknown",
    }[form]
    if text is not None and form != "unknown" and draw(st.booleans()):
        text = "?" + text
    return text


NAMES = st.builds(
    lambda given, family, form: {
        "upper-last": f"{given} {family.upper()}",
        "comma": f"{family.upper()}, {given}",
        "plain": f"{given} {family}",
    }[form],
    st.sampled_from(["Jayden", "Kelly", "Łukasz", "Mary Ann", "Siobhan", "Dean"]),
    st.sampled_from(["Smith", "O'Neill", "Smith-Jones", "Khan", "Müller"]),
    st.sampled_from(["upper-last", "comma", "plain"]),
)
OPT_BOOL = st.sampled_from([None, True, False])
TEXT = st.text(max_size=40)
JSON_SCALARS = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=10)
EXTRAS = st.dictionaries(
    st.sampled_from(["nhs_ref", "worker", "risk", "x-custom", "Ünïcode"]),
    JSON_SCALARS | st.lists(JSON_SCALARS, max_size=3),
    max_size=2,
)


@st.composite
def person_fields(draw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": draw(NAMES)}
    if draw(st.booleans()):
        data["dob"] = draw(recorded_dates())
    for key, strategy in (
        ("role", st.sampled_from(["child", "mother", "mother's partner"])),
        ("lives_with_subject", OPT_BOOL),
        ("sex", st.sampled_from(["female", "male"])),
        ("also_known_as", st.lists(NAMES, max_size=2)),
        ("source", st.sampled_from(["police", "school"])),
        ("disability", st.none() | st.booleans() | st.text(max_size=10)),
    ):
        if draw(st.booleans()):
            data[key] = draw(strategy)
    data.update(draw(EXTRAS))
    return data


@st.composite
def valid_cases(draw: Any) -> dict[str, Any]:
    person_ids = draw(st.lists(ID, min_size=1, max_size=4, unique=True))
    people = [{"id": pid, **draw(person_fields())} for pid in person_ids]
    entry_ids = draw(st.lists(ID, min_size=1, max_size=5, unique=True))
    entries = []
    for eid in entry_ids:
        date = draw(recorded_dates().filter(lambda d: d not in (None, "unknown")))
        refs: list[Any] = draw(st.lists(st.sampled_from(person_ids), max_size=3))
        if draw(st.booleans()):
            refs.append(draw(person_fields()))
        e: dict[str, Any] = {
            "id": eid,
            "date": date,
            "agency": draw(st.sampled_from(["police", "GP", "social care"])),
            "type": draw(st.sampled_from(["home visit", "S47", "DNA"])),
            "text": draw(st.none() | TEXT),
            "people": refs,
            "child_seen": draw(OPT_BOOL),
            "attended": draw(OPT_BOOL),
            "shared_with": draw(st.lists(st.sampled_from(["police", "school"]), max_size=2)),
        }
        e.update(draw(EXTRAS))
        entries.append(e)
    data: dict[str, Any] = {
        "format": "reviewlint.case/1",
        "case_id": draw(ID),
        "people": people,
        "entries": entries,
    }
    if draw(st.booleans()):
        data["reference_date"] = draw(recorded_dates())
    if draw(st.booleans()):
        data["subjects"] = [person_ids[0]]
    data.update(draw(EXTRAS))
    return data


TODAY = dt.date(2024, 6, 1)
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _full_dump(case: Case) -> Any:
    return (
        case.model_dump(mode="json"),
        [p.model_dump(mode="json") for p in case.all_people],
        [e.person_ids for e in case.entries],
        [
            (e.date.earliest, e.date.latest, e.date.precision, e.date.uncertain)
            for e in case.entries
        ],
    )


@PROPERTY
@given(st.lists(valid_cases(), min_size=1, max_size=2), st.sampled_from(["list", "cases", "jsonl"]))
def test_json_round_trip(cases: list[dict[str, Any]], shape: str) -> None:
    built = [Case.model_validate(c, context={"today": TODAY}) for c in cases]
    dumps = [c.model_dump(mode="json") for c in built]
    with tempfile.TemporaryDirectory() as tmp:
        if shape == "jsonl":
            path = Path(tmp, "c.jsonl")
            path.write_text("\n".join(json.dumps(d) for d in dumps), encoding="utf-8")
        else:
            path = Path(tmp, "c.json")
            doc: Any = dumps if shape == "list" else {"cases": dumps}
            path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        loaded = list(reviewlint.load(path, today=TODAY))
    assert [_full_dump(c) for c in loaded] == [_full_dump(c) for c in built]
    # A dump is a valid case file: the second round changes nothing.
    assert [c.model_dump(mode="json") for c in loaded] == dumps


@PROPERTY
@given(valid_cases())
def test_single_case_json_round_trip(case: dict[str, Any]) -> None:
    built = Case.model_validate(case, context={"today": TODAY})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "c.json")
        path.write_text(json.dumps(built.model_dump(mode="json")), encoding="utf-8")
        (loaded,) = reviewlint.load(path, today=TODAY)
    assert _full_dump(loaded) == _full_dump(built)


CELL_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30).map(str.strip)
NONBLANK = CELL_TEXT.filter(bool)


@PROPERTY
@given(
    st.lists(
        st.tuples(
            recorded_dates().filter(lambda d: d not in (None, "unknown")),
            NONBLANK,
            NONBLANK,
            CELL_TEXT,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_csv_round_trip(rows: list[tuple[str, str, str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "rt.csv")
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Date", "Agency", "Event", "Details"])
            writer.writerows(rows)
        (case,) = reviewlint.load(path, today=TODAY)
    assert case.case_id == "rt"
    assert len(case.entries) == len(rows)
    for e, (date, agency, type_, text) in zip(case.entries, rows, strict=True):
        assert e.date == parse_date(date, today=TODAY)  # as a JSON file would read it
        assert (e.agency, e.type, e.text) == (agency, type_, text or None)
    assert len({e.id for e in case.entries}) == len(rows)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = ["case_id", "format", "people", "entries", "subjects", "reference_date", "title"]
ENTRY_FIELDS = [
    "id",
    "date",
    "agency",
    "type",
    "people",
    "child_seen",
    "shared_with",
    "recorded_date",
    "text",
]


@st.composite
def damaged_cases(draw: Any) -> Any:
    """A valid case with one field, entry field or person field replaced by any JSON value."""
    case = draw(valid_cases())
    where = draw(st.sampled_from(["case", "entry", "person", "whole"]))
    value = draw(JSON_VALUES)
    if where == "whole":
        return value
    if where == "case":
        case[draw(st.sampled_from(FIELDS))] = value
    elif where == "entry":
        case["entries"][0][draw(st.sampled_from(ENTRY_FIELDS))] = value
    else:
        case["people"][0][draw(st.sampled_from(["id", "name", "dob", "same_as", "role"]))] = value
    return case


def _assert_only_input_errors(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "c" + suffix)
        path.write_text(text, encoding="utf-8")
        for item in reviewlint.load(path, errors="yield"):
            assert isinstance(item, (Case, InputError))
            if isinstance(item, InputError):
                str(item)  # rendering the message must not fail either


@PROPERTY
@given(JSON_VALUES | damaged_cases(), st.sampled_from([".json", ".jsonl"]))
def test_any_json_value_gives_cases_or_input_errors(value: Any, suffix: str) -> None:
    text = json.dumps(value)  # may contain NaN/Infinity, which Python's json reads back
    _assert_only_input_errors(text, suffix)
    _assert_only_input_errors(json.dumps([value, value]), ".json")


@PROPERTY
@given(st.text(max_size=60), st.sampled_from([".json", ".jsonl", ".csv"]))
def test_any_text_gives_cases_or_input_errors(text: str, suffix: str) -> None:
    _assert_only_input_errors(text, suffix)


def test_blank_csv_cells_make_an_incomplete_entry_not_a_broken_case(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("Date,Agency,Event,Details\n,CSC,Home visit,Seen\n01/02/2020,,Home visit,\n")
    [case] = list(reviewlint.load(path))
    first = case.entries[0]
    assert (first.date, first.agency, first.text) == (None, "CSC", "Seen")
    assert case.entries[1].agency == ""


def test_hidden_folders_are_skipped_and_an_empty_directory_is_an_error(tmp_path: Path) -> None:
    hidden = tmp_path / ".git"
    hidden.mkdir()
    (hidden / "x.json").write_text("{not json")
    [err] = list(reviewlint.load(tmp_path, errors="yield"))
    assert isinstance(err, InputError) and err.path == tmp_path
