"""Distributed mode: many ``collector grow`` workers on one Redis frontier, one writer.

Workers (``collector grow --redis URL``) share scrapy-redis's scheduler queue and seen-request
filter, so each lead is fetched once across all of them; they extract and gate pages and hand
the articles, with their lead records, to a Redis list. The writer (``collector store-worker``)
is the only process that opens the DuckDB corpus: it runs the dedup and store pipelines over
that list, so deduplication stays global. See the README, "Running on several machines".
"""

from __future__ import annotations

from typing import Any

WORKER_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,
    "pipelines.gate.GatePipeline": 200,
    "pipelines.handoff.HandoffPipeline": 300,
}


def worker_settings() -> dict[str, Any]:
    """The settings that turn ``grow`` into a worker of a distributed crawl."""
    return {
        "SCHEDULER": "collector.distributed.scheduler.DistributedScheduler",
        "ITEM_PIPELINES": WORKER_PIPELINES,
    }
