"""The person resolver: labelled hard pairs, named DOB kinds, and properties that must always hold."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewlint._dates import parse_date
from reviewlint.identity import compare, resolve
from reviewlint.identity._dob import compare_dobs
from reviewlint.identity._fold import fold_words, same_family_name_forms

PAIRS = Path(__file__).parent / "data" / "identity" / "pairs.jsonl"


def _pairs() -> list[dict[str, Any]]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]


def _joined(row: dict[str, Any]) -> bool:
    # Pairs from two different case files are resolved as a cohort would be.
    cohort = row["category"].startswith("cohort")
    kw: dict[str, Any] = {"scope": "cohort", "prior": 1e-4} if cohort else {}
    return len(resolve([row["a"], row["b"]], **kw)) == 1


def test_pair_set_is_big_and_varied() -> None:
    rows = _pairs()
    assert len(rows) >= 300
    assert len({r["category"] for r in rows}) >= 20
    assert sum(r["same"] for r in rows) >= 100 and sum(not r["same"] for r in rows) >= 100


def test_precision_and_recall_on_the_labelled_pairs_per_category() -> None:
    outcome: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp fp fn tn
    for row in _pairs():
        joined = _joined(row)
        slot = (0 if row["same"] else 1) if joined else (2 if row["same"] else 3)
        outcome[row["category"]][slot] += 1
    failures = []
    for category, (tp, fp, fn, tn) in sorted(outcome.items()):
        if tp + fn:  # recall over the pairs that are one person
            recall = tp / (tp + fn)
            if recall < 0.9:
                failures.append(f"{category}: recall {recall:.2f}")
        if fp + tn:  # pairs of different people kept apart
            specificity = tn / (fp + tn)
            if specificity < 0.9:
                failures.append(f"{category}: {fp} of {fp + tn} different people joined")
    tp = sum(v[0] for v in outcome.values())
    fp = sum(v[1] for v in outcome.values())
    fn = sum(v[2] for v in outcome.values())
    assert tp / (tp + fp) >= 0.95 and tp / (tp + fn) >= 0.95
    assert not failures, failures


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("04/03/2016", "2016-03-04", "same"),
        ("04/03/2016", "03/04/2016", "day_month_swap"),
        ("12/06/2015", "21/06/2015", "digits_transposed"),
        ("12/06/1987", "12/06/1978", "digits_transposed"),
        ("12/06/2015", "12/06/2016", "year_differs"),
        ("12/06/2015", "13/06/2015", "one_digit"),
        ("03/2016", "14/03/2016", "partial_month"),
        ("2016", "14/03/2016", "partial_year"),
        ("2015", "14/03/2016", "partial_differs"),
        ("14/03/2016", "20/09/2016", "different"),
        ("14/03/2016", "20/09/2013", "years_apart"),
        ("14/03/1980", "20/09/2013", "far_apart"),
    ],
)
def test_dob_kinds_are_named(a: str, b: str, kind: str) -> None:
    assert compare_dobs(parse_date(a), parse_date(b)).kind == kind
    assert compare_dobs(parse_date(b), parse_date(a)).kind == kind


def test_transliteration_keeps_letters_that_decomposition_drops() -> None:
    assert fold_words("Łukasz Øyvind-Müller") == ("lukasz", "oyvind", "muller")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("kowalski", "kowalska", True),
        ("novak", "novakova", True),
        ("kazlauskas", "kazlauskiene", True),
        ("ivanov", "ivanova", True),
        ("smith", "smyth", False),
        ("kowalska", "kowalska", False),  # the same form is not a gendered pair
    ],
)
def test_gendered_surname_forms(a: str, b: str, same: bool) -> None:
    assert (same_family_name_forms(a, b) is not None) == same


def test_noisy_nickname_links_between_full_names_are_dropped() -> None:
    assert compare({"name": "Bob Jones"}, {"name": "Robert Jones"}).probability > 0.9
    twins = compare(
        {"name": "Amelia Wright", "dob": "11/11/2014"},
        {"name": "Emily Wright", "dob": "11/11/2014"},
    )
    assert twins.probability < 0.5


def test_pack_lists_add_variants() -> None:
    a, b = {"name": "Pim de Vries"}, {"name": "Wilhelmus de Vries"}
    assert compare(a, b).probability < 0.5
    assert compare(a, b, name_variants=[["Wilhelmus", "Pim"]]).probability > 0.9


def test_explanations_name_the_evidence() -> None:
    link = compare(
        {"name": "Jayden SMITH", "dob": "04/03/2016"}, {"name": "Jaden Smyth", "dob": "03/04/2016"}
    )
    assert link.probability > 0.9
    assert "day and month swapped" in link.explanation
    assert {c.field for c in link.comparisons} == {"given", "family", "dob"}


def test_one_child_recorded_three_ways_is_one_cluster_and_siblings_stay_apart() -> None:
    people = [
        {"id": "p1", "name": "Jayden SMITH", "dob": "04/03/2016", "role": "child"},
        {"id": "p2", "name": "Jaden Smyth", "dob": "03/04/2016", "role": "child"},
        {"id": "p3", "name": "SMITH Jaiden", "role": "child"},
        {"id": "p4", "name": "Kayden SMITH", "dob": "2013-07-01", "role": "sibling"},
        {"id": "p5", "name": "Kerry SMITH", "dob": "1990-01-01", "role": "mother"},
        {"id": "p6", "name": "Unknown male"},
        {"id": "p7", "name": "Unknown male"},
    ]
    clusters = resolve(people)
    assert [[m["id"] for m in c.members] for c in clusters] == [
        ["p1", "p2", "p3"],
        ["p4"],
        ["p5"],
        ["p6"],
        ["p7"],
    ]
    assert clusters[0].score > 0.5 and clusters[1].score == 1.0


def test_cohort_blocking_finds_the_same_links_as_comparing_every_pair() -> None:
    # Over 300 records, candidate pairs come from blocking; on a set where every true
    # pair shares a block key, the clusters must equal those of all-pairs comparison.
    given_names = ["jayden", "olivia", "kacper", "amira", "leo", "zofia", "tobi", "mia"]
    family_names = ["smith", "nowak", "ahmed", "okafor", "jones", "tran", "evans", "khan"]
    people = []
    for i in range(320):
        g = given_names[i % 8]
        f = family_names[(i // 8) % 8]
        people.append(
            {
                "id": str(i),
                "name": f"{g} {f}",
                "dob": f"{1 + i % 28:02d}/0{1 + i % 9}/20{10 + i % 10}",
            }
        )
    people.append({"id": "dup", "name": "Jaden Smith", "dob": "01/01/2010"})
    blocked = resolve(people, scope="cohort")
    full = resolve(people[:300], scope="cohort")  # all pairs
    assert any(len(c.members) > 1 and any(m["id"] == "dup" for m in c.members) for c in blocked)
    small = {frozenset(m["id"] for m in c.members) for c in full}
    big = {
        frozenset(m["id"] for m in c.members)
        for c in blocked
        if all(m["id"] != "dup" and int(m["id"]) < 300 for m in c.members)
    }
    assert small >= big


names = st.sampled_from(
    [
        "Jayden Smith",
        "Jaden Smyth",
        "SMITH, Jaiden",
        "Olivia Smith",
        "Bob Jones",
        "Robert Jones",
        "Łukasz Kowalski",
        "Lukasz KOWALSKA",
        "Amira Hassan",
        "Unknown male",
    ]
)
dobs = st.sampled_from([None, "04/03/2016", "03/04/2016", "2016", "1990-01-01"])
sexes = st.sampled_from([None, "M", "F"])
records = st.fixed_dictionaries({"name": names, "dob": dobs, "sex": sexes})


@settings(max_examples=60, deadline=None)
@given(records, records)
def test_comparison_is_symmetric(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert compare(a, b).probability == pytest.approx(compare(b, a).probability)


@settings(max_examples=40, deadline=None)
@given(st.lists(records, min_size=1, max_size=7), st.randoms(use_true_random=False))
def test_clusters_do_not_depend_on_record_order_or_letter_case(
    people: list[dict[str, Any]], rnd: Any
) -> None:
    items = [{**p, "id": str(i)} for i, p in enumerate(people)]
    shuffled = [dict(p) for p in items]
    rnd.shuffle(shuffled)
    for p in shuffled:
        p["name"] = "  ".join(p["name"].upper().split())
    one = {frozenset(m["id"] for m in c.members) for c in resolve(items)}
    two = {frozenset(m["id"] for m in c.members) for c in resolve(shuffled)}
    assert one == two


@settings(max_examples=40, deadline=None)
@given(st.lists(records, min_size=2, max_size=7))
def test_no_cluster_joins_records_of_different_sex_on_weak_evidence(
    people: list[dict[str, Any]],
) -> None:
    for cluster in resolve(people):
        males = [m for m in cluster.members if m["sex"] == "M"]
        females = [m for m in cluster.members if m["sex"] == "F"]
        for m in males:
            for f in females:
                # Only their own strong agreement may override the recorded sex,
                # never a chain through a third record.
                assert compare(m, f).probability > 0.5


# -- speed paths that must not change the scores --------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(records, min_size=2, max_size=6))
def test_quick_weights_equal_the_full_comparison(people: list[dict[str, Any]]) -> None:
    # Candidate pairs are scored without building explanations, and dropped on upper
    # bounds; whatever is kept must weigh exactly what the explained link weighs.
    from reviewlint.identity import builtin_variants
    from reviewlint.identity._resolve import Resolver

    given_variants, family_variants = builtin_variants()
    for scope in ("case", "cohort"):
        resolver = Resolver(
            people,
            threshold=0.5,
            variants=given_variants,
            surname_variants=family_variants,
            scope=scope,
        )
        rs = resolver.records
        for i in range(len(rs)):
            for j in range(i + 1, len(rs)):
                link = resolver.link(rs[i], rs[j])
                assert resolver.weight(rs[i], rs[j]) == link.weight
                total = resolver.scorer.weight(rs[i], rs[j])
                for floor in (-50.0, 0.0, total - 1e-9, total + 1e-6, 50.0):
                    bounded = resolver.scorer.weight_from(rs[i], rs[j], floor)
                    assert bounded == (total if total >= floor else None)


@pytest.mark.parametrize(
    ("given_text", "family_text"),
    [
        ("Jayden", "SMITH"),
        ("mrs", "Smith"),
        ("Baby", "Smith"),
        ("unknown", "male"),
        ("not", "known"),
        ("Kerry", "snk"),
        ("Kerry", "UNK"),
        ("Lukasz", "Kowalski"),
        ("Łukasz", "Kowalski"),
        ("Mary Jane", "Smith"),
        ("Kai-Leigh", "O'Brien"),
        (" Jayden", "Smith "),
        ("Jayden", ""),
        ("", "Smith"),
    ],
)
def test_plain_name_fields_read_as_the_parser_reads_them(given_text: str, family_text: str) -> None:
    from reviewlint.identity._records import _names, folded_names

    assert folded_names(None, given_text, family_text) == _names.__wrapped__(
        None, given_text, family_text
    )


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("02/11/2015", "12/10/2015", "digits_transposed"),  # across month and day
        ("31/12/1999", "31/12/2000", "year_differs"),  # four digits change
        ("05/06/2015", "06/07/2016", "years_apart"),
    ],
)
def test_dob_kinds_across_fields(a: str, b: str, kind: str) -> None:
    assert compare_dobs(parse_date(a), parse_date(b)).kind == kind
    assert compare_dobs(parse_date(b), parse_date(a)).kind == kind


def test_a_slip_among_many_namesakes_still_shares_a_block() -> None:
    # 120 children called Jayden Smith make the name blocks oversized: they are split
    # by year and by day and month of birth, so a record with its names the other
    # way round (which only the name blocks catch) and its year one out still meets
    # its twin. Scoring then weighs the names by how common they are.
    from reviewlint.identity import builtin_variants
    from reviewlint.identity._resolve import Resolver

    people = [
        {"id": f"n{i}", "name": "Jayden Smith", "dob": f"{1 + i % 28:02d}/{1 + i % 12:02d}/"
         f"{2005 + i % 13}"}
        for i in range(120)
    ]  # fmt: skip
    people += [
        {"id": f"o{i}", "name": f"Child{i} Other{i}", "dob": f"{1 + i % 28:02d}/02/{1990 + i % 9}"}
        for i in range(200)
    ]
    people += [
        {"id": "a1", "name": "Jayden Smith", "dob": "30/03/2011"},
        {"id": "a2", "name": "Smith Jayden", "dob": "30/03/2012"},
    ]
    given_variants, family_variants = builtin_variants()
    resolver = Resolver(
        people,
        threshold=0.5,
        variants=given_variants,
        surname_variants=family_variants,
        scope="cohort",
    )
    pairs = set(resolver.candidate_pairs())
    assert (len(people) - 2, len(people) - 1) in pairs
    assert len(pairs) < 20 * len(people)  # not every namesake against every other


def test_names_written_the_other_way_round_score_the_same_whichever_record_comes_first() -> None:
    from reviewlint.identity import compare

    pairs = [
        ({"id": "a", "name": "Smith Jayden"}, {"id": "b", "name": "Ethan Smith"}),
        (
            {"id": "a", "given_names": "Smith", "family_name": "Jayden", "dob": "2016-03-04"},
            {"id": "b", "name": "Jayden Smith", "dob": "2016-03-04"},
        ),
    ]
    for a, b in pairs:
        assert compare(a, b).probability == compare(b, a).probability
