"""CPU cost of ``extract_article`` against bare ``trafilatura.extract``, per page.

Both run in one process over the same pages, one after the other on each page (so load
from other work on the machine hits both alike); each figure is the median over the rounds
of CPU milliseconds per page (``time.process_time``), and the ratio the median of the
rounds' ratios. The pages are those of the throughput
benchmark's synthetic web (``bench/throughput.py``, generated into a temporary folder),
or every ``*.html`` under ``--pages-dir``.

Usage::

    .venv/bin/python bench/extraction_speed.py [--pages 300] [--rounds 3]
    .venv/bin/python bench/extraction_speed.py --pages-dir /tmp/tb/site2000 --limit 300
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

FETCHED_AT = datetime(2026, 3, 1, tzinfo=UTC)


def generate_pages(folder: Path, pages: int, seeds: Path, seed: int = 1) -> None:
    """Write ``pages`` article pages of the throughput benchmark's web into ``folder``."""
    import throughput  # bench/throughput.py, beside this script

    vocab = throughput.load_vocabulary(seeds)
    outlets = throughput.plan_outlets(random.Random(seed), vocab, pages, [8001, 8002, 8003, 8004])
    throughput.write_site(folder, outlets, vocab, seed)


def load_pages(folder: Path, limit: int) -> list[tuple[str, str]]:
    """(URL, HTML) of the ``*.html`` files under ``folder``, sorted, at most ``limit`` (0: all).

    The URL is made from the file's path, so dates in the path are seen as in a crawl.
    """
    paths = sorted(folder.rglob("*.html"))
    if limit:
        step = max(1, len(paths) // limit)
        paths = paths[::step][:limit]
    return [
        (f"http://{p.relative_to(folder).parts[0]}.test/{p.relative_to(folder)}", p.read_text())
        for p in paths
    ]


def measure(pages: Sequence[tuple[str, str]], rounds: int) -> dict[str, list[float]]:
    """Per round, CPU ms/page of bare ``trafilatura.extract`` and of ``extract_article``."""
    import trafilatura

    from collector.extraction import extract_article

    systems: dict[str, Callable[[str, str], object]] = {
        "trafilatura.extract": lambda html, url: trafilatura.extract(html),
        "extract_article": lambda html, url: extract_article(html, url, FETCHED_AT),
    }
    for run in systems.values():  # lazy imports and first-call caches
        for url, html in pages[:3]:
            run(html, url)
    figures: dict[str, list[float]] = {name: [] for name in systems}
    for _ in range(rounds):
        seconds = dict.fromkeys(systems, 0.0)
        for url, html in pages:
            for name, run in systems.items():
                start = time.process_time()
                run(html, url)
                seconds[name] += time.process_time() - start
        for name in systems:
            figures[name].append(seconds[name] * 1000 / len(pages))
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-dir", type=Path, help="use the *.html pages of this folder")
    parser.add_argument("--pages", type=int, default=300, help="pages to generate")
    parser.add_argument("--limit", type=int, default=0, help="at most N pages of --pages-dir")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seeds", type=Path, default=REPO_ROOT / "seeds")
    args = parser.parse_args(argv)
    if args.pages_dir:
        pages = load_pages(args.pages_dir, args.limit)
    else:
        sys.path.insert(0, str(REPO_ROOT / "bench"))
        with tempfile.TemporaryDirectory(prefix="bench-extraction-speed-") as tmp:
            generate_pages(Path(tmp), args.pages, args.seeds)
            pages = load_pages(Path(tmp), 0)
    kb = sum(len(html) for _, html in pages) / len(pages) / 1000
    print(f"{len(pages)} pages, mean {kb:.0f} KB of HTML, {args.rounds} rounds")
    figures = measure(pages, args.rounds)
    bare = figures["trafilatura.extract"]
    for name, values in figures.items():
        rounds = " ".join(f"{v:.1f}" for v in values)
        ratio = statistics.median(v / b for v, b in zip(values, bare, strict=True))
        median = statistics.median(values)
        print(f"{name:<22}{median:>7.1f} ms/page  ×{ratio:.2f}  (rounds: {rounds})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
