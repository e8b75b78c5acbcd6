"""``factors_not_addressed``: risks recorded earlier that a later assessment leaves out."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from .._case_view import EntryView, agencies_of
from .._packs._schema import Selector
from ._api import Hit, Params, RuleContext
from ._identity import quoted_list
from ._registry import detector


class Factor(BaseModel):
    """One risk factor: the entries that record it, and what counts as addressing it."""

    model_config = ConfigDict(extra="forbid")

    present: Selector = Field(description="an entry that records the factor")
    addressed: Selector = Field(
        description="an assessment that refers to it (a negated mention such as 'no DV since "
        "March' still shows it was considered)"
    )


class FactorsParams(Params):
    """Parameters of ``factors_not_addressed``."""

    factors: dict[str, Factor] = Field(
        description="the risks to carry forward, by plain-words name (used in the message)"
    )
    assessment: Selector = Field(description="the later entries that should refer to them")
    min_factors: int = Field(
        1, ge=1, description="the rule applies once this many factors are on record"
    )
    other_agency: bool = Field(
        False,
        description="count a factor only when another agency recorded it and the assessing "
        "agency had not (the information did not travel)",
    )


@detector("factors_not_addressed", FactorsParams, provides={"factors", "factor_count", "known"})
def factors_not_addressed(ctx: RuleContext, params: FactorsParams) -> Iterator[Hit]:
    """Report each ``assessment`` that leaves out a factor recorded before it.

    A factor is on record for an assessment when an entry that certainly came
    before it (its latest possible day is before the assessment's earliest;
    undated entries never count) matches its ``present``
    condition. Once ``min_factors`` factors are on record, the assessment
    must match each one's ``addressed`` condition. The evidence is the
    assessment and, for each factor it leaves out, the latest entry that
    recorded it.
    """
    present = {name: ctx.select(f.present) for name, f in params.factors.items()}
    for assessment in ctx.select(params.assessment):
        if not assessment.dated:
            continue
        own = agencies_of([assessment])
        known: dict[str, EntryView] = {}
        for name, entries in present.items():
            # Strictly earlier: an entry dated only "2021" may be after a March 2021 assessment.
            before = [e for e in entries if e.dated and e.end < assessment.start]
            if params.other_agency:
                if any(not own.isdisjoint(agencies_of([e])) for e in before):
                    continue  # the assessing agency knew it first-hand
                before = [e for e in before if agencies_of([e])]
            if before:
                known[name] = before[-1]
        if len(known) < params.min_factors:
            continue
        left_out = [
            name for name in known if not ctx.matches(params.factors[name].addressed, assessment)
        ]
        if not left_out:
            continue
        by_index = {known[n].index: known[n] for n in left_out}
        sources = [by_index[i] for i in sorted(by_index)]
        yield Hit(
            entries=[assessment, *sources],
            # Highlight what recorded each risk, not what the assessment did say.
            highlight=[params.factors[n].present for n in left_out],
            values={
                "factors": quoted_list(left_out),
                "factor_count": len(left_out),
                "known": quoted_list([_source(n, known[n]) for n in left_out]),
            },
        )


def _source(name: str, entry: EntryView) -> str:
    return f"{name} ({entry.entry.agency or 'agency not recorded'}, {entry.id})"
