"""Shared loading, prediction and scoring for the NegEx annotated test set.

Used by ``evals/negex.py`` (accuracy report) and ``benchmarks/narrative.py`` (accuracy and
speed against medspaCy). The data set is the NegEx project's annotated sentences (Chapman et
al., repository chapmanbe/negex, file ``rsAnnotations-1-120-random.txt``). It is test data
only: it is never copied into this repository, only located at run time through
``REVIEWLINT_NEGEX_DIR`` (default ``<repo>/../shared/data/negex``).

Label mapping, the same for every engine scored here:

- gold negated = negation column ``Negated``; ``Possible`` counts as *not* negated for the
  negation score and is scored separately as uncertainty;
- predicted negated = some match of the sentence's target condition is negated *or denied*.
  In clinical notes "patient denies chest pain" is a negation; reviewlint keeps denial apart
  (``.denied``) because in social-care notes a denial is a claim to weigh, not a finding;
- predicted experiencer-other = some match has experiencer ``"other"``. reviewlint's
  ``"family"`` is the household under review, the subject of the record as the patient is of
  a clinical note, so it does not count as "not the patient";
- the target term is the condition with leading and trailing whitespace removed (the same
  for every engine); a sentence whose condition is not found at all counts as predicted
  affirmed (and not uncertain, historical, hypothetical or other-experiencer), and is
  counted as "no match".
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ENV_VAR = "REVIEWLINT_NEGEX_DIR"
FILENAME = "rsAnnotations-1-120-random.txt"
SHA256 = "63763b4dcd97e7874dd3162b8a87103f8205bbe1a0f1f64669ad3f29e97b53c8"
EXPECTED_SENTENCES = 2376
TARGET = "target"

ATTRIBUTION = (
    "Data: NegEx annotated test set rsAnnotations-1-120-random.txt "
    "(Chapman et al., the NegEx project, repository chapmanbe/negex); "
    "used as test data only, not redistributed."
)
MAPPING_NOTE = (
    "predicted negated = a 'target' match with .negated or .denied (clinical convention: "
    "'denies chest pain' is a negation; reviewlint keeps denial separate for social-care "
    "notes); gold negated = 'Negated', 'Possible' counts as not negated; the condition "
    "(stripped of edge whitespace) is the one target term, and a condition not found in "
    "its sentence counts as predicted affirmed; experiencer-other = experiencer "
    "'other' (reviewlint's 'family' is the household under review, i.e. the subject)"
)
REFERENCE = {
    "negex_python": {
        "precision": 0.951,
        "recall": 0.912,
        "f1": 0.931,
        "seconds": 2.9,
        "note": "reference Python NegEx, run on this machine kind (data set README)",
    },
    "gencontext_java": {
        "precision": 0.984,
        "recall": 0.978,
        "f1": 0.981,
        "note": "Java genConText README",
    },
}

AnnotateFn = Callable[..., Sequence[Any]]


@dataclass(frozen=True)
class Sentence:
    """One annotated sentence: its target condition and gold labels."""

    line: int
    condition: str
    text: str
    negation: str
    temporality: str
    experiencer: str

    @property
    def term(self) -> str:
        """The condition as a search term: leading and trailing whitespace removed.

        68 conditions in the file end in spaces; as a phrase that whitespace would have to
        match too, which is an artefact of the file, not a test of tokenisation.
        """
        return self.condition.strip()

    @property
    def gold_negated(self) -> bool:
        """Gold negation: only ``Negated`` counts (``Possible`` does not)."""
        return self.negation == "Negated"

    @property
    def gold_possible(self) -> bool:
        """Gold uncertainty: negation column ``Possible``."""
        return self.negation == "Possible"

    @property
    def gold_historical(self) -> bool:
        """Gold temporality ``Historical``."""
        return self.temporality == "Historical"

    @property
    def gold_hypothetical(self) -> bool:
        """Gold temporality ``Not particular`` (the set's label for hypothetical mentions)."""
        return self.temporality == "Not particular"

    @property
    def gold_other(self) -> bool:
        """Gold experiencer is someone other than the patient."""
        return self.experiencer != "Patient"


@dataclass(frozen=True)
class Prediction:
    """What an engine said about one sentence's target condition."""

    matched: bool
    negated: bool = False
    uncertain: bool = False
    historical: bool = False
    hypothetical: bool = False
    other: bool = False


NO_MATCH = Prediction(matched=False)


@dataclass(frozen=True)
class Score:
    """Confusion counts for one binary attribute, with precision, recall and F1."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float | None:
        """TP / (TP + FP), or None when nothing was predicted positive."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """TP / (TP + FN), or None when the gold has no positive."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall, or None when either is undefined."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Counts and rates, JSON-ready."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "gold_positive": self.tp + self.fn,
            "predicted_positive": self.tp + self.fp,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def score(gold: Iterable[bool], predicted: Iterable[bool]) -> Score:
    """Count agreement between two parallel boolean sequences."""
    tp = fp = fn = tn = 0
    for g, p in zip(gold, predicted, strict=True):
        if g and p:
            tp += 1
        elif p:
            fp += 1
        elif g:
            fn += 1
        else:
            tn += 1
    return Score(tp, fp, fn, tn)


def attribute_scores(
    sentences: Sequence[Sentence], predictions: Sequence[Prediction]
) -> dict[str, Score]:
    """Score negation, uncertainty, historical, hypothetical and experiencer-other."""
    pairs: dict[str, tuple[Callable[[Sentence], bool], Callable[[Prediction], bool]]] = {
        "negation": (lambda s: s.gold_negated, lambda p: p.negated),
        "uncertainty": (lambda s: s.gold_possible, lambda p: p.uncertain),
        "historical": (lambda s: s.gold_historical, lambda p: p.historical),
        "hypothetical": (lambda s: s.gold_hypothetical, lambda p: p.hypothetical),
        "experiencer_other": (lambda s: s.gold_other, lambda p: p.other),
    }
    return {
        name: score(map(gold, sentences), map(pred, predictions))
        for name, (gold, pred) in pairs.items()
    }


GOLD_LABELS = {
    "negation": "negation == Negated",
    "uncertainty": "negation == Possible",
    "historical": "temporality == Historical",
    "hypothetical": "temporality == Not particular",
    "experiencer_other": "experiencer != Patient",
}


def data_dir() -> Path:
    """Where the data set is: ``$REVIEWLINT_NEGEX_DIR``, else ``<repo>/../shared/data/negex``."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured).expanduser()
    return REPO.parent / "shared" / "data" / "negex"


def data_file() -> Path:
    """Path of the annotated sentences file (it may not exist)."""
    return data_dir() / FILENAME


def skip_message(name: str) -> str:
    """The line printed when the data set is absent."""
    return f"{name}: skipped (data set not found at {data_file()}; set {ENV_VAR})"


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, to say whether it is the expected version."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_sentences(path: Path) -> list[Sentence]:
    """Read the tab-separated file (header row, latin-1, no quoting) into sentences."""
    with path.open(encoding="latin-1", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        return [
            Sentence(int(row[0]), row[1], row[2], row[3], row[4], row[5])
            for row in reader
            if len(row) >= 6 and row[0].strip().isdigit()
        ]


def load_annotate() -> tuple[AnnotateFn | None, str]:
    """Import ``reviewlint.narrative.annotate`` if it exists yet.

    Returns the function and an empty string, or None and the reason it is unavailable. A
    module that exists but fails to import for another reason is a bug and is not hidden.
    """
    try:
        module = importlib.import_module("reviewlint.narrative")
    except ModuleNotFoundError as exc:
        if exc.name not in ("reviewlint", "reviewlint.narrative"):
            raise
        return None, f"not available yet ({exc.name} is not importable)"
    annotate = getattr(module, "annotate", None)
    if annotate is None:
        return None, "not available yet (reviewlint.narrative has no annotate())"
    return annotate, ""


def from_matches(matches: Iterable[Any]) -> Prediction:
    """Fold reviewlint matches of concept ``target`` into one sentence-level prediction."""
    hits = [m for m in matches if m.concept == TARGET]
    if not hits:
        return NO_MATCH
    return Prediction(
        matched=True,
        negated=any(m.negated or m.denied for m in hits),
        uncertain=any(m.uncertain for m in hits),
        historical=any(m.historical for m in hits),
        hypothetical=any(m.hypothetical for m in hits),
        other=any(m.experiencer == "other" for m in hits),
    )


def predict_reviewlint(annotate: AnnotateFn, sentence: Sentence) -> Prediction:
    """Annotate one sentence with an ad-hoc concept ``target`` holding its condition."""
    concepts: Mapping[str, list[str]] = {TARGET: [sentence.term]}
    return from_matches(annotate(sentence.text, concepts))


def fmt(value: float | None, digits: int = 3) -> str:
    """A rate for the console: fixed digits, or ``n/a`` when undefined."""
    return "n/a" if value is None else f"{value:.{digits}f}"


def utf8_bytes(texts: Iterable[str]) -> int:
    """Total size of the texts in UTF-8 bytes (the unit of the MB/s figures)."""
    return sum(len(t.encode("utf-8")) for t in texts)
