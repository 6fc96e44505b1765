"""A Scrapy extension for tests: memory the crawl's process takes once it has scraped a few
items, standing in for a crawl whose process grows (``BALLAST_MB`` after
``BALLAST_AFTER_ITEMS`` items)."""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler


class Ballast:
    def __init__(self, crawler: Crawler) -> None:
        self.after = crawler.settings.getint("BALLAST_AFTER_ITEMS", 2)
        self.megabytes = crawler.settings.getint("BALLAST_MB", 512)
        self.items = 0
        self.held: bytes | None = None
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Ballast:
        return cls(crawler)

    def item_scraped(self, *args: Any, **kwargs: Any) -> None:
        self.items += 1
        if self.held is None and self.items >= self.after:
            self.held = b"\x01" * (self.megabytes << 20)  # written, so resident
