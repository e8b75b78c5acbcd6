"""``age_without``: a child has reached an age that calls for something the record lacks."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from .._case_view import EntryView, PersonView
from .._packs._schema import OneOrMany, Selector
from .._vocab import vocab_key
from ._api import Hit, Params, RuleContext
from ._registry import detector


class AgeWithoutParams(Params):
    """Parameters of ``age_without``."""

    min_age_years: float = Field(ge=0, description="the age from which the entry is needed")
    max_age_years: float | None = Field(None, description="and up to this age")
    required: Selector = Field(description="the entry the child needs by that age")
    legal_status: OneOrMany | None = Field(
        None,
        description="only children whose legal status is one of these vocabulary terms or groups",
    )
    status_entry: Selector | None = Field(
        None,
        description="or: children in a case with an entry matching this (e.g. became looked after)",
    )


def _has_status(ctx: RuleContext, person: PersonView, wanted: list[str]) -> bool:
    vocab = ctx.case.pack.vocab["legal_status"]
    terms = {vocab.resolve_selector_value(w) or vocab_key(w) for w in wanted}
    return not terms.isdisjoint(person.legal_status.tags)


@detector("age_without", AgeWithoutParams, provides={"age", "min_age"})
def age_without(ctx: RuleContext, params: AgeWithoutParams) -> Iterator[Hit]:
    """Report each subject child of ``min_age_years`` or more with no ``required`` entry.

    Ages are taken on the case's reference date. An entry counts for a child
    when it names that child, or names nobody (a single-child chronology
    often names no one), so one sibling's pathway plan does not hide
    another's absence.

    ``legal_status`` and ``status_entry`` narrow the rule to, for example,
    looked-after children; with both, either qualifies. A case whose
    subjects have no date of birth gets a notice instead of a finding.
    """
    as_at = ctx.as_at
    if as_at is None:
        return
    required = ctx.select(params.required)
    status_entries = ctx.select(params.status_entry) if params.status_entry else []
    candidates = []
    for person in ctx.subjects:
        if any(_about(r, person) for r in required):
            continue
        if params.legal_status is not None or params.status_entry is not None:
            by_record = params.legal_status is not None and _has_status(
                ctx, person, params.legal_status
            )
            if not by_record and not any(_about(s, person) for s in status_entries):
                continue
        candidates.append(person)
    if candidates and all(p.dob is None for p in candidates):
        ctx.notice("needs-dob", "no subject has a date of birth, so ages cannot be checked")
        return
    for person in candidates:
        age = person.age_on(as_at)
        if age is None or age < params.min_age_years:
            continue
        if params.max_age_years is not None and age > params.max_age_years:
            continue
        yield Hit(
            entries=[s for s in status_entries if _about(s, person)],
            people=[person.id],
            values={"age": int(age), "min_age": params.min_age_years, "subject": person.describe()},
        )


def _about(entry: EntryView, person: PersonView) -> bool:
    names = entry.entry.person_ids
    return not names or person.id in names
