"""``entry_absent``: something that should be in the record is not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Literal

from pydantic import Field, model_validator

from .._packs._schema import Selector
from ._api import Hit, Params, RuleContext
from ._registry import detector


class EntryAbsentParams(Params):
    """Parameters of ``entry_absent``."""

    required: Selector = Field(description="the entry that should be present")
    when: Selector | None = Field(
        None, description="the rule applies only to cases with entries matching this"
    )
    min_when: int = Field(1, ge=1, description="how many `when` entries make the rule apply")
    period: Literal["case", "after_first", "recent", "before_last"] = Field(
        "case",
        description="where to look for the required entry: anywhere in the case, within "
        "`days` after the first `when` entry, within `days` before the reference date, or "
        "before the last `when` entry (it should have come first)",
    )
    days: int | None = Field(None, ge=0, description="length of the period in days")

    @model_validator(mode="after")
    def _period_needs_days(self) -> EntryAbsentParams:
        if self.period in ("after_first", "recent") and self.days is None:
            raise ValueError(f"period {self.period!r} needs 'days'")
        return self


@detector("entry_absent", EntryAbsentParams, provides={"days"})
def entry_absent(ctx: RuleContext, params: EntryAbsentParams) -> Iterator[Hit]:
    """Report a case where an expected entry is missing.

    If ``when`` is given the rule applies only once at least ``min_when``
    entries match it; the finding's evidence is those entries. With a
    ``period`` other than ``case`` the required entry must fall inside the
    period, and nothing is reported until the period has ended by the
    case's reference date.
    """
    triggers = ctx.select(params.when) if params.when is not None else []
    if params.when is not None and len(triggers) < params.min_when:
        return
    required = ctx.select(params.required)
    as_at = ctx.as_at
    if params.period == "before_last":
        dated = [t for t in triggers if t.dated]
        if not dated or any(r.dated and r.start <= dated[-1].start for r in required):
            return
        yield Hit(entries=triggers, values={"days": params.days})
        return
    if params.period == "case" or params.days is None:
        if not required:
            yield Hit(entries=triggers, values={"days": params.days})
        return
    if as_at is None:
        return
    if params.period == "recent":
        start = as_at - timedelta(days=params.days)
        end = as_at
    else:
        dated = [t for t in triggers if t.dated]
        if not dated:
            return
        start = dated[0].start
        end = start + timedelta(days=params.days)
        if end > as_at:
            return  # the period has not ended yet
    for entry in required:
        if entry.dated and entry.end >= start and entry.start <= end:
            return
    yield Hit(entries=triggers, values={"days": params.days})
