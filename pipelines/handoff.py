"""Handoff pipeline (distributed workers): send each relevant article to the writer."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from redis.exceptions import RedisError
from scrapy.crawler import Crawler

from collector.dedup import pack_features
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
        message = messages.encode(messages.ARTICLE, article_body(item))
        while True:
            try:
                self.shared.send(message)
                break
            except RedisError as exc:
                logger.warning("Redis did not take %s, trying again: %s", item["url"], exc)
                await asyncio.sleep(self.retry_delay)
        self.crawler.stats.inc_value("distributed/articles_sent")  # type: ignore[union-attr]
        return item


def article_body(item: ArticleItem) -> dict[str, Any]:
    """What the writer needs of an article: the page compressed (once, by the extract stage,
    else the raw page) and the packed dedup features the workers computed, so the writer,
    the crawl's one process for every article, neither compresses nor computes them again."""
    body = {k: v for k, v in item.items() if k not in ("signature", "dedup_features", "html")}
    if not body.get("html_zlib") and item.get("html"):
        body["html"] = item["html"]
    features = item.get("dedup_features")
    if features is not None:
        body["dedup_features"] = pack_features(features)
    return body
