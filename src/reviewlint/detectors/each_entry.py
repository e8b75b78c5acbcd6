"""``each_entry``: each entry matching a selector is a finding (or one finding for all)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from .._packs._schema import PersonMatch, Selector
from ._api import Hit, Params, RuleContext
from ._registry import detector


class EachEntryParams(Params):
    """Parameters of ``each_entry``."""

    match: Selector | None = Field(
        None, description="entries to report (default: every entry the rule's `where` admits)"
    )
    group: Literal["entry", "case"] = Field(
        "entry", description="one finding per entry, or one per case listing them all"
    )
    min_count: int = Field(1, ge=1, description="report only when at least this many entries match")
    when: Selector | None = Field(
        None, description="the rule applies only to cases with entries matching this"
    )
    min_when: int = Field(1, ge=1, description="how many `when` entries make the rule apply")
    when_person: list[PersonMatch] | None = Field(
        None,
        description="or: the rule applies only to cases holding a person matching one of these",
    )


@detector("each_entry", EachEntryParams)
def each_entry(ctx: RuleContext, params: EachEntryParams) -> Iterator[Hit]:
    """Report entries that match a selector.

    With ``group: entry`` each matching entry is its own finding; with
    ``group: case`` the matching entries form one finding, reported only
    when there are at least ``min_count`` of them.
    """
    if not _applies(ctx, params):
        return
    chosen = ctx.select(params.match)
    if len(chosen) < params.min_count:
        return
    if params.group == "case":
        yield Hit(entries=chosen)
        return
    for entry in chosen:
        yield Hit(entries=[entry])


def _applies(ctx: RuleContext, params: EachEntryParams) -> bool:
    if params.when is None and params.when_person is None:
        return True
    if params.when is not None and len(ctx.select(params.when)) >= params.min_when:
        return True
    return any(ctx.people(spec) for spec in params.when_person or ())
