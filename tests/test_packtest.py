"""The pack test runner: expectations on entries, people and cases; strict mode; failures."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import reviewlint
from reviewlint._packtest import run_pack_tests

from .conftest import DATA


def _case(case_id: str, entries: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "people": [{"id": "p1", "name": "Amy TEST", "role": "child"}],
        "entries": entries,
        **extra,
    }


def _visit(eid: str, seen: bool, expect: dict[str, list[str]] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": eid,
        "date": "2020-01-01",
        "agency": "CSC",
        "type": "visit",
        "text": "Visit.",
        "child_seen": seen,
    }
    if expect is not None:
        data["expect"] = expect
    return data


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    (root / "tests").mkdir(parents=True)
    shutil.copy(DATA / "mini-pack.yaml", root / "pack.yaml")
    return root


def _write(pack_dir: Path, name: str, case: dict[str, Any]) -> None:
    (pack_dir / "tests" / name).write_text(json.dumps(case))


def _run(pack_dir: Path, strict: bool = False) -> Any:
    pack = reviewlint.load_pack(pack_dir / "pack.yaml")
    return run_pack_tests(pack, pack_dir / "tests", strict=strict)


def test_passing_fires_and_not_expectations(pack_dir: Path) -> None:
    _write(
        pack_dir,
        "a.json",
        _case(
            "a", [_visit("v1", False, {"fires": ["each"]}), _visit("v2", True, {"not": ["each"]})]
        ),
    )
    report = _run(pack_dir, strict=True)
    assert report.passed
    assert report.rules["each"].to_dict()["cases_passed"] == 1


def test_missed_and_unexpected_name_the_entries(pack_dir: Path) -> None:
    _write(
        pack_dir,
        "a.json",
        _case(
            "a", [_visit("v1", True, {"fires": ["each"]}), _visit("v2", False, {"not": ["each"]})]
        ),
    )
    report = _run(pack_dir)
    result = report.rules["each"]
    assert not report.passed
    assert (result.missed, result.unexpected) == (["a:entry v1"], ["a:entry v2"])


def test_todo_does_not_fail_and_says_when_it_starts_passing(pack_dir: Path) -> None:
    _write(
        pack_dir,
        "a.json",
        _case(
            "a", [_visit("v1", True, {"todo": ["each"]}), _visit("v2", False, {"todo": ["each"]})]
        ),
    )
    report = _run(pack_dir)
    assert report.passed
    assert report.rules["each"].todo_now_passing == ["a:entry v2"]


def test_strict_mode_counts_unannotated_findings(pack_dir: Path) -> None:
    _write(
        pack_dir,
        "a.json",
        _case("a", [_visit("v1", False, {"fires": ["each"]}), _visit("v2", False)]),
    )
    assert _run(pack_dir).passed
    strict = _run(pack_dir, strict=True)
    assert not strict.passed and strict.rules["each"].unexpected == ["a: v2 (not annotated)"]


def test_case_level_expectations(pack_dir: Path) -> None:
    _write(pack_dir, "a.json", _case("a", [_visit("v1", True)], expect={"not": ["each"]}))
    _write(pack_dir, "b.json", _case("b", [_visit("v1", False)], expect={"fires": ["each"]}))
    assert _run(pack_dir, strict=True).passed


def test_rule_without_test_cases_fails(pack_dir: Path) -> None:
    _write(pack_dir, "a.json", _case("a", [_visit("v1", True)]))
    report = _run(pack_dir)
    assert not report.passed and "no test cases" in report.render()


def test_broken_file_is_reported_and_the_run_goes_on(pack_dir: Path) -> None:
    (pack_dir / "tests" / "0-broken.json").write_text("{not json")
    _write(pack_dir, "a.json", _case("a", [_visit("v1", False, {"fires": ["each"]})]))
    report = _run(pack_dir)
    assert len(report.errors) == 1 and report.rules["each"].passed and not report.passed


def test_expectation_for_unknown_rule_fails(pack_dir: Path) -> None:
    _write(pack_dir, "a.json", _case("a", [_visit("v1", False, {"fires": ["each", "eech"]})]))
    report = _run(pack_dir)
    assert not report.passed and report.unknown_rules == ["'eech' at a:entry v1"]


def test_cli_exit_codes_and_json(pack_dir: Path) -> None:
    _write(pack_dir, "a.json", _case("a", [_visit("v1", False, {"fires": ["each"]})]))
    cmd = [sys.executable, "-m", "reviewlint", "test", str(pack_dir), "--format", "json"]
    ok = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and json.loads(ok.stdout)["passed"] is True
    _write(pack_dir, "b.json", _case("b", [_visit("v1", True, {"fires": ["each"]})]))
    bad = subprocess.run(cmd[:-2], capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "missed: b:entry v1" in bad.stdout


def test_todo_not_records_a_known_false_finding(pack_dir: Path) -> None:
    _write(
        pack_dir,
        "a.json",
        _case(
            "a",
            [
                _visit("v1", False, {"todo_not": ["each"]}),
                _visit("v2", True, {"todo_not": ["each"]}),
                _visit("v3", False, {"fires": ["each"]}),
            ],
        ),
    )
    report = _run(pack_dir, strict=True)
    assert report.passed
    assert report.rules["each"].todo_now_passing == ["a:entry v2"]
