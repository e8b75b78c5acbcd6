"""Given-name and surname variants: nicknames, short forms and transliterations.

English nicknames come from the ``nicknames`` package, using direct links
only: following its links transitively joins over a thousand names into one
group. Other naming cultures (Polish diminutives, Arabic and South Asian
transliterations, ...) come from lists in pack data, where each group holds
the forms of one name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib.resources import files

from ._fold import fold_words


class NameVariants:
    """Which folded names are variants of each other (symmetric, never transitive).

    Two names are variants when one is listed as a nickname of the other, or
    when both appear in one group of a pack's lists.
    """

    def __init__(
        self,
        links: Iterable[tuple[str, str]] = (),
        groups: Iterable[Sequence[str]] = (),
    ) -> None:
        self._pairs: set[tuple[str, str]] = set()
        self._groups: dict[str, set[int]] = {}
        for a, b in links:
            self._add_pair(a, b)
        for number, group in enumerate(groups):
            for name in group:
                key = "".join(fold_words(name))
                if key:
                    self._groups.setdefault(key, set()).add(number)

    def _add_pair(self, a: str, b: str) -> None:
        a, b = "".join(fold_words(a)), "".join(fold_words(b))
        if a and b and a != b:
            self._pairs.add((a, b) if a < b else (b, a))

    def extended(self, groups: Iterable[Sequence[str]]) -> NameVariants:
        """A copy with more groups (a local pack's additions)."""
        copy = NameVariants()
        copy._pairs = set(self._pairs)
        offset = 1 + max((n for ns in self._groups.values() for n in ns), default=0)
        copy._groups = {k: set(v) for k, v in self._groups.items()}
        for number, group in enumerate(groups, start=offset):
            for name in group:
                key = "".join(fold_words(name))
                if key:
                    copy._groups.setdefault(key, set()).add(number)
        return copy

    def are_variants(self, a: str, b: str) -> bool:
        """True when the folded names ``a`` and ``b`` are listed as forms of one name."""
        if a == b:
            return False
        pair = (a, b) if a < b else (b, a)
        if pair in self._pairs:
            return True
        ga = self._groups.get(a)
        return bool(ga and ga & self._groups.get(b, set()))


@lru_cache(maxsize=1)
def english_nicknames() -> tuple[tuple[str, str], ...]:
    """Direct name/nickname links from the ``nicknames`` package's data file.

    A link between two names of similar length that each have nicknames of
    their own (Amelia and Emily) joins two full names, not a name and its
    short form; such links are left out, as they would merge twins. Spelling variants among
    them (Allan/Alan) are caught by sound and spelling comparison instead.
    """
    text = files("nicknames").joinpath("names.csv").read_text(encoding="utf-8")
    raw = []
    for row in csv.reader(io.StringIO(text)):
        if len(row) == 3 and row[1] == "has_nickname":
            raw.append((row[0], row[2]))
    nicknames_of: dict[str, int] = {}
    for formal, _ in raw:
        nicknames_of[formal] = nicknames_of.get(formal, 0) + 1
    return tuple(
        (a, b)
        for a, b in raw
        if nicknames_of.get(b, 0) < 2 or len(b) < len(a) - 1  # Bob for Robert stays
    )
