"""``state_duration``: a state (looked after, on a plan) lasts too long without a step it needs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from pydantic import Field

from .._packs._schema import Selector
from ._api import Hit, Params, RuleContext
from ._registry import detector


class StateDurationParams(Params):
    """Parameters of ``state_duration``."""

    start: Selector = Field(description="the entry that starts the state")
    required: Selector = Field(description="the entry the state needs within `max_days`")
    max_days: int = Field(ge=1, description="how long the state may last without it")
    end: Selector | None = Field(None, description="the entry that ends the state")


@detector("state_duration", StateDurationParams, provides={"max_days", "deadline", "days"})
def state_duration(ctx: RuleContext, params: StateDurationParams) -> Iterator[Hit]:
    """Report each state episode longer than ``max_days`` without the required entry.

    The required entry must fall between the start and ``max_days`` after it.

    An episode starts at a ``start`` entry and runs until an ``end`` entry or
    the reference date. Episodes still younger than ``max_days`` on the
    reference date are not reported.
    """
    starts = [e for e in ctx.select(params.start) if e.dated]
    ends = [e for e in ctx.select(params.end) if e.dated] if params.end else []
    required = [e for e in ctx.select(params.required) if e.dated]
    as_at = ctx.as_at
    limit = timedelta(days=params.max_days)
    i = 0
    while i < len(starts):
        began = starts[i]
        closing = next((e for e in ends if e is not began and e.start >= began.start), None)
        finish = closing.start if closing is not None else as_at
        deadline = began.start + limit
        if finish is not None and finish > deadline:
            met = any(began.start <= r.end and r.start <= deadline for r in required)
            if not met:
                yield Hit(
                    entries=[began],
                    values={
                        "max_days": params.max_days,
                        "deadline": deadline,
                        "days": (finish - began.start).days,
                    },
                )
        # The next episode starts after this one ends.
        i += 1
        while i < len(starts) and (closing is None or starts[i].start <= closing.start):
            i += 1
