"""Narrative context benchmark: reviewlint against medspaCy ConText, then reviewlint alone.

(a) The NegEx annotated sentences (Chapman et al., the NegEx project; located through
    ``REVIEWLINT_NEGEX_DIR``, never copied into the repository), each with its target
    condition, go through:

    - ``reviewlint.narrative.annotate(sentence, {"target": [condition]})``;
    - medspaCy: ``spacy.blank("en")`` with medspaCy's tokenizer, a sentence splitter, one
      ``TargetMatcher`` holding a ``TargetRule`` per distinct condition (results kept in a
      span group with pruning off, so overlapping conditions do not hide each other) and
      ``ConText`` with its default rules. Both engines get the same term, the condition
      stripped of edge whitespace. Two splitters are timed: PyRuSH, the one
      ``medspacy.load()`` uses, and spaCy's rule-based ``sentencizer`` (every input is one
      sentence already, so the cheaper splitter is a fair choice too).

    Each engine is scored on negation (precision, recall, F1; the label mapping is in
    ``evals/_negex_data.py``; medspaCy's ``is_negated``, ``is_uncertain``, ``is_historical``,
    ``is_hypothetical`` and ``is_family`` stand for reviewlint's negated-or-denied, uncertain,
    historical, hypothetical and experiencer-other) and timed: best of ``--repeat`` passes
    after a warm-up pass, as sentences/s and MB/s (UTF-8 bytes of sentence text / seconds,
    MB = 10^6 bytes).

(b) reviewlint alone on a synthetic social-care body of about ``--mb`` MB, made by shuffling
    the texts of ``tests/data/narrative/*.jsonl`` (or, failing those, the NegEx sentences)
    into entries of 200-2,000 bytes, annotated with the built-in lexicons (``annotate(text)``).
    One process, so MB/s is per core.

Prints a table with the reviewlint/medspaCy speed ratio and writes
``bench-results/narrative.json``. medspaCy is optional (``pip install '.[bench]'``); when it or
``reviewlint.narrative`` is missing its row says so and the rest runs.

Usage::

    python benchmarks/narrative.py [--repeat N] [--mb X] [--seed S] [--json PATH]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import random
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evals"))

import _negex_data as nx

MEDSPACY_MISSING = "not installed (pip install '.[bench]')"
NARRATIVE_DATA = nx.REPO / "tests" / "data" / "narrative"
MB = 1_000_000
TEXT_KEYS = ("text", "sentence", "narrative", "body", "note")

Predictor = Callable[[Sequence[nx.Sentence]], list[nx.Prediction]]


@dataclass
class EngineResult:
    """One engine's accuracy and speed on the NegEx sentences (or why it did not run)."""

    name: str
    status: str = "ok"
    setup_seconds: float = 0.0
    seconds: float = 0.0
    runs: list[float] = field(default_factory=list)
    no_match: int = 0
    negation: nx.Score | None = None
    scores: dict[str, nx.Score] = field(default_factory=dict)
    predictions: list[nx.Prediction] = field(default_factory=list)

    def as_dict(self, sentences: int, nbytes: int) -> dict[str, Any]:
        """JSON-ready summary."""
        if self.status != "ok":
            return {"engine": self.name, "status": self.status}
        return {
            "engine": self.name,
            "status": "ok",
            "setup_seconds": self.setup_seconds,
            "seconds": self.seconds,
            "runs": self.runs,
            "sentences_per_second": sentences / self.seconds,
            "mb_per_second": nbytes / MB / self.seconds,
            "no_match": self.no_match,
            "scores": {name: s.as_dict() for name, s in self.scores.items()},
        }


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per engine (best)")
    parser.add_argument("--mb", type=float, default=5.0, help="size of the synthetic body in MB")
    parser.add_argument("--seed", type=int, default=0, help="seed for the synthetic body")
    parser.add_argument(
        "--json",
        type=Path,
        default=nx.REPO / "bench-results" / "narrative.json",
        help="where to write the JSON results (default: bench-results/narrative.json)",
    )
    return parser.parse_args(argv)


@contextmanager
def _quiet_medspacy() -> Iterator[None]:
    """Silence per-document noise that would otherwise dominate medspaCy's timings.

    PyRuSH logs every sentence at DEBUG through loguru, and spaCy warns (W036) on every call
    that the TargetMatcher's token Matcher has no patterns (all rules here are phrases).
    """
    from loguru import logger  # a PyRuSH dependency, so present whenever medspaCy is

    logger.disable("PyRuSH")
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r".*\[W036\]")
            yield
    finally:
        logger.enable("PyRuSH")


def _measure(
    name: str, predict: Predictor, sentences: Sequence[nx.Sentence], repeat: int, setup: float
) -> EngineResult:
    """Warm-up pass (scored), then ``repeat`` timed passes; keep the fastest."""
    predictions = predict(sentences)
    runs = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        predict(sentences)
        runs.append(time.perf_counter() - start)
    scores = nx.attribute_scores(sentences, predictions)
    return EngineResult(
        name=name,
        setup_seconds=setup,
        seconds=min(runs),
        runs=runs,
        no_match=sum(not p.matched for p in predictions),
        negation=scores["negation"],
        scores=scores,
        predictions=predictions,
    )


def _reviewlint_engine(sentences: Sequence[nx.Sentence], repeat: int) -> EngineResult:
    name = "reviewlint annotate"
    start = time.perf_counter()
    annotate, reason = nx.load_annotate()
    setup = time.perf_counter() - start
    if annotate is None:
        return EngineResult(name, status=reason)

    def predict(batch: Sequence[nx.Sentence]) -> list[nx.Prediction]:
        return [nx.predict_reviewlint(annotate, s) for s in batch]

    return _measure(name, predict, sentences, repeat, setup)


def _build_medspacy(splitter: str, conditions: Sequence[str]) -> tuple[Any, dict[str, str]]:
    """A medspaCy pipeline with one TargetRule per distinct (case-folded) condition."""
    import medspacy
    from medspacy.target_matcher import TargetRule

    if splitter == "pyrush":
        nlp = medspacy.load(medspacy_enable=["medspacy_tokenizer", "medspacy_pyrush"])
    else:
        nlp = medspacy.load(medspacy_enable=["medspacy_tokenizer"])
        nlp.add_pipe("sentencizer")
    matcher = nlp.add_pipe(
        "medspacy_target_matcher", config={"result_type": "group", "prune": False}
    )
    nlp.add_pipe("medspacy_context", config={"input_span_type": "group"})
    labels: dict[str, str] = {}
    for condition in conditions:
        labels.setdefault(condition.lower(), f"T{len(labels)}")
    matcher.add([TargetRule(literal=key, category=label) for key, label in labels.items()])
    return nlp, labels


def _medspacy_engine(
    splitter: str, label: str, sentences: Sequence[nx.Sentence], repeat: int
) -> EngineResult:
    name = f"medspaCy ConText ({label})"
    start = time.perf_counter()
    try:
        import medspacy  # noqa: F401
    except ImportError:
        return EngineResult(name, status=MEDSPACY_MISSING)
    with _quiet_medspacy():
        nlp, labels = _build_medspacy(splitter, [s.term for s in sentences])
        setup = time.perf_counter() - start

        def predict(batch: Sequence[nx.Sentence]) -> list[nx.Prediction]:
            out = []
            for s, doc in zip(batch, nlp.pipe(s.text for s in batch), strict=True):
                wanted = labels[s.term.lower()]
                spans = [sp for sp in doc.spans.get("medspacy_spans", []) if sp.label_ == wanted]
                if not spans:
                    out.append(nx.NO_MATCH)
                    continue
                out.append(
                    nx.Prediction(
                        matched=True,
                        negated=any(sp._.is_negated for sp in spans),
                        uncertain=any(sp._.is_uncertain for sp in spans),
                        historical=any(sp._.is_historical for sp in spans),
                        hypothetical=any(sp._.is_hypothetical for sp in spans),
                        other=any(sp._.is_family for sp in spans),
                    )
                )
            return out

        return _measure(name, predict, sentences, repeat, setup)


def _versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for dist in ("reviewlint", "medspacy", "spacy", "PyRuSH", "medspacy_quickumls"):
        try:
            found[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            found[dist] = None
    return found


def _print_engines(results: Sequence[EngineResult], sentences: int, nbytes: int) -> None:
    header = (
        f"{'engine':<32} {'P':>5} {'R':>5} {'F1':>5} {'no-match':>8} "
        f"{'setup s':>7} {'run s':>6} {'sent/s':>8} {'MB/s':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        if r.status != "ok" or r.negation is None:
            print(f"{r.name:<32} {r.status}")
            continue
        n = r.negation
        print(
            f"{r.name:<32} {nx.fmt(n.precision):>5} {nx.fmt(n.recall):>5} {nx.fmt(n.f1):>5} "
            f"{r.no_match:>8} {r.setup_seconds:>7.2f} {r.seconds:>6.2f} "
            f"{sentences / r.seconds:>8,.0f} {nbytes / MB / r.seconds:>6.3f}"
        )


def _part_a(sentences: Sequence[nx.Sentence], repeat: int) -> dict[str, Any]:
    nbytes = nx.utf8_bytes(s.text for s in sentences)
    print(
        f"(a) NegEx sentences: {len(sentences):,} sentences, {nbytes / MB:.3f} MB UTF-8, "
        f"best of {max(1, repeat)} timed pass(es) after a warm-up"
    )
    print(nx.ATTRIBUTION)
    print(f"mapping: {nx.MAPPING_NOTE}\n")
    ours = _reviewlint_engine(sentences, repeat)
    theirs = [
        _medspacy_engine("pyrush", "PyRuSH", sentences, repeat),
        _medspacy_engine("sentencizer", "sentencizer", sentences, repeat),
    ]
    _print_engines([ours, *theirs], len(sentences), nbytes)

    ratios: dict[str, float] = {}
    disagreements: dict[str, int] = {}
    for other in theirs:
        if ours.status == "ok" and other.status == "ok":
            ratios[other.name] = other.seconds / ours.seconds
            disagreements[other.name] = sum(
                a.negated != b.negated
                for a, b in zip(ours.predictions, other.predictions, strict=True)
            )
    for name, ratio in ratios.items():
        print(
            f"speed ratio reviewlint/{name}: {ratio:.2f}x; "
            f"negation calls that differ: {disagreements[name]}"
        )
    ref = nx.REFERENCE["negex_python"]
    print(
        f"reference: NegEx (Python) F1 {ref['f1']} in {ref['seconds']} s; "
        f"genConText (Java) F1 {nx.REFERENCE['gencontext_java']['f1']}"
    )
    return {
        "sentences": len(sentences),
        "bytes_utf8": nbytes,
        "engines": [r.as_dict(len(sentences), nbytes) for r in (ours, *theirs)],
        "speed_ratio_reviewlint_over": ratios,
        "negation_disagreements_with_reviewlint": disagreements,
        "mapping": nx.MAPPING_NOTE,
        "reference": nx.REFERENCE,
        "attribution": nx.ATTRIBUTION,
    }


def _texts_from_jsonl(folder: Path) -> list[str]:
    """Narrative texts from JSON Lines files: a string line, or an object's text-like field."""
    texts: list[str] = []
    for path in sorted(folder.glob("*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            item = json.loads(raw)
            if isinstance(item, str):
                texts.append(item)
            elif isinstance(item, dict):
                for key in TEXT_KEYS:
                    value = item.get(key)
                    if isinstance(value, str) and value.strip():
                        texts.append(value)
                        break
    return texts


def _synthetic_body(pool: Sequence[str], target_bytes: int, seed: int) -> list[str]:
    """Shuffle the pool into entries of 200-2,000 bytes until about ``target_bytes``."""
    rng = random.Random(seed)
    entries: list[str] = []
    total = 0
    order: list[str] = []
    while total < target_bytes:
        parts: list[str] = []
        size = 0
        want = rng.randint(200, 2000)
        while size < want:
            if not order:
                order = [" ".join(t.split()) for t in pool]
                rng.shuffle(order)
            text = order.pop()
            parts.append(text)
            size += len(text.encode("utf-8")) + 1
        entry = " ".join(parts)
        entries.append(entry)
        total += len(entry.encode("utf-8"))
    return entries


def _part_b(sentences: Sequence[nx.Sentence], megabytes: float, seed: int) -> dict[str, Any]:
    pool = _texts_from_jsonl(NARRATIVE_DATA) if NARRATIVE_DATA.is_dir() else []
    source = f"tests/data/narrative/*.jsonl ({len(pool):,} texts)"
    if not pool:
        pool = [s.text for s in sentences]
        source = f"NegEx sentences ({len(pool):,}; no tests/data/narrative/*.jsonl)"
    print(f"\n(b) reviewlint alone, built-in lexicons, synthetic body from {source}")
    if not pool:
        print("skipped: no source text")
        return {"status": "skipped: no source text"}
    annotate, reason = nx.load_annotate()
    if annotate is None:
        print(f"reviewlint annotate: {reason}")
        return {"status": reason, "source": source}

    entries = _synthetic_body(pool, int(megabytes * MB), seed)
    nbytes = nx.utf8_bytes(entries)
    for entry in entries[:50]:
        annotate(entry)
    concepts: Counter[str] = Counter()
    start = time.perf_counter()
    for entry in entries:
        concepts.update(m.concept for m in annotate(entry))
    seconds = time.perf_counter() - start
    matches = sum(concepts.values())
    print(
        f"{len(entries):,} entries, {nbytes / MB:.2f} MB in {seconds:.2f} s: "
        f"{nbytes / MB / seconds:.3f} MB/s per core, {len(entries) / seconds:,.0f} entries/s, "
        f"{matches:,} matches ({matches / (nbytes / MB):,.0f} per MB)"
    )
    top = ", ".join(f"{name} {count:,}" for name, count in concepts.most_common(8))
    if top:
        print(f"most frequent concepts: {top}")
    return {
        "status": "ok",
        "source": source,
        "seed": seed,
        "entries": len(entries),
        "bytes_utf8": nbytes,
        "seconds": seconds,
        "mb_per_second_per_core": nbytes / MB / seconds,
        "entries_per_second": len(entries) / seconds,
        "matches": matches,
        "matches_by_concept": dict(concepts.most_common()),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run both parts, print the tables and write ``bench-results/narrative.json``."""
    args = _parse_args(argv)
    path = nx.data_file()
    sentences = nx.load_sentences(path) if path.is_file() else []
    result: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "versions": _versions(),
    }
    if sentences:
        result["negex"] = _part_a(sentences, args.repeat)
    else:
        print(nx.skip_message("narrative (a)"))
        result["negex"] = {"status": "skipped: data set not found"}
    result["synthetic"] = _part_b(sentences, args.mb, args.seed)

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
