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
from typing import TYPE_CHECKING, Any

import re2

from ._errors import PackError

if TYPE_CHECKING:
    from .narrative._context import Context, ContextRules

_TOKEN = re.compile(r"\w+|[^\w\s]")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an entry's text that a rule matched (end is exclusive)."""

    field: str
    start: int
    end: int
    text: str
    concept: str | None = None
    context: Context | None = None  # what the surrounding words say (lexicon matches only)


class FoldedText:
    """A lower-cased copy of a text with a map back to the original's offsets."""

    __slots__ = ("_map", "_tokens", "_words", "folded", "original")

    def __init__(self, original: str) -> None:
        self.original = original
        self._tokens: list[tuple[int, int, str]] | None = None
        self._words: frozenset[str] | None = None
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

    @property
    def tokens(self) -> list[tuple[int, int, str]]:
        """Word tokens and punctuation marks of the folded text, with offsets (computed once)."""
        if self._tokens is None:
            self._tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.folded)]
        return self._tokens

    @property
    def words(self) -> frozenset[str]:
        """The distinct folded tokens, for whole-word look-ups."""
        if self._words is None:
            self._words = frozenset(t[2] for t in self.tokens)
        return self._words

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text for offsets in the folded copy."""
        if self._map is None:
            return start, end
        last = self._map[end - 1] + 1 if end > start else self._map[start]
        return self._map[start], last


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().translate(_QUOTES))


class TermIndex:
    """Many terms compiled into one token trie, matched in a single pass over a text.

    Terms and texts are split into word tokens and single punctuation marks,
    so spacing differences do not matter and word boundaries come for free
    ('?DV', 'S.47' and 'A&E' match as written). Every match at every start is
    found, overlapping ones included; callers choose among them.
    """

    def __init__(self, terms: Mapping[str, Sequence[str]]) -> None:
        # terms: the text of each term -> the labels it carries (concept names)
        self._labels: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        for term, labels in terms.items():
            key = tuple(_tokens(term))
            if not key:
                continue
            self._labels[key] = tuple(dict.fromkeys([*self._labels.get(key, ()), *labels]))
            for i in range(1, len(key)):
                self._prefixes.add(key[:i])
        self.empty = not self._labels

    def find(self, text: FoldedText) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, labels) in folded-text offsets for every term occurrence."""
        spans = text.tokens
        return [(spans[i][0], spans[j - 1][1], labels) for i, j, labels in self.find_tokens(text)]

    def find_tokens(self, text: FoldedText) -> list[tuple[int, int, tuple[str, ...]]]:
        """(first token, token after the last, labels) for every term occurrence."""
        if self.empty:
            return []
        spans = text.tokens
        found = []
        labels_of = self._labels
        prefixes = self._prefixes
        for i in range(len(spans)):
            key: tuple[str, ...] = ()
            for j in range(i, len(spans)):
                key = (*key, spans[j][2])
                labels = labels_of.get(key)
                if labels is not None:
                    found.append((i, j + 1, labels))
                if key not in prefixes:
                    break
        return found


PHRASE_LABEL = "phrase:"  # labels of selector phrase lists; concept ids never contain ':'


class Lexicon:
    """All concepts of a pack, and every phrase list its selectors use, in one token trie.

    One pass over an entry's text finds every concept mention and every
    selector phrase at once; the case view caches the result per entry, so
    each text is scanned once however many rules ask about it.
    """

    def __init__(
        self, concepts: Mapping[str, Sequence[str]], context: ContextRules | None = None
    ) -> None:
        self.concepts = {name: list(terms) for name, terms in concepts.items()}
        self.context = context
        self._owners: dict[str, list[str]] = {}
        for name, terms in concepts.items():
            for term in terms:
                self._owners.setdefault(term, []).append(name)
        self._phrase_labels: dict[tuple[str, ...], str] = {}
        self._index: TermIndex | None = None

    def add_phrases(self, phrases: Iterable[str]) -> str:
        """Register a selector's phrase list; returns the label its matches will carry."""
        if self._index is not None:
            raise RuntimeError("phrases must be added before the lexicon is first used")
        key = tuple(sorted({p.strip() for p in phrases if p.strip()}))
        label = self._phrase_labels.get(key)
        if label is None:
            label = f"{PHRASE_LABEL}{len(self._phrase_labels)}"
            self._phrase_labels[key] = label
            for phrase in key:
                self._owners.setdefault(phrase, []).append(label)
        return label

    def find(self, text: FoldedText, field: str) -> list[Span]:
        """Concept and phrase mentions in a text, each with its label and context.

        With context rules, overlapping mentions of one label are narrowed to the
        longest, and each mention carries what its surrounding words say about it.
        """
        if self._index is None:
            self._index = TermIndex(self._owners)
        spans: list[Span] = []
        tokens = text.tokens
        if self.context is not None:
            for m in self.context.apply(text, self._index.find_tokens(text)):
                a, b = text.original_span(tokens[m.first][0], tokens[m.end - 1][1])
                spans.append(Span(field, a, b, text.original[a:b], m.label, m.context))
            return spans
        for start, end, labels in self._index.find(text):
            a, b = text.original_span(start, end)
            for label in labels:
                spans.append(Span(field, a, b, text.original[a:b], label))
        return spans

    def mentions(self, text: str, concepts: frozenset[str]) -> bool:
        """Whether a short text (a person field, say) affirms one of the concepts."""
        for span in self.find(FoldedText(text), "value"):
            c = span.context
            if span.concept in concepts and (c is None or not (c.negated or c.hypothetical)):
                return True
        return False


class SafeRegex:
    """A pack-supplied regular expression, run on RE2 so no pattern can take exponential time."""

    def __init__(self, pattern: str, *, where: dict[str, Any] | None = None) -> None:
        options = re2.Options()
        options.case_sensitive = False
        options.max_mem = 64 << 20
        options.log_errors = False  # the error is reported as a PackError instead
        try:
            self._regex = re2.compile(pattern, options)
        except re2.error as exc:
            reason = exc.args[0] if exc.args else exc
            if isinstance(reason, bytes):
                reason = reason.decode("utf-8", "replace")
            raise PackError(
                f"the regular expression is not valid RE2 syntax ({reason}); RE2 has no "
                "backreferences or look-around",
                **(where or {}),
            ) from None

    def find(self, text: FoldedText, field: str) -> list[Span]:
        """Every non-overlapping match in the original text."""
        spans = []
        # Runs on the folded copy, like phrases, so quote styles do not matter.
        for m in self._regex.finditer(text.folded):
            a, b = text.original_span(m.start(), m.end())
            spans.append(Span(field, a, b, text.original[a:b]))
        return spans
