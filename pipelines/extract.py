"""Extract pipeline: HTML page -> clean article, in worker processes off the reactor."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from collector.items import ArticleItem
from collector.pool import WorkerCrashed, WorkerPool, extract_page, parse_processes
from collector.urls import canonicalize_url, outlet_of

logger = logging.getLogger(__name__)

ARTICLE_FIELDS = (
    "title",
    "text",
    "published_at",
    "date_source",
    "modified_at",
    "authors",
    "outlet",
    "language",
    "description",
    "tags",
    "removed",
)


class ExtractPipeline:
    """Fill the article fields of fetched pages; drop pages that hold no article.

    Extraction, the near-duplicate signature and the page's compression run in a
    :class:`~collector.pool.WorkerPool` of ``COLLECTOR_EXTRACT_PROCESSES`` processes
    (``auto``: one per core; ``0``: a thread of the crawl's process).
    """

    def __init__(self, crawler: Crawler, processes: int) -> None:
        self.crawler = crawler
        self.pool = WorkerPool(processes)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler, parse_processes(crawler.settings.get("COLLECTOR_EXTRACT_PROCESSES")))

    def close_spider(self) -> None:
        self.pool.close()

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        if item.get("is_seed"):
            return item
        spider = self.crawler.spider
        try:
            result = await self.pool.run(
                extract_page, item["html"], item["url"], item["fetched_at"]
            )
        except WorkerCrashed as exc:
            logger.error("Extraction of %s crashed its worker: %s", item["url"], exc)
            spider.record_outcome(item, "failed", "extraction-crashed")  # type: ignore[union-attr]
            raise DropItem(f"extraction crashed: {item['url']}") from exc
        article = result.article
        if article is None:
            spider.record_outcome(item, "skipped", "no-article-text")  # type: ignore[union-attr]
            raise DropItem(f"no article text: {item['url']}", log_level="DEBUG")
        for name in ARTICLE_FIELDS:
            item[name] = getattr(article, name)
        item["signature"] = result.signature
        item["html_zlib"] = result.html_zlib
        if article.canonical_url and article.canonical_url.startswith(("http://", "https://")):
            canonical = canonicalize_url(article.canonical_url)
            item["seen_urls"] = sorted({*item.get("seen_urls", []), canonical})
            item["url"] = canonical
        item["source"] = outlet_of(item["url"])
        return item
