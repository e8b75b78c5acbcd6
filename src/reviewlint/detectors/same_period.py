"""``same_period``: several agencies' contacts crowd into one day or week."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from .._packs._schema import Selector
from ._api import Hit, Params, RuleContext
from ._registry import detector


class SamePeriodParams(Params):
    """Parameters of ``same_period``."""

    match: Selector = Field(description="the entries that count (visits, appointments)")
    period_days: int = Field(1, ge=1, description="1 for the same day, 7 for any seven days")
    min_entries: int = Field(2, ge=2, description="how many entries make a clash")
    min_agencies: int = Field(2, ge=1, description="from at least this many agencies")


@detector("same_period", SamePeriodParams, provides={"period_days"})
def same_period(ctx: RuleContext, params: SamePeriodParams) -> Iterator[Hit]:
    """Report each run of at least ``min_entries`` matching entries from ``min_agencies``
    agencies within ``period_days`` consecutive days.

    Only exactly dated entries count. Each entry belongs to at most one
    finding: after a clash is reported, counting starts again after it.
    """
    chosen = [e for e in ctx.select(params.match) if e.date is not None and e.date.is_exact]
    i = 0
    while i < len(chosen):
        j = i
        while j + 1 < len(chosen) and (
            chosen[j + 1].start - chosen[i].start  # type: ignore[operator]
        ).days < params.period_days:
            j += 1
        group = chosen[i : j + 1]
        agencies = {e.agency.value for e in group}
        if len(group) >= params.min_entries and len(agencies) >= params.min_agencies:
            yield Hit(entries=group, values={"period_days": params.period_days})
            i = j + 1
        else:
            i += 1
