"""Gate pipeline: keep pages about the story, and grow the crawl from them."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from collector.items import ArticleItem


class GatePipeline:
    """Score each article against the topic profile; drop the off-topic ones.

    A relevant page's links, feeds and sitemaps are handed to the spider's frontier; an
    off-topic page's are not. Rejections are recorded as leads with their score.
    """

    def __init__(self, crawler: Crawler, min_relevance: float) -> None:
        self.crawler = crawler
        self.min_relevance = min_relevance

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GatePipeline:
        return cls(crawler, crawler.settings.getfloat("COLLECTOR_MIN_RELEVANCE"))

    def process_item(self, item: ArticleItem) -> ArticleItem:
        spider = self.crawler.spider
        text = f"{item.get('title') or ''}\n{item['text']}"
        item["relevance"] = round(spider.profile.score(text, item.get("language") or "en"), 4)  # type: ignore[union-attr]
        if item.get("is_seed"):
            return item
        if item["relevance"] < self.min_relevance:
            spider.record_outcome(item, "rejected", "off-topic")  # type: ignore[union-attr]
            raise DropItem(f"off-topic ({item['relevance']:.3f}): {item['url']}", log_level="DEBUG")
        spider.schedule(spider.follow_ups(item))  # type: ignore[union-attr]
        return item
