"""`make bench`: end-to-end throughput against a load-only baseline measured in the same run.

Prints a table and writes bench-results/bench.json. Targets (from the scale issue) are
ratios, so they hold on any machine: checking should cost a small multiple of reading.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from cohort import write_cohort

import reviewlint


def _timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> int:
    """Generate a cohort, time loading alone and loading plus checking, print the ratio."""
    cases = int(os.environ.get("BENCH_CASES", "2000"))
    out_dir = Path("bench-results")
    out_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cohort.jsonl"
        entries = write_cohort(path, cases)
        load_s, n = _timed(lambda: sum(1 for _ in reviewlint.load(path)))
        linter = reviewlint.Linter(["scr-core"])
        sink = Path(tmp) / "findings.json"
        check_s, report = _timed(lambda: linter.check_paths(path))
        write_s, _ = _timed(lambda: sink.write_text(report.to_json()))
    total = check_s + write_s
    rows = [
        ("cases", cases, ""),
        ("entries", entries, ""),
        (
            "load + validate only (baseline)",
            f"{load_s:.2f} s",
            f"{entries / load_s:,.0f} entries/s",
        ),
        (
            "load + check scr-core + write JSON",
            f"{total:.2f} s",
            f"{entries / total:,.0f} entries/s",
        ),
        ("ratio to baseline", f"{total / load_s:.2f}x", "target <= 3"),
        ("findings", len(report.findings), ""),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value!s:>12}  {note}")
    result = {
        "cases": cases,
        "entries": entries,
        "load_seconds": load_s,
        "end_to_end_seconds": total,
        "ratio": total / load_s,
        "entries_per_second": entries / total,
        "findings": len(report.findings),
        "loaded": n,
    }
    (out_dir / "bench.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
