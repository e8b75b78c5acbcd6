"""The case model: what one case file holds, per the ``reviewlint.case/1`` contract.

The models keep every value as recorded (text is never altered, unknown
fields are kept in ``model_extra``); parsed forms such as dates and names
sit beside the recorded value. Normalising agencies, entry types and roles
depends on a rule pack's vocabulary, so it happens in the engine, not here.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cached_property
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)

from ._dates import DateParseError, RecordedDate, parse_date
from ._errors import CaseFormatError, Problem
from ._names import NameParseError, PersonName, parse_name

FORMAT_NAME = "reviewlint.case"
FORMAT_VERSION = 1


def _validate_date(value: Any, info: ValidationInfo) -> RecordedDate | None:
    if isinstance(value, RecordedDate) or value is None:
        return value
    if not isinstance(value, (str, date, datetime)):
        raise ValueError("expected a date written as text, such as 2016-03-04 or 04/03/2016")
    context = info.context or {}
    try:
        return parse_date(value, dayfirst=context.get("dayfirst", True), today=context.get("today"))
    except DateParseError as exc:
        # The reason is written without the value, so it is safe to surface.
        raise ValueError(exc.reason) from None


def _serialise_date(value: RecordedDate | None) -> str | None:
    return None if value is None else value.recorded


_DATE_SCHEMA = {
    "anyOf": [
        {
            "type": "string",
            "description": "ISO (2016-03-04), UK day-first (04/03/2016), long form "
            "(4 March 2016), partial (March 2016, 2016), or 'unknown'; a leading '?' "
            "marks an uncertain date",
        },
        {"type": "null"},
    ]
}

RecordedDateField = Annotated[
    RecordedDate | None,
    PlainValidator(_validate_date),
    PlainSerializer(_serialise_date),
    WithJsonSchema(_DATE_SCHEMA),
]


class _Record(BaseModel):
    # Unknown fields are kept (rules see them as ``extra``) rather than refused.
    model_config = ConfigDict(extra="allow", str_strip_whitespace=False, frozen=False)

    _line: int | None = PrivateAttr(default=None)

    @property
    def extra(self) -> dict[str, Any]:
        """Fields the file carried that the case format does not define."""
        return dict(self.model_extra or {})

    @property
    def line(self) -> int | None:
        """The line in the source file where this record starts, when known."""
        return self._line


class PersonFields(_Record):
    """The fields of a person record, shared by listed and inline persons."""

    name: str | None = None
    given_names: str | None = None
    family_name: str | None = None
    also_known_as: list[str] = Field(default_factory=list)
    dob: RecordedDateField = None
    due_date: RecordedDateField = None
    sex: str | None = None
    role: str | None = None
    lives_with_subject: bool | None = None
    source: str | None = None
    first_language: str | None = None
    interpreter_required: bool | None = None
    disability: str | bool | None = None
    legal_status: str | None = None
    same_as: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _needs_a_name(self) -> PersonFields:
        if not (self.name or self.family_name or self.given_names):
            raise ValueError("a person needs 'name' or 'family_name'")
        try:
            parse_name(self.name, given_names=self.given_names, family_name=self.family_name)
        except NameParseError as exc:
            raise ValueError(str(exc)) from None
        return self

    @cached_property
    def parsed_name(self) -> PersonName:
        """The name split into given and family parts, with the recorded form kept."""
        return parse_name(self.name, given_names=self.given_names, family_name=self.family_name)


class InlinePerson(PersonFields):
    """A person written inside an entry rather than in the case's ``people`` list."""

    id: str | None = None


class Person(PersonFields):
    """One agency's record of a person. The same real person may have several."""

    id: str
    inline_in: str | None = Field(
        default=None,
        exclude=True,
        description="For a person written inside an entry: that entry's id.",
    )


class Entry(_Record):
    """One event in the multi-agency chronology, as one agency recorded it."""

    id: str
    date: RecordedDateField
    agency: str
    type: str
    text: str | None = None
    people: list[str | InlinePerson] = Field(default_factory=list)
    child_seen: bool | None = None
    child_seen_alone: bool | None = None
    attended: bool | None = None
    outcome: str | None = None
    shared_with: list[str] = Field(default_factory=list)
    interpreter_used: bool | None = None
    author_role: str | None = None
    recorded_date: RecordedDateField = None

    _person_ids: tuple[str, ...] = PrivateAttr(default=())

    @property
    def person_ids(self) -> tuple[str, ...]:
        """Ids of everyone the entry names, inline persons included (as ``<entry>#p<n>``)."""
        return self._person_ids


def inline_person_id(entry_id: str, position: int) -> str:
    """The id given to the inline person at 1-based ``position`` in an entry's people."""
    return f"{entry_id}#p{position}"


class Case(_Record):
    """One case: the children at its centre, the people around them, the chronology."""

    format: str | None = None
    case_id: str
    title: str | None = None
    subjects: list[str] | None = None
    reference_date: RecordedDateField = None
    people: list[Person] = Field(default_factory=list)
    entries: list[Entry]

    _all_people: tuple[Person, ...] = PrivateAttr(default=())
    _source: str | None = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _check_format(cls, data: Any) -> Any:
        # Checked before the fields, so a file in another format gets this one
        # clear error rather than a list of field errors that follow from it.
        if isinstance(data, dict):
            fmt = data.get("format")
            if fmt is not None:
                name, _, version = str(fmt).partition("/")
                major = version.split(".")[0]
                if name != FORMAT_NAME or not major.isdigit():
                    message = f"'format' must be '{FORMAT_NAME}/{FORMAT_VERSION}' when given"
                elif int(major) != FORMAT_VERSION:
                    message = (
                        f"this is case format version {major}; this "
                        f"reviewlint reads version {FORMAT_VERSION}"
                    )
                else:
                    return data
                # Not a ValueError, so that the error names the field (see _link).
                cid = data.get("case_id")
                raise CaseFormatError(
                    message,
                    case_id=str(cid) if isinstance(cid, (str, int)) else None,
                    field="format",
                    problems=[Problem(message, "format")],
                )
        return data

    @model_validator(mode="after")
    def _link(self) -> Case:
        problems: list[Problem] = []
        person_ids: set[str] = set()
        for person in self.people:
            if person.id in person_ids:
                problems.append(Problem("id is used twice", "id", person_id=person.id))
            person_ids.add(person.id)
        inline: list[Person] = []
        inline_ids: set[str] = set()
        entry_ids: set[str] = set()
        for entry in self.entries:
            if entry.id in entry_ids:
                problems.append(Problem("id is used twice", "id", entry_id=entry.id))
            entry_ids.add(entry.id)
            ids: list[str] = []
            for position, ref in enumerate(entry.people, start=1):
                if isinstance(ref, str):
                    if ref not in person_ids:
                        problems.append(
                            Problem(f"names unknown person id {ref!r}", "people", entry_id=entry.id)
                        )
                    ids.append(ref)
                else:
                    pid = ref.id or inline_person_id(entry.id, position)
                    if pid in person_ids or pid in inline_ids:
                        # Listed and inline ids share one namespace: case.person(id) must be unique.
                        problems.append(
                            Problem("id is used twice", "id", entry_id=entry.id, person_id=pid)
                        )
                    data = ref.model_dump(exclude={"id"}, exclude_unset=True)
                    if data.get("source") is None:
                        # An explicit null is no source either: a dumped case reads back the same.
                        data["source"] = entry.agency
                    person = Person.model_validate({**data, "id": pid, "inline_in": entry.id})
                    person._line = ref.line
                    inline_ids.add(pid)
                    inline.append(person)
                    ids.append(pid)
            entry._person_ids = tuple(ids)
        for person in self.people:
            for other in person.same_as:
                if other not in person_ids:
                    problems.append(
                        Problem(
                            f"names unknown person id {other!r}", "same_as", person_id=person.id
                        )
                    )
        for subject in self.subjects or ():
            if subject not in person_ids:
                problems.append(Problem(f"names unknown person id {subject!r}", "subjects"))
        if problems:
            # Not a ValueError: pydantic would flatten it; the loader wants the structure.
            first = problems[0]
            raise CaseFormatError(
                first.message if len(problems) == 1 else f"{len(problems)} problems",
                case_id=self.case_id,
                entry_id=first.entry_id if len(problems) == 1 else None,
                person_id=first.person_id if len(problems) == 1 else None,
                field=first.field if len(problems) == 1 else None,
                problems=problems,
            )
        self._all_people = tuple(self.people) + tuple(inline)
        return self

    @property
    def all_people(self) -> tuple[Person, ...]:
        """Every person record: the case's ``people`` then those written inline in entries."""
        return self._all_people

    @property
    def source(self) -> str | None:
        """Where the case was read from (a path, with ``:line`` for JSON Lines), if known."""
        return self._source

    def person(self, person_id: str) -> Person | None:
        """The person record with this id (listed or inline), or None."""
        for person in self._all_people:
            if person.id == person_id:
                return person
        return None

    @cached_property
    def latest_date(self) -> date | None:
        """The latest entry date, or None when no entry is dated.

        A partial date counts from its first day (``2020`` as 1 January 2020), so
        an imprecise entry never pushes the reference date later than the record shows.
        """
        days = [e.date.earliest for e in self.entries if e.date is not None]
        return max(days) if days else None

    @property
    def as_at(self) -> date | None:
        """The reference date for ages and gaps: ``reference_date`` or the latest entry date."""
        if self.reference_date is not None:
            return self.reference_date.latest
        return self.latest_date
