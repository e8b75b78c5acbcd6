"""``same_period``: several agencies' contacts crowd into one day or week."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from .._case_view import EntryView, agencies_of
from .._packs._schema import Selector
from ._api import Hit, Params, RuleContext
from ._registry import detector


class Limit(BaseModel):
    """How many entries from how many agencies within how many days make a clash."""

    model_config = ConfigDict(extra="forbid")

    period_days: int = Field(1, ge=1, description="1 for the same day, 7 for any seven days")
    min_entries: int = Field(2, ge=2, description="how many entries make a clash")
    min_agencies: int = Field(2, ge=1, description="from at least this many agencies")


class SamePeriodParams(Params):
    """Parameters of ``same_period``."""

    match: Selector = Field(description="the entries that count (visits, appointments)")
    period_days: int = Field(1, ge=1, description="1 for the same day, 7 for any seven days")
    min_entries: int = Field(2, ge=2, description="how many entries make a clash")
    min_agencies: int = Field(2, ge=1, description="from at least this many agencies")
    also: list[Limit] = Field(
        default_factory=list,
        description="further limits checked the same way, e.g. more than 4 in any 7 days",
    )


def _clashes(chosen: list[EntryView], limit: Limit) -> Iterator[list[EntryView]]:
    i = 0
    while i < len(chosen):
        j = i
        while (
            j + 1 < len(chosen) and (chosen[j + 1].start - chosen[i].start).days < limit.period_days
        ):
            j += 1
        group = chosen[i : j + 1]
        agencies = agencies_of(group)
        if len(group) >= limit.min_entries and len(agencies) >= limit.min_agencies:
            yield group
            i = j + 1
        else:
            i += 1


@detector("same_period", SamePeriodParams, provides={"period_days"})
def same_period(ctx: RuleContext, params: SamePeriodParams) -> Iterator[Hit]:
    """Report each crowded run of matching entries.

    A run is at least ``min_entries`` entries from ``min_agencies`` agencies
    within ``period_days`` consecutive days; each limit in ``also`` is
    checked the same way. A run wholly inside another reported run is left
    out, so a busy week is one finding, not one per busy day in it.
    """
    chosen = [e for e in ctx.select(params.match) if e.date is not None and e.date.is_exact]
    first = Limit(
        period_days=params.period_days,
        min_entries=params.min_entries,
        min_agencies=params.min_agencies,
    )
    groups: list[tuple[list[EntryView], int]] = [
        (group, limit.period_days)
        for limit in [first, *params.also]
        for group in _clashes(chosen, limit)
    ]
    members = [{id(e) for e in group} for group, _ in groups]
    for index, (group, days) in enumerate(groups):
        mine = members[index]
        if any(mine < other or (mine == other and k < index) for k, other in enumerate(members)):
            continue
        yield Hit(entries=group, values={"period_days": days})
