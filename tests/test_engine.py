"""The linter as a whole: public API, report contents, ordering, fingerprints, notices, batches."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

import reviewlint
from reviewlint import InputError, Linter, Severity

from .conftest import DATA, ROOT, make_case
from .conftest import entry as e

SPEC_EXAMPLE = ROOT / "fixtures" / "cases" / "demo-001.json"


def test_public_api_is_exactly_this() -> None:
    assert sorted(reviewlint.__all__) == sorted(
        [
            "Case",
            "CaseFormatError",
            "Config",
            "ConfigError",
            "Entry",
            "Evidence",
            "Finding",
            "InputError",
            "Linter",
            "MissingExtraError",
            "Pack",
            "PackError",
            "Person",
            "RecordedDate",
            "Report",
            "ReviewlintError",
            "Severity",
            "TableMapping",
            "__version__",
            "check",
            "load",
            "load_config",
            "load_pack",
        ]
    )
    for name in reviewlint.__all__:
        obj = getattr(reviewlint, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"


def test_spec_example_gives_the_findings_an_auditor_expects() -> None:
    report = reviewlint.check(SPEC_EXAMPLE)
    got = {(f.rule_id, tuple(f.entry_ids)) for f in report.findings}
    assert ("concern-not-shared", ("e1",)) in got
    assert ("child-not-seen", ("e2",)) in got
    child = next(f for f in report.findings if f.rule_id == "child-not-seen")
    text = json.loads(SPEC_EXAMPLE.read_text())["entries"][1]["text"]
    span = next(ev for ev in child.evidence if ev.start is not None)
    assert text[span.start : span.end] == "Child asleep"


def _shuffled_copy(tmp_path: Path, seed: int) -> Path:
    data = json.loads(SPEC_EXAMPLE.read_text())
    rng = random.Random(seed)
    rng.shuffle(data["entries"])
    rng.shuffle(data["people"])
    data["entries"].append(
        {
            "id": "zz",
            "date": "2019-02-20",
            "agency": "GP",
            "type": "case note",
            "text": "Unrelated note.",
        }
    )
    path = tmp_path / f"shuffled-{seed}.json"
    path.write_text(json.dumps(data))
    return path


def test_fingerprints_and_order_survive_reordering_and_unrelated_edits(tmp_path: Path) -> None:
    linter = Linter()
    base = linter.check_paths(SPEC_EXAMPLE)
    for seed in range(3):
        other = linter.check_paths(_shuffled_copy(tmp_path, seed))
        pairs = [(f.rule_id, f.fingerprint) for f in other.findings]
        assert pairs == [(f.rule_id, f.fingerprint) for f in base.findings]


def test_json_output_is_deterministic_without_timing() -> None:
    linter = Linter()
    one = linter.check_paths(ROOT / "fixtures" / "cases").to_json(timing=False)
    two = Linter().check_paths(ROOT / "fixtures" / "cases").to_json(timing=False)
    assert one == two
    data = json.loads(one)
    assert data["format"] == "reviewlint.findings/1"
    assert set(data["counts"]) == {"rule", "theme", "severity"}


def test_bad_case_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = json.loads(SPEC_EXAMPLE.read_text())
    bad = json.loads(SPEC_EXAMPLE.read_text())
    bad["case_id"] = "bad-1"
    bad["entries"][1]["date"] = "31/02/2019"
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in [bad, good]) + "\n")
    report = Linter().check_paths(path)
    assert report.cases_checked == 1
    [err] = report.errors
    assert (err.case_id, err.entry_id, err.field, err.line) == ("bad-1", "e2", "date", 1)
    assert "Mother reports" not in err.message and "SMITH" not in err.message
    assert {f.case_id for f in report.findings} == {"demo-001"}


def test_findings_carry_pack_theme_severity_and_rendered_message() -> None:
    [finding] = [
        f for f in reviewlint.check(SPEC_EXAMPLE).findings if f.rule_id == "concern-not-shared"
    ]
    assert (finding.pack, finding.theme, finding.severity) == (
        "scr-core",
        "information-sharing",
        Severity.HIGH,
    )
    assert "police" in finding.message and "11/02/2019" in finding.message
    assert "{" not in finding.message
    assert finding.guidance


def test_unmapped_values_and_unknown_fields_are_noticed_once_per_run() -> None:
    cases = [
        make_case(
            [e("e1", "2020-01-01", "Frobnicate", "Agency X", nhs_ref="SECRET-1")], case_id="a"
        ),
        make_case(
            [e("e1", "2020-01-01", "Frobnicate", "Agency X", nhs_ref="SECRET-2")], case_id="b"
        ),
    ]
    report = Linter().check_many(cases)
    unmapped = [n for n in report.notices if n.code == "unmapped-value"]
    assert sorted(n.message.split("'")[1] for n in unmapped) == ["Agency X", "Frobnicate"]
    assert all(n.count == 2 and n.cases == ["a", "b"] for n in unmapped)
    [extra] = [n for n in report.notices if n.code == "unknown-field"]
    assert extra.count == 2 and "nhs_ref" in extra.message
    assert "SECRET" not in extra.message


def test_select_ignore_and_severity_override() -> None:
    config = reviewlint.Config(severity={"child-not-seen": Severity.HIGH})
    linter = Linter(
        config=config, select=["child-voice", "concern-not-shared"], ignore=["concern-*"]
    )
    assert linter.rules and all(r.spec.theme == "child-voice" for r in linter.rules)
    report = linter.check_paths(SPEC_EXAMPLE)
    assert {f.rule_id for f in report.findings} == {"child-not-seen"}
    assert all(f.severity == Severity.HIGH for f in report.findings)


def test_check_many_accepts_errors_in_the_stream() -> None:
    report = Linter().check_many(
        [InputError("broken", case_id="x"), make_case([e("e1", "2020-01-01")])]
    )
    assert report.cases_checked == 1 and [x.case_id for x in report.errors] == ["x"]


def test_text_report_groups_by_case_with_evidence_lines() -> None:
    text = reviewlint.check(SPEC_EXAMPLE).render()
    assert text.startswith("case demo-001")
    assert "- entry e2 2019-03-02 (health visiting): text[" in text
    # concern-not-shared, child-not-seen, the partner Dean nobody saw (hidden-men),
    # plus the child's two spellings and two DOBs
    assert text.rstrip().splitlines()[-1].startswith("5 findings")
    assert "Dean (mother's partner) is mentioned in 1 entries (e1)" in text
    assert "Jayden Smith (child) is recorded 2 ways" in text


def test_every_shipped_pack_compiles_and_every_rule_has_docs_fields() -> None:
    from reviewlint._packs._loader import builtin_packs

    for name in builtin_packs():
        pack = reviewlint.load_pack(name)
        for rule in pack.rules:
            assert rule.spec.rationale and rule.spec.guidance and rule.spec.example, rule.id


def test_mini_pack_loads() -> None:
    pack = reviewlint.load_pack(DATA / "mini-pack.yaml")
    assert (pack.id, pack.version, [r.id for r in pack.rules]) == ("mini", "1.0", ["each"])


def test_a_detector_crash_is_a_case_error_without_case_text(tmp_path: Path) -> None:
    from reviewlint.detectors import Params, detector

    from .conftest import rule_pack

    class BoomParams(Params):
        pass

    @detector("boom_test_only", BoomParams)
    def boom(ctx: Any, params: BoomParams) -> Any:
        """Fail on purpose, quoting the case text."""
        raise RuntimeError(ctx.case.entries[0].entry.text)

    pack = rule_pack(tmp_path, "boom_test_only", {})
    cases = [make_case([e("e1", "2020-01-01", text="SECRET narrative")], case_id=c) for c in "ab"]
    report = Linter([pack]).check_many(cases)
    assert [x.case_id for x in report.errors] == ["a", "b"]
    assert all("SECRET" not in x.message and "RuntimeError" in x.message for x in report.errors)


def test_evidence_spans_come_only_from_conditions_the_entry_meets(run: Any) -> None:
    params = {
        "trigger": {"type": "concern"},
        "response": {"all": [{"type": "strategy_discussion"}, {"text": {"phrase": "strategy"}}]},
        "within_days": 3,
    }
    case = make_case(
        [
            e(
                "e1",
                "2020-01-01",
                "DA incident",
                "police",
                text="Strategy discussion to be considered.",
            ),
            e("e2", "2020-03-01", "case note"),
        ]
    )
    [finding] = run("not_followed_by", params, case)
    assert [ev.text for ev in finding.evidence] == [None]


def test_entry_absent_period_without_days_is_a_pack_error(tmp_path: Path) -> None:
    from .conftest import rule_pack

    path = rule_pack(tmp_path, "entry_absent", {"required": {"type": "note"}, "period": "recent"})
    with pytest.raises(reviewlint.PackError, match="needs 'days'"):
        reviewlint.load_pack(path)


def test_select_globs_match_themes() -> None:
    linter = Linter(select=["child-*"])
    assert linter.rules and all(r.spec.theme == "child-voice" for r in linter.rules)
