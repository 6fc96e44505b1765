"""Store pipeline: batched, transactional writes to the DuckDB corpus."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.utils.asyncio import create_looping_call

from collector.items import ArticleItem
from collector.store import Batch, StoreError, compress_html

logger = logging.getLogger(__name__)


class StorePipeline:
    """Buffer articles, aliases and lead outcomes; write them in batches.

    A batch is written when it holds ``batch_size`` articles, when ``flush_seconds`` have
    passed since the last write (checked every second), and at close.

    An article that replaces a stored copy (``item["replaced"]``) is written under the copy's
    id in the same transaction that deletes the copy's row and records it as a duplicate.

    A failed batch is rolled back, reported at ERROR and kept to be retried with the next
    flush, so no article is lost to a passing lock or a full disk.
    """

    def __init__(self, crawler: Crawler, batch_size: int, flush_seconds: float = 10.0) -> None:
        self.crawler = crawler
        self.batch_size = batch_size
        self.flush_seconds = flush_seconds
        self.batch = Batch()
        self.articles = 0
        self.last_flush = time.monotonic()
        self.timer: Any = None  # the periodic flush check, while the spider runs
        self.replacements = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        s = crawler.settings
        return cls(
            crawler, s.getint("COLLECTOR_STORE_BATCH"), s.getfloat("COLLECTOR_STORE_FLUSH_SECONDS")
        )

    def open_spider(self) -> None:
        if self.flush_seconds > 0:
            self.timer = create_looping_call(self.flush_if_due)
            self.timer.start(min(self.flush_seconds, 1.0), now=False)

    def flush_if_due(self) -> None:
        """Flush when the time bound has passed since the last write (the periodic check)."""
        due = time.monotonic() - self.last_flush >= self.flush_seconds
        if due and hasattr(self.crawler.spider, "store"):
            self.flush()

    def process_item(self, item: ArticleItem) -> ArticleItem:
        spider = self.crawler.spider
        row: dict[str, Any] = dict(item)
        row["run_id"] = spider.run_id  # type: ignore[union-attr]
        row["lead_origin"] = (item.get("lead") or {}).get("origin")
        replaced = item.get("replaced")
        if replaced:
            self.replacements += 1
            self.batch.replace(item["id"])
            self.batch.add(
                "duplicates",
                {**replaced, "article_id": item["id"], "run_id": row["run_id"],
                 "found_at": datetime.now(UTC)},
            )  # fmt: skip
        self.batch.add("articles", row)
        if item.get("html"):
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
        self.articles += 1
        if len(self.batch.rows["articles"]) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        """Write everything buffered, with the spider's recorded leads and duplicates."""
        self.last_flush = time.monotonic()
        spider = self.crawler.spider
        for table, rows in spider.drain_records().items():  # type: ignore[union-attr]
            for r in rows:
                self.batch.add(table, r)
        if not len(self.batch):
            return
        try:
            spider.store.write(self.batch)  # type: ignore[union-attr]
        except StoreError as exc:
            logger.error("Batch of %d rows not written, kept for retry: %s", len(self.batch), exc)
            self.crawler.stats.inc_value("store/failed_batches")  # type: ignore[union-attr]
            return
        self.batch = Batch()

    def close_spider(self) -> None:
        spider = self.crawler.spider
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        if not hasattr(spider, "store"):
            return
        self.flush()
        stats = self.crawler.stats.get_stats()  # type: ignore[union-attr]
        status = "failed" if len(self.batch) else stats.get("finish_reason", "finished")
        counts = {
            "pages_fetched": stats.get("response_received_count", 0),
            "articles_added": self.articles - self.replacements - len(self.batch.rows["articles"]),
            "duplicates": stats.get("dedup/duplicates", 0),
            "rejected": stats.get("leads/rejected/off-topic", 0),
            "errors": stats.get("log_count/ERROR", 0),
        }
        try:
            spider.store.finish_run(spider.run_id, status, counts)  # type: ignore[union-attr]
        except StoreError as exc:
            logger.error("Run record not updated: %s", exc)
        try:
            spider.store.refresh_search_index()  # type: ignore[union-attr]
        except StoreError as exc:
            logger.warning("Search index not rebuilt (`collector search --reindex`): %s", exc)
