"""Concepts in case notes, and what the words around them say about each mention.

:func:`annotate` finds concept mentions ("DV", "smelt of alcohol", "J said
she is scared") in a text and tells, for each, whether it is negated ("no
DV"), denied ("Mum denies DV"), uncertain ("?DV", "alleged"), hypothetical
("if Dad returns"), historical ("history of DV"), about someone outside the
family ("maternal grandmother had depression") or quoted in order to be
challenged. Rules use the same machinery through ``text:`` selectors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .._text import FoldedText, TermIndex
from ._context import Context, ContextRules

__all__ = [
    "Context",
    "ContextRules",
    "Match",
    "annotate",
    "builtin_concepts",
    "builtin_context",
    "builtin_context_spec",
]


@dataclass(frozen=True, slots=True)
class Match:
    """One concept mention: where it is in the original text, and its modifiers."""

    concept: str
    start: int
    end: int
    text: str
    negated: bool = False
    denied: bool = False
    uncertain: bool = False
    hypothetical: bool = False
    historical: bool = False
    experiencer: str = "family"
    challenged: bool = False

    @property
    def affirmed(self) -> bool:
        """Present, current and about the family: not negated, hypothetical or another's."""
        return not (self.negated or self.hypothetical or self.experiencer == "other")


def _pack_dir() -> Any:
    from .._packs._loader import builtin_pack_dir

    return builtin_pack_dir() / "scr-core"


@lru_cache(maxsize=1)
def _builtin_context_data() -> dict[str, Any]:
    from .._packs._yaml import read_yaml

    path = _pack_dir() / "context.yaml"
    data, _ = read_yaml(path.read_text(encoding="utf-8"), path)
    return dict(data or {})


def builtin_context_spec() -> dict[str, Any]:
    """The built-in trigger lists as plain data (a fresh copy)."""
    import copy

    return copy.deepcopy(_builtin_context_data())


@lru_cache(maxsize=1)
def builtin_context() -> ContextRules:
    """The context triggers that ship with reviewlint (``rules/scr-core/context.yaml``)."""
    return ContextRules(_builtin_context_data())


@lru_cache(maxsize=1)
def builtin_concepts() -> dict[str, tuple[str, ...]]:
    """The concepts of the built-in ``scr-core`` pack, with their terms."""
    from .. import load_pack

    spec = load_pack("scr-core").spec
    return {name: tuple(c.terms) for name, c in spec.lexicons.items()}


@lru_cache(maxsize=8)
def _index(concepts: tuple[tuple[str, tuple[str, ...]], ...]) -> TermIndex:
    owners: dict[str, list[str]] = {}
    for name, terms in concepts:
        for term in terms:
            owners.setdefault(term, []).append(name)
    return TermIndex(owners)


def annotate(
    text: str,
    concepts: Mapping[str, Sequence[str]] | None = None,
    *,
    context: ContextRules | None = None,
) -> list[Match]:
    """Find concept mentions in a text, each with its span and modifiers.

    Args:
        text: any narrative text (a case note, an outcome, a sentence).
        concepts: concept name -> terms, for ad-hoc use (``{"target":
            ["edema"]}``); by default the concepts of the built-in pack.
        context: trigger rules; by default the built-in ones.

    Returns:
        Matches in text order. Spans are offsets in ``text`` as given, even
        where lower-casing changes a string's length.
    """
    chosen = builtin_concepts() if concepts is None else concepts
    key = tuple(sorted((name, tuple(terms)) for name, terms in chosen.items()))
    index = _index(key)
    rules = context or builtin_context()
    folded = FoldedText(text)
    tokens = folded.tokens
    out = []
    for mention in rules.apply(folded, index.find_tokens(folded)):
        a, b = folded.original_span(tokens[mention.first][0], tokens[mention.end - 1][1])
        c = mention.context
        out.append(
            Match(
                mention.label,
                a,
                b,
                text[a:b],
                negated=c.negated,
                denied=c.denied,
                uncertain=c.uncertain,
                hypothetical=c.hypothetical,
                historical=c.historical,
                experiencer=c.experiencer,
                challenged=c.challenged,
            )
        )
    return out
