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

import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import jellyfish
from rapidfuzz.distance import JaroWinkler, Levenshtein

from ._dob import compare_dobs
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


class PairScorer:
    """Compares two records; memoises name-word comparisons, which repeat a lot."""

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

    def _code(self, word: str) -> str:
        code = self._phonetic.get(word)
        if code is None:
            code = jellyfish.metaphone(word) if word.isalpha() else word
            self._phonetic[word] = code
        return code

    def word_level(self, a: str, b: str, *, family: bool) -> tuple[str, str]:
        """How two folded name words relate: (level, plain-words detail)."""
        key = (a, b, family) if a <= b else (b, a, family)
        hit = self._word_cache.get(key)
        if hit is not None:
            return hit
        result = self._word_level(a, b, family)
        self._word_cache[key] = result
        return result

    def _word_level(self, a: str, b: str, family: bool) -> tuple[str, str]:
        if a == b:
            return "exact", f"'{a}' agrees"
        lists = self.surname_variants if family else self.variants
        if lists.are_variants(a, b):
            return "variant", f"'{a}' and '{b}' are forms of one name"
        if family and same_family_name_forms(a, b):
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

    def given(self, a: tuple[str, ...], b: tuple[str, ...]) -> Comparison:
        """Compare given names: the first of each, then joined forms and middle names."""
        if not a or not b:
            return Comparison("given", "missing", 0.0, "a given name is missing")
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

    def family(
        self,
        a: tuple[str, ...],
        b: tuple[str, ...],
        a_given: tuple[str, ...] = (),
        b_given: tuple[str, ...] = (),
    ) -> Comparison:
        """Compare family names: whole, gendered forms, one part of a double name."""
        if not a or not b:
            return Comparison("family", "missing", 0.0, "a family name is missing")
        joined_a, joined_b = "".join(a), "".join(b)
        level, detail = self.word_level(joined_a, joined_b, family=True)
        if level in ("different", "similar"):
            words_a = {w for w in a if len(w) > 2 and w not in PARTICLES}
            words_b = {w for w in b if len(w) > 2 and w not in PARTICLES}
            shared = (words_a & words_b) or (words_a & set(b_given)) or (words_b & set(a_given))
            if shared:
                word = sorted(shared)[0]
                return Comparison(
                    "family",
                    "part",
                    bits(*_NAME_LEVELS["part"]),
                    f"'{word}' appears in both names (double, hyphenated or no family surname)",
                )
        return Comparison("family", level, self._name_weight("family", level, joined_a), detail)

    def dob(self, a: PersonRecord, b: PersonRecord) -> Comparison:
        """Compare dates of birth, or a due date with a date of birth."""
        if a.dob is None or b.dob is None:
            due, born = (a.due, b.dob) if a.dob is None else (b.due, a.dob)
            if due is not None and born is not None:
                days = abs((born.earliest - due).days)
                if days <= 42:
                    return Comparison(
                        "dob",
                        "near_due_date",
                        bits(*_DOB_LEVELS["near_due_date"]),
                        "born within six weeks of the other record's due date",
                    )
                return Comparison(
                    "dob",
                    "different",
                    bits(*_DOB_LEVELS["different"]),
                    "born far from the other record's due date",
                )
            return Comparison("dob", "missing", 0.0, "a date of birth is missing")
        result = compare_dobs(a.dob, b.dob)
        if result.kind == "same":
            prior = max(_P_PLACEHOLDER_DOB, self.dob_prior) if a.dob_weak else self.dob_prior
            weight = bits(_EXACT_M, self.freq.u(self.freq.dob, a.dob.earliest, prior))
            return Comparison("dob", "same", weight, result.detail)
        return Comparison("dob", result.kind, bits(*_DOB_LEVELS[result.kind]), result.detail)

    def compare(self, a: PersonRecord, b: PersonRecord) -> list[Comparison]:
        """Every comparison for a pair, names read in whichever order agrees better."""
        straight = [self.given(a.given, b.given), self.family(a.family, b.family, a.given, b.given)]
        best = straight
        if a.given and b.family and a.family and b.given and sum(c.weight for c in straight) < 8:
            # Given and family names written the other way round in one record.
            swapped = [
                self.given((b.family[0],), (a.given[0],)),
                self.family(a.family, b.given[:1]),
            ]
            if sum(c.weight for c in swapped) > sum(c.weight for c in straight) + 1:
                best = [
                    Comparison(c.field, c.level, c.weight, c.detail + " (names in the other order)")
                    for c in swapped
                ]
        out = [*best, self.dob(a, b)]
        if a.sex and b.sex:
            kind = "same" if a.sex == b.sex else "different"
            out.append(Comparison("sex", kind, bits(*_SEX[kind]), f"recorded sex is {kind}"))
        if a.generation and b.generation:
            kind = "same" if a.generation == b.generation else "different"
            detail = (
                "both recorded as children or both as adults"
                if kind == "same"
                else "one is recorded as a child, the other as a parent or carer"
            )
            out.append(Comparison("role", kind, bits(*_GENERATION[kind]), detail))
        return out
