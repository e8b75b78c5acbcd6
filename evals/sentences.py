"""Score ``reviewlint.narrative`` on our labelled social-care sentence sets.

``tests/data/narrative/dev.jsonl`` (used while writing the lexicons and triggers) and
``tests/data/narrative/heldout.jsonl`` (written separately, not used for tuning) hold case-note
sentences with every concept mention labelled with its span and modifiers. A predicted
mention counts for a gold one when the concept is the same and the spans overlap. Concept
precision and recall come from that matching; modifier precision and recall are scored on
the matched mentions (experiencer ``other`` is the positive class).

Usage::

    python evals/sentences.py [dev|heldout ...] [--errors N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "narrative"
MODIFIERS = (
    "negated",
    "denied",
    "uncertain",
    "hypothetical",
    "historical",
    "experiencer",
    "challenged",
)


def load(name: str) -> list[dict[str, Any]]:
    """The labelled sentences of one set."""
    path = DATA / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _gold_spans(row: dict[str, Any]) -> list[tuple[dict[str, Any], int, int]]:
    out = []
    seen: dict[str, int] = defaultdict(int)
    for mention in row["mentions"]:
        span = mention["span"]
        start = -1
        for _ in range(seen[span] + 1):
            start = row["text"].find(span, start + 1)
        seen[span] += 1
        out.append((mention, start, start + len(span)))
    return out


def _flag(value: Any, name: str) -> bool:
    return value == "other" if name == "experiencer" else bool(value)


def score(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Concept and modifier counts (tp, fp, fn) with precision and recall, and the misses."""
    from reviewlint.narrative import annotate

    concept = defaultdict(lambda: [0, 0, 0])
    modifier = defaultdict(lambda: [0, 0, 0])
    errors: list[str] = []
    labelled = {m["concept"] for row in rows for m in row["mentions"]}
    for row in rows:
        # Only concepts the set labels are scored (the pack has others, e.g. joint_visit).
        predicted = [p for p in annotate(row["text"]) if p.concept in labelled]
        gold = _gold_spans(row)
        used: set[int] = set()
        for mention, a, b in gold:
            hit = next(
                (
                    (i, p)
                    for i, p in enumerate(predicted)
                    if i not in used
                    and p.concept == mention["concept"]
                    and p.start < b
                    and a < p.end
                ),
                None,
            )
            if hit is None:
                concept[mention["concept"]][2] += 1
                errors.append(
                    f"{row['id']} missed {mention['concept']} '{mention['span']}': {row['text']}"
                )
                continue
            i, p = hit
            used.add(i)
            concept[mention["concept"]][0] += 1
            for name in MODIFIERS:
                want = _flag(mention.get(name), name)
                got = _flag(getattr(p, name), name)
                if want and got:
                    modifier[name][0] += 1
                elif got:
                    modifier[name][1] += 1
                    where = f"{row['id']} {mention['concept']} '{mention['span']}'"
                    errors.append(f"{where} wrongly {name}: {row['text']}")
                elif want:
                    modifier[name][2] += 1
                    where = f"{row['id']} {mention['concept']} '{mention['span']}'"
                    errors.append(f"{where} not {name}: {row['text']}")
        for i, p in enumerate(predicted):
            if i not in used:
                concept[p.concept][1] += 1
                errors.append(f"{row['id']} extra {p.concept} '{p.text}': {row['text']}")

    def table(counts: dict[str, list[int]]) -> dict[str, dict[str, float | int | None]]:
        out: dict[str, dict[str, float | int | None]] = {}
        for key, (tp, fp, fn) in sorted(counts.items()):
            out[key] = {
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "precision": tp / (tp + fp) if tp + fp else None,
                "recall": tp / (tp + fn) if tp + fn else None,
            }
        return out

    total = [sum(v[k] for v in concept.values()) for k in range(3)]
    return {
        "sentences": len(rows),
        "concepts": table(concept),
        "modifiers": table(modifier),
        "overall": table({"all": total})["all"],
        "errors": errors,
    }


def _fmt(value: float | int | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the tables for each named set and write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sets", nargs="*", default=["dev", "heldout"])
    parser.add_argument("--errors", type=int, default=0, help="print up to N mistakes per set")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results" / "sentences.json")
    args = parser.parse_args(argv)
    results = {}
    for name in args.sets:
        result = score(load(name))
        results[name] = {k: v for k, v in result.items() if k != "errors"}
        print(f"\n{name}: {result['sentences']} sentences")
        print(f"{'':24} {'P':>5} {'R':>5}   tp  fp  fn")
        for kind in ("concepts", "modifiers"):
            for key, row in result[kind].items():
                scores = f"{_fmt(row['precision'])} {_fmt(row['recall'])}"
                print(f"{key:24} {scores} {row['tp']:4} {row['fp']:3} {row['fn']:3}")
            print()
        o = result["overall"]
        print(f"{'all concepts':24} {_fmt(o['precision'])} {_fmt(o['recall'])}")
        for line in result["errors"][: args.errors]:
            print("  ", line)
    args.json.parent.mkdir(exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
