"""Store memory benchmark: does writing and reading back the corpus grow the process?

A crawl writes its articles in batches of ``COLLECTOR_STORE_BATCH`` through ``Store.write``
(a new DuckDB connection each time, Arrow tables in) and deduplication reads older articles
back one at a time (``Store.article_facts``). This writes ``--articles`` synthetic articles
with their raw pages (the rows of ``bench/export_memory.py``) into a fresh corpus the same
way, reads ``--reads`` of the stored articles back after each batch, and prints the
process's mean RSS over each tenth of the run and the last tenth's against the second's.

Usage::

    .venv/bin/python bench/store_memory.py [--articles 60000] [--reads 20]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402
from export_memory import article_rows, vocabulary  # noqa: E402

from collector.settings import COLLECTOR_STORE_BATCH  # noqa: E402
from collector.store import Batch, Store  # noqa: E402


def rss_mb() -> float:
    """This process's resident memory."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=60_000)
    parser.add_argument("--reads", type=int, default=20, help="articles read back per batch")
    args = parser.parse_args()
    if args.articles < 10 * COLLECTOR_STORE_BATCH:
        parser.error(f"--articles: at least {10 * COLLECTOR_STORE_BATCH} (ten batches, to compare "
                     "tenths of the run)")  # fmt: skip
    rng, picks = np.random.default_rng(7), random.Random(7)
    words = vocabulary(rng)
    with tempfile.TemporaryDirectory(prefix="bench-store-memory-") as tmp:
        store = Store(Path(tmp) / "corpus.duckdb")
        store.load_state()
        samples: list[float] = []
        started = time.perf_counter()
        for start in range(1, args.articles + 1, COLLECTOR_STORE_BATCH):
            count = min(COLLECTOR_STORE_BATCH, args.articles + 1 - start)
            batch = Batch()
            batch.rows["articles"], batch.rows["pages"], _ = article_rows(rng, words, start, count)
            store.write(batch)
            for _ in range(args.reads):
                store.article_facts(picks.randint(1, start + count - 1))
            samples.append(rss_mb())
        store.release()
    tenths = [float(part.mean()) for part in np.array_split(np.array(samples), 10)]
    print(f"{args.articles} articles in batches of {COLLECTOR_STORE_BATCH}, {args.reads} read "
          f"back after each, {time.perf_counter() - started:.0f} s")  # fmt: skip
    print("RSS by tenth of the run, MB: " + ", ".join(f"{x:.0f}" for x in tenths))
    # The first tenth warms DuckDB's and Arrow's allocators up; growth is counted after it.
    growth_kb = (tenths[-1] - tenths[1]) * 1000 / (args.articles * 8 / 10)
    print(f"last tenth / second tenth: {tenths[-1] / tenths[1]:.3f} "
          f"({growth_kb:.2f} KB per article written)")  # fmt: skip


if __name__ == "__main__":
    main()
