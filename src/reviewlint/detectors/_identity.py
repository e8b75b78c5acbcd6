"""Helpers shared by the identity detectors: naming a resolved person and where they appear."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pydantic import Field

from .._case_view import CaseView, EntryView
from .._model import Person
from ..identity import PersonCluster
from ._api import Params


class IdentityParams(Params):
    """Parameters shared by detectors that work on resolved people."""

    threshold: float = Field(
        0.5,
        gt=0,
        lt=1,
        description="match probability at which two person records are taken as one person",
    )


def describe_cluster(case: CaseView, cluster: PersonCluster) -> str:
    """The person as a reviewer would name them: the commonest spelling, with a role."""
    counts = Counter(p.parsed_name.normalised for p in cluster.members)
    # Listed records before inline ones, then the spelling most records use.
    best = min(
        cluster.members,
        key=lambda p: (
            p.parsed_name.placeholder,
            p.inline_in is not None,
            -counts[p.parsed_name.normalised],
        ),
    )
    for person in sorted(cluster.members, key=lambda p: p.inline_in is not None):
        view = case.people.get(person.id)
        if view is not None and view.role_label:
            return f"{best.parsed_name.display} ({view.role_label})"
    return str(best.parsed_name.display)


def recorded_where(case: CaseView, records: Sequence[Person]) -> tuple[str, list[EntryView]]:
    """Which agencies recorded these person records, and the entries that hold them.

    A person written inside an entry is recorded by that entry (and its agency);
    a person in the case's people list is recorded by its ``source``, if any.
    """
    agencies = case.pack.vocab["agency"]
    by_index = {e.entry.id: e for e in case.entries}
    labels: list[str] = []
    entries: list[EntryView] = []
    for person in records:
        if person.inline_in is not None and person.inline_in in by_index:
            entries.append(by_index[person.inline_in])
        if person.source:
            labels.append(agencies.label_of(agencies.normalise(person.source)))
    unique = list(dict.fromkeys(label for label in labels if label))
    return (", ".join(unique) if unique else "the people list"), entries


def quoted_list(parts: Sequence[str]) -> str:
    """Items joined for a sentence: 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
