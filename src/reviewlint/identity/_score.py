"""Scoring a pair of person records: named comparisons, each worth a documented weight.

The score is a Fellegi-Sunter match weight: the sum, in bits, of
``log2(m / u)`` for each comparison, where ``m`` is how often the outcome
happens when the records are the same person and ``u`` when they are not,
plus the prior log-odds that two records of the set are the same person.
It becomes a probability as ``2**w / (1 + 2**w)``. The ``m`` and ``u``
values below were set by reasoning about how agencies mis-record names and
dates, not fitted to any labelled data, and are listed in docs/identity.md.

For exact agreement, ``u`` is the frequency of the value among the other
records in the set (smoothed towards a prior), as Splink does: within one
family's case everyone shares the surname, so agreeing on it says little;
across a cohort, agreeing on a rare surname says a lot.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jellyfish
from rapidfuzz.distance import JaroWinkler, Levenshtein

from ._dob import DETAILS, compare_dobs, day_kind
from ._fold import same_family_name_forms
from ._records import PersonRecord
from ._variants import NameVariants


@dataclass(frozen=True, slots=True)
class Comparison:
    """One piece of evidence about a pair: what was compared, how it came out, its weight."""

    field: str
    """``given``, ``family``, ``dob``, ``sex`` or ``role``."""
    level: str
    """The outcome, e.g. ``exact``, ``nickname``, ``sounds_alike``, ``day_month_swap``."""
    weight: float
    """Evidence in bits: positive for the same person, negative against, 0 for none."""
    detail: str
    """The comparison in plain words."""


def bits(m: float, u: float) -> float:
    """The weight of an outcome seen with probability m for matches and u for non-matches."""
    return math.log2(m / u)


# Name levels other than exact agreement: (m, u).
_NAME_LEVELS: dict[str, tuple[float, float]] = {
    "variant": (0.04, 0.001),
    "gendered_form": (0.02, 0.0005),
    "sounds_alike": (0.03, 0.002),
    "typo": (0.04, 0.002),
    "part": (0.03, 0.002),
    "other_given": (0.02, 0.004),
    "initial": (0.98, 0.07),  # given the one record has only an initial
    "similar": (0.01, 0.01),
}
# The most a name that is not spelt identically can be worth, at any level.
NAME_LEVEL_MAX = max(math.log2(m / u) for m, u in _NAME_LEVELS.values())
# A plainly different first name is near-conclusive: twins share everything else.
_GIVEN_DIFFERENT = (0.0002, 0.95)
_FAMILY_DIFFERENT = (0.06, 0.97)

_DOB_LEVELS: dict[str, tuple[float, float]] = {
    "partial_month": (0.05, 0.004),
    "partial_year": (0.05, 0.02),
    "day_month_swap": (0.03, 0.001),
    "digits_transposed": (0.02, 0.001),
    "year_differs": (0.02, 0.002),
    "one_digit": (0.04, 0.005),
    "near_due_date": (0.5, 0.01),
    "partial_differs": (0.01, 0.9),
    "different": (0.01, 0.99),  # within a year: a slip we have no name for
    "years_apart": (0.001, 0.95),  # over a year apart, no slip pattern: another person
    "far_apart": (0.00002, 0.9),
}
_EXACT_M = 0.85
_SEX = {"same": (0.98, 0.5), "different": (0.001, 0.5)}
# A mother recorded as a child is possible (a looked-after young parent) but rare.
_GENERATION = {"same": (0.95, 0.5), "different": (0.0005, 0.5)}

# Prior frequencies of a value, which decide when the set is small (one case). Within a
# case, two different people sharing a surname is the rule (a family), so agreeing on it
# says little; a shared date of birth happens (twins), a shared first name is rare.
# (family name, common family name, date of birth) priors for each scope: within one case
# (a family) and across a cohort (strangers, where sharing a surname is itself evidence).
_PRIORS = {"case": (0.2, 0.3, 0.01), "cohort": (0.002, 0.02, 1 / (365 * 20))}
_P_GIVEN, _P_COMMON = 0.003, 0.02
_P_PLACEHOLDER_DOB = 0.02
_SMOOTHING = 20.0

# Names common enough in UK records that agreeing on them alone is weak evidence.
COMMON_GIVEN = frozenset(
    [
        "mohammed",
        "muhammad",
        "mohamed",
        "mohammad",
        "ahmed",
        "ali",
        "john",
        "james",
        "david",
        "michael",
        "jack",
        "oliver",
        "harry",
        "george",
        "thomas",
        "daniel",
        "william",
        "joshua",
        "jayden",
        "emily",
        "olivia",
        "amelia",
        "sophie",
        "jessica",
        "chloe",
        "sarah",
        "emma",
        "lauren",
        "charlotte",
        "ella",
        "grace",
        "ava",
        "mia",
        "isla",
        "lily",
        "fatima",
        "aisha",
        "maria",
        "anna",
        "ewa",
        "adam",
        "liam",
        "noah",
    ]
)
COMMON_FAMILY = frozenset(
    [
        "smith",
        "jones",
        "williams",
        "taylor",
        "brown",
        "davies",
        "evans",
        "wilson",
        "thomas",
        "johnson",
        "roberts",
        "robinson",
        "thompson",
        "wright",
        "walker",
        "white",
        "edwards",
        "hughes",
        "green",
        "hall",
        "lewis",
        "harris",
        "clarke",
        "patel",
        "khan",
        "ali",
        "ahmed",
        "hussain",
        "begum",
        "akhtar",
        "singh",
        "kaur",
        "mohammed",
        "nguyen",
        "tran",
        "kowalski",
        "nowak",
        "wisniewski",
        "murphy",
        "kelly",
    ]
)


# Words inside family names that say nothing about the family (van, de, bin, ...).
_PARTICLE_WORDS = "van von der den de del della di da dos das du le la al el bin ben bint binti ibn"
PARTICLES = frozenset([*_PARTICLE_WORDS.split(), "abu", "mac", "mc", "st", "ap"])


class Frequencies:
    """How often each given name, family name and date of birth occurs in a set of records.

    Counted over distinct (given, family, date of birth) combinations, so one
    child recorded three times the same way counts once.
    """

    def __init__(self, records: Sequence[PersonRecord]) -> None:
        seen = {(r.given_key, r.family_key, r.dob.earliest if r.dob else None) for r in records}
        self.size = len(seen)
        self.given = Counter(g for g, _, _ in seen if g)
        self.family = Counter(f for _, f, _ in seen if f)
        self.dob = Counter(d for _, _, d in seen if d)

    def u(self, counter: Counter[Any], value: Hashable, prior: float) -> float:
        """How often ``value`` occurs among records other than the pair that share it.

        Smoothed towards ``prior``, so a small set (one family) mostly keeps the prior.
        """
        others = max(counter.get(value, 0) - 2, 0)
        return (others + _SMOOTHING * prior) / (max(self.size - 2, 0) + _SMOOTHING)


Names = tuple[str, ...]
# Memoised name comparisons are dropped when there are this many, so that a cohort of
# very varied names cannot grow them without bound (they are rebuilt as needed).
_MEMO_LIMIT = 400_000

_MISSING_GIVEN = Comparison("given", "missing", 0.0, "a given name is missing")
_MISSING_FAMILY = Comparison("family", "missing", 0.0, "a family name is missing")
_MISSING_DOB = Comparison("dob", "missing", 0.0, "a date of birth is missing")
_DOB_KIND = {
    kind: Comparison("dob", kind, bits(*levels), DETAILS[kind])
    for kind, levels in _DOB_LEVELS.items()
    if kind in DETAILS
}
_DOB_KIND_WEIGHT = {kind: c.weight for kind, c in _DOB_KIND.items()}
# The most two different full dates of birth can be worth (day_kind's kinds).
DAY_KIND_MAX = max(
    _DOB_KIND_WEIGHT[kind]
    for kind in (
        "day_month_swap",
        "digits_transposed",
        "year_differs",
        "one_digit",
        "different",
        "years_apart",
        "far_apart",
    )
)
_NEAR_DUE = Comparison(
    "dob",
    "near_due_date",
    bits(*_DOB_LEVELS["near_due_date"]),
    "born within six weeks of the other record's due date",
)
_FAR_FROM_DUE = Comparison(
    "dob", "different", bits(*_DOB_LEVELS["different"]), "born far from the other record's due date"
)
_SEX_CMP = {
    kind: Comparison("sex", kind, bits(*_SEX[kind]), f"recorded sex is {kind}") for kind in _SEX
}
_ROLE_CMP = {
    "same": Comparison(
        "role",
        "same",
        bits(*_GENERATION["same"]),
        "both recorded as children or both as adults",
    ),
    "different": Comparison(
        "role",
        "different",
        bits(*_GENERATION["different"]),
        "one is recorded as a child, the other as a parent or carer",
    ),
}
_SEX_SAME, _SEX_DIFFERENT = _SEX_CMP["same"].weight, _SEX_CMP["different"].weight
_ROLE_SAME, _ROLE_DIFFERENT = _ROLE_CMP["same"].weight, _ROLE_CMP["different"].weight


class PairScorer:
    """Compares two records.

    Comparisons of name words, of whole given and family names and of equal dates
    repeat a lot across pairs, so they are memoised; :meth:`weight` gives a pair's
    total without building its explanation, for the many pairs that are discarded.
    """

    def __init__(
        self,
        variants: NameVariants,
        surname_variants: NameVariants,
        freq: Frequencies,
        scope: str = "case",
    ) -> None:
        self.family_prior, self.common_family_prior, self.dob_prior = _PRIORS[scope]
        self.variants = variants
        self.surname_variants = surname_variants
        self.freq = freq
        self._word_cache: dict[tuple[str, str, bool], tuple[str, str]] = {}
        self._phonetic: dict[str, str] = {}
        self._given_memo: dict[tuple[Names, Names], Comparison] = {}
        # family names -> (comparison, and the words to look for among the other record's
        # given names when the family names themselves share none, or None)
        self._family_memo: dict[
            tuple[Names, Names], tuple[Comparison, frozenset[str], frozenset[str]] | Comparison
        ] = {}
        self._same_dob: dict[tuple[Any, bool, bool], Comparison] = {}
        self._same_dob_weights: dict[dt.date, float] = {}
        self._exact_given: dict[str, float] = {}
        self._exact_family: dict[str, float] = {}

    def _code(self, word: str) -> str:
        code = self._phonetic.get(word)
        if code is None:
            code = jellyfish.metaphone(word) if word.isalpha() else word
            self._phonetic[word] = code
        return code

    def word_level(self, a: str, b: str, *, family: bool) -> tuple[str, str]:
        """How two folded name words relate: (level, plain-words detail)."""
        if b < a:
            a, b = b, a  # the level is symmetric; the detail names the words in one order
        key = (a, b, family)
        hit = self._word_cache.get(key)
        if hit is not None:
            return hit
        result = self._word_level(a, b, family)
        if len(self._word_cache) >= _MEMO_LIMIT:
            self._word_cache.clear()
        self._word_cache[key] = result
        return result

    def _word_level(self, a: str, b: str, family: bool) -> tuple[str, str]:
        if a == b:
            return "exact", f"'{a}' agrees"
        lists = self.surname_variants if family else self.variants
        if lists.are_variants(a, b):
            return "variant", f"'{a}' and '{b}' are forms of one name"
        # Male and female forms share a stem of three letters or more.
        if family and a[:3] == b[:3] and same_family_name_forms(a, b):
            return "gendered_form", f"'{a}' and '{b}' are male and female forms of one surname"
        if not family and (len(a) == 1 or len(b) == 1):
            if a[0] == b[0]:
                return "initial", f"the initial '{a[0]}' agrees"
            return "different", f"'{a}' and '{b}' differ"
        similarity = JaroWinkler.normalized_similarity(a, b)
        code_a, code_b = self._code(a), self._code(b)
        if code_a == code_b and (similarity >= 0.8 or (similarity >= 0.7 and len(code_a) >= 4)):
            return "sounds_alike", f"'{a}' and '{b}' sound alike"
        # A slip keeps the first letter: Jayden/Kayden are two names (twins, often).
        if (
            a[0] == b[0]
            and (similarity >= 0.92 or Levenshtein.distance(a, b) == 1)
            and min(len(a), len(b)) >= 4
        ):
            return "typo", f"'{a}' and '{b}' differ by a slip of the keyboard"
        if similarity >= 0.88:
            return "similar", f"'{a}' and '{b}' are similar"
        return "different", f"'{a}' and '{b}' differ"

    # -- fields -------------------------------------------------------------------------

    def _exact_weight(self, field: str, value: str) -> float:
        common = value in COMMON_GIVEN or value in COMMON_FAMILY
        if field == "given":
            prior = _P_COMMON if common else _P_GIVEN
            return bits(_EXACT_M, self.freq.u(self.freq.given, value, prior))
        prior = self.common_family_prior if common else self.family_prior
        return bits(_EXACT_M, self.freq.u(self.freq.family, value, prior))

    def _name_weight(self, field: str, level: str, value: str) -> float:
        if level == "exact":
            return self._exact_weight(field, value)
        if level == "different":
            return bits(*(_GIVEN_DIFFERENT if field == "given" else _FAMILY_DIFFERENT))
        return bits(*_NAME_LEVELS[level])

    def given(self, a: Names, b: Names) -> Comparison:
        """Compare given names: the first of each, then joined forms and middle names."""
        if not a or not b:
            return _MISSING_GIVEN
        key = (a, b)
        hit = self._given_memo.get(key)
        if hit is None:
            hit = self._given(a, b)
            if len(self._given_memo) >= _MEMO_LIMIT:
                self._given_memo.clear()
            self._given_memo[key] = hit
        return hit

    def _given(self, a: Names, b: Names) -> Comparison:
        level, detail = self.word_level(a[0], b[0], family=False)
        if level in ("different", "similar", "initial") and (len(a) > 1 or len(b) > 1):
            joined_a, joined_b = "".join(a), "".join(b)
            for x, y in ((joined_a, joined_b), (joined_a, b[0]), (a[0], joined_b)):
                if (x, y) == (a[0], b[0]):
                    continue
                # Kai-Leigh / Kayleigh: a hyphenated name run together, or spelt by sound.
                lvl, det = self.word_level(x, y, family=False)
                if lvl in ("exact", "variant", "sounds_alike", "typo"):
                    return Comparison("given", lvl, self._name_weight("given", lvl, x), det)
            # A middle name in common rescues different first names only when one record
            # gives a single name (Mary Jane / Jane): twins often share a middle name.
            if level != "initial" and min(len(a), len(b)) == 1:
                for x in a:
                    for y in b:
                        if (x, y) != (a[0], b[0]) and len(x) > 1 and len(y) > 1:
                            lvl, _ = self.word_level(x, y, family=False)
                            if lvl in ("exact", "variant"):
                                return Comparison(
                                    "given",
                                    "other_given",
                                    bits(*_NAME_LEVELS["other_given"]),
                                    f"'{x}' is among the given names of both",
                                )
        return Comparison("given", level, self._name_weight("given", level, a[0]), detail)

    def family(self, a: Names, b: Names, a_given: Names = (), b_given: Names = ()) -> Comparison:
        """Compare family names: whole, gendered forms, one part of a double name."""
        if not a or not b:
            return _MISSING_FAMILY
        key = (a, b)
        hit = self._family_memo.get(key)
        if hit is None:
            hit = self._family(a, b)
            if len(self._family_memo) >= _MEMO_LIMIT:
                self._family_memo.clear()
            self._family_memo[key] = hit
        if isinstance(hit, Comparison):
            return hit
        base, words_a, words_b = hit
        # The family name among the other record's given names (no family surname).
        shared = words_a.intersection(b_given) or words_b.intersection(a_given)
        return _part(sorted(shared)[0]) if shared else base

    def _family(
        self, a: Names, b: Names
    ) -> tuple[Comparison, frozenset[str], frozenset[str]] | Comparison:
        joined_a, joined_b = "".join(a), "".join(b)
        level, detail = self.word_level(joined_a, joined_b, family=True)
        base = Comparison("family", level, self._name_weight("family", level, joined_a), detail)
        if level in ("different", "similar"):
            words_a = frozenset(w for w in a if len(w) > 2 and w not in PARTICLES)
            words_b = frozenset(w for w in b if len(w) > 2 and w not in PARTICLES)
            shared = words_a & words_b
            if shared:
                return _part(sorted(shared)[0])
            if words_a or words_b:
                return base, words_a, words_b
        return base

    def _same_dob_weight(self, a: PersonRecord) -> float:
        """The weight of agreeing on ``a``'s full date of birth (rarer dates weigh more)."""
        assert a.dob is not None and a.day is not None
        hit = self._same_dob_weights.get(a.day)
        if hit is None:
            # Whether a date is a placeholder (weak) depends on the date alone.
            prior = max(_P_PLACEHOLDER_DOB, self.dob_prior) if a.dob_weak else self.dob_prior
            hit = bits(_EXACT_M, self.freq.u(self.freq.dob, a.day, prior))
            self._same_dob_weights[a.day] = hit
        return hit

    def _dob_same(self, a: PersonRecord, b: PersonRecord) -> Comparison:
        assert a.dob is not None and b.dob is not None
        written_alike = a.dob.recorded.strip() == b.dob.recorded.strip()
        key = (a.dob.earliest, a.dob_weak, written_alike)
        hit = self._same_dob.get(key)
        if hit is None:
            detail = (
                "the same date of birth"
                if written_alike
                else "the same date of birth, written differently"
            )
            hit = Comparison("dob", "same", self._same_dob_weight(a), detail)
            self._same_dob[key] = hit
        return hit

    def dob(self, a: PersonRecord, b: PersonRecord) -> Comparison:
        """Compare dates of birth, or a due date with a date of birth."""
        da, db = a.dob, b.dob
        if da is None or db is None:
            due, born = (a.due, db) if da is None else (b.due, da)
            if due is not None and born is not None:
                days = abs((born.earliest - due).days)
                return _NEAR_DUE if days <= 42 else _FAR_FROM_DUE
            return _MISSING_DOB
        if a.day is not None and b.day is not None:
            if a.day == b.day:
                return self._dob_same(a, b)
            return _DOB_KIND[day_kind(a.day, b.day)]
        result = compare_dobs(da, db)
        if result.kind == "same":
            return self._dob_same(a, b)
        return _DOB_KIND[result.kind]

    def _dob_weight(self, a: PersonRecord, b: PersonRecord) -> float:
        """``dob(a, b).weight``, quicker for two full dates."""
        da, db = a.day, b.day
        if da is not None and db is not None:
            if da == db:
                return self._same_dob_weight(a)
            return _DOB_KIND_WEIGHT[day_kind(da, db)]
        return self.dob(a, b).weight

    def _names(self, a: PersonRecord, b: PersonRecord) -> tuple[Comparison, Comparison, bool]:
        """The given and family comparisons, and whether they read the names swapped."""
        ag, bg, af, bf = a.given, b.given, a.family, b.family
        g = self.given(ag, bg)
        f = self.family(af, bf, ag, bg)
        if ag and bf and af and bg:
            straight = g.weight + f.weight
            if straight < 8:
                # Given and family names written the other way round in one record: try
                # either record as the swapped one, so compare(a, b) == compare(b, a).
                best: tuple[Comparison, Comparison] | None = None
                for sg, sf in (
                    (self.given((bf[0],), (ag[0],)), self.family(af, bg[:1])),
                    (self.given((af[0],), (bg[0],)), self.family(bf, ag[:1])),
                ):
                    if sg.weight + sf.weight > straight + 1 and (
                        best is None or sg.weight + sf.weight > best[0].weight + best[1].weight
                    ):
                        best = (sg, sf)
                if best is not None:
                    return best[0], best[1], True
        return g, f, False

    def weight(self, a: PersonRecord, b: PersonRecord) -> float:
        """The sum of the weights of :meth:`compare`, without building its list."""
        g, f, _ = self._names(a, b)
        total = g.weight + f.weight
        total += self._dob_weight(a, b)
        if a.sex and b.sex:
            total += _SEX_SAME if a.sex == b.sex else _SEX_DIFFERENT
        if a.generation and b.generation:
            total += _ROLE_SAME if a.generation == b.generation else _ROLE_DIFFERENT
        return total

    def weight_from(self, a: PersonRecord, b: PersonRecord, floor: float) -> float | None:
        """:meth:`weight`, or None when it is certainly below ``floor``.

        Most candidate pairs are far from a match. They are told apart by the date
        of birth, sex and role and by upper bounds of the name evidence (a name not
        spelt identically is worth at most ``NAME_LEVEL_MAX``), before any name is
        compared.
        """
        sex = role = 0.0
        if a.sex and b.sex:
            sex = _SEX_SAME if a.sex == b.sex else _SEX_DIFFERENT
        if a.generation and b.generation:
            role = _ROLE_SAME if a.generation == b.generation else _ROLE_DIFFERENT
        # Two different full dates are worth at most DAY_KIND_MAX: named only if needed.
        day_a, day_b = a.day, b.day
        unnamed: tuple[dt.date, dt.date] | None = None  # two full dates not yet compared
        if day_a is not None and day_b is not None:
            if day_a == day_b:
                d = self._same_dob_weights.get(day_a) or self._same_dob_weight(a)
            else:
                d, unnamed = DAY_KIND_MAX, (day_a, day_b)
        else:
            d = self.dob(a, b).weight
        rest = d + sex + role
        ag, bg, fa, fb = a.given, b.given, a.family_key, b.family_key
        # Each name's weight, or an upper bound of it until it is compared.
        family_w, family_known = 0.0, True
        if fa and fb:
            if fa == fb:
                family_w = self._exact_family.get(fa) or self._exact("family", fa)
            else:
                family_w, family_known = NAME_LEVEL_MAX, False
        given_w, given_known = 0.0, True
        if ag and bg:
            if ag[0] == bg[0]:
                given_w = self._exact_given.get(ag[0]) or self._exact("given", ag[0])
            elif len(ag) > 1 or len(bg) > 1:
                given_w, given_known = math.inf, False  # joined or middle names may agree
            else:
                given_w, given_known = NAME_LEVEL_MAX, False
        # Names read the other way round count only when read straight they score under 8.
        swapped_max = -math.inf
        if (
            ag
            and bg
            and fa
            and fb
            and not (given_known and family_known and given_w + family_w >= 8)
        ):
            first_b = b.family[0]
            first_a = a.family[0]
            swapped_max = max(
                (self._exact("given", first_b) if first_b == ag[0] else NAME_LEVEL_MAX)
                + (self._exact("family", fa) if fa == bg[0] else NAME_LEVEL_MAX),
                (self._exact("given", first_a) if first_a == bg[0] else NAME_LEVEL_MAX)
                + (self._exact("family", fb) if fb == ag[0] else NAME_LEVEL_MAX),
            )
        if max(given_w + family_w, swapped_max) + rest < floor:
            return None
        if unnamed is not None:
            d = _DOB_KIND_WEIGHT[day_kind(*unnamed)]
            rest = d + sex + role
            if max(given_w + family_w, swapped_max) + rest < floor:
                return None
        if not given_known:
            # Given names not spelt alike are compared first: they settle most pairs.
            given_w = self.given(ag, bg).weight
            if family_known and given_w + family_w >= 8:
                swapped_max = -math.inf
            if max(given_w + family_w, swapped_max) + rest < floor:
                return None
        g, f, _ = self._names(a, b)
        total = g.weight + f.weight
        total += d
        if a.sex and b.sex:
            total += sex
        if a.generation and b.generation:
            total += role
        return total if total >= floor else None

    def _exact(self, field: str, value: str) -> float:
        """``_exact_weight``, memoised."""
        memo = self._exact_given if field == "given" else self._exact_family
        hit = memo.get(value)
        if hit is None:
            hit = memo[value] = self._exact_weight(field, value)
        return hit

    def compare(self, a: PersonRecord, b: PersonRecord) -> list[Comparison]:
        """Every comparison for a pair, names read in whichever order agrees better."""
        g, f, swapped = self._names(a, b)
        if swapped:
            g, f = (
                Comparison(c.field, c.level, c.weight, c.detail + " (names in the other order)")
                for c in (g, f)
            )
        out = [g, f, self.dob(a, b)]
        if a.sex and b.sex:
            out.append(_SEX_CMP["same" if a.sex == b.sex else "different"])
        if a.generation and b.generation:
            out.append(_ROLE_CMP["same" if a.generation == b.generation else "different"])
        return out


@lru_cache(maxsize=4096)
def _part(word: str) -> Comparison:
    return Comparison(
        "family",
        "part",
        bits(*_NAME_LEVELS["part"]),
        f"'{word}' appears in both names (double, hyphenated or no family surname)",
    )
