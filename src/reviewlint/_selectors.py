"""Entry selectors compiled into matcher objects, once per pack.

A selector in YAML is declarative data (see :class:`Selector`); compiling
resolves vocabulary terms, builds phrase patterns and RE2 regexes, and
checks every name it uses, so a typo is a pack error at load time and
matching an entry is only set look-ups and pre-built patterns.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from ._errors import PackError
from ._packs._schema import AgeWindow, PersonMatch, Selector, TextMatch
from ._text import Lexicon, SafeRegex, Span
from ._vocab import Vocabulary

if TYPE_CHECKING:
    from ._case_view import CaseView, EntryView, PersonView


class Matcher:
    """A compiled selector: does an entry match, and which text made it match."""

    # Rough price of one evaluation; `all` and `any` try cheap parts first,
    # so a set look-up on the entry type usually spares a text scan.
    cost = 1

    def matches(self, entry: EntryView, case: CaseView) -> bool:
        """True when the entry satisfies the condition."""
        raise NotImplementedError

    def spans(self, entry: EntryView, case: CaseView) -> list[Span]:
        """Text spans supporting a match (positive text conditions only)."""
        return []


class _All(Matcher):
    def __init__(self, parts: list[Matcher]) -> None:
        self.parts = sorted(parts, key=lambda m: m.cost)
        self.cost = sum(p.cost for p in parts)

    def matches(self, entry: EntryView, case: CaseView) -> bool:
        return all(p.matches(entry, case) for p in self.parts)

    def spans(self, entry: EntryView, case: CaseView) -> list[Span]:
        if not self.matches(entry, case):
            return []
        return [s for p in self.parts for s in p.spans(entry, case)]


class _Any(Matcher):
    def __init__(self, parts: list[Matcher]) -> None:
        self.parts = sorted(parts, key=lambda m: m.cost)
        self.cost = sum(p.cost for p in parts)

    def matches(self, entry: EntryView, case: CaseView) -> bool:
        return any(p.matches(entry, case) for p in self.parts)

    def spans(self, entry: EntryView, case: CaseView) -> list[Span]:
        return [s for p in self.parts if p.matches(entry, case) for s in p.spans(entry, case)]


class _Not(Matcher):
    def __init__(self, part: Matcher) -> None:
        self.part = part
        self.cost = part.cost

    def matches(self, entry: EntryView, case: CaseView) -> bool:
        return not self.part.matches(entry, case)


class _Tags(Matcher):
    def __init__(self, wanted: frozenset[str], get: Callable[[EntryView], frozenset[str]]) -> None:
        self.wanted = wanted
        self.get = get

    def matches(self, entry: EntryView, case: CaseView) -> bool:
        return not self.wanted.isdisjoint(self.get(entry))


class _Tristate(Matcher):
    def __init__(self, name: str, wanted: bool | None) -> None:
        self.name = name
        self.wanted = wanted

    def matches(self, entry: EntryView, case: CaseView) -> bool:
        value: bool | None = getattr(entry.entry, self.name)
        return value is self.wanted


class _Missing(Matcher):
    def __init__(self, names: list[str]) -> None:
        self.names = names

    def matches(self, entry: EntryView, case: CaseView) -> bool:
        for name in self.names:
            value = getattr(entry.entry, name)
            if value is None or value == [] or (isinstance(value, str) and not value.strip()):
                return True
        return False


class _Date(Matcher):
    def __init__(self, selector: Selector) -> None:
        window = selector.date
        assert window is not None
        self.window = window

    def matches(self, entry: EntryView, case: CaseView) -> bool:
        w = self.window
        d = entry.entry.date
        if w.missing is not None:
            if (d is None) != w.missing:
                return False
            if d is None:
                return True
        if d is None:
            return False
        if w.precision is not None and d.precision.value not in w.precision:
            return False
        if w.after is not None and d.latest < w.after:
            return False
        if w.before is not None and d.earliest > w.before:
            return False
        if w.within_days is not None:
            as_at = case.as_at
            if as_at is None or d.latest < as_at - timedelta(days=w.within_days):
                return False
        return True


class _Text(Matcher):
    cost = 20

    def __init__(self, fields: tuple[str, ...]) -> None:
        self.fields = fields

    def _find(self, entry: EntryView, case: CaseView, name: str) -> list[Span]:
        raise NotImplementedError

    def matches(self, entry: EntryView, case: CaseView) -> bool:
        return any(self._find(entry, case, name) for name in self.fields)

    def spans(self, entry: EntryView, case: CaseView) -> list[Span]:
        return [s for name in self.fields for s in self._find(entry, case, name)]


class ContextFilter:
    """Which mentions count, by what the words around them say (see TextMatch)."""

    __slots__ = ("experiencer", "flags")

    def __init__(self, t: TextMatch) -> None:
        self.flags = tuple(
            (name, value)
            for name in (
                "negated",
                "denied",
                "uncertain",
                "hypothetical",
                "historical",
                "challenged",
            )
            if (value := getattr(t, name)) != "any"
        )
        self.experiencer = t.experiencer

    def accepts(self, span: Span) -> bool:
        """Whether a mention's context meets the condition."""
        c = span.context
        if c is None:
            return True
        for name, wanted in self.flags:
            if getattr(c, name) is not wanted:
                return False
        return self.experiencer == "any" or c.experiencer == self.experiencer


class _Phrase(_Text):
    def __init__(self, fields: tuple[str, ...], label: str, context: ContextFilter) -> None:
        super().__init__(fields)
        self.label = label
        self.context = context

    def _find(self, entry: EntryView, case: CaseView, name: str) -> list[Span]:
        # Phrase matches are not concepts: evidence shows the words, no concept name.
        return [
            Span(s.field, s.start, s.end, s.text)
            for s in case.concept_spans(entry, name)
            if s.concept == self.label and self.context.accepts(s)
        ]


class _Regex(_Text):
    def __init__(self, fields: tuple[str, ...], regex: SafeRegex) -> None:
        super().__init__(fields)
        self.regex = regex

    def _find(self, entry: EntryView, case: CaseView, name: str) -> list[Span]:
        folded = entry.text_of(name)
        return self.regex.find(folded, name) if folded is not None else []


class _Concept(_Text):
    def __init__(
        self, fields: tuple[str, ...], concepts: frozenset[str], context: ContextFilter
    ) -> None:
        super().__init__(fields)
        self.concepts = concepts
        self.context = context

    def _find(self, entry: EntryView, case: CaseView, name: str) -> list[Span]:
        return [
            s
            for s in case.concept_spans(entry, name)
            if s.concept in self.concepts and self.context.accepts(s)
        ]


class PersonMatcher:
    """A compiled :class:`PersonMatch`: does a person record qualify."""

    def __init__(
        self,
        spec: PersonMatch,
        roles: frozenset[str] | None,
        not_roles: frozenset[str] | None,
    ) -> None:
        self.spec = spec
        self.roles = roles
        self.not_roles = not_roles
        self.concepts = frozenset(spec.disability_concept or ())

    def matches(self, person: PersonView, case: CaseView) -> bool:
        """True when the person record satisfies every condition."""
        s = self.spec
        tags = person.role.tags
        if self.roles is not None and self.roles.isdisjoint(tags):
            return False
        if self.not_roles is not None and not self.not_roles.isdisjoint(tags):
            return False
        if s.sex is not None and person.sex != s.sex:
            return False
        if s.lives_with_subject is not None:
            wanted = None if s.lives_with_subject == "unknown" else s.lives_with_subject
            if person.person.lives_with_subject is not wanted:
                return False
        if s.household is not None and (person.person.lives_with_subject is not False) != (
            s.household
        ):
            return False
        if s.subject is not None and (person in case.subjects) != s.subject:
            return False
        if s.adult is not None and case.is_adult(person) is not s.adult:
            return False  # unknown age and role match neither
        if s.dob_recorded is not None and (person.dob is not None) != s.dob_recorded:
            return False
        disability = person.person.disability
        has_disability = bool(disability) and not (
            isinstance(disability, str) and disability.strip().lower() in _NO_DISABILITY
        )
        if s.disability is not None and has_disability != s.disability:
            return False
        if self.concepts:
            if not isinstance(disability, str) or not has_disability:
                return False
            if not case.pack.lexicon.mentions(disability, self.concepts):
                return False
        return s.needs_interpreter is None or case.needs_interpreter(person) is s.needs_interpreter


_NO_DISABILITY = frozenset(
    {"", "no", "none", "n/a", "na", "nil", "false", "not known", "unknown", "none known",
     "nil known", "nkd", "no known disability", "none recorded", "not applicable", "no disability"}
)  # fmt: skip


class _Person(Matcher):
    cost = 3

    def __init__(self, person: PersonMatcher) -> None:
        self.person = person

    def matches(self, entry: EntryView, case: CaseView) -> bool:
        for pid in entry.entry.person_ids:
            view = case.people.get(pid)
            if view is not None and self.person.matches(view, case):
                return True
        return False


class _ChildAge(Matcher):
    cost = 3

    def __init__(self, window: AgeWindow) -> None:
        self.window = window

    def matches(self, entry: EntryView, case: CaseView) -> bool:
        if entry.entry.date is None:
            return False
        if case.subjects and all(p.dob is None for p in case.subjects):
            case.notice_once(
                "needs-dob",
                "no child at the centre of the case has a date of birth, so checks that "
                "depend on the child's age at the time were skipped",
            )
            return False
        day = entry.entry.date.earliest
        w = self.window
        for child in case.children_of(entry):
            age = child.age_on(day)
            if age is None:
                continue
            if w.min_years is not None and age < w.min_years:
                continue
            if w.max_years is not None and age >= w.max_years:
                continue
            return True
        return False


class SelectorCompiler:
    """Compiles selectors against one pack's vocabularies and lexicon concepts."""

    def __init__(
        self,
        vocab: dict[str, Vocabulary],
        lexicon: Lexicon,
        error: Callable[[str, tuple[str | int, ...]], PackError],
    ) -> None:
        self.vocab = vocab
        self.lexicon = lexicon
        self.concepts = frozenset(lexicon.concepts)
        self.error = error

    def compile(self, selector: Selector, loc: tuple[str | int, ...]) -> Matcher:
        """Turn a selector into a matcher; ``loc`` says where it is, for errors."""
        parts: list[Matcher] = []
        s = selector
        if s.all_ is not None:
            parts.append(_All([self.compile(x, (*loc, "all", i)) for i, x in enumerate(s.all_)]))
        if s.any_ is not None:
            parts.append(_Any([self.compile(x, (*loc, "any", i)) for i, x in enumerate(s.any_)]))
        if s.not_ is not None:
            parts.append(_Not(self.compile(s.not_, (*loc, "not"))))
        if s.type is not None:
            wanted = self._terms("entry_type", s.type, (*loc, "type"))
            parts.append(_Tags(wanted, lambda e: e.type.tags))
        if s.agency is not None:
            wanted = self._terms("agency", s.agency, (*loc, "agency"))
            parts.append(_Tags(wanted, lambda e: e.agency.tags))
        if s.role is not None:
            wanted = self._terms("role", s.role, (*loc, "role"))
            parts.append(_Tags(wanted, lambda e: e.role_tags))
        if s.shared_with is not None:
            wanted = self._terms("agency", s.shared_with, (*loc, "shared_with"))
            parts.append(_Tags(wanted, lambda e: e.shared_tags))
        for name in ("attended", "child_seen", "child_seen_alone", "interpreter_used"):
            value = getattr(s, name)
            if value is not None:
                parts.append(_Tristate(name, None if value == "unknown" else bool(value)))
        if s.date is not None:
            parts.append(_Date(s))
        if s.missing is not None:
            parts.append(_Missing(s.missing))
        if s.person is not None:
            parts.append(_Person(self.compile_person(s.person, (*loc, "person"))))
        if s.child_age is not None:
            parts.append(_ChildAge(s.child_age))
        if s.text is not None:
            texts = s.text if isinstance(s.text, list) else [s.text]
            for i, t in enumerate(texts):
                where = (*loc, "text", i) if isinstance(s.text, list) else (*loc, "text")
                parts.append(self._text(t, where))
        return parts[0] if len(parts) == 1 else _All(parts)

    def compile_person(self, spec: PersonMatch, loc: tuple[str | int, ...]) -> PersonMatcher:
        """Turn a person condition into a matcher; ``loc`` says where it is, for errors."""
        roles = self._terms("role", spec.role, (*loc, "role")) if spec.role else None
        not_roles = (
            self._terms("role", spec.not_role, (*loc, "not_role")) if spec.not_role else None
        )
        for name in spec.disability_concept or ():
            self._check_concept(name, (*loc, "disability_concept"))
        return PersonMatcher(spec, roles, not_roles)

    def _check_concept(self, name: str, loc: tuple[str | int, ...]) -> None:
        if name not in self.concepts:
            close = difflib.get_close_matches(name, sorted(self.concepts), n=1)
            hint = f" — did you mean {close[0]!r}?" if close else ""
            raise self.error(f"unknown lexicon concept {name!r}{hint}", loc)

    def _terms(self, kind: str, values: list[str], loc: tuple[str | int, ...]) -> frozenset[str]:
        vocab = self.vocab[kind]
        out = set()
        for value in values:
            resolved = vocab.resolve_selector_value(value)
            if resolved is None:
                label = kind.replace("_", " ")
                hint = vocab.suggest(value)
                message = f"{label} {value!r} is not a term or group of the pack's vocabulary"
                if hint:
                    message += f" — did you mean {hint!r}?"
                else:
                    message += f" (add it under vocabularies.{kind})"
                raise self.error(message, loc)
            out.add(resolved)
        return frozenset(out)

    def _text(self, t: TextMatch, loc: tuple[str | int, ...]) -> Matcher:
        fields: tuple[str, ...] = ("text", "outcome") if t.field == "any" else (t.field,)
        if t.phrase is not None:
            return _Phrase(fields, self.lexicon.add_phrases(t.phrase), ContextFilter(t))
        if t.concept is not None:
            for name in t.concept:
                self._check_concept(name, (*loc, "concept"))
            return _Concept(fields, frozenset(t.concept), ContextFilter(t))
        assert t.regex is not None
        err = self.error("", (*loc, "regex"))
        where = {"path": err.path, "line": err.line, "column": err.column, "rule_id": err.rule_id}
        return _Regex(fields, SafeRegex(t.regex, where=where))
