"""``dob_mismatch``: one person recorded with different dates of birth."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

from .._model import Person
from ..identity._dob import compare_dobs
from ._api import Hit, RuleContext
from ._identity import IdentityParams, describe_cluster, quoted_list, recorded_where
from ._registry import detector

_KIND_WORDS = {
    "day_month_swap": "a day/month swap",
    "digits_transposed": "two transposed digits",
    "year_differs": "one year",
    "one_digit": "one mistyped digit",
    "partial_differs": "a partial date that does not contain the other",
    "different": "more than a slip: they are different dates",
    "years_apart": "more than a slip: they are different dates",
    "far_apart": "more than a slip: they are different dates",
}


class DobMismatchParams(IdentityParams):
    """Parameters of ``dob_mismatch``."""


@detector("dob_mismatch", DobMismatchParams, provides={"person", "dates", "kind"})
def dob_mismatch(ctx: RuleContext, params: DobMismatchParams) -> Iterator[Hit]:
    """Report each person whose records give different dates of birth, naming the kind.

    The same date written differently (``04/03/2016`` and ``2016-03-04``) is
    one date; a month or year that contains the full date agrees with it.
    The kind is the relation of each other date to the commonest one: a
    day/month swap, transposed digits, the year, one digit, or different.
    """
    case = ctx.case
    for cluster in case.identities(params.threshold):
        dated = [p for p in cluster.members if p.dob is not None]
        if len(dated) < 2:
            continue
        by_date: dict[tuple[date, date], list[Person]] = {}
        for person in dated:
            assert person.dob is not None
            by_date.setdefault((person.dob.earliest, person.dob.latest), []).append(person)
        # A partial date agreeing with a full one is no disagreement: fold it in.
        full = [k for k in by_date if k[0] == k[1]]
        for key in list(by_date):
            if key[0] != key[1] and any(key[0] <= f[0] <= key[1] for f in full):
                del by_date[key]
        if len(by_date) < 2:
            continue
        counts = Counter({k: len(v) for k, v in by_date.items()})
        main_key = max(by_date, key=lambda k: (counts[k], k[0] == k[1]))
        main = by_date[main_key][0]
        kinds = []
        parts = []
        entries = []
        for key, records in by_date.items():
            where, named = recorded_where(case, records)
            entries.extend(named)
            assert records[0].dob is not None
            parts.append(f"{records[0].dob.recorded.strip()} ({where})")
            if key != main_key:
                kind = compare_dobs(main.dob, records[0].dob).kind
                kinds.append(_KIND_WORDS.get(kind, "different dates"))
        yield Hit(
            entries=sorted({e.index: e for e in entries}.values(), key=lambda e: e.index),
            people=[p.id for p in dated],
            values={
                "person": describe_cluster(case, cluster),
                "dates": quoted_list(parts),
                "kind": quoted_list(list(dict.fromkeys(kinds))),
            },
            confidence=cluster.score,
        )
