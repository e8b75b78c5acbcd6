"""The shape of a rule pack, as pydantic models (and so as a JSON Schema).

A pack file is YAML with: ``id``, ``version``, ``title``, ``themes``,
``vocabularies``, ``lexicons`` and ``rules``; a local pack may ``extends:``
another and then ``overrides:`` or ``disable:`` its rules. Detector
parameters are checked against each detector's own model when the pack is
compiled, not here, because third-party detectors can add new ones.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TERM_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")


class Severity(StrEnum):
    """How much a finding matters: ``info`` < ``low`` < ``medium`` < ``high``.

    All four comparisons are defined here: ``str`` already has them, so
    ``functools.total_ordering`` would keep str's alphabetical ``>=`` (where
    ``"medium" >= "high"``).
    """

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """0 for info up to 3 for high."""
        return _SEVERITY_ORDER.index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


_SEVERITY_ORDER = [Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH]


def _one_or_many(value: Any) -> Any:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return [str(value)]
    return value


# json_schema_input_type: the JSON Schema must accept the shorthands the validators accept.
OneOrMany = Annotated[
    list[str], BeforeValidator(_one_or_many, json_schema_input_type=str | int | list[str])
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class DateWindow(_Strict):
    """Entries dated within a window: absolute bounds and/or days before the reference date."""

    after: date | None = Field(None, description="on or after this date")
    before: date | None = Field(None, description="on or before this date")
    within_days: int | None = Field(
        None, ge=0, description="within this many days before the case's reference date"
    )
    precision: OneOrMany | None = Field(
        None, description="only dates recorded to these precisions: day, month, year"
    )
    missing: bool | None = Field(None, description="true: only undated entries")

    @field_validator("precision")
    @classmethod
    def _known_precision(cls, value: list[str] | None) -> list[str] | None:
        for p in value or ():
            if p not in ("day", "month", "year"):
                raise ValueError(f"precision must be day, month or year, not {p!r}")
        return value


TextField = Literal["text", "outcome", "any"]


AnyBool = bool | Literal["any"]


class TextMatch(_Strict):
    """Words in an entry's narrative: a phrase, a lexicon concept, or a regular expression.

    Phrase and concept matches carry context: by default only mentions that are
    not negated, not hypothetical and about the family count; ``any`` lifts a
    condition, ``true`` asks for it ("denied: true" finds reported denials).
    """

    phrase: OneOrMany | None = Field(
        None, description="literal phrase(s), matched case-insensitively on word boundaries"
    )
    concept: OneOrMany | None = Field(None, description="lexicon concept id(s) of the pack")
    regex: str | None = Field(
        None,
        description="a regular expression (RE2 syntax, linear time), case-insensitive",
    )
    field: TextField = Field("any", description="which text to search: text, outcome or any")
    negated: AnyBool = Field(False, description="'no DV', 'nil concerns re alcohol'")
    denied: AnyBool = Field("any", description="'Mum denies DV' (the concern stays open)")
    uncertain: AnyBool = Field("any", description="'?DV', 'alleged', 'suspected'")
    hypothetical: AnyBool = Field(False, description="'if father returns', 'should DV recur'")
    historical: AnyBool = Field("any", description="'history of DV', 'no longer drinking'")
    experiencer: Literal["family", "other", "any"] = Field(
        "family", description="whose it is: the family, or someone else ('MGM had depression')"
    )
    challenged: AnyBool = Field("any", description="quoted in order to challenge it")

    @model_validator(mode="after")
    def _exactly_one(self) -> TextMatch:
        given = [k for k in ("phrase", "concept", "regex") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a text condition needs exactly one of phrase, concept or regex")
        return self


Tristate = bool | Literal["unknown"]


class AgeWindow(_Strict):
    """A child's age on the entry's date, in years (fractions allowed)."""

    min_years: float | None = Field(None, ge=0, description="at least this old")
    max_years: float | None = Field(None, ge=0, description="younger than this")

    @model_validator(mode="after")
    def _some_bound(self) -> AgeWindow:
        if self.min_years is None and self.max_years is None:
            raise ValueError("an age window needs min_years and/or max_years")
        if (
            self.min_years is not None
            and self.max_years is not None
            and self.min_years >= self.max_years
        ):
            raise ValueError("min_years must be below max_years, or no child ever matches")
        return self


class PersonMatch(_Strict):
    """Which person records a condition is about. Several keys must all hold.

    Used by rules that look at people (a father, a sibling, a man in the
    household) and by entry selectors that ask who an entry names.
    """

    role: OneOrMany | None = Field(None, description="role term(s) or group(s)")
    not_role: OneOrMany | None = Field(None, description="none of these roles")
    sex: Literal["male", "female"] | None = Field(
        None, description="recorded sex, else the sex the role implies"
    )
    lives_with_subject: Tristate | None = Field(
        None, description="in the household (true), elsewhere (false), not known ('unknown')"
    )
    subject: bool | None = Field(None, description="one of the children at the centre (or not)")
    household: bool | None = Field(
        None,
        description="in the household or not known (true), or recorded as living elsewhere (false)",
    )
    adult: bool | None = Field(
        None,
        description="an adult by role or date of birth (true), or a child (false)",
    )
    dob_recorded: bool | None = Field(None, description="a date of birth is recorded")
    disability: bool | None = Field(None, description="a disability is recorded")
    disability_concept: OneOrMany | None = Field(
        None, description="the recorded disability mentions one of these lexicon concepts"
    )
    needs_interpreter: bool | None = Field(
        None,
        description="first language recorded as other than English, or interpreter required",
    )

    @model_validator(mode="after")
    def _not_empty(self) -> PersonMatch:
        if not self.model_fields_set:
            raise ValueError("an empty person condition matches everyone; say who")
        return self


class Selector(_Strict):
    """Which entries a rule looks at. Several keys in one mapping must all hold.

    Combine with ``all``, ``any`` and ``not``. Values for ``type``, ``agency``
    and ``role`` are vocabulary terms or groups, and so are the recorded
    forms the vocabulary maps to them.
    """

    all_: list[Selector] | None = Field(None, alias="all", description="every one must hold")
    any_: list[Selector] | None = Field(None, alias="any", description="at least one holds")
    not_: Selector | None = Field(None, alias="not", description="must not hold")
    type: OneOrMany | None = Field(None, description="entry type term(s) or group(s)")
    agency: OneOrMany | None = Field(None, description="agency term(s) or group(s)")
    role: OneOrMany | None = Field(
        None, description="someone the entry names has this role (term or group)"
    )
    shared_with: OneOrMany | None = Field(
        None, description="the entry records sharing with this agency (term or group)"
    )
    attended: Tristate | None = None
    child_seen: Tristate | None = None
    child_seen_alone: Tristate | None = None
    interpreter_used: Tristate | None = None
    date: DateWindow | None = None
    text: TextMatch | list[TextMatch] | None = Field(
        None, description="text condition(s); a list means every one must match"
    )
    missing: OneOrMany | None = Field(
        None, description="field(s) absent or empty: date, agency, type, text, outcome, people"
    )
    person: PersonMatch | None = Field(
        None, description="the entry names (in `people`) someone matching this"
    )
    child_age: AgeWindow | None = Field(
        None,
        description="a child the entry is about (or, when it names no child, any subject) "
        "is of this age on the entry's date",
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Selector:
        if not self.model_fields_set:
            raise ValueError("an empty selector matches everything; say what to match")
        return self

    @field_validator("missing")
    @classmethod
    def _known_fields(cls, value: list[str] | None) -> list[str] | None:
        allowed = {"date", "agency", "type", "text", "outcome", "people", "shared_with"}
        for name in value or ():
            if name not in allowed:
                raise ValueError(f"'missing' takes {', '.join(sorted(allowed))}; not {name!r}")
        return value


class Theme(_Strict):
    """A theme groups rules the way review reports group their findings."""

    title: str
    description: str = ""


class Term(_Strict):
    """A canonical vocabulary term: what it is called, what it is recorded as, its groups."""

    label: str | None = None
    synonyms: list[str] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list)
    sex: Literal["male", "female"] | None = Field(
        None, description="for roles: the sex the role implies (father: male)"
    )


def _term_shorthand(value: Any) -> Any:
    if isinstance(value, list):
        return {"synonyms": value}
    if value is None:
        return {}
    return value


TermSpec = Annotated[
    Term, BeforeValidator(_term_shorthand, json_schema_input_type=Term | list[str] | None)
]


class Vocabularies(_Strict):
    """Recorded values mapped to canonical terms, for agencies, entry types and roles."""

    agency: dict[str, TermSpec] = Field(default_factory=dict)
    entry_type: dict[str, TermSpec] = Field(default_factory=dict)
    role: dict[str, TermSpec] = Field(default_factory=dict)
    legal_status: dict[str, TermSpec] = Field(default_factory=dict)

    @field_validator("agency", "entry_type", "role", "legal_status")
    @classmethod
    def _ids(cls, value: dict[str, Term]) -> dict[str, Term]:
        for key in value:
            if not TERM_ID.match(key):
                raise ValueError(f"term {key!r} must be lower case letters, digits and underscores")
        return value


class Concept(_Strict):
    """A lexicon concept: the words and abbreviations that mean one thing."""

    description: str = ""
    terms: list[str] = Field(default_factory=list)


def _concept_shorthand(value: Any) -> Any:
    return {"terms": value} if isinstance(value, list) else value


ConceptSpec = Annotated[
    Concept, BeforeValidator(_concept_shorthand, json_schema_input_type=Concept | list[str])
]


def _version_text(value: Any) -> Any:
    return str(value) if isinstance(value, (int, float)) else value


class RuleSpec(_Strict):
    """One rule: what to look for (detector and params), and how to tell people about it."""

    id: str = Field(description="stable id, lower-case words joined by hyphens")
    title: str
    description: str = Field("", description="what the rule finds, in plain words")
    theme: str
    severity: Severity
    message: str = Field(description="the finding's text; {placeholders} come from the detector")
    rationale: str = Field("", description="why reviews care")
    guidance: str = Field("", description="what a practitioner or auditor should do")
    references: list[str] = Field(default_factory=list)
    detector: str
    params: dict[str, Any] = Field(default_factory=dict)
    where: Selector | None = Field(
        None, description="only entries matching this are visible to the detector"
    )
    example: str | None = Field(None, description="an example of what fires, for the docs")
    near_miss: str | None = Field(None, description="a similar case that must not fire")
    enabled: bool = True

    @field_validator("id")
    @classmethod
    def _rule_id(cls, value: str) -> str:
        if not RULE_ID.match(value):
            raise ValueError(
                "a rule id is lower-case letters, digits and hyphens, e.g. 'hidden-men'"
            )
        return value


class RuleOverride(_Strict):
    """Changes a local pack makes to a rule it inherits."""

    title: str | None = None
    severity: Severity | None = None
    message: str | None = None
    guidance: str | None = None
    params: dict[str, Any] | None = Field(None, description="merged into the inherited params")
    where: Selector | None = None
    enabled: bool | None = None


class TriggerLists(_Strict):
    """Trigger phrases of one modifier."""

    before: list[str] = Field(default_factory=list, description="reach forward to concepts")
    after: list[str] = Field(default_factory=list, description="reach back to concepts")
    sentence: list[str] = Field(default_factory=list, description="anywhere in the sentence")
    quoted: list[str] = Field(
        default_factory=list, description="anywhere in the sentence, when the mention is quoted"
    )


class ContextSpec(_Strict):
    """Context triggers a pack adds to the built-in ones (``rules/scr-core/context.yaml``)."""

    negated: TriggerLists = Field(default_factory=TriggerLists)
    denied: TriggerLists = Field(default_factory=TriggerLists)
    uncertain: TriggerLists = Field(default_factory=TriggerLists)
    hypothetical: TriggerLists = Field(default_factory=TriggerLists)
    historical: TriggerLists = Field(default_factory=TriggerLists)
    other_person: TriggerLists = Field(default_factory=TriggerLists)
    challenged: TriggerLists = Field(default_factory=TriggerLists)
    pseudo: list[str] = Field(default_factory=list, description="look like triggers, are not")
    terminate: list[str] = Field(default_factory=list, description="end a trigger's reach")


class IdentitySpec(_Strict):
    """Lists the person resolver uses, added to the built-in ones."""

    name_variants: list[list[str]] = Field(
        default_factory=list,
        description="groups of given-name forms of one name, e.g. [kasia, katarzyna]",
    )
    surname_variants: list[list[str]] = Field(
        default_factory=list, description="groups of spellings of one family name"
    )


class PackSpec(_Strict):
    """A rule pack file."""

    id: str = Field(description="the pack's id, e.g. scr-core")
    version: Annotated[
        str, BeforeValidator(_version_text, json_schema_input_type=str | int | float)
    ] = "0"
    title: str = ""
    description: str = ""
    extends: str | None = Field(
        None, description="a built-in pack id, an installed pack name, or a relative path"
    )
    themes: dict[str, Theme] = Field(default_factory=dict)
    vocabularies: Vocabularies = Field(default_factory=Vocabularies)
    lexicons: dict[str, ConceptSpec] = Field(default_factory=dict)
    identity: IdentitySpec = Field(default_factory=IdentitySpec)
    context: ContextSpec = Field(default_factory=ContextSpec)
    rules: list[RuleSpec] = Field(default_factory=list)
    overrides: dict[str, RuleOverride] = Field(default_factory=dict)
    disable: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _pack_id(cls, value: str) -> str:
        if not RULE_ID.match(value):
            raise ValueError("a pack id is lower-case letters, digits and hyphens")
        return value
