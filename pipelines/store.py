"""Store pipeline: batched, transactional writes to the DuckDB corpus."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from scrapy.crawler import Crawler

from collector.items import ArticleItem
from collector.store import Batch, StoreError, compress_html

logger = logging.getLogger(__name__)


class StorePipeline:
    """Buffer articles, aliases and lead outcomes; write them in batches.

    An article that replaces a stored copy (``item["replaced"]``) is written under the copy's
    id in the same transaction that deletes the copy's row and records it as a duplicate.

    A failed batch is rolled back, reported at ERROR and kept to be retried with the next
    flush, so no article is lost to a passing lock or a full disk.
    """

    def __init__(self, crawler: Crawler, batch_size: int) -> None:
        self.crawler = crawler
        self.batch_size = batch_size
        self.batch = Batch()
        self.articles = 0
        self.replacements = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler, crawler.settings.getint("COLLECTOR_STORE_BATCH"))

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
                    "html_zlib": compress_html(item["html"]),
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
