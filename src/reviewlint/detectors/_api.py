"""The contract between the engine and a detector.

A detector is a plain function ``detect(ctx, params) -> Iterable[Hit]``
with a pydantic model for its parameters. It reads the case through
``ctx`` (entries in date order, normalised, with the rule's selectors
compiled) and yields :class:`Hit` values; the engine turns hits into
findings, adding evidence spans and rendering the rule's message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from .._case_view import CaseView, EntryView, PersonView
from .._packs._schema import PersonMatch, Selector
from .._selectors import Matcher, PersonMatcher
from .._text import Span


class Params(BaseModel):
    """Base class for detector parameters: unknown keys are an error, not ignored."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


P = TypeVar("P", bound=Params)


@dataclass
class Hit:
    """One thing a detector found: the entries and people that show it, and message values."""

    entries: Sequence[EntryView] = ()
    people: Sequence[str] = ()
    values: dict[str, Any] = field(default_factory=dict)
    confidence: float | None = None
    key: str | None = None  # distinguishes two hits on the same evidence, for fingerprints
    # Selectors (from the params) whose text matches are the evidence; None: every selector
    # of the rule the entry meets. A rule about something missing can say () to mark none.
    highlight: Sequence[Selector] | None = None


class RuleContext:
    """A case as one rule sees it: the rule's ``where`` applied, its selectors compiled."""

    def __init__(
        self,
        case: CaseView,
        rule_id: str,
        matchers: dict[int, Matcher | PersonMatcher],
        where: Matcher | None,
    ) -> None:
        self.case = case
        self.rule_id = rule_id
        self._matchers = matchers
        self._where = where

    @property
    def entries(self) -> list[EntryView]:
        """Every entry visible to the rule, in date order."""
        return self.case.select(self._where)

    @property
    def dated(self) -> list[EntryView]:
        """Visible entries that have a date, in date order."""
        return [e for e in self.entries if e.entry.date is not None]

    @property
    def as_at(self) -> date | None:
        """The case's reference date."""
        return self.case.as_at

    @property
    def subjects(self) -> list[PersonView]:
        """The children at the centre of the case."""
        return self.case.subjects

    def select(self, selector: Selector | None) -> list[EntryView]:
        """Visible entries matching a selector from the params (all visible when None)."""
        if selector is None:
            return self.entries
        chosen = self.case.select(self._matcher(selector))
        where = self._where
        if where is None:
            return chosen
        return [e for e in chosen if self.case.matched(where, e)]

    def matches(self, selector: Selector, entry: EntryView) -> bool:
        """Whether one entry matches a selector from the params."""
        return self.case.matched(self._matcher(selector), entry)

    def spans(self, selector: Selector, entry: EntryView) -> list[Span]:
        """The text spans that made a selector from the params match an entry."""
        return self.case.spans(self._matcher(selector), entry)

    def people(self, spec: PersonMatch) -> list[PersonView]:
        """Person records (inline ones too) matching a person condition from the params."""
        matcher = self._matchers.get(id(spec))
        if not isinstance(matcher, PersonMatcher):
            raise TypeError(
                f"rule {self.rule_id!r}: person conditions must come from the rule's params"
            )
        return [p for p in self.case.people.values() if matcher.matches(p, self.case)]

    def _matcher(self, selector: Selector) -> Matcher:
        matcher = self._matchers.get(id(selector))
        if not isinstance(matcher, Matcher):
            raise TypeError(
                f"rule {self.rule_id!r}: selectors must come from the rule's params "
                "(they are compiled when the pack loads)"
            )
        return matcher

    def notice(self, code: str, message: str) -> None:
        """Say something about the case that is not a finding (e.g. missing data)."""
        self.case.notice(code, message, self.rule_id)


DetectFunction = Callable[[RuleContext, Any], Iterable[Hit]]


@dataclass(frozen=True)
class Detector(Generic[P]):
    """A registered detector: its name, parameter model, function and message values."""

    name: str
    params: type[P]
    function: Callable[[RuleContext, P], Iterable[Hit]]
    provides: frozenset[str] = frozenset()

    @property
    def doc(self) -> str:
        """The detector's documentation (its function's docstring)."""
        return (self.function.__doc__ or "").strip()


# Message placeholders every finding can use, whatever its detector.
COMMON_VALUES = frozenset(
    {
        "case_id",
        "count",
        "entries",
        "agencies",
        "agency_count",
        "first_date",
        "last_date",
        "people",
        "subject",
        "entry_id",
        "date",
        "agency",
        "type",
    }
)
