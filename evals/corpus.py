"""Case-level precision and recall of the scr-core rules on the fixture corpus.

``fixtures/expectations.yaml`` says, for every case in ``fixtures/cases/`` and
``fixtures/csv/``, which rules an auditor would raise (``fires``), which were
written as deliberate near misses (``not``) and which are genuinely arguable
(``either``, not scored). The lists are exhaustive: a rule not named under
``fires`` or ``either`` is expected to stay quiet, so any finding of it counts
as a false positive. A rule firing on one of its near misses is reported
separately, because the issue asks for none.

Usage::

    python evals/corpus.py [--json PATH] [--rule RULE_ID ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from reviewlint import InputError, Linter
from reviewlint._loaders import iter_cases

ROOT = Path(__file__).resolve().parents[1]
EXPECTATIONS = ROOT / "fixtures" / "expectations.yaml"
INPUTS = [ROOT / "fixtures" / "cases", ROOT / "fixtures" / "csv" / "chronology.csv"]


def problems_in(raw: dict[str, Any], rules: set[str]) -> list[str]:
    """What is wrong with an expectations mapping: unknown keys or rule ids, overlaps."""
    problems = []
    for case_id, spec in raw.items():
        spec = spec or {}
        for key in set(spec) - {"summary", "fires", "not", "either"}:
            problems.append(f"{case_id}: unknown key {key!r}")
        lists = {k: set(spec.get(k) or ()) for k in ("fires", "not", "either")}
        for key, ids in lists.items():
            for rule in sorted(ids - rules):
                problems.append(f"{case_id}: {key} names unknown rule {rule!r}")
        for a, b in (("fires", "not"), ("fires", "either"), ("not", "either")):
            for rule in sorted(lists[a] & lists[b]):
                problems.append(f"{case_id}: {rule!r} is under both {a} and {b}")
    return problems


def load_expectations(path: Path = EXPECTATIONS) -> dict[str, dict[str, Any]]:
    """Per case id: ``fires``, ``not`` (near misses) and ``either`` rule ids."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, dict[str, Any]] = {}
    for case_id, spec in raw.items():
        spec = spec or {}
        out[str(case_id)] = {
            "fires": set(spec.get("fires") or ()),
            "not": set(spec.get("not") or ()),
            "either": set(spec.get("either") or ()),
        }
    return out


def fired_rules() -> tuple[dict[str, set[str]], list[str], list[str]]:
    """Which rules fired on each case of the corpus, the pack's rule ids, and load errors."""
    linter = Linter()
    fired: dict[str, set[str]] = {}
    errors: list[str] = []
    for item in iter_cases(INPUTS):
        if isinstance(item, InputError):
            errors.append(str(item))
            continue
        fired[item.case_id] = {f.rule_id for f in linter.findings(item)}
    rules = [r.id for p in linter.packs for r in p.rules]
    return fired, rules, errors


def score(
    expectations: dict[str, dict[str, Any]], fired: dict[str, set[str]], rules: list[str]
) -> dict[str, Any]:
    """Per-rule and overall case-level counts, precision, recall and near-miss firings."""
    per_rule: dict[str, dict[str, Any]] = {}
    totals = {"tp": 0, "fp": 0, "fn": 0}
    for rule in rules:
        tp = fp = fn = 0
        near_miss_fired: list[str] = []
        false_pos: list[str] = []
        missed: list[str] = []
        for case_id, spec in sorted(expectations.items()):
            if rule in spec["either"]:
                continue
            hit = rule in fired.get(case_id, set())
            want = rule in spec["fires"]
            if hit and want:
                tp += 1
            elif hit:
                fp += 1
                false_pos.append(case_id)
                if rule in spec["not"]:
                    near_miss_fired.append(case_id)
            elif want:
                fn += 1
                missed.append(case_id)
        per_rule[rule] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
            "near_misses": sum(1 for s in expectations.values() if rule in s["not"]),
            "near_miss_fired": near_miss_fired,
            "false_positives": false_pos,
            "missed": missed,
        }
        totals["tp"] += tp
        totals["fp"] += fp
        totals["fn"] += fn
    tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
    overall = {
        **totals,
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
    }
    return {"cases": len(expectations), "rules": per_rule, "overall": overall}


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def render(result: dict[str, Any], *, detail: bool = True) -> str:
    """The score as a text table, rules sorted by id within the pack order."""
    lines = [
        f"fixture corpus: {result['cases']} cases, case-level scores (target: P and R >= 0.90, "
        "no near miss firing)",
        f"{'rule':36} {'TP':>3} {'FP':>3} {'FN':>3} {'P':>5} {'R':>5} {'near-miss fired':>16}",
    ]
    for rule, r in result["rules"].items():
        nm = f"{len(r['near_miss_fired'])}/{r['near_misses']}"
        lines.append(
            f"{rule:36} {r['tp']:3} {r['fp']:3} {r['fn']:3} {_fmt(r['precision'])} "
            f"{_fmt(r['recall'])} {nm:>16}"
        )
    o = result["overall"]
    lines.append(
        f"{'overall':36} {o['tp']:3} {o['fp']:3} {o['fn']:3} {_fmt(o['precision'])} "
        f"{_fmt(o['recall'])}"
    )
    if detail:
        for rule, r in result["rules"].items():
            if r["false_positives"] or r["missed"]:
                lines.append(
                    f"  {rule}: false positives {r['false_positives']}, missed {r['missed']}"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Score the corpus, print the table and write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "eval" / "corpus.json")
    parser.add_argument("--rule", action="append", help="only these rules")
    args = parser.parse_args(argv)
    expectations = load_expectations()
    fired, rules, errors = fired_rules()
    if args.rule:
        rules = [r for r in rules if r in args.rule]
    unknown = sorted(set(expectations) - set(fired))
    result = score(expectations, fired, rules)
    result["load_errors"] = errors
    result["cases_without_expectations"] = sorted(set(fired) - set(expectations))
    result["expectations_without_case"] = unknown
    raw = yaml.safe_load(EXPECTATIONS.read_text(encoding="utf-8")) or {}
    result["expectation_problems"] = problems_in(raw, set(rules))
    print(render(result))
    failed = False
    for problem in (
        "load_errors",
        "cases_without_expectations",
        "expectations_without_case",
        "expectation_problems",
    ):
        if result[problem]:
            failed = True
            print(f"{problem.replace('_', ' ')}: {result[problem]}", file=sys.stderr)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, sort_keys=True), encoding="utf-8")
    print(f"written {args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json}")
    # Scores below target are reported, not failed on; a broken corpus is an error.
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
