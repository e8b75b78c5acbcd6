"""``gap``: a long silence in the chronology while the case is open."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from .._packs._schema import Selector
from ._api import Hit, Params, RuleContext
from ._registry import detector


class GapParams(Params):
    """Parameters of ``gap``."""

    max_days: int = Field(90, ge=1, description="longest acceptable gap between entries")
    counts: Selector | None = Field(
        None, description="entries that count as activity (default: every dated entry)"
    )
    opens: Selector | None = Field(
        None, description="entries that open the case (default: open from the first entry)"
    )
    closes: Selector | None = Field(None, description="entries that close the case")
    to_reference_date: bool = Field(
        True,
        description="also measure from the last entry to the case's explicit reference date",
    )


@detector("gap", GapParams, provides={"gap_days", "from_date", "to_date"})
def gap(ctx: RuleContext, params: GapParams) -> Iterator[Hit]:
    """Report each gap longer than ``max_days`` between consecutive activity while the case is open.

    The case is open from the first entry (or from an ``opens`` entry) until
    a ``closes`` entry; a gap that starts with a closure is not reported.
    Only exactly dated entries measure gaps; partial dates are too vague.
    """
    counted = {id(e) for e in ctx.select(params.counts)}
    opens = {id(e) for e in ctx.select(params.opens)} if params.opens is not None else None
    closes = {id(e) for e in ctx.select(params.closes)} if params.closes is not None else set()
    is_open = opens is None
    previous = None
    # Every exact entry moves the open/closed state; only counted ones measure gaps.
    for entry in ctx.entries:
        if entry.date is None or not entry.date.is_exact:
            continue
        if (
            id(entry) not in counted
            and id(entry) not in closes
            and (opens is None or id(entry) not in opens)
        ):
            continue
        if id(entry) in counted and previous is not None and is_open:
            days = (entry.start - previous.end).days
            if days > params.max_days:
                yield Hit(
                    entries=[previous, entry],
                    values={"gap_days": days, "from_date": previous.start, "to_date": entry.start},
                )
        if opens is not None and id(entry) in opens:
            is_open = True
        if id(entry) in closes:
            is_open = False
        elif opens is None:
            is_open = True
        if id(entry) in counted:
            previous = entry
    reference = ctx.case.case.reference_date
    if (
        params.to_reference_date
        and is_open
        and previous is not None
        and reference is not None
        and (reference.earliest - previous.end).days > params.max_days
    ):
        yield Hit(
            entries=[previous],
            values={
                "gap_days": (reference.earliest - previous.end).days,
                "from_date": previous.start,
                "to_date": reference.earliest,
            },
            key="to-reference-date",
        )
