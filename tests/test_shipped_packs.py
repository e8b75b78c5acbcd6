"""Every shipped pack passes its own test cases, in strict mode, rule by rule.

Ids look like ``scr-core::chronology-gap`` so ``pytest -k chronology-gap`` runs one rule.
"""

from __future__ import annotations

from functools import cache

import pytest

import reviewlint
from reviewlint._packs._loader import builtin_packs
from reviewlint._packtest import PackTestReport, run_pack_tests

PACKS = builtin_packs()


@cache
def _report(name: str) -> PackTestReport:
    return run_pack_tests(reviewlint.load_pack(name), PACKS[name].parent / "tests", strict=True)


@pytest.mark.parametrize(
    ("pack", "rule_id"),
    [
        pytest.param(name, rule.id, id=f"{name}::{rule.id}")
        for name in PACKS
        for rule in reviewlint.load_pack(name).rules
    ],
)
def test_rule_passes_its_pack_tests(pack: str, rule_id: str) -> None:
    result = _report(pack).rules[rule_id]
    assert result.cases, f"{rule_id} has no test cases in {PACKS[pack].parent / 'tests'}"
    assert not result.missed, f"missed: {result.missed}"
    assert not result.unexpected, f"unexpected: {result.unexpected}"


@pytest.mark.parametrize("pack", list(PACKS))
def test_pack_test_files_are_all_readable(pack: str) -> None:
    report = _report(pack)
    assert not report.errors
    assert not report.unknown_rules


@pytest.mark.parametrize("pack", list(PACKS))
def test_each_rule_has_two_firing_cases_and_two_near_misses(pack: str) -> None:
    counts: dict[str, dict[str, set[str]]] = {}
    for case in reviewlint.load(PACKS[pack].parent / "tests"):
        records = [
            case.extra,
            *(e.extra for e in case.entries),
            *(p.extra for p in case.all_people),
        ]
        for extra in records:
            for kind in ("fires", "not"):
                for rule_id in (extra.get("expect") or {}).get(kind, []):
                    counts.setdefault(rule_id, {"fires": set(), "not": set()})[kind].add(
                        case.case_id
                    )
    for rule in reviewlint.load_pack(pack).rules:
        got = counts.get(rule.id, {"fires": set(), "not": set()})
        assert len(got["fires"]) >= 2, f"{rule.id}: fewer than 2 cases where it must fire"
        assert len(got["not"]) >= 2, f"{rule.id}: fewer than 2 near misses"


# The catalogue's fixed ids (../shared/spec/scr-patterns.md): integrations and baselines key on
# them, so a rename or a lost rule must fail loudly.
SCR_CORE_CATALOGUE = {
    "name-variants", "dob-mismatch", "dob-implausible", "incomplete-entry", "chronology-gap",
    "referral-lacks-detail", "referral-bypasses-early-help", "child-not-seen",
    "child-voice-missing", "non-verbal-child-voice", "lived-experience-missing", "hidden-men",
    "absent-father-not-engaged", "concern-not-shared", "information-not-carried-forward",
    "repeated-concerns-no-escalation", "no-access-not-escalated", "disengagement-unchallenged",
    "toxic-trio-minimised", "history-not-considered", "translation-missing",
    "victim-blaming-language", "transition-plan-missing", "siblings-not-assessed",
    "appointment-clash", "permanence-delay", "neglect-without-gcp2", "plan-not-smart",
    "plan-not-shared", "self-report-accepted",
}  # fmt: skip


def test_scr_core_has_exactly_the_catalogue_ids() -> None:
    ids = [r.id for r in reviewlint.load_pack("scr-core").rules]
    assert len(ids) == len(set(ids)) == 30
    assert set(ids) == SCR_CORE_CATALOGUE


def test_fixture_expectations_cover_every_case_with_known_rule_ids() -> None:
    import sys

    import yaml

    from .conftest import ROOT as root

    sys.path.insert(0, str(root / "evals"))
    try:
        import corpus
    finally:
        sys.path.pop(0)
    raw = yaml.safe_load((root / "fixtures" / "expectations.yaml").read_text(encoding="utf-8"))
    assert corpus.problems_in(raw, SCR_CORE_CATALOGUE) == []
    json_cases = {p.stem for p in (root / "fixtures" / "cases").glob("*.json")}
    assert json_cases <= set(raw)
    assert len(raw) >= 30
