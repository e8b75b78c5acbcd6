"""Grouping person records into people: candidate pairs, scores, then careful clustering."""

from __future__ import annotations

import datetime as dt
import gc
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from ._records import PersonRecord, read_record
from ._score import Comparison, Frequencies, PairScorer
from ._variants import NameVariants

DEFAULT_THRESHOLD = 0.5
# Below this, a pair is taken as evidence that two people are different: two
# clusters are not joined if any pair across them scores this low.
_CONFLICT = 0.02
_ALL_PAIRS_UP_TO = 300  # records; above this, candidate pairs come from blocking
# A block key shared by more records than this is common (a popular surname): the
# block is split by further fields (Resolver._finer); a part still bigger than
# _MAX_BLOCK is not compared in full.
_SUB_BLOCK = 30
_MAX_BLOCK = 200


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


@contextmanager
def paused_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, restoring it afterwards.

    Resolving allocates hundreds of thousands of small containers (records, memo
    keys, candidate pairs) and makes no reference cycles; reference counting frees
    them all. Left running, the collector walks every live object (the caller's too)
    several times over, for nothing: a sixth of the time on FEBRL4.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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
        year = dt.date.today().year
        self.records = [read_record(item, i, year) for i, item in enumerate(items)]
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
        """The scored comparison of two records (memoised), made in input order.

        The pair is always compared earlier record first, as every candidate pair
        is: reading names the other way round is tried for the second record only.
        """
        if b.index < a.index:
            a, b = b, a
        key = (a.index, b.index)
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

    def weight(self, a: PersonRecord, b: PersonRecord) -> float:
        """The weight :meth:`link` gives the pair, without building its explanation."""
        weight = self.prior_weight + self.scorer.weight(a, b)
        if (not a.given or not b.given) and (not a.family or not b.family):
            weight = min(weight, self.prior_weight)
        return weight

    def _block_keys(self, r: PersonRecord) -> list[tuple[object, ...]]:
        """The blocks a record belongs to: pairs of fields that agree roughly."""
        code = self.scorer._code
        g, f = r.given_key, r.family_key
        g_code = code(g)[:4] if g else ""
        f_code = code(f)[:4] if f else ""
        d = r.dob.earliest if r.dob is not None and not r.dob_weak else None
        keys: list[tuple[object, ...]] = []
        if f_code and g:
            keys.append(("fg", f_code, g[0]))
        if g_code and f_code:  # either order of given and family
            keys.append(("gf", g_code, f_code) if g_code <= f_code else ("gf", f_code, g_code))
        if d is not None:
            month, day = d.month, d.day
            # survives a day/month swap
            keys.append(("d", d.year, month, day) if month <= day else ("d", d.year, day, month))
            if g_code:
                keys.append(("gy", g_code, d.year))
            if f_code:
                keys.append(("fm", f_code, month, day))
        if g and f:
            keys.append(("gf2", g[:2], f[:2]))
        return keys

    def _finer(self, kind: object, r: PersonRecord) -> tuple[object, ...]:
        """The fields, one for each way, that split an oversized block of this kind.

        A block of common names is split two ways, by year of birth and by day and
        month of birth (in either order), so that a pair with one slip in its dates
        of birth (a year one out, a day/month swap, a mistyped day) still shares a
        part. An unborn child's due date stands in for its date of birth. A value not
        recorded (None) makes a part of its own.
        """
        if kind == "d":
            return (self.scorer._code(r.family_key)[:1] or None, r.given_key[:1] or None)
        if kind == "fm":
            return (r.given_key[:1] or None,)
        born = r.dob.earliest if r.dob is not None else r.due
        if kind == "gy":
            return (born.month if born is not None else None,)
        if born is None:
            return (None, None)
        day = r.day if r.dob is not None else r.due  # a full date, if there is one
        return born.year, (tuple(sorted((day.month, day.day))) if day is not None else None)

    def _blocks(self) -> Iterator[list[int]]:
        """Groups of record indexes (ascending) that share a block key.

        A block of more than ``_SUB_BLOCK`` records (a common surname, a popular
        name) is split by more fields (see ``_finer``): its records agree only on
        something common, which is weak evidence, and the pairs among them that can
        reach the threshold agree on more. A part still over ``_MAX_BLOCK`` is
        skipped.
        """
        records = self.records
        blocks: dict[tuple[object, ...], list[int]] = defaultdict(list)
        for r in records:
            for key in self._block_keys(r):
                blocks[key].append(r.index)
        finer: dict[object, dict[int, tuple[object, ...]]] = {}  # name blocks share theirs
        for key, members in blocks.items():
            if len(members) <= 1:
                continue
            if len(members) <= _SUB_BLOCK:
                yield members
                continue
            kind = key[0]
            memo = finer.setdefault(kind if kind in ("d", "fm", "gy") else "names", {})
            ways: list[dict[object, list[int]]] = []
            for i in members:
                values = memo.get(i)
                if values is None:
                    values = memo[i] = self._finer(kind, records[i])
                if not ways:
                    ways = [defaultdict(list) for _ in values]
                for parts, value in zip(ways, values, strict=True):
                    parts[value].append(i)
            for parts in ways:
                for part in parts.values():
                    if 1 < len(part) <= _MAX_BLOCK:
                        yield part

    def _pair_groups(self) -> Iterator[list[int]]:
        """Groups of records to compare pairwise: all of them for a small set, else blocks."""
        n = len(self.records)
        if n <= _ALL_PAIRS_UP_TO:
            yield list(range(n))
        else:
            yield from self._blocks()

    def candidate_pairs(self) -> Iterator[tuple[int, int]]:
        """Pairs worth scoring (i < j), each once: every pair of a small set, else blocked."""
        n = len(self.records)
        seen: set[int] = set()
        for members in self._pair_groups():
            for x, y in combinations(members, 2):
                k = x * n + y
                if k not in seen:
                    seen.add(k)
                    yield x, y

    def _strong_links(self) -> list[tuple[float, int, int]]:
        """(weight, i, j) of every candidate pair whose probability reaches the threshold.

        Most candidate pairs fall short, and are dropped on bounds before their
        names are compared; a link's explanation is built only once it joins clusters.
        """
        records = self.records
        n = len(records)
        threshold = self.threshold
        prior = self.prior_weight
        weight_from = self.scorer.weight_from
        # Below this total (prior left out) a pair cannot reach the threshold.
        floor = -math.inf
        if 0.0 < threshold < 1.0:
            floor = math.log2(threshold / (1.0 - threshold)) - prior - 1e-6
        links = []
        seen: set[int] = set()
        blocked = n > _ALL_PAIRS_UP_TO  # blocks overlap: each pair is scored once
        for members in self._pair_groups():
            for x, y in combinations(members, 2):
                if blocked:
                    k = x * n + y
                    if k in seen:
                        continue
                    seen.add(k)
                a, b = records[x], records[y]
                total = weight_from(a, b, floor)
                if total is None:
                    continue
                w = prior + total
                if (not a.given or not b.given) and (not a.family or not b.family):
                    w = min(w, prior)  # as in link()
                if _probability(w) >= threshold:
                    links.append((w, x, y))
        return links

    def clusters(self) -> list[PersonCluster]:
        """Join records whose links pass the threshold, strongest first, never across a conflict."""
        records = self.records
        links = self._strong_links()
        # Equal weights are broken by what the records say (and their ids), never by
        # input order, so that shuffling the records cannot change the clusters.
        keys: dict[int, tuple[str, ...]] = {}

        def content(i: int) -> tuple[str, ...]:
            key = keys.get(i)
            if key is None:
                key = keys[i] = _content_key(records[i])
            return key

        links.sort(key=lambda t: (-t[0], *sorted((content(t[1]), content(t[2])))))
        parent = list(range(len(records)))
        members: dict[int, list[int]] = {}
        joined: dict[int, list[Link]] = defaultdict(list)

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for _, i, j in links:
            ri, rj = root(i), root(j)
            if ri == rj:
                continue
            mi = members.get(ri) or [ri]
            mj = members.get(rj) or [rj]
            if self._conflict(mi, mj):
                continue
            if len(mi) < len(mj):
                ri, rj, mi, mj = rj, ri, mj, mi
            parent[rj] = ri
            mi.extend(mj)
            members[ri] = mi
            members.pop(rj, None)
            joined[ri].extend([*joined.pop(rj, []), self.link(records[i], records[j])])
        out = []
        for r, record in enumerate(records):
            if parent[r] != r:
                continue
            idx = members.get(r)
            if idx is None:  # a record on its own
                out.append((r, PersonCluster((record.item,), 1.0)))
                continue
            idx.sort()
            chain = sorted(joined[r], key=lambda lk: -lk.weight)
            score = min(lk.probability for lk in chain)
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
