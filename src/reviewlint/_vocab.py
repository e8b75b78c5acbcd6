"""Vocabularies: the many ways agencies, entry types and roles are recorded, mapped to terms.

``S47``, ``Section 47 enquiry`` and ``s.47`` all mean ``section_47``. A term
may belong to groups (``section_47`` is in ``escalation``); rules select by
term or group. A value no vocabulary maps is kept as recorded, and the run
reports it once so a local pack can map it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ._packs._schema import Term

_SEPARATORS = re.compile(r"[^\w']+")


def vocab_key(raw: str) -> str:
    """The comparison form of a recorded value: case, dots, spacing and quote style ignored."""
    folded = raw.casefold().replace("\u2019", "'").replace("\u2018", "'").replace(".", "")
    return _SEPARATORS.sub(" ", folded).strip()


@dataclass(frozen=True, slots=True)
class Normalised:
    """A recorded value and what the vocabulary made of it."""

    recorded: str
    term: str | None  # None when no vocabulary entry maps it
    tags: frozenset[str]  # the term and its groups; the value's key when unmapped

    @property
    def value(self) -> str:
        """The canonical term, or the recorded value's key when unmapped."""
        return self.term if self.term is not None else (next(iter(self.tags), ""))


@dataclass
class Vocabulary:
    """One compiled vocabulary (agencies, entry types or roles)."""

    kind: str
    terms: Mapping[str, Term]
    _lookup: dict[str, str] = field(default_factory=dict)
    _groups: dict[str, frozenset[str]] = field(default_factory=dict)
    _cache: dict[str, Normalised] = field(default_factory=dict)
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for term, spec in self.terms.items():
            self._lookup[vocab_key(term)] = term
            self._lookup[vocab_key(term.replace("_", " "))] = term
            self._groups[term] = frozenset([term, *spec.groups])
        for term, spec in self.terms.items():
            for written in [spec.label or "", *spec.synonyms]:
                key = vocab_key(written)
                if not key:
                    continue
                owner = self._lookup.get(key)
                if owner is not None and owner != term:
                    self.conflicts.append((written, owner, term))
                    continue
                self._lookup[key] = term

    @property
    def group_names(self) -> frozenset[str]:
        """Every group any term belongs to."""
        return frozenset(g for spec in self.terms.values() for g in spec.groups)

    def normalise(self, raw: str | None) -> Normalised:
        """Map a recorded value to its term and groups (cached: values repeat a lot)."""
        if raw is None:
            return _EMPTY
        hit = self._cache.get(raw)
        if hit is not None:
            return hit
        key = vocab_key(raw)
        term = self._lookup.get(key)
        if term is not None:
            result = Normalised(raw, term, self._groups[term])
        else:
            result = Normalised(raw, None, frozenset([key]) if key else frozenset())
        if len(self._cache) < 100_000:
            self._cache[raw] = result
        return result

    def resolve_selector_value(self, value: str) -> str | None:
        """What a selector value means: a term, a group, or a recorded form of a term."""
        if value in self.terms or value in self.group_names:
            return value
        return self._lookup.get(vocab_key(value))

    def suggest(self, value: str) -> str | None:
        """The closest known term or group, for 'did you mean' messages."""
        names = sorted(set(self.terms) | self.group_names)
        close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
        return close[0] if close else None

    def label_of(self, value: Normalised) -> str:
        """How to name a normalised value in a sentence: its term's label, else as recorded."""
        spec = self.terms.get(value.term) if value.term else None
        if spec is not None:
            return spec.label or (value.term or "").replace("_", " ")
        return value.recorded.strip()

    def written_forms(self, term: str) -> list[str]:
        """Every way the vocabulary knows a term is written: term, label and synonyms."""
        spec = self.terms.get(term)
        if spec is None:
            return []
        return [term.replace("_", " "), *([spec.label] if spec.label else []), *spec.synonyms]

    def sex_of(self, term: str | None) -> str | None:
        """The sex a role implies (father: male), if the vocabulary says."""
        spec = self.terms.get(term) if term else None
        return spec.sex if spec else None


_EMPTY = Normalised("", None, frozenset())


def merge_terms(base: Mapping[str, Term], extra: Mapping[str, Term]) -> dict[str, Term]:
    """Combine two vocabularies: synonyms and groups add up; labels and sex are replaced."""
    merged = dict(base)
    for term, spec in extra.items():
        old = merged.get(term)
        if old is None:
            merged[term] = spec
            continue
        merged[term] = Term(
            label=spec.label or old.label,
            synonyms=_unique([*old.synonyms, *spec.synonyms]),
            groups=_unique([*old.groups, *spec.groups]),
            sex=spec.sex or old.sex,
        )
    return merged


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
