"""``person_without``: someone in the child's life whom no agency has engaged."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pydantic import Field

from .._case_view import CaseView, EntryView, PersonView
from .._packs._schema import PersonMatch, Selector
from .._text import Span
from .._vocab import vocab_key
from ._api import Hit, Params, RuleContext
from ._registry import detector


class PersonWithoutParams(Params):
    """Parameters of ``person_without``."""

    who: PersonMatch = Field(description="the people the rule is about")
    engaged: Selector = Field(
        description="what counts as engaging one of them, in an entry that mentions them"
    )
    near_mention: bool = Field(
        True,
        description="the words that show engagement must be in the same sentence as the "
        "person's name or role (so 'children seen' does not count for the father)",
    )
    mentioned: bool = Field(
        True, description="only people some entry lists, holds inline or names in its text"
    )
    when_person: PersonMatch | None = Field(
        None,
        description="the rule applies only to cases holding someone else matching this "
        "(e.g. a disabled child, for their siblings)",
    )
    unnamed: Selector | None = Field(
        None,
        description="text mentions of such a person with no person record ('a man', "
        "'new boyfriend'); reported together when none of them is engaged",
    )


_SENTENCE_END = re.compile(r"[.!?;\n]+(?:\s|$)|\n")


@detector("person_without", PersonWithoutParams, provides={"person", "mentions"})
def person_without(ctx: RuleContext, params: PersonWithoutParams) -> Iterator[Hit]:
    """Report each person matching ``who`` whom no entry records engaging.

    A person is engaged when an entry that mentions them (lists them, holds
    them inline, or names them in its text) matches ``engaged``; with
    ``near_mention`` the words that made it match must share a sentence with
    the person's name or a word for their role. Records the resolver finds
    to be one person count as one: engaging any of them counts for all, and
    there is one finding. With ``unnamed``, text mentions that no person
    record accounts for ("a man at the address") are reported together, as
    one unidentified person, unless a sentence mentioning one of them records
    engaging him.
    """
    case = ctx.case
    if params.when_person is not None:
        anchors = ctx.people(params.when_person)
        if not anchors:
            return
    else:
        anchors = []
    chosen = [p for p in ctx.people(params.who) if p not in anchors]
    visible = {e.index for e in ctx.entries}
    for group in _grouped(case, chosen):
        mentions = sorted(
            {
                e.index: e for p in group for e in case.mentions_of(p.id) if e.index in visible
            }.values(),
            key=lambda e: e.index,
        )
        words = _reference_words(case, group)
        mentions = _with_role_mentions(ctx, group, mentions, visible)
        if params.mentioned and not mentions:
            continue
        if any(_engages(ctx, params, e, words, group) for e in mentions):
            continue
        yield Hit(
            entries=mentions,
            people=[p.id for p in group],
            values={"person": _describe(group), "mentions": len(mentions)},
            key=group[0].id,
        )
    if params.unnamed is not None:
        yield from _unnamed(ctx, params, chosen)


def _grouped(case: CaseView, people: Sequence[PersonView]) -> list[list[PersonView]]:
    """People split into resolved persons (records of one person together), in record order."""
    if not people:
        return []
    wanted = {p.id for p in people}
    groups: list[list[PersonView]] = []
    seen: set[str] = set()
    for cluster in case.identities():
        members = [case.people[m.id] for m in cluster.members if m.id in wanted]
        if members:
            groups.append(members)
            seen.update(m.id for m in members)
    groups += [[p] for p in people if p.id not in seen]
    order = {p.id: i for i, p in enumerate(people)}
    for g in groups:
        g.sort(key=lambda p: order[p.id])
    return sorted(groups, key=lambda g: order[g[0].id])


def _with_role_mentions(
    ctx: RuleContext, group: Sequence[PersonView], mentions: list[EntryView], visible: set[int]
) -> list[EntryView]:
    """Add entries that call the person by their role ("F", "dad"), when only they have it."""
    case = ctx.case
    terms = {p.role.term for p in group if p.role.term}
    if len(terms) != 1:
        return mentions
    (term,) = terms
    ids = {p.id for p in group}
    if any(p.role.term == term and p.id not in ids for p in case.people.values()):
        return mentions  # two fathers: a bare "F" could be either
    forms = [vocab_key(w) for w in case.pack.vocab["role"].written_forms(term)]
    forms = [f for f in forms if f]
    found = {e.index: e for e in mentions}
    for entry in ctx.entries:
        if entry.index in found or entry.index not in visible:
            continue
        folded = entry.text_of("text")
        if folded is None:
            continue
        text = " " + vocab_key(folded.folded) + " "
        if any(f" {form} " in text for form in forms):
            found[entry.index] = entry
    return [found[i] for i in sorted(found)]


def _describe(group: Sequence[PersonView]) -> str:
    listed = [p for p in group if p.person.inline_in is None]
    return (listed or list(group))[0].describe()


def _reference_words(case: CaseView, group: Sequence[PersonView]) -> set[str]:
    """Words a note might use for these people: their names and their role's written forms."""
    roles = case.pack.vocab["role"]
    words: set[str] = set()
    for person in group:
        for raw in person.name.lower().replace("-", " ").split():
            if len(raw) >= 2:
                words.add(raw.strip(".,'()"))
        if person.role.term:
            words.update(vocab_key(w) for w in roles.written_forms(person.role.term))
        if person.person.role:
            words.add(vocab_key(person.person.role))

    words.discard("")
    return words


_WINDOW = 8  # words either side of the engagement words, within the sentence
_PRONOUNS = {"male": "him", "female": "her"}


def _engages(
    ctx: RuleContext,
    params: PersonWithoutParams,
    entry: EntryView,
    words: set[str],
    group: Sequence[PersonView] = (),
) -> bool:
    if not ctx.matches(params.engaged, entry):
        return False
    if not params.near_mention:
        return True
    spans = ctx.spans(params.engaged, entry)
    if not spans:
        return True  # matched on fields, not words: nothing to place
    return any(_near(ctx.case, entry, span, words, group) for span in spans)


def _near(
    case: CaseView, entry: EntryView, span: Span, words: set[str], group: Sequence[PersonView]
) -> bool:
    """Whether the person is referred to within a few words of ``span``, in its sentence.

    "Spoke to him" counts when the last person named before "him" is this one,
    so "F Ryan seen; HV spoke with him" is not taken as speaking to Tony.
    """
    raw = entry.entry.text if span.field == "text" else entry.entry.outcome
    if not raw:
        return False
    start, end = _sentence_around(raw, span.start)
    before = vocab_key(raw[start : span.start]).split()[-_WINDOW:]
    after = vocab_key(raw[span.end : end]).split()[:_WINDOW]
    near = " " + " ".join([*before, "|", *after]) + " "
    if any(f" {w} " in near for w in words):
        return True
    sexes = {p.sex for p in group if p.sex in _PRONOUNS}
    if len(sexes) != 1:
        return False
    (sex,) = sexes
    pronoun = _PRONOUNS[sex]
    if f" {pronoun} " not in near:
        return False
    # Who is "him"? The last person of that sex named before the pronoun.
    upto = " " + vocab_key(raw[: span.end] + " " + " ".join(after)) + " "
    at = upto.rfind(f" {pronoun} ")
    ids = {p.id for p in group}
    best, owner = -1, ""
    for other in case.people.values():
        if other.sex != sex:
            continue
        for w in _reference_words(case, [other]):
            pos = upto.rfind(f" {w} ", 0, at)
            if pos > best:
                best, owner = pos, other.id
    return owner in ids


def _sentence_around(text: str, offset: int) -> tuple[int, int]:
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= offset:
            start = m.end()
        elif m.start() >= offset:
            return start, m.start()
    return start, len(text)


def _unnamed(
    ctx: RuleContext, params: PersonWithoutParams, known: Sequence[PersonView]
) -> Iterator[Hit]:
    assert params.unnamed is not None
    case = ctx.case
    roles = case.pack.vocab["role"]
    known_terms = {p.role.term for p in known if p.role.term}
    known_ids = {p.id for p in known}
    loose: list[EntryView] = []
    engaged = False
    for entry in ctx.select(params.unnamed):
        if known_ids.intersection(entry.entry.person_ids):
            continue
        spans = ctx.spans(params.unnamed, entry)
        unclaimed = [s for s in spans if roles.normalise(s.text).term not in known_terms]
        if spans and not unclaimed:
            continue
        loose.append(entry)
        words = {vocab_key(s.text) for s in unclaimed}
        if _engages(ctx, params, entry, words):
            engaged = True
    if loose and not engaged:
        first = ctx.spans(params.unnamed, loose[0])
        said = first[0].text if first else "a man"
        yield Hit(
            entries=loose,
            values={"person": f"an unidentified person ('{said}')", "mentions": len(loose)},
            key="unnamed",
        )
