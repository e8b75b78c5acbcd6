"""``same_period``: several agencies' contacts crowd into one day or week."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from .._case_view import EntryView
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


def _clashes(chosen: list[EntryView], limit: Limit, used: set[int]) -> Iterator[list[EntryView]]:
    free = [e for e in chosen if id(e) not in used]
    i = 0
    while i < len(free):
        j = i
        while j + 1 < len(free) and (free[j + 1].start - free[i].start).days < limit.period_days:
            j += 1
        group = free[i : j + 1]
        agencies = {e.agency.value for e in group}
        if len(group) >= limit.min_entries and len(agencies) >= limit.min_agencies:
            yield group
            i = j + 1
        else:
            i += 1


@detector("same_period", SamePeriodParams, provides={"period_days"})
def same_period(ctx: RuleContext, params: SamePeriodParams) -> Iterator[Hit]:
    """Report each crowded run of matching entries.

    A run is at least ``min_entries`` entries from ``min_agencies`` agencies
    within ``period_days`` consecutive days; then the same for each limit
    in ``also``.

    Only exactly dated entries count. Each entry belongs to at most one
    finding: entries already reported are not counted again.
    """
    chosen = [e for e in ctx.select(params.match) if e.date is not None and e.date.is_exact]
    first = Limit(
        period_days=params.period_days,
        min_entries=params.min_entries,
        min_agencies=params.min_agencies,
    )
    used: set[int] = set()
    for limit in [first, *params.also]:
        for group in _clashes(chosen, limit, used):
            used.update(id(e) for e in group)
            yield Hit(entries=group, values={"period_days": limit.period_days})
