"""``not_followed_by``: something happened and the expected response did not follow in time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from pydantic import Field

from .._packs._schema import Selector
from ._api import Hit, Params, RuleContext
from ._registry import detector


class NotFollowedByParams(Params):
    """Parameters of ``not_followed_by``."""

    trigger: Selector = Field(description="the entry that calls for a response")
    response: Selector = Field(description="the entry that counts as the response")
    within_days: int = Field(ge=0, description="days allowed for the response")
    same_entry_counts: bool = Field(
        True, description="a trigger entry that itself matches `response` is answered"
    )
    wait_for_deadline: bool = Field(
        True,
        description="report nothing while the deadline is still after the reference date",
    )


@detector("not_followed_by", NotFollowedByParams, provides={"days", "deadline"})
def not_followed_by(ctx: RuleContext, params: NotFollowedByParams) -> Iterator[Hit]:
    """Report each trigger entry with no response entry within ``within_days`` after it.

    A response on the same day counts. Undated triggers are skipped (the
    ``incomplete-entry`` kind of rule reports those).
    """
    responses = [r for r in ctx.select(params.response) if r.dated]
    as_at = ctx.as_at
    for trigger in ctx.select(params.trigger):
        if not trigger.dated:
            continue
        deadline = trigger.end + timedelta(days=params.within_days)
        if params.same_entry_counts and ctx.matches(params.response, trigger):
            continue
        answered = any(
            r is not trigger and r.end >= trigger.start and r.start <= deadline for r in responses
        )
        if answered:
            continue
        if params.wait_for_deadline and as_at is not None and deadline > as_at:
            continue
        yield Hit(entries=[trigger], values={"days": params.within_days, "deadline": deadline})
