"""Handoff pipeline (distributed workers): send each relevant article to the writer."""

from __future__ import annotations

import asyncio
import logging

from redis.exceptions import RedisError
from scrapy.crawler import Crawler

from collector.distributed import messages
from collector.distributed.shared import SharedCrawl
from collector.items import ArticleItem

logger = logging.getLogger(__name__)


class HandoffPipeline:
    """Queue gated articles in Redis for ``collector store-worker``, which deduplicates and
    stores them: DuckDB has one writer, and dedup must see every worker's articles.

    While Redis does not answer, the article waits here, and the request it came from stays
    unacknowledged: if the worker dies meanwhile, the request goes back to the frontier.
    """

    def __init__(self, crawler: Crawler, shared: SharedCrawl, retry_delay: float) -> None:
        self.crawler = crawler
        self.shared = shared
        self.retry_delay = retry_delay

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HandoffPipeline:
        s = crawler.settings
        return cls(crawler, SharedCrawl.from_settings(s), s.getfloat("COLLECTOR_HEARTBEAT"))

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        # The worker pool's bytes (signature, dedup features, compressed page) stay here: the
        # message is compressed as a whole and the writer computes what it deduplicates with.
        local = ("signature", "dedup_features", "html_zlib")
        body = {k: v for k, v in dict(item).items() if k not in local}
        message = messages.encode(messages.ARTICLE, body)
        while True:
            try:
                self.shared.send(message)
                break
            except RedisError as exc:
                logger.warning("Redis did not take %s, trying again: %s", item["url"], exc)
                await asyncio.sleep(self.retry_delay)
        self.crawler.stats.inc_value("distributed/articles_sent")  # type: ignore[union-attr]
        return item
