"""The command line, run as users run it: a real ``python -m reviewlint`` process.

Every run is checked for a traceback: users see messages, never stack traces.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

import reviewlint

from .conftest import DATA, ROOT

CASES = ROOT / "fixtures" / "cases"
GAP_CASE = DATA / "cli" / "gap-case.json"  # scr-core finds one chronology-gap (medium) only
CLEAN_CASE = DATA / "cli" / "clean-case.json"  # scr-core finds nothing
BASE = DATA / "packs" / "base.yaml"
SCR_CORE = yaml.safe_load((ROOT / "rules" / "scr-core" / "pack.yaml").read_text())
SCR_CORE_IDS = [r["id"] for r in SCR_CORE["rules"]]


def rl(*args: Any, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI")}
    done = subprocess.run(
        [sys.executable, "-m", "reviewlint", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert "internal error" not in done.stderr
    return done


def pos(text: str, needle: str) -> tuple[int, int]:
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    """A folder with the one-finding case and the clean case."""
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(GAP_CASE, folder)
    shutil.copy(CLEAN_CASE, folder)
    return folder


# -- check: exit status -----------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "status"),
    [(["--fail-on", "high"], 0), ([], 1)],
    ids=["below-threshold", "default-medium-reached"],
)
def test_exit_status_follows_fail_on(
    tmp_path: Path, cases: Path, options: list[str], status: int
) -> None:
    done = rl("check", cases, "--format", "json", *options, cwd=tmp_path)
    assert done.returncode == status, done.stderr
    report = json.loads(done.stdout)
    # The finding is reported either way; only the exit status changes.
    assert [(f["rule_id"], f["severity"]) for f in report["findings"]] == [
        ("chronology-gap", "medium")
    ]
    assert report["cases_checked"] == 2


def test_unreadable_case_exits_2_and_the_rest_is_still_reported(
    tmp_path: Path, cases: Path
) -> None:
    (cases / "broken.json").write_text('{"case_id": "x", "entries": [\n')
    done = rl("check", cases, "--fail-on", "none", cwd=tmp_path)
    assert done.returncode == 2  # unreadable input is an error whatever --fail-on says
    assert "chronology-gap" in done.stdout and "cli-gap" in done.stdout
    assert "broken.json:2" in done.stdout and "not valid JSON" in done.stdout
    assert "1 finding (1 medium) in 2 cases" in done.stdout and "1 unreadable" in done.stdout


@pytest.mark.parametrize(
    ("old", "new", "needle", "fragment"),
    [
        ("detector: each_entry", "detector: each_entri", "each_entri", "did you mean 'each_entry'"),
        (
            "title: Test pack",
            "title: !!python/object/apply:os.system [echo pwned]",
            "!!python",
            "is not allowed",
        ),
    ],
    ids=["unknown-detector", "python-tag"],
)
def test_broken_pack_exits_2_with_its_location(
    tmp_path: Path, old: str, new: str, needle: str, fragment: str
) -> None:
    text = BASE.read_text().replace(old, new)
    (tmp_path / "broken.yaml").write_text(text)
    line, column = pos(text, needle)
    done = rl("check", GAP_CASE, "--pack", "broken.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert f"broken.yaml:{line}:{column}: " in done.stderr
    assert fragment in done.stderr
    assert done.stdout == ""  # nothing was checked with a half-loaded pack
    assert "pwned" not in done.stdout


def test_missing_path_exits_2(tmp_path: Path) -> None:
    done = rl("check", "nowhere.json", cwd=tmp_path)
    assert done.returncode == 2
    assert "nowhere.json" in done.stdout + done.stderr


@pytest.mark.parametrize(
    "args",
    [["check", "x.json", "--fail-on", "urgent"]],
    ids=["bad-choice"],
)
def test_bad_arguments_exit_2(tmp_path: Path, args: list[str]) -> None:
    done = rl(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert "usage: reviewlint" in done.stderr


# -- check: output ------------------------------------------------------------------


def test_json_report_written_to_output_file(tmp_path: Path, cases: Path) -> None:
    (tmp_path / "out").mkdir()
    done = rl("check", cases, "--format", "json", "--output", "out/report.json", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert {"findings", "counts", "errors", "notices", "packs", "timing"} <= set(report)
    assert report["format"] == "reviewlint.findings/1"
    assert report["counts"] == {
        "rule": {"chronology-gap": 1},
        "theme": {"record-accuracy": 1},
        "severity": {"medium": 1},
    }
    assert report["errors"] == []
    [finding] = report["findings"]
    assert (finding["pack"], finding["case_id"]) == ("scr-core", "cli-gap")
    assert [e["entry_id"] for e in finding["evidence"]] == ["e1", "e2"]


def test_unwritable_output_exits_2_with_a_message(tmp_path: Path) -> None:
    done = rl("check", CLEAN_CASE, "--output", "no/such/dir/report.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert "cannot write" in done.stderr and "report.txt" in done.stderr


def test_select_and_ignore_by_theme_and_id(tmp_path: Path) -> None:
    done = rl(
        "check",
        CASES,
        "--format",
        "json",
        "--select",
        "child-voice,record-accuracy",  # themes
        "--select",
        "concern-not-shared,plan-not-shared",  # rule ids
        "--ignore",
        "incomplete-entry",  # a rule id
        "--ignore",
        "information-sharing",  # a theme (concern-not-shared)
        cwd=tmp_path,
    )
    report = json.loads(done.stdout)
    pack = reviewlint.load_pack("scr-core")
    themes = {"child-voice", "record-accuracy"}
    allowed = {r.id for r in pack.rules if r.spec.theme in themes} | {"plan-not-shared"}
    allowed -= {"incomplete-entry"}
    fired = set(report["counts"]["rule"])
    assert fired <= allowed
    assert {"child-not-seen", "plan-not-shared", "name-variants"} <= fired
    assert report["packs"][0]["rules"] == len(allowed)


def test_a_select_that_matches_nothing_is_an_error(tmp_path: Path) -> None:
    done = rl("check", CASES, "--select", "child-not-sen", cwd=tmp_path)
    assert done.returncode == 2
    assert "did you mean 'child-not-seen'" in done.stderr
    assert done.stdout == ""


def test_config_file_in_the_working_directory_is_used(tmp_path: Path) -> None:
    (tmp_path / "reviewlint.toml").write_text('fail-on = "high"\nignore = ["child-voice"]\n')
    done = rl("check", GAP_CASE, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "chronology-gap" in done.stdout
    (tmp_path / "reviewlint.toml").write_text('fail-on = "sometimes"\n')
    done = rl("check", GAP_CASE, cwd=tmp_path)
    assert done.returncode == 2
    assert "reviewlint.toml: fail-on: must be one of" in done.stderr


# -- rules, validate ------------------------------------------------------------------


def test_rules_lists_every_scr_core_rule(tmp_path: Path) -> None:
    done = rl("rules", cwd=tmp_path)
    assert done.returncode == 0
    listed = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    assert listed == SCR_CORE_IDS
    assert len(SCR_CORE_IDS) == 30


def test_rules_explains_one_rule_with_its_parameters(tmp_path: Path) -> None:
    done = rl("rules", "chronology-gap", cwd=tmp_path)
    assert done.returncode == 0
    out = done.stdout
    assert "chronology-gap" in out and "Long silence while the case is open" in out
    for row in ("| `max_days` | `90` |", "| `closes` |", "| `to_reference_date` |"):
        assert row in out


@pytest.mark.parametrize(
    ("rule", "fragment"),
    [("nope", "no rule 'nope'"), ("chronology-gaps", "did you mean 'chronology-gap'")],
)
def test_rules_unknown_rule_exits_2(tmp_path: Path, rule: str, fragment: str) -> None:
    done = rl("rules", rule, cwd=tmp_path)
    assert done.returncode == 2
    assert fragment in done.stderr
    assert done.stdout == ""


def test_validate_good_packs(tmp_path: Path) -> None:
    done = rl("validate", "scr-core", BASE, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "scr-core: ok (scr-core 0.1.0, 30 rules)",
        f"{BASE}: ok (mini 1.0, 1 rules)",
    ]


def test_validate_broken_pack(tmp_path: Path) -> None:
    text = BASE.read_text().replace("severity: medium", "severty: medium")
    (tmp_path / "broken.yaml").write_text(text)
    done = rl("validate", "scr-core", "broken.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout.startswith("scr-core: ok")
    line, column = pos(text, "medium")
    assert f"broken.yaml:{line}:{column}: rule 'each': unknown key 'severty'" in done.stderr
    assert "did you mean 'severity'" in done.stderr


# -- JSON output and schemas ---------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory: pytest.TempPathFactory) -> str:
    done = rl("check", CASES, "--format", "json", "--no-timing", cwd=tmp_path_factory.mktemp("run"))
    assert done.returncode == 1
    return done.stdout


def test_no_timing_json_is_byte_identical(tmp_path: Path, fixture_run: str) -> None:
    again = rl("check", CASES, "--format", "json", "--no-timing", cwd=tmp_path)
    assert again.stdout == fixture_run
    report = json.loads(fixture_run)
    assert "timing" not in report
    assert report["cases_checked"] == len(list(CASES.glob("*.json"))) >= 30
    assert report["errors"] == []


def schema(kind: str, cwd: Path) -> Draft202012Validator:
    done = rl("schema", kind, cwd=cwd)
    assert done.returncode == 0
    data = json.loads(done.stdout)
    Draft202012Validator.check_schema(data)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return Draft202012Validator(data)


def test_case_schema_validates_every_fixture(tmp_path: Path) -> None:
    validator = schema("case", tmp_path)
    paths = sorted(CASES.glob("*.json"))
    assert len(paths) >= 30  # the evaluation corpus (issue 4)
    for path in [*paths, GAP_CASE, CLEAN_CASE]:
        errors = [e.message for e in validator.iter_errors(json.loads(path.read_text()))]
        assert errors == [], path.name
    assert not validator.is_valid({"case_id": "x"})


def test_findings_schema_validates_check_output(tmp_path: Path, fixture_run: str) -> None:
    validator = schema("findings", tmp_path)
    report = json.loads(fixture_run)
    assert report["findings"]
    assert [e.message for e in validator.iter_errors(report)] == []
    report["findings"][0]["severity"] = "urgent"
    assert not validator.is_valid(report)
