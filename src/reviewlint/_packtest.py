"""``reviewlint test PACK_DIR``: run a pack's own test cases.

A test case is an ordinary case file in the pack's ``tests/`` folder whose
entries, people or case object carry expectations, in the spirit of
Semgrep's ``ruleid:`` / ``ok:`` annotations::

    "expect": {"fires": ["chronology-gap"], "not": ["child-not-seen"], "todo": []}

``fires``: the rule must report a finding whose evidence includes this
entry or person (on the case object: some finding of the rule in the case).
``not``: it must not. ``todo`` (should fire, does not yet) and ``todo_not``
(fires, should not) record known gaps: reported, never failing, and flagged
once the rule gets them right.
In strict mode a finding that no ``fires`` expectation accounts for is
unexpected, for every rule the case annotates (a case speaks for the rules it
names, as a Semgrep test file does for its rule). A rule without any test
case fails the run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._compiled import CompiledPack
from ._engine import Linter
from ._errors import InputError, ReviewlintError
from ._findings import Finding
from ._loaders import iter_cases
from ._model import Case

EXPECT_KEY = "expect"
KINDS = ("fires", "not", "todo", "todo_not")


@dataclass
class Expectation:
    """One annotation: rule, kind, and the entry/person/case it is written on."""

    rule_id: str
    kind: str
    case_id: str
    entry_id: str | None = None
    person_id: str | None = None

    @property
    def target(self) -> str:
        """Where the expectation sits, for messages."""
        if self.entry_id:
            return f"{self.case_id}:entry {self.entry_id}"
        if self.person_id:
            return f"{self.case_id}:person {self.person_id}"
        return f"{self.case_id}:case"

    def covers(self, finding: Finding) -> bool:
        """Whether a finding of this rule is about this expectation's target."""
        if finding.rule_id != self.rule_id or finding.case_id != self.case_id:
            return False
        if self.entry_id is not None:
            return self.entry_id in finding.entry_ids
        if self.person_id is not None:
            return self.person_id in finding.person_ids
        return True


@dataclass
class RuleResult:
    """How one rule did across the pack's test cases."""

    rule_id: str
    cases: set[str] = field(default_factory=set)
    failed_cases: set[str] = field(default_factory=set)
    missed: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    todo_now_passing: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """No misses, no unexpected findings, and at least one test case."""
        return bool(self.cases) and not self.missed and not self.unexpected

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {
            "rule_id": self.rule_id,
            "passed": self.passed,
            "cases": len(self.cases),
            "cases_passed": len(self.cases - self.failed_cases),
            "missed": self.missed,
            "unexpected": self.unexpected,
            "todo": self.todo,
            "todo_now_passing": self.todo_now_passing,
        }


@dataclass
class PackTestReport:
    """The outcome of running a pack's tests."""

    pack_id: str
    rules: dict[str, RuleResult]
    errors: list[str] = field(default_factory=list)
    unknown_rules: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Every rule passed and nothing was broken."""
        return (
            not self.errors
            and not self.unknown_rules
            and all(r.passed for r in self.rules.values())
        )

    def to_json(self) -> str:
        """The report as JSON."""
        return json.dumps(
            {
                "pack": self.pack_id,
                "passed": self.passed,
                "rules": [r.to_dict() for r in self.rules.values()],
                "errors": self.errors,
                "unknown_rules": self.unknown_rules,
            },
            indent=2,
        )

    def render(self) -> str:
        """A readable summary: one line per rule, then the details of what failed."""
        lines = []
        for r in self.rules.values():
            status = "ok  " if r.passed else "FAIL"
            detail = f"{len(r.cases - r.failed_cases)}/{len(r.cases)} cases"
            if not r.cases:
                detail = "no test cases"
            if r.todo:
                detail += f", {len(r.todo)} todo"
            lines.append(f"{status} {r.rule_id:<34} {detail}")
            lines += [f"       missed: {m}" for m in r.missed]
            lines += [f"       unexpected: {u}" for u in r.unexpected]
            lines += [f"       todo now passes (remove the todo): {t}" for t in r.todo_now_passing]
        lines += [f"error: {e}" for e in self.errors]
        lines += [f"error: expectation names unknown rule {u}" for u in self.unknown_rules]
        failed = sum(1 for r in self.rules.values() if not r.passed)
        lines.append(
            f"{self.pack_id}: {len(self.rules) - failed} of {len(self.rules)} rules passed"
            + (f", {len(self.errors)} broken test files" if self.errors else "")
        )
        return "\n".join(lines)


def _expectations(case: Case) -> list[Expectation]:
    found: list[Expectation] = []

    def read(raw: Any, entry_id: str | None, person_id: str | None) -> None:
        if not isinstance(raw, dict):
            return
        for kind in KINDS:
            for rule_id in raw.get(kind, []) or []:
                found.append(Expectation(str(rule_id), kind, case.case_id, entry_id, person_id))

    read(case.extra.get(EXPECT_KEY), None, None)
    for entry in case.entries:
        read(entry.extra.get(EXPECT_KEY), entry.id, None)
    for person in case.all_people:
        read(person.extra.get(EXPECT_KEY), None, person.id)
    return found


def _check_case(
    case: Case,
    findings: list[Finding],
    expectations: list[Expectation],
    results: dict[str, RuleResult],
    strict: bool,
) -> None:
    for exp in expectations:
        result = results[exp.rule_id]
        result.cases.add(case.case_id)
        hit = any(exp.covers(f) for f in findings)
        if exp.kind == "fires" and not hit:
            result.missed.append(exp.target)
            result.failed_cases.add(case.case_id)
        elif exp.kind == "not" and hit:
            result.unexpected.append(exp.target)
            result.failed_cases.add(case.case_id)
        elif exp.kind in ("todo", "todo_not"):
            result.todo.append(exp.target)
            if hit == (exp.kind == "todo"):
                result.todo_now_passing.append(exp.target)
    if not strict:
        return
    # Like Semgrep's test files, a case speaks for the rules it annotates: strictness
    # covers every finding of those rules, not rules the case never mentions.
    tested = {e.rule_id for e in expectations}
    wanted = [e for e in expectations if e.kind in ("fires", "todo", "todo_not")]
    for finding in findings:
        if finding.rule_id not in tested:
            continue
        if finding.rule_id in results and not any(e.covers(finding) for e in wanted):
            result = results[finding.rule_id]
            where = ", ".join(finding.entry_ids or finding.person_ids) or "case"
            result.unexpected.append(f"{case.case_id}: {where} (not annotated)")
            result.cases.add(case.case_id)
            result.failed_cases.add(case.case_id)


def run_pack_tests(pack: CompiledPack, test_dir: Path, *, strict: bool = False) -> PackTestReport:
    """Run every test case under ``test_dir`` against ``pack``."""
    linter = Linter([pack])
    results = {r.id: RuleResult(r.id) for r in pack.rules if r.spec.enabled}
    report = PackTestReport(pack.id, results)
    files = sorted(p for p in test_dir.rglob("*") if p.suffix in (".json", ".jsonl"))
    if not files:
        report.errors.append(f"no test cases in {test_dir}")
        return report
    for item in iter_cases(files):
        if isinstance(item, InputError):
            report.errors.append(str(item))
            continue
        expectations = _expectations(item)
        for exp in expectations:
            if exp.rule_id not in results:
                report.unknown_rules.append(f"{exp.rule_id!r} at {exp.target}")
        expectations = [e for e in expectations if e.rule_id in results]
        try:
            findings = linter.findings(item)
        except ReviewlintError as exc:
            report.errors.append(f"{item.case_id}: {exc}")
            continue
        _check_case(item, findings, expectations, results, strict)
    for result in results.values():
        result.missed.sort()
        result.unexpected.sort()
    return report
