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
    # The disabled child is not their own sibling, under any of their records.
    excluded = {m.id for a in anchors for m in _cluster_of(case, a.id)}
    chosen = [p for p in ctx.people(params.who) if p.id not in excluded]
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
            highlight=(),  # the finding is about what no entry says
            people=[p.id for p in group],
            values={"person": _describe(group), "mentions": len(mentions)},
            key=group[0].id,
        )
    if params.unnamed is not None:
        yield from _unnamed(ctx, params)


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


def _cluster_of(case: CaseView, person_id: str) -> list[PersonView]:
    for cluster in case.identities():
        if any(m.id == person_id for m in cluster.members):
            return [case.people[m.id] for m in cluster.members if m.id in case.people]
    return [case.people[person_id]]


_TITLES = {"male": ("mr",), "female": ("mrs", "ms", "miss")}


def _titled(case: CaseView, person: PersonView) -> list[str]:
    """Mr Ghebre: a family name with a title, when no one else of that sex shares it."""
    family = person.person.parsed_name.family
    if not family or person.sex not in _TITLES:
        return []
    key = vocab_key(family)
    for other in case.people.values():
        if other is person or other.sex != person.sex:
            continue
        theirs = other.person.parsed_name.family
        if theirs and vocab_key(theirs) == key:
            return []
    return [f"{title} {key}" for title in _TITLES[person.sex]]


def _reference_words(case: CaseView, group: Sequence[PersonView]) -> set[str]:
    """Words a note might use for these people.

    Names only they have, and their role's written forms when nobody else in
    the case has that role ("F" for the only father).
    """
    roles = case.pack.vocab["role"]
    ids = {p.id for p in group}
    words: set[str] = set()
    for person in group:
        words.update(case.own_name_words(person.id))
        words.update(_titled(case, person))
        term = person.role.term
        if term and not any(p.role.term == term and p.id not in ids for p in case.people.values()):
            words.update(vocab_key(w) for w in roles.written_forms(term))
            if person.person.role:
                words.add(vocab_key(person.person.role))
    words.discard("")
    return words


_WINDOW = 8  # words either side of the engagement words, within the sentence
_PRONOUNS = {"male": "him", "female": "her"}
# Words that can follow an object pronoun; after "her" anything else is taken as a noun.
_AFTER_OBJECT = frozenset(
    {"|", "about", "and", "on", "at", "in", "by", "with", "to", "alone", "today", "again",
     "separately", "briefly", "too", "as", "after", "before", "when", "while", "but", "who"}
)  # fmt: skip


def _engages(
    ctx: RuleContext,
    params: PersonWithoutParams,
    entry: EntryView,
    words: set[str],
    group: Sequence[PersonView] = (),
    weak: frozenset[str] = frozenset(),
) -> bool:
    if not ctx.matches(params.engaged, entry):
        return False
    if not params.near_mention:
        return True
    spans = ctx.spans(params.engaged, entry)
    if not spans:
        return True  # matched on fields, not words: nothing to place
    return any(
        _near(ctx.case, entry, span, words, group)
        for span in spans
        if vocab_key(span.text) not in weak
    )


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
    # "spoke to him", "called her": the pronoun straight after the words, and not a
    # possessive ("spoke to her mum" is about the mother).
    if after[:1] != [pronoun] or (
        len(after) > 1 and pronoun == "her" and after[1] not in _AFTER_OBJECT
    ):
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


def _unnamed(ctx: RuleContext, params: PersonWithoutParams) -> Iterator[Hit]:
    """Mentions of a man no record accounts for, each judged in its own entry."""
    assert params.unnamed is not None
    case = ctx.case
    roles = case.pack.vocab["role"]
    # Any record with that role accounts for the words, whoever the rule is about:
    # "the lodger" is Gary Brown the lodger, "boyfriend" is the partner on record.
    known_terms = {p.role.term for p in case.people.values() if p.role.term}
    names = {w for pid in case.people for w in case.own_name_words(pid)}
    loose: list[EntryView] = []
    for entry in ctx.select(params.unnamed):
        spans = ctx.spans(params.unnamed, entry)
        listed_men = any(
            (p := case.people.get(pid)) is not None and p.sex == "male"
            for pid in entry.entry.person_ids
        )
        unclaimed = [
            s
            for s in spans
            if roles.normalise(s.text).term not in known_terms
            and not _named_after(entry, s, names)
            # A bare "male" in an entry that lists a man is him ("Male arrested").
            and not (listed_men and vocab_key(s.text) in _BARE)
        ]
        if not unclaimed:
            continue
        # "Unknown male present" is a sighting, not a check: only the stronger words count.
        words = {vocab_key(s.text) for s in unclaimed}
        if _engages(ctx, params, entry, words, (), weak=_SIGHTING_ONLY):
            continue
        loose.append(entry)
    if loose:
        first = ctx.spans(params.unnamed, loose[0])
        said = first[0].text if first else "a man"
        yield Hit(
            entries=loose,
            highlight=[params.unnamed],
            values={"person": f"an unidentified person ('{said}')", "mentions": len(loose)},
            key="unnamed",
        )


def _named_after(entry: EntryView, span: Span, names: set[str]) -> bool:
    """Male Lukasz KOWALSKI: the words are followed at once by someone's name."""
    raw = entry.entry.text if span.field == "text" else entry.entry.outcome
    following = vocab_key((raw or "")[span.end : span.end + 40]).split()
    return bool(following) and following[0] in names


_BARE = frozenset({"male", "man", "the male", "the man", "adult male", "a male"})

# Engagement words that only say someone was there; not enough for a man nobody identified.
_SIGHTING_ONLY = frozenset({"present", "was present", "present at", "present during", "seen"})
