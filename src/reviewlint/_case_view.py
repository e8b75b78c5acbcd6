"""What detectors see: a case with its values normalised by the pack's vocabularies.

A :class:`CaseView` is built once per case and rule pack. It sorts the
chronology by date (undated entries last, file order breaking ties),
normalises agencies, entry types and roles, and caches what selectors and
text matching compute, so that rules sharing a condition pay for it once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ._dates import RecordedDate
from ._model import Case, Entry, Person
from ._text import FoldedText, Span
from ._vocab import Normalised

if TYPE_CHECKING:
    from ._compiled import CompiledPack
    from ._selectors import Matcher
    from .identity import PersonCluster


@dataclass(eq=False)
class PersonView:
    """A person record with its role normalised."""

    person: Person
    role: Normalised
    sex: str | None  # 'male', 'female' or None: from the record, else implied by the role
    legal_status: Normalised

    @property
    def id(self) -> str:
        """The person's id in the case."""
        return self.person.id

    @property
    def name(self) -> str:
        """The name for messages: given and family name in display case."""
        return self.person.parsed_name.display

    @property
    def dob(self) -> RecordedDate | None:
        """The recorded date of birth, parsed."""
        return self.person.dob

    role_label: str = ""  # the role as a reader should see it: the term's label, else as recorded

    def describe(self) -> str:
        """Name with role, as a reviewer would write it: 'Dean (mothers partner)'."""
        role = self.role_label
        return f"{self.name} ({role})" if role else self.name

    def age_on(self, day: dt.date) -> float | None:
        """Age in years (with fractions) on a day; None if the date of birth is unknown.

        A partial date of birth counts from its latest possible day, so a child
        recorded as born in '2006' is never taken to be older than they can be.
        """
        if self.person.dob is None:
            return None
        return (day - self.person.dob.latest).days / 365.2425


@dataclass(eq=False)
class EntryView:
    """A chronology entry with its agency, type and people normalised."""

    index: int  # position in date order
    file_index: int  # position in the file
    entry: Entry
    agency: Normalised
    type: Normalised
    role_tags: frozenset[str]
    shared_tags: frozenset[str]
    _folded: dict[str, FoldedText] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """The entry's id."""
        return self.entry.id

    @property
    def date(self) -> RecordedDate | None:
        """The recorded date, parsed (a range for partial dates)."""
        return self.entry.date

    @property
    def dated(self) -> bool:
        """Whether the entry has a usable date."""
        return self.entry.date is not None

    @property
    def start(self) -> dt.date:
        """The earliest day the entry can be on (check :attr:`dated` first)."""
        if self.entry.date is None:
            raise ValueError(f"entry {self.entry.id!r} has no date")
        return self.entry.date.earliest

    @property
    def end(self) -> dt.date:
        """The latest day the entry can be on (check :attr:`dated` first)."""
        if self.entry.date is None:
            raise ValueError(f"entry {self.entry.id!r} has no date")
        return self.entry.date.latest

    def text_of(self, name: str) -> FoldedText | None:
        """The folded form of ``text`` or ``outcome`` (computed once)."""
        folded = self._folded.get(name)
        if folded is None:
            raw = self.entry.text if name == "text" else self.entry.outcome
            if not raw:
                return None
            folded = FoldedText(raw)
            self._folded[name] = folded
        return folded


@dataclass(frozen=True)
class Notice:
    """Something a run wants a human to know that is not a finding (an unmapped value, say)."""

    code: str
    message: str
    case_id: str | None = None
    rule_id: str | None = None


class CaseView:
    """A case prepared for detectors: sorted, normalised, with cached selections."""

    def __init__(self, case: Case, pack: CompiledPack) -> None:
        self.case = case
        self.pack = pack
        self.notices: list[Notice] = []
        # Keyed by the matcher object itself (identity hash), which also keeps it alive.
        self._selected: dict[Matcher, list[EntryView]] = {}
        self._spans: dict[tuple[Matcher, int], list[Span]] = {}
        self._chosen: dict[Matcher, frozenset[int]] = {}
        self._lexicon: dict[tuple[int, str], list[Span]] = {}
        self._identities: dict[float | None, list[PersonCluster]] = {}
        self._mentions: dict[str, list[EntryView]] = {}
        self._names: dict[str, _Names] | None = None
        self._by_word: dict[str, list[EntryView]] | None = None
        roles = pack.vocab["role"]
        statuses = pack.vocab["legal_status"]
        self.people: dict[str, PersonView] = {}
        for person in case.all_people:
            role = roles.normalise(person.role)
            self.people[person.id] = PersonView(
                person,
                role,
                _sex(person.sex) or roles.sex_of(role.term),
                statuses.normalise(person.legal_status),
                roles.label_of(role),
            )
        agencies = pack.vocab["agency"]
        types = pack.vocab["entry_type"]
        views = []
        for file_index, entry in enumerate(case.entries):
            role_tags: set[str] = set()
            for pid in entry.person_ids:
                pv = self.people.get(pid)
                if pv is not None:
                    role_tags |= pv.role.tags
            shared: set[str] = set()
            for name in entry.shared_with:
                shared |= agencies.normalise(name).tags
            views.append(
                EntryView(
                    0,
                    file_index,
                    entry,
                    agencies.normalise(entry.agency),
                    types.normalise(entry.type),
                    frozenset(role_tags),
                    frozenset(shared),
                )
            )
        views.sort(key=_order)
        for index, view in enumerate(views):
            view.index = index
        self.entries: list[EntryView] = views

    @property
    def case_id(self) -> str:
        """The case's id."""
        return self.case.case_id

    @property
    def as_at(self) -> dt.date | None:
        """The reference date: the case's ``reference_date`` or its latest entry date."""
        return self.case.as_at

    @cached_property
    def subjects(self) -> list[PersonView]:
        """The children at the centre: ``subjects``, or everyone whose role is ``child``."""
        if self.case.subjects:
            return [self.people[s] for s in self.case.subjects if s in self.people]
        return [p for p in self.people.values() if p.role.term == "child"]

    def select(self, matcher: Matcher | None) -> list[EntryView]:
        """Entries (in date order) that a compiled selector matches; all when None."""
        if matcher is None:
            return self.entries
        hit = self._selected.get(matcher)
        if hit is None:
            hit = [e for e in self.entries if matcher.matches(e, self)]
            self._selected[matcher] = hit
        return hit

    def matched(self, matcher: Matcher, entry: EntryView) -> bool:
        """Whether a compiled selector matches an entry (answered from the cached selection)."""
        chosen = self._chosen.get(matcher)
        if chosen is None:
            chosen = self._chosen[matcher] = frozenset(e.index for e in self.select(matcher))
        return entry.index in chosen

    def concept_spans(self, entry: EntryView, field_name: str) -> list[Span]:
        """Lexicon concept mentions in one text field of an entry (computed once)."""
        key = (entry.index, field_name)
        spans = self._lexicon.get(key)
        if spans is None:
            folded = entry.text_of(field_name)
            spans = self.pack.lexicon.find(folded, field_name) if folded is not None else []
            self._lexicon[key] = spans
        return spans

    def spans(self, matcher: Matcher, entry: EntryView) -> list[Span]:
        """The text spans that made a selector match an entry (for evidence)."""
        key = (matcher, entry.index)
        spans = self._spans.get(key)
        if spans is None:
            spans = matcher.spans(entry, self)
            self._spans[key] = spans
        return spans

    def identities(self, threshold: float | None = None) -> list[PersonCluster]:
        """Every person record (inline ones too) grouped into people (computed once).

        Records a case links with ``same_as`` are always one person.
        """
        hit = self._identities.get(threshold)
        if hit is None:
            from .identity import PersonCluster, resolve

            identity = self.pack.spec.identity
            clusters = resolve(
                self.case.all_people,
                threshold=threshold,
                name_variants=identity.name_variants,
                surname_variants=identity.surname_variants,
            )
            hit = _join_same_as(clusters, PersonCluster)
            self._identities[threshold] = hit
        return hit

    def entries_naming(self, person_id: str) -> list[EntryView]:
        """Entries (in date order) that name a person, or hold them inline."""
        return [
            e
            for e in self.entries
            if person_id in e.entry.person_ids
            or self.people[person_id].person.inline_in == e.entry.id
        ]

    def is_adult(self, person: PersonView) -> bool | None:
        """Adult by date of birth on the reference date, else by role; None when neither says.

        A role in the ``child`` group (child, sibling) means a child; any other
        role the vocabulary knows means an adult.
        """
        as_at = self.as_at
        if as_at is not None and person.dob is not None:
            age = person.age_on(as_at)
            if age is not None:
                return age >= 18
        if not person.role.term:
            return None
        return "child" not in person.role.tags

    def needs_interpreter(self, person: PersonView) -> bool | None:
        """Interpreter required, or a first language other than English; None if not known."""
        if person.person.interpreter_required is not None:
            return person.person.interpreter_required
        language = " ".join((person.person.first_language or "").lower().split())
        if not language or language in _LANGUAGE_UNKNOWN:
            return None
        return not _ENGLISH.search(language)

    def children_of(self, entry: EntryView) -> list[PersonView]:
        """The children an entry is about: the subjects it names, else every subject."""
        named = [p for p in self.subjects if p.id in entry.entry.person_ids]
        return named or self.subjects

    def mentions_of(self, person_id: str) -> list[EntryView]:
        """Entries that list a person, hold them inline, or name them in the text.

        A name counts when it is a given or family name of three letters or
        more that no other person shares (records the resolver finds to be the
        same person share freely), written with a capital letter as names are
        ("Dean shouted", not "SW will visit" for Will), or the full name as
        whole words.
        """
        hit = self._mentions.get(person_id)
        if hit is None:
            person = self.people[person_id].person
            names = self._name_index().get(person_id)
            by_word = self._entries_by_name_word()
            chosen = {
                e.index: e
                for e in self.entries
                if person_id in e.entry.person_ids or person.inline_in == e.entry.id
            }
            if names is not None:
                for word in names.words:
                    for e in by_word.get(word, ()):
                        if e.index not in chosen and names.pattern.search(e.entry.text or ""):
                            chosen[e.index] = e
            hit = [chosen[i] for i in sorted(chosen)]
            self._mentions[person_id] = hit
        return hit

    def own_name_words(self, person_id: str) -> tuple[str, ...]:
        """A person's folded name words that no other person in the case shares."""
        names = self._name_index().get(person_id)
        return names.words if names is not None else ()

    def _name_index(self) -> dict[str, _Names]:
        if self._names is None:
            cluster_of: dict[str, int] = {}
            for n, cluster in enumerate(self.identities()):
                for member in cluster.members:
                    cluster_of[member.id] = n
            owners: dict[str, set[int | str]] = {}
            for pid, view in self.people.items():
                for word in _name_words(view):
                    owners.setdefault(word, set()).add(cluster_of.get(pid, pid))
            self._names = {}
            for pid, view in self.people.items():
                own = [w for w in _name_words(view) if len(owners[w]) == 1]
                if own:
                    self._names[pid] = _Names.build(own, view)
        return self._names

    def _entries_by_name_word(self) -> dict[str, list[EntryView]]:
        """Entries by the name words their text holds (built once per case)."""
        if self._by_word is None:
            wanted = {w for names in self._name_index().values() for w in names.words}
            index: dict[str, list[EntryView]] = {}
            for e in self.entries:
                folded = e.text_of("text")
                if folded is None:
                    continue
                for word in folded.words & wanted:
                    index.setdefault(word, []).append(e)
            self._by_word = index
        return self._by_word

    def notice_once(self, code: str, message: str) -> None:
        """A notice about the case as a whole, given once however many rules run into it."""
        if not any(n.code == code and n.rule_id is None for n in self.notices):
            self.notice(code, message)

    def notice(self, code: str, message: str, rule_id: str | None = None) -> None:
        """Tell the run something about this case that is not a finding."""
        self.notices.append(Notice(code, message, self.case_id, rule_id))


def _join_same_as(clusters: list[PersonCluster], make: type[PersonCluster]) -> list[PersonCluster]:
    where = {m.id: i for i, c in enumerate(clusters) for m in c.members}
    parent = list(range(len(clusters)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for c in clusters:
        for person in c.members:
            for other in person.same_as:
                if other in where:
                    a, b = root(where[person.id]), root(where[other])
                    if a != b:
                        parent[max(a, b)] = min(a, b)
    if all(parent[i] == i for i in range(len(clusters))):
        return clusters
    groups: dict[int, list[int]] = {}
    for i in range(len(clusters)):
        groups.setdefault(root(i), []).append(i)
    out = []
    for _, idx in sorted(groups.items()):
        members = tuple(m for i in idx for m in clusters[i].members)
        links = tuple(lk for i in idx for lk in clusters[i].links)
        score = min(clusters[i].score for i in idx)
        out.append(make(members, score, links))
    return out


_ENGLISH = re.compile(r"\b(english|eng)\b")
_LANGUAGE_UNKNOWN = frozenset({"not known", "unknown", "nk", "n/k", "not recorded", "-"})


@dataclass(frozen=True)
class _Names:
    """How one person's names are found in notes: candidate words, then a precise pattern."""

    words: tuple[str, ...]
    pattern: re.Pattern[str]

    @classmethod
    def build(cls, words: list[str], view: PersonView) -> _Names:
        # Capitalised or upper case as written ("Dean", "DEAN"); the whole name in any case.
        forms = [re.escape(w[:1].upper() + w[1:]) for w in words]
        forms += [re.escape(w.upper()) for w in words]
        full = view.person.parsed_name.display
        alternatives = "|".join(forms)
        if full and " " in full:
            alternatives += "|(?i:" + r"\s+".join(re.escape(p) for p in full.split()) + ")"
        return cls(tuple(words), re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w])"))


def _name_words(view: PersonView) -> list[str]:
    """The folded given and family names of a record (placeholder words left out)."""
    parsed = view.person.parsed_name
    parts = [] if parsed.placeholder else list(parsed.given)
    if parsed.family:
        parts.append(parsed.family)
    words = []
    for part in parts:
        for raw in part.lower().replace("-", " ").split():
            word = raw.strip(".,'()")
            if len(word) >= 3 and word.isalpha():
                words.append(word)
    return words


def agencies_of(entries: Sequence[EntryView]) -> set[str]:
    """The distinct agencies of some entries; an entry with no agency adds none."""
    return {e.agency.value for e in entries if e.agency.value}


def _order(view: EntryView) -> tuple[int, dt.date, dt.date, int]:
    d = view.entry.date
    if d is None:
        return (1, dt.date.max, dt.date.max, view.file_index)
    return (0, d.earliest, d.latest, view.file_index)


def _sex(raw: str | None) -> str | None:
    if not raw:
        return None
    key = raw.strip().casefold()
    if key in ("m", "male", "man", "boy"):
        return "male"
    if key in ("f", "female", "woman", "girl"):
        return "female"
    return None
