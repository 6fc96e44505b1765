"""Extract pipeline: HTML page -> clean article, off the reactor thread."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.asyncio import run_in_thread

from collector.extraction import extract_article
from collector.items import ArticleItem
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
    """Fill the article fields of fetched pages; drop pages that hold no article."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler)

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        if item.get("is_seed"):
            return item
        article = await run_in_thread(
            extract_article, item["html"], item["url"], item["fetched_at"]
        )
        if article is None:
            self.crawler.spider.record_outcome(item, "skipped", "no-article-text")  # type: ignore[union-attr]
            raise DropItem(f"no article text: {item['url']}", log_level="DEBUG")
        for name in ARTICLE_FIELDS:
            item[name] = getattr(article, name)
        if article.canonical_url and article.canonical_url.startswith(("http://", "https://")):
            canonical = canonicalize_url(article.canonical_url)
            item["seen_urls"] = sorted({*item.get("seen_urls", []), canonical})
            item["url"] = canonical
        item["source"] = outlet_of(item["url"])
        return item
