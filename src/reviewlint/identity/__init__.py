"""Recognising one person under several names and dates of birth.

Agencies record the same child as ``Jayden SMITH``, ``Jaden Smyth`` and
``SMITH Jaiden``, with dates of birth a day/month swap apart. :func:`resolve`
groups person records into people and explains each grouping;
:func:`compare` scores one pair. Both accept ``reviewlint.Person`` records
or plain mappings with ``name`` (or ``given``/``family``), ``dob``, ``sex``,
``role`` and ``due_date``.

Scores are Fellegi-Sunter match weights turned into probabilities; how each
piece of evidence is weighed is documented in ``docs/identity.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from ._resolve import DEFAULT_THRESHOLD, Link, PersonCluster, Resolver, paused_cyclic_gc
from ._score import Comparison
from ._variants import NameVariants, english_nicknames

__all__ = [
    "DEFAULT_THRESHOLD",
    "Comparison",
    "Link",
    "NameVariants",
    "PersonCluster",
    "builtin_variants",
    "compare",
    "resolve",
]


@lru_cache(maxsize=1)
def _builtin_lists() -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    from .._packs._loader import builtin_pack_dir

    path = builtin_pack_dir() / "scr-core" / "name-variants.yaml"
    if not path.is_file():
        return (), ()
    text = path.read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None:
        # Our own file, read on every first resolve: libyaml reads it ten times faster.
        data = yaml.load(text, Loader=loader)
    else:
        from .._packs._yaml import read_yaml

        data, _ = read_yaml(text, Path(path))
    given = tuple(tuple(str(n) for n in g) for g in (data or {}).get("name_variants", []))
    family = tuple(tuple(str(n) for n in g) for g in (data or {}).get("surname_variants", []))
    return given, family


@lru_cache(maxsize=1)
def builtin_variants() -> tuple[NameVariants, NameVariants]:
    """The given-name and surname variant lists that ship with reviewlint.

    Given names: the ``nicknames`` package's direct links plus the scr-core
    pack's lists for other naming cultures. Surnames: the pack's lists.
    """
    given, family = _builtin_lists()
    return NameVariants(english_nicknames(), given), NameVariants((), family)


def _variants(
    extra: Iterable[Sequence[str]] | None, extra_surnames: Iterable[Sequence[str]] | None
) -> tuple[NameVariants, NameVariants]:
    # Frozen to tuples so that a pack's lists, passed again for every case, hit the cache.
    return _extended(
        tuple(tuple(g) for g in extra or ()), tuple(tuple(g) for g in extra_surnames or ())
    )


@lru_cache(maxsize=32)
def _extended(
    extra: tuple[tuple[str, ...], ...], extra_surnames: tuple[tuple[str, ...], ...]
) -> tuple[NameVariants, NameVariants]:
    given, family = builtin_variants()
    if extra:
        given = given.extended(extra)
    if extra_surnames:
        family = family.extended(extra_surnames)
    return given, family


def resolve(
    people: Iterable[Any],
    *,
    threshold: float | None = None,
    prior: float | None = None,
    scope: Literal["case", "cohort"] | None = None,
    name_variants: Iterable[Sequence[str]] | None = None,
    surname_variants: Iterable[Sequence[str]] | None = None,
) -> list[PersonCluster]:
    """Group person records into people.

    Every record ends up in exactly one cluster (a record nobody else matches
    is a cluster of one). Clusters keep the input order of their first
    member, and hold the very objects passed in.

    Args:
        people: ``Person`` records (a case's ``all_people``, or people from
            many cases) or mappings with ``name``/``given``/``family``,
            ``dob``, ``sex``, ``role``, ``due_date``.
        threshold: the match probability at which two records are joined
            (default 0.5).
        prior: the probability that two records picked at random are the same
            person; by default ``1/(n-1)``, at most 0.25.
        scope: ``"case"`` when the records come from one family's case, where
            sharing a surname (and, for twins, a date of birth) is expected of
            different people; ``"cohort"`` for records from many cases, where
            it is evidence. By default, sets of up to 300 records are taken as
            one case.
        name_variants: extra groups of given-name forms (``[["kasia",
            "katarzyna"]]``), added to the built-in lists.
        surname_variants: extra groups of surname forms.
    """
    items = list(people)
    given, family = _variants(name_variants, surname_variants)
    with paused_cyclic_gc():
        resolver = Resolver(
            items,
            threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
            variants=given,
            surname_variants=family,
            prior=prior,
            scope=scope,
        )
        return resolver.clusters()


def compare(
    a: Any,
    b: Any,
    *,
    prior: float = 0.25,
    scope: Literal["case", "cohort"] = "case",
    name_variants: Iterable[Sequence[str]] | None = None,
    surname_variants: Iterable[Sequence[str]] | None = None,
) -> Link:
    """Score one pair of records and explain the evidence.

    With only two records there are no frequencies to learn from, so names
    are weighed by built-in priors; ``prior`` is the probability that the two
    are the same person before looking (default 0.25, as within one case).
    """
    given, family = _variants(name_variants, surname_variants)
    resolver = Resolver(
        [a, b],
        threshold=DEFAULT_THRESHOLD,
        variants=given,
        surname_variants=family,
        prior=prior,
        scope=scope,
    )
    return resolver.link(resolver.records[0], resolver.records[1])
