"""Finding words in narrative text without altering it.

Matching runs on a folded copy (lower case, straight quotes); spans are
always reported in the original string, even where folding changes a
string's length (``İ`` lower-cases to two characters). Lexicon concepts
are compiled into one pattern per pack, applied once per entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import re2

from ._errors import PackError

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an entry's text that a rule matched (end is exclusive)."""

    field: str
    start: int
    end: int
    text: str
    concept: str | None = None


class FoldedText:
    """A lower-cased copy of a text with a map back to the original's offsets."""

    __slots__ = ("_map", "folded", "original")

    def __init__(self, original: str) -> None:
        self.original = original
        folded = original.lower().translate(_QUOTES)
        if len(folded) == len(original):
            self.folded = folded
            self._map: list[int] | None = None
            return
        pieces: list[str] = []
        mapping: list[int] = []
        for index, char in enumerate(original):
            low = char.lower().translate(_QUOTES)
            pieces.append(low)
            mapping.extend([index] * len(low))
        mapping.append(len(original))
        self.folded = "".join(pieces)
        self._map = mapping

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text for offsets in the folded copy."""
        if self._map is None:
            return start, end
        last = self._map[end - 1] + 1 if end > start else self._map[start]
        return self._map[start], last


def _term_pattern(term: str) -> str:
    words = term.lower().translate(_QUOTES).split()
    body = r"\s+".join(re.escape(w) for w in words)
    # Word boundaries only where the term starts or ends with a word character,
    # so '?DV' and 'S.47' still match at their edges.
    left = r"(?<!\w)" if words and re.match(r"\w", words[0][0]) else ""
    right = r"(?!\w)" if words and re.match(r"\w", words[-1][-1]) else ""
    return f"{left}{body}{right}"


class PhraseSet:
    """Literal phrases compiled into one case-insensitive, word-bounded pattern."""

    def __init__(self, phrases: Iterable[str]) -> None:
        terms = sorted({p.strip() for p in phrases if p.strip()}, key=lambda t: (-len(t), t))
        self._pattern = re.compile("|".join(_term_pattern(t) for t in terms)) if terms else None

    def find(self, text: FoldedText, field: str) -> list[Span]:
        """Every non-overlapping occurrence, leftmost and longest first."""
        if self._pattern is None:
            return []
        spans = []
        for m in self._pattern.finditer(text.folded):
            start, end = text.original_span(m.start(), m.end())
            spans.append(Span(field, start, end, text.original[start:end]))
        return spans


class Lexicon:
    """All concepts of a pack, compiled once into a single pattern."""

    def __init__(self, concepts: Mapping[str, Sequence[str]]) -> None:
        self.concepts = {name: list(terms) for name, terms in concepts.items()}
        self._owner: dict[str, list[str]] = {}
        for name, terms in concepts.items():
            for term in terms:
                key = " ".join(term.lower().translate(_QUOTES).split())
                if key:
                    self._owner.setdefault(key, []).append(name)
        keys = sorted(self._owner, key=lambda t: (-len(t), t))
        self._pattern = re.compile("|".join(_term_pattern(k) for k in keys)) if keys else None

    def find(self, text: FoldedText, field: str) -> list[Span]:
        """Concept mentions in a text, each tagged with its concept."""
        if self._pattern is None:
            return []
        spans: list[Span] = []
        for m in self._pattern.finditer(text.folded):
            key = " ".join(m.group().split())
            start, end = text.original_span(m.start(), m.end())
            for concept in self._owner.get(key, ()):
                spans.append(Span(field, start, end, text.original[start:end], concept))
        return spans


class SafeRegex:
    """A pack-supplied regular expression, run on RE2 so no pattern can take exponential time."""

    def __init__(self, pattern: str, *, where: dict[str, Any] | None = None) -> None:
        options = re2.Options()
        options.case_sensitive = False
        options.max_mem = 64 << 20
        try:
            self._regex = re2.compile(pattern, options)
        except re2.error as exc:
            raise PackError(
                f"the regular expression is not valid RE2 syntax ({exc}); RE2 has no "
                "backreferences or look-around",
                **(where or {}),
            ) from None

    def find(self, text: FoldedText, field: str) -> list[Span]:
        """Every non-overlapping match in the original text."""
        return [
            Span(field, m.start(), m.end(), text.original[m.start() : m.end()])
            for m in self._regex.finditer(text.original)
        ]
