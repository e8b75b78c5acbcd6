"""Spreadsheet chronologies (CSV and XLSX) read through a declared column mapping.

Audit spreadsheets differ in their headers but not in substance: a date,
an agency, what happened, the details, the outcome, who was involved. A
:class:`TableMapping` says which header means which case-format field; the
built-in profile knows the common spellings. Columns the mapping does not
name are kept as extra fields, never dropped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .._errors import InputError, MissingExtraError
from .._model import Case, Entry, Person
from ._build import build_case
from ._json import decode_text

_ENTRY_HEADERS: dict[str, list[str]] = {
    "case_id": ["case id", "case ref", "case reference", "case"],
    "id": ["entry id", "entry ref", "ref", "id", "event id"],
    "date": ["date", "date of event", "event date", "date of contact"],
    "agency": ["agency", "organisation", "organization", "service", "source agency"],
    "type": ["event", "type", "event type", "contact type", "activity"],
    "text": ["details", "description", "narrative", "summary", "notes", "text"],
    "outcome": ["outcome", "action", "decision", "outcome/action", "action taken"],
    "people": ["people", "persons involved", "people involved", "who"],
    "child_seen": ["child seen", "seen"],
    "child_seen_alone": ["child seen alone", "seen alone"],
    "attended": ["attended"],
    "shared_with": ["shared with", "information shared with"],
    "interpreter_used": ["interpreter used", "interpreter"],
    "author_role": ["author role", "recorded by", "author"],
    "recorded_date": ["recorded date", "date recorded", "date written up"],
}

_PERSON_HEADERS: dict[str, list[str]] = {
    "case_id": ["case id", "case ref", "case reference", "case"],
    "id": ["id", "person id", "person ref"],
    "name": ["name", "full name"],
    "given_names": ["given names", "given name", "first name", "forename", "forenames"],
    "family_name": ["family name", "surname", "last name"],
    "also_known_as": ["also known as", "aka", "aliases"],
    "dob": ["dob", "date of birth", "d.o.b."],
    "due_date": ["due date", "edd"],
    "sex": ["sex", "gender"],
    "role": ["role", "relationship", "relationship to child"],
    "lives_with_subject": ["lives with subject", "lives with child", "in household"],
    "source": ["source", "agency"],
    "first_language": ["first language", "language"],
    "interpreter_required": ["interpreter required", "interpreter needed"],
    "disability": ["disability"],
    "legal_status": ["legal status"],
    "same_as": ["same as"],
}

_LIST_FIELDS = {"people", "shared_with", "also_known_as", "same_as"}
_BOOL_FIELDS = {
    "child_seen",
    "child_seen_alone",
    "attended",
    "interpreter_used",
    "lives_with_subject",
    "interpreter_required",
}
_TRUE = {"yes", "y", "true", "t", "1"}
_FALSE = {"no", "n", "false", "f", "0"}


class TableMapping(BaseModel):
    """Which spreadsheet header means which case-format field.

    ``entry_columns`` and ``person_columns`` map a field name to the headers
    that may carry it (compared without case, spaces or punctuation).
    Missing fields fall back to the built-in profile's spellings.
    """

    model_config = ConfigDict(extra="forbid")

    entry_columns: dict[str, list[str]] = Field(default_factory=dict)
    person_columns: dict[str, list[str]] = Field(default_factory=dict)
    list_separator: str = ";"
    people_sheet: str = "People"
    dayfirst: bool | None = None

    def headers_for(self, kind: str) -> dict[str, list[str]]:
        """The merged header spellings for ``entry`` or ``person`` columns."""
        base = _ENTRY_HEADERS if kind == "entry" else _PERSON_HEADERS
        own = self.entry_columns if kind == "entry" else self.person_columns
        return {**base, **own}


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9/]+", " ", header.casefold()).strip()


def _resolve_columns(headers: list[str], spellings: dict[str, list[str]]) -> dict[int, str]:
    # Declared spellings first; a header spelled like the field name itself
    # ("Type") only fills a field no declared header claimed, so a mapping's
    # {"type": ["Contact kind"]} wins over a "Type" column elsewhere.
    declared = {_key(h): field for field, hs in spellings.items() for h in hs}
    by_name = {_key(field): field for field in spellings}
    resolved: dict[int, str] = {}
    taken: set[str] = set()
    for wanted in (declared, by_name):
        for index, header in enumerate(headers):
            field = wanted.get(_key(header))
            if index not in resolved and field is not None and field not in taken:
                resolved[index] = field
                taken.add(field)
    return resolved


def _extra_name(header: str) -> str:
    return _key(header).replace(" ", "_").replace("/", "_") or "column"


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value


def _row_record(
    headers: list[str],
    row: list[Any],
    columns: dict[int, str],
    sep: str,
    reserved: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    record: dict[str, Any] = {}
    extras: dict[str, Any] = {}
    for index, header in enumerate(headers):
        value = _cell(row[index]) if index < len(row) else None
        field = columns.get(index)
        if field is None:
            if value is not None and header.strip():
                name = _extra_name(header)
                if name in reserved or name in extras:
                    # An unmapped second "Type" column must not overwrite the mapped
                    # one (or set a field such as 'people'): keep it under its position.
                    name = f"{name}_{index + 1}"
                extras[name] = value
            continue
        if value is None:
            continue
        if field in _LIST_FIELDS:
            value = [part.strip() for part in str(value).split(sep) if part.strip()]
        elif field in _BOOL_FIELDS and isinstance(value, str):
            low = value.casefold()
            value = True if low in _TRUE else False if low in _FALSE else value
        elif isinstance(value, (int, float)) and field not in {"date", "dob"}:
            value = str(value)
        record[field] = value
    return {**extras, **record}


# Names an unmapped column may not take as an extra field: they mean something.
_ENTRY_RESERVED = frozenset({*Entry.model_fields, *_ENTRY_HEADERS, "__line"})
_PERSON_RESERVED = frozenset({*Person.model_fields, *_PERSON_HEADERS, "__line"})

Table = Iterable[tuple[int, list[Any]]]


def _assemble(
    path: Path,
    entry_rows: Table,
    person_rows: Table | None,
    mapping: TableMapping,
    *,
    dayfirst: bool,
    today: date | None,
) -> Iterator[Case | InputError]:
    entry_iter = iter(entry_rows)
    try:
        _, headers = next(entry_iter)
    except StopIteration:
        yield InputError("the chronology sheet is empty (no header row)", path=path)
        return
    headers = [str(h or "") for h in headers]
    columns = _resolve_columns(headers, mapping.headers_for("entry"))
    missing = {"date", "agency", "type"} - set(columns.values())
    if missing:
        yield InputError(
            "no column found for "
            + ", ".join(sorted(missing))
            + " (declare the header in the table mapping)",
            path=path,
            line=1,
            field=sorted(missing)[0],
        )
        return
    default_case = path.stem
    cases: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    for line, row in entry_iter:
        if all(_cell(v) is None for v in row):
            continue
        record = _row_record(headers, row, columns, mapping.list_separator, _ENTRY_RESERVED)
        case_id = str(record.pop("case_id", default_case))
        record.setdefault("id", f"row{line}")
        # A blank cell is an entry recorded without that value (incomplete-entry
        # reports it), not a malformed row.
        for name in ("text", "date"):
            record.setdefault(name, None)
        for name in ("agency", "type"):
            record.setdefault(name, "")
        case = cases.setdefault(case_id, {"case_id": case_id, "people": [], "entries": []})
        first_line.setdefault(case_id, line)
        record["__line"] = line
        case["entries"].append(record)
    if person_rows is not None:
        person_iter = iter(person_rows)
        try:
            _, pheaders = next(person_iter)
        except StopIteration:
            pheaders = []
        pheaders = [str(h or "") for h in pheaders]
        pcolumns = _resolve_columns(pheaders, mapping.headers_for("person"))
        for line, row in person_iter:
            if all(_cell(v) is None for v in row):
                continue
            record = _row_record(pheaders, row, pcolumns, mapping.list_separator, _PERSON_RESERVED)
            case_id = str(record.pop("case_id", default_case))
            record.setdefault("id", f"person-row{line}")
            owner = cases.get(case_id)
            if owner is None:
                yield InputError(
                    "a people row names a case with no chronology rows",
                    path=path,
                    line=line,
                    case_id=case_id,
                )
                continue
            record["__line"] = line
            owner["people"].append(record)
    for case_id, data in cases.items():
        known = {str(p.get("id")) for p in data["people"]}
        for entry in data["entries"]:
            # A people cell names person ids; anything else is taken as an inline name.
            refs = entry.get("people")
            if refs:
                entry["people"] = [r if r in known else {"name": r} for r in refs]
        lines = {("entries", i): e.pop("__line") for i, e in enumerate(data["entries"])} | {
            ("people", i): p.pop("__line") for i, p in enumerate(data["people"])
        }

        def locate(where: Any, lines: dict[Any, int] = lines, cid: str = case_id) -> int | None:
            return lines.get(tuple(where[:2])) or first_line[cid]

        try:
            built = build_case(data, path=path, locate=locate, dayfirst=dayfirst, today=today)
        except InputError as exc:
            if exc.line is None:
                exc.line = first_line[case_id]
            yield exc
            continue
        # Row numbers are known for free here, so every record carries its line.
        built._line = first_line[case_id]
        entry_lines: dict[str, int] = {}
        for i, entry in enumerate(built.entries):
            entry._line = entry_lines[entry.id] = lines[("entries", i)]
        for i, person in enumerate(built.people):
            person._line = lines[("people", i)]
        for person in built.all_people[len(built.people) :]:
            person._line = entry_lines.get(person.inline_in or "")
        yield built


def _csv_rows(path: Path) -> list[tuple[int, list[Any]]]:
    text = decode_text(path.read_bytes(), path)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[Any]]] = []
    try:
        start = 1
        for row in reader:
            # line_num is where the record ends; a quoted cell may span lines,
            # and errors should point at the line the row starts on.
            rows.append((start, list(row)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"not valid CSV: {exc}", path=path, line=reader.line_num) from None
    return rows


def people_file_for(path: Path) -> Path | None:
    """The people table that sits beside a chronology CSV (``<name>.people.csv``), if any."""
    candidate = path.with_name(path.stem + ".people.csv")
    return candidate if candidate.exists() else None


def iter_csv_file(
    path: Path,
    *,
    mapping: TableMapping | None,
    people: Path | None,
    dayfirst: bool,
    today: date | None,
) -> Iterator[Case | InputError]:
    """Cases from a chronology CSV, with people from ``people`` or ``<name>.people.csv``."""
    mapping = mapping or TableMapping()
    try:
        rows = _csv_rows(path)
        people_path = people or people_file_for(path)
        person_rows = _csv_rows(people_path) if people_path else None
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(f"cannot read the file: {exc.strerror}", path=path)
        return
    yield from _assemble(
        path,
        rows,
        person_rows,
        mapping,
        dayfirst=mapping.dayfirst if mapping.dayfirst is not None else dayfirst,
        today=today,
    )


def iter_xlsx_file(
    path: Path,
    *,
    mapping: TableMapping | None,
    dayfirst: bool,
    today: date | None,
) -> Iterator[Case | InputError]:
    """Cases from a workbook: the first sheet is the chronology, a ``People`` sheet the people."""
    try:
        import openpyxl
    except ImportError:
        raise MissingExtraError("reading .xlsx files", "xlsx", "openpyxl") from None
    mapping = mapping or TableMapping()
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a broken file
        yield InputError(f"not a readable .xlsx workbook ({type(exc).__name__})", path=path)
        return
    try:
        sheets = {ws.title.casefold(): ws for ws in book.worksheets}
        people_ws = sheets.get(mapping.people_sheet.casefold())
        chronology = next(ws for ws in book.worksheets if ws is not people_ws)

        def rows(ws: Any) -> list[tuple[int, list[Any]]]:
            return [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]

        yield from _assemble(
            path,
            rows(chronology),
            rows(people_ws) if people_ws is not None else None,
            mapping,
            dayfirst=mapping.dayfirst if mapping.dayfirst is not None else dayfirst,
            today=today,
        )
    finally:
        book.close()
