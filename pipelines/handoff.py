"""Handoff pipeline (distributed workers): send each relevant article to the writer."""

from __future__ import annotations

from scrapy.crawler import Crawler

from collector.distributed import messages
from collector.distributed.shared import SharedCrawl
from collector.items import ArticleItem


class HandoffPipeline:
    """Queue gated articles in Redis for ``collector store-worker``, which deduplicates and
    stores them: DuckDB has one writer, and dedup must see every worker's articles."""

    def __init__(self, crawler: Crawler, shared: SharedCrawl) -> None:
        self.crawler = crawler
        self.shared = shared

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HandoffPipeline:
        return cls(crawler, SharedCrawl.from_settings(crawler.settings))

    def process_item(self, item: ArticleItem) -> ArticleItem:
        self.shared.send(messages.encode(messages.ARTICLE, dict(item)))
        self.crawler.stats.inc_value("distributed/articles_sent")  # type: ignore[union-attr]
        return item
