"""Score ``reviewlint.narrative`` on the NegEx annotated test set (Chapman et al.).

Runs ``annotate(sentence, {"target": [condition]})`` over all 2,376 sentences and scores the
sentence-level prediction against the gold labels: negation (precision, recall, F1, with the
data set README's reference figures for NegEx and genConText beside them), uncertainty
against ``Possible``, historical against temporality ``Historical``, hypothetical against
``Not particular`` and experiencer-other against experiencer other than ``Patient``. The label
mapping (denial counts as negation here) is described in ``evals/_negex_data.py`` and printed.

The data set is located through ``REVIEWLINT_NEGEX_DIR`` (default
``<repo>/../shared/data/negex``) and never copied into the repository; without it the script
says it skipped and exits 0. Writes ``bench-results/negex.json``.

Usage::

    python evals/negex.py [--errors N] [--min-f1 X] [--json PATH]

Exit status is 0 (it is a report) unless ``--min-f1`` is given and negation F1 is below it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _negex_data as nx


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print up to N sentences whose negation was misclassified",
    )
    parser.add_argument(
        "--min-f1",
        type=float,
        default=None,
        metavar="X",
        help="exit 1 when negation F1 is below X",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=nx.REPO / "bench-results" / "negex.json",
        metavar="PATH",
        help="where to write the JSON results (default: bench-results/negex.json)",
    )
    return parser.parse_args(argv)


def _write_json(path: Path, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


def _print_table(scores: dict[str, nx.Score]) -> None:
    header = (
        f"{'attribute':<18} {'gold label':<30} {'gold+':>5} {'pred+':>5} "
        f"{'TP':>4} {'FP':>4} {'FN':>4}  {'P':>5}  {'R':>5}  {'F1':>5}"
    )
    print(header)
    print("-" * len(header))
    for name, s in scores.items():
        print(
            f"{name:<18} {nx.GOLD_LABELS[name]:<30} {s.tp + s.fn:>5} {s.tp + s.fp:>5} "
            f"{s.tp:>4} {s.fp:>4} {s.fn:>4}  {nx.fmt(s.precision):>5}  "
            f"{nx.fmt(s.recall):>5}  {nx.fmt(s.f1):>5}"
        )


def _print_errors(
    sentences: Sequence[nx.Sentence], predictions: Sequence[nx.Prediction], limit: int
) -> None:
    wrong = [
        (s, p) for s, p in zip(sentences, predictions, strict=True) if s.gold_negated != p.negated
    ]
    print(f"\nmisclassified negation: {len(wrong)} (showing {min(limit, len(wrong))})")
    for s, p in wrong[:limit]:
        kind = "FN" if s.gold_negated else "FP"
        flag = " no-match" if not p.matched else ""
        text = " ".join(s.text.split())
        print(f"  line {s.line:>4} {kind} gold={s.negation}{flag} [{s.term}] {text}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation, print the report, write the JSON; return the exit status."""
    args = _parse_args(argv)
    path = nx.data_file()
    if not path.is_file():
        print(nx.skip_message("negex"))
        return 0

    sentences = nx.load_sentences(path)
    digest = nx.file_sha256(path)
    version_note = "sha256 ok" if digest == nx.SHA256 else f"sha256 {digest[:12]}... differs"
    print(f"NegEx annotated test set: {len(sentences):,} sentences from {path} ({version_note})")
    if len(sentences) != nx.EXPECTED_SENTENCES:
        print(f"warning: expected {nx.EXPECTED_SENTENCES:,} sentences")
    print(nx.ATTRIBUTION)

    annotate, reason = nx.load_annotate()
    base: dict[str, Any] = {
        "dataset": {
            "file": nx.FILENAME,
            "sha256": digest,
            "sha256_expected": nx.SHA256,
            "sentences": len(sentences),
            "attribution": nx.ATTRIBUTION,
        },
        "mapping": nx.MAPPING_NOTE,
        "reference": nx.REFERENCE,
    }
    if annotate is None:
        print(f"reviewlint.narrative: {reason}; nothing scored")
        if args.min_f1 is not None:
            print("--min-f1 not checked")
        _write_json(args.json, {**base, "status": reason})
        return 0

    start = time.perf_counter()
    predictions = [nx.predict_reviewlint(annotate, s) for s in sentences]
    seconds = time.perf_counter() - start
    no_match = sum(not p.matched for p in predictions)
    scores = nx.attribute_scores(sentences, predictions)
    negation = scores["negation"]

    print(f"mapping: {nx.MAPPING_NOTE}")
    print(
        f"reviewlint.narrative: {len(sentences):,} sentences in {seconds:.2f} s "
        f"({len(sentences) / seconds:,.0f} sentences/s); condition not found in "
        f"{no_match} sentence(s), counted as affirmed\n"
    )
    _print_table(scores)
    ref_py, ref_java = nx.REFERENCE["negex_python"], nx.REFERENCE["gencontext_java"]
    print(
        f"\nreference (negation): NegEx (Python) P {ref_py['precision']} R {ref_py['recall']} "
        f"F1 {ref_py['f1']} ({ref_py['seconds']} s); genConText (Java) "
        f"P {ref_java['precision']} R {ref_java['recall']} F1 {ref_java['f1']}"
    )
    if scores["uncertainty"].tp + scores["uncertainty"].fn == 0:
        print(
            "note: this file has no 'Possible' label, so uncertainty recall is n/a and every "
            "sentence predicted uncertain counts against precision"
        )
    if args.errors > 0:
        _print_errors(sentences, predictions, args.errors)

    errors = [
        s.line for s, p in zip(sentences, predictions, strict=True) if s.gold_negated != p.negated
    ]
    _write_json(
        args.json,
        {
            **base,
            "status": "ok",
            "seconds": seconds,
            "sentences_per_second": len(sentences) / seconds,
            "no_match": no_match,
            "scores": {name: s.as_dict() for name, s in scores.items()},
            "gold_labels": nx.GOLD_LABELS,
            "negation_errors": {
                "false_negative_lines": [
                    s.line
                    for s, p in zip(sentences, predictions, strict=True)
                    if s.gold_negated and not p.negated
                ],
                "false_positive_lines": [
                    s.line
                    for s, p in zip(sentences, predictions, strict=True)
                    if p.negated and not s.gold_negated
                ],
                "count": len(errors),
            },
        },
    )
    print(f"\nwrote {args.json}")

    f1 = negation.f1 or 0.0
    if args.min_f1 is not None and f1 < args.min_f1:
        print(f"negation F1 {f1:.3f} is below --min-f1 {args.min_f1}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
