"""Folding name words to comparable ASCII tokens, and gendered surname forms.

Plain Unicode decomposition drops letters that have no decomposition
(``Ł``, ``Ø``, ``ß``), so names are transliterated with ``anyascii``, which
keeps them (``Łukasz`` -> ``lukasz``, ``Øyvind`` -> ``oyvind``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_WORD_SPLIT = re.compile(r"[\s\-\u2010\u2011\u2013]+")


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """One name word as lower-case ASCII letters and digits (apostrophes and dots removed)."""
    return _NOT_ALNUM.sub("", anyascii(word).lower())


def fold_words(text: str | None) -> tuple[str, ...]:
    """The folded words of a name part; hyphens and spaces both separate words."""
    if not text:
        return ()
    return tuple(w for w in (fold_word(p) for p in _WORD_SPLIT.split(text)) if w)


# Slavic and Baltic family names change their ending with the bearer's sex. Each
# entry: (male ending, female ending); the stem is what is left. Longer endings
# first so that 'cki' is tried before 'ki'.
_GENDERED_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("dzki", ("dzka",)),
    ("cki", ("cka",)),
    ("ski", ("ska",)),
    ("zki", ("zka",)),
    ("ov", ("ova",)),
    ("ev", ("eva",)),
    ("in", ("ina",)),
    ("y", ("a",)),  # Czech adjectival names: Cerny / Cerna
    ("as", ("iene", "aite", "yte")),  # Lithuanian
    ("is", ("iene", "yte", "ute")),
    ("ys", ("iene", "yte")),
    ("us", ("iene", "ute", "iute")),
)


@lru_cache(maxsize=65536)
def gendered_stems(word: str) -> frozenset[tuple[str, str]]:
    """(stem, sex) readings of a folded surname whose ending marks the bearer's sex.

    ``kowalska`` reads as ('kowal', 'f'); ``novakova`` as ('novak', 'f') and
    ``novak`` as ('novak', 'm'), since Czech female names add ``-ova`` to the
    male form. A word may have several readings; most have none.
    """
    readings: set[tuple[str, str]] = set()
    if len(word) < 4:
        return frozenset()
    for male, females in _GENDERED_ENDINGS:
        if word.endswith(male) and len(word) - len(male) >= 3:
            readings.add((word[: -len(male)], "m"))
        for female in females:
            if word.endswith(female) and len(word) - len(female) >= 3:
                readings.add((word[: -len(female)], "f"))
    if word.endswith("ova") and len(word) > 6:  # Czech / Slovak: Novak -> Novakova
        readings.add((word[:-3], "f"))
        readings.add((word[:-3] + "a", "f"))  # Svoboda -> Svobodova
    if not any(word.endswith(m) for m, _ in _GENDERED_ENDINGS):
        readings.add((word, "m"))  # a bare Czech male form: Novak, Svoboda
    return frozenset(readings)


def same_family_name_forms(a: str, b: str) -> tuple[str, str] | None:
    """If ``a`` and ``b`` are the male and female forms of one surname, their sexes (a, b)."""
    if a == b:
        return None
    for stem_a, sex_a in gendered_stems(a):
        for stem_b, sex_b in gendered_stems(b):
            if stem_a == stem_b and sex_a != sex_b:
                return sex_a, sex_b
    return None
