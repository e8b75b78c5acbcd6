"""``cluster_without_response``: concerns pile up across agencies and nobody acts on them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from pydantic import Field

from .._case_view import EntryView, agencies_of
from .._packs._schema import Selector
from ._api import Hit, Params, RuleContext
from ._registry import detector


class ClusterWithoutResponseParams(Params):
    """Parameters of ``cluster_without_response``."""

    trigger: Selector = Field(description="the entries that count (concerns, missed visits)")
    response: Selector = Field(description="the entries that count as acting on them")
    min_count: int = Field(3, ge=1, description="how many trigger entries make a pattern")
    min_agencies: int = Field(1, ge=1, description="from at least this many agencies")
    window_days: int = Field(182, ge=1, description="all within this many days")
    same_entry_counts: bool = Field(
        True, description="a trigger entry that itself matches `response` answers the pattern"
    )
    response_within_days: int = Field(
        28, ge=0, description="days after the pattern forms in which a response still counts"
    )


@detector(
    "cluster_without_response",
    ClusterWithoutResponseParams,
    provides={"window_days", "deadline"},
)
def cluster_without_response(
    ctx: RuleContext, params: ClusterWithoutResponseParams
) -> Iterator[Hit]:
    """Report each unanswered pile-up of trigger entries.

    An episode is at least ``min_count`` triggers from ``min_agencies``
    agencies within ``window_days``.

    Walking the chronology in date order: a response clears the triggers
    seen so far; once the triggers in the current window reach the
    thresholds, a response dated between the first trigger and
    ``response_within_days`` after the one that completed the pattern
    answers it. Unanswered, the episode (with the triggers that follow it
    until a response) is one finding. Nothing is reported while the
    response deadline is after the reference date.
    """
    triggers = [e for e in ctx.select(params.trigger) if e.dated]
    responses = [e for e in ctx.select(params.response) if e.dated]
    if len(triggers) < params.min_count:
        return
    window = timedelta(days=params.window_days)
    grace = timedelta(days=params.response_within_days)
    as_at = ctx.as_at
    if not params.same_entry_counts:
        trigger_ids = {id(t) for t in triggers}
        responses = [r for r in responses if id(r) not in trigger_ids]
    pending: list[EntryView] = []
    i = 0
    while i < len(triggers):
        current = triggers[i]
        # A response dated before this trigger clears what came before it.
        if pending and any(pending[-1].start <= r.start <= current.start for r in responses):
            pending = []
        pending.append(current)
        pending = [p for p in pending if current.start - p.start <= window]
        if len(pending) >= params.min_count and len(agencies_of(pending)) >= params.min_agencies:
            first = pending[0]
            deadline = current.end + grace
            answered = any(r.end >= first.start and r.start <= deadline for r in responses)
            if not answered and not (as_at is not None and deadline > as_at):
                episode = list(pending)
                j = i + 1
                # Later triggers before any response belong to the same finding,
                # up to twice the window, so one finding never swallows years.
                while (
                    j < len(triggers)
                    and not any(
                        episode[-1].start <= r.start <= triggers[j].start for r in responses
                    )
                    and triggers[j].start - first.start <= window * 2
                ):
                    episode.append(triggers[j])
                    j += 1
                yield Hit(
                    entries=episode,
                    values={"window_days": params.window_days, "deadline": deadline},
                )
                pending = []
                i = j
                continue
            if answered:
                pending = []
        i += 1
