"""``name_variants``: one person recorded under different spellings of their name."""

from __future__ import annotations

from collections.abc import Iterator

from .._model import Person
from ._api import Hit, RuleContext
from ._identity import IdentityParams, describe_cluster, quoted_list, recorded_where
from ._registry import detector


class NameVariantsParams(IdentityParams):
    """Parameters of ``name_variants``."""


@detector("name_variants", NameVariantsParams, provides={"person", "variants", "how"})
def name_variants(ctx: RuleContext, params: NameVariantsParams) -> Iterator[Hit]:
    """Report each person whose records spell their name in more than one way.

    Person records (inline ones included) are grouped into people by the
    identity resolver; names that differ only in letter case, spacing,
    punctuation or the ``FAMILY, Given`` order are the same spelling. Each
    spelling is listed with the agencies that recorded it, and the finding
    points at every record and every entry naming them.
    """
    case = ctx.case
    for cluster in case.identities(params.threshold):
        if len(cluster.members) < 2:
            continue
        forms: dict[str, list[Person]] = {}
        for person in cluster.members:
            # "Baby Smith" before the birth is a stand-in, not a spelling of the name.
            if not person.parsed_name.placeholder:
                forms.setdefault(person.parsed_name.normalised, []).append(person)
        if len(forms) < 2:
            continue
        parts = []
        entries = []
        for records in forms.values():
            where, named = recorded_where(case, records)
            entries.extend(named)
            parts.append(f"'{records[0].parsed_name.recorded.strip()}' ({where})")
        people = [p.id for p in cluster.members]
        how = "; ".join(link.explanation for link in cluster.links if link.explanation)
        yield Hit(
            entries=sorted({e.index: e for e in entries}.values(), key=lambda e: e.index),
            people=people,
            values={
                "person": describe_cluster(case, cluster),
                "count": len(forms),
                "variants": quoted_list(parts),
                "how": how,
            },
            confidence=cluster.score,
        )
