"""Worker benchmark: the CPU an extraction worker spends on a page besides extraction.

:func:`collector.pool.extract_page` runs ``extract_article`` and then the rest of the
per-page work: the weighed terms and relevance score, the dedup features and signature,
the page's compression and, for a relevant page, its scored outlinks and feeds. This bench
extracts a sample of the throughput benchmark's synthetic pages once, then times
``extract_page`` with ``extract_article`` answered from those results, so the figure is
the rest alone (CPU milliseconds per page, one process, the link memo warmed on three
pages as in a running worker).

Usage::

    .venv/bin/python bench/worker.py [--site DIR] [--pages 100] [--step 20]

Without ``--site`` a 2,000-page web is generated in a temporary folder first
(``bench/throughput.py``'s generator, seed 1).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(1, str(REPO_ROOT / "bench"))

from collector import pool  # noqa: E402
from collector.extraction import Article, extract_article  # noqa: E402
from collector.relevance import build_profile  # noqa: E402
from collector.seeds import load_seeds  # noqa: E402


def generate(root: Path, pages: int) -> None:
    """Write the throughput benchmark's synthetic web of ``pages`` articles under ``root``."""
    import throughput

    vocab = throughput.load_vocabulary(REPO_ROOT / "seeds")
    rng = random.Random(1)
    outlets = throughput.plan_outlets(rng, vocab, pages, [8001, 8002, 8003, 8004])
    throughput.write_site(root, outlets, vocab, 1)


def cpu_ms(fn: Callable[..., Any], calls: list[tuple[Any, ...]]) -> float:
    """CPU milliseconds per call of ``fn`` over ``calls``."""
    start = time.process_time()
    for args in calls:
        fn(*args)
    return (time.process_time() - start) * 1000 / len(calls)


def measure(site: Path, count: int, step: int) -> None:
    files = sorted(site.rglob("*.html"))[::step][:count]
    pages = [(f.read_text(), "http://127.0.0.1:1/" + str(f.relative_to(site))) for f in files]
    seeds = load_seeds(REPO_ROOT / "seeds")
    profile = build_profile([f"{s.title}\n{s.text}" for s in seeds.seeds])
    now = datetime.now(UTC)
    articles: dict[str, Article | None] = {
        url: extract_article(html, url, now, frozenset()) for html, url in pages
    }
    pool.extract_article = lambda html, url, *rest: articles[url]  # type: ignore[assignment]
    calls = [(html, url, now, frozenset(), profile, 0.2) for html, url in pages]
    for args in calls[:3]:
        pool.extract_page(*args)
    total = cpu_ms(pool.extract_page, calls)
    found = sum(a is not None for a in articles.values())
    kb = sum(len(html) for html, _ in pages) // len(pages) // 1000
    print(f"{len(pages)} pages, {kb} KB mean, {found} articles")
    print(f"extract_page without extract_article: {total:.1f} ms/page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a generated web (default: generate one)")
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--step", type=int, default=20, help="take every STEP-th page")
    args = parser.parse_args()
    if args.site:
        measure(args.site, args.pages, args.step)
        return
    with tempfile.TemporaryDirectory() as work:
        generate(Path(work), args.pages * args.step)
        measure(Path(work), args.pages, args.step)


if __name__ == "__main__":
    main()
