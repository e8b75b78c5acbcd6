"""``dob_implausible``: dates of birth that cannot be right."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from .._case_view import PersonView
from .._packs._schema import OneOrMany, Selector
from ._api import Hit, Params, RuleContext
from ._registry import detector


class DobImplausibleParams(Params):
    """Parameters of ``dob_implausible``."""

    child_roles: OneOrMany = Field(
        default_factory=lambda: ["child"], description="role terms or groups of children"
    )
    parent_roles: OneOrMany = Field(
        default_factory=lambda: ["parent"], description="role terms or groups of birth parents"
    )
    unborn: Selector | None = Field(
        None,
        description="entries that may come before a child's birth (pre-birth or unborn work)",
    )
    min_parent_age: float = Field(12, ge=0, description="youngest plausible age of a parent")
    max_child_age: float = Field(25, ge=0, description="oldest plausible age of a 'child'")


def _is(person: PersonView, wanted: list[str]) -> bool:
    return bool(person.role.tags & set(wanted))


@detector("dob_implausible", DobImplausibleParams, provides={"person", "dob", "problem"})
def dob_implausible(ctx: RuleContext, params: DobImplausibleParams) -> Iterator[Hit]:
    """Report dates of birth that cannot be right.

    A date of birth after the case's reference date; a child named in entries
    dated before their birth (other than entries matching ``unborn``); a
    parent younger than ``min_parent_age`` at a subject child's birth; a
    person recorded as a child who is older than ``max_child_age``. Records
    of an unborn baby (``Baby Smith``, a due date, no date of birth) are left
    alone.
    """
    case = ctx.case
    as_at = ctx.as_at
    unborn_ok = {e.index for e in ctx.select(params.unborn)} if params.unborn else set()
    for person in case.people.values():
        dob = person.dob
        if dob is None:
            continue
        shown = dob.recorded.strip()
        who = person.describe()
        if as_at is not None and dob.earliest > as_at:
            yield Hit(
                people=[person.id],
                entries=case.entries_naming(person.id)[:1],
                values={"person": who, "dob": shown, "problem": "is after the case's last date"},
                key="future",
            )
            continue
        if _is(person, params.child_roles):
            # A child recorded with a due date was worked with before birth: entries up to
            # the birth are pre-birth work, not a sign the date of birth is wrong.
            before = [
                e
                for e in case.entries_naming(person.id)
                if e.dated
                and e.end < dob.earliest
                and e.index not in unborn_ok
                and person.person.due_date is None
            ]
            if before:
                first = before[0]
                yield Hit(
                    people=[person.id],
                    entries=before,
                    values={
                        "person": who,
                        "dob": shown,
                        "problem": (
                            f"comes after {len(before)} entr{'y' if len(before) == 1 else 'ies'} "
                            f"naming them as born (first {first.entry.date} {first.id})"
                        ),
                    },
                    key="before-birth",
                )
            age = person.age_on(as_at) if as_at is not None else None
            if age is not None and age > params.max_child_age:
                yield Hit(
                    people=[person.id],
                    values={
                        "person": who,
                        "dob": shown,
                        "problem": f"makes a person recorded as a child {int(age)} years old",
                    },
                    key="old-child",
                )
    # A subject who is a parent (a teenage mother) has her own parents elsewhere: the
    # baby's father is not hers.
    children = [
        p for p in ctx.subjects if p.dob is not None and not _is(p, params.parent_roles)
    ]
    for parent in case.people.values():
        if parent.dob is None or not _is(parent, params.parent_roles):
            continue
        for child in children:
            assert child.dob is not None
            if child.id == parent.id:
                continue  # a teenage mother who is also a subject child
            age = (child.dob.earliest - parent.dob.latest).days / 365.2425
            if age < params.min_parent_age:
                yield Hit(
                    people=[parent.id, child.id],
                    values={
                        "person": parent.describe(),
                        "dob": parent.dob.recorded.strip(),
                        "problem": (
                            f"makes them {max(age, 0):.0f} at the birth of {child.describe()} "
                            f"({child.dob.recorded.strip()})"
                        ),
                    },
                    key=f"young-parent-{child.id}",
                )
