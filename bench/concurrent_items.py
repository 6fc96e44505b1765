"""What ``CONCURRENT_ITEMS`` costs the crawl's process for every response.

Scrapy runs the outputs of one response through ``_parallel_asyncio``, which starts
``CONCURRENT_ITEMS`` tasks whatever the number of outputs. This bench times that call on
one output, as an article page yields, for several counts (CPU milliseconds per response,
and the ratio to Scrapy's default of 100 measured in the same run).

Usage::

    .venv/bin/python bench/concurrent_items.py [--responses 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

from scrapy.settings.default_settings import CONCURRENT_ITEMS as SCRAPY_DEFAULT
from scrapy.utils.asyncio import _parallel_asyncio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from collector import settings  # noqa: E402


async def _output(item: object) -> None:
    """An output that needs no work: what is left is the cost of the tasks."""


async def cost_ms(count: int, responses: int) -> float:
    """CPU milliseconds per response of running one output with ``count`` tasks."""
    start = time.process_time()
    for _ in range(responses):
        await _parallel_asyncio([None], count, _output)
    return (time.process_time() - start) * 1000 / responses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=2000)
    args = parser.parse_args()
    counts = sorted({SCRAPY_DEFAULT, settings.CONCURRENT_ITEMS, 1, 16}, reverse=True)
    costs = {count: asyncio.run(cost_ms(count, args.responses)) for count in counts}
    baseline = costs[SCRAPY_DEFAULT]
    for count, ms in costs.items():
        note = " (Scrapy's default)" if count == SCRAPY_DEFAULT else ""
        note += " (ours)" if count == settings.CONCURRENT_ITEMS else ""
        print(f"CONCURRENT_ITEMS={count:<4} {ms:.3f} ms/response  x{ms / baseline:.2f}{note}")


if __name__ == "__main__":
    main()
