"""Grouping person records into people: candidate pairs, scores, then careful clustering."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._records import PersonRecord, read_record
from ._score import Comparison, Frequencies, PairScorer
from ._variants import NameVariants

DEFAULT_THRESHOLD = 0.5
# Below this, a pair is taken as evidence that two people are different: two
# clusters are not joined if any pair across them scores this low.
_CONFLICT = 0.02
_ALL_PAIRS_UP_TO = 300  # records; above this, candidate pairs come from blocking
_MAX_BLOCK = 400  # a block this big says too little to be worth comparing in full


@dataclass(frozen=True, slots=True)
class Link:
    """The comparison of two records: every piece of evidence and the resulting probability."""

    a: Any
    b: Any
    probability: float
    weight: float
    """The total match weight in bits, prior included."""
    comparisons: tuple[Comparison, ...]

    @property
    def explanation(self) -> str:
        """The evidence in plain words, strongest first."""
        parts = sorted(self.comparisons, key=lambda c: -abs(c.weight))
        return "; ".join(f"{c.detail} ({c.weight:+.1f})" for c in parts if c.level != "missing")


@dataclass(frozen=True, slots=True)
class PersonCluster:
    """Records judged to be one person.

    ``score`` is the probability of the weakest link that joined the
    cluster (1.0 for a record on its own); ``links`` are the links that
    joined it, strongest first.
    """

    members: tuple[Any, ...]
    score: float
    links: tuple[Link, ...] = field(default=())

    @property
    def explanation(self) -> str:
        """Why these records were joined, link by link."""
        if not self.links:
            return "a single record"
        return "\n".join(f"{link.probability:.3f}: {link.explanation}" for link in self.links)


def _probability(weight: float) -> float:
    if weight > 60:
        return 1.0
    if weight < -60:
        return 0.0
    odds: float = 2.0**weight
    return odds / (1.0 + odds)


class Resolver:
    """Scores and clusters one set of records (a case, or a cohort of cases)."""

    def __init__(
        self,
        items: Sequence[Any],
        *,
        threshold: float,
        variants: NameVariants,
        surname_variants: NameVariants,
        prior: float | None = None,
        scope: str | None = None,
    ) -> None:
        self.records = [read_record(item, i) for i, item in enumerate(items)]
        self.threshold = threshold
        n = len(self.records)
        if scope is None:
            scope = "case" if n <= _ALL_PAIRS_UP_TO else "cohort"
        self.scope = scope
        # On average about one other record of the same person for every record,
        # capped for tiny sets where 1/(n-1) would say 'certainly the same'.
        lam = prior if prior is not None else min(0.25, 1.0 / max(n - 1, 1))
        self.prior_weight = math.log2(lam / (1 - lam))
        self.scorer = PairScorer(variants, surname_variants, Frequencies(self.records), scope)
        self._links: dict[tuple[int, int], Link] = {}

    def link(self, a: PersonRecord, b: PersonRecord) -> Link:
        """The scored comparison of two records (memoised)."""
        key = (a.index, b.index) if a.index < b.index else (b.index, a.index)
        hit = self._links.get(key)
        if hit is None:
            comparisons = tuple(self.scorer.compare(a, b))
            weight = self.prior_weight + sum(c.weight for c in comparisons)
            if all(c.level == "missing" for c in comparisons if c.field in ("given", "family")):
                # Without any name to compare ("Unknown male"), dates alone join nobody.
                weight = min(weight, self.prior_weight)
            hit = Link(a.item, b.item, _probability(weight), weight, comparisons)
            self._links[key] = hit
        return hit

    def _block_keys(self, r: PersonRecord) -> Iterator[tuple[object, ...]]:
        code = self.scorer._code
        g, f = r.given_key, r.family_key
        gc = code(g)[:4] if g else ""
        fc = code(f)[:4] if f else ""
        d = r.dob.earliest if r.dob is not None and not r.dob_weak else None
        if fc and g:
            yield ("fg", fc, g[0])
        if gc and fc:
            yield ("gf", *sorted((gc, fc)))  # either order of given and family
        if d is not None:
            yield ("d", d.year, *sorted((d.month, d.day)))  # survives a day/month swap
            if gc:
                yield ("gy", gc, d.year)
            if fc:
                yield ("fm", fc, d.month, d.day)
        if g and f:
            yield ("gf2", g[:2], f[:2])

    def candidate_pairs(self) -> Iterable[tuple[int, int]]:
        """Pairs worth scoring: all of them for a small set, else those sharing a block."""
        n = len(self.records)
        if n <= _ALL_PAIRS_UP_TO:
            return ((i, j) for i in range(n) for j in range(i + 1, n))
        blocks: dict[tuple[object, ...], list[int]] = defaultdict(list)
        for r in self.records:
            for key in self._block_keys(r):
                blocks[key].append(r.index)
        pairs: set[tuple[int, int]] = set()
        for members in blocks.values():
            if 1 < len(members) <= _MAX_BLOCK:
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        pairs.add((members[x], members[y]))
        return sorted(pairs)

    def clusters(self) -> list[PersonCluster]:
        """Join records whose links pass the threshold, strongest first, never across a conflict."""
        records = self.records
        links = []
        for i, j in self.candidate_pairs():
            link = self.link(records[i], records[j])
            if link.probability >= self.threshold:
                links.append((link.weight, i, j, link))
        # Equal weights are broken by what the records say (and their ids), never by
        # input order, so that shuffling the records cannot change the clusters.
        keys = [_content_key(r) for r in records]
        links.sort(key=lambda t: (-t[0], *sorted((keys[t[1]], keys[t[2]]))))
        parent = list(range(len(records)))
        members: dict[int, list[int]] = {i: [i] for i in range(len(records))}
        joined: dict[int, list[Link]] = defaultdict(list)

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for _, i, j, link in links:
            ri, rj = root(i), root(j)
            if ri == rj or self._conflict(members[ri], members[rj]):
                continue
            if len(members[ri]) < len(members[rj]):
                ri, rj = rj, ri
            parent[rj] = ri
            members[ri].extend(members.pop(rj))
            joined[ri].extend([*joined.pop(rj, []), link])
        out = []
        for r, idx in members.items():
            idx.sort()
            chain = sorted(joined.get(r, []), key=lambda lk: -lk.weight)
            score = min((lk.probability for lk in chain), default=1.0)
            cluster = PersonCluster(tuple(records[i].item for i in idx), score, tuple(chain))
            out.append((idx[0], cluster))
        out.sort(key=lambda t: t[0])  # clusters keep the input order of their first record
        return [c for _, c in out]

    def _conflict(self, xs: list[int], ys: list[int]) -> bool:
        if len(xs) * len(ys) > 400:
            return False  # big clusters: trust the links (checking all pairs would be quadratic)
        records = self.records
        for x in xs:
            for y in ys:
                link = self.link(records[x], records[y])
                if link.probability < _CONFLICT:
                    return True
                # Records that say they are of different sex or generation are joined
                # only on their own strength, never through a third record.
                if link.probability < self.threshold and any(
                    c.field in ("sex", "role") and c.level == "different" for c in link.comparisons
                ):
                    return True
        return False


def _content_key(r: PersonRecord) -> tuple[str, ...]:
    item = r.item
    ident = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
    return (
        " ".join(r.given),
        " ".join(r.family),
        r.dob.recorded if r.dob else "",
        r.sex or "",
        r.generation or "",
        str(ident) if ident is not None else "",
    )
