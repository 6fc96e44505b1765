"""Store pipeline: batched, transactional writes to the DuckDB corpus."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.utils.asyncio import AsyncioLoopingCall, create_looping_call
from twisted.internet.task import LoopingCall

from collector.items import ArticleItem
from collector.spill import spill_dir, write_spill
from collector.store import Batch, StoreError, compress_html

logger = logging.getLogger(__name__)

MIDCRAWL_WAIT = 2.0


class StorePipeline:
    """Buffer articles, aliases and lead outcomes; write them in batches.

    A batch is written when it holds ``COLLECTOR_STORE_BATCH`` articles and at least every
    ``COLLECTOR_STORE_INTERVAL`` seconds, so a killed run loses at most that much work
    (its leads stay queued and the next run fetches them again). An article that replaces
    a stored copy (``item["replaced"]``) is written under the copy's id in the same
    transaction that deletes the copy's row and records it as a duplicate.

    A failed batch is rolled back, reported at ERROR and kept to be retried with the next
    flush; if the last flush fails, the batch is spilled to a file beside the corpus and
    written by the next run. While crawling, a write waits at most ``MIDCRAWL_WAIT`` seconds
    for a corpus held by another process (the reactor waits with it) and, after a failure,
    the next attempt is put off, twice as long after each failure in a row (up to eight
    intervals); only the last write waits the whole ``COLLECTOR_LOCK_TIMEOUT``.
    """

    def __init__(self, crawler: Crawler, batch_size: int, interval: float = 0.0) -> None:
        self.crawler = crawler
        self.batch_size = batch_size
        self.interval = interval
        self.batch = Batch()
        self.timer: AsyncioLoopingCall | LoopingCall | None = None
        self.retry_at = 0.0
        self.failures = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        s = crawler.settings
        return cls(
            crawler, s.getint("COLLECTOR_STORE_BATCH"), s.getfloat("COLLECTOR_STORE_INTERVAL")
        )

    def open_spider(self) -> None:
        if self.interval > 0:
            self.timer = create_looping_call(self.flush)
            self.timer.start(self.interval, now=False)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        spider = self.crawler.spider
        row: dict[str, Any] = dict(item)
        row["run_id"] = item.get("run_id") or spider.run_id  # type: ignore[union-attr]
        row["lead_origin"] = (item.get("lead") or {}).get("origin")
        if item.get("refreshed"):
            self.batch.replace(item["id"])
            self.crawler.stats.inc_value("store/articles_refreshed")  # type: ignore[union-attr]
        replaced = item.get("replaced")
        if replaced:
            self.batch.replace(item["id"])
            self.batch.add(
                "duplicates",
                {**replaced, "article_id": item["id"], "run_id": row["run_id"],
                 "found_at": datetime.now(UTC)},
            )  # fmt: skip
        self.batch.add("articles", row)
        if item.get("html") or item.get("html_zlib"):
            self.batch.add(
                "pages",
                {
                    "article_id": item["id"],
                    "url": item["url"],
                    "fetched_at": item["fetched_at"],
                    "html_zlib": item.get("html_zlib") or compress_html(item["html"]),
                },
            )
        for url in item.get("seen_urls") or [item["url"]]:
            self.batch.add("aliases", {"url": url, "article_id": item["id"]})
        spider.record_outcome(item, "stored", None)  # type: ignore[union-attr]
        if len(self.batch.rows["articles"]) >= self.batch_size:
            self.flush()
        return item

    def flush(self, wait: float | None = MIDCRAWL_WAIT) -> None:
        """Write the buffered rows and the spider's records in one transaction, waiting at
        most ``wait`` seconds for the file (None: the lock timeout)."""
        spider = self.crawler.spider
        if not hasattr(spider, "store"):  # the run stopped before it opened the corpus
            return
        store = spider.store  # type: ignore[union-attr]
        store.release()  # the read connection dedup keeps lives at most one interval
        if wait is not None and time.monotonic() < self.retry_at:
            return
        spider.drain_into(self.batch)  # type: ignore[union-attr]
        if not len(self.batch):
            return
        stats = self.crawler.stats
        assert stats is not None
        try:
            store.write(self.batch, wait=None if wait is None else min(wait, store.lock_timeout))
        except StoreError as exc:
            logger.error("Batch of %d rows not written, kept for retry: %s", len(self.batch), exc)
            stats.inc_value("store/failed_batches")
            self.failures += 1
            self.retry_at = time.monotonic() + self.interval * min(2 ** (self.failures - 1), 8)
            return
        replaced = len(self.batch.replaced)
        stats.inc_value("store/articles_written", self.batch.new_articles())
        stats.inc_value("store/articles_replaced", replaced)
        self.batch = Batch()
        self.failures = 0

    def close_spider(self) -> None:
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self.flush(wait=None)
        if len(self.batch):
            self._spill()

    def _spill(self) -> None:
        spider = self.crawler.spider
        stats = self.crawler.stats
        assert stats is not None
        folder = spill_dir(spider.config.db)  # type: ignore[union-attr]
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        name = f"run-{spider.run_id:06d}-{stamp}"  # type: ignore[union-attr]
        try:
            path = write_spill(self.batch, folder, name)
        except OSError as exc:
            stats.set_value("store/rows_lost", len(self.batch))
            logger.critical(
                "%d rows (%d articles) are lost: neither the corpus nor %s could take them (%s)",
                len(self.batch), len(self.batch.rows["articles"]), folder, exc,
            )  # fmt: skip
            return
        stats.set_value("store/rows_spilled", len(self.batch))
        stats.set_value("store/spill", str(path))
        logger.error(
            "%d rows (%d articles) could not be written to the corpus; kept in %s, "
            "the next run writes them",
            len(self.batch), len(self.batch.rows["articles"]), path,
        )  # fmt: skip
