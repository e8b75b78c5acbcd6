"""``entry_elements``: an entry of a kind that should hold several things lacks some of them."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, model_validator

from .._packs._schema import Selector
from ._api import Hit, Params, RuleContext
from ._identity import quoted_list
from ._registry import detector


class EntryElementsParams(Params):
    """Parameters of ``entry_elements``."""

    match: Selector = Field(description="the entries to check (e.g. referrals, plans)")
    elements: dict[str, Selector] = Field(
        description="what each entry should hold: a plain-words name (used in the message) "
        "and the condition that shows it is there"
    )
    min_missing: int = Field(
        1, ge=1, description="report an entry when at least this many elements are missing"
    )
    min_words: int | None = Field(
        None,
        ge=1,
        description="also report an entry whose narrative has fewer words than this, "
        "whatever it holds",
    )

    @model_validator(mode="after")
    def _some_elements(self) -> EntryElementsParams:
        if not self.elements:
            raise ValueError("'elements' needs at least one element")
        if self.min_missing > len(self.elements):
            raise ValueError("'min_missing' is larger than the number of elements")
        return self


@detector("entry_elements", EntryElementsParams, provides={"missing", "missing_count", "words"})
def entry_elements(ctx: RuleContext, params: EntryElementsParams) -> Iterator[Hit]:
    """Report each ``match`` entry that lacks ``min_missing`` or more of its ``elements``.

    An element is present when its condition holds for the entry (conditions
    can look at the text, the outcome, the people named, or any other field).
    With ``min_words``, an entry whose narrative and outcome together are shorter than that is
    reported too, because a one-line record cannot carry what the receiver
    needs even if a keyword happens to appear. The finding names the missing
    elements in the order the pack lists them.
    """
    for entry in ctx.select(params.match):
        missing = [name for name, sel in params.elements.items() if not ctx.matches(sel, entry)]
        words = 0
        for name in ("text", "outcome"):
            folded = entry.text_of(name)
            if folded is not None:
                words += sum(1 for t in folded.tokens if t[2][:1].isalnum())
        short = params.min_words is not None and words < params.min_words
        if len(missing) < params.min_missing and not short:
            continue
        shown = list(missing)
        if short:
            shown.append(f"enough detail (only {words} words)")
        yield Hit(
            entries=[entry],
            highlight=(),  # the finding is about what is absent: nothing in the text to mark
            values={
                "missing": quoted_list(shown),
                "missing_count": len(missing),
                "words": words,
            },
        )
